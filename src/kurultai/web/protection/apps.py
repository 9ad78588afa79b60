"""Neighbourhood protection: incident reports, verified alerts, safe places, escorts, lock-down."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "kurultai.web.protection"
    label = "protection"
    verbose_name = _("Protection")
