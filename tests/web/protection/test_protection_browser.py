"""In a real browser: an anonymous report, two confirmations, the alert appearing live in another
committee member's open page (no reload), and its acknowledgement."""

from __future__ import annotations

import os

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client
from playwright.sync_api import expect, sync_playwright

from kurultai.web.protection.models import Alert, Incident

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
        # Database calls made while Playwright's loop runs get connections of their own
        # (Django keys connections by context): close them so the test database can be dropped.
        connections.close_all()


def _logged_in(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    name = django_settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": live_server.url}])
    return context.new_page()


def test_report_confirm_live_alert_acknowledge(transactional_db, world, live_server, browser, settings):
    settings.PROTECTION_REPORT_MIN_SECONDS = 1
    settings.PROTECTION_ALERT_POLL_SECONDS = 1
    assert os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] == "true"

    watcher = _logged_in(browser, live_server, world.people["b1"])
    watcher.goto(f"{live_server.url}/protection/alerts/")
    expect(watcher.locator("#alert-list")).to_contain_text("No alerts.")
    watcher.evaluate("window.sameDocument = 'still here'")

    anonymous = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    anonymous.goto(f"{live_server.url}/protection/report/")
    expect(anonymous.locator("#map path.leaflet-interactive")).to_have_count(3)
    anonymous.select_option("#id_neighbourhood", str(world.a.pk))
    anonymous.fill("#id_street", "Lenin street by the bridge")
    anonymous.fill("#id_happened_at", "2010-06-11T22:30")
    anonymous.select_option("#id_seriousness", "4")
    anonymous.fill("#id_what", "Armed men stopping cars at the bridge")
    anonymous.wait_for_timeout(1100)  # the form refuses sends quicker than a person could type
    anonymous.click("text=Send the report")
    expect(anonymous.locator("#status")).to_contain_text("unverified")
    incident = Incident.objects.get()
    assert incident.reported_by is None

    for member in ("a1", "a2"):
        page = _logged_in(browser, live_server, world.people[member])
        page.goto(f"{live_server.url}{incident.get_absolute_url()}")
        page.click("#confirm")
        expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("#status .status-verified")).to_have_text("verified")
    incident.refresh_from_db()
    assert incident.status == "verified"

    row = watcher.locator("#alert-list li.alert", has_text="Lenin street by the bridge")
    expect(row).to_be_visible(timeout=10_000)
    assert watcher.evaluate("window.sameDocument") == "still here"
    row.get_by_role("button", name="Acknowledge").click()
    expect(row.locator(".badge", has_text="Acknowledged")).to_be_visible(timeout=10_000)
    alert = Alert.objects.get(committee=world.b.committee)
    assert alert.acknowledged_by == world.people["b1"]
    assert Alert.objects.get(committee=world.a.committee).acknowledged_at is None
