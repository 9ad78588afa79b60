"""Leontief balance and valuations against a direct sparse LU, and their errors."""

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.linalg import spsolve

from kurultai.economy import Catalogue, Economy, EconomyError
from kurultai.planning import balance, valuations
from kurultai.planning.balance import BalanceError

N = 10_000


@pytest.fixture(scope="module")
def big():
    """A random economy of 10^4 products, one technique each, 1–14 inputs per technique with
    suppliers drawn by a heavy-tailed popularity (so that a direct LU stays sparse enough to be
    the reference), inputs worth 10–95 % of the output, two resources used by everyone."""
    rng = np.random.default_rng(2015)
    per_technique = rng.integers(1, 15, N)
    cols = np.repeat(np.arange(N), per_technique)
    popularity = np.cumsum(1.0 / np.arange(1, N + 1) ** 1.5)
    rank = np.minimum(np.searchsorted(popularity / popularity[-1], rng.random(len(cols))), N - 1)
    rows = rng.permutation(N)[rank]
    share = rng.random(len(cols))
    share *= (rng.uniform(0.1, 0.95, N) / np.bincount(cols, weights=share, minlength=N))[cols]
    return Economy(
        products=Catalogue.of([f"p{i}" for i in range(N)], kind="product"),
        techniques=Catalogue.of([f"t{i}" for i in range(N)], kind="technique"),
        makes=np.arange(N), inputs=sp.csc_matrix((share, (rows, cols)), shape=(N, N)),
        resources=Catalogue.of(["labour", "land"], kind="resource"),
        resource_use=sp.csr_matrix(rng.uniform(0.1, 1.0, (2, N))), available=[1.0, 1.0],
        capacity=np.full(N, np.inf), targets=rng.exponential(10.0, N), weights=np.zeros(N),
    )


@pytest.fixture(scope="module")
def leontief(big):
    return (sp.identity(N, format="csc") - big.inputs).tocsc()


def assert_relative(actual, reference, tol=1e-9):
    assert actual.shape == reference.shape
    assert np.all(np.abs(actual - reference) <= tol * np.abs(reference)), \
        np.max(np.abs(actual - reference) / np.abs(reference))


def test_balance_matches_a_direct_solve(big, leontief):
    assert big.inputs.nnz > 4 * N  # 7.5 drawn per technique, repeated suppliers merged
    assert_relative(balance(big), spsolve(leontief, big.targets))


def test_balance_of_another_net_output(big, leontief):
    y = np.random.default_rng(1).uniform(0.0, 5.0, N)
    x = balance(big, y)
    assert_relative(x, spsolve(leontief, y))
    assert np.max(np.abs(leontief @ x - y)) <= 1e-10 * np.max(y)


def test_valuations_match_a_direct_solve(big, leontief):
    reference = spsolve(leontief.T.tocsc(), big.resource_use.T.toarray()).T
    values = valuations(big)
    assert values.shape == (2, N)
    assert_relative(values, reference)


def test_valuations_add_up_to_the_resources_used(big):
    """v · y = R x: the resources embodied in the net output are those the plan uses."""
    x = balance(big)
    np.testing.assert_allclose(valuations(big) @ big.targets, big.resource_use @ x, rtol=1e-10)


# --- several techniques per product -------------------------------------------------------


def two_ways_to_make_b(economy_of):
    """a is made one way; b two ways, the second absurd: it needs 1.2 t a per t while a needs
    1.2 t b (the economy is productive through b's first technique)."""
    return economy_of(["a", "b"], [[0.0, 0.0, 1.2], [1.2, 0.1, 0.0]], [1.0, 1.0, 1.0],
                      makes=[0, 1, 1], techniques=["make a", "make b", "make b badly"],
                      available=(1.0,), targets=[1.0, 1.0])


def test_balance_needs_a_choice_when_a_product_has_several_techniques(economy_of):
    e = two_ways_to_make_b(economy_of)
    message = ("balance needs exactly one technique per product, but product 'b' has 2; "
               "pass a choice of techniques")
    with pytest.raises(EconomyError) as caught:
        balance(e)
    assert str(caught.value) == message
    with pytest.raises(EconomyError) as caught:
        valuations(e)
    assert str(caught.value) == message


def test_balance_needs_a_technique_for_every_product(economy_of):
    e = economy_of(["a", "b", "c"], [[0.0, 0.1], [0.2, 0.0], [0.0, 0.0]], [1.0, 1.0],
                   makes=[0, 1], techniques=["make a", "make b"], available=(1.0,))
    with pytest.raises(EconomyError, match=r"product 'c' has 0; pass a choice"):
        balance(e)


def test_balance_with_a_choice(economy_of):
    """With b made the first way: x_a = 1 (a uses no a); x_b = 1 + 1.2 x_a + 0.1 x_b, so
    x_b = 2.2 / 0.9 = 22/9. Labour values: v_b = 1 + 0.1 v_b → 10/9; v_a = 1 + 1.2 v_b = 7/3."""
    e = two_ways_to_make_b(economy_of)
    np.testing.assert_allclose(balance(e, choice=np.array([0, 1])), [1.0, 22 / 9], rtol=1e-12)
    np.testing.assert_allclose(valuations(e, choice=[0, 1]), [[7 / 3, 10 / 9]], rtol=1e-12)


def test_an_unproductive_choice_is_refused(economy_of):
    """(I − A) is invertible for the absurd choice, but its answer is negative: −5 each."""
    e = two_ways_to_make_b(economy_of)
    with pytest.raises(BalanceError, match=r"not productive: the gross output of product 'a' "
                                           r"comes out negative \(-5\)"):
        balance(e, choice=np.array([0, 2]))
    with pytest.raises(BalanceError, match=r"not productive: the valuation of product 'a'"):
        valuations(e, choice=np.array([0, 2]))


@pytest.mark.parametrize("choice, message", [
    ([1, 0], r"entry 0 is 1, which is not a technique making product 'a'"),
    ([0, 3], r"entry 1 is 3, which is not a technique making product 'b'"),
    ([0, -1], r"entry 1 is -1, which is not a technique making product 'b'"),
    ([0], r"must be 2 technique numbers, one per product, not an array of int64 with shape \(1,\)"),
    ([0.0, 1.0], r"must be 2 technique numbers, one per product, not an array of float64"),
])
def test_a_bad_choice_is_refused(economy_of, choice, message):
    e = two_ways_to_make_b(economy_of)
    with pytest.raises(EconomyError, match=message):
        balance(e, choice=np.array(choice))


def test_net_output_of_the_wrong_shape(economy_of):
    e = economy_of(["a", "b"], [[0.0, 0.5], [0.0, 0.0]], [1.0, 1.0], available=(1.0,))
    with pytest.raises(EconomyError, match=r"net output has shape \(3,\), expected \(2,\)"):
        balance(e, np.ones(3))
