"""Fixtures of the planning cycle's tests: the demo community with its planning cycle."""

from __future__ import annotations

import pytest

from kurultai.web.core.demo import load_demo
from kurultai.web.plans.demo import load_demo_plan


@pytest.fixture
def demo(transactional_db):
    """The demo community, the Kyrgyz economy, a counted round, versions 1 (objected to) and 2
    (approved), first-quarter reports and an open round: all computed by the real task worker."""
    load_demo()
    load_demo_plan()
