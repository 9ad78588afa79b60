"""The ONS UK 2015 input-output workbook, held against the statistics office's own figures.

Published figures are read here straight from the workbook with xlrd, by their labels, so the
reader under test is checked against the sheet rather than against itself.
"""

from pathlib import Path

import numpy as np
import pytest
import xlrd

from kurultai.economy import EconomyError, read_economy, read_ons_workbook, write_economy
from kurultai.economy.ons import read_ons_leontief
from kurultai.planning.balance import leontief_solve, output_multipliers

WORKBOOK = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "ons-uk-ioat-2015"
            / "2015detailedioatsbb18.xls").resolve()
PRODUCTS = range(7, 136)  # the 129 product rows of IOT, A and Leontief (0-based)
COLUMNS = range(2, 131)  # the 129 product columns


@pytest.fixture(scope="module")
def book():
    return xlrd.open_workbook(WORKBOOK, formatting_info=True)


@pytest.fixture(scope="module")
def economy():
    return read_ons_workbook(WORKBOOK)


def labelled_row(sheet, label: str) -> int:
    return [str(v).strip() for v in sheet.col_values(1)].index(label)


def headed_column(sheet, heading: str) -> int:
    return [str(v).strip() for v in sheet.row_values(6)].index(heading)


def cells(sheet, rows, cols) -> np.ndarray:
    return np.array([[sheet.cell_value(r, c) for c in cols] for r in rows], dtype=float)


def printed_decimals(book, sheet, row: int, col: int) -> int:
    """Decimals shown by the cell's number format ("0.000" shows 3, "#,##0" shows 0)."""
    xf = book.xf_list[sheet.cell_xf_index(row, col)]
    fmt = book.format_map[xf.format_key].format_str
    return len(fmt.split(".")[1]) if "." in fmt else 0


def test_leontief_column_sums_match_the_published_inverse_to_printed_precision(book, economy):
    sheet = book.sheet_by_name("Leontief")
    total = labelled_row(sheet, "Total")
    published = cells(sheet, [total], COLUMNS)[0]
    decimals = {printed_decimals(book, sheet, total, c) for c in COLUMNS}
    assert decimals == {3}
    computed = output_multipliers(economy.inputs)
    assert np.all(np.abs(computed - published) <= 0.5 * 10.0 ** -3)
    assert [f"{v:.3f}" for v in computed] == [f"{v:.3f}" for v in published]


def test_published_inverse_is_the_inverse_of_the_a_sheet(book, economy):
    inverse = read_ons_leontief(WORKBOOK)
    sheet = book.sheet_by_name("Leontief")
    assert inverse.shape == (129, 129)
    assert np.array_equal(inverse, cells(sheet, PRODUCTS, COLUMNS))
    a = economy.inputs.toarray()
    assert np.abs((np.eye(129) - a) @ inverse - np.eye(129)).max() < 1e-14
    for j in (0, 33, 128):
        unit = np.zeros(129)
        unit[j] = 1.0
        assert np.abs(leontief_solve(economy.inputs, unit) - inverse[:, j]).max() < 1e-12


def test_a_sheet_is_the_iot_divided_by_output(book, economy):
    iot = book.sheet_by_name("IOT")
    flows = cells(iot, PRODUCTS, COLUMNS)
    output = cells(iot, [labelled_row(iot, "Total Output")], COLUMNS)[0]
    assert np.abs(flows / output - economy.inputs.toarray()).max() < 1e-15


def test_products_and_techniques(economy):
    assert (economy.n, economy.t, economy.m) == (129, 129, 2)
    assert economy.products.ids[:3].tolist() == ["01", "02", "03"]
    assert economy.products.ids[-1] == "94n"
    assert economy.products.names[0] == "Products of agriculture, hunting and related services"
    assert economy.makes.tolist() == list(range(129))
    assert economy.resources.ids.tolist() == ["labour", "imports"]
    assert np.all(np.isinf(economy.capacity))


def test_available_resources_are_the_published_totals(book, economy):
    iot = book.sheet_by_name("IOT")
    column = headed_column(iot, "Total Intermediate Demand")
    for k, label in enumerate(["Compensation of employees", "Imports of goods and services"]):
        row = labelled_row(iot, label)
        assert printed_decimals(book, iot, row, column) == 0
        assert economy.available[k] == iot.cell_value(row, column)
    assert np.round(economy.available).tolist() == [928459.0, 311753.0]  # as printed


def test_2015_output_makes_final_demand_with_the_available_resources(book, economy):
    iot = book.sheet_by_name("IOT")
    output = cells(iot, [labelled_row(iot, "Total Output")], COLUMNS)[0]
    demand = cells(iot, PRODUCTS, [headed_column(iot, "Total Demand for Products at Basic Prices")])
    intermediate = cells(iot, PRODUCTS, [headed_column(iot, "Total Intermediate Demand")])
    final = (demand - intermediate)[:, 0]
    # Printed to whole £ million.
    assert np.abs(economy.net_output(output) - final).max() < 0.5
    assert np.abs(economy.resource_use @ output - economy.available).max() < 0.5
    assert final[33] == -214.0 and economy.targets[33] == 0.0
    keep = np.arange(129) != 33
    assert np.array_equal(economy.targets[keep], final[keep])
    assert np.array_equal(economy.weights, economy.targets)
    assert np.count_nonzero(economy.targets) == 127


def test_round_trip_through_csv_keeps_codes_and_names(tmp_path, economy, assert_same_economy):
    write_economy(economy, tmp_path / "uk", format="csv")
    assert_same_economy(economy, read_economy(tmp_path / "uk"))


def test_unreadable_or_missing_workbook(tmp_path):
    with pytest.raises(EconomyError, match=r"nothing\.xls: no such file"):
        read_ons_workbook(tmp_path / "nothing.xls")
    fake = tmp_path / "fake.xls"
    fake.write_text("id,name\n")
    with pytest.raises(EconomyError, match=r"fake\.xls: not a readable \.xls workbook"):
        read_ons_workbook(fake)
