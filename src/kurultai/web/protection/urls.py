from django.urls import path, register_converter

from kurultai.web.protection import views



class LockAction:
    """Only the four lock-down actions are URLs; anything else is a 404."""

    regex = "lock|unlock|suspend|unsuspend"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LockAction, "lockaction")

app_name = "protection"
urlpatterns = [
    path("", views.index, name="index"),
    path("map.json", views.map_json, name="map"),
    path("report/", views.report_incident, name="report"),
    path("incidents/", views.incident_list, name="incidents"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("incidents/<int:pk>/confirm/", views.incident_confirm, name="confirm"),
    path("incidents/<int:pk>/false/", views.incident_false, name="false"),
    path("incidents/<int:pk>/photo/", views.incident_photo, name="photo"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/live.json", views.alerts_live, name="alerts_live"),
    path("alerts/<int:pk>/ack/", views.alert_ack, name="ack"),
    path("feed/<slug:slug>.txt", views.feed, name="feed"),
    path("n/<slug:slug>/", views.neighbourhood, name="neighbourhood"),
    path("places/<int:pk>/", views.place_update, name="place"),
    path("n/<slug:slug>/places/new/", views.place_new, name="place_new"),
    path("escort/", views.escort_new, name="escort"),
    path("escort/<int:pk>/status/", views.escort_status, name="escort_status"),
    path("committee/<slug:slug>/<lockaction:action>/", views.committee_lock, name="lock"),
]
