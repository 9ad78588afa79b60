from django.urls import path, re_path

from kurultai.web.relief import views

app_name = "relief"
urlpatterns = [
    path("", views.index, name="index"),
    path("ask/", views.request_new, name="ask"),
    path("offer/", views.offer_new, name="offer"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/propose/", views.request_propose, name="propose"),
    path("requests/<int:pk>/close/", views.request_close, name="close"),
    re_path(r"^deliveries/(?P<pk>\d+)/(?P<action>next|cancel)/$", views.delivery_move, name="delivery"),
]
