"""The background task that computes a plan: enqueued by a request, run by ``db_worker``."""

from __future__ import annotations

from django_tasks import task

from kurultai.web.plans.runner import execute


@task()
def compute_plan(run_id: int) -> int | None:
    """Solve the frozen snapshot of run ``run_id``; the version number it stored."""
    return execute(run_id)
