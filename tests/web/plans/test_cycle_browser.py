"""The whole planning cycle in a real browser (Debian's Chromium driven by Playwright):
members vote priorities → a plan is computed by the task worker → a committee objects → the plan
is solved again → the kurultai approves → an enterprise reports → the deviation is flagged.

The task worker is the database backend's own ``Worker``, run in a thread of the test process
so that it sees the test database (an in-memory SQLite database cannot be shared with another
process). Set KURULTAI_SCREENSHOTS to a folder to save a picture of each step there.
"""

from __future__ import annotations

import os
import re
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect, sync_playwright

from kurultai.web.assembly import services as assembly
from kurultai.web.assembly.models import Motion
from kurultai.web.core.demo import PASSWORD, load_demo
from kurultai.web.plans.demo import load_demo_plan
from kurultai.web.plans.models import PlanVersion
from kurultai.web.priorities.models import PriorityRound

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = os.environ.get("KURULTAI_SCREENSHOTS")


@pytest.fixture
def worker(transactional_db):
    """The task worker, polling the database in a thread until the test ends."""
    runner = Worker(queue_names=["default"], interval=0.1, batch=False, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id="browser-test",
                    excluded_queue_names=[])

    def run():
        try:
            runner.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield runner
    runner.running = False
    thread.join(timeout=10)
    assert not thread.is_alive()


@pytest.fixture
def page(live_server, monkeypatch):
    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # still plain synchronous code, which Django allows once told so.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en")
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        yield tab
        browser.close()


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(300)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()


def vote(page, base: str, round_: PriorityRound, points: dict[str, int]) -> str:
    page.goto(f"{base}{round_.get_absolute_url()}")
    for group, value in points.items():
        page.fill(f"#points-{group}", str(value))
    expect(page.locator("#points-left")).to_have_text("0")
    page.click("#priority-ballot button[type=submit]")
    receipt = page.locator("#receipt").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", receipt)
    return receipt


def test_the_whole_planning_cycle_in_a_browser(live_server, worker, page):
    load_demo()
    load_demo_plan()
    base = live_server.url
    round_ = PriorityRound.objects.get(counted_at__isnull=True)

    # 1. Members who have not voted yet vote priorities, in secret, and get receipts.
    log_in(page, base, "zarina")
    shot(page, "cycle-0-home")
    page.goto(f"{base}{round_.get_absolute_url()}")
    shot(page, "cycle-1-priority-ballot")
    receipt = vote(page, base, round_, {"water": 40, "health": 30, "food": 30})
    shot(page, "cycle-2-priority-receipt")
    log_in(page, base, "ulugbek")
    vote(page, base, round_, {"education": 50, "transport": 50})

    # The round's time runs out; the planning commission counts it and the box is published.
    PriorityRound.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    log_in(page, base, "bermet")
    page.goto(f"{base}{round_.get_absolute_url()}")
    page.get_by_role("button", name="Count the round and publish the ballot box").click()
    expect(page.locator("[data-chart=shares]")).to_have_attribute("data-drawn", "yes")
    box = page.request.get(f"{base}/priorities/{round_.pk}/box.json").json()
    assert receipt in [b["receipt"] for b in box["ballots"]]
    shot(page, "cycle-3-priority-result")

    # 2. The commission asks for a plan; the worker computes it in the background.
    page.goto(f"{base}/plans/")
    page.fill("#id_year", "2027")
    page.select_option("#id_priority_round", str(round_.pk))
    # the run's page shows its progress; a fast worker may finish, and the page move on to
    # the plan, before a locator sees it, so its HTML is checked as served
    with page.expect_response(re.compile(r"/plans/runs/\d+/$")) as run_page:
        page.get_by_role("button", name="Compute the plan").click()
    assert run_page.value.ok and 'id="run-progress"' in run_page.value.text()
    page.wait_for_url(re.compile(r"/plans/3/$"))
    expect(page.locator("#certificate-badge")).to_have_text("certified optimal")
    expect(page.locator("[data-chart=fulfilment] svg")).to_be_visible()
    shot(page, "cycle-4-plan-dashboard")
    # the finished run's page keeps the gap the planner reached: the certificate's
    page.goto(run_page.value.url)
    expect(page.locator("#run-gap")).to_be_visible()
    expect(page.locator("#run-gap-value")).to_have_text(re.compile(r"^\d\.\de[-+]\d\d$"))

    # 3. The textile mill's workers' committee objects with a lower capacity.
    log_in(page, base, "madina")
    page.goto(f"{base}/plans/3/")
    page.get_by_role("link", name="Review the assignment of Osh textile mill").click()
    page.check("input[name=decision][value=object]")
    page.fill("#id_capacity_osh-mill-looms", "9")
    page.fill("#id_reason", "The dye house is closed for repairs until June.")
    shot(page, "cycle-5-objection")
    page.get_by_role("button", name="Send the committee's answer").click()

    # 4. The objection is planned again, starting from version 3; the new version shows the diff.
    page.wait_for_url(re.compile(r"/plans/4/$"))
    expect(page.locator("#diff-enterprises")).to_contain_text("osh-mill-looms")
    mill = page.locator("#diff-enterprises tr", has_text="osh-mill-looms")
    expect(mill).to_contain_text("-11.00")
    shot(page, "cycle-6-replanned-diff")

    # 5. The kurultai approves version 4 by roll call.
    page.get_by_role("button", name="Put this version to the kurultai").click()
    page.wait_for_url(re.compile(r"/kurultai/motions/\d+/$"))
    motion = Motion.objects.get(plan_version__number=4)
    assembly.second(motion, User.objects.get(username="otabek"))
    log_in(page, base, "bermet")
    page.goto(f"{base}{motion.get_absolute_url()}")
    page.get_by_role("button", name="Call the roll").click()
    expect(page.get_by_role("button", name="Close the roll call")).to_be_visible()
    motion.refresh_from_db()
    for username in ("dinara", "ulan", "mirlan", "andrei", "sergei"):
        assembly.vote(motion, User.objects.get(username=username), "yes")
    page.goto(f"{base}{motion.get_absolute_url()}")
    page.get_by_role("button", name="Yes", exact=True).click()
    expect(page.locator("main")).to_contain_text("Yes 6")
    page.get_by_role("button", name="Close the roll call").click()
    expect(page.locator("main")).to_contain_text("carried")
    shot(page, "cycle-7-roll-call")
    page.goto(f"{base}/plans/")
    expect(page.locator(".card.plain")).to_contain_text("Plan 2027, version 4")
    assert PlanVersion.objects.get(number=4).status == PlanVersion.Status.APPROVED

    # 6. The bus depot reports a quarter far below plan; its committee is alerted.
    log_in(page, base, "sergei")
    page.goto(f"{base}/reports/enterprises/osh-bus-depot/")
    page.select_option("#id_period", "2027-Q1")
    page.fill("#id_q_osh-depot-buses", "3.1")
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator("#deviation-alerts")).to_contain_text("2027-Q1")
    shot(page, "cycle-8-enterprise-alert")
    page.goto(f"{base}/reports/")
    expect(page.locator("#plan-vs-actual tr.flagged")).to_contain_text("Osh bus depot")
    expect(page.locator("[data-chart=actual] svg")).to_be_visible()
    shot(page, "cycle-9-plan-against-actual")
    page.goto(f"{base}/plans/4/")
    expect(page.locator("#actual")).to_be_visible()
    expect(page.locator("tr.flagged")).to_contain_text("beyond threshold")
    shot(page, "plan-dashboard")
