from django.urls import path

from kurultai.web.committees import views

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("enterprises/<slug:slug>/", views.enterprise_detail, name="enterprise"),
    path("enterprises/<slug:slug>/edit/", views.enterprise_edit, name="enterprise_edit"),
    path("<slug:slug>/", views.committee_detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/admit/<int:membership_id>/", views.admit_member, name="admit"),
]
