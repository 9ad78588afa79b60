"""Relief: requests and offers of water, food, medicine, fuel and transport, matched and delivered."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReliefConfig(AppConfig):
    name = "kurultai.web.relief"
    label = "relief"
    verbose_name = _("Relief")
