"""Plan against actual: each enterprise's reported output per period beside its planned share,
with deviations beyond the committee's threshold flagged."""

from __future__ import annotations

from dataclasses import dataclass

from kurultai.web.plans.models import PlanVersion
from kurultai.web.reports.models import DeviationThreshold, ExecutionReport
from kurultai.web.reports.submit import PERIODS_PER_YEAR

DEFAULT_THRESHOLD = 10.0


@dataclass
class Row:
    enterprise: object
    technique: str
    period: str
    planned: float
    actual: float
    threshold: float

    @property
    def deviation(self) -> float:
        """Relative deviation (actual − planned) / planned; 0 when nothing was planned and made."""
        if self.planned > 0:
            return (self.actual - self.planned) / self.planned
        return 0.0 if self.actual == 0 else float("inf")

    @property
    def flagged(self) -> bool:
        return deviation_flag(self.planned, self.actual, self.threshold)


def deviation_flag(planned: float, actual: float, threshold_percent: float) -> bool:
    """True when actual strays from planned by more than the threshold (in % of planned)."""
    if planned <= 0:
        return actual > 0
    return abs(actual - planned) / planned > threshold_percent / 100


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
        rows.append(Row(a.enterprise, technique, period, a.quantity / PERIODS_PER_YEAR,
                        report.quantity, thresholds.get(enterprise_id, DEFAULT_THRESHOLD)))
    return rows
