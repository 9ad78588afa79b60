from django.urls import path

from kurultai.web.core import views

app_name = "core"
urlpatterns = [path("", views.home, name="home")]
