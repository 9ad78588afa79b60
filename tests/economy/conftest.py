"""Shared checks for the economy tests."""

import numpy as np
import pytest


def _same_catalogue(a, b, what):
    assert a.ids.tolist() == b.ids.tolist(), f"{what} ids differ"
    assert a.names.tolist() == b.names.tolist(), f"{what} names differ"
    assert (a.units is None) == (b.units is None), f"{what} units present in only one"
    if a.units is not None:
        assert a.units.tolist() == b.units.tolist(), f"{what} units differ"


def _same_sparse(a, b, what):
    a, b = a.tocsc(), b.tocsc()
    assert a.shape == b.shape, f"{what} shapes differ"
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices), \
        f"{what} patterns differ"
    assert np.array_equal(a.data, b.data), f"{what} values differ"


@pytest.fixture
def assert_same_economy():
    """Every field of two economies equal, bit for bit."""

    def check(a, b):
        for name in ("products", "techniques", "resources"):
            _same_catalogue(getattr(a, name), getattr(b, name), name)
        _same_sparse(a.inputs, b.inputs, "inputs")
        _same_sparse(a.resource_use, b.resource_use, "resource_use")
        for name in ("makes", "available", "capacity", "targets", "weights"):
            assert np.array_equal(getattr(a, name), getattr(b, name)), f"{name} differ"

    return check
