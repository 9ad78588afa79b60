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


def _highs_auto(economy: Economy, **options) -> Plan:
    """HiGHS's simplex for small economies and for warm starts; its interior point method
    (with crossover, so the plan still ends on a basis) from a few thousand products on, where
    the dense Leontief inverse makes every simplex pivot cost O(n)."""
    from kurultai.planning.highs import solve_highs

    large = economy.n > 2000 and options.get("start") is None
    return solve_highs(economy, solver="ipm" if large else "choose", **options)


def _fast(economy: Economy, **options) -> Plan:
    from kurultai.planning.fast import solve_fast

    return solve_fast(economy, **options)


METHODS: dict[str, Callable[..., Plan]] = {
    "policy-iteration": _fast,
    "fast": _fast,
    "highs": _highs_auto,
    "highs-simplex": _highs("simplex"),
    "highs-ipm": _highs("ipm"),
    "highs-pdlp": _highs("pdlp"),
}
DEFAULT_METHOD = "fast"


def solve(economy: Economy, method: str | None = None, **options) -> Plan:
    """The weighted-fulfilment plan of ``economy`` with its prices; see Plan.certificate()."""
    method = method or DEFAULT_METHOD
    if method not in METHODS:
        raise ValueError(f"unknown planning method {method!r}; choose one of {', '.join(METHODS)}")
    return METHODS[method](economy, **options)
