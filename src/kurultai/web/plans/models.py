"""Plan runs (background tasks over a frozen snapshot), the plan versions they produce, each
enterprise's assignment in a version, and the workers' committees' reviews of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from kurultai.web.assembly.models import Motion
from kurultai.web.committees.models import Enterprise
from kurultai.web.priorities.models import PriorityRound


class PlanRun(models.Model):
    """One computation of a plan: queued in the request, run by the task worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("computing")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Stage(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        LOADING = "loading", _("reading the frozen economy")
        SOLVING = "solving", _("solving the plan")
        CERTIFYING = "certifying", _("checking the certificate")
        STORING = "storing", _("storing the plan version")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    year = models.PositiveIntegerField(_("plan year"))
    priority_round = models.ForeignKey(PriorityRound, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="plan_runs", verbose_name=_("priorities from"))
    parent = models.ForeignKey("PlanVersion", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="replans", verbose_name=_("re-plan of"))
    snapshot = models.JSONField(_("frozen inputs"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    # the relative gap of the best plan so far, while the planner reports one, then the
    # certificate's
    gap = models.FloatField(_("gap"), null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("plan run")
        verbose_name_plural = _("plan runs")

    def get_absolute_url(self) -> str:
        return reverse("plans:run", args=[self.pk])


class PlanVersion(models.Model):
    """A computed plan with its certificate: reviewed by committees, approved by the kurultai."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("in review")
        PROPOSED = "proposed", _("before the kurultai")
        APPROVED = "approved", _("approved, in force")
        SUPERSEDED = "superseded", _("replaced by a later approved plan")
        REJECTED = "rejected", _("not approved")

    number = models.PositiveIntegerField(_("version"), unique=True)
    run = models.OneToOneField(PlanRun, on_delete=models.PROTECT, related_name="version")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("re-plan of"))
    year = models.PositiveIntegerField(_("plan year"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    method = models.CharField(_("method"), max_length=40)
    seconds = models.FloatField(_("computing time (s)"))
    objective = models.FloatField(_("weighted fulfilment"))
    certificate = models.JSONField(_("certificate"))
    result = models.JSONField(_("result"))
    created_at = models.DateTimeField(_("computed"), auto_now_add=True)
    motion = models.OneToOneField(Motion, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="plan_version", verbose_name=_("motion"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self) -> str:
        return str(_("Plan %(year)s, version %(number)s") % {"year": self.year, "number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("plans:version", args=[self.number])

    @property
    def solved(self) -> bool:
        return bool(self.certificate.get("solved"))


class Assignment(models.Model):
    """What one enterprise's technique is asked to produce in a plan version."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="assignments")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="assignments")
    technique = models.CharField(_("technique"), max_length=60)
    product = models.CharField(_("product"), max_length=40)
    quantity = models.FloatField(_("asked to produce"))
    capacity = models.FloatField(pgettext_lazy("production", "capacity"), null=True, blank=True)

    class Meta:
        ordering = ["enterprise__name", "technique"]
        constraints = [models.UniqueConstraint(fields=["version", "technique"],
                                               name="one_assignment_per_technique")]

    @property
    def at_capacity(self) -> bool:
        return self.capacity is not None and self.quantity >= self.capacity * (1 - 1e-6)


class Review(models.Model):
    """A workers' committee's answer to its enterprise's assignment: accept, or object."""

    class Decision(models.TextChoices):
        ACCEPT = "accept", pgettext_lazy("assignment", "accepted")
        OBJECT = "object", _("objected")

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="reviews")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="plan_reviews")
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    revised_capacities = models.JSONField(_("revised capacities"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("by"))
    at = models.DateTimeField(_("when"), auto_now_add=True)
    replan = models.ForeignKey(PlanRun, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="objections", verbose_name=_("re-plan"))

    class Meta:
        ordering = ["-at"]
        constraints = [models.UniqueConstraint(fields=["version", "enterprise"],
                                               name="one_review_per_enterprise_and_version")]
