"""pymrio systems: a two-sector table worked by hand, and pymrio's own six-region test system."""

import numpy as np
import pandas as pd
import pymrio
import pytest

from kurultai.economy import EconomyError, from_pymrio
from kurultai.planning.balance import leontief_solve


def two_sector_system() -> pymrio.IOSystem:
    """Z = [[150, 500], [200, 100]], final demand [350, 1700], so x = [1000, 2000]."""
    sectors = pd.MultiIndex.from_tuples([("home", "farming"), ("home", "industry")],
                                        names=["region", "sector"])
    z = pd.DataFrame([[150.0, 500.0], [200.0, 100.0]], index=sectors, columns=sectors)
    y = pd.DataFrame([[350.0], [1700.0]], index=sectors,
                     columns=pd.MultiIndex.from_tuples([("home", "consumption")],
                                                       names=["region", "category"]))
    unit = pd.DataFrame({"unit": ["million som", "million som"]}, index=sectors)
    stressor = pd.Index(["hours"], name="stressor")
    hours = {"name": "Employment",
             "F": pd.DataFrame([[300.0, 500.0]], index=stressor, columns=sectors),
             "unit": pd.DataFrame({"unit": ["thousand hours"]}, index=stressor)}
    return pymrio.IOSystem(Z=z, Y=y, unit=unit, employment=hours)


def test_two_sector_table_worked_by_hand():
    e = from_pymrio(two_sector_system())
    assert e.products.ids.tolist() == ["farming", "industry"]
    assert e.products.units.tolist() == ["million som", "million som"]
    assert np.allclose(e.inputs.toarray(), [[0.15, 0.25], [0.2, 0.05]], rtol=0, atol=1e-15)
    assert e.resources.ids.tolist() == ["employment/hours"]
    assert e.resources.names.tolist() == ["Employment: hours"]
    assert e.resources.units.tolist() == ["thousand hours"]
    assert np.allclose(e.resource_use.toarray(), [[0.3, 0.25]], rtol=0, atol=1e-15)
    assert e.available.tolist() == [800.0]
    assert e.targets.tolist() == [350.0, 1700.0]
    assert e.weights.tolist() == [350.0, 1700.0]
    assert np.allclose(leontief_solve(e.inputs, e.targets), [1000.0, 2000.0], rtol=1e-12)


def test_negative_final_demand_gives_no_target():
    io = two_sector_system()
    io.Y.iloc[0, 0] = -50.0
    e = from_pymrio(io)
    assert e.targets.tolist() == [0.0, 1700.0]
    assert np.allclose(e.inputs.toarray(), [[150 / 600, 500 / 2000], [200 / 600, 100 / 2000]])


def test_whole_test_system_matches_pymrio_and_is_left_unchanged():
    io = pymrio.load_test()
    e = from_pymrio(io)
    assert io.A is None and io.x is None  # nothing computed on the caller's system
    reference = pymrio.load_test().calc_all()
    assert e.n == 48 and e.products.ids[:2].tolist() == ["reg1/food", "reg1/mining"]
    assert e.products.names[0] == "food (reg1)"
    assert np.array_equal(e.inputs.toarray(), reference.A.to_numpy())
    assert e.resources.ids.tolist() == ["factor_inputs/Value Added",
                                        "emissions/emission_type1/air",
                                        "emissions/emission_type2/water"]
    assert np.array_equal(e.resource_use.toarray()[1:], reference.emissions.S.to_numpy())
    assert np.allclose(e.available[1:], reference.emissions.F.to_numpy().sum(axis=1), rtol=1e-14)
    x = reference.x.to_numpy()[:, 0]
    assert np.abs(leontief_solve(e.inputs, e.targets) - x).max() < 1e-10 * x.max()
    assert np.allclose(e.targets, reference.Y.to_numpy().sum(axis=1), rtol=1e-12)


def test_one_region_of_the_test_system():
    reference = pymrio.load_test().calc_all()
    e = from_pymrio(pymrio.load_test(), region="reg2")
    assert e.products.ids.tolist() == list(reference.get_sectors())
    rows = reference.A.index.get_level_values(0) == "reg2"
    assert np.array_equal(e.inputs.toarray(), reference.A.to_numpy()[np.ix_(rows, rows)])
    assert e.resources.ids[-1] == "imports"
    z = reference.Z.to_numpy()
    assert e.available[-1] == pytest.approx(z[np.ix_(~rows, rows)].sum(), rel=1e-12)
    x = reference.x.to_numpy()[rows, 0]
    # The region's recorded output is exactly what meets its targets, within its resources.
    assert np.abs(leontief_solve(e.inputs, e.targets) - x).max() < 1e-10 * x.max()
    assert np.allclose(e.resource_use @ x, e.available, rtol=1e-12)
    exports = z[np.ix_(rows, ~rows)].sum(axis=1)
    assert np.allclose(e.targets, reference.Y.to_numpy()[rows].sum(axis=1) + exports, rtol=1e-12)


def test_system_given_as_coefficients_and_output():
    io = pymrio.load_test().calc_all()
    io.Z = io.Y = None
    io.emissions.F = None
    e = from_pymrio(io, extensions=["emissions"])
    full = from_pymrio(pymrio.load_test(), extensions=["emissions"])
    assert e.resources.ids.tolist() == ["emissions/emission_type1/air",
                                        "emissions/emission_type2/water"]
    assert np.allclose(e.inputs.toarray(), full.inputs.toarray(), rtol=1e-12, atol=0)
    assert np.allclose(e.targets, full.targets, rtol=1e-9)
    assert np.allclose(e.available, full.available, rtol=1e-12)


def test_unknown_region_and_extension():
    with pytest.raises(EconomyError, match=r"no region 'reg9' \(regions: reg1, reg2"):
        from_pymrio(pymrio.load_test(), region="reg9")
    with pytest.raises(EconomyError, match=r"no extension 'water' \(extensions: factor_inputs, "
                                           r"emissions\)"):
        from_pymrio(pymrio.load_test(), extensions=["water"])


def test_negative_extension_is_refused_with_its_resource_and_sector():
    io = two_sector_system()
    io.employment.F.iloc[0, 1] = -5.0
    with pytest.raises(EconomyError, match=r"pymrio system: resource_use: negative coefficient "
                                           r"-0\.0025 for 'employment/hours' in technique "
                                           r"'industry'"):
        from_pymrio(io)
