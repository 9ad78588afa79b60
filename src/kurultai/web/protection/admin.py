"""Admin pages for the committees' protection rules, neighbourhoods and safe places.

Household locations are deliberately not registered: they are read only through the pages that
check the committee and write the audit log.
"""

from django.contrib import admin

from kurultai.web.protection.models import CommitteeSafety, Neighbourhood, SafePlace


@admin.register(CommitteeSafety)
class CommitteeSafetyAdmin(admin.ModelAdmin):
    list_display = ("committee", "confirmations_needed", "escalate_after_minutes", "locked_down_at")
    readonly_fields = ("locked_down_at", "locked_down_by")


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ("name", "city", "committee", "district")
    filter_horizontal = ("adjacent",)


@admin.register(SafePlace)
class SafePlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "neighbourhood", "capacity", "occupancy")
