"""Priority rounds: members spread a budget of points over product groups, in secret.

As in elections, ``PriorityParticipation`` says who has voted and ``PriorityBallot`` what was
voted, with nothing linking them: the ballot's key is a random receipt code, it has no member,
no time and no sequence, and ``change_tag`` is a keyed hash whose key only the voter holds.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kurultai.web.economy.models import Product
from kurultai.web.priorities.groups import GROUP_NAMES


class ProductGroup(models.Model):
    """What members vote on: food, housing, water … each a share of some products."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(GROUP_NAMES.get(self.code, self.name))


class GroupProduct(models.Model):
    """The fraction of a product's final demand that belongs to a group."""

    group = models.ForeignKey(ProductGroup, on_delete=models.CASCADE, related_name="members")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="groups")
    fraction = models.FloatField(_("fraction"), default=1.0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "product"],
                                               name="product_once_per_group")]


class PriorityRound(models.Model):
    """A vote of every admitted member on how to share the plan's effort between groups."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    budget = models.PositiveIntegerField(_("points to spread"), default=100)
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("called by"))
    counted_at = models.DateTimeField(_("counted"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    box = models.JSONField(_("ballot box"), null=True, blank=True)
    box_fingerprint = models.CharField(_("ballot box fingerprint"), max_length=80, blank=True)

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("priority round")
        verbose_name_plural = _("priority rounds")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("priorities:round", args=[self.pk])

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.counted_at:
            return "counted"
        if now < self.opens_at:
            return "announced"
        if now < self.closes_at:
            return "open"
        return "closed"

    def is_open(self, now=None) -> bool:
        return self.phase(now) == "open"

    def shares(self) -> dict[str, float] | None:
        return None if not self.result else self.result["shares_float"]


class PriorityParticipation(models.Model):
    """That a member has voted in a round: never what, never when."""

    round = models.ForeignKey(PriorityRound, on_delete=models.PROTECT, related_name="participations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="priority_participations")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "member"],
                                               name="one_priority_ballot_per_member")]


class PriorityBallot(models.Model):
    """Points per group under a random receipt code; no member, no time, no sequence."""

    receipt = models.CharField(_("receipt code"), max_length=24, primary_key=True)
    round = models.ForeignKey(PriorityRound, on_delete=models.PROTECT, related_name="ballots")
    points = models.JSONField(_("points"))
    change_tag = models.CharField(max_length=64, null=True, unique=True)
