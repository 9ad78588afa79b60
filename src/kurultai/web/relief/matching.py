"""Match proposals: each need gets the nearest offers of its kind until it is covered.

Greedy by need (in the order given, oldest first) and by distance within a need: simple enough
for a committee to check by hand, which matters more here than a global optimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kurultai.web.protection.geo import distance_km


@dataclass(frozen=True)
class Need:
    id: int
    kind: str
    quantity: Decimal
    lat: float
    lon: float


@dataclass(frozen=True)
class Supply:
    id: int
    kind: str
    quantity: Decimal
    lat: float
    lon: float


@dataclass(frozen=True)
class Proposal:
    need_id: int
    supply_id: int
    quantity: Decimal
    distance_km: float


def propose(needs: list[Need], supplies: list[Supply], max_km: float | None = None) -> list[Proposal]:
    """Cover each need from the nearest supplies of the same kind (ties by supply id), greedily."""
    left = {s.id: s.quantity for s in supplies}
    proposals: list[Proposal] = []
    for need in needs:
        wanted = need.quantity
        nearest = sorted(((distance_km(need.lat, need.lon, s.lat, s.lon), s.id) for s in supplies
                          if s.kind == need.kind), key=lambda pair: (pair[0], pair[1]))
        for km, supply_id in nearest:
            if wanted <= 0:
                break
            if (max_km is not None and km > max_km) or left[supply_id] <= 0:
                continue
            take = min(wanted, left[supply_id])
            left[supply_id] -= take
            wanted -= take
            proposals.append(Proposal(need.id, supply_id, take, round(km, 1)))
    return proposals
