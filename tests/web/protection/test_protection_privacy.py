"""Household locations through the HTTP layer: only the neighbourhood's protection committee sees
them, every view is audited, nothing public carries them, and they are deleted on close."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from kurultai.web.audit.models import AuditEntry
from kurultai.web.protection.access import lock_down, suspend
from kurultai.web.protection.models import EscortLocation
from kurultai.web.protection.services import ask_escort, report
from kurultai.web.protection.verification import confirm
from kurultai.web.relief import services as relief
from kurultai.web.relief.models import Delivery, RequestLocation

ADDRESS, PHONE = "Kurbanova street 77, flat 3", "+996 555 123 987"
ESCORT_ADDRESS = "Navoi street 21 (blue gate)"
LAT, LON = 40.504321, 72.806789


@pytest.fixture
def household(world):
    """A relief request and an escort request in neighbourhood A, with a verified incident too."""
    request = relief.ask(world.a, "water", Decimal(200), "litres", "no water", ADDRESS, PHONE, LAT, LON)
    escort = ask_escort(world.a, "evacuation", 3, "", ESCORT_ADDRESS, PHONE, LAT, LON)
    relief.offer(world.people["c1"], kind="water", quantity=Decimal(500), unit="litres", what="Tanker",
                 place="Depot", lat=40.52, lon=72.81)
    incident = report(None, neighbourhood=world.a, street="Lenin street", what="Road blocked",
                      happened_at=timezone.now(), seriousness=2, lat=40.505, lon=72.805)
    confirm(incident, world.people["a1"])
    confirm(incident, world.people["a2"])
    return request, escort


def _pages(request, escort, world):
    return ["/protection/", "/protection/incidents/", world.a.get_absolute_url(), request.get_absolute_url(),
            "/relief/", "/protection/map.json", "/protection/alerts/", "/protection/alerts/live.json",
            "/protection/feed/a-protection.txt", "/protection/feed/b-protection.txt",
            "/protection/feed/district.txt", "/audit/"]


def _leaks(client, urls) -> list[str]:
    found = []
    for url in urls:
        body = client.get(url).content.decode()
        for secret in (ADDRESS, ESCORT_ADDRESS, PHONE, str(LAT), str(LON), "40.5043", "72.8067"):
            if secret in body:
                found.append(f"{url}: {secret}")
    return found


@pytest.mark.parametrize("who", ["b1", "bsec", "c1", "dsec", "nobody", None])
def test_nobody_outside_the_committee_sees_the_location_anywhere(world, household, client, who):
    if who:
        client.force_login(world.people[who])
    assert _leaks(client, _pages(*household, world)) == []


def test_a_logged_out_member_no_longer_sees_it(world, household, client):
    client.force_login(world.people["a1"])
    assert ADDRESS in client.get(world.a.get_absolute_url()).content.decode()
    client.post("/accounts/logout/")
    assert _leaks(client, _pages(*household, world)) == []


def test_the_committee_sees_it_and_every_view_is_audited(world, household, client):
    request, escort = household
    client.force_login(world.people["a3"])
    before = AuditEntry.objects.filter(action="household_location.viewed").count()
    response = client.get(world.a.get_absolute_url())
    page = response.content.decode()
    assert ADDRESS in page and ESCORT_ADDRESS in page and PHONE in page
    detail = client.get(request.get_absolute_url())
    assert ADDRESS in detail.content.decode()
    for shown in (response, detail):  # a shared phone's browser must not keep the page
        assert "no-store" in shown["Cache-Control"] and "private" in shown["Cache-Control"]
    views = list(AuditEntry.objects.filter(action="household_location.viewed").order_by("seq")
                 .values_list("actor", "subject"))[before:]
    assert views == [("a3", f"escortrequest:{escort.pk}"), ("a3", f"reliefrequest:{request.pk}"),
                     ("a3", f"reliefrequest:{request.pk}")]
    # The public audit log says who looked at which request, never where the household is.
    assert _leaks(client, ["/audit/"]) == []


def test_alert_emails_never_carry_a_household_location(world, household, settings,
                                                       django_capture_on_commit_callbacks):
    settings.PROTECTION_ALERT_EMAILS = True
    with django_capture_on_commit_callbacks(execute=True):
        incident = report(None, neighbourhood=world.a, street="Osh street", what="Fire", seriousness=3,
                          happened_at=timezone.now())
        confirm(incident, world.people["a1"])
        confirm(incident, world.people["a3"])
    assert mail.outbox
    assert not [m for m in mail.outbox for s in (ADDRESS, ESCORT_ADDRESS, PHONE) if s in m.body + m.subject]


def test_lock_down_and_suspension_cut_access_at_once(world, household, client):
    client.force_login(world.people["a1"])
    assert ADDRESS in client.get(world.a.get_absolute_url()).content.decode()
    suspend(world.a.committee, world.people["a1"], world.people["asec"])
    assert _leaks(client, _pages(*household, world)) == []
    client.force_login(world.people["a2"])
    assert client.post("/protection/committee/a-protection/lock/").status_code == 302
    assert _leaks(client, _pages(*household, world)) == []
    client.force_login(world.people["asec"])
    assert _leaks(client, _pages(*household, world)) == []
    assert client.post("/protection/committee/a-protection/unlock/").status_code == 302
    assert ADDRESS in client.get(world.a.get_absolute_url()).content.decode()


def test_only_officers_lift_a_lock_down(world, client):
    lock_down(world.a.committee, world.people["a1"])
    client.force_login(world.people["a2"])
    assert client.post("/protection/committee/a-protection/unlock/").status_code == 403
    client.force_login(world.people["b1"])
    assert client.post("/protection/committee/a-protection/lock/").status_code == 403


def test_delivery_to_completion_closes_the_request_and_deletes_the_location(world, household, client):
    request, _escort = household
    client.force_login(world.people["a1"])
    assert client.post(f"/relief/requests/{request.pk}/propose/").status_code == 302
    delivery = Delivery.objects.get(request=request)
    assert (delivery.quantity, delivery.status) == (Decimal(200), Delivery.Status.PROPOSED)
    offerer = world.people["c1"]
    client.force_login(offerer)
    for expected in ("accepted", "on_the_way", "delivered"):
        assert client.post(f"/relief/deliveries/{delivery.pk}/next/").status_code == 302
        delivery.refresh_from_db()
        assert delivery.status == expected
    request.refresh_from_db()
    assert request.status == "closed" and request.location_purged_at is not None
    assert not RequestLocation.objects.filter(request=request).exists()
    client.force_login(world.people["a1"])
    assert ADDRESS not in client.get(request.get_absolute_url()).content.decode()


def test_retention_keeps_a_closed_location_until_the_purge_command(world, household, settings):
    settings.PROTECTION_LOCATION_RETENTION_HOURS = 24
    _request, escort = household
    from kurultai.web.protection.services import set_escort_status
    set_escort_status(escort, "done", world.people["a1"])
    assert EscortLocation.objects.filter(request=escort).exists()
    call_command("protection_purge")
    assert EscortLocation.objects.filter(request=escort).exists()
    escort.__class__.objects.filter(pk=escort.pk).update(closed_at=timezone.now() - timedelta(hours=25))
    call_command("protection_purge")
    assert not EscortLocation.objects.filter(request=escort).exists()


def test_no_model_has_an_ethnicity_or_religion_field():
    from django.apps import apps
    stems = ("ethnic", "nationalit", "religio", "faith", "confession", "tribe", "race", "clan")
    fields = [f"{m._meta.label}.{f.name}" for m in apps.get_models() for f in m._meta.get_fields()
              if any(part.startswith(stems) for part in f.name.lower().split("_"))]
    assert fields == []


def test_a_locked_committee_sees_no_alerts_until_the_lock_is_lifted(world, household, client):
    client.force_login(world.people["a1"])
    assert len(client.get("/protection/alerts/live.json").json()["alerts"]) == 1
    lock_down(world.a.committee, world.people["a3"])
    assert client.get("/protection/alerts/live.json").json() == {"alerts": []}
    client.force_login(world.people["asec"])
    client.post("/protection/committee/a-protection/unlock/")
    client.force_login(world.people["a1"])
    assert len(client.get("/protection/alerts/live.json").json()["alerts"]) == 1
