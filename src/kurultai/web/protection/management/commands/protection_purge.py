"""``manage.py protection_purge``: delete the household locations of closed requests whose
retention (PROTECTION_LOCATION_RETENTION_HOURS) is over. Run it hourly."""

from django.core.management.base import BaseCommand

from kurultai.web.protection.privacy import purge_closed_locations


class Command(BaseCommand):
    help = "Delete household locations of closed escort and relief requests past their retention."

    def handle(self, *args, **options):
        self.stdout.write(f"{purge_closed_locations()} household location(s) deleted.")
