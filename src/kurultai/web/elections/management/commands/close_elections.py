"""``kurultai manage close_elections``: count every election whose voting time is over."""

from django.core.management.base import BaseCommand

from kurultai.web.elections.closing import close_due_elections


class Command(BaseCommand):
    help = "Count and seal every election whose closing time has passed (safe to run often)."

    def handle(self, *args, **options):
        self.stdout.write(f"{close_due_elections()} election(s) counted.")
