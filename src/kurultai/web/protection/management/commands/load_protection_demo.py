"""``manage.py load_protection_demo``: the demo's protection and relief, on the demo community."""

from django.core.management.base import BaseCommand

from kurultai.web.core.demo import PASSWORD
from kurultai.web.protection.demo import PROTECTION_LOGINS, load_protection_demo


class Command(BaseCommand):
    help = "Load the demo neighbourhoods, protection committees, reports and relief (idempotent)."

    def handle(self, *args, **options):
        if load_protection_demo():
            self.stdout.write("Protection and relief demo loaded.")
        else:
            self.stdout.write("Protection demo already present, or the demo community is missing; nothing changed.")
        for username, role in PROTECTION_LOGINS:
            self.stdout.write(f"  {username:8} / {PASSWORD}   {role}")
