"""Who may do what: voting needs admission; enterprises are edited by their own officers only."""

import pytest
from django.urls import reverse

from kurultai.web.committees.models import Committee, Enterprise, Membership
from kurultai.web.committees.services import CommitteeError, admit, apply
from kurultai.web.elections.casting import VotingError, cast
from kurultai.web.elections.models import Ballot, Participation

from web_factories import PASSWORD, make_committee, make_people, open_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def election():
    committee, people = make_committee("osh", 5)
    return open_election(committee, people[0], people[1:4]), people


def test_non_member_cannot_vote(election, client):
    election, _people = election
    outsider = make_people("outsider", 1)[0]
    with pytest.raises(VotingError, match="Only admitted members"):
        cast(election, outsider, ["c1"])
    client.login(username=outsider.username, password=PASSWORD)
    assert client.get(reverse("elections:vote", args=[election.pk])).status_code == 403
    assert client.post(reverse("elections:vote", args=[election.pk]), {"rank_c1": "1"}).status_code == 403
    assert Ballot.objects.count() == 0 and Participation.objects.count() == 0


def test_applicant_votes_only_after_the_secretary_admits(election):
    election, people = election
    newcomer = make_people("newcomer", 1)[0]
    membership = apply(election.committee, newcomer)
    with pytest.raises(VotingError):
        cast(election, newcomer, ["c1"])
    with pytest.raises(CommitteeError, match="secretary"):
        admit(membership, people[1])
    admit(membership, people[0])
    assert cast(election, newcomer, ["c2", "c1"]).receipt
    assert Ballot.objects.count() == 1


def test_anonymous_visitor_is_sent_to_log_in(election, client):
    election, _people = election
    response = client.get(reverse("elections:vote", args=[election.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.fixture
def enterprise():
    committee, workers = make_committee("mill", 3, kind=Committee.Kind.WORKPLACE)
    mill = Enterprise.objects.create(slug="mill", name="Mill", committee=committee,
                                     sector="Textiles", place="Osh", workers=3)
    return mill, workers


def test_member_of_another_committee_cannot_edit_an_enterprise(enterprise, client):
    mill, _workers = enterprise
    _other, others = make_committee("bakery", 2, kind=Committee.Kind.WORKPLACE)
    client.login(username=others[0].username, password=PASSWORD)  # a secretary, but elsewhere
    url = reverse("committees:enterprise_edit", args=[mill.slug])
    assert client.get(url).status_code == 403
    response = client.post(url, {"name": "Seized", "sector": "x", "place": "x", "workers": 1})
    assert response.status_code == 403
    mill.refresh_from_db()
    assert mill.name == "Mill"


def test_plain_member_cannot_edit_but_the_officer_can(enterprise, client):
    mill, workers = enterprise
    url = reverse("committees:enterprise_edit", args=[mill.slug])
    client.login(username=workers[1].username, password=PASSWORD)
    assert client.post(url, {"name": "Renamed", "sector": "Textiles", "place": "Osh",
                             "workers": 3}).status_code == 403
    client.login(username=workers[0].username, password=PASSWORD)
    response = client.post(url, {"name": "People's mill", "sector": "Textiles", "place": "Osh",
                                 "workers": 4, "description": ""})
    assert response.status_code == 302
    mill.refresh_from_db()
    assert (mill.name, mill.workers) == ("People's mill", 4)


def test_only_the_secretary_admits_through_the_web(client):
    committee, people = make_committee("sputnik", 3)
    applicant = make_people("applicant", 1)[0]
    membership = apply(committee, applicant)
    url = reverse("committees:admit", args=[committee.slug, membership.pk])
    client.login(username=people[1].username, password=PASSWORD)
    assert client.post(url).status_code == 403
    client.login(username=people[0].username, password=PASSWORD)
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ADMITTED and membership.admitted_by == people[0]


def test_kurultai_seats_cannot_be_joined_by_asking():
    kurultai = Committee.objects.create(slug="k", name="K", kind=Committee.Kind.KURULTAI)
    with pytest.raises(CommitteeError):
        apply(kurultai, make_people("eager", 1)[0])


def test_administrators_see_no_ballots_and_change_no_votes(admin_client):
    from django.contrib import admin

    registered = {model._meta.label for model in admin.site._registry}
    assert not {"elections.Ballot", "elections.Participation"} & registered
    assert admin_client.get("/admin/elections/election/").status_code == 200
    assert admin_client.get("/admin/elections/election/add/").status_code == 403
    assert admin_client.get("/admin/elections/mandate/add/").status_code == 403


def test_admin_changes_are_audited(admin_client):
    from kurultai.web.audit.models import AuditEntry

    response = admin_client.post("/admin/committees/committee/add/", {
        "slug": "nariman", "name": "Nariman", "kind": "neighbourhood", "place": "Osh",
        "description": "", "delegate_seats": 1, "recall_share": "0.2", "quorum_share": "0.5"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.added")
    assert entry.actor == "admin" and entry.subject.startswith("committees.committee:")
