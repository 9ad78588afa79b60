"""Plan against actual: each enterprise's reported output per period beside its planned share,
flagged by the monitoring core's deviation rule with the committee's threshold."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from kurultai.monitoring import DeviationRule, Flag, deviation, deviation_flag
from kurultai.web.plans.models import PlanVersion
from kurultai.web.reports.models import DeviationThreshold, ExecutionReport
from kurultai.web.reports.submit import PERIODS_PER_YEAR
from kurultai.web.reports.wording import say

DEFAULT_THRESHOLD = 10.0


@dataclass
class Row:
    enterprise: object
    technique: str
    period: str
    planned: float
    actual: float
    threshold: float  # percent of planned, as the committee set it

    @property
    def deviation(self) -> float:
        """Relative deviation (actual − planned) / planned; 0 when nothing was planned and made."""
        relative = deviation(self.planned, self.actual, self.period).relative
        return float("inf") if relative is None else relative

    @cached_property
    def flag(self) -> Flag | None:
        """The monitoring core's flag: beyond the threshold strictly, critical beyond twice it."""
        return deviation_flag(deviation(self.planned, self.actual, self.period),
                              DeviationRule(self.threshold / 100))

    @property
    def flagged(self) -> bool:
        return self.flag is not None

    @property
    def flag_what(self) -> str:
        return say(self.flag.what, self.flag.params) if self.flag else ""

    @property
    def flag_why(self) -> str:
        return say(self.flag.why, self.flag.params) if self.flag else ""

    @property
    def flag_severity(self) -> str:
        return say(self.flag.severity.value) if self.flag else ""


def latest_reports(version: PlanVersion, enterprise=None) -> dict[tuple[int, str, str], ExecutionReport]:
    """The latest report per (enterprise, technique, period): later rows supersede earlier ones."""
    reports = ExecutionReport.objects.filter(version=version)
    if enterprise is not None:
        reports = reports.filter(enterprise=enterprise)
    latest = {}
    for report in reports.order_by("submitted_at", "pk"):
        latest[(report.enterprise_id, report.technique, report.period)] = report
    return latest


def plan_vs_actual(version: PlanVersion, enterprise=None) -> list[Row]:
    """One row per reported (enterprise, technique, period), planned being a quarter of the year."""
    assignments = {(a.enterprise_id, a.technique): a for a in
                   version.assignments.select_related("enterprise")}
    thresholds = dict(DeviationThreshold.objects.values_list("enterprise_id", "percent"))
    rows = []
    for (enterprise_id, technique, period), report in sorted(latest_reports(version, enterprise).items(),
                                                             key=lambda kv: (kv[0][2], kv[0][1])):
        a = assignments.get((enterprise_id, technique))
        if a is None:
            continue
        # The solver's round-off can leave an assignment a hair below zero: that is nothing planned.
        rows.append(Row(a.enterprise, technique, period, max(a.quantity, 0.0) / PERIODS_PER_YEAR,
                        report.quantity, thresholds.get(enterprise_id, DEFAULT_THRESHOLD)))
    return rows
