"""The economy the planner works on: products, resources and techniques, each with its source.

A base economy is imported from tables by the planning commission; workers' committees add
their enterprise's own techniques. Every row says where it came from (``source``), so pages can
show which parts are base data and which are reported by enterprises.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from kurultai.web.committees.models import Enterprise


class Source(models.TextChoices):
    BASE = "base", _("base data")
    ENTERPRISE = "enterprise", _("reported by an enterprise")


class EconomyImport(models.Model):
    """One import of a base economy: what it was, who imported it, and how it was made."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("how it was made"))
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("imported by"))
    products = models.PositiveIntegerField(_("products"))
    techniques = models.PositiveIntegerField(_("techniques"))
    resources = models.PositiveIntegerField(_("resources"))

    class Meta:
        ordering = ["-imported_at"]
        permissions = [("plan_economy", "Import the base economy, start plan runs, put plans to the vote")]
        verbose_name = _("base economy import")
        verbose_name_plural = _("base economy imports")

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """A product (here a sector's output), with the base target the priorities start from."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=80, blank=True)
    base_target = models.FloatField(_("base target"), default=0.0)
    base_weight = models.FloatField(_("base weight"), default=0.0)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class Resource(models.Model):
    """A primary resource (labour, imports …) and how much of it the plan period has."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=80, blank=True)
    available = models.FloatField(_("available"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.name


class Technique(models.Model):
    """A way of making one product: inputs and resources per unit of output, and a capacity."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="techniques",
                                verbose_name=_("makes"))
    capacity = models.FloatField(pgettext_lazy("production", "capacity"), null=True, blank=True,
                                 help_text=_("Most output in the plan period; empty for no limit."))
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="techniques", verbose_name=_("enterprise"))
    economy_import = models.ForeignKey(EconomyImport, on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="base_techniques")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["product__position", "source", "code"]
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class TechniqueInput(models.Model):
    """Units of a product used per unit of the technique's output (A[i, j])."""

    technique = models.ForeignKey(Technique, on_delete=models.CASCADE, related_name="inputs")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("input"))
    quantity = models.FloatField(_("per unit of output"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["technique", "product"],
                                               name="one_input_row_per_product")]


class TechniqueResource(models.Model):
    """Units of a resource used per unit of the technique's output (R[k, j])."""

    technique = models.ForeignKey(Technique, on_delete=models.CASCADE, related_name="resource_uses")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("resource"))
    quantity = models.FloatField(_("per unit of output"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["technique", "resource"],
                                               name="one_resource_row_per_resource")]


class EnterpriseSector(models.Model):
    """Which product (sector) of the economy an enterprise belongs to."""

    enterprise = models.OneToOneField(Enterprise, on_delete=models.CASCADE,
                                      related_name="economy_sector", verbose_name=_("enterprise"))
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="enterprises",
                                verbose_name=_("sector"))

    class Meta:
        verbose_name = _("enterprise's sector")
        verbose_name_plural = _("enterprises' sectors")
