"""``manage.py protection_escalate``: send unacknowledged alerts whose time is up to the district.

Run it every minute (cron, a systemd timer, or ``--every 60`` in a loop of its own).
"""

import time

from django.core.management.base import BaseCommand

from kurultai.monitoring.clock import SystemClock
from kurultai.web.protection.escalation import escalate_due


class Command(BaseCommand):
    help = "Escalate unacknowledged protection alerts to the district when their time is up."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0,
                            help="keep running, checking every this many seconds (default: once)")

    def handle(self, *args, every=0, **options):
        while True:
            raised = escalate_due(SystemClock())
            self.stdout.write(f"{len(raised)} alert(s) escalated to the district.")
            if every <= 0:
                return
            time.sleep(every)
