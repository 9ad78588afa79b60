"""The economy model's validation (one test per bad input) and the synthetic generator."""

import hashlib

import numpy as np
import pytest
import scipy.sparse as sp

from kurultai.economy import Catalogue, Economy, EconomyError, synthetic
from kurultai.economy.synthetic import RESOURCES, reference_prices
from kurultai.planning import solve

INPUTS = np.array([
    # forge mine  farm  farm-2
    [0.00, 0.10, 0.05, 0.00],  # iron
    [0.50, 0.00, 0.00, 0.10],  # coal
    [0.00, 0.00, 0.10, 0.10],  # corn
])
RESOURCE_USE = np.array([[1.0, 2.0, 1.0, 1.0], [0.0, 0.0, 3.0, 2.0]])


def fields(**changes):
    """The fields of a small valid economy (iron, coal, corn; corn has two farms), changed."""
    base = dict(
        products=Catalogue.of(["iron", "coal", "corn"], ["Iron", "Coal", "Corn"], ["t", "t", "t"],
                              kind="product"),
        techniques=Catalogue.of(["forge", "mine", "farm", "farm-2"], kind="technique"),
        makes=[0, 1, 2, 2],
        inputs=sp.csc_matrix(INPUTS),
        resources=Catalogue.of(["labour", "land"], kind="resource"),
        resource_use=sp.csr_matrix(RESOURCE_USE),
        available=[10.0, 5.0],
        capacity=[np.inf, 5.0, np.inf, 2.0],
        targets=[0.0, 1.0, 2.0],
        weights=[0.0, 1.0, 1.0],
    )
    base.update(changes)
    return base


def refused(**changes) -> str:
    with pytest.raises(EconomyError) as caught:
        Economy(**fields(**changes))
    return str(caught.value)


def with_entry(matrix: np.ndarray, row: int, col: int, value: float) -> np.ndarray:
    changed = matrix.copy()
    changed[row, col] = value
    return changed


def test_the_base_economy_is_valid():
    e = Economy(**fields())
    assert (e.n, e.t, e.m) == (3, 4, 2)
    assert e.summary() == "3 products, 4 techniques, 2 resources, 6 input coefficients, " \
                          "2 targets, 2 capacities"


# --- coefficients -------------------------------------------------------------------------


def test_negative_input_coefficient():
    message = refused(inputs=sp.csc_matrix(with_entry(INPUTS, 1, 3, -0.1)))
    assert message == "inputs: negative coefficient -0.1 for 'coal' in technique 'farm-2'"


def test_nan_input_coefficient():
    message = refused(inputs=sp.csc_matrix(with_entry(INPUTS, 0, 2, np.nan)))
    assert message == "inputs: NaN coefficient nan for 'iron' in technique 'farm'"


def test_infinite_input_coefficient():
    message = refused(inputs=sp.csc_matrix(with_entry(INPUTS, 2, 3, np.inf)))
    assert message == "inputs: infinite coefficient inf for 'corn' in technique 'farm-2'"


def test_negative_resource_coefficient():
    message = refused(resource_use=sp.csr_matrix(with_entry(RESOURCE_USE, 1, 2, -3.0)))
    assert message == "resource_use: negative coefficient -3.0 for 'land' in technique 'farm'"


def test_nan_resource_coefficient():
    message = refused(resource_use=sp.csr_matrix(with_entry(RESOURCE_USE, 0, 1, np.nan)))
    assert message == "resource_use: NaN coefficient nan for 'labour' in technique 'mine'"


def test_infinite_resource_coefficient():
    message = refused(resource_use=sp.csr_matrix(with_entry(RESOURCE_USE, 1, 3, -np.inf)))
    assert message == "resource_use: infinite coefficient -inf for 'land' in technique 'farm-2'"


# --- ids ----------------------------------------------------------------------------------


def test_duplicate_id():
    with pytest.raises(EconomyError, match=r"^techniques: duplicate id 'farm' \(1 duplicated ids\)$"):
        Catalogue.of(["forge", "farm", "mine", "farm"], kind="technique")


def test_empty_id():
    with pytest.raises(EconomyError, match=r"^products: empty id at position 1$"):
        Catalogue.of(["iron", "", "corn"], kind="product")


def test_unknown_id():
    products = Economy(**fields()).products
    assert products.position(["corn", "iron"], kind="product").tolist() == [2, 0]
    with pytest.raises(EconomyError,
                       match=r"^inputs\.csv: unknown product id 'steel' \(entry 2\)$"):
        products.position(["coal", "steel"], kind="product", where="inputs.csv: ")


def test_unknown_id_in_an_empty_catalogue():
    with pytest.raises(EconomyError, match=r"^unknown resource id 'water' \(entry 1\)$"):
        Catalogue.of([], kind="resource").position(["water"], kind="resource")


def test_names_and_ids_of_different_lengths():
    with pytest.raises(EconomyError, match=r"^products: 3 ids but 2 names$"):
        Catalogue.of(["iron", "coal", "corn"], ["Iron", "Coal"], kind="product")


def test_units_and_ids_of_different_lengths():
    with pytest.raises(EconomyError, match=r"^resources: 2 ids but 2 names and 1 units$"):
        Catalogue.of(["labour", "land"], units=["hours"], kind="resource")


# --- shapes -------------------------------------------------------------------------------

SIZES = "(3 products, 4 techniques, 2 resources)"


@pytest.mark.parametrize("name, value, got, want", [
    ("makes", [0, 1, 2], (3,), (4,)),
    ("inputs", sp.csc_matrix(INPUTS[:2]), (2, 4), (3, 4)),
    ("inputs", sp.csc_matrix(INPUTS[:, :3]), (3, 3), (3, 4)),
    ("resource_use", sp.csr_matrix(RESOURCE_USE[:1]), (1, 4), (2, 4)),
    ("resource_use", sp.csr_matrix(np.ones((2, 5))), (2, 5), (2, 4)),
    ("available", [10.0], (1,), (2,)),
    ("capacity", [1.0, 1.0, 1.0], (3,), (4,)),
    ("targets", [0.0, 1.0], (2,), (3,)),
    ("weights", [0.0, 1.0, 1.0, 1.0], (4,), (3,)),
])
def test_shape_mismatch(name, value, got, want):
    assert refused(**{name: value}) == f"{name}: shape {got} does not match {want} {SIZES}"


# --- what each technique makes ------------------------------------------------------------


def test_makes_a_product_past_the_end():
    assert refused(makes=[0, 1, 2, 3]) == \
        "technique 'farm-2' makes product number 3, outside 0..2"


def test_makes_a_negative_product_number():
    assert refused(makes=[0, -1, 2, 2]) == \
        "technique 'mine' makes product number -1, outside 0..2"


@pytest.mark.parametrize("bad", [1.5, np.nan])
def test_makes_a_product_number_that_is_not_whole(bad):
    assert refused(makes=[0, 1, 2, bad]) == \
        f"makes: technique 'farm-2' makes product number {bad!r}, which is not a whole number"


def test_whole_product_numbers_given_as_floats_are_accepted():
    assert Economy(**fields(makes=[0.0, 1.0, 2.0, 2.0])).makes.tolist() == [0, 1, 2, 2]


def test_target_on_a_product_nothing_makes():
    message = refused(makes=[0, 1, 1, 1], inputs=sp.csc_matrix(np.zeros((3, 4))))
    assert message == "product 'corn' (Corn) has a target of 2 but no technique makes it"


# --- vectors ------------------------------------------------------------------------------


@pytest.mark.parametrize("name, value, message", [
    ("available", [10.0, -5.0], "available: negative value -5.0 for 'land'"),
    ("available", [np.inf, 5.0], "available: infinite value inf for 'labour'"),
    ("available", [np.nan, 5.0], "available: NaN value nan for 'labour'"),
    ("capacity", [np.inf, -1.0, np.inf, 2.0], "capacity: negative value -1.0 for 'mine'"),
    ("capacity", [np.inf, 5.0, np.nan, 2.0], "capacity: NaN value nan for 'farm'"),
    ("capacity", [-np.inf, 5.0, np.inf, 2.0], "capacity: negative value -inf for 'forge'"),
    ("targets", [0.0, -1.0, 2.0], "targets: negative value -1.0 for 'coal'"),
    ("targets", [0.0, 1.0, np.nan], "targets: NaN value nan for 'corn'"),
    ("targets", [np.inf, 1.0, 2.0], "targets: infinite value inf for 'iron'"),
    ("weights", [0.0, 1.0, -0.5], "weights: negative value -0.5 for 'corn'"),
    ("weights", [np.nan, 1.0, 1.0], "weights: NaN value nan for 'iron'"),
])
def test_bad_vector_entry(name, value, message):
    assert refused(**{name: value}) == message


def test_changes_are_validated_again():
    e = Economy(**fields())
    with pytest.raises(EconomyError, match=r"^targets: negative value -2\.0 for 'corn'$"):
        e.with_changes(targets=np.array([0.0, 1.0, -2.0]))


# --- productivity -------------------------------------------------------------------------

LETTERS = list("abcdefg")


def economy_of_inputs(a, makes=None):
    """Products a, b, c … made by techniques with inputs ``a`` and one hour of labour each."""
    a = np.asarray(a, dtype=float)
    n, t = a.shape
    makes = np.arange(n) if makes is None else np.asarray(makes)
    return Economy(Catalogue.of(LETTERS[:n], [p.upper() for p in LETTERS[:n]], kind="product"),
                   Catalogue.of([f"t{j}" for j in range(t)], kind="technique"), makes,
                   sp.csc_matrix(a), Catalogue.of(["labour"], kind="resource"),
                   sp.csr_matrix(np.ones((1, t))), [1.0], np.full(t, np.inf), np.zeros(n),
                   np.zeros(n))


def named_products(message: str) -> list[str]:
    prefix, suffix = "the technology is not productive: products ", " use more of each other"
    assert message.startswith(prefix) and suffix in message, message
    return [item.split(" ")[0] for item in message[len(prefix):message.index(suffix)].split(", ")]


def unproductive_cycle_inside_a_bigger_economy() -> np.ndarray:
    """a and b each need 1.2 of the other (spectral radius 1.2). e feeds the cycle; c, d and f
    depend on it, c also on the productive cycles c–d (0.4·0.5) and c–f (0.5·0.9); g stands
    apart. Every value downstream of the cycle grows with it, but only a and b are at fault."""
    a = np.zeros((7, 7))
    a[0, 1] = a[1, 0] = 1.2  # the offending cycle a ⇄ b
    a[4, 0], a[4, 1] = 0.1, 0.2  # e is an input of a and b
    a[0, 2] = 0.3  # c uses a
    a[3, 2], a[2, 3] = 0.4, 0.5  # c ⇄ d
    a[5, 2], a[2, 5] = 0.5, 0.9  # c ⇄ f
    a[6, 6] = 0.5  # g uses half of itself
    return a


def test_unproductive_cycle_is_named_exactly():
    with pytest.raises(EconomyError) as caught:
        economy_of_inputs(unproductive_cycle_inside_a_bigger_economy())
    assert named_products(str(caught.value)) == ["a", "b"]
    assert "a (A), b (B) use more of each other than they make" in str(caught.value)


def test_the_same_economy_without_the_cycle_is_productive():
    a = unproductive_cycle_inside_a_bigger_economy()
    a[0, 1] = a[1, 0] = 0.8
    assert economy_of_inputs(a).n == 7


def test_unproductive_three_cycle_is_named_exactly():
    """a → b → c → a with 1.1 at each step (radius 1.1), d feeding a, e using c."""
    a = np.zeros((5, 5))
    a[0, 1] = a[1, 2] = a[2, 0] = 1.1
    a[3, 0] = 0.2
    a[2, 4] = 0.5
    with pytest.raises(EconomyError) as caught:
        economy_of_inputs(a)
    assert named_products(str(caught.value)) == ["a", "b", "c"]


def test_cycle_of_spectral_radius_exactly_one_is_named():
    """a needs 2 of b and b needs 1/2 of a: radius exactly 1, values grow only linearly."""
    a = np.zeros((3, 3))
    a[1, 0], a[0, 1] = 2.0, 0.5
    a[0, 2] = 1.0
    with pytest.raises(EconomyError) as caught:
        economy_of_inputs(a)
    assert named_products(str(caught.value)) == ["a", "b"]


def test_product_that_needs_all_of_itself_is_named():
    a = np.zeros((3, 3))
    a[1, 1] = 1.0
    a[1, 2] = 0.5
    with pytest.raises(EconomyError) as caught:
        economy_of_inputs(a)
    assert named_products(str(caught.value)) == ["b"]


def test_an_alternative_technique_makes_the_cycle_productive():
    """A second technique for b that needs only 0.5 of e breaks the a ⇄ b cycle."""
    a = np.zeros((7, 8))
    a[:, :7] = unproductive_cycle_inside_a_bigger_economy()
    a[4, 7] = 0.5
    e = economy_of_inputs(a, makes=list(range(7)) + [1])
    assert e.t == 8


# --- the synthetic economy ----------------------------------------------------------------

# synthetic(200, seed=0): a sha256 of its catalogues and sparsity (exact on every machine), and
# two sums of every array of values. Values are compared to 1e-9, not hashed: numpy's exp and
# log round their last bit differently on different processors, so a hash of the floats
# differs between machines while the economy is the same.
SYNTHETIC_200_SEED_0 = "c40761670d2dd86934e3e9365969071c9c37591c741cca51f500b8a2edc67845"
SYNTHETIC_200_SEED_0_SUMS = {
    "inputs": (387.47443996254776, 8.24624807822933),
    "resource_use": (268.7149916543536, 7.689646774385683),
    "available": (1416.7678442594809, 954.9183959741641),
    "capacity": (1903.5940881587571, 767.9867074754092),
    "targets": (2464.201698042656, 292.86536076695796),
    "weights": (2968.3314426877573, 485.4089049318016),
}


def fingerprint(e: Economy) -> str:
    """A hash of every id, name, unit and index of the economy and of which techniques are
    capped, in a fixed layout."""
    h = hashlib.sha256()
    for catalogue in (e.products, e.techniques, e.resources):
        for column in (catalogue.ids, catalogue.names, catalogue.units):
            if column is not None:
                h.update("\x1f".join(column.tolist()).encode() + b"\x1e")
    for matrix in (e.inputs.tocsc(), e.resource_use.tocsr()):
        h.update(np.asarray(matrix.indptr, "<i8").tobytes())
        h.update(np.asarray(matrix.indices, "<i8").tobytes())
    h.update(np.asarray(e.makes, "<i8").tobytes())
    h.update(np.isfinite(e.capacity).tobytes())
    return h.hexdigest()


def value_sums(e: Economy) -> dict[str, tuple[float, float]]:
    """Per array of values, its sum and its sum weighted by sin(1), sin(2), … (which tells a
    permutation apart); capacities count 0 where there is none."""
    arrays = {"inputs": e.inputs.tocsc().data, "resource_use": e.resource_use.tocsr().data,
              "available": e.available, "capacity": np.where(np.isfinite(e.capacity), e.capacity, 0.0),
              "targets": e.targets, "weights": e.weights}
    return {name: (float(v.sum()), float(v @ np.sin(np.arange(1, len(v) + 1))))
            for name, v in arrays.items()}


def test_synthetic_is_the_same_economy_on_every_machine():
    e = synthetic(200, seed=0)
    assert fingerprint(e) == SYNTHETIC_200_SEED_0
    sums = value_sums(e)
    for name, expected in SYNTHETIC_200_SEED_0_SUMS.items():
        assert sums[name] == pytest.approx(expected, rel=1e-9), name


def test_synthetic_same_seed_same_arrays(assert_same_economy):
    assert_same_economy(synthetic(300, seed=7), synthetic(300, seed=7))
    assert fingerprint(synthetic(300, seed=7)) != fingerprint(synthetic(300, seed=8))


@pytest.fixture(scope="module")
def economy_2000():
    return synthetic(2000, seed=0)


def test_synthetic_one_to_three_techniques_per_product(economy_2000):
    counts = np.bincount(economy_2000.makes, minlength=economy_2000.n)
    assert set(counts.tolist()) == {1, 2, 3}
    assert 1.9 <= counts.mean() <= 2.1


def test_synthetic_inputs_per_technique(economy_2000):
    """About 8 drawn per technique; suppliers drawn twice for one technique merge, so a bit
    fewer remain (7.40 for this economy)."""
    per_technique = np.diff(economy_2000.inputs.indptr)
    assert per_technique.min() >= 1
    assert 7.0 <= per_technique.mean() <= 8.0


def test_synthetic_popularity_is_heavy_tailed(economy_2000):
    """Electricity and transport feed most techniques; the typical product feeds a handful."""
    feeds = np.diff((economy_2000.inputs != 0).tocsr().indptr)
    assert economy_2000.products.names[:2].tolist() == ["Electricity", "Transport"]
    assert feeds[0] > 0.5 * economy_2000.t and feeds[1] > 0.3 * economy_2000.t
    assert np.median(feeds) <= 10


def test_synthetic_resources(economy_2000):
    e = economy_2000
    assert e.m == 4
    assert e.resources.ids.tolist() == [r[0] for r in RESOURCES]
    assert np.all(e.resource_use.toarray()[0] > 0)  # everyone works
    assert np.all(e.available > 0)


def test_synthetic_about_a_third_capped_and_a_third_targeted(economy_2000):
    e = economy_2000
    assert 0.28 <= np.isfinite(e.capacity).mean() <= 0.39
    assert 0.28 <= (e.targets > 0).mean() <= 0.39
    assert np.array_equal(e.weights > 0, e.targets > 0)


def test_synthetic_every_technique_productive_at_reference_prices(economy_2000):
    """In value terms at the generator's prices π, inputs are worth 20–70 % of the output
    times a cost factor of 0.95–1.15 (so below 0.805), and inputs plus resources at ρ cost
    0.95–1.15 of the output: every technique nearly breaks even."""
    e = economy_2000
    price, resource_price = reference_prices(e.n, seed=0)
    output_value = price[e.makes]
    input_share = (e.inputs.T @ price) / output_value
    assert input_share.max() < 0.805
    assert input_share.min() > 0.2 * 0.95 - 1e-12
    cost_share = input_share + (e.resource_use.T @ resource_price) / output_value
    assert np.all((cost_share > 0.95 - 1e-12) & (cost_share < 1.15 + 1e-12))


def test_synthetic_optimum_fulfils_about_three_quarters(economy_2000):
    plan = solve(economy_2000)
    assert plan.certificate().solved
    assert 0.65 <= plan.objective / economy_2000.weights.sum() <= 0.85


def test_synthetic_needs_two_products():
    with pytest.raises(ValueError, match="at least 2 products"):
        synthetic(1)
