from django.urls import path

from kurultai.web.reports import api

app_name = "api"
urlpatterns = [
    path("openapi.json", api.schema, name="schema"),
    path("plan", api.plan, name="plan"),
    path("reports", api.reports, name="reports"),
]
