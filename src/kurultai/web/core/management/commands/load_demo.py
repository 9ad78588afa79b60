"""``manage.py load_demo``: the demo community, once (running it again changes nothing)."""

from django.core.management.base import BaseCommand

from kurultai.web.core.demo import DEMO_LOGINS, PASSWORD, load_demo


class Command(BaseCommand):
    help = "Load the demo community of Osh and Jalal-Abad (idempotent)."

    def handle(self, *args, **options):
        if load_demo():
            self.stdout.write("Demo community loaded.")
        else:
            self.stdout.write("Demo community already present; nothing changed.")
        for username, role in DEMO_LOGINS:
            self.stdout.write(f"  {username:8} / {PASSWORD}   {role}")
