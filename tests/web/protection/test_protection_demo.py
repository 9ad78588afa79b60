"""The demo community's protection and relief, loaded through the platform's demo loader."""

from __future__ import annotations

from collections import Counter

from kurultai.web.committees.models import Committee
from kurultai.web.core.demo import load_demo
from kurultai.web.protection.demo import boundaries, load_protection_demo
from kurultai.web.protection.geo import contains
from kurultai.web.protection.models import Alert, Incident, Neighbourhood
from kurultai.web.relief.models import ReliefOffer, ReliefRequest


def test_demo_has_committees_reports_in_every_state_and_open_relief(db, client, monkeypatch):
    # The plan part of the demo runs a background worker; it is tested with the plans, not here.
    monkeypatch.setattr("kurultai.web.core.demo.load_demo_plan", lambda: None)
    assert load_demo()
    assert Committee.objects.filter(kind=Committee.Kind.PROTECTION).count() == 5
    assert Counter(Incident.objects.values_list("status", flat=True)) == {"verified": 2, "unverified": 2, "false": 1}
    assert Alert.objects.filter(reach="own").count() == 2 and Alert.objects.filter(reach="adjacent").count() == 3
    assert ReliefRequest.objects.filter(status="open").count() == 4
    assert ReliefOffer.objects.filter(status="open").count() == 4
    for n in Neighbourhood.objects.all():
        assert contains(n.boundary, n.centre_lat, n.centre_lon), n.slug
    adjacency = {n.slug: sorted(n.adjacent.values_list("slug", flat=True)) for n in Neighbourhood.objects.all()}
    assert adjacency == {"amir-timur": ["cheremushki", "furkat"], "cheremushki": ["amir-timur", "furkat"],
                         "furkat": ["amir-timur", "cheremushki"], "kurmanbek": ["sputnik"],
                         "sputnik": ["kurmanbek"]}
    assert not load_protection_demo()
    assert client.get("/protection/").status_code == 200
    assert len(client.get("/protection/map.json").json()["features"]) == 5 + 3 + 5


def test_shipped_boundaries_say_they_are_approximate():
    features = boundaries()
    assert {f["properties"]["city"] for f in features} == {"Osh", "Jalal-Abad"}
    assert all(f["properties"]["approximate"] is True and "not a survey" in f["properties"]["note"]
               for f in features)
