from django.urls import path

from kurultai.web.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("runs/new/", views.start_run, name="start"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/status.json", views.run_status, name="run_status"),
    path("<int:number>/", views.version_detail, name="version"),
    path("<int:number>/reviews/", views.review_list, name="reviews"),
    path("<int:number>/review/<slug:slug>/", views.review_assignment, name="review"),
    path("<int:number>/propose/", views.propose, name="propose"),
    path("<int:number>/export.<str:fmt>", views.download, name="export"),
]
