"""Algedonic escalation: an alert nobody acknowledges in time goes up the chain, a level at a time.

Alerts are immutable values and every function takes the current time, so the rules are a pure
state machine that a test drives with exact times. An alert is raised at a level of its
policy's chain (committee, district, kurultai by default); while it stays open, the level it is
at has that level's deadline to acknowledge it, counted from when the level was told; past the
deadline it goes to the next level, which then gets its own full deadline. Acknowledged and
resolved alerts never move, no level is ever skipped, and applying the same escalation twice
changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from .detect import Flag
from .errors import MonitoringInputError
from .validate import aware


class AlertStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class EscalationPolicy:
    """The chain of levels, lowest first, and how long each level but the top has to acknowledge.

    `deadlines` may be given as a mapping level -> timedelta; it is kept as (level, deadline)
    pairs in chain order.
    """

    chain: tuple[str, ...]
    deadlines: tuple[tuple[str, timedelta], ...] | Mapping[str, timedelta]

    def __post_init__(self) -> None:
        chain = tuple(self.chain)
        if not chain:
            raise MonitoringInputError("escalation chain must name at least one level")
        for level in chain:
            if not isinstance(level, str) or not level:
                raise MonitoringInputError(
                    f"escalation level names must be non-empty text, got {level!r}")
        if len(set(chain)) != len(chain):
            raise MonitoringInputError(f"escalation levels must be distinct, got {list(chain)}")
        given = dict(self.deadlines)
        unknown = [level for level in given if level not in chain]
        if unknown:
            raise MonitoringInputError(
                f"deadlines name levels not in the chain {list(chain)}: {unknown}")
        missing = [level for level in chain[:-1] if level not in given]
        if missing:
            raise MonitoringInputError(
                f"every level below the top needs a deadline; missing for {missing}")
        for level, deadline in given.items():
            if not isinstance(deadline, timedelta) or deadline <= timedelta(0):
                raise MonitoringInputError(
                    f"deadline of level {level!r} must be a positive timedelta, got {deadline!r}")
        object.__setattr__(self, "chain", chain)
        object.__setattr__(self, "deadlines",
                           tuple((level, given[level]) for level in chain if level in given))

    def next_level(self, level: str) -> str | None:
        """The level above `level`, or None at the top."""
        position = self._position(level)
        return self.chain[position + 1] if position + 1 < len(self.chain) else None

    def deadline(self, level: str) -> timedelta | None:
        """How long `level` has before the alert goes up, or None at the top."""
        self._position(level)
        return None if self.next_level(level) is None else dict(self.deadlines)[level]

    def _position(self, level: str) -> int:
        try:
            return self.chain.index(level)
        except ValueError:
            raise MonitoringInputError(
                f"level {level!r} is not in the escalation chain {list(self.chain)}") from None


DEFAULT_POLICY = EscalationPolicy(
    chain=("committee", "district", "kurultai"),
    deadlines={"committee": timedelta(hours=24), "district": timedelta(hours=48)},
)


@dataclass(frozen=True)
class LevelReached:
    """A level was told of the alert at `at`."""

    level: str
    at: datetime


@dataclass(frozen=True)
class Alert:
    """An alert and its history: the levels it reached, and who acknowledged or resolved it when."""

    id: str
    subject: str
    policy: EscalationPolicy
    raised_at: datetime
    path: tuple[LevelReached, ...]
    status: AlertStatus = AlertStatus.OPEN
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    flag: Flag | None = None

    @property
    def level(self) -> str:
        """The level the alert is at now."""
        return self.path[-1].level

    @property
    def level_since(self) -> datetime:
        return self.path[-1].at

    @property
    def last_change(self) -> datetime:
        return max(t for t in (self.level_since, self.acknowledged_at, self.resolved_at) if t)

    def due_at(self) -> datetime | None:
        """When the alert goes up if still unacknowledged; None if it never will from here."""
        deadline = self.policy.deadline(self.level)
        if self.status is not AlertStatus.OPEN or deadline is None:
            return None
        return self.level_since + deadline


@dataclass(frozen=True)
class Escalation:
    """The alert `alert_id` goes from `from_level` to `to_level`: due at `due_at`, found at `at`."""

    alert_id: str
    from_level: str
    to_level: str
    due_at: datetime
    at: datetime


def _not_before(alert: Alert, now: object, what: str) -> datetime:
    now = aware(now, f"time of {what} of alert {alert.id!r}")
    if now < alert.last_change:
        raise MonitoringInputError(
            f"time of {what} of alert {alert.id!r} ({now.isoformat()}) is before its last change "
            f"({alert.last_change.isoformat()})")
    return now


def raise_alert(alert_id: str, subject: str, now: datetime,
                policy: EscalationPolicy = DEFAULT_POLICY, *, level: str | None = None,
                flag: Flag | None = None) -> Alert:
    """A new open alert at `level` (the bottom of the chain by default), told at `now`."""
    if not isinstance(alert_id, str) or not alert_id:
        raise MonitoringInputError(f"alert id must be non-empty text, got {alert_id!r}")
    now = aware(now, f"time alert {alert_id!r} was raised")
    level = policy.chain[0] if level is None else level
    policy.deadline(level)
    return Alert(id=alert_id, subject=subject, policy=policy, raised_at=now,
                 path=(LevelReached(level, now),), flag=flag)


def acknowledge(alert: Alert, now: datetime, by: str) -> Alert:
    """The alert acknowledged at its level; it stops escalating. Acknowledging again, or
    acknowledging a resolved alert, changes nothing."""
    if alert.status is not AlertStatus.OPEN:
        return alert
    now = _not_before(alert, now, "acknowledgement")
    return replace(alert, status=AlertStatus.ACKNOWLEDGED, acknowledged_at=now, acknowledged_by=by)


def resolve(alert: Alert, now: datetime, by: str | None = None) -> Alert:
    """The alert closed; resolving again changes nothing."""
    if alert.status is AlertStatus.RESOLVED:
        return alert
    now = _not_before(alert, now, "resolution")
    return replace(alert, status=AlertStatus.RESOLVED, resolved_at=now, resolved_by=by)


def due_escalations(alerts: Iterable[Alert], now: datetime) -> list[Escalation]:
    """Every open alert whose level's deadline has run out by `now` (at the deadline exactly
    counts), each going up one level; ordered by due time. Changes nothing itself."""
    now = aware(now, "time of the escalation check")
    found = []
    for alert in alerts:
        due = alert.due_at()
        if due is not None and now >= due:
            found.append(Escalation(alert.id, alert.level, alert.policy.next_level(alert.level),
                                    due_at=due, at=now))
    return sorted(found, key=lambda e: (e.due_at, e.alert_id))


def escalate(alert: Alert, escalation: Escalation) -> Alert:
    """The alert moved up as `escalation` says; unchanged if it was acknowledged or resolved in
    the meantime, or if this escalation was already applied."""
    if escalation.alert_id != alert.id:
        raise MonitoringInputError(
            f"escalation of alert {escalation.alert_id!r} cannot apply to alert {alert.id!r}")
    levels = [reached.level for reached in alert.path]
    step = (escalation.from_level, escalation.to_level)
    if alert.status is not AlertStatus.OPEN or step in zip(levels, levels[1:]):
        return alert
    if alert.level != escalation.from_level:
        raise MonitoringInputError(
            f"alert {alert.id!r} is at level {alert.level!r}, not {escalation.from_level!r}")
    if alert.policy.next_level(alert.level) != escalation.to_level:
        raise MonitoringInputError(
            f"alert {alert.id!r} goes from {alert.level!r} to "
            f"{alert.policy.next_level(alert.level)!r}, not {escalation.to_level!r}")
    due = alert.due_at()
    if escalation.at < due:
        raise MonitoringInputError(
            f"alert {alert.id!r} is not due to go up before {due.isoformat()}, "
            f"escalation is dated {escalation.at.isoformat()}")
    return replace(alert, path=alert.path + (LevelReached(escalation.to_level, escalation.at),))


def run_escalations(alerts: Iterable[Alert], now: datetime) -> tuple[list[Alert], list[Escalation]]:
    """The alerts after applying every escalation due at `now`, and those escalations."""
    alerts = list(alerts)
    ids = [a.id for a in alerts]
    if len(set(ids)) != len(ids):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise MonitoringInputError(f"alert ids must be distinct, repeated: {repeated}")
    found = due_escalations(alerts, now)
    by_alert = {e.alert_id: e for e in found}
    return [escalate(a, by_alert[a.id]) if a.id in by_alert else a for a in alerts], found
