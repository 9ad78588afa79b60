"""The kurultai's sessions, motions, debate, public roll calls and recorded decisions."""

from __future__ import annotations

import math

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kurultai.web.committees.models import Committee, Membership


class Session(models.Model):
    """A sitting of the kurultai (or of any committee that sits as an assembly)."""

    assembly = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="sessions",
                                 verbose_name=_("assembly"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_at"]
        constraints = [models.UniqueConstraint(fields=["assembly", "number"],
                                               name="session_number_unique")]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assembly:session", args=[self.pk])

    def delegates(self):
        return self.assembly.memberships.filter(status=Membership.Status.ADMITTED,
                                                role__in=Membership.OFFICERS)

    def quorum(self) -> int:
        """Votes a roll call needs to be valid: the assembly's quorum share of its delegates."""
        return max(1, math.ceil(self.delegates().count() * float(self.assembly.quorum_share)))


class Motion(models.Model):
    """A proposal by one delegate; debated once another delegate seconds it; decided by roll call."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for a seconder")
        SECONDED = "seconded", _("in debate")
        VOTING = "voting", _("roll call open")
        CARRIED = "carried", _("carried")
        REJECTED = "rejected", _("rejected")
        NO_QUORUM = "no_quorum", _("failed for lack of quorum")

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="motions",
                                verbose_name=_("session"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("proposed by"))
    seconder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("seconded by"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PROPOSED)
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    follows = models.ForeignKey("Decision", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="followed_by", verbose_name=_("follows decision"))

    class Meta:
        ordering = ["session", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"],
                                               name="motion_number_unique")]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assembly:motion", args=[self.pk])

    def tally(self) -> dict[str, int]:
        counts = {choice: 0 for choice in RollCallVote.Choice.values}
        for row in self.votes.values("choice").annotate(n=models.Count("id")):
            counts[row["choice"]] = row["n"]
        return counts


class Comment(models.Model):
    """A contribution to the debate on a motion."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")


class RollCallVote(models.Model):
    """A delegate's public vote on a motion: the people who elected them can see it."""

    class Choice(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")
        ABSTAIN = "abstain", _("abstain")

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="roll_call_votes", verbose_name=_("delegate"))
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField(_("voted"), auto_now_add=True)

    class Meta:
        ordering = ["delegate__last_name", "delegate__first_name"]
        constraints = [models.UniqueConstraint(fields=["motion", "delegate"],
                                               name="one_roll_call_vote_per_delegate")]
        verbose_name = _("roll-call vote")
        verbose_name_plural = _("roll-call votes")


class Decision(models.Model):
    """What the assembly decided: the motion's text, the roll call's figures, and its number."""

    motion = models.OneToOneField(Motion, on_delete=models.PROTECT, related_name="decision")
    number = models.PositiveIntegerField(_("number"))
    decided_at = models.DateTimeField(_("decided"))
    yes = models.PositiveIntegerField(_("yes"))
    no = models.PositiveIntegerField(_("no"))
    abstain = models.PositiveIntegerField(_("abstain"))
    delegates = models.PositiveIntegerField(_("delegates"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.number}: {self.motion.title}"
