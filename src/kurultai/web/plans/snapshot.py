"""The frozen inputs of a plan run: the economy, the priorities and who runs which technique.

Frozen as plain JSON in the run's row when it is requested, so a run computes exactly what was
asked even if enterprises change their techniques or a new round is counted meanwhile.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from kurultai.economy.model import Catalogue, Economy
from kurultai.web.economy.models import Technique
from kurultai.web.economy.store import stored_economy
from kurultai.web.economy.views import latest_import
from kurultai.web.priorities.models import PriorityRound
from kurultai.web.priorities.targets import for_round, grouping


def economy_to_json(e: Economy) -> dict:
    a, r = e.inputs.tocsc(), e.resource_use.tocsc()
    return {
        "products": _catalogue(e.products), "techniques": _catalogue(e.techniques),
        "resources": _catalogue(e.resources), "makes": e.makes.tolist(),
        "inputs": {"indptr": a.indptr.tolist(), "indices": a.indices.tolist(), "data": a.data.tolist()},
        "resource_use": {"indptr": r.indptr.tolist(), "indices": r.indices.tolist(), "data": r.data.tolist()},
        "available": e.available.tolist(),
        "capacity": [None if not np.isfinite(c) else float(c) for c in e.capacity],
        "targets": e.targets.tolist(), "weights": e.weights.tolist(),
    }


def economy_from_json(data: dict) -> Economy:
    n, t, m = len(data["products"]["ids"]), len(data["techniques"]["ids"]), len(data["resources"]["ids"])

    def matrix(part, rows):
        return sp.csc_matrix((part["data"], part["indices"], part["indptr"]), shape=(rows, t))

    return Economy(
        products=Catalogue.of(**data["products"], kind="product"),
        techniques=Catalogue.of(**data["techniques"], kind="technique"),
        makes=np.array(data["makes"], dtype=np.int64), inputs=matrix(data["inputs"], n),
        resources=Catalogue.of(**data["resources"], kind="resource"),
        resource_use=matrix(data["resource_use"], m).tocsr(),
        available=np.array(data["available"], dtype=float),
        capacity=np.array([np.inf if c is None else c for c in data["capacity"]], dtype=float),
        targets=np.array(data["targets"], dtype=float), weights=np.array(data["weights"], dtype=float))


def _catalogue(c: Catalogue) -> dict:
    return {"ids": c.ids.tolist(), "names": c.names.tolist(),
            "units": None if c.units is None else c.units.tolist()}


def take(priority_round: PriorityRound | None) -> dict:
    """Freeze the stored economy with the targets and weights of ``priority_round``."""
    if priority_round is not None and priority_round.counted_at:
        rule = for_round(priority_round)
        economy = stored_economy(rule.targets, rule.weights)
        shares = priority_round.shares()
    else:
        economy = stored_economy()
        shares = None
    done = latest_import()
    return {
        "economy": economy_to_json(economy),
        # A list of pairs, not a mapping: PostgreSQL's jsonb does not keep the order of keys.
        "groups": [[code, members] for code, members in grouping().items()],
        "shares": shares,
        "priority_round": priority_round.pk if priority_round else None,
        "enterprises": {t.code: t.enterprise_id for t in Technique.objects.filter(enterprise__isnull=False)},
        "provenance": done.description if done else "",
        "objections": {},
    }


def with_capacities(snapshot: dict, capacities: dict[str, float]) -> dict:
    """A copy of a snapshot with some techniques' capacities revised (objections)."""
    frozen = {**snapshot, "economy": dict(snapshot["economy"]),
              "objections": {**snapshot.get("objections", {}), **capacities}}
    ids = frozen["economy"]["techniques"]["ids"]
    capacity = list(frozen["economy"]["capacity"])
    for code, value in capacities.items():
        capacity[ids.index(code)] = value
    frozen["economy"]["capacity"] = capacity
    return frozen
