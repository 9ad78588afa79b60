"""The Kyrgyz demo economy: RAS, the ONS-to-ADB mapping, the balance, the plan and the shipped files."""

import csv
from pathlib import Path

import numpy as np
import pytest

from kurultai.economy.kyrgyz import (
    DATA_DIR, DESCRIPTION, MAPPING, ONS_WORKBOOK, build_kyrgyz_sources, kyrgyz_economy,
    kyrgyz_table, read_iot,
)
from kurultai.economy.model import EconomyError
from kurultai.economy.ras import RasError, ras
from kurultai.planning import balance, solve

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def test_ras_recovers_a_known_biproportional_matrix():
    """Worked example with an exact answer.

    Seed Z0 = [[1, 2, 0], [3, 1, 1], [0, 2, 2]], row factors r = (2, 1, 3), column factors
    s = (1, 2, 1). Z = diag(r) Z0 diag(s) = [[2, 8, 0], [3, 2, 1], [0, 12, 6]] has row sums
    (10, 6, 18) and column sums (5, 22, 7). The biproportional matrix with the seed's zero
    pattern and those sums is unique (Bacharach, Biproportional Matrices and Input-Output
    Change, 1970), so RAS from Z0 to those sums must return exactly Z.
    """
    z0 = np.array([[1, 2, 0], [3, 1, 1], [0, 2, 2]], dtype=float)
    z = ras(z0, [10, 6, 18], [5, 22, 7])
    np.testing.assert_allclose(z, [[2, 8, 0], [3, 2, 1], [0, 12, 6]], rtol=1e-10, atol=1e-10)
    assert z[0, 2] == 0 and z[2, 0] == 0


def test_ras_of_a_uniform_seed_is_the_independence_table():
    """From a seed of ones RAS gives u_i v_j / T: rows (3, 7), columns (4, 6) → [[1.2, 1.8], [2.8, 4.2]]."""
    z = ras(np.ones((2, 2)), [3, 7], [4, 6])
    np.testing.assert_allclose(z, [[1.2, 1.8], [2.8, 4.2]], rtol=1e-12)


def test_ras_rejects_totals_that_disagree():
    with pytest.raises(RasError, match="row totals sum to 6 but the column totals sum to 7"):
        ras(np.ones((3, 3)), [1, 2, 3], [1, 2, 4])


def test_ras_names_a_row_the_seed_cannot_reach():
    seed = np.array([[1.0, 2.0], [0.0, 0.0]])
    with pytest.raises(RasError, match="row 'MIN' has total 2 but is all zero in the seed"):
        ras(seed, [1, 2], [2, 1], row_names=["AHF", "MIN"], col_names=["AHF", "MIN"])


def test_ras_names_a_block_whose_totals_cannot_match():
    seed = np.array([[1.0, 0.0], [0.0, 1.0]])
    with pytest.raises(RasError, match="rows 'AHF' reach only columns 'AHF'.*sum to 1 .* to 2"):
        ras(seed, [1, 2], [2, 1], row_names=["AHF", "MIN"], col_names=["AHF", "MIN"])


def test_ras_reports_totals_reachable_only_in_the_limit():
    """Rows (1, 3), columns (3, 1) from [[1, 1], [1, 0]] need the entry (1, 1) to vanish."""
    with pytest.raises(RasError, match="did not converge in 200 iterations: row 1 sums to"):
        ras(np.array([[1.0, 1.0], [1.0, 0.0]]), [1, 3], [3, 1], max_iter=200)


def test_ras_rejects_negative_totals():
    with pytest.raises(RasError, match="total -1.0 for column 2"):
        ras(np.ones((2, 2)), [1, 0], [2, -1])


def test_every_ons_product_maps_to_exactly_one_adb_sector():
    iot = read_iot(SHARED_DATA / ONS_WORKBOOK)
    with open(DATA_DIR / MAPPING, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["ons_code"] for r in rows] == iot.codes
    assert len(iot.codes) == 129
    assert [r["ons_name"] for r in rows] == iot.names
    sectors = [int(r["adb_sector"]) for r in rows]
    assert set(sectors) == set(range(1, 36))
    mapped = {r["ons_code"]: int(r["adb_sector"]) for r in rows}
    # Judgement calls that follow ISIC Rev.3, on which the ADB sectors are built.
    assert mapped["58"] == 7  # publishing was manufacturing (ISIC 22)
    assert mapped["75"] == 33  # veterinary services were health and social work (ISIC 85)
    assert mapped["95"] == 21  # repair of household goods was retail trade (ISIC 52)
    assert mapped["79"] == 26  # travel agencies were supporting transport (ISIC 63)
    assert mapped["97"] == 35


def test_ras_balancing_reproduces_the_kyrgyz_totals():
    table = kyrgyz_table()
    totals = _kyrgyz_2022()
    kept = [s for s in range(1, 36) if s != 35]
    zsales = np.array([totals[s]["zsales"] for s in kept])
    zuse = np.array([totals[s]["zuse"] for s in kept])
    np.testing.assert_allclose(table.flows.sum(axis=1), zsales, rtol=1e-9)
    np.testing.assert_allclose(table.flows.sum(axis=0) + table.imported_intermediate, zuse, rtol=1e-9)
    assert table.imported_intermediate.sum() == pytest.approx(zuse.sum() - zsales.sum(), rel=1e-12)
    assert np.all(table.imported_intermediate > 0) and np.all(table.imported_intermediate < zuse)
    assert np.all(table.flows >= 0)


def test_leontief_balance_at_2022_final_demand_gives_2022_gross_output():
    economy = kyrgyz_economy()
    totals = _kyrgyz_2022()
    x = balance(economy)
    np.testing.assert_allclose(x, [totals[s]["x"] for s in range(1, 35)], rtol=1e-9)


def test_plan_at_2022_availabilities_is_certified_and_fulfils_every_target():
    plan = solve(kyrgyz_economy(), method="highs")
    certificate = plan.certificate()
    assert certificate.gap <= 1e-6
    assert certificate.violation <= 1e-6
    assert plan.fulfilment.min() >= 1 - 1e-9
    assert plan.objective == pytest.approx(1.0, abs=1e-9)


def test_scarce_imports_make_targets_fall_short_with_a_certified_plan():
    plan = solve(kyrgyz_economy(imports=0.9), method="highs")
    assert plan.certificate().gap <= 1e-6
    assert plan.objective < 0.99
    assert "imports" in plan.economy.resources.ids[plan.binding_resources()]
    assert plan.resource_prices[1] > 0


def test_economy_has_34_sectors_labour_and_imports():
    economy = kyrgyz_economy()
    assert economy.n == economy.t == 34
    assert "PHE" not in economy.products.ids
    assert list(economy.resources.ids) == ["labour", "imports"]
    totals = _kyrgyz_2022()
    np.testing.assert_allclose(economy.targets, [totals[s]["y"] for s in range(1, 35)], rtol=0)
    assert economy.weights.sum() == pytest.approx(1.0)
    assert "RAS" in DESCRIPTION and "UK" in DESCRIPTION


def test_build_regenerates_the_shipped_files_exactly(tmp_path):
    written = build_kyrgyz_sources(SHARED_DATA, tmp_path)
    assert len(written) == 4
    for path in written:
        assert path.read_bytes() == (DATA_DIR / path.name).read_bytes(), path.name


def _kyrgyz_2022() -> dict[int, dict[str, float]]:
    """The Kyrgyz Republic's 2022 rows of the shared ADB MRIO sector totals."""
    with open(SHARED_DATA / "adb-mrio-central-asia" / "sector_totals.csv", newline="") as f:
        return {int(r["i"]): {k: float(v) for k, v in r.items()}
                for r in csv.DictReader(f) if r["s"] == "57" and r["t"] == "2022"}


def test_a_damaged_table_is_reported_with_file_line_and_column(tmp_path):
    for path in DATA_DIR.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    totals = tmp_path / "kyrgyz_2022.csv"
    lines = totals.read_text().splitlines()
    fields = lines[3].split(",")
    fields[5] = "n/a"  # y of sector 3
    lines[3] = ",".join(fields)
    totals.write_text("\n".join(lines) + "\n")
    with pytest.raises(EconomyError, match=r"kyrgyz_2022.csv, line 4, column 'y': 'n/a' is not a number"):
        kyrgyz_economy(data_dir=tmp_path)


def test_availability_factors_must_be_non_negative():
    with pytest.raises(EconomyError, match="imports: availability factor -0.5"):
        kyrgyz_economy(imports=-0.5)
