"""Small economies whose balance, values and optimal plans are worked out by hand.

Every expected number below is a literal fraction worked on paper (the working is in the
docstrings), never a figure the code under test produced.
"""

from fractions import Fraction as F

import numpy as np
import pytest

from kurultai.planning import balance, certify, output_multipliers, solve, upper_bound, valuations
from kurultai.planning.balance import leontief_solve

EXACT = 1e-12


def close(actual, expected, tol=EXACT):
    """Equal to the hand-worked fractions within ``tol``, relative to max(1, |expected|)."""
    expected = np.array([float(v) for v in np.ravel(expected)])
    actual = np.ravel(np.asarray(actual, dtype=float))
    assert actual.shape == expected.shape
    assert np.all(np.abs(actual - expected) <= tol * np.maximum(1.0, np.abs(expected))), \
        f"{actual.tolist()} != {expected.tolist()}"


# --- Miller & Blair's two-sector illustration ---------------------------------------------


@pytest.fixture
def miller_blair(economy_of):
    """R. E. Miller and P. D. Blair, *Input-Output Analysis: Foundations and Extensions*, 2nd ed.
    (Cambridge University Press, 2009), the two-sector numerical illustration of chapter 2.

    Flows Z = [[150, 500], [200, 100]], final demand (350, 1700), gross output x = (1000, 2000),
    so A = Z / x (by column) = [[0.15, 0.25], [0.20, 0.05]] and the value added of each sector
    (gross output less its intermediate inputs) is (1000 − 350, 2000 − 600) = (650, 1400),
    i.e. (0.65, 0.70) per unit of output.
    """
    return economy_of(["agriculture", "manufacturing"], [[0.15, 0.25], [0.20, 0.05]],
                      [[0.65, 0.70], [0.3, 0.5]], available=(1.0, 1.0),
                      resources=("value added", "labour hours"))


# (I − A) = [[0.85, −0.25], [−0.20, 0.95]], det = 0.85·0.95 − 0.25·0.20 = 0.7575 = 303/400, so
# (I − A)⁻¹ = (400/303) [[0.95, 0.25], [0.20, 0.85]] = [[380, 100], [80, 340]] / 303.
LEONTIEF_INVERSE = [[F(380, 303), F(100, 303)], [F(80, 303), F(340, 303)]]


def test_miller_blair_leontief_inverse_column_by_column(miller_blair):
    """Column j of (I − A)⁻¹ is the gross output that delivers one unit of product j:
    [[380, 100], [80, 340]] / 303 ≈ [[1.2541, 0.3300], [0.2640, 1.1221]], the book's figures."""
    for j in range(2):
        unit = np.eye(2)[j]
        close(leontief_solve(miller_blair.inputs, unit), [LEONTIEF_INVERSE[0][j], LEONTIEF_INVERSE[1][j]])


def test_miller_blair_output_multipliers(miller_blair):
    """Column sums of the inverse: (380 + 80, 100 + 340) / 303 = (460/303, 440/303)."""
    close(output_multipliers(miller_blair.inputs), [F(460, 303), F(440, 303)])


def test_miller_blair_gross_output_for_the_original_final_demand(miller_blair):
    """x = L (350, 1700): (380·350 + 100·1700)/303 = 303000/303 = 1000 and
    (80·350 + 340·1700)/303 = 606000/303 = 2000, the table's own gross outputs."""
    close(balance(miller_blair, np.array([350.0, 1700.0])), [1000, 2000])


def test_miller_blair_gross_output_for_a_new_final_demand(miller_blair):
    """The book's new final demand (600, 1500):
    x1 = (380·600 + 100·1500)/303 = 378000/303 = 126000/101 ≈ 1247.52,
    x2 = (80·600 + 340·1500)/303 = 558000/303 = 186000/101 ≈ 1841.58."""
    close(balance(miller_blair, np.array([600.0, 1500.0])), [F(126000, 101), F(186000, 101)])


def test_miller_blair_values(miller_blair):
    """v = l (I − A)⁻¹.

    Value added l = (0.65, 0.70): every column of A plus its value added sums to one, so
    v (I − A) = l is solved by v = (1, 1): one unit of value embodies exactly one unit of value
    added — check: 0.65·380/303 + 0.70·80/303 = (247 + 56)/303 = 1, and
    0.65·100/303 + 0.70·340/303 = (65 + 238)/303 = 1.

    Labour hours l = (0.3, 0.5) (chosen here, not the book's): v1 = (0.3·380 + 0.5·80)/303 =
    154/303 and v2 = (0.3·100 + 0.5·340)/303 = 200/303.
    """
    close(valuations(miller_blair), [[1, 1], [F(154, 303), F(200, 303)]])


# --- the four-good economy of iron, coal, corn and bread ----------------------------------

IRON, COAL, CORN, BREAD = range(4)
FOUR_GOODS = ["iron", "coal", "corn", "bread"]
# Tons of each good (rows) used per ton made (columns); hours of labour per ton made.
FOUR_GOOD_INPUTS = [
    [0, F(1, 4), F(1, 20), 0],  # iron: tools for the mine and the farm
    [2, 0, 0, F(1, 2)],  # coal: smelting iron and baking bread
    [0, 0, F(1, 10), F(3, 4)],  # corn: seed corn and the bakery's flour
    [0, 0, 0, 0],  # bread: used by nobody, only eaten
]
FOUR_GOOD_LABOUR = [4, 2, 1, 3]
FOUR_GOOD_VALUES = [16, 6, 2, F(15, 2)]


@pytest.fixture
def four_goods(economy_of):
    """Cockshott and Cottrell's four goods (iron, coal, corn, bread) of *Towards a New
    Socialism* (1993), ch. 3, with labour as the one primary input.

    The book's own coefficients are not reproduced here: this test does not rely on knowing them
    exactly. The economy is constructed for these tests with the same four goods and a
    coal–iron cycle like the book's, in round numbers that make the arithmetic exact:

        one ton of iron  needs 2 t coal                      and 4 hours,
        one ton of coal  needs 1/4 t iron                    and 2 hours,
        one ton of corn  needs 1/20 t iron, 1/10 t seed corn and 1 hour,
        one ton of bread needs 1/2 t coal, 3/4 t corn        and 3 hours.
    """
    a = [[float(v) for v in row] for row in FOUR_GOOD_INPUTS]
    return economy_of(FOUR_GOODS, a, FOUR_GOOD_LABOUR, available=(12600.0,),
                      targets=[0.0, 1300.0, 0.0, 1200.0], weights=[0.0, 1.0, 0.0, 2.0])


def test_four_goods_labour_values(four_goods):
    """Labour values v = v A + l, worked by hand:

    iron and coal form a cycle: v_iron = 2 v_coal + 4 and v_coal = v_iron/4 + 2, so
    v_iron = v_iron/2 + 8, v_iron = 16 hours and v_coal = 16/4 + 2 = 6 hours;
    corn: v_corn = 16/20 + v_corn/10 + 1, so (9/10) v_corn = 9/5 and v_corn = 2 hours;
    bread: v_bread = 6/2 + 2·3/4 + 3 = 15/2 hours.
    """
    values = valuations(four_goods)
    close(values, [FOUR_GOOD_VALUES])
    a = np.array([[float(v) for v in row] for row in FOUR_GOOD_INPUTS])
    close(values[0] @ a + np.array(FOUR_GOOD_LABOUR), FOUR_GOOD_VALUES)


def test_four_goods_gross_output(four_goods):
    """Gross output for net output y = (0, 1300, 0, 1200) tons (coal to heat homes, bread):

    bread: x_bread = 1200;
    corn:  x_corn = x_corn/10 + (3/4)·1200, so (9/10) x_corn = 900 and x_corn = 1000;
    iron:  x_iron = x_coal/4 + 1000/20 = x_coal/4 + 50;
    coal:  x_coal = 2 x_iron + 1200/2 + 1300 = x_coal/2 + 100 + 1900, so x_coal = 4000 and
           x_iron = 1050.
    Labour used: 4·1050 + 2·4000 + 1·1000 + 3·1200 = 16800 hours, which is also the labour
    value of the net output, 6·1300 + (15/2)·1200 = 7800 + 9000 = 16800.
    """
    y = np.array([0.0, 1300.0, 0.0, 1200.0])
    x = balance(four_goods, y)
    close(x, [1050, 4000, 1000, 1200])
    close(four_goods.resource_use @ x, [16800])
    close(valuations(four_goods) @ y, [16800])


def test_four_goods_plan_with_scarce_labour(four_goods):
    """12600 hours for targets of 1300 t coal (weight 1) and 1200 t bread (weight 2).

    Meeting all of a target costs its labour value: coal 6·1300 = 7800 hours, bread
    (15/2)·1200 = 9000 hours. Weight per hour: coal 1/7800, bread 2/9000 = 1/4500, so bread
    first: f_bread = 1 takes 9000 hours, the other 3600 give f_coal = 3600/7800 = 6/13.
    Objective 2 + 6/13 = 32/13. Net output (0, 600, 0, 1200), so, as above,
    x_bread = 1200, x_corn = 1000, x_coal = x_coal/2 + 100 + 600 + 600 → 2600, x_iron = 700
    (labour 2800 + 5200 + 1000 + 3600 = 12600).

    Prices: an hour is worth r = 1/7800 (it buys 1/7800 of coal's weight); every technique
    runs and breaks even, so p = p A + r l, p = r v: prices proportional to labour values,
    p = (16, 6, 2, 15/2)/7800. Coal is partly fulfilled, so p_coal · 1300 = 1 = w_coal. Bound:
    U = r·12600 + (w_bread − p_bread·1200) = 21/13 + (2 − 15/13) = 32/13, the optimum.
    """
    plan = solve(four_goods)
    close(plan.objective, [F(32, 13)])
    close(plan.fulfilment[[COAL, BREAD]], [F(6, 13), 1])
    close(plan.intensity, [700, 2600, 1000, 1200], tol=1e-10)
    close(plan.net_output, [0, 600, 0, 1200], tol=1e-10)
    r = F(1, 7800)
    close(plan.resource_prices, [r])
    close(plan.product_prices, [v * r for v in FOUR_GOOD_VALUES])
    close(upper_bound(four_goods, plan.product_prices, plan.resource_prices), [F(32, 13)])
    certificate = plan.certificate()
    assert certificate.gap <= 1e-12 and certificate.violation <= 1e-12


# --- a weighted-fulfilment plan with a binding capacity -----------------------------------


@pytest.fixture
def grain_and_bread(economy_of):
    """Two products, one resource, one capacity.

    The farm makes grain with 1 hour per ton and can make at most 4 t; the bakery makes bread
    with 1/2 t grain and 1 hour per ton. 9 hours are available. Targets: 2 t grain (weight 1)
    and 6 t bread (weight 3).
    """
    return economy_of(["grain", "bread"], [[0.0, 0.5], [0.0, 0.0]], [1.0, 1.0],
                      techniques=["farm", "bakery"], available=(9.0,), capacity=[4.0, np.inf],
                      targets=[2.0, 6.0], weights=[1.0, 3.0])


HAND_X, HAND_F = [4, 5], [F(3, 4), F(5, 6)]
HAND_P, HAND_R, HAND_OPTIMUM = [F(1, 2), F(1, 2)], [F(1, 4)], F(13, 4)


@pytest.mark.parametrize("method", ["highs", "highs-simplex", "highs-ipm"])
def test_grain_and_bread_optimum_and_prices(grain_and_bread, method):
    """maximise f_g + 3 f_b  s.t.  x_farm − x_bakery/2 ≥ 2 f_g,  x_bakery ≥ 6 f_b,
    x_farm + x_bakery ≤ 9,  0 ≤ x_farm ≤ 4,  0 ≤ f ≤ 1.

    With the balances tight, x_bakery = 6 f_b and x_farm = 2 f_g + 3 f_b, so
    hours: 2 f_g + 9 f_b ≤ 9 and farm: 2 f_g + 3 f_b ≤ 4. The vertices: f = (0, 1) gives 3,
    f = (1, 2/3) gives 3, and both constraints tight, 6 f_b = 5, gives f = (3/4, 5/6) and
    3/4 + 5/2 = 13/4, the optimum, with x = (4, 5).

    Prices: f_g and f_b are strictly inside [0, 1], so w_i = p_i d_i: p = (1/2, 1/2). The bakery
    runs, so it breaks even: p_b − p_g/2 − r = 0, r = 1/4 per hour. The farm is at its capacity
    with profit p_g − r = 1/4 per ton.
    """
    plan = solve(grain_and_bread, method)
    close(plan.objective, [HAND_OPTIMUM])
    close(plan.intensity, HAND_X, tol=1e-9)
    close(plan.fulfilment, HAND_F, tol=1e-9)
    close(plan.product_prices, HAND_P, tol=1e-9)
    close(plan.resource_prices, HAND_R, tol=1e-9)
    assert plan.binding_resources().tolist() == [0]
    assert plan.binding_capacities().tolist() == [0]


def test_grain_and_bread_bound_at_hand_prices(grain_and_bread):
    """U(p, r) = r b + Σ max(0, w_i − p_i d_i) + Σ cap_j max(0, profit_j)
    = 9/4 + (1 − 1) + (3 − 3) + 4·(1/2 − 1/4) + (bakery profit 0) = 9/4 + 1 = 13/4."""
    p = np.array([float(v) for v in HAND_P])
    r = np.array([float(v) for v in HAND_R])
    assert upper_bound(grain_and_bread, p, r) == float(HAND_OPTIMUM)
    certificate = solve(grain_and_bread).certificate()
    close(certificate.bound, [HAND_OPTIMUM])
    close(certificate.objective, [HAND_OPTIMUM])


def test_grain_and_bread_bound_at_other_prices(grain_and_bread):
    """Any prices bound the optimum, most of them loosely. At p = (1, 1), r = 0: every target
    term vanishes (1 − 2 < 0, 3 − 6 < 0); farm profit 1 on effective capacity min(4, 9/1) = 4,
    bakery profit 1 − 1/2 = 1/2 on capacity 9/1 = 9; U = 4 + 9/2 = 17/2 ≥ 13/4.
    At p = 0, r = 0: U = Σ w = 4."""
    assert upper_bound(grain_and_bread, np.array([1.0, 1.0]), np.array([0.0])) == 8.5
    assert upper_bound(grain_and_bread, np.zeros(2), np.zeros(1)) == 4.0


def test_grain_and_bread_one_more_hour_is_worth_its_price(grain_and_bread):
    """r = 1/4: with 10 hours, 2 f_g + 9 f_b = 10 and 2 f_g + 3 f_b = 4 give f = (1/2, 1),
    objective 1/2 + 3 = 7/2 = 13/4 + 1/4."""
    plan = solve(grain_and_bread.with_changes(available=np.array([10.0])))
    close(plan.objective, [F(7, 2)])
    close(plan.fulfilment, [F(1, 2), 1], tol=1e-9)


def test_certificate_of_a_feasible_but_suboptimal_plan(grain_and_bread):
    """The vertex x = (4, 4), f = (1, 2/3) is feasible with objective 3; against the hand prices
    its gap is (13/4 − 3) / max(1, 3) = 1/12 and it has no violation."""
    p = np.array([float(v) for v in HAND_P])
    r = np.array([float(v) for v in HAND_R])
    certificate = certify(grain_and_bread, np.array([4.0, 4.0]), np.array([1.0, 2 / 3]), p, r)
    close(certificate.objective, [3])
    close(certificate.gap, [F(1, 12)])
    assert certificate.violation == 0.0
    assert not certificate.solved


def test_certificate_of_an_infeasible_plan(grain_and_bread):
    """x = (4, 6), f = (1, 1) meets both targets and claims objective 4 > 13/4, but needs 10 of
    the 9 hours (violation (10 − 9)/9 = 1/9) and leaves the grain balance 4 − 3 − 2 = −1 short
    (relative to max(1, d = 2, made 4) = 4: 1/4, the worst)."""
    p = np.array([float(v) for v in HAND_P])
    r = np.array([float(v) for v in HAND_R])
    certificate = certify(grain_and_bread, np.array([4.0, 6.0]), np.array([1.0, 1.0]), p, r)
    close(certificate.violation, [F(1, 4)])
    assert certificate.worst == "balance of product grain"
    assert certificate.gap < 0
    assert not certificate.solved
