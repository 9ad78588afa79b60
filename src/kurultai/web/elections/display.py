"""Turn a stored result into rows a template can show: the stage-by-stage table and totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass
class Row:
    key: str
    label: str
    cells: list = field(default_factory=list)
    elected: bool = False
    excluded: bool = False


def _heading(action: str, candidate: str | None, labels: dict[str, str]) -> str:
    name = labels.get(candidate, candidate or "")
    if action == "first":
        return _("First preferences")
    if action == "surplus":
        return _("Surplus of %(name)s") % {"name": name}
    return _("Exclusion of %(name)s") % {"name": name}


def _stages(result: dict) -> list[dict]:
    """STV stages as they are; IRV rounds in the same shape (round 1 is first preferences)."""
    if "stages" in result:
        return result["stages"]
    stages, previous = [], None
    for number, rnd in enumerate(result.get("rounds", []), start=1):
        stages.append({
            "number": number,
            "action": "first" if number == 1 else "exclusion",
            "candidate": previous,
            "transfers": rnd.get("transfers", {}),
            "totals": rnd.get("totals", {}),
            "non_transferable": rnd.get("exhausted", 0),
            "non_transferable_total": rnd.get("exhausted_total", 0),
        })
        previous = rnd.get("eliminated")
    return stages


def stage_table(result: dict, labels: dict[str, str]) -> dict:
    """Rows of candidates by stages: each cell is (change in the stage, total after it)."""
    stages = _stages(result)
    elected = set(result.get("elected", []))
    excluded = set(result.get("excluded", [])) | {r.get("eliminated") for r in result.get("rounds", [])}
    rows = [Row(key, labels.get(key, key), elected=key in elected, excluded=key in excluded)
            for key in result.get("candidates", [])]
    for row in rows:
        for stage in stages:
            total = stage["totals"].get(row.key)
            row.cells.append((Decimal(str(stage["transfers"].get(row.key, 0))),
                              None if total is None else Decimal(str(total))))
    lost = [(Decimal(str(s["non_transferable"])), Decimal(str(s["non_transferable_total"])))
            for s in stages]
    headings = [(s["number"], _heading(s["action"], s.get("candidate"), labels)) for s in stages]
    order = {key: i for i, key in enumerate(result.get("elected", []))}
    rows.sort(key=lambda r: (order.get(r.key, len(order)), r.label))
    return {"headings": headings, "rows": rows, "non_transferable": lost,
            "tie_breaks": result.get("tie_breaks", [])}


def totals_table(result: dict, labels: dict[str, str]) -> list[tuple[str, int, int, bool]]:
    """(label, votes, percent, winning) for approval counts and yes/no questions."""
    if "totals" in result:
        totals = result["totals"]
        base = max(1, result.get("ballots", 0))
        winners = set(result.get("elected", []))
    else:
        totals = {key: result.get(key, 0) for key in ("yes", "no", "abstain")}
        base = max(1, result.get("participants", 0))
        winners = {"yes"} if result.get("carried") else set()
    rows = [(labels.get(key, key), n, round(100 * n / base), key in winners)
            for key, n in totals.items()]
    return sorted(rows, key=lambda r: -r[1])
