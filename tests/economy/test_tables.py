"""The folder-of-tables format: the documented example, exact round trips, and every bad input."""

import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kurultai.economy import Catalogue, EconomyError, read_economy, synthetic, write_economy

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def example_tables() -> dict[str, str]:
    """The worked example's six CSV files, as docs/formats.md shows them."""
    blocks = re.findall(r"`(\w+)\.csv`[^`]*?```csv\n(.*?)```", DOCS.read_text(), re.S)
    return dict(blocks)


def write_folder(folder: Path, tables: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text)
    return folder


def example_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """The example folder with one line of one table replaced (or appended if ``old`` is '')."""
    tables = example_tables()
    if old:
        assert old in tables[name]
        tables[name] = tables[name].replace(old, new)
    else:
        tables[name] += new
    return write_folder(tmp_path / "econ", tables)


def test_documented_example_reads_to_the_documented_arrays(tmp_path):
    tables = example_tables()
    assert sorted(tables) == sorted(["products", "techniques", "inputs", "resources",
                                     "resource_use", "targets"])
    e = read_economy(write_folder(tmp_path / "econ", tables))
    assert e.products.ids.tolist() == ["wheat", "power"]
    assert e.products.units.tolist() == ["tonnes", "MWh"]
    assert e.techniques.ids.tolist() == ["farm", "coal", "hydro"]
    assert e.makes.tolist() == [0, 1, 1]
    assert e.inputs.toarray().tolist() == [[0.1, 0.0, 0.0], [0.2, 0.05, 0.01]]
    assert e.resource_use.toarray().tolist() == [[0.3, 0.2, 0.1], [0.5, 0.0, 0.0]]
    assert e.capacity.tolist() == [1000.0, np.inf, 300.0]
    assert e.available.tolist() == [500.0, 800.0]
    assert e.targets.tolist() == [600.0, 400.0]
    assert e.weights.tolist() == [2.0, 1.0]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_round_trip_of_a_synthetic_economy_is_exact(tmp_path, fmt, assert_same_economy):
    e = synthetic(300, seed=4)
    write_economy(e, tmp_path / "econ", format=fmt)
    assert sorted(p.name for p in (tmp_path / "econ").iterdir()) == sorted(
        f"{name}.{fmt}" for name in ("products", "techniques", "inputs", "resources",
                                     "resource_use", "targets"))
    assert_same_economy(e, read_economy(tmp_path / "econ"))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_round_trip_keeps_awkward_text_and_missing_units(tmp_path, fmt, assert_same_economy):
    e = read_economy(write_folder(tmp_path / "src", example_tables()))
    products = Catalogue(np.array(["01", "06&07"]), np.array(['Wheat, "durum"', "Élec\ntricity"]))
    e = e.with_changes(products=products, weights=np.array([1 / 3, 1e-300]))
    write_economy(e, tmp_path / "econ", format=fmt)
    back = read_economy(tmp_path / "econ")
    assert back.products.units is None
    assert_same_economy(e, back)


def test_csv_saved_by_a_spreadsheet_reads_the_same(tmp_path, assert_same_economy):
    plain = read_economy(write_folder(tmp_path / "plain", example_tables()))
    folder = tmp_path / "spreadsheet"
    folder.mkdir()
    for name, text in example_tables().items():  # byte-order mark and CRLF line ends
        (folder / f"{name}.csv").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert_same_economy(plain, read_economy(folder))


def test_format_is_detected_and_a_mixed_folder_is_refused(tmp_path):
    e = synthetic(20)
    write_economy(e, tmp_path / "econ", format="parquet")
    assert read_economy(tmp_path / "econ").n == 20
    with pytest.raises(EconomyError, match="products.parquet: already in the folder"):
        write_economy(e, tmp_path / "econ", format="csv")
    (tmp_path / "econ" / "products.csv").write_text("id\n")
    with pytest.raises(EconomyError, match="both products.csv and products.parquet"):
        read_economy(tmp_path / "econ")
    assert read_economy(tmp_path / "econ", format="parquet").n == 20


def test_empty_folder_and_missing_folder(tmp_path):
    with pytest.raises(EconomyError, match="no products.csv or products.parquet"):
        read_economy(tmp_path)
    with pytest.raises(EconomyError, match="nowhere: no such folder"):
        read_economy(tmp_path / "nowhere")
    with pytest.raises(EconomyError, match="unknown table format 'xlsx'"):
        write_economy(synthetic(5), tmp_path / "x", format="xlsx")


def test_missing_file(tmp_path):
    folder = write_folder(tmp_path / "econ", example_tables())
    (folder / "targets.csv").unlink()
    with pytest.raises(EconomyError, match=r"targets\.csv: file missing"):
        read_economy(folder)


def test_missing_column(tmp_path):
    folder = example_with(tmp_path, "inputs", "technique,product,quantity", "technique,product,qty")
    with pytest.raises(EconomyError, match=r"inputs\.csv: missing column 'quantity'"):
        read_economy(folder)


def test_ragged_csv_row(tmp_path):
    folder = example_with(tmp_path, "inputs", "coal,power,0.05", "coal,power,0.05,7")
    with pytest.raises(EconomyError, match=r"inputs\.csv: not a readable csv table"):
        read_economy(folder)


BAD_CELLS = [
    ("inputs", "farm,power,0.2", "farm,power,abc",
     r"inputs\.csv row 2, column quantity: 'abc' is not a number"),
    ("inputs", "coal,power,0.05", "coal,power,-0.05",
     r"inputs\.csv row 3, column quantity: negative quantity -0\.05"),
    ("inputs", "hydro,power,0.01", "hydro,power,nan",
     r"inputs\.csv row 4, column quantity: NaN quantity"),
    ("inputs", "hydro,power,0.01", "hydro,power,",
     r"inputs\.csv row 4, column quantity: missing quantity"),
    ("inputs", "farm,wheat,0.1", "farm,wheat,inf",
     r"inputs\.csv row 1, column quantity: infinite quantity inf"),
    ("inputs", "farm,power,0.2", "farm,flour,0.2",
     r"inputs\.csv row 2, column product: unknown product 'flour' \(not in products\.csv\)"),
    ("inputs", "coal,power,0.05", "wind,power,0.05",
     r"inputs\.csv row 3, column technique: unknown technique 'wind' "
     r"\(not in techniques\.csv\)"),
    ("inputs", "", "farm,wheat,0.3\n",
     r"inputs\.csv row 5, column technique/product: technique 'farm' and product 'wheat' "
     r"already given at row 1"),
    ("resource_use", "coal,labour,0.2", "coal,water,0.2",
     r"resource_use\.csv row 3, column resource: unknown resource 'water' "
     r"\(not in resources\.csv\)"),
    ("resource_use", "hydro,labour,0.1", "dam,labour,0.1",
     r"resource_use\.csv row 4, column technique: unknown technique 'dam'"),
    ("techniques", "hydro,Hydro power station,power,300", "hydro,Hydro power station,heat,300",
     r"techniques\.csv row 3, column product: unknown product 'heat' \(not in products\.csv\)"),
    ("techniques", "farm,Wheat farm,wheat,1000", "farm,Wheat farm,wheat,-1",
     r"techniques\.csv row 1, column capacity: negative capacity -1\.0"),
    ("techniques", "hydro,Hydro power station,power,300", "hydro,Hydro power station,power,lots",
     r"techniques\.csv row 3, column capacity: 'lots' is not a number"),
    ("techniques", "hydro,Hydro power station,power,300", "coal,Hydro power station,power,300",
     r"techniques\.csv row 3, column id: duplicate technique id 'coal' \(first at row 2\)"),
    ("products", "power,Electricity,MWh", "wheat,Electricity,MWh",
     r"products\.csv row 2, column id: duplicate product id 'wheat' \(first at row 1\)"),
    ("products", "power,Electricity,MWh", ",Electricity,MWh",
     r"products\.csv row 2, column id: empty product id"),
    ("resources", "land,Agricultural land,hectares,800", "land,Agricultural land,hectares,",
     r"resources\.csv row 2, column available: missing availability"),
    ("resources", "labour,Labour,thousand hours,500", "labour,Labour,thousand hours,inf",
     r"resources\.csv row 1, column available: infinite availability inf"),
    ("targets", "power,400,1", "power,400,-1",
     r"targets\.csv row 2, column weight: negative weight -1\.0"),
    ("targets", "", "wheat,10,1\n",
     r"targets\.csv row 3, column product: product 'wheat' already has a target at row 1"),
    ("targets", "power,400,1", "coal,400,1",
     r"targets\.csv row 2, column product: unknown product 'coal'"),
]


@pytest.mark.parametrize("table, old, new, message", BAD_CELLS,
                         ids=[m.split(":")[1].strip()[:40] for *_, m in BAD_CELLS])
def test_bad_cell_names_file_row_and_column(tmp_path, table, old, new, message):
    folder = example_with(tmp_path, table, old, new)
    with pytest.raises(EconomyError, match=message):
        read_economy(folder)


def test_target_on_a_product_nothing_makes(tmp_path):
    tables = example_tables()
    tables["products"] += "flour,Flour,tonnes\n"
    tables["targets"] += "flour,5,1\n"
    with pytest.raises(EconomyError, match=r"targets\.csv row 3, column target: product 'flour' "
                                           r"has a target of 5 but no technique makes it"):
        read_economy(write_folder(tmp_path / "econ", tables))


def test_unproductive_technology_is_traced_to_the_inputs_table(tmp_path):
    folder = example_with(tmp_path, "inputs", "farm,wheat,0.1", "farm,wheat,1.5")
    with pytest.raises(EconomyError, match=r"inputs\.csv: the technology is not productive: "
                                           r"products wheat \(Wheat\)"):
        read_economy(folder)


def _parquet_example(tmp_path: Path) -> Path:
    e = read_economy(write_folder(tmp_path / "src", example_tables()))
    return write_economy(e, tmp_path / "econ", format="parquet")


def test_parquet_negative_and_missing_quantities_name_the_row(tmp_path):
    folder = _parquet_example(tmp_path)
    inputs = pq.read_table(folder / "inputs.parquet")
    quantity = inputs.column("quantity").to_pylist()
    quantity[2] = -1.0
    pq.write_table(inputs.set_column(2, "quantity", pa.array(quantity)), folder / "inputs.parquet")
    with pytest.raises(EconomyError, match=r"inputs\.parquet row 3, column quantity: "
                                           r"negative quantity -1\.0"):
        read_economy(folder)
    quantity[2] = None
    pq.write_table(inputs.set_column(2, "quantity", pa.array(quantity)), folder / "inputs.parquet")
    with pytest.raises(EconomyError, match=r"inputs\.parquet row 3, column quantity: "
                                           r"missing quantity"):
        read_economy(folder)


def test_parquet_with_integer_ids_and_a_wrongly_typed_column(tmp_path):
    folder = tmp_path / "econ"
    folder.mkdir()
    tables = {
        "products": {"id": [1, 2], "name": ["a", "b"]},
        "techniques": {"id": [1, 2], "product": [1, 2]},
        "inputs": {"technique": [1], "product": [2], "quantity": [0.5]},
        "resources": {"id": ["labour"], "available": [10.0]},
        "resource_use": {"technique": [1, 2], "resource": ["labour", "labour"],
                         "quantity": [1.0, 2.0]},
        "targets": {"product": [2], "target": [3], "weight": [1]},
    }
    for name, columns in tables.items():
        pq.write_table(pa.table(columns), folder / f"{name}.parquet")
    e = read_economy(folder)
    assert e.products.ids.tolist() == ["1", "2"]
    assert e.inputs.toarray().tolist() == [[0.0, 0.0], [0.5, 0.0]]
    assert e.targets.tolist() == [0.0, 3.0]
    pq.write_table(pa.table({"product": [2], "target": [True], "weight": [1]}),
                   folder / "targets.parquet")
    with pytest.raises(EconomyError, match=r"targets\.parquet, column target: expected numbers, "
                                           r"found bool"):
        read_economy(folder)
