"""The planning cycle of the demo: the Kyrgyz economy, the enterprises' techniques, a counted
priority round, a plan re-planned after one objection and approved by the kurultai, a quarter's
reports with one deviation, and a second priority round left open.

Called by the demo loader after the demo community exists; running it again changes nothing.
"""

from __future__ import annotations

import random
import time
from datetime import timedelta

import numpy as np
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _

from kurultai.economy import kyrgyz_economy
from kurultai.economy.kyrgyz import DESCRIPTION
from kurultai.web.assembly import services as assembly
from kurultai.web.committees.models import Committee, Enterprise, Membership
from kurultai.web.economy.models import EnterpriseSector, Product
from kurultai.web.economy.store import import_base, stored_economy
from kurultai.web.economy.techniques import TechniqueSpec, save_techniques
from kurultai.web.plans.approval import put_to_kurultai
from kurultai.web.plans.models import PlanRun, PlanVersion
from kurultai.web.plans.services import request_run, review
from kurultai.web.plans.worker import run_pending_tasks
from kurultai.web.priorities.groups import DEMO_GROUPS, GROUP_NAMES
from kurultai.web.priorities.models import GroupProduct, PriorityRound, ProductGroup
from kurultai.web.priorities.voting import cast, count
from kurultai.web.reports.models import DeviationThreshold, ExecutionReport
from kurultai.web.reports.submit import store

LABOUR, IMPORTS = 0.80, 0.75
PLAN_YEAR = 2026
COMMISSION = "planning commission"
COMMISSION_MEMBERS = ("bermet", "dinara")
DEMO_ECONOMY_NOTE = _("For the demo plan, 80 % of the 2022 labour and 75 % of the 2022 imported "
                      "inputs are available, so not every target can be met.")

# enterprise slug: (sector, technique code, name, capacity, labour and imports per unit as a
# share of the sector's own technique). The numbers are the demo's, not measured.
TECHNIQUES = {
    "kara-suu-cotton-gin": ("AHF", "kara-suu-gin", _("Saw gins and balers"), 60.0, 0.85, 0.90),
    "osh-textile-mill": ("TEX", "osh-mill-looms", _("Spinning and weaving halls"), 20.0, 0.85, 0.90),
    "cheremushki-bakery": ("FBT", "cheremushki-ovens", _("Bread ovens"), 8.0, 0.80, 0.90),
    "uch-kurgan-power-station": ("UTL", "uch-kurgan-turbines", _("Hydro turbines"), 120.0, 0.70, 0.60),
    "jalal-abad-hospital": ("HSW", "jalal-abad-wards", _("Wards and clinics"), 40.0, 0.90, 0.90),
    "jalal-abad-school-5": ("EDU", "school-5-classes", _("Classes in three languages"), 6.0, 0.90, 0.90),
    "osh-bus-depot": ("ITR", "osh-depot-buses", _("City and intercity buses"), 30.0, 0.85, 0.90),
}

# Each member leans towards a few groups; the points are the demo's.
LEANINGS = [("food", "water", "health"), ("housing", "energy", "water"), ("education", "health"),
            ("transport", "food", "clothing"), ("industry", "energy"), ("health", "public", "culture")]


def demo_plan_loaded() -> bool:
    return PlanVersion.objects.exists() or PriorityRound.objects.exists()


def load_demo_plan() -> bool:
    """Add the planning cycle to the demo community; False when it is already there."""
    if demo_plan_loaded() or not Committee.objects.filter(slug="kurultai").exists():
        return False
    users = {u.username: u for u in get_user_model().objects.all()}
    with transaction.atomic():
        _commission(users)
        _economy(users)
        _groups()
        first = _first_round(users)
        run = request_run(PLAN_YEAR, first, users["bermet"])
    version = _finished(run).version
    with transaction.atomic():
        for slug in ("kara-suu-cotton-gin", "cheremushki-bakery", "jalal-abad-hospital",
                     "jalal-abad-school-5", "osh-bus-depot", "uch-kurgan-power-station"):
            enterprise = Enterprise.objects.get(slug=slug)
            review(version, enterprise, _officer(enterprise), "accept")
        mill = Enterprise.objects.get(slug="osh-textile-mill")
        review(version, mill, _officer(mill), "object", {"osh-mill-looms": 14.0},
               _("Two of the six looms wait for spare parts until the autumn."))
    replanned = _finished(version.replans.get()).version
    with transaction.atomic():
        _approve(replanned, users)
        _reports(replanned, users)
        _second_round(users)
    return True


def _finished(run: PlanRun, timeout: float = 120.0) -> PlanRun:
    """The run once computed: by this process, or by a worker that picked it up first."""
    run_pending_tasks()
    deadline = time.monotonic() + timeout
    run.refresh_from_db()
    while run.status not in (PlanRun.Status.DONE, PlanRun.Status.FAILED):
        if time.monotonic() > deadline:
            raise RuntimeError(f"plan run {run.pk} still {run.status} after {timeout:.0f} s")
        time.sleep(0.1)
        run.refresh_from_db()
    if run.status == PlanRun.Status.FAILED:
        raise RuntimeError(f"plan run {run.pk} failed: {run.error}")
    return run


def _commission(users) -> None:
    group, _created = Group.objects.get_or_create(name=COMMISSION)
    group.permissions.add(Permission.objects.get(codename="plan_economy", content_type__app_label="economy"))
    for username in COMMISSION_MEMBERS:
        users[username].groups.add(group)


def _officer(enterprise: Enterprise):
    return enterprise.committee.memberships.get(role=Membership.Role.SECRETARY).member


def _economy(users) -> None:
    import_base(kyrgyz_economy(labour=LABOUR, imports=IMPORTS), _("Kyrgyz Republic 2022 (demo)"),
                f"{DESCRIPTION}\n\n{DEMO_ECONOMY_NOTE}", users["bermet"])
    economy = stored_economy()
    for slug, (sector, code, name, capacity, labour, imports) in TECHNIQUES.items():
        enterprise = Enterprise.objects.get(slug=slug)
        product = Product.objects.get(code=sector)
        EnterpriseSector.objects.create(enterprise=enterprise, product=product)
        j = int(np.flatnonzero(economy.techniques.ids == f"{sector}-0")[0])
        column = economy.inputs[:, j].toarray().ravel()
        uses = economy.resource_use[:, j].toarray().ravel()
        factors = {"labour": labour, "imports": imports}
        spec = TechniqueSpec(
            code, name, sector, capacity,
            {economy.products.ids[i]: float(column[i]) for i in np.flatnonzero(column)},
            {economy.resources.ids[k]: float(uses[k] * factors[economy.resources.ids[k]])
             for k in np.flatnonzero(uses)})
        save_techniques(enterprise, [spec], _officer(enterprise))


def _groups() -> None:
    for position, (code, members) in enumerate(DEMO_GROUPS.items()):
        group = ProductGroup.objects.create(code=code, name=str(GROUP_NAMES[code]), position=position)
        for product, fraction in members.items():
            GroupProduct.objects.create(group=group, product=Product.objects.get(code=product),
                                        fraction=fraction)


def _ballot(rng: random.Random, budget: int = 100) -> dict[str, int]:
    """Points leaning to a few groups, with a little for some others."""
    codes = list(DEMO_GROUPS)
    favourites = rng.choice(LEANINGS)
    raw = {c: (rng.randint(6, 10) if c in favourites else rng.choice([0, 0, 1, 2])) for c in codes}
    total = sum(raw.values())
    points = {c: v * budget // total for c, v in raw.items()}
    points[favourites[0]] += budget - sum(points.values())
    return {c: v for c, v in points.items() if v}


def _electors():
    admitted = Membership.objects.filter(status=Membership.Status.ADMITTED)
    return get_user_model().objects.filter(pk__in=admitted.values("member")).order_by("username")


def _first_round(users) -> PriorityRound:
    now = timezone.now()
    round_ = PriorityRound.objects.create(
        title=_("Priorities for the 2026 plan"), opens_at=now - timedelta(days=20),
        closes_at=now + timedelta(minutes=5), created_by=users["bermet"],
        description=_("Spread 100 points over what the economy of the South should produce in 2026."))
    rng = random.Random(2026)
    for member in _electors():
        cast(round_, member, _ballot(rng))
    round_.closes_at = now - timedelta(days=6)
    round_.save(update_fields=["closes_at"])
    return count(round_, users["bermet"])


def _second_round(users) -> None:
    now = timezone.now()
    round_ = PriorityRound.objects.create(
        title=_("Priorities for the 2027 plan"), opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30), created_by=users["bermet"],
        description=_("Spread 100 points over what the economy of the South should produce in 2027."))
    rng = random.Random(2027)
    for member in _electors()[:12]:
        cast(round_, member, _ballot(rng))


def _approve(version: PlanVersion, users) -> None:
    motion = put_to_kurultai(version, users["madina"])
    assembly.second(motion, users["otabek"])
    assembly.open_roll_call(motion, users["bermet"])
    for username, choice in [("dinara", "yes"), ("ulan", "yes"), ("madina", "yes"), ("mirlan", "yes"),
                             ("andrei", "yes"), ("sergei", "yes"), ("otabek", "yes"),
                             ("bakyt", "abstain"), ("nurlan", "no")]:
        assembly.vote(motion, users[username], choice)
    assembly.close_roll_call(motion, users["bermet"])


def _reports(version: PlanVersion, users) -> None:
    """First-quarter reports: most close to plan, the bus depot a quarter short."""
    shortfall = {"osh-depot-buses": 0.74, "cheremushki-ovens": 1.02, "kara-suu-gin": 0.97,
                 "jalal-abad-wards": 1.0, "uch-kurgan-turbines": 0.99}
    for a in version.assignments.select_related("enterprise"):
        if a.technique not in shortfall:
            continue
        store(a.enterprise, version, f"{PLAN_YEAR}-Q1",
              [{"technique": a.technique, "quantity": round(a.quantity / 4 * shortfall[a.technique], 3)}],
              ExecutionReport.Channel.FORM, _officer(a.enterprise))
    DeviationThreshold.objects.create(enterprise=Enterprise.objects.get(slug="osh-bus-depot"),
                                      percent=15.0, set_by=users["sergei"])
