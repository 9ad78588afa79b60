"""Casting, recasting, closing, the published box and its recount, on the platform's models."""

import json

import pytest
from django.urls import reverse

from kurultai.democracy import fingerprint, read_ballot_box, recount
from kurultai.web.elections.boxes import box_of
from kurultai.web.elections.casting import VotingError, cast
from kurultai.web.elections.closing import close_if_due, reshuffle_open_elections
from kurultai.web.elections.models import Ballot, Election, Mandate, Participation
from web_factories import PASSWORD, end_voting, make_committee, open_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def stv():
    committee, people = make_committee("cheremushki", 11)
    return open_election(committee, people[0], people[1:4], seats=2), people


def test_a_known_count_through_the_platform(stv):
    """10 ballots, 2 seats: quota 4; A's surplus of 1 passes to B at 0.2 a paper; B, tied with C
    at 3, has fewer first preferences and is excluded; C takes the last seat (rule 52)."""
    election, people = stv
    ballots = [["c1", "c2"]] * 5 + [["c3"]] * 3 + [["c2"]] * 2
    for voter, ranking in zip(people[1:], ballots):
        cast(election, voter, ranking)
    result = close_if_due(end_voting(election)).result
    assert result["quota"] == 4
    assert result["elected"] == ["c1", "c3"]
    assert result["stages"][1]["transfers"]["c2"] == "1.00000"
    assert result["stages"][2]["excluded"] == "c2"
    winners = Mandate.objects.filter(election=election).values_list("holder__username", flat=True)
    assert sorted(winners) == sorted([people[1].username, people[3].username])
    assert election.committee.parent.memberships.filter(role="delegate").count() == 2


def test_one_person_one_vote(stv):
    election, people = stv
    cast(election, people[1], ["c1"])
    with pytest.raises(VotingError, match="already voted"):
        cast(election, people[1], ["c2"])
    assert Participation.objects.filter(election=election).count() == 1
    assert Ballot.objects.filter(election=election).count() == 1


def test_revote_replaces_the_ballot_only_with_the_voters_own_change_code(stv):
    election, people = stv
    first = cast(election, people[1], ["c1"])
    other = cast(election, people[2], ["c3"])
    with pytest.raises(VotingError, match="does not match"):
        cast(election, people[1], ["c2"], change_code=other.change_code)
    with pytest.raises(VotingError, match="not voted"):
        cast(election, people[3], ["c2"], change_code=first.change_code)
    assert reshuffle_open_elections() == 1  # the rewrite keeps change tags while voting is open
    second = cast(election, people[1], ["c2", "c1"], change_code=first.change_code.lower())
    stored = dict(Ballot.objects.values_list("receipt", "choice"))
    assert stored == {second.receipt: ["c2", "c1"], other.receipt: ["c3"]}
    with pytest.raises(VotingError, match="does not match"):
        cast(election, people[1], ["c3"], change_code=first.change_code)


def test_bad_ballots_are_refused_with_a_reason(stv):
    election, people = stv
    with pytest.raises(VotingError, match="ranked twice"):
        cast(election, people[1], ["c1", "c1"])
    with pytest.raises(VotingError, match="not a candidate"):
        cast(election, people[1], ["c9"])
    assert Participation.objects.count() == 0


def test_no_vote_before_opening_or_after_closing(stv):
    election, people = stv
    end_voting(election)
    with pytest.raises(VotingError, match="not open"):
        cast(election, people[1], ["c1"])


def test_close_seals_publishes_and_recounts(stv, client):
    election, people = stv
    receipts = [cast(election, voter, ranking).receipt
                for voter, ranking in zip(people[1:], [["c1"], ["c2", "c3"], ["c3", "c1"], ["c1", "c2"]])]
    close_if_due(end_voting(election))
    election.refresh_from_db()
    assert Ballot.objects.filter(election=election, change_tag__isnull=False).count() == 0
    response = client.get(reverse("elections:box_json", args=[election.pk]))
    box = json.loads(response.content)
    read_ballot_box(box)
    assert sorted(entry["receipt"] for entry in box["ballots"]) == sorted(receipts)
    assert fingerprint(box) == election.box_fingerprint
    assert recount(box).to_dict() == election.result
    page = client.get(reverse("elections:box", args=[election.pk]), {"receipt": receipts[2].lower()})
    assert b'id="found"' in page.content and b"No ballot" not in page.content


def test_box_is_not_published_before_the_close(stv, client):
    election, _people = stv
    assert client.get(reverse("elections:box_json", args=[election.pk])).status_code == 403


def test_vote_through_the_web_shows_receipt_once_and_stores_it_nowhere_else(stv, client):
    election, people = stv
    client.login(username=people[4].username, password=PASSWORD)
    response = client.post(reverse("elections:vote", args=[election.pk]),
                           {"rank_c2": "1", "rank_c1": "2"})
    assert response.status_code == 200
    receipt = Ballot.objects.get(election=election).receipt
    assert receipt.encode() in response.content
    assert response["Cache-Control"].count("no-store")
    assert receipt not in json.dumps(list(client.cookies.items()), default=str)
    again = client.get(reverse("elections:vote", args=[election.pk]))
    assert again.status_code == 302 and again["Location"].endswith("/change/")


def test_yes_no_and_approval_questions():
    committee, people = make_committee("depot", 6)
    question = open_election(committee, people[0], rule=Election.Rule.YESNO,
                             office=Election.Office.QUESTION, seats=1)
    for voter, answer in zip(people, ["yes", "yes", "no", "abstain", "yes"]):
        cast(question, voter, answer)
    result = close_if_due(end_voting(question)).result
    assert (result["yes"], result["no"], result["abstain"], result["carried"]) == (3, 1, 1, True)
    routes = open_election(committee, people[0], rule=Election.Rule.APPROVAL,
                           office=Election.Office.QUESTION, seats=1, answers=["A", "B", "C"])
    for voter, approved in zip(people, [["o1", "o2"], ["o2"], ["o2", "o3"], []]):
        cast(routes, voter, approved)
    result = close_if_due(end_voting(routes)).result
    assert result["totals"] == {"o1": 1, "o2": 3, "o3": 1} and result["elected"] == ["o2"]
    assert box_of(routes)["election"]["rule"] == "approval"


def test_instant_runoff_secretary_election_with_its_rounds(client):
    """7 ballots: A 3, B 3, C 1 in round 1, no majority; C is excluded and their paper goes to
    B, who wins round 2 with 4 of 7 and becomes the committee's secretary."""
    committee, people = make_committee("bakery", 8)
    election = open_election(committee, people[0], people[1:4], rule=Election.Rule.IRV,
                             office=Election.Office.SECRETARY, seats=1)
    ballots = [["c1"]] * 3 + [["c2"]] * 3 + [["c3", "c2"]]
    for voter, ranking in zip(people[1:], ballots):
        cast(election, voter, ranking)
    result = close_if_due(end_voting(election)).result
    assert result["winner"] == "c2" and len(result["rounds"]) == 2
    assert result["rounds"][0]["totals"] == {"c1": 3, "c2": 3, "c3": 1}
    assert result["rounds"][0]["eliminated"] == "c3"
    assert committee.memberships.get(member=people[2]).role == "secretary"
    assert committee.memberships.filter(role="secretary").count() == 1
    page = client.get(reverse("elections:detail", args=[election.pk])).content.decode()
    assert "Exclusion of " + people[3].get_full_name() in page and "First preferences" in page


def test_vote_page_of_a_closed_election_sends_back_to_the_election(stv, client):
    election, people = stv
    end_voting(election)
    client.login(username=people[1].username, password=PASSWORD)
    response = client.get(reverse("elections:vote", args=[election.pk]))
    assert response.status_code == 302 and response["Location"] == election.get_absolute_url()
