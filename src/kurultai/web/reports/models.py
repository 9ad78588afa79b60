"""What enterprises actually produced, per period; their API tokens; deviation thresholds.

Reports are appended, never changed: a correction is a new row, and the latest row for an
enterprise, period and product is the one that counts, so nothing already stored is lost.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kurultai.web.committees.models import Enterprise
from kurultai.web.plans.models import PlanVersion


class ExecutionReport(models.Model):
    class Channel(models.TextChoices):
        FORM = "form", _("form")
        CSV = "csv", _("CSV upload")
        API = "api", _("API")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="reports",
                                   verbose_name=_("enterprise"))
    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="reports",
                                verbose_name=_("plan version"))
    period = models.CharField(_("period"), max_length=7)
    technique = models.CharField(_("technique"), max_length=60)
    quantity = models.FloatField(_("produced"))
    channel = models.CharField(_("sent by"), max_length=4, choices=Channel.choices)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["enterprise", "version", "period", "technique"])]
        verbose_name = _("execution report")
        verbose_name_plural = _("execution reports")


class ApiToken(models.Model):
    """A per-enterprise key for the reports API; only its SHA-256 is stored."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    label = models.CharField(_("label"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class DeviationThreshold(models.Model):
    """How far actual output may stray from the plan before the committee is alerted."""

    enterprise = models.OneToOneField(Enterprise, on_delete=models.CASCADE,
                                      related_name="deviation_threshold")
    percent = models.FloatField(_("threshold (%)"), default=10.0,
                                validators=[MinValueValidator(0.1), MaxValueValidator(100)])
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    set_at = models.DateTimeField(auto_now=True)
