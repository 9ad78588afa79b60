"""A compact way to write small economies in the planning tests."""

import numpy as np
import pytest
import scipy.sparse as sp

from kurultai.economy import Catalogue, Economy


def build_economy(products, inputs, labour, *, available=(0.0,), capacity=None, targets=None,
                  weights=None, makes=None, techniques=None, resources=("labour",)):
    """An economy from dense rows: ``inputs`` is A (products × techniques), ``labour`` is R
    (one row per resource, or a single row for one resource)."""
    a = np.asarray(inputs, dtype=float)
    n, t = a.shape
    r = np.atleast_2d(np.asarray(labour, dtype=float))
    return Economy(
        products=Catalogue.of(products, kind="product"),
        techniques=Catalogue.of(techniques or [f"make {p}" for p in products], kind="technique"),
        makes=np.arange(n) if makes is None else makes,
        inputs=sp.csc_matrix(a),
        resources=Catalogue.of(resources, kind="resource"),
        resource_use=sp.csr_matrix(r),
        available=available,
        capacity=np.full(t, np.inf) if capacity is None else capacity,
        targets=np.zeros(n) if targets is None else targets,
        weights=np.zeros(n) if weights is None else weights,
    )


@pytest.fixture
def economy_of():
    return build_economy
