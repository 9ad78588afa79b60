from django.urls import path

from kurultai.web.assembly import views

app_name = "assembly"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/new/", views.new_session, name="new_session"),
    path("sessions/<int:pk>/", views.session, name="session"),
    path("sessions/<int:pk>/propose/", views.propose, name="propose"),
    path("sessions/<int:pk>/close/", views.close, name="close_session"),
    path("delegates/<str:username>/", views.delegate, name="delegate"),
    path("motions/<int:pk>/", views.motion, name="motion"),
    path("motions/<int:pk>/<str:action>/", views.act, name="act"),
]
