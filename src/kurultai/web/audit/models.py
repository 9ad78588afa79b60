"""Audit entries, each holding the hash of the one before it, and the head of the chain."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class AuditEntry(models.Model):
    """One change that matters. ``hash`` covers every other field and the previous hash."""

    seq = models.PositiveBigIntegerField(_("number"), primary_key=True)
    at = models.DateTimeField(_("time"))
    actor = models.CharField(_("by"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.subject}"


class AuditHead(models.Model):
    """The single row that every writer locks, so the chain never forks; holds the latest hash."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("audit head")
        verbose_name_plural = _("audit head")
