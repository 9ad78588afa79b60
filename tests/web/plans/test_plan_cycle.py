"""Plan runs as background tasks, certificates, objections and re-plans, approval, export."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pandas as pd
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kurultai.economy import synthetic
from kurultai.planning.certificate import certify
from kurultai.web.plans import runner
from kurultai.web.committees.models import Enterprise
from kurultai.web.plans.models import PlanRun, PlanVersion
from kurultai.web.plans.runner import gap_reporter as runner_gap_reporter
from kurultai.web.plans.runner import plan_of
from kurultai.web.plans.services import PlanError, active_plan, request_run, review
from kurultai.web.plans.snapshot import economy_from_json, economy_to_json
from kurultai.web.plans.worker import run_pending_tasks
from kurultai.web.priorities.models import PriorityRound


def test_the_demo_plan_is_computed_by_the_worker_and_certified(demo):
    assert DBTaskResult.objects.count() == 2
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    for version in PlanVersion.objects.all():
        assert version.solved
        assert version.certificate["gap"] <= 1e-4
        recomputed = plan_of(version).certificate()
        assert recomputed.solved
        assert recomputed.objective == pytest.approx(version.objective, abs=1e-12)


def test_a_request_only_queues_the_run_and_the_worker_computes_it(demo):
    bermet = User.objects.get(username="bermet")
    counted = PriorityRound.objects.filter(counted_at__isnull=False).get()
    run = request_run(2027, counted, bermet)
    assert run.status == PlanRun.Status.QUEUED and not PlanVersion.objects.filter(run=run).exists()
    assert DBTaskResult.objects.get(id=run.task_id).status == "READY"
    run_pending_tasks()
    run.refresh_from_db()
    assert (run.status, run.progress) == (PlanRun.Status.DONE, 100)
    assert run.version.year == 2027 and run.version.solved
    assert run.started_at <= run.finished_at


def test_only_the_planning_commission_starts_a_run(demo):
    with pytest.raises(PlanError, match="planning commission"):
        request_run(2027, None, User.objects.get(username="aigul"))


def test_an_objection_replans_from_revised_capacities_with_a_diff(demo):
    first, second = PlanVersion.objects.order_by("number")
    assert second.parent == first and second.run.snapshot["objections"] == {"osh-mill-looms": 14.0}
    mill = {a.technique: a.quantity for a in second.assignments.all()}
    assert mill["osh-mill-looms"] == pytest.approx(14.0)
    assert first.assignments.get(technique="osh-mill-looms").quantity == pytest.approx(20.0)
    # Less of the efficient technique leaves less for the rest: weighted fulfilment drops.
    assert second.objective < first.objective
    # The re-plan's economy differs from its parent's in that capacity only.
    a, b = (economy_from_json(v.run.snapshot["economy"]) for v in (first, second))
    changed = [a.techniques.ids[j] for j in range(a.t) if a.capacity[j] != b.capacity[j]]
    assert changed == ["osh-mill-looms"]
    # The re-plan starts from its parent's final simplex basis: a warm start.
    assert first.result["warm"]["basis"] and second.result["warm_start"] is True
    assert second.certificate["solved"]


def test_the_kurultai_roll_call_made_version_2_the_active_plan(demo):
    version = active_plan()
    assert version.number == 2 and version.status == PlanVersion.Status.APPROVED
    assert version.motion.status == "carried"
    assert PlanVersion.objects.get(number=1).status == PlanVersion.Status.DRAFT


def test_a_committee_answers_once_and_only_for_its_own_enterprise(demo):
    version = PlanVersion.objects.get(number=2)
    bakery = Enterprise.objects.get(slug="cheremushki-bakery")
    with pytest.raises(PlanError, match="officers"):
        review(version, bakery, User.objects.get(username="madina"), "accept")


def test_an_objection_needs_a_reason_and_a_capacity(demo):
    first = PlanVersion.objects.get(number=1)
    bakery = Enterprise.objects.get(slug="cheremushki-bakery")
    first.reviews.filter(enterprise=bakery).delete()
    baker = User.objects.get(username="bakyt")
    with pytest.raises(PlanError, match="reason"):
        review(first, bakery, baker, "object", {"cheremushki-ovens": 5.0}, "")
    with pytest.raises(PlanError, match="not one of this enterprise's techniques"):
        review(first, bakery, baker, "object", {"osh-mill-looms": 5.0}, "no flour")


def test_every_version_exports_as_csv_parquet_and_json(demo, client):
    version = PlanVersion.objects.get(number=2)
    plan = plan_of(version)
    document = json.loads(client.get("/plans/2/export.json").content)
    assert document["plan"]["version"] == 2 and document["plan"]["certificate"]["solved"]
    x = [row["intensity"] for row in document["techniques"]]
    f = [row["fulfilment"] for row in document["products"]]
    p = [row["price"] for row in document["products"]]
    r = [row["price"] for row in document["resources"]]
    # The certificate is recomputed from the exported plan and the frozen economy alone.
    assert certify(plan.economy, *(np.array(v) for v in (x, f, p, r))).solved
    for fmt, reader in (("csv", pd.read_csv), ("parquet", pd.read_parquet)):
        archive = zipfile.ZipFile(io.BytesIO(client.get(f"/plans/2/export.{fmt}").content))
        assert {f"products.{fmt}", f"techniques.{fmt}", f"resources.{fmt}", "summary.json",
                "plan.json"} <= set(archive.namelist())
        products = reader(io.BytesIO(archive.read(f"products.{fmt}")))
        assert list(products["fulfilment"]) == pytest.approx(list(plan.fulfilment))
    assert client.get("/plans/2/export.xlsx").status_code == 404


def test_the_dashboard_explains_prices_and_shortfalls(demo, client):
    page = client.get("/plans/2/").content.decode()
    assert "certified optimal" in page
    assert "would raise weighted fulfilment by" in page
    assert "Industry, trade and exports" in page and "fall short" in page
    assert "Demo economy of the Kyrgyz Republic" in page


@pytest.mark.django_db
def test_a_run_shows_the_planners_gap_while_it_works_then_the_certificates(client, monkeypatch):
    # large enough for the first stage's columns, each of which reports a gap
    economy = synthetic(3000, seed=1, capped_share=0.0)
    run = PlanRun.objects.create(year=2030, snapshot={"economy": economy_to_json(economy),
                                                      "enterprises": {}, "groups": []})
    saved = []
    original = runner._progress

    def watched(run, **fields):
        if "gap" in fields:
            saved.append((run.stage, fields["gap"]))
        original(run, **fields)

    monkeypatch.setattr(runner, "_progress", watched)
    monkeypatch.setattr(runner, "gap_reporter", lambda run: runner_gap_reporter(run, every=0.0))
    runner.execute(run.pk)
    run.refresh_from_db()
    during = [gap for stage, gap in saved if stage == PlanRun.Stage.SOLVING]
    assert len(during) >= 2 and during[0] > during[-1] > 0
    assert saved[-1] == (PlanRun.Stage.CERTIFYING, run.version.certificate["gap"])
    assert run.gap == run.version.certificate["gap"] <= 1e-4
    assert json.loads(client.get(reverse("plans:run_status", args=[run.pk])).content)["gap"] == run.gap


@pytest.mark.django_db
def test_the_gap_is_stored_at_most_once_a_period():
    run = PlanRun.objects.create(year=2030, snapshot={})
    report = runner_gap_reporter(run, every=3600.0)
    report({"gap": np.nan})
    run.refresh_from_db()
    assert run.gap is None
    report({"gap": 0.5})
    report({"gap": 0.1})
    run.refresh_from_db()
    assert run.gap == 0.5
