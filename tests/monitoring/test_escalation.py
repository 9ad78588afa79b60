"""Escalation timing with a hand-set clock: the exact moment each level is told, one level at a
time; acknowledgement and resolution stop it; repeating anything changes nothing."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kurultai.monitoring import (
    DEFAULT_POLICY,
    AlertStatus,
    DeviationRule,
    EscalationPolicy,
    ManualClock,
    MonitoringInputError,
    acknowledge,
    deviation,
    deviation_flag,
    due_escalations,
    escalate,
    raise_alert,
    resolve,
    run_escalations,
)

T0 = datetime(2010, 6, 14, 8, 0, tzinfo=UTC)
TICK = timedelta(microseconds=1)
DAY = timedelta(hours=24)


def _levels(alert):
    return [(r.level, r.at) for r in alert.path]


def test_each_level_is_told_exactly_when_the_one_below_runs_out_of_time():
    clock = ManualClock(T0)
    alerts = [raise_alert("a1", "bakery 7 below plan", clock.now())]
    assert alerts[0].due_at() == T0 + DAY

    clock.set(T0 + DAY - TICK)
    assert due_escalations(alerts, clock.now()) == []
    clock.advance(TICK)
    alerts, done = run_escalations(alerts, clock.now())
    assert [(e.from_level, e.to_level, e.due_at, e.at) for e in done] == [
        ("committee", "district", T0 + DAY, T0 + DAY)]

    clock.set(T0 + 3 * DAY - TICK)  # the district has 48 hours from when it was told
    assert due_escalations(alerts, clock.now()) == []
    clock.advance(TICK)
    alerts, done = run_escalations(alerts, clock.now())
    assert [(e.from_level, e.to_level) for e in done] == [("district", "kurultai")]
    assert _levels(alerts[0]) == [("committee", T0), ("district", T0 + DAY),
                                  ("kurultai", T0 + 3 * DAY)]

    clock.advance(timedelta(days=1000))  # the top has nobody above it
    assert alerts[0].due_at() is None
    assert due_escalations(alerts, clock.now()) == []


def test_a_late_check_moves_one_level_and_the_next_level_gets_its_full_deadline():
    alert = raise_alert("a1", "water point 3", T0)
    late = T0 + timedelta(days=10)
    [alert], done = run_escalations([alert], late)
    assert [(e.to_level, e.due_at, e.at) for e in done] == [("district", T0 + DAY, late)]
    assert alert.level == "district"  # never straight to the kurultai
    assert run_escalations([alert], late) == ([alert], [])
    assert alert.due_at() == late + 2 * DAY


def test_acknowledgement_stops_escalation_at_every_level():
    alert = raise_alert("a1", "clinic short of insulin", T0)
    acked = acknowledge(alert, T0 + timedelta(hours=3), by="member 12")
    assert (acked.status, acked.acknowledged_at, acked.acknowledged_by) == (
        AlertStatus.ACKNOWLEDGED, T0 + timedelta(hours=3), "member 12")
    assert acked.due_at() is None
    assert due_escalations([acked], T0 + timedelta(days=365)) == []

    [at_district], _ = run_escalations([alert], T0 + DAY)
    acked = acknowledge(at_district, T0 + DAY + timedelta(minutes=5), by="district 2")
    assert due_escalations([acked], T0 + timedelta(days=365)) == []
    assert acked.level == "district"


def test_resolved_alerts_never_move():
    alert = resolve(raise_alert("a1", "x", T0), T0 + timedelta(hours=1), by="member 3")
    assert alert.status is AlertStatus.RESOLVED
    assert due_escalations([alert], T0 + timedelta(days=30)) == []
    assert acknowledge(alert, T0 + timedelta(hours=2), by="m") == alert


def test_repeating_anything_changes_nothing():
    alert = raise_alert("a1", "x", T0)
    first = due_escalations([alert], T0 + DAY)
    assert due_escalations([alert], T0 + DAY) == first
    moved = escalate(alert, first[0])
    assert escalate(moved, first[0]) == moved
    acked = acknowledge(moved, T0 + DAY + TICK, by="a")
    assert acknowledge(acked, T0 + DAY + 2 * TICK, by="b") == acked
    assert resolve(resolve(acked, T0 + 2 * DAY), T0 + 3 * DAY).resolved_at == T0 + 2 * DAY


def test_an_acknowledgement_that_arrives_between_check_and_apply_wins():
    alert = raise_alert("a1", "x", T0)
    [found] = due_escalations([alert], T0 + DAY)
    acked = acknowledge(alert, T0 + DAY, by="member 1")
    assert escalate(acked, found) == acked


def test_alerts_are_escalated_in_order_of_due_time():
    alerts = [raise_alert("late", "x", T0 + timedelta(hours=2)), raise_alert("early", "y", T0),
              raise_alert("quiet", "z", T0 + timedelta(hours=23))]
    done = due_escalations(alerts, T0 + DAY + timedelta(hours=2))
    assert [(e.alert_id, e.due_at) for e in done] == [
        ("early", T0 + DAY), ("late", T0 + DAY + timedelta(hours=2))]


def test_custom_chain_and_starting_level():
    policy = EscalationPolicy(chain=("neighbourhood", "district"),
                              deadlines={"neighbourhood": timedelta(minutes=15)})
    alert = raise_alert("incident 9", "verified incident", T0, policy)
    [alert], done = run_escalations([alert], T0 + timedelta(minutes=15))
    assert _levels(alert) == [("neighbourhood", T0), ("district", T0 + timedelta(minutes=15))]
    assert due_escalations([alert], T0 + timedelta(days=1)) == []

    high = raise_alert("a2", "x", T0, level="district")
    assert high.due_at() == T0 + 2 * DAY
    assert DEFAULT_POLICY.deadlines == (("committee", DAY), ("district", 2 * DAY))


def test_an_alert_carries_the_flag_that_raised_it_and_works_in_any_timezone():
    flag = deviation_flag(deviation(100, 70, period="2010-06"), DeviationRule(0.1))
    bishkek = timezone(timedelta(hours=6))
    alert = raise_alert("a1", "bakery 7", datetime(2010, 6, 14, 14, 0, tzinfo=bishkek), flag=flag)
    assert alert.flag.what == "below_plan"
    assert [e.to_level for e in due_escalations([alert], T0 + DAY)] == ["district"]


def test_bad_input_is_named():
    with pytest.raises(MonitoringInputError, match="must be timezone-aware, got naive"):
        raise_alert("a1", "x", datetime(2010, 6, 14, 8, 0))
    with pytest.raises(MonitoringInputError, match="alert id must be non-empty text"):
        raise_alert("", "x", T0)
    with pytest.raises(MonitoringInputError, match="'ministry' is not in the escalation chain"):
        raise_alert("a1", "x", T0, level="ministry")
    alert = raise_alert("a1", "x", T0)
    with pytest.raises(MonitoringInputError, match="acknowledgement of alert 'a1' .* is before"):
        acknowledge(alert, T0 - TICK, by="m")
    with pytest.raises(MonitoringInputError, match=r"ids must be distinct, repeated: \['a1'\]"):
        run_escalations([alert, alert], T0)
    [found] = due_escalations([alert], T0 + DAY)
    with pytest.raises(MonitoringInputError, match="of alert 'a1' cannot apply to alert 'b'"):
        escalate(raise_alert("b", "x", T0), found)
    early = found.__class__("a1", "committee", "district", due_at=T0 + DAY, at=T0 + TICK)
    with pytest.raises(MonitoringInputError, match="not due to go up before"):
        escalate(alert, early)
    with pytest.raises(MonitoringInputError, match=r"deadline; missing for \['district'\]"):
        EscalationPolicy(chain=("committee", "district", "kurultai"), deadlines={"committee": DAY})
    with pytest.raises(MonitoringInputError, match="not in the chain"):
        EscalationPolicy(chain=("committee",), deadlines={"district": DAY})
    with pytest.raises(MonitoringInputError, match="must be a positive timedelta"):
        EscalationPolicy(chain=("committee", "district"), deadlines={"committee": timedelta(0)})
    with pytest.raises(MonitoringInputError, match="distinct"):
        EscalationPolicy(chain=("committee", "committee"), deadlines={"committee": DAY})
    with pytest.raises(MonitoringInputError, match="cannot move backward"):
        ManualClock(T0).set(T0 - TICK)
    with pytest.raises(MonitoringInputError, match="cannot move backward"):
        ManualClock(T0).advance(-TICK)
