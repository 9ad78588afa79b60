"""A pymrio ``IOSystem`` (one region, or one region of a multi-region table) as an Economy.

Every sector (of every region, or of the chosen region) becomes a product made by one technique
with the system's coefficients A. Each extension row (value added, employment, emissions …)
becomes a resource used per unit of output (pymrio's S) and available in the amount the table
records. For one region of a multi-region system, intermediate purchases from the other
regions become an ``imports`` resource and sales to the other regions' industries count as
final demand. Targets are final demand (negative entries, such as stock draw-downs, become 0).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from kurultai.economy.model import Catalogue, Economy, EconomyError

if TYPE_CHECKING:
    import pymrio


def _pymrio():
    """pymrio, imported on first use: it is an optional dependency (the ``io`` extra)."""
    try:
        import pymrio
    except ImportError as err:
        raise EconomyError("reading a pymrio system needs pymrio: "
                           "pip install 'kurultai[io]'") from err
    return pymrio


def from_pymrio(io_system: pymrio.IOSystem, region: str | None = None, *,
                extensions: list[str] | None = None) -> Economy:
    """The economy of ``io_system`` (all regions, or only ``region``).

    ``extensions`` names the extensions (as ``io_system.get_extensions()`` lists them) whose
    rows become resources; all of them by default.
    """
    pymrio = _pymrio()
    z, x = _flows_and_output(io_system)
    index = z.index
    final = (io_system.Y.sum(axis=1).reindex(index).to_numpy() if io_system.Y is not None
             else x - z.sum(axis=1).to_numpy())
    regions = list(io_system.get_regions())
    if region is None:
        keep = np.ones(len(index), dtype=bool)
        targets = final
    else:
        if region not in regions:
            raise EconomyError(f"pymrio system: no region {region!r} (regions: "
                               f"{', '.join(map(str, regions))})")
        keep = (index.get_level_values(0) == region)
        exports = z.to_numpy()[np.ix_(keep, ~keep)].sum(axis=1)
        targets = final[keep] + exports
    single = region is not None or len(regions) == 1
    sectors = index[keep]
    ids = [str(s[1]) if single else f"{s[0]}/{s[1]}" for s in sectors]
    names = [str(s[1]) if single else f"{s[1]} ({s[0]})" for s in sectors]
    units = _product_units(io_system, sectors)

    x_kept = x[keep]
    a = pymrio.calc_A(z.to_numpy()[np.ix_(keep, keep)], x_kept)
    res_ids, res_names, res_units, use, available = _resources(io_system, index, x, keep,
                                                               extensions)
    if region is not None:
        bought = z.to_numpy()[np.ix_(~keep, keep)].sum(axis=0)
        res_ids.append("imports")
        res_names.append(f"Imports into {region} from other regions' industries")
        res_units.append(units[0] if len(units) else "")
        use.append(pymrio.calc_A(bought[None, :], x_kept)[0])
        available.append(bought.sum())

    n = len(ids)
    targets = np.maximum(targets, 0.0)
    try:
        return Economy(
            Catalogue.of(ids, names, units, kind="product"),
            Catalogue.of(ids, names, kind="technique"),
            np.arange(n), sp.csc_matrix(a),
            Catalogue.of(res_ids, res_names, res_units, kind="resource"),
            sp.csr_matrix(np.array(use).reshape(len(res_ids), n)),
            np.array(available, dtype=np.float64), np.full(n, np.inf), targets, targets.copy(),
        )
    except EconomyError as err:
        raise EconomyError(f"pymrio system{'' if region is None else f' region {region!r}'}: "
                           f"{err}") from err


def _flows_and_output(io: pymrio.IOSystem) -> tuple[pd.DataFrame, np.ndarray]:
    """Z and x, computed with pymrio from whichever of Z, Y, A, x the system holds."""
    pymrio = _pymrio()
    if io.Z is not None:
        z = io.Z
        if io.x is not None:
            x = io.x.reindex(z.index).to_numpy()[:, 0]
        elif io.Y is not None:
            x = pymrio.calc_x(z, io.Y).reindex(z.index).to_numpy()[:, 0]
        else:
            raise EconomyError("pymrio system: has Z but neither x nor Y, so output is unknown")
    elif io.A is not None and io.x is not None:
        z = pymrio.calc_Z(io.A, io.x)
        x = io.x.reindex(z.index).to_numpy()[:, 0]
    else:
        raise EconomyError("pymrio system: needs the flows Z (with Y or x) or coefficients A "
                           "with output x")
    if not z.index.equals(z.columns):
        raise EconomyError("pymrio system: Z rows and columns list different sectors")
    return z, x


def _product_units(io: pymrio.IOSystem, sectors: pd.Index) -> list[str]:
    if io.unit is None:
        return [""] * len(sectors)
    return [str(u) for u in io.unit.reindex(sectors).iloc[:, 0].fillna("")]


def _resources(io: pymrio.IOSystem, sectors: pd.Index, x: np.ndarray, keep: np.ndarray,
               chosen: list[str] | None) -> tuple[list, list, list, list, list]:
    """Ids, names, units, per-unit use and totals of the extension rows."""
    pymrio = _pymrio()
    names = list(io.get_extensions())
    unknown = [c for c in (chosen or []) if c not in names]
    if unknown:
        raise EconomyError(f"pymrio system: no extension {unknown[0]!r} "
                           f"(extensions: {', '.join(names) or 'none'})")
    ids, labels, units, use, available = [], [], [], [], []
    for name in names if chosen is None else chosen:
        ext = getattr(io, name)
        if ext.F is None and ext.S is None:
            raise EconomyError(f"pymrio system: extension {name!r} has neither F nor S")
        f = ext.F if ext.F is not None else pymrio.calc_F(ext.S, x)
        f = f.reindex(columns=sectors)
        s = pymrio.calc_S(f.to_numpy(), x)
        ext_units = (ext.unit.reindex(f.index).iloc[:, 0].fillna("").astype(str).tolist()
                     if ext.unit is not None else [""] * len(f.index))
        for k, row in enumerate(f.index):
            parts = [str(p) for p in (row if isinstance(row, tuple) else (row,))]
            ids.append("/".join([name, *parts]))
            labels.append(f"{ext.name}: {', '.join(parts)}")
            units.append(ext_units[k])
            use.append(s[k, keep])
            available.append(float(f.to_numpy()[k, keep].sum()))
    return ids, labels, units, use, available
