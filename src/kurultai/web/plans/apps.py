from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "kurultai.web.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self):
        from kurultai.web.plans import approval  # noqa: F401  (connects the roll-call receiver)
