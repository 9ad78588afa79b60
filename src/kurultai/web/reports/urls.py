from django.urls import path

from kurultai.web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("enterprises/<slug:slug>/", views.enterprise_reports, name="enterprise"),
    path("enterprises/<slug:slug>/upload/", views.upload, name="upload"),
    path("enterprises/<slug:slug>/threshold/", views.set_threshold, name="threshold"),
    path("enterprises/<slug:slug>/tokens/", views.new_token, name="new_token"),
    path("enterprises/<slug:slug>/tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
]
