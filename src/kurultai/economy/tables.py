"""An economy as a folder of tables, CSV or Parquet: read with row-level errors, and write.

The six tables (products, techniques, inputs, resources, resource_use, targets) are described
in docs/formats.md. Tables are read with pyarrow and ids are turned into positions with
pyarrow's hash lookup (``index_in``), so every check is vectorised and a million products load
in seconds; only the first offending row is reported, as "inputs.csv row 17, column quantity".
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import scipy.sparse as sp

from kurultai.economy.model import Catalogue, Economy, EconomyError

FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class _Spec:
    """The columns of one table, in the order they are written."""

    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.optional)


TABLES = {
    "products": _Spec(("id", "name", "unit"), optional=("name", "unit")),
    "techniques": _Spec(("id", "name", "product", "capacity"), optional=("name", "capacity")),
    "inputs": _Spec(("technique", "product", "quantity")),
    "resources": _Spec(("id", "name", "unit", "available"), optional=("name", "unit")),
    "resource_use": _Spec(("technique", "resource", "quantity")),
    "targets": _Spec(("product", "target", "weight")),
}

# Where the Economy's own validation messages point, by the field they start with.
_FIELD_TABLES = {"inputs": "inputs", "resource_use": "resource_use", "available": "resources",
                 "capacity": "techniques", "targets": "targets", "weights": "targets",
                 "the technology is not productive": "inputs"}


def read_economy(folder: str | Path, format: str | None = None) -> Economy:
    """The economy stored in ``folder``; the format is detected from the files unless given."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EconomyError(f"{folder}: no such folder")
    fmt = _detect_format(folder) if format is None else _check_format(format)
    t = {name: _Table.read(folder / f"{name}.{fmt}", TABLES[name]) for name in TABLES}

    products, product_ids = t["products"].catalogue("product")
    techniques, technique_ids = t["techniques"].catalogue("technique")
    resources, resource_ids = t["resources"].catalogue("resource")

    makes = t["techniques"].positions("product", product_ids)
    capacity = (t["techniques"].numbers("capacity", "capacity", blank=np.inf, allow_inf=True)
                if t["techniques"].has("capacity") else np.full(len(techniques), np.inf))
    available = t["resources"].numbers("available", "availability")
    inputs = t["inputs"].matrix(product_ids, technique_ids, "csc")
    resource_use = t["resource_use"].matrix(resource_ids, technique_ids, "csr")
    targets, weights = t["targets"].targets(product_ids, makes)
    try:
        return Economy(products, techniques, makes, inputs, resources, resource_use,
                       available, capacity, targets, weights)
    except EconomyError as err:
        message = str(err)
        table = next((name for field, name in _FIELD_TABLES.items()
                      if message.startswith(field)), None)
        where = t[table].file if table else f"economy in {folder}"
        raise EconomyError(f"{where}: {message}") from err


def write_economy(economy: Economy, folder: str | Path, format: str = "csv") -> Path:
    """Write ``economy`` as six tables in ``folder`` (created if needed); returns the folder."""
    fmt = _check_format(format)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    other = [folder / f"{name}.{f}" for name in TABLES for f in FORMATS if f != fmt]
    clash = [path for path in other if path.exists()]
    if clash:
        raise EconomyError(f"{clash[0]}: already in the folder; writing {fmt} tables next to it "
                           f"would make the folder ambiguous (write to another folder)")
    for name, table in arrow_tables(economy).items():
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            pacsv.write_csv(table, path)
        else:
            pq.write_table(table, path)
    return folder


def arrow_tables(e: Economy) -> dict[str, pa.Table]:
    """The six tables of ``e`` as Arrow tables, in the column order of docs/formats.md."""
    product_ids = pa.array(e.products.ids)
    technique_ids = pa.array(e.techniques.ids)
    resource_ids = pa.array(e.resources.ids)
    a = e.inputs  # CSC: technique by technique, products in increasing order
    r = e.resource_use.tocsc()
    set_target = np.flatnonzero((e.targets != 0) | (e.weights != 0))
    return {
        "products": _catalogue_table(e.products, product_ids),
        "techniques": pa.table({
            "id": technique_ids,
            "name": pa.array(e.techniques.names),
            "product": product_ids.take(pa.array(e.makes)),
            "capacity": pa.array(e.capacity, mask=np.isinf(e.capacity)),
        }),
        "inputs": pa.table({
            "technique": technique_ids.take(pa.array(_column_of_entries(a))),
            "product": product_ids.take(pa.array(a.indices)),
            "quantity": pa.array(a.data),
        }),
        "resources": _catalogue_table(e.resources, resource_ids).append_column(
            "available", pa.array(e.available)),
        "resource_use": pa.table({
            "technique": technique_ids.take(pa.array(_column_of_entries(r))),
            "resource": resource_ids.take(pa.array(r.indices)),
            "quantity": pa.array(r.data),
        }),
        "targets": pa.table({
            "product": product_ids.take(pa.array(set_target)),
            "target": pa.array(e.targets[set_target]),
            "weight": pa.array(e.weights[set_target]),
        }),
    }


def _catalogue_table(items: Catalogue, ids: pa.Array) -> pa.Table:
    columns = {"id": ids, "name": pa.array(items.names)}
    if items.units is not None:
        columns["unit"] = pa.array(items.units)
    return pa.table(columns)


def _column_of_entries(matrix: sp.csc_matrix) -> np.ndarray:
    return np.repeat(np.arange(matrix.shape[1]), np.diff(matrix.indptr))


def _check_format(format: str) -> str:
    if format not in FORMATS:
        raise EconomyError(f"unknown table format {format!r}; use one of {', '.join(FORMATS)}")
    return format


def _detect_format(folder: Path) -> str:
    found = [f for f in FORMATS if (folder / f"products.{f}").is_file()]
    if len(found) == 1:
        return found[0]
    if found:
        raise EconomyError(f"{folder}: holds both products.csv and products.parquet; "
                           f"say which format to read")
    raise EconomyError(f"{folder}: no products.csv or products.parquet; an economy folder holds "
                       f"{', '.join(TABLES)} tables (see docs/formats.md)")


@dataclass(frozen=True)
class _Known:
    """The ids of a products, techniques or resources table, for looking references up."""

    ids: pa.Array
    kind: str
    file: str


@dataclass
class _Table:
    """One table as read, with the name to use in error messages."""

    file: str
    data: pa.Table

    @classmethod
    def read(cls, path: Path, spec: _Spec) -> "_Table":
        fmt = path.suffix[1:]
        if not path.is_file():
            raise EconomyError(f"{path}: file missing (an economy folder needs "
                               f"{', '.join(f'{name}.{fmt}' for name in TABLES)})")
        try:
            if fmt == "csv":
                # All known columns as text, so that ids such as "01" keep their zeros and a
                # bad number can be reported with its row rather than failing the whole read.
                options = pacsv.ConvertOptions(
                    column_types={c: pa.string() for c in spec.columns}, strings_can_be_null=False)
                data = pacsv.read_csv(path, convert_options=options)
            else:
                present = pq.read_schema(path).names
                data = pq.read_table(path, columns=[c for c in spec.columns if c in present])
        except (pa.ArrowInvalid, OSError) as err:
            raise EconomyError(f"{path}: not a readable {fmt} table: {err}") from err
        missing = [c for c in spec.required if c not in data.column_names]
        if missing:
            raise EconomyError(f"{path}: missing column {missing[0]!r} (the table has "
                               f"{', '.join(data.column_names) or 'no columns'}; "
                               f"it needs {', '.join(spec.required)})")
        return cls(str(path), data)

    def has(self, column: str) -> bool:
        return column in self.data.column_names

    def error(self, row: int, column: str, what: str) -> EconomyError:
        return EconomyError(f"{self.file} row {row + 1}, column {column}: {what}")

    def text(self, column: str) -> pa.ChunkedArray:
        """A column as Arrow strings."""
        col = self.data.column(column)
        if pa.types.is_dictionary(col.type) or pa.types.is_integer(col.type) \
                or pa.types.is_large_string(col.type):
            col = pc.cast(col, pa.string())
        elif not pa.types.is_string(col.type):
            raise EconomyError(f"{self.file}, column {column}: expected text, found {col.type}")
        return col

    def ids(self, column: str, kind: str) -> pa.Array:
        """A column of ids, none blank and none repeated."""
        col = self.text(column).combine_chunks()
        blank = pc.fill_null(pc.equal(col, ""), True)
        if pc.any(blank).as_py():
            raise self.error(_first(blank), column, f"empty {kind} id")
        if len(pc.unique(col)) < len(col):
            values = pd.Series(col.to_numpy(zero_copy_only=False))
            row = int(np.flatnonzero(values.duplicated().to_numpy())[0])
            earlier = int(np.flatnonzero((values == values[row]).to_numpy())[0])
            raise self.error(row, column, f"duplicate {kind} id {values[row]!r} "
                                          f"(first at row {earlier + 1})")
        return col

    def catalogue(self, kind: str) -> tuple[Catalogue, _Known]:
        """The ids, names and units of a products, techniques or resources table."""
        ids = self.ids("id", kind)
        ids_np = _strings(ids)
        names = _strings(pc.fill_null(self.text("name"), "")) if self.has("name") else ids_np
        units = _strings(pc.fill_null(self.text("unit"), "")) if self.has("unit") else None
        # Ids were checked above with their rows; Catalogue.of would only check them again.
        return Catalogue(ids_np, names, units), _Known(ids, kind, self.file)

    def positions(self, column: str, known: _Known) -> np.ndarray:
        """Positions in ``known`` of the ids in ``column``; unknown or blank ids are errors."""
        col = self.text(column)
        at = pc.index_in(col, value_set=known.ids)
        if at.null_count:
            row = _first(pc.is_null(at))
            value = col[row].as_py()
            if not value:
                raise self.error(row, column, f"missing {known.kind} id")
            raise self.error(row, column, f"unknown {known.kind} {value!r} "
                                          f"(not in {Path(known.file).name})")
        return at.to_numpy()

    def numbers(self, column: str, what: str, *, blank: float | None = None,
                allow_inf: bool = False) -> np.ndarray:
        """A column of non-negative numbers; ``blank`` stands for empty cells if allowed."""
        col = self.data.column(column)
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            text = pc.utf8_trim_whitespace(col.combine_chunks())
            empty = pc.fill_null(pc.equal(text, ""), True)
            text = pc.if_else(empty, pa.scalar(None, pa.string()), text)
            try:
                values = pc.cast(text, pa.float64())
            except pa.ArrowInvalid:
                parsed = pd.to_numeric(pd.Series(text.to_numpy(zero_copy_only=False)),
                                       errors="coerce").to_numpy()
                bad = np.isnan(parsed) & ~empty.to_numpy(zero_copy_only=False) \
                    & (pc.utf8_lower(text).to_numpy(zero_copy_only=False) != "nan")
                row = int(np.flatnonzero(bad)[0])
                raise self.error(row, column, f"{text[row].as_py()!r} is not a number") from None
        elif pa.types.is_integer(col.type) or pa.types.is_floating(col.type) \
                or pa.types.is_decimal(col.type):
            values = pc.cast(col, pa.float64()).combine_chunks()
        else:
            raise EconomyError(f"{self.file}, column {column}: expected numbers, found {col.type}")
        out = values.to_numpy(zero_copy_only=False)
        if values.null_count:
            missing = pc.is_null(values)
            if blank is None:
                raise self.error(_first(missing), column, f"missing {what}")
            out = out.copy()
            out[missing.to_numpy(zero_copy_only=False)] = blank
        bad = ~(out >= 0) | (False if allow_inf else np.isinf(out))
        if np.any(bad):
            row = int(np.flatnonzero(bad)[0])
            value = float(out[row])
            kind = "NaN" if np.isnan(value) else ("negative" if value < 0 else "infinite")
            raise self.error(row, column, f"{kind} {what} {value!r}")
        return out

    def matrix(self, rows: _Known, cols: _Known, layout: str) -> sp.spmatrix:
        """A long table (column id, row id, quantity) as a sparse matrix; repeated pairs are
        errors. The id columns are named after the kinds: technique, product, resource."""
        # The two lookups are independent and pyarrow releases the GIL: run them side by side.
        with ThreadPoolExecutor(2) as pool:
            i, j = pool.map(lambda known: self.positions(known.kind, known), (rows, cols))
        q = self.numbers("quantity", "quantity")
        shape = (len(rows.ids), len(cols.ids))
        built = (sp.csc_matrix if layout == "csc" else sp.csr_matrix)((q, (i, j)), shape=shape)
        if built.nnz < len(q):  # scipy summed some repeated (column, row) pairs
            key = pd.Series(j.astype(np.int64) * max(shape[0], 1) + i)
            row = int(np.flatnonzero(key.duplicated().to_numpy())[0])
            earlier = int(np.flatnonzero((key == key[row]).to_numpy())[0])
            raise self.error(row, f"{cols.kind}/{rows.kind}",
                             f"{cols.kind} {cols.ids[j[row]].as_py()!r} and {rows.kind} "
                             f"{rows.ids[i[row]].as_py()!r} already given at row {earlier + 1}")
        return built

    def targets(self, products: _Known, makes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Targets d and weights w per product (zero for products not listed)."""
        product_ids = products.ids
        at = self.positions("product", products)
        d = self.numbers("target", "target")
        w = self.numbers("weight", "weight")
        n = len(product_ids)
        repeated = pd.Series(at).duplicated().to_numpy()
        if repeated.any():
            row = int(np.flatnonzero(repeated)[0])
            earlier = int(np.flatnonzero(at == at[row])[0])
            raise self.error(row, "product", f"product {product_ids[at[row]].as_py()!r} already "
                                             f"has a target at row {earlier + 1}")
        made = np.bincount(makes, minlength=n) > 0
        orphan = np.flatnonzero((d > 0) & ~made[at])
        if len(orphan):
            row = int(orphan[0])
            raise self.error(row, "target", f"product {product_ids[at[row]].as_py()!r} has a "
                                            f"target of {d[row]:g} but no technique makes it")
        targets, weights = np.zeros(n), np.zeros(n)
        targets[at], weights[at] = d, w
        return targets, weights


def _first(mask: pa.Array) -> int:
    return int(np.flatnonzero(mask.to_numpy(zero_copy_only=False))[0])


def _strings(column: pa.Array) -> np.ndarray:
    return np.asarray(column.to_numpy(zero_copy_only=False), dtype=str)
