from django.urls import path

from kurultai.web.priorities import views

app_name = "priorities"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/count/", views.count_round, name="count"),
    path("<int:pk>/box.json", views.ballot_box, name="box"),
]
