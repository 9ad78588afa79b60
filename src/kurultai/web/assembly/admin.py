"""The kurultai's records, visible to administrators and changed only by its procedure."""

from django.contrib import admin

from kurultai.web.assembly.models import Decision, Motion, Session
from kurultai.web.audit.admin import ReadOnlyAdmin


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("title", "assembly", "number", "opens_at")


@admin.register(Motion)
class MotionAdmin(ReadOnlyAdmin):
    list_display = ("title", "session", "number", "status")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("number", "motion", "decided_at")
