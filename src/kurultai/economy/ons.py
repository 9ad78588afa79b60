"""The ONS UK Input-Output Analytical Tables (2015 edition, .xls) as an Economy.

Each product of the product-by-product table becomes one product made by one technique; its
inputs are the `A` sheet's coefficients (domestic use per £ of output). Two primary inputs
become resources: compensation of employees (labour) and imports of goods and services, both
per £ of output and available in the amounts the 2015 economy used. Targets are each product's
final demand. What is left out and why is written in docs/formats.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import xlrd

from kurultai.economy.model import Catalogue, Economy, EconomyError

UNIT = "£ million (2015, basic prices)"
# (resource id, name, row label in the IOT and A sheets)
RESOURCES = (
    ("labour", "Labour (compensation of employees)", "Compensation of employees"),
    ("imports", "Imports of goods and services", "Imports of goods and services"),
)
INTERMEDIATE_DEMAND = "Total Intermediate Demand"
TOTAL_DEMAND = "Total Demand for Products at Basic Prices"


@dataclass(frozen=True)
class _Grid:
    """One product-by-product table of the workbook, located below its header rows."""

    where: str  # "file, sheet X", for messages
    sheet: xlrd.sheet.Sheet
    top: int  # first data row
    left: int  # first data column
    codes: np.ndarray
    names: np.ndarray

    @property
    def n(self) -> int:
        return len(self.codes)

    def numbers(self, rows: range, cols: range) -> np.ndarray:
        """A block of cells as floats; an empty or text cell is an error naming the cell."""
        out = np.empty((len(rows), len(cols)))
        for a, r in enumerate(rows):
            values = self.sheet.row_values(r, cols.start, cols.stop)
            types = self.sheet.row_types(r, cols.start, cols.stop)
            bad = [k for k, t in enumerate(types) if t != xlrd.XL_CELL_NUMBER]
            if bad:
                cell = xlrd.cellname(r, cols.start + bad[0])
                raise EconomyError(f"{self.where}, cell {cell}: expected a number, "
                                   f"found {values[bad[0]]!r}")
            out[a] = values
        return out

    def matrix(self) -> np.ndarray:
        """The n × n product block."""
        return self.numbers(range(self.top, self.top + self.n),
                            range(self.left, self.left + self.n))

    def row(self, label: str) -> np.ndarray:
        """The product columns of the row below the product block labelled ``label``."""
        r = self._row_at(label)
        return self.numbers(range(r, r + 1), range(self.left, self.left + self.n))[0]

    def column(self, label: str) -> np.ndarray:
        """The product rows of the column right of the product block headed ``label``."""
        c = self._column_at(label)
        return self.numbers(range(self.top, self.top + self.n), range(c, c + 1))[:, 0]

    def cell(self, row: str, column: str) -> float:
        """The cell where the row labelled ``row`` meets the column headed ``column``."""
        r, c = self._row_at(row), self._column_at(column)
        return float(self.numbers(range(r, r + 1), range(c, c + 1))[0, 0])

    def _row_at(self, label: str) -> int:
        below = self.top + self.n
        labels = [str(v).strip() for v in self.sheet.col_values(self.left - 1, below)]
        if label not in labels:
            raise EconomyError(f"{self.where}: no row labelled {label!r} below the product rows")
        return below + labels.index(label)

    def _column_at(self, label: str) -> int:
        right = self.left + self.n
        # Column headings sit in the row just above the first product row.
        heads = [str(v).strip() for v in self.sheet.row_values(self.top - 1, right)]
        if label not in heads:
            raise EconomyError(f"{self.where}: no column headed {label!r} after the product "
                               f"columns")
        return right + heads.index(label)


def read_ons_workbook(path: str | Path) -> Economy:
    """The 2015 UK economy: 129 products, labour and imports as resources, final demand targets."""
    book = _open(path)
    iot = _grid(book, path, "IOT")
    coefficients = _grid(book, path, "A")
    _same_products(iot, coefficients)

    a = coefficients.matrix()
    use = np.vstack([coefficients.row(label) for _, _, label in RESOURCES])
    available = np.array([iot.cell(label, INTERMEDIATE_DEMAND) for _, _, label in RESOURCES])
    final_demand = iot.column(TOTAL_DEMAND) - iot.column(INTERMEDIATE_DEMAND)
    # Final demand is negative where stocks were run down (changes in inventories); a plan
    # target cannot be negative, so such a product gets no target.
    targets = np.maximum(final_demand, 0.0)

    n = iot.n
    products = Catalogue.of(iot.codes, iot.names, np.full(n, UNIT), kind="product")
    techniques = Catalogue.of(iot.codes, iot.names, kind="technique")
    resources = Catalogue.of([r[0] for r in RESOURCES], [r[1] for r in RESOURCES],
                             [UNIT] * len(RESOURCES), kind="resource")
    try:
        return Economy(products, techniques, np.arange(n), sp.csc_matrix(a), resources,
                       sp.csr_matrix(use), available, np.full(n, np.inf), targets, targets.copy())
    except EconomyError as err:
        raise EconomyError(f"{path}: {err}") from err


def read_ons_leontief(path: str | Path) -> np.ndarray:
    """The workbook's published Leontief inverse (I − A)⁻¹, 129 × 129, in the products' order."""
    return _grid(_open(path), path, "Leontief").matrix()


def _open(path: str | Path) -> xlrd.book.Book:
    path = Path(path)
    if not path.is_file():
        raise EconomyError(f"{path}: no such file")
    try:
        return xlrd.open_workbook(path, on_demand=True)
    except xlrd.XLRDError as err:
        raise EconomyError(f"{path}: not a readable .xls workbook: {err}") from err


def _grid(book: xlrd.book.Book, path: str | Path, name: str) -> _Grid:
    """Find the product block of sheet ``name``: rows with a code in column A and a number in C,
    and the header row above them that repeats the same codes across."""
    where = f"{Path(path).name}, sheet {name!r}"
    if name not in book.sheet_names():
        raise EconomyError(f"{Path(path).name}: no sheet named {name!r} "
                           f"(sheets: {', '.join(book.sheet_names())})")
    sheet = book.sheet_by_name(name)
    left = 2  # codes in column A, names in B, numbers from C
    data = [r for r in range(sheet.nrows)
            if sheet.cell_type(r, 0) == xlrd.XL_CELL_TEXT and sheet.ncols > left
            and sheet.cell_type(r, left) == xlrd.XL_CELL_NUMBER]
    if not data:
        raise EconomyError(f"{where}: no product rows (a code in column A, numbers from column C)")
    top = data[0]
    n = next((k for k, r in enumerate(data) if r != top + k), len(data))
    codes = np.array([str(v).strip() for v in sheet.col_values(0, top, top + n)])
    names = np.array([str(v).strip() for v in sheet.col_values(1, top, top + n)])
    header = next((r for r in range(top) if [str(v).strip() for v in
                   sheet.row_values(r, left, left + n)] == list(codes)), None)
    if header is None:
        raise EconomyError(f"{where}: no header row above row {top + 1} lists the product codes "
                           f"{codes[0]} … {codes[-1]} across the columns")
    return _Grid(where, sheet, top, left, codes, names)


def _same_products(first: _Grid, second: _Grid) -> None:
    if not np.array_equal(first.codes, second.codes):
        k = int(np.flatnonzero(first.codes != second.codes)[0]) if first.n == second.n else 0
        raise EconomyError(f"{second.where} lists products differently from {first.where} "
                           f"({first.n} and {second.n} products; first difference at product "
                           f"{k + 1})")
