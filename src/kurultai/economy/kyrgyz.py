"""The Kyrgyz demo economy: 2022 sector totals with inter-sector structure borrowed from the UK.

The shared data hold, for the Kyrgyz Republic, only sector totals from the ADB multi-regional
input-output tables (35 sectors, million US$), not the flows between sectors. The demo borrows
those flows' pattern from the ONS UK 2015 domestic-use table, aggregated from 129 products to
the 35 ADB sectors, and balances it by RAS to the Kyrgyz totals. ``build_kyrgyz_sources`` derives
the small files shipped in ``data/kyrgyz`` from ``../shared/data``; ``kyrgyz_economy`` builds the
planning economy from the shipped files alone. docs/kyrgyz-economy.md gives the whole recipe.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import xlrd

from kurultai.economy.model import Catalogue, Economy, EconomyError
from kurultai.economy.ras import ras

DESCRIPTION = (
    "Demo economy of the Kyrgyz Republic: 2022 sector totals from the ADB multi-regional "
    "input-output tables, with the flows between sectors borrowed from the UK's 2015 table "
    "(ONS) and balanced to the Kyrgyz totals by RAS, so its structure is British, not Kyrgyz."
)

DATA_DIR = Path(__file__).parent / "data" / "kyrgyz"
MAPPING = "ons_to_adb.csv"
SECTORS = "sectors.csv"
UK_FLOWS = "uk_2015_flows.csv"
UK_INPUTS = "uk_2015_inputs.csv"
TOTALS = "kyrgyz_2022.csv"

ONS_WORKBOOK = Path("ons-uk-ioat-2015") / "2015detailedioatsbb18.xls"
ADB_TOTALS = Path("adb-mrio-central-asia") / "sector_totals.csv"
ADB_SECTORS = Path("adb-mrio-central-asia") / "sectors.csv"
KYRGYZ_REPUBLIC = 57  # economy code of the Kyrgyz Republic in ADB MRIO
YEAR = 2022
N_SECTORS = 35
# Private households with employed persons: all zero in the Kyrgyz 2022 totals, left out.
HOUSEHOLDS_AS_EMPLOYERS = 35

TOTAL_COLUMNS = ("x", "zuse", "va", "zsales", "y", "e", "ez", "ey")
UK_INPUT_COLUMNS = ("output", "domestic_intermediate", "imported_intermediate",
                    "compensation_of_employees", "value_added")
SECTOR_COLUMNS = ("sector", "code", "name", "short_name")
TEXT_COLUMNS = {"code", "name", "short_name"}
UNIT = "million US$ (2022)"


# --- deriving the shipped files from ../shared/data ------------------------------------------

def build_kyrgyz_sources(shared_data_dir, out_dir) -> list[Path]:
    """Write the UK flows and inputs aggregated to the 35 ADB sectors, the Kyrgyz 2022 totals
    and the sector names into ``out_dir``; return the paths written.

    Reads the ONS workbook's ``IOT`` sheet and the hand-made product-to-sector mapping shipped
    with the package (``data/kyrgyz/ons_to_adb.csv``). Sums are exact (math.fsum), so the files
    come out byte for byte the same on every machine.
    """
    shared, out = Path(shared_data_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    iot = read_iot(shared / ONS_WORKBOOK)
    sector_of = _read_mapping(DATA_DIR / MAPPING, iot.codes)
    flows = _aggregate_matrix(iot.flows, sector_of)
    inputs = {
        "output": _aggregate(iot.output, sector_of),
        "domestic_intermediate": [math.fsum(column) for column in zip(*flows)],
        "imported_intermediate": _aggregate(iot.imports, sector_of),
        "compensation_of_employees": _aggregate(iot.compensation, sector_of),
    }
    inputs["value_added"] = [
        out_ - dom - imp for out_, dom, imp in zip(inputs["output"],
                                                   inputs["domestic_intermediate"],
                                                   inputs["imported_intermediate"])
    ]
    written = [
        _write(out / UK_FLOWS, ["sector", *map(str, range(1, N_SECTORS + 1))],
               [[s + 1, *row] for s, row in enumerate(flows)]),
        _write(out / UK_INPUTS, ["sector", *UK_INPUT_COLUMNS],
               [[s + 1, *(inputs[c][s] for c in UK_INPUT_COLUMNS)] for s in range(N_SECTORS)]),
        _write(out / TOTALS, ["sector", *TOTAL_COLUMNS], _kyrgyz_totals(shared / ADB_TOTALS)),
        _write(out / SECTORS, list(SECTOR_COLUMNS), _sectors(shared / ADB_SECTORS)),
    ]
    return written


@dataclass(frozen=True)
class IOTable:
    """The ONS domestic-use table, product by product, £ million at basic prices."""

    codes: list[str]
    names: list[str]
    flows: list[list[float]]  # domestic intermediate use, product (row) by product (column)
    imports: list[float]  # imported intermediate inputs per using product
    compensation: list[float]  # compensation of employees per product
    output: list[float]  # total output per product


def read_iot(path) -> IOTable:
    """The ``IOT`` sheet of the ONS input-output analytical tables workbook."""
    path = Path(path)
    try:
        sheet = xlrd.open_workbook(path).sheet_by_name("IOT")
    except (OSError, xlrd.XLRDError) as error:
        raise EconomyError(f"{path}: cannot read the sheet 'IOT' ({error})") from error
    first = _find_row(sheet, 0, lambda v: v == "01", path, "the first product row (code '01')")
    last = first
    while last + 1 < sheet.nrows and str(sheet.cell_value(last + 1, 0)).strip():
        last += 1
    rows = range(first, last + 1)
    codes = [str(sheet.cell_value(r, 0)).strip() for r in rows]
    names = [" ".join(str(sheet.cell_value(r, 1)).split()) for r in rows]
    header = [str(sheet.cell_value(first - 2, 2 + k)).strip() for k in range(len(codes))]
    if header != codes:
        k = next(k for k, (a, b) in enumerate(zip(header, codes)) if a != b)
        raise EconomyError(f"{path}, sheet IOT: column {k + 3} is product {header[k]!r} but row "
                           f"{first + k + 1} is {codes[k]!r}; the table is not product by product")

    def numbers(r: int) -> list[float]:
        values = sheet.row_values(r, 2, 2 + len(codes))
        for k, value in enumerate(values):
            if not isinstance(value, float):
                raise EconomyError(f"{path}, sheet IOT, row {r + 1}, column {k + 3}: "
                                   f"expected a number, found {value!r}")
        return values

    def labelled(label: str) -> list[float]:
        r = _find_row(sheet, 1, lambda v: v.strip() == label, path, f"the row {label!r}")
        return numbers(r)

    return IOTable(codes, names, [numbers(r) for r in rows],
                   labelled("Imports of goods and services"),
                   labelled("Compensation of employees"), labelled("Total Output"))


def _find_row(sheet, column: int, match, path: Path, what: str) -> int:
    for r in range(sheet.nrows):
        value = sheet.cell_value(r, column)
        if isinstance(value, str) and match(value):
            return r
    raise EconomyError(f"{path}, sheet {sheet.name}: {what} not found in column {column + 1}")


def _read_mapping(path: Path, codes: list[str]) -> list[int]:
    """The ADB sector (0-based) of each ONS product in ``codes``, from the mapping file."""
    sector_of: dict[str, int] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            code = row["ons_code"]
            try:
                sector = int(row["adb_sector"])
            except ValueError:
                sector = 0
            if not 1 <= sector <= N_SECTORS:
                raise EconomyError(f"{path}, line {line}: adb_sector {row['adb_sector']!r} of "
                                   f"{code!r} is not a sector number 1..{N_SECTORS}")
            if code in sector_of:
                raise EconomyError(f"{path}, line {line}: product {code!r} is mapped twice")
            sector_of[code] = sector - 1
    missing = [c for c in codes if c not in sector_of]
    extra = sorted(set(sector_of) - set(codes))
    if missing or extra:
        raise EconomyError(f"{path}: products of the workbook without a sector: {missing}; "
                           f"mapped products not in the workbook: {extra}")
    return [sector_of[c] for c in codes]


def _aggregate(values: list[float], sector_of: list[int]) -> list[float]:
    groups: list[list[float]] = [[] for _ in range(N_SECTORS)]
    for value, s in zip(values, sector_of):
        groups[s].append(value)
    return [math.fsum(g) for g in groups]


def _aggregate_matrix(matrix: list[list[float]], sector_of: list[int]) -> list[list[float]]:
    groups = [[[] for _ in range(N_SECTORS)] for _ in range(N_SECTORS)]
    for row, s in zip(matrix, sector_of):
        for value, t in zip(row, sector_of):
            groups[s][t].append(value)
    return [[math.fsum(cell) for cell in row] for row in groups]


def _kyrgyz_totals(path: Path) -> list[list]:
    rows = []
    for line, row in _shared_rows(path):
        if _cell(path, line, row, "s", int) == KYRGYZ_REPUBLIC and _cell(path, line, row, "t", int) == YEAR:
            rows.append([_cell(path, line, row, "i", int),
                         *(_cell(path, line, row, c, float) for c in TOTAL_COLUMNS)])
    if sorted(r[0] for r in rows) != list(range(1, N_SECTORS + 1)):
        raise EconomyError(f"{path}: expected sectors 1..{N_SECTORS} for economy "
                           f"{KYRGYZ_REPUBLIC} in {YEAR}, found {sorted(r[0] for r in rows)}")
    return sorted(rows)


def _sectors(path: Path) -> list[list]:
    rows = [[_cell(path, line, r, "c_ind", int), *(_cell(path, line, r, c, str)
                                                   for c in ("c_abv", "c_name", "c_name_short"))]
            for line, r in _shared_rows(path)]
    if [r[0] for r in rows] != list(range(1, N_SECTORS + 1)):
        raise EconomyError(f"{path}: expected sectors 1..{N_SECTORS} in order")
    return rows


def _shared_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(enumerate(csv.DictReader(f), start=2))


def _cell(path: Path, line: int, row: dict[str, str], column: str, kind):
    if row.get(column) is None:
        raise EconomyError(f"{path}, line {line}: no column {column!r}")
    try:
        return kind(row[column])
    except ValueError:
        raise EconomyError(f"{path}, line {line}, column {column!r}: {row[column]!r} is not "
                           f"{'an integer' if kind is int else 'a number'}") from None


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    """CSV with floats in their shortest exact form (repr), so reading them back is lossless."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([repr(v) if isinstance(v, float) else v for v in row])
    return path


# --- the demo economy from the shipped files -------------------------------------------------

@dataclass(frozen=True)
class KyrgyzTable:
    """The balanced Kyrgyz 2022 input-output table of the demo, million US$, 34 sectors."""

    codes: np.ndarray  # ADB sector abbreviations (AHF, MIN, …)
    names: np.ndarray
    short_names: np.ndarray
    output: np.ndarray  # x
    final_demand: np.ndarray  # y
    value_added: np.ndarray  # va
    flows: np.ndarray  # domestic intermediate flows, seller (row) by buyer (column), after RAS
    imported_intermediate: np.ndarray  # m
    labour: np.ndarray  # wages: value added times the UK share of compensation of employees
    row_targets: np.ndarray  # domestic intermediate sales the RAS reproduces
    col_targets: np.ndarray  # domestic intermediate purchases the RAS reproduces


def kyrgyz_table(data_dir=DATA_DIR) -> KyrgyzTable:
    """Balance the UK structure to the Kyrgyz 2022 totals (see docs/kyrgyz-economy.md).

    Rows (what each sector sells to the others) must add up to the Kyrgyz intermediate sales
    ``zsales``. Columns (what each sector buys) must add up to the Kyrgyz intermediate use
    ``zuse`` less imported intermediates; these are the total Σzuse − Σzsales spread over the
    sectors in proportion to zuse times the UK share of imports in each sector's intermediate
    inputs. Labour (wages) is value added times the UK share of compensation of employees in it.
    """
    data_dir = Path(data_dir)
    sectors = _read_table(data_dir / SECTORS, SECTOR_COLUMNS)
    totals = _read_table(data_dir / TOTALS, ("sector", *TOTAL_COLUMNS))
    uk = _read_table(data_dir / UK_INPUTS, ("sector", *UK_INPUT_COLUMNS))
    uk_flows = _read_table(data_dir / UK_FLOWS, ("sector", *map(str, range(1, N_SECTORS + 1))))
    keep = np.arange(N_SECTORS) != HOUSEHOLDS_AS_EMPLOYERS - 1
    seed = np.column_stack([uk_flows[str(k)] for k in range(1, N_SECTORS + 1)])[np.ix_(keep, keep)]
    x, zuse, zsales = totals["x"][keep], totals["zuse"][keep], totals["zsales"][keep]
    y, va = totals["y"][keep], totals["va"][keep]
    uk = {name: values[keep] for name, values in uk.items()}
    uk_import_share = uk["imported_intermediate"] / (uk["imported_intermediate"]
                                                     + uk["domestic_intermediate"])
    if zuse.sum() < zsales.sum():
        raise EconomyError(f"{data_dir / TOTALS}: intermediate sales ({zsales.sum():.12g}) exceed "
                           f"intermediate use ({zuse.sum():.12g}), so imported inputs would be negative")
    weight = zuse * uk_import_share
    imported = weight * ((zuse.sum() - zsales.sum()) / weight.sum())
    col_targets = zuse - imported
    codes = sectors["code"][keep]
    flows = ras(seed, zsales, col_targets, row_names=codes, col_names=codes)
    labour = va * uk["compensation_of_employees"] / uk["value_added"]
    return KyrgyzTable(codes, sectors["name"][keep], sectors["short_name"][keep],
                       x, y, va, flows, imported, labour, zsales, col_targets)


def kyrgyz_economy(labour: float = 1.0, imports: float = 1.0, data_dir=DATA_DIR) -> Economy:
    """The Kyrgyz demo economy: 34 products, one technique each, labour and imports as resources.

    Targets are the 2022 final demand and weights its shares. Availabilities are the 2022 use of
    labour and imports times ``labour`` and ``imports`` (1.0: the 2022 levels, at which the full
    targets are exactly feasible). Every quantity is in million US$ at 2022 prices.
    """
    for name, factor in (("labour", labour), ("imports", imports)):
        if not (math.isfinite(factor) and factor >= 0):
            raise EconomyError(f"{name}: availability factor {factor!r} is not a non-negative number")
    table = kyrgyz_table(data_dir)
    n = len(table.codes)
    x = table.output
    products = Catalogue.of(table.codes, table.names, np.full(n, UNIT), kind="product")
    techniques = Catalogue.of(np.char.add(table.codes, "-0"),
                              np.char.add(table.short_names, " (2022 Kyrgyz output, UK 2015 structure)"),
                              kind="technique")
    resources = Catalogue.of(["labour", "imports"],
                             ["Labour (wages)", "Imported intermediate inputs"],
                             ["million US$ of wages (2022)", UNIT], kind="resource")
    use = np.vstack([table.labour, table.imported_intermediate])
    return Economy(
        products=products,
        techniques=techniques,
        makes=np.arange(n),
        inputs=sp.csc_matrix(table.flows / x[None, :]),
        resources=resources,
        resource_use=sp.csr_matrix(use / x[None, :]),
        available=use.sum(axis=1) * np.array([labour, imports]),
        capacity=np.full(n, np.inf),
        targets=table.final_demand,
        weights=table.final_demand / table.final_demand.sum(),
    )


def _read_table(path: Path, columns: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The columns of a shipped table (one row per sector 1..35, in order), numbers as floats."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = tuple(next(reader, ()))
        if header != columns:
            raise EconomyError(f"{path}: expected the columns {', '.join(columns)}, "
                               f"found {', '.join(header) or 'nothing'}")
        rows = list(reader)
    sectors = [row[0] for row in rows]
    if sectors != [str(k) for k in range(1, N_SECTORS + 1)]:
        raise EconomyError(f"{path}: expected one row per sector 1..{N_SECTORS} in order, "
                           f"found sectors {', '.join(sectors)}")
    table: dict[str, np.ndarray] = {}
    for k, name in enumerate(columns[1:], start=1):
        text = [row[k] if k < len(row) else "" for row in rows]
        if name in TEXT_COLUMNS:
            table[name] = np.array(text)
            continue
        try:
            table[name] = np.array([float(value) for value in text])
        except ValueError:
            line = next(i for i, value in enumerate(text) if not _is_number(value)) + 2
            raise EconomyError(f"{path}, line {line}, column {name!r}: "
                               f"{text[line - 2]!r} is not a number") from None
        if not np.all(np.isfinite(table[name])):
            line = int(np.flatnonzero(~np.isfinite(table[name]))[0]) + 2
            raise EconomyError(f"{path}, line {line}, column {name!r}: not a finite number")
    return table


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True

