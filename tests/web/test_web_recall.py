"""Recall: petition, threshold, recall vote, and the seat refilled by the original rule."""

import pytest
from django.urls import reverse

from kurultai.web.committees.models import Membership
from kurultai.web.elections.calling import ElectionError
from kurultai.web.elections.casting import cast
from kurultai.web.elections.closing import close_if_due
from kurultai.web.elections.models import Election, Mandate, RecallPetition
from kurultai.web.elections.recall import open_petition, sign
from web_factories import PASSWORD, end_voting, make_people, open_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated(kurultai_tree):
    """Two delegates of a 12-member neighbourhood elected by STV from four candidates."""
    _kurultai, district, neighbourhood, people = kurultai_tree
    election = open_election(neighbourhood, people[0], people[1:5], seats=2)
    ballots = [["c1", "c3"]] * 4 + [["c2", "c3"]] * 3 + [["c3", "c2"]] * 2 + [["c4", "c1"]] * 2
    for voter, ranking in zip(people[1:], ballots):
        cast(election, voter, ranking)
    election = close_if_due(end_voting(election))
    return election, district, neighbourhood, people


def test_winners_sit_as_delegates_in_the_body_above(seated):
    election, district, _neighbourhood, people = seated
    assert election.result["elected"] == ["c1", "c2"]
    delegates = set(district.memberships.filter(role=Membership.Role.DELEGATE)
                    .values_list("member__username", flat=True))
    assert delegates == {people[1].username, people[2].username}


def test_petition_opens_a_vote_at_the_share_and_a_carried_recall_refills_by_recount(seated, client):
    election, district, neighbourhood, people = seated
    mandate = Mandate.objects.get(election=election, holder=people[1])
    neighbourhood.recall_share = "0.25"
    neighbourhood.save()
    petition = open_petition(mandate, people[5], "Did not report back to the neighbourhood.")
    assert petition.signatures_needed == 3 and petition.status == RecallPetition.Status.COLLECTING
    with pytest.raises(ElectionError, match="already signed"):
        sign(petition, people[5])
    sign(petition, people[6])
    petition = sign(petition, people[7])
    assert petition.status == RecallPetition.Status.VOTING
    vote = petition.vote
    assert vote.office == Election.Office.RECALL and vote.is_open()
    for voter, answer in zip(people[1:], ["no", "yes", "yes", "yes", "yes", "yes", "no", "yes"]):
        cast(vote, voter, answer)
    close_if_due(end_voting(vote))
    petition.refresh_from_db()
    mandate.refresh_from_db()
    assert petition.status == RecallPetition.Status.CARRIED
    assert mandate.end_reason == Mandate.EndReason.RECALLED
    # The original ballots recounted without c1: c2 and c3 are elected; c3 is the newcomer.
    sitting = set(Mandate.objects.filter(body=district, ended_on__isnull=True)
                  .values_list("holder__username", flat=True))
    assert sitting == {people[2].username, people[3].username}
    assert not district.memberships.filter(member=people[1]).exists()
    page = client.get(reverse("elections:petition", args=[petition.pk]))
    assert page.status_code == 200


def test_only_electors_sign_and_a_rejected_recall_keeps_the_seat(seated):
    election, _district, neighbourhood, people = seated
    neighbourhood.recall_share = "0.1"
    neighbourhood.save()
    mandate = Mandate.objects.get(election=election, holder=people[2])
    stranger = make_people("stranger", 1)[0]
    with pytest.raises(ElectionError, match="electors"):
        open_petition(mandate, stranger, "no reason")
    petition = open_petition(mandate, people[4], "A reason.")
    petition = sign(petition, people[5])
    for voter, answer in zip(people[1:], ["no", "no", "yes", "no"]):
        cast(petition.vote, voter, answer)
    close_if_due(end_voting(petition.vote))
    petition.refresh_from_db()
    mandate.refresh_from_db()
    assert petition.status == RecallPetition.Status.REJECTED and mandate.active


def test_recall_through_the_web_needs_login_and_an_elector(seated, client):
    election, _district, _neighbourhood, people = seated
    mandate = Mandate.objects.get(election=election, holder=people[1])
    url = reverse("elections:recall", args=[mandate.pk])
    assert client.get(url).status_code == 302
    client.login(username=people[9].username, password=PASSWORD)
    response = client.post(url, {"reason": "Voted against our water motion."})
    petition = RecallPetition.objects.get(mandate=mandate)
    assert response.status_code == 302 and response["Location"] == petition.get_absolute_url()
