"""Running queued plan computations without the long-lived ``db_worker`` process.

The demo loader and the tests use this: it is the database backend's own worker, run in batch
mode (every task that is ready, then return), so the same code runs the tasks either way.
"""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker


def run_pending_tasks() -> None:
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="kurultai-inline",
           excluded_queue_names=[]).run()
