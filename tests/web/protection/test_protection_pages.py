"""Safe places, escort and relief forms, the gateway feed: through the HTTP layer."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from kurultai.web.protection.models import EscortRequest, SafePlace
from kurultai.web.protection.services import report
from kurultai.web.protection.throttle import form_stamp
from kurultai.web.protection.verification import confirm
from kurultai.web.relief.models import ReliefRequest


def test_only_the_committee_updates_a_safe_place(world, client):
    place = SafePlace.objects.create(neighbourhood=world.a, kind="shelter", name="Gym", address="Lenin 1",
                                     capacity=100, occupancy=10)
    client.force_login(world.people["b1"])
    assert client.post(f"/protection/places/{place.pk}/", {"capacity": 100, "occupancy": 99}).status_code == 403
    client.force_login(world.people["a2"])
    client.post(f"/protection/places/{place.pk}/", {"capacity": 120, "occupancy": 64})
    place.refresh_from_db()
    assert (place.capacity, place.occupancy, place.free) == (120, 64, 56)
    assert "56 / 120" in client.get("/protection/").content.decode()


def test_anonymous_escort_and_relief_requests_reach_only_the_committee(world, client, fast_forms):
    client.post("/protection/escort/", {"neighbourhood": world.a.pk, "kind": "escort", "people": 2, "needs": "",
                                        "address": "Yusupova 9", "contact": "", "lat": "", "lon": "",
                                        "started": form_stamp(), "website": ""})
    escort = EscortRequest.objects.get()
    assert escort.location.address == "Yusupova 9"
    response = client.post("/relief/ask/", {"neighbourhood": world.a.pk, "kind": "food", "quantity": "12.5",
                                            "unit": "kg", "note": "", "address": "Yusupova 9", "contact": "",
                                            "lat": "", "lon": "", "started": form_stamp(), "website": ""})
    request = ReliefRequest.objects.get()
    assert response["Location"] == request.get_absolute_url() and request.quantity == Decimal("12.5")
    assert "Yusupova 9" not in client.get(request.get_absolute_url()).content.decode()
    client.force_login(world.people["a1"])
    page = client.get(world.a.get_absolute_url()).content.decode()
    assert page.count("Yusupova 9") == 2
    client.post(f"/protection/escort/{escort.pk}/status/", {"status": "done"})
    escort.refresh_from_db()
    assert escort.status == "done" and escort.location_purged_at is not None
    assert client.get(world.a.get_absolute_url()).content.decode().count("Yusupova 9") == 1


def test_the_gateway_feed_lists_new_alerts_after_an_id(world, client):
    assert client.get("/protection/feed/a-protection.txt").content == b""
    for street in ("Lenin street", "Osh street"):
        incident = report(None, neighbourhood=world.a, street=street, what="Road blocked by a crowd",
                          happened_at=timezone.now(), seriousness=3)
        confirm(incident, world.people["a1"])
        confirm(incident, world.people["a2"])
    lines = client.get("/protection/feed/a-protection.txt").content.decode().splitlines()
    assert len(lines) == 2 and "\tthis neighbourhood\tVIOLENCE in Hood A, Lenin street, at " in lines[0]
    first = lines[0].split("\t")[0]
    later = client.get(f"/protection/feed/a-protection.txt?after={first}").content.decode().splitlines()
    assert later == lines[1:]
    assert client.get("/protection/feed/a-protection.txt?after=x").status_code == 400
    assert "adjacent neighbourhood" in client.get("/protection/feed/b-protection.txt").content.decode()


def test_the_live_list_is_only_for_members(world, client):
    assert client.get("/protection/alerts/live.json").status_code == 403
    client.force_login(world.people["nobody"])
    assert client.get("/protection/alerts/live.json").json() == {"alerts": []}


def test_the_committee_adds_a_safe_place(world, client):
    data = {"kind": "water", "name": "Spring by the mill", "address": "Mill lane", "capacity": 300,
            "occupancy": 0, "lat": "", "lon": ""}
    client.force_login(world.people["b1"])
    assert client.post(f"/protection/n/{world.a.slug}/places/new/", data).status_code == 403
    client.force_login(world.people["a1"])
    client.post(f"/protection/n/{world.a.slug}/places/new/", data)
    place = SafePlace.objects.get()
    assert (place.neighbourhood, place.kind, place.capacity) == (world.a, "water", 300)
    assert "Spring by the mill" in client.get("/protection/").content.decode()
