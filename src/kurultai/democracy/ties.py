"""Tie-breaking shared by the counts: earlier-stage totals first, then a seeded, reproducible lot.

The earlier-stage rule is that of the Scottish Local Government Elections Order 2007, rules 49
and 51: look back to the most recent preceding stage at which the tied candidates had unequal
totals. The statute then says "by lot"; here the lot is a published, deterministic draw (sha256
of the election's seed, the stage and the candidate id) so that anyone recounting the published
ballot box obtains the same result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class TieBreak:
    """How a tie was resolved: at which stage, among whom, by which means, and the outcome."""

    stage: int
    purpose: str
    tied: tuple[str, ...]
    method: str
    decided_at_stage: int | None
    chosen: str

    def to_dict(self) -> dict:
        return {
            "stage": self.stage,
            "purpose": self.purpose,
            "tied": list(self.tied),
            "method": self.method,
            "decided_at_stage": self.decided_at_stage,
            "chosen": self.chosen,
        }


def lot_order(seed: str, context: str, tied: Sequence[str]) -> list[str]:
    """The tied candidates in the order of a reproducible draw keyed by seed and context."""

    def ticket(candidate: str) -> str:
        return hashlib.sha256(f"{seed}\x1f{context}\x1f{candidate}".encode()).hexdigest()

    return sorted(tied, key=lambda candidate: (ticket(candidate), candidate))


def break_tie(
    tied: Sequence[str],
    history: Sequence[Mapping[str, int]],
    *,
    prefer: str,
    stage: int,
    purpose: str,
    seed: str,
) -> TieBreak:
    """Pick one of `tied` by the earlier-stage rule, else by lot.

    `history[k]` holds the totals at the end of stage k + 1; the tie arose at the end of stage
    `stage`, so stages `stage - 1`, `stage - 2`, ... are consulted, most recent first. `prefer`
    is "lowest" (choose whom to exclude) or "highest" (choose whose surplus goes first). With
    three or more tied, the field narrows at each stage consulted to those extreme there, and
    the look-back continues among them.
    """
    if prefer not in ("lowest", "highest"):
        raise ValueError(f"prefer must be 'lowest' or 'highest', got {prefer!r}")
    field = sorted(tied)
    pick = min if prefer == "lowest" else max
    decided_at = None
    for earlier in range(min(stage - 1, len(history)), 0, -1):
        totals = history[earlier - 1]
        extreme = pick(totals.get(c, 0) for c in field)
        narrowed = [c for c in field if totals.get(c, 0) == extreme]
        if len(narrowed) < len(field):
            field = narrowed
            decided_at = earlier
            if len(field) == 1:
                return TieBreak(stage, purpose, tuple(sorted(tied)), "earlier stage", earlier, field[0])
    chosen = lot_order(seed, f"{purpose}@{stage}", field)[0]
    return TieBreak(stage, purpose, tuple(sorted(tied)), "lot", decided_at, chosen)
