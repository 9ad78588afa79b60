"""The verification rule: a report stands unverified until enough independent members confirm it.

Independent means: distinct admitted members of the neighbourhood's own protection committee, not
suspended, the committee not locked down, and never the person who made the report.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.protection.access import AccessError, is_guardian, is_guardian_officer, safety_of
from kurultai.web.protection.alerts import raise_alerts
from kurultai.web.protection.models import Confirmation, Incident


def confirmations_needed(incident: Incident) -> int:
    return safety_of(incident.neighbourhood.committee).confirmations_needed


def confirm(incident: Incident, member, now=None) -> Incident:
    """Record one member's confirmation; the one that reaches the threshold verifies and alerts."""
    committee = incident.neighbourhood.committee
    if not is_guardian(member, committee):
        raise AccessError(_("Only members of this neighbourhood's protection committee confirm its reports."))
    if incident.reported_by_id is not None and incident.reported_by_id == member.pk:
        raise AccessError(_("You made this report: a confirmation must come from someone else."))
    if incident.status == Incident.Status.FALSE:
        raise AccessError(_("This report was marked false."))
    now = now or timezone.now()
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        try:
            with transaction.atomic():
                Confirmation.objects.create(incident=incident, member=member)
        except IntegrityError as error:
            raise AccessError(_("You have already confirmed this report.")) from error
        record("incident.confirmed", f"incident:{incident.pk}", {}, actor=member)
        if incident.status == Incident.Status.UNVERIFIED and \
                incident.confirmations.count() >= confirmations_needed(incident):
            incident.status, incident.settled_at = Incident.Status.VERIFIED, now
            incident.save(update_fields=["status", "settled_at"])
            record("incident.verified", f"incident:{incident.pk}", {}, actor=member)
            raise_alerts(incident, now)
    return incident


def mark_false(incident: Incident, officer, note: str) -> Incident:
    """Rumour control: an officer of the committee marks a report false, with a public note."""
    if not is_guardian_officer(officer, incident.neighbourhood.committee):
        raise AccessError(_("Only the secretary or a delegate of this neighbourhood's protection committee "
                            "can mark a report false."))
    note = note.strip()
    if not note:
        raise AccessError(_("Say why the report is false: the note is shown to everyone."))
    with transaction.atomic():
        incident.status, incident.false_note = Incident.Status.FALSE, note
        incident.settled_at, incident.settled_by = timezone.now(), officer
        incident.save(update_fields=["status", "false_note", "settled_at", "settled_by"])
        incident.alerts.filter(acknowledged_at__isnull=True).update(acknowledged_at=incident.settled_at,
                                                                   acknowledged_by=officer)
        record("incident.marked_false", f"incident:{incident.pk}", {"note": note}, actor=officer)
    return incident
