from django.urls import path

from questions import views

app_name = "questions"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]
