"""Helpers of the platform's tests: committees with admitted members, elections to vote in."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.utils import timezone

from kurultai.web.committees.models import Committee, Membership
from kurultai.web.elections.calling import call_election, nominate
from kurultai.web.elections.models import Election

PASSWORD = "correct horse battery"


def make_people(prefix: str, n: int) -> list[User]:
    password = make_password(PASSWORD)
    return User.objects.bulk_create(
        [User(username=f"{prefix}{i:03d}", first_name=prefix.capitalize(), last_name=f"No. {i}",
              password=password) for i in range(n)])


def make_committee(slug: str, members: int, kind=Committee.Kind.NEIGHBOURHOOD, parent=None):
    """A committee whose first member is its secretary and all ``members`` are admitted.

    Without ``parent`` it gets a district above it of its own, to send delegates to.
    """
    if parent is None:
        parent = Committee.objects.create(slug=f"{slug}-above", name=f"Above {slug.title()}",
                                          kind=Committee.Kind.DISTRICT)
    committee = Committee.objects.create(slug=slug, name=slug.title(), kind=kind, parent=parent)
    people = make_people(slug, members)
    Membership.objects.bulk_create([
        Membership(committee=committee, member=person, status=Membership.Status.ADMITTED,
                   admitted_at=timezone.now(),
                   role=Membership.Role.SECRETARY if i == 0 else Membership.Role.MEMBER)
        for i, person in enumerate(people)])
    return committee, people


def open_election(committee, secretary, candidates=(), *, rule=Election.Rule.STV, seats=2,
                  office=Election.Office.DELEGATE, answers=()):
    """An election called and nominated in its nominations phase, then opened for voting now."""
    now = timezone.now()
    election = call_election(committee, secretary, title=f"Election of {committee.name}",
                             rule=rule, office=office, seats=seats, answers=answers,
                             opens_at=now + timedelta(hours=1), closes_at=now + timedelta(days=1))
    for person in candidates:
        nominate(election, person, secretary)
    Election.objects.filter(pk=election.pk).update(opens_at=now - timedelta(minutes=1))
    election.refresh_from_db()
    return election


def end_voting(election):
    Election.objects.filter(pk=election.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    election.refresh_from_db()
    return election
