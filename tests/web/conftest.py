"""Fixtures of the platform's tests."""

from __future__ import annotations

import pytest
from django.utils import translation

from kurultai.web.committees.models import Committee
from web_factories import make_committee


@pytest.fixture(autouse=True)
def _english_first():
    """Each test starts in English, whatever language an earlier request left active."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Tests create many accounts; a slow password hash there buys nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def kurultai_tree(db):
    """The kurultai, a district below it, and a neighbourhood of 12 below that."""
    kurultai = Committee.objects.create(slug="kurultai", name="Kurultai", kind=Committee.Kind.KURULTAI)
    district = Committee.objects.create(slug="district", name="District",
                                        kind=Committee.Kind.DISTRICT, parent=kurultai)
    neighbourhood, people = make_committee("mahalla", 12, parent=district)
    return kurultai, district, neighbourhood, people
