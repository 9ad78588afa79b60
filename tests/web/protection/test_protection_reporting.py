"""Anonymous reports over HTTP: the form works, abuse is refused, photos lose their metadata."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kurultai.web.protection.models import Incident, Throttle
from kurultai.web.protection.throttle import form_stamp


def _form(world, **extra):
    data = {"neighbourhood": world.a.pk, "street": "Lenin street", "happened_at": "2010-06-11T22:30",
            "seriousness": 3, "what": "Cars burning at the crossing", "lat": "", "lon": "",
            "started": form_stamp(), "website": ""}
    data.update(extra)
    return data


def _send(client, world, ip="203.0.113.7", **extra):
    return client.post("/protection/report/", _form(world, **extra), REMOTE_ADDR=ip)


def test_an_anonymous_report_is_filed_unverified(world, client, fast_forms):
    response = _send(client, world)
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == incident.get_absolute_url()
    assert (incident.status, incident.reported_by, incident.street) == ("unverified", None, "Lenin street")


def test_a_point_outside_the_neighbourhood_is_refused_with_a_clear_message(world, client, fast_forms):
    page = _send(client, world, lat="40.70", lon="72.80").content.decode()
    assert "outside the chosen neighbourhood" in page and not Incident.objects.exists()
    _send(client, world, lat="40.505", lon="72.805")
    assert Incident.objects.get().lat == 40.505


def test_the_honeypot_and_forged_or_hasty_forms_are_refused(world, client, settings):
    settings.PROTECTION_REPORT_MIN_SECONDS = 0
    assert "could not be accepted" in _send(client, world, website="http://spam.example").content.decode()
    assert "could not be accepted" in _send(client, world, started="forged:stamp").content.decode()
    settings.PROTECTION_REPORT_MIN_SECONDS = 60
    assert "sent too fast" in _send(client, world).content.decode()
    assert not Incident.objects.exists()


def test_per_ip_limit_holds_across_fresh_sessions(world, client, fast_forms):
    fast_forms.PROTECTION_REPORTS_PER_IP = 5
    for _ in range(5):
        client.cookies.clear()
        assert _send(client, world).status_code == 302
    client.cookies.clear()
    assert "Too many reports" in _send(client, world).content.decode()
    assert Incident.objects.count() == 5
    client.cookies.clear()
    assert _send(client, world, ip="198.51.100.2").status_code == 302


def test_per_session_limit_holds_across_addresses(world, client, fast_forms):
    fast_forms.PROTECTION_REPORTS_PER_SESSION = 3
    for n in range(3):
        assert _send(client, world, ip=f"198.51.100.{n}").status_code == 302
    assert "Too many reports" in _send(client, world, ip="198.51.100.99").content.decode()
    assert Incident.objects.count() == 3


def test_the_throttle_table_never_holds_an_address(world, client, fast_forms):
    _send(client, world, ip="203.0.113.7")
    keys = list(Throttle.objects.values_list("key", flat=True))
    assert len(keys) == 2 and all(len(k) == 64 and "203.0.113" not in k for k in keys)


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"          # Make
    exif[0x0110] = "Model X"             # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (40.0, 31.0, 12.0)    # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (72.0, 48.0, 3.0)     # GPSLongitudeRef, GPSLongitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_photo_metadata_is_stripped_and_only_the_committee_sees_the_photo(world, client, fast_forms, media):
    original = _jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(0x8825)[1] == "N" and b"PhoneMaker" in original
    _send(client, world, photo=SimpleUploadedFile("p.jpg", original, "image/jpeg"))
    incident = Incident.objects.get()
    stored = incident.photo.read()
    assert b"PhoneMaker" not in stored and b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (64, 48) and len(image.getexif()) == 0 and "exif" not in image.info
    assert client.get(f"/protection/incidents/{incident.pk}/photo/").status_code == 302  # log in first
    client.force_login(world.people["b1"])
    assert client.get(f"/protection/incidents/{incident.pk}/photo/").status_code == 404
    client.force_login(world.people["a1"])
    response = client.get(f"/protection/incidents/{incident.pk}/photo/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == stored


def test_uploads_that_are_not_photos_or_too_large_are_refused(world, client, fast_forms, media):
    page = _send(client, world, photo=SimpleUploadedFile("x.jpg", b"%PDF-1.4 not an image", "image/jpeg"))
    assert "photo" in page.content.decode().lower() and not Incident.objects.exists()
    fast_forms.PROTECTION_PHOTO_MAX_BYTES = 1000
    big = io.BytesIO()
    Image.effect_noise((200, 200), 80).convert("RGB").save(big, format="PNG")
    page = _send(client, world, photo=SimpleUploadedFile("big.png", big.getvalue(), "image/png")).content.decode()
    assert "too large" in page and not Incident.objects.exists()
