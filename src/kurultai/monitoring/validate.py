"""Checks on the numbers and times handed to the monitoring core, with errors naming the field."""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from numbers import Real

from .errors import MonitoringInputError


def number(value: object, field: str) -> float:
    """`value` as a finite float, or an error naming `field`."""
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        raise MonitoringInputError(f"{field} must be a number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise MonitoringInputError(f"{field} must be a finite number, got {value!r}")
    return result


def nonnegative(value: object, field: str) -> float:
    """`value` as a finite float that is not negative (a quantity of output or capacity)."""
    result = number(value, field)
    if result < 0:
        raise MonitoringInputError(f"{field} must not be negative, got {result:g}")
    return result


def probability(value: object, field: str, *, open_low: bool = True) -> float:
    """`value` as a float strictly between 0 and 1 (or in [0, 1) when `open_low` is False)."""
    result = number(value, field)
    if not ((0 < result if open_low else 0 <= result) and result < 1):
        bounds = "strictly between 0 and 1" if open_low else "at least 0 and below 1"
        raise MonitoringInputError(f"{field} must be {bounds}, got {result:g}")
    return result


def exact(value: float) -> Fraction:
    """The shortest decimal form of a float as an exact fraction: 0.1 is exactly 1/10.

    Thresholds and quantities are written in decimal by people, so comparing them exactly
    in decimal makes "exactly at the threshold" mean what the committee wrote.
    """
    return Fraction(repr(float(value)))


def aware(value: object, field: str) -> datetime:
    """`value` as a timezone-aware datetime, or an error naming `field`."""
    if not isinstance(value, datetime):
        raise MonitoringInputError(f"{field} must be a datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise MonitoringInputError(f"{field} must be timezone-aware, got naive {value.isoformat()}")
    return value


def label(periods, index: int):
    """The label of period `index`: the caller's own label, or the index itself."""
    return index if periods is None else periods[index]


def field_name(name: str, periods, index: int) -> str:
    """How an error names one value of a series: `actual[3]` or `actual for period '2024-03'`."""
    if periods is None:
        return f"{name}[{index}]"
    return f"{name} for period {periods[index]!r}"
