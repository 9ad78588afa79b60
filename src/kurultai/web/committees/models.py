"""Committees, who belongs to them in which role, and the enterprises workers' committees run.

Nothing here records a person's ethnicity, religion or origin, and nothing may: in a pogrom a
list of who is who is a weapon.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kurultai.web.voting_core import signatures_for


class Committee(models.Model):
    """A body of members that admits, elects and decides; its delegates sit in ``parent``."""

    class Kind(models.TextChoices):
        WORKPLACE = "workplace", _("workplace committee")
        NEIGHBOURHOOD = "neighbourhood", _("neighbourhood committee")
        DISTRICT = "district", _("district committee")
        PROTECTION = "protection", _("protection committee")
        KURULTAI = "kurultai", _("kurultai")

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    place = models.CharField(_("place"), max_length=100, blank=True)
    parent = models.ForeignKey("self", verbose_name=_("sends delegates to"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    description = models.TextField(_("description"), blank=True)
    delegate_seats = models.PositiveSmallIntegerField(_("delegate seats"), default=1)
    recall_share = models.DecimalField(
        _("share of electors needed to open a recall vote"), max_digits=4, decimal_places=3,
        default=Decimal("0.200"), validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(1)])
    quorum_share = models.DecimalField(
        _("quorum (share of members voting)"), max_digits=4, decimal_places=3,
        default=Decimal("0.500"), validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(1)])

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committees:detail", args=[self.slug])

    def admitted(self):
        return self.memberships.filter(status=Membership.Status.ADMITTED)

    def electors_count(self) -> int:
        return self.admitted().count()

    def signatures_needed(self) -> int:
        """Signatures a recall petition needs: the recall share of the electors, rounded up."""
        return signatures_for(self.electors_count(), self.recall_share)

    def role_of(self, user) -> str | None:
        if not getattr(user, "is_authenticated", False):
            return None
        membership = self.memberships.filter(member=user, status=Membership.Status.ADMITTED).first()
        return membership.role if membership else None

    def is_secretary(self, user) -> bool:
        return self.role_of(user) == Membership.Role.SECRETARY

    def is_officer(self, user) -> bool:
        return self.role_of(user) in Membership.OFFICERS

    def is_elector(self, user) -> bool:
        return self.role_of(user) is not None


class Membership(models.Model):
    """A member's place in a committee: applied, then admitted by the secretary."""

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        SECRETARY = "secretary", _("secretary")
        DELEGATE = "delegate", _("delegate")

    class Status(models.TextChoices):
        APPLIED = "applied", _("waiting for admission")
        ADMITTED = "admitted", _("admitted")

    OFFICERS = (Role.SECRETARY, Role.DELEGATE)

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships",
                                  verbose_name=_("committee"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="memberships", verbose_name=_("member"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.APPLIED)
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    admitted_at = models.DateTimeField(_("admitted"), null=True, blank=True)
    admitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("admitted by"))

    class Meta:
        ordering = ["committee", "member__last_name", "member__first_name"]
        constraints = [models.UniqueConstraint(fields=["committee", "member"],
                                               name="one_membership_per_committee")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.member} @ {self.committee}"


class Enterprise(models.Model):
    """A workplace run by its workers' committee: only that committee's officers edit it."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    committee = models.OneToOneField(Committee, on_delete=models.PROTECT, related_name="enterprise",
                                     verbose_name=_("workers' committee"),
                                     limit_choices_to={"kind": Committee.Kind.WORKPLACE})
    sector = models.CharField(_("sector"), max_length=100)
    place = models.CharField(_("place"), max_length=100)
    workers = models.PositiveIntegerField(_("workers"), default=0)
    description = models.TextField(_("description"), blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committees:enterprise", args=[self.slug])
