"""Elections, their options, and the two tables of a secret ballot kept apart.

``Participation`` says who has voted; ``Ballot`` says what was voted. Nothing links them: the
ballot has no foreign key to a member, its primary key is a random receipt code, it carries no
time at all, and the only other column, ``change_tag``, is a keyed hash whose key only the voter
holds (see docs/ballot-secrecy.md, "How the platform stores ballots").
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kurultai.web.committees.models import Committee


def _new_seed() -> str:
    return secrets.token_hex(8)


class Election(models.Model):
    """A vote of one committee's admitted members: of delegates, of officers, or on a question."""

    class Rule(models.TextChoices):
        STV = "scottish-stv", _("single transferable vote (Scottish STV)")
        IRV = "irv", _("instant runoff")
        YESNO = "yes-no", _("yes or no")
        APPROVAL = "approval", _("approval")

    class Office(models.TextChoices):
        DELEGATE = "delegate", _("delegates to the body above")
        SECRETARY = "secretary", _("secretary")
        QUESTION = "question", _("question")
        RECALL = "recall", _("recall vote")

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="elections",
                                  verbose_name=_("committee"))
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question or description"), blank=True)
    rule = models.CharField(_("counting rule"), max_length=16, choices=Rule.choices)
    office = models.CharField(_("what is decided"), max_length=12, choices=Office.choices)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    seed = models.CharField(_("seed of the published lot for ties"), max_length=32,
                            default=_new_seed, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("called by"))
    created_at = models.DateTimeField(_("called"), auto_now_add=True)
    counted_at = models.DateTimeField(_("counted"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    box_fingerprint = models.CharField(_("ballot box fingerprint"), max_length=80, blank=True)
    refill_of = models.ForeignKey("Mandate", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="refills", verbose_name=_("refills the seat of"))

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("elections:detail", args=[self.pk])

    @property
    def is_ranked(self) -> bool:
        return self.rule in (self.Rule.STV, self.Rule.IRV)

    @property
    def takes_nominations(self) -> bool:
        return self.office in (self.Office.DELEGATE, self.Office.SECRETARY)

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.counted_at:
            return "counted"
        if now < self.opens_at:
            return "nominations"
        if now < self.closes_at:
            return "open"
        return "closed"

    def is_open(self, now=None) -> bool:
        return self.phase(now) == "open"


class Option(models.Model):
    """A candidate (a nominated member) or an answer to a question."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="options",
                                 verbose_name=_("election"))
    key = models.CharField(_("key"), max_length=40)
    label = models.CharField(_("name"), max_length=200)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                               blank=True, related_name="candidacies", verbose_name=_("candidate"))
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name=_("nominated by"))
    statement = models.TextField(_("statement"), blank=True)

    class Meta:
        ordering = ["election", "label"]
        constraints = [
            models.UniqueConstraint(fields=["election", "key"], name="option_key_unique"),
            models.UniqueConstraint(fields=["election", "member"], name="one_candidacy_per_election",
                                    condition=models.Q(member__isnull=False)),
        ]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.label


class Participation(models.Model):
    """That a member has voted in an election: never what, never when."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="participations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="participations")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["election", "member"],
                                               name="one_person_one_vote")]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")


class Ballot(models.Model):
    """What was voted, under a random receipt code; no member, no time, no sequence."""

    receipt = models.CharField(_("receipt code"), max_length=24, primary_key=True)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    choice = models.JSONField(_("choice"))
    change_tag = models.CharField(max_length=64, null=True, unique=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")


class Mandate(models.Model):
    """A seat won in an election: a delegate in the body above, or a committee's secretary."""

    class EndReason(models.TextChoices):
        RECALLED = "recalled", _("recalled")
        REPLACED = "replaced", _("replaced by a new election")

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="mandates",
                                 verbose_name=_("election"))
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="mandates",
                                  verbose_name=_("elected by"))
    body = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="seats",
                             verbose_name=_("sits in"))
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="mandates", verbose_name=_("holder"))
    office = models.CharField(_("office"), max_length=12, choices=Election.Office.choices)
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("ended because"), max_length=12, choices=EndReason.choices,
                                  blank=True)

    class Meta:
        ordering = ["committee", "-started_on"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")

    def __str__(self) -> str:
        return f"{self.holder} ({self.get_office_display()}, {self.committee})"

    @property
    def active(self) -> bool:
        return self.ended_on is None


class RecallPetition(models.Model):
    """Electors asking to recall a mandate; at the committee's share of signatures a vote opens."""

    class Status(models.TextChoices):
        COLLECTING = "collecting", _("collecting signatures")
        VOTING = "voting", _("recall vote open")
        CARRIED = "carried", _("recalled")
        REJECTED = "rejected", _("not recalled")

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="petitions",
                                verbose_name=_("mandate"))
    reason = models.TextField(_("reason"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("opened by"))
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    signatures_needed = models.PositiveIntegerField(_("signatures needed"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.COLLECTING)
    vote = models.OneToOneField(Election, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="recall_petition", verbose_name=_("recall vote"))

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("recall petition")
        verbose_name_plural = _("recall petitions")

    def get_absolute_url(self) -> str:
        return reverse("elections:petition", args=[self.pk])


class RecallSignature(models.Model):
    """A public signature on a recall petition: one per elector."""

    petition = models.ForeignKey(RecallPetition, on_delete=models.CASCADE, related_name="signatures")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["petition", "member"],
                                               name="one_signature_per_elector")]
