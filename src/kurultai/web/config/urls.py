"""The platform's URLs: each app mounts its own. Static files are served by WhiteNoise."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("kurultai.web.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("kurultai.web.accounts.urls")),
    path("committees/", include("kurultai.web.committees.urls")),
    path("elections/", include("kurultai.web.elections.urls")),
    path("kurultai/", include("kurultai.web.assembly.urls")),
    path("audit/", include("kurultai.web.audit.urls")),
    path("protection/", include("kurultai.web.protection.urls")),
    path("relief/", include("kurultai.web.relief.urls")),
    path("economy/", include("kurultai.web.economy.urls")),
    path("priorities/", include("kurultai.web.priorities.urls")),
    path("plans/", include("kurultai.web.plans.urls")),
    path("reports/", include("kurultai.web.reports.urls")),
    path("api/v1/", include("kurultai.web.reports.api_urls")),
    path("admin/", admin.site.urls),
]
