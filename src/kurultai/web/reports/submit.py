"""Checking and storing execution reports, whichever way they come (form, CSV, API).

A batch is checked whole before anything is written, and written in one transaction: a bad
line rejects the batch with errors naming each field, and leaves every stored report as it was.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kurultai.web.audit.log import record
from kurultai.web.committees.models import Enterprise
from kurultai.web.plans.models import PlanVersion
from kurultai.web.reports.models import ExecutionReport

PERIOD = re.compile(r"^(\d{4})-Q([1-4])$")
PERIODS_PER_YEAR = 4


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ReportError(Exception):
    """A rejected report: every problem found, each naming its field."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Line:
    technique: str
    quantity: float


def periods(year: int) -> list[str]:
    return [f"{year}-Q{q}" for q in range(1, PERIODS_PER_YEAR + 1)]


def check(enterprise: Enterprise, version: PlanVersion | None, period, lines, note="") -> list[Line]:
    """The report's lines if everything is right, else ReportError listing every problem."""
    errors: list[FieldError] = []
    if version is None:
        raise ReportError([FieldError("plan", _("There is no approved plan to report against."))])
    if not isinstance(period, str) or not PERIOD.match(period):
        errors.append(FieldError("period", _("%(value)r is not a period like %(example)s.")
                                 % {"value": period, "example": f"{version.year}-Q1"}))
    elif int(period[:4]) != version.year:
        errors.append(FieldError("period", _("%(value)s is not in the plan year %(year)s.")
                                 % {"value": period, "year": version.year}))
    if not isinstance(note, str) or len(note) > 300:
        errors.append(FieldError("note", _("must be text of at most 300 characters.")))
    known = set(version.assignments.filter(enterprise=enterprise).values_list("technique", flat=True))
    if not isinstance(lines, list) or not lines:
        errors.append(FieldError("lines", _("must be a non-empty list of {technique, quantity}.")))
        raise ReportError(errors)
    clean, seen = [], set()
    for n, line in enumerate(lines):
        where = f"lines[{n}]"
        if not isinstance(line, dict):
            errors.append(FieldError(where, _("must be an object with technique and quantity.")))
            continue
        extra = sorted(set(line) - {"technique", "quantity"})
        if extra:
            errors.append(FieldError(f"{where}.{extra[0]}", _("is not a field of a report line.")))
        technique, quantity = line.get("technique"), line.get("quantity")
        if not isinstance(technique, str) or technique not in known:
            errors.append(FieldError(f"{where}.technique",
                                     _("%(value)r is not a technique of %(enterprise)s in the plan.")
                                     % {"value": technique, "enterprise": enterprise.name}))
        elif technique in seen:
            errors.append(FieldError(f"{where}.technique", _("%(value)s is reported twice.")
                                     % {"value": technique}))
        seen.add(technique)
        if isinstance(quantity, bool) or not isinstance(quantity, (int, float)) \
                or not math.isfinite(quantity) or quantity < 0:
            errors.append(FieldError(f"{where}.quantity",
                                     _("%(value)r is not a number of zero or more.") % {"value": quantity}))
        elif isinstance(technique, str):
            clean.append(Line(technique, float(quantity)))
    if errors:
        raise ReportError(errors)
    return clean


def store(enterprise: Enterprise, version: PlanVersion | None, period, lines, channel: str,
          user=None, note: str = "") -> list[ExecutionReport]:
    """Check, then append all lines in one transaction (a later row supersedes an earlier one)."""
    clean = check(enterprise, version, period, lines, note)
    with transaction.atomic():
        rows = [ExecutionReport.objects.create(enterprise=enterprise, version=version, period=period,
                                               technique=line.technique, quantity=line.quantity,
                                               channel=channel, submitted_by=user, note=note)
                for line in clean]
        record("report.submitted", f"enterprise:{enterprise.slug}",
               {"version": version.number, "period": period, "channel": channel,
                "lines": {line.technique: line.quantity for line in clean}}, actor=user)
    return rows


def parse_csv(text: str) -> list[tuple[str, list[dict]]]:
    """CSV with columns period, technique, quantity → [(period, lines)], rows named on error."""
    reader = csv.DictReader(io.StringIO(text))
    header = [c.strip() for c in reader.fieldnames or []]
    missing = [c for c in ("period", "technique", "quantity") if c not in header]
    if missing:
        raise ReportError([FieldError("header", _("the column %(column)s is missing.")
                                      % {"column": missing[0]})])
    batches: dict[str, list[dict]] = {}
    errors = []
    for n, raw in enumerate(reader, start=1):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        try:
            quantity = float(row["quantity"])
        except ValueError:
            errors.append(FieldError(_("row %(row)s, column quantity") % {"row": n},
                                     _("%(value)r is not a number.") % {"value": row["quantity"]}))
            continue
        batches.setdefault(row["period"], []).append({"technique": row["technique"], "quantity": quantity})
    if errors:
        raise ReportError(errors)
    if not batches:
        raise ReportError([FieldError("file", _("has no rows."))])
    return list(batches.items())


def store_csv(enterprise, version, text: str, user) -> int:
    """All periods of a CSV file, all or nothing; the number of lines stored."""
    batches = parse_csv(text)
    errors = []
    for period, lines in batches:
        try:
            check(enterprise, version, period, lines)
        except ReportError as error:
            errors += [FieldError(f"{period}: {e.field}", e.message) for e in error.errors]
    if errors:
        raise ReportError(errors)
    with transaction.atomic():
        return sum(len(store(enterprise, version, period, lines, ExecutionReport.Channel.CSV, user))
                   for period, lines in batches)
