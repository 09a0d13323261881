"""Your account and data: /account/..."""

from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("data/", views.data, name="data"),
    path("data/export/", views.data_export, name="data-export"),
    path("data/import/", views.data_import, name="data-import"),
    path("delete/", views.account_delete, name="delete"),
]
