"""Admin pages: the audit log read-only, and a base class that logs every admin change."""

from django.contrib import admin

from kurultai.web.audit.log import record
from kurultai.web.audit.models import AuditEntry


class AuditedAdmin(admin.ModelAdmin):
    """Changes made in the admin go into the audit log like any other change that matters."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        record("admin.changed" if change else "admin.added",
               f"{obj._meta.label_lower}:{obj.pk}", {"fields": list(form.changed_data)},
               actor=request.user)

    def delete_model(self, request, obj):
        subject = f"{obj._meta.label_lower}:{obj.pk}"
        super().delete_model(request, obj)
        record("admin.deleted", subject, {}, actor=request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown to administrators, changed only through the platform's own procedures."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor", "action", "subject")
    list_filter = ("action",)
