"""Where the current time comes from: the system clock in the platform, a hand-set one in tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

from .errors import MonitoringInputError
from .validate import aware


class Clock(Protocol):
    """Anything that tells the current, timezone-aware time."""

    def now(self) -> datetime: ...


class SystemClock:
    """The machine's clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to, so tests control time exactly."""

    def __init__(self, start: datetime) -> None:
        self._now = aware(start, "clock start")

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by `delta` (never backward) and return the new time."""
        if delta < timedelta(0):
            raise MonitoringInputError(f"a clock cannot move backward, got {delta}")
        self._now += delta
        return self._now

    def set(self, when: datetime) -> datetime:
        """Move to `when`, which must not be earlier than now."""
        when = aware(when, "clock time")
        if when < self._now:
            raise MonitoringInputError(f"a clock cannot move backward, from {self._now} to {when}")
        self._now = when
        return self._now
