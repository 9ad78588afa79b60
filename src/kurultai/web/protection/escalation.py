"""Unacknowledged alerts go up to the district when their committee's time runs out.

The timing rules are the monitoring core's escalation state machine (kurultai.monitoring); this
module only maps the platform's alerts onto it and writes the district alerts it decides on. The
time comes from a clock passed in: the system clock in the ``protection_escalate`` command, a
hand-set one in tests.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from kurultai.monitoring import escalation as machine
from kurultai.monitoring.clock import Clock
from kurultai.web.audit.log import record
from kurultai.web.protection.access import safety_of
from kurultai.web.protection.alerts import send_emails
from kurultai.web.protection.models import Alert

NEIGHBOURHOOD, DISTRICT = "neighbourhood", "district"


def policy_for(alert: Alert) -> machine.EscalationPolicy:
    minutes = safety_of(alert.committee).escalate_after_minutes
    return machine.EscalationPolicy(chain=(NEIGHBOURHOOD, DISTRICT),
                                    deadlines={NEIGHBOURHOOD: timedelta(minutes=minutes)})


def as_machine_alert(alert: Alert) -> machine.Alert:
    """A still-open neighbourhood alert as the state machine sees it, told when it was raised."""
    return machine.raise_alert(str(alert.pk), f"incident:{alert.incident_id}", alert.raised_at, policy_for(alert))


def escalate_due(clock: Clock) -> list[Alert]:
    """Raise a district alert for every neighbourhood alert still unacknowledged past its deadline."""
    pending = {str(a.pk): a for a in Alert.objects.filter(acknowledged_at__isnull=True, escalated_at__isnull=True)
               .exclude(reach=Alert.Reach.DISTRICT).select_related("incident__neighbourhood__district", "committee")}
    _states, due = machine.run_escalations([as_machine_alert(a) for a in pending.values()], clock.now())
    raised: list[Alert] = []
    for step in due:
        alert = pending[step.alert_id]
        district = alert.incident.neighbourhood.district
        with transaction.atomic():
            alert.escalated_at = step.at
            alert.save(update_fields=["escalated_at"])
            if district is not None:
                up, created = Alert.objects.get_or_create(
                    incident=alert.incident, committee=district,
                    defaults={"reach": Alert.Reach.DISTRICT, "raised_at": step.at})
                if created:
                    raised.append(up)
            record("alert.escalated", f"alert:{alert.pk}",
                   {"from": alert.committee.slug, "to": district.slug if district else ""})
    if raised:
        send_emails(raised)
    return raised
