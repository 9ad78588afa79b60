"""The verification rule: N independent confirmations by the neighbourhood's own committee."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kurultai.web.protection.access import AccessError, lock_down, safety_of, suspend
from kurultai.web.protection.models import Alert, Incident
from kurultai.web.protection.services import report
from kurultai.web.protection.verification import confirm, mark_false


def _report(world, by=None) -> Incident:
    return report(by, neighbourhood=world.a, street="Lenin street", what="Shops set on fire",
                  happened_at=timezone.now() - timedelta(minutes=5), seriousness=3)


def test_two_confirmations_verify_and_alert_own_and_adjacent_committees_only(world):
    incident = _report(world)
    confirm(incident, world.people["a1"])
    incident.refresh_from_db()
    assert incident.status == Incident.Status.UNVERIFIED
    assert not Alert.objects.exists()
    confirm(incident, world.people["a2"])
    incident.refresh_from_db()
    assert incident.status == Incident.Status.VERIFIED
    alerted = dict(Alert.objects.values_list("committee__slug", "reach"))
    assert alerted == {"a-protection": "own", "b-protection": "adjacent"}


def test_the_same_member_twice_counts_once(world):
    incident = _report(world)
    confirm(incident, world.people["a1"])
    with pytest.raises(AccessError, match="already confirmed"):
        confirm(incident, world.people["a1"])
    incident.refresh_from_db()
    assert incident.status == Incident.Status.UNVERIFIED and incident.confirmations.count() == 1


def test_the_reporter_cannot_confirm_their_own_report(world):
    incident = _report(world, by=world.people["a1"])
    with pytest.raises(AccessError, match="someone else"):
        confirm(incident, world.people["a1"])
    confirm(incident, world.people["a2"])
    confirm(incident, world.people["a3"])
    incident.refresh_from_db()
    assert incident.status == Incident.Status.VERIFIED


@pytest.mark.parametrize("who", ["b1", "c1", "dsec", "nobody"])
def test_only_the_neighbourhoods_own_committee_confirms(world, who):
    incident = _report(world)
    with pytest.raises(AccessError, match="Only members"):
        confirm(incident, world.people[who])
    assert incident.confirmations.count() == 0


def test_threshold_is_configurable_per_committee(world):
    safety = safety_of(world.a.committee)
    safety.confirmations_needed = 3
    safety.save()
    incident = _report(world)
    for n, member in enumerate(["a1", "a2", "a3"], start=1):
        confirm(incident, world.people[member])
        incident.refresh_from_db()
        assert incident.status == (Incident.Status.VERIFIED if n == 3 else Incident.Status.UNVERIFIED)


def test_suspended_members_and_locked_committees_cannot_confirm(world):
    incident = _report(world)
    suspend(world.a.committee, world.people["a1"], world.people["asec"])
    with pytest.raises(AccessError):
        confirm(incident, world.people["a1"])
    lock_down(world.a.committee, world.people["a2"])
    with pytest.raises(AccessError):
        confirm(incident, world.people["a2"])
    assert incident.confirmations.count() == 0


def test_an_officer_marks_a_rumour_false_with_a_public_note(world, client):
    incident = _report(world)
    with pytest.raises(AccessError, match="secretary or a delegate"):
        mark_false(incident, world.people["a1"], "not true")
    with pytest.raises(AccessError, match="Say why"):
        mark_false(incident, world.people["asec"], "   ")
    mark_false(incident, world.people["asec"], "We went there: the shops are open.")
    incident.refresh_from_db()
    assert incident.status == Incident.Status.FALSE
    with pytest.raises(AccessError, match="marked false"):
        confirm(incident, world.people["a1"])
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "We went there: the shops are open." in page and "status-false" in page


def test_unverified_reports_are_labelled_unverified_on_every_public_page(world, client):
    incident = _report(world)
    for url in ["/protection/", "/protection/incidents/", incident.get_absolute_url(), world.a.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert 'class="badge status-unverified">unverified<' in page, url
    features = client.get("/protection/map.json").json()["features"]
    assert all(f["properties"].get("status") != "verified" for f in features)


def test_confirming_over_http_needs_the_post_and_the_right_member(world, client):
    incident = _report(world)
    client.force_login(world.people["b1"])
    client.post(f"/protection/incidents/{incident.pk}/confirm/")
    assert incident.confirmations.count() == 0
    for member in ("a1", "a2"):
        client.force_login(world.people[member])
        assert client.post(f"/protection/incidents/{incident.pk}/confirm/").status_code == 302
    incident.refresh_from_db()
    assert incident.status == Incident.Status.VERIFIED
