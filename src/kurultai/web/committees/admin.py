"""Administrators create committees and enterprises and seat each committee's first secretary;
from then on admission is the secretary's. Every change made here is audited."""

from django.contrib import admin

from kurultai.web.audit.admin import AuditedAdmin
from kurultai.web.committees.models import Committee, Enterprise, Membership


@admin.register(Committee)
class CommitteeAdmin(AuditedAdmin):
    list_display = ("name", "kind", "place", "parent")
    list_filter = ("kind", "place")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Enterprise)
class EnterpriseAdmin(AuditedAdmin):
    list_display = ("name", "sector", "place", "committee")


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("member", "committee", "role", "status", "admitted_at")
    list_filter = ("status", "role")
