from django.urls import path

from flashcards import views

app_name = "flashcards"
urlpatterns = [
    path("", views.index, name="index"),
    path("review/", views.review, name="review"),
    path("undo/", views.undo, name="undo"),
    path("export.apkg", views.export_apkg, name="export"),
]
