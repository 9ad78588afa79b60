"""The economy of DESIGN.md's canonical planning problem, as arrays and sparse matrices.

Symbols follow the text: ``inputs`` is A (products × techniques), ``resource_use`` is R
(resources × techniques), ``available`` is b, ``capacity`` is cap, ``targets`` is d and
``weights`` is w. Construction validates everything and raises :class:`EconomyError` with a
message that names the offending item.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp


class EconomyError(ValueError):
    """Invalid economy data; the message names the item, file, row or field at fault."""


@dataclass(frozen=True)
class Catalogue:
    """Identifiers with human names (and units, for products and resources)."""

    ids: np.ndarray
    names: np.ndarray
    units: np.ndarray | None = None

    @classmethod
    def of(cls, ids, names=None, units=None, *, kind: str = "item") -> "Catalogue":
        ids = np.asarray(ids, dtype=str)
        names = ids if names is None else np.asarray(names, dtype=str)
        if units is not None:
            units = np.asarray(units, dtype=str)
        if names.shape != ids.shape or (units is not None and units.shape != ids.shape):
            raise EconomyError(
                f"{kind}s: {len(ids)} ids but {len(names)} names"
                + ("" if units is None else f" and {len(units)} units")
            )
        blank = np.flatnonzero(np.char.str_len(ids) == 0) if len(ids) else []
        if len(blank):
            raise EconomyError(f"{kind}s: empty id at position {int(blank[0])}")
        uniq, counts = np.unique(ids, return_counts=True)
        if len(uniq) != len(ids):
            dup = uniq[counts > 1]
            raise EconomyError(f"{kind}s: duplicate id {str(dup[0])!r} ({len(dup)} duplicated ids)")
        return cls(ids, names, units)

    def __len__(self) -> int:
        return len(self.ids)

    def position(self, ids, *, kind: str = "item", where: str = "") -> np.ndarray:
        """Positions of ``ids`` in this catalogue; unknown ids raise a clear error."""
        ids = np.asarray(ids, dtype=str)
        order = np.argsort(self.ids, kind="stable")
        sorted_ids = self.ids[order]
        at = np.searchsorted(sorted_ids, ids)
        at_clipped = np.minimum(at, max(len(sorted_ids) - 1, 0))
        ok = (at < len(sorted_ids)) & (sorted_ids[at_clipped] == ids) if len(sorted_ids) else np.zeros(len(ids), bool)
        if not ok.all():
            bad = int(np.flatnonzero(~ok)[0])
            raise EconomyError(f"{where}unknown {kind} id {str(ids[bad])!r} (entry {bad + 1})")
        return order[at_clipped]


@dataclass(frozen=True)
class Economy:
    """Products, techniques, primary resources and the democratic targets of one plan period."""

    products: Catalogue
    techniques: Catalogue
    makes: np.ndarray  # int (t,): the product technique j makes
    inputs: sp.csc_matrix  # A (n × t)
    resources: Catalogue
    resource_use: sp.csr_matrix  # R (m × t)
    available: np.ndarray  # b (m,)
    capacity: np.ndarray  # cap (t,), inf allowed
    targets: np.ndarray  # d (n,)
    weights: np.ndarray  # w (n,)

    def __post_init__(self):
        object.__setattr__(self, "makes", _product_numbers(self.makes, self.techniques))
        object.__setattr__(self, "inputs", _csc(self.inputs))
        object.__setattr__(self, "resource_use", sp.csr_matrix(self.resource_use, dtype=np.float64))
        for name in ("available", "capacity", "targets", "weights"):
            object.__setattr__(self, name, np.asarray(getattr(self, name), dtype=np.float64))
        _validate(self)

    @property
    def n(self) -> int:
        return len(self.products)

    @property
    def t(self) -> int:
        return len(self.techniques)

    @property
    def m(self) -> int:
        return len(self.resources)

    def output_matrix(self) -> sp.csc_matrix:
        """B: B[makes[j], j] = 1."""
        return sp.csc_matrix(
            (np.ones(self.t), (self.makes, np.arange(self.t))), shape=(self.n, self.t)
        )

    def net_matrix(self) -> sp.csc_matrix:
        """B − A, the net output of one unit of each technique."""
        return (self.output_matrix() - self.inputs).tocsc()

    def net_output(self, x: np.ndarray) -> np.ndarray:
        """y = (B − A) x."""
        return np.bincount(self.makes, weights=x, minlength=self.n) - self.inputs @ x

    def with_changes(self, **changes) -> "Economy":
        """A copy with some fields replaced (validated again)."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        fields.update(changes)
        return Economy(**fields)

    def summary(self) -> str:
        return (
            f"{self.n} products, {self.t} techniques, {self.m} resources, "
            f"{self.inputs.nnz} input coefficients, "
            f"{int(np.count_nonzero(self.targets))} targets, "
            f"{int(np.isfinite(self.capacity).sum())} capacities"
        )


def _product_numbers(makes, techniques: Catalogue) -> np.ndarray:
    """``makes`` as int64, refusing (rather than truncating) anything not a whole number."""
    raw = np.asarray(makes)
    if raw.dtype.kind in "iu":
        return raw.astype(np.int64)
    if raw.dtype.kind != "f":
        raise EconomyError(f"makes: product numbers must be whole numbers, not {raw.dtype} values")
    bad = ~np.isfinite(raw) | (raw != np.floor(raw))
    if bad.any():
        j = int(np.flatnonzero(bad.ravel())[0])
        who = f"technique {str(techniques.ids[j])!r}" if j < len(techniques) else f"entry {j}"
        raise EconomyError(f"makes: {who} makes product number {float(raw.ravel()[j])!r}, "
                           "which is not a whole number")
    return raw.astype(np.int64)


def _csc(matrix) -> sp.csc_matrix:
    a = sp.csc_matrix(matrix, dtype=np.float64)
    a.sum_duplicates()
    a.sort_indices()
    return a


def _validate(e: Economy) -> None:
    n, t, m = e.n, e.t, e.m
    shapes = {
        "makes": (e.makes.shape, (t,)),
        "inputs": (e.inputs.shape, (n, t)),
        "resource_use": (e.resource_use.shape, (m, t)),
        "available": (e.available.shape, (m,)),
        "capacity": (e.capacity.shape, (t,)),
        "targets": (e.targets.shape, (n,)),
        "weights": (e.weights.shape, (n,)),
    }
    for name, (got, want) in shapes.items():
        if got != want:
            raise EconomyError(f"{name}: shape {got} does not match {want} "
                               f"({n} products, {t} techniques, {m} resources)")
    if t and (e.makes.min() < 0 or e.makes.max() >= n):
        j = int(np.flatnonzero((e.makes < 0) | (e.makes >= n))[0])
        raise EconomyError(f"technique {str(e.techniques.ids[j])!r} makes product number "
                           f"{e.makes[j]}, outside 0..{n - 1}")
    _check_coefficients("inputs", e.inputs, e.products, e.techniques)
    _check_coefficients("resource_use", e.resource_use.tocsc(), e.resources, e.techniques)
    _check_vector("available", e.available, e.resources, allow_inf=False)
    _check_vector("capacity", e.capacity, e.techniques, allow_inf=True)
    _check_vector("targets", e.targets, e.products, allow_inf=False)
    _check_vector("weights", e.weights, e.products, allow_inf=False)
    made = np.zeros(n, dtype=bool)
    made[e.makes] = True
    orphan = np.flatnonzero((e.targets > 0) & ~made)
    if len(orphan):
        i = int(orphan[0])
        raise EconomyError(
            f"product {str(e.products.ids[i])!r} ({e.products.names[i]}) has a target "
            f"of {e.targets[i]:g} but no technique makes it"
            + (f" ({len(orphan)} such products)" if len(orphan) > 1 else "")
        )
    from kurultai.economy.productivity import check_productive

    check_productive(e)


def _check_coefficients(name: str, matrix: sp.csc_matrix, rows: Catalogue, cols: Catalogue) -> None:
    data = matrix.data
    bad = ~np.isfinite(data) | (data < 0)
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        col = int(np.searchsorted(matrix.indptr, k, side="right") - 1)
        row = int(matrix.indices[k])
        what = "NaN" if np.isnan(data[k]) else ("infinite" if np.isinf(data[k]) else "negative")
        raise EconomyError(
            f"{name}: {what} coefficient {float(data[k])!r} for {str(rows.ids[row])!r} "
            f"in technique {str(cols.ids[col])!r}"
        )


def _check_vector(name: str, values: np.ndarray, items: Catalogue, *, allow_inf: bool) -> None:
    bad = np.isnan(values) | (values < 0) | (~allow_inf & np.isinf(values))
    if bad.any():
        k = int(np.flatnonzero(bad)[0])
        what = "NaN" if np.isnan(values[k]) else ("negative" if values[k] < 0 else "infinite")
        raise EconomyError(f"{name}: {what} value {float(values[k])!r} for {str(items.ids[k])!r}")
