"""In a real browser (Debian's Chromium driven by Playwright): log in, vote, keep the receipt,
see the result after the close, find one's ballot in the published box, switch language."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect, sync_playwright

from kurultai.web.committees.models import Membership
from kurultai.web.elections.casting import cast
from kurultai.web.elections.models import Ballot
from web_factories import PASSWORD, end_voting, make_committee, make_people, open_election

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # are ordinary blocking calls made between browser steps.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE")
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    expect(page.locator("a.me")).to_be_visible()


def test_vote_receipt_result_ballot_box_and_language(live_server, browser):
    committee, people = make_committee("cheremushki", 6)
    election = open_election(committee, people[0], people[1:4], seats=2)
    cast(election, people[1], ["c1", "c2"])
    cast(election, people[2], ["c2", "c3"])
    cast(election, people[3], ["c3", "c1"])
    page = browser.new_page(viewport=PHONE)
    base = live_server.url

    _log_in(page, base, people[4].username)
    page.goto(f"{base}{election.get_absolute_url()}")
    page.click("main a.button:has-text('Vote')")
    page.select_option("#rank_c1", "1")
    page.select_option("#rank_c3", "2")
    page.click("#ballot button[type=submit]")
    receipt = page.locator("#receipt-code").inner_text().strip()
    change_code = page.locator("#change-code").inner_text().strip()
    assert Ballot.objects.filter(receipt=receipt, choice=["c1", "c3"]).exists()
    assert receipt != change_code

    page.goto(f"{base}{election.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("you have voted")
    end_voting(election)
    page.reload()
    expect(page.locator("main h2").first).to_have_text("Result")
    expect(page.locator("table.stages")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Elected")

    page.click("main a.button:has-text('Find my ballot')")
    page.fill("#receipt", receipt.lower().replace("-", " "))
    page.click("main form button[type=submit]")
    expect(page.locator("#found")).to_contain_text(people[1].get_full_name())
    expect(page.locator("#found")).to_contain_text(people[3].get_full_name())

    page.click("header .languages button[lang=ky]")
    expect(page.locator("html")).to_have_attribute("lang", "ky")
    expect(page.locator("main h1")).to_have_text("Шайлоо кутусу")
    page.click("header .languages button[lang=uz]")
    expect(page.locator("main h1")).to_have_text("Saylov qutisi")
    page.click("header .languages button[lang=ru]")
    expect(page.locator("main h1")).to_have_text("Урна")
    page.close()


def test_secretary_admits_and_the_newcomer_then_votes(live_server, browser):
    committee, people = make_committee("amir-timur", 3)
    election = open_election(committee, people[0], people[1:3], seats=1)
    newcomer = make_people("newcomer", 1)[0]
    base = live_server.url
    page = browser.new_page(viewport=PHONE)

    _log_in(page, base, newcomer.username)
    page.goto(f"{base}{committee.get_absolute_url()}")
    page.click("main button:has-text('Ask to join')")
    expect(page.locator(".messages")).to_contain_text("secretary")
    page.goto(f"{base}{election.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Only admitted members")

    secretary = browser.new_page(viewport=PHONE)
    _log_in(secretary, base, people[0].username)
    secretary.goto(f"{base}{committee.get_absolute_url()}")
    secretary.click("main button:has-text('Admit')")
    expect(secretary.locator(".messages")).to_contain_text("admitted")
    assert Membership.objects.get(committee=committee, member=newcomer).status == "admitted"

    page.goto(f"{base}{election.get_absolute_url()}")
    page.click("main a.button:has-text('Vote')")
    page.select_option("#rank_c2", "1")
    page.click("#ballot button[type=submit]")
    expect(page.locator("#receipt-code")).to_be_visible()
    page.close()
    secretary.close()
