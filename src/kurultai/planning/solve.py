"""One entry point, ``solve``, over the planners; each backend is a function behind a name."""

from __future__ import annotations

from collections.abc import Callable

from kurultai.economy.model import Economy
from kurultai.planning.plan import Plan


def _highs(solver: str) -> Callable[..., Plan]:
    def run(economy: Economy, **options) -> Plan:
        from kurultai.planning.highs import solve_highs

        return solve_highs(economy, solver=solver, **options)

    return run


METHODS: dict[str, Callable[..., Plan]] = {
    "highs": _highs("choose"),
    "highs-simplex": _highs("simplex"),
    "highs-ipm": _highs("ipm"),
    "highs-pdlp": _highs("pdlp"),
}
DEFAULT_METHOD = "highs"


def solve(economy: Economy, method: str | None = None, **options) -> Plan:
    """The weighted-fulfilment plan of ``economy`` with its prices; see Plan.certificate()."""
    method = method or DEFAULT_METHOD
    if method not in METHODS:
        raise ValueError(f"unknown planning method {method!r}; choose one of {', '.join(METHODS)}")
    return METHODS[method](economy, **options)
