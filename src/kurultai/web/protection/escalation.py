"""Unacknowledged alerts go up to the district when their committee's time runs out.

``escalate_due(now)`` is run by the ``protection_escalate`` command (from cron or a loop) and by
tests with a clock of their own; it never reads the wall clock itself.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction

from kurultai.web.audit.log import record
from kurultai.web.protection.access import safety_of
from kurultai.web.protection.alerts import send_emails
from kurultai.web.protection.models import Alert


def deadline(alert: Alert) -> datetime:
    return alert.raised_at + timedelta(minutes=safety_of(alert.committee).escalate_after_minutes)


def escalate_due(now: datetime) -> list[Alert]:
    """Raise a district alert for every neighbourhood alert still unacknowledged past its deadline."""
    raised: list[Alert] = []
    pending = (Alert.objects.filter(acknowledged_at__isnull=True, escalated_at__isnull=True)
               .exclude(reach=Alert.Reach.DISTRICT).select_related("incident__neighbourhood__district", "committee"))
    for alert in pending:
        if now < deadline(alert):
            continue
        district = alert.incident.neighbourhood.district
        with transaction.atomic():
            alert.escalated_at = now
            alert.save(update_fields=["escalated_at"])
            if district is not None:
                up, created = Alert.objects.get_or_create(
                    incident=alert.incident, committee=district,
                    defaults={"reach": Alert.Reach.DISTRICT, "raised_at": now})
                if created:
                    raised.append(up)
            record("alert.escalated", f"alert:{alert.pk}",
                   {"from": alert.committee.slug, "to": district.slug if district else ""})
    if raised:
        send_emails(raised)
    return raised
