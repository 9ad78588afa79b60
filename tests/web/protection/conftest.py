"""A small protected world: three neighbourhoods, A and B adjacent, C apart, one district."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from kurultai.web.committees.models import Committee, Membership
from kurultai.web.protection.models import Neighbourhood

SQUARE = lambda lat, lon: {"type": "Polygon", "coordinates": [[  # noqa: E731
    [lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]]}


@dataclass
class World:
    district: Committee
    a: Neighbourhood
    b: Neighbourhood
    c: Neighbourhood
    people: dict[str, User]


def _person(username: str) -> User:
    return User.objects.create_user(username=username, password="pw-for-tests-only", first_name=username.title(),
                                    email=f"{username}@example.org")


def _committee(slug: str, kind: str, members: list[tuple[str, str]], people: dict[str, User]) -> Committee:
    committee = Committee.objects.create(slug=slug, name=slug.replace("-", " ").title(), kind=kind)
    for username, role in members:
        people.setdefault(username, _person(username))
        Membership.objects.create(committee=committee, member=people[username], role=role,
                                  status=Membership.Status.ADMITTED, admitted_at=timezone.now())
    return committee


@pytest.fixture
def world(db) -> World:
    """A's committee: secretary ``asec`` and members a1..a3; B's: ``bsec``, b1; C's: ``csec``, c1;
    the district: ``dsec``; and ``nobody``, a member of no committee."""
    S, M = Membership.Role.SECRETARY, Membership.Role.MEMBER
    people: dict[str, User] = {"nobody": _person("nobody")}
    district = _committee("district", Committee.Kind.DISTRICT, [("dsec", S)], people)
    hoods = {}
    for key, lat, members in [("a", 40.50, [("asec", S), ("a1", M), ("a2", M), ("a3", M)]),
                              ("b", 40.51, [("bsec", S), ("b1", M)]),
                              ("c", 40.60, [("csec", S), ("c1", M)])]:
        committee = _committee(f"{key}-protection", Committee.Kind.PROTECTION, members, people)
        hoods[key] = Neighbourhood.objects.create(
            slug=f"hood-{key}", name=f"Hood {key.upper()}", city="Osh", boundary=SQUARE(lat, 72.80),
            centre_lat=lat + 0.005, centre_lon=72.805, committee=committee, district=district)
    hoods["a"].adjacent.add(hoods["b"])
    return World(district, hoods["a"], hoods["b"], hoods["c"], people)


@pytest.fixture
def fast_forms(settings):
    """Forms may be sent at once in tests (people take seconds; the test client does not)."""
    settings.PROTECTION_REPORT_MIN_SECONDS = 0
    return settings
