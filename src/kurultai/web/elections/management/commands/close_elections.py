"""``kurultai manage close_elections``: count every election whose voting time is over, and
reshuffle the ballots of the open ones. Run it every minute (cron)."""

from django.core.management.base import BaseCommand

from kurultai.web.elections.closing import close_due_elections, reshuffle_open_elections


class Command(BaseCommand):
    help = ("Count and seal every election whose closing time has passed, and rewrite the "
            "ballots of open elections in random order (safe to run often).")

    def handle(self, *args, **options):
        counted = close_due_elections()
        reshuffled = reshuffle_open_elections()
        self.stdout.write(f"{counted} election(s) counted, {reshuffled} open election(s) reshuffled.")
