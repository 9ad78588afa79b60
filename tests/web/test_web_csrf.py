"""Every form that changes something needs the CSRF token: without it the request is refused."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from kurultai.web.elections.models import Ballot
from web_factories import PASSWORD, make_committee, open_election

pytestmark = pytest.mark.django_db


def _token(response) -> str:
    return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content).group(1).decode()


@pytest.fixture
def setup():
    committee, people = make_committee("furkat", 4)
    election = open_election(committee, people[0], people[1:3])
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=people[3].username, password=PASSWORD)
    return election, client


def test_vote_without_token_is_refused(setup):
    election, client = setup
    response = client.post(reverse("elections:vote", args=[election.pk]), {"rank_c1": "1"})
    assert response.status_code == 403
    assert Ballot.objects.count() == 0


def test_vote_with_the_forms_token_is_accepted(setup):
    election, client = setup
    form = client.get(reverse("elections:vote", args=[election.pk]))
    response = client.post(reverse("elections:vote", args=[election.pk]),
                           {"rank_c1": "1", "csrfmiddlewaretoken": _token(form)})
    assert response.status_code == 200
    assert Ballot.objects.count() == 1


def test_join_admit_logout_and_language_switch_need_the_token(setup):
    election, client = setup
    for url in (reverse("committees:join", args=[election.committee.slug]),
                reverse("accounts:logout"), reverse("set_language"),
                reverse("assembly:new_session")):
        assert client.post(url, {"language": "ru"}).status_code == 403, url


def test_login_form_needs_the_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
