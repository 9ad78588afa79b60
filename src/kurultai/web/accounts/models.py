"""Failed log-ins, kept for a short while so that a member's password cannot be guessed at speed."""

from django.db import models
from django.utils import timezone


class FailedLogin(models.Model):
    """One log-in refused for a wrong password; rows older than the throttle's window are deleted."""

    username = models.CharField(max_length=150)  # as typed, case-folded
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "at"])]
