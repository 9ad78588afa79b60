"""The kurultai: motions proposed and seconded by delegates, public roll calls with a quorum."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kurultai.web.assembly import services
from kurultai.web.assembly.models import Decision, Motion
from kurultai.web.committees.models import Committee, Membership
from web_factories import PASSWORD, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def assembly():
    kurultai = Committee.objects.create(slug="kurultai", name="Kurultai",
                                        kind=Committee.Kind.KURULTAI)
    delegates = make_people("delegate", 6)
    Membership.objects.bulk_create([
        Membership(committee=kurultai, member=person, status=Membership.Status.ADMITTED,
                   role=Membership.Role.SECRETARY if i == 0 else Membership.Role.DELEGATE)
        for i, person in enumerate(delegates)])
    session = services.open_session(kurultai, delegates[0], "First session", "", timezone.now())
    return session, delegates


def test_propose_second_vote_decide(assembly, client):
    session, d = assembly
    motion = services.propose(session, d[1], "Water", "Pumps for Cheremushki.")
    with pytest.raises(services.AssemblyError, match="another delegate"):
        services.second(motion, d[1])
    services.second(motion, d[2])
    services.comment(motion, d[3], "Agreed.")
    with pytest.raises(services.AssemblyError, match="secretary"):
        services.open_roll_call(motion, d[1])
    services.open_roll_call(motion, d[0])
    for delegate, choice in zip(d[1:5], ["yes", "yes", "no", "abstain"]):
        services.vote(motion, delegate, choice)
    with pytest.raises(services.AssemblyError, match="already voted"):
        services.vote(motion, d[1], "no")
    services.close_roll_call(motion, d[0])
    motion.refresh_from_db()
    assert motion.status == Motion.Status.CARRIED
    decision = Decision.objects.get(motion=motion)
    assert (decision.number, decision.yes, decision.no, decision.abstain, decision.delegates) == (1, 2, 1, 1, 6)
    page = client.get(reverse("assembly:motion", args=[motion.pk])).content.decode()
    assert d[3].get_full_name() in page and "Decision" in page


def test_roll_call_without_quorum_fails(assembly):
    session, d = assembly
    motion = services.propose(session, d[1], "Bridge", "Repair the bridge.")
    services.second(motion, d[2])
    services.open_roll_call(motion, d[0])
    services.vote(motion, d[1], "yes")
    services.vote(motion, d[2], "yes")
    services.close_roll_call(motion, d[0])
    motion.refresh_from_db()
    assert motion.status == Motion.Status.NO_QUORUM
    assert not Decision.objects.exists()


def test_only_delegates_propose_and_vote(assembly, client):
    session, d = assembly
    citizen = make_people("citizen", 1)[0]
    with pytest.raises(services.AssemblyError, match="delegates"):
        services.propose(session, citizen, "x", "y")
    motion = services.propose(session, d[1], "Bread", "Flour from Uzgen.")
    services.second(motion, d[2])
    services.open_roll_call(motion, d[0])
    with pytest.raises(services.AssemblyError, match="delegates"):
        services.vote(motion, citizen, "yes")
    client.login(username=citizen.username, password=PASSWORD)
    client.post(reverse("assembly:act", args=[motion.pk, "vote"]), {"choice": "yes"})
    assert motion.votes.count() == 0


def test_electors_see_how_their_delegate_voted(assembly, client):
    session, d = assembly
    motion = services.propose(session, d[1], "Canteen", "Open the canteen to all.")
    services.second(motion, d[2])
    services.open_roll_call(motion, d[0])
    services.vote(motion, d[3], "no")
    page = client.get(reverse("assembly:delegate", args=[d[3].username])).content.decode()
    assert "Canteen" in page and "no" in page
    services.close_session(session, d[0])
    with pytest.raises(services.AssemblyError, match="closed"):
        services.propose(session, d[1], "Late", "Too late.")
