from django.urls import path

from kurultai.web.elections import views

app_name = "elections"
urlpatterns = [
    path("", views.election_list, name="list"),
    path("<int:pk>/", views.election_detail, name="detail"),
    path("<int:pk>/nominate/", views.nominate_view, name="nominate"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/change/", views.vote, {"change": True}, name="change"),
    path("<int:pk>/ballot-box/", views.ballot_box, name="box"),
    path("<int:pk>/ballot-box.json", views.ballot_box_json, name="box_json"),
    path("call/<slug:slug>/", views.call, name="new"),
    path("recall/<int:mandate_id>/", views.recall, name="recall"),
    path("petitions/<int:pk>/", views.petition, name="petition"),
    path("petitions/<int:pk>/sign/", views.sign_petition, name="sign"),
]
