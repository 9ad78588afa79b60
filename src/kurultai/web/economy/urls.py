from django.urls import path

from kurultai.web.economy import views

app_name = "economy"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("import/", views.base_import, name="import"),
    path("techniques/<str:code>/", views.technique_detail, name="technique"),
    path("enterprises/<slug:slug>/", views.enterprise_techniques, name="enterprise"),
    path("enterprises/<slug:slug>/new/", views.technique_edit, name="technique_new"),
    path("enterprises/<slug:slug>/upload/", views.technique_upload, name="technique_upload"),
    path("enterprises/<slug:slug>/<str:code>/edit/", views.technique_edit, name="technique_edit"),
]
