from django.urls import path

from topics import views

app_name = "topics"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]
