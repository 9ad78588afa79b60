"""Escalation timing, driven by a hand-set clock through the monitoring core's state machine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core import mail

from kurultai.monitoring.clock import ManualClock
from kurultai.web.protection.access import safety_of
from kurultai.web.protection.alerts import acknowledge
from kurultai.web.protection.escalation import escalate_due
from kurultai.web.protection.models import Alert
from kurultai.web.protection.services import report
from kurultai.web.protection.verification import confirm

T0 = datetime(2010, 6, 11, 23, 0, tzinfo=UTC)


def _verified(world, at):
    incident = report(None, neighbourhood=world.a, street="Navoi street", what="Shots heard",
                      happened_at=at - timedelta(minutes=10), seriousness=4)
    confirm(incident, world.people["a1"], at)
    confirm(incident, world.people["a2"], at)
    return incident


def _district_alerts():
    return list(Alert.objects.filter(reach=Alert.Reach.DISTRICT).values_list("committee__slug", "raised_at"))


def test_unacknowledged_alerts_reach_the_district_exactly_at_the_deadline(world):
    clock = ManualClock(T0)
    _verified(world, T0)
    clock.advance(timedelta(minutes=14, seconds=59))
    assert escalate_due(clock) == [] and _district_alerts() == []
    clock.advance(timedelta(seconds=1))
    raised = escalate_due(clock)
    assert [a.committee.slug for a in raised] == ["district"]
    # Both the own and the adjacent committee's alerts were unacknowledged: one district alert.
    assert _district_alerts() == [("district", T0 + timedelta(minutes=15))]
    assert Alert.objects.filter(escalated_at=T0 + timedelta(minutes=15)).count() == 2
    clock.advance(timedelta(hours=1))
    assert escalate_due(clock) == []


def test_an_acknowledged_alert_does_not_escalate(world):
    clock = ManualClock(T0)
    incident = _verified(world, T0)
    for alert in incident.alerts.all():
        acknowledge(alert, world.people["asec" if alert.committee == world.a.committee else "b1"],
                    T0 + timedelta(minutes=3))
    clock.advance(timedelta(hours=2))
    assert escalate_due(clock) == [] and _district_alerts() == []


def test_one_acknowledgement_leaves_the_other_committees_alert_to_escalate(world):
    clock = ManualClock(T0)
    incident = _verified(world, T0)
    acknowledge(incident.alerts.get(committee=world.a.committee), world.people["a3"], T0 + timedelta(minutes=1))
    clock.advance(timedelta(minutes=15))
    escalate_due(clock)
    assert list(Alert.objects.filter(escalated_at__isnull=False).values_list("committee__slug", flat=True)) == [
        "b-protection"]
    assert _district_alerts() == [("district", T0 + timedelta(minutes=15))]


def test_each_committee_sets_its_own_deadline(world):
    for committee, minutes in [(world.a.committee, 5), (world.b.committee, 30)]:
        safety = safety_of(committee)
        safety.escalate_after_minutes = minutes
        safety.save()
    clock = ManualClock(T0)
    _verified(world, T0)
    clock.advance(timedelta(minutes=5))
    escalate_due(clock)
    assert set(Alert.objects.filter(escalated_at__isnull=False).values_list("committee__slug", flat=True)) == {
        "a-protection"}
    clock.advance(timedelta(minutes=25))
    escalate_due(clock)
    assert Alert.objects.filter(escalated_at__isnull=False).count() == 2
    assert _district_alerts() == [("district", T0 + timedelta(minutes=5))]


def test_alerts_and_escalations_are_emailed_when_email_is_on(world, settings, django_capture_on_commit_callbacks):
    settings.PROTECTION_ALERT_EMAILS = True
    clock = ManualClock(T0)
    with django_capture_on_commit_callbacks(execute=True):
        _verified(world, T0)
    # A's committee: asec, a1, a2, a3; B's: bsec, b1.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        f"{u}@example.org" for u in ["asec", "a1", "a2", "a3", "bsec", "b1"])
    assert "Navoi street" in mail.outbox[0].body and "DANGER TO LIFE" in mail.outbox[0].body
    mail.outbox.clear()
    clock.advance(timedelta(minutes=15))
    escalate_due(clock)
    assert [m.to for m in mail.outbox] == [["dsec@example.org"]]


def test_the_command_escalates_with_the_system_clock(world):
    from django.core.management import call_command
    from django.utils import timezone

    _verified(world, timezone.now() - timedelta(minutes=20))
    call_command("protection_escalate")
    assert [slug for slug, _at in _district_alerts()] == ["district"]
