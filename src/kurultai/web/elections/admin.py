"""Elections, mandates and petitions are visible to administrators, never editable by them.

Participations and ballots are not in the admin at all.
"""

from django.contrib import admin

from kurultai.web.audit.admin import ReadOnlyAdmin
from kurultai.web.elections.models import Election, Mandate, RecallPetition


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = ("title", "committee", "rule", "opens_at", "closes_at", "counted_at")


@admin.register(Mandate)
class MandateAdmin(ReadOnlyAdmin):
    list_display = ("holder", "office", "committee", "body", "started_on", "ended_on")


@admin.register(RecallPetition)
class RecallPetitionAdmin(ReadOnlyAdmin):
    list_display = ("mandate", "status", "opened_at", "signatures_needed")
