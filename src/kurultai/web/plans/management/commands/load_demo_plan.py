"""``manage.py load_demo_plan``: the demo's planning cycle, once (again changes nothing)."""

from django.core.management.base import BaseCommand

from kurultai.web.plans.demo import load_demo_plan


class Command(BaseCommand):
    help = ("Add the demo planning cycle (Kyrgyz economy, priorities, an approved plan, reports, "
            "an open priority round) to the demo community.")

    def handle(self, *args, **options):
        if load_demo_plan():
            self.stdout.write("Demo planning cycle loaded.")
        else:
            self.stdout.write("Demo planning cycle already present (or no demo community); nothing changed.")
