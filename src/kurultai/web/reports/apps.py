from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kurultai.web.reports"
    label = "reports"
    verbose_name = _("Execution reports")
    # The monitoring core's flag messages, shown on the reports pages, go in this app's catalogues.
    translated_modules = ("kurultai.monitoring.messages",)
