from django.urls import path

from progress import views

app_name = "progress"
urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/print/", views.plan_print, name="plan-print"),
    path("plan/pause/", views.plan_pause, name="plan-pause"),
    path("plan/items/<int:pk>/done/", views.plan_item_done, name="plan-item-done"),
    path("progress/<str:kind>/<slug:slug>/status/", views.set_status, name="status"),
    path("progress/<str:kind>/<slug:slug>/note/", views.save_note, name="note"),
    path("progress/<str:kind>/<slug:slug>/bookmark/", views.toggle_bookmark, name="bookmark"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar"),
    path("account/calendar/reset/", views.calendar_reset, name="calendar-reset"),
    path("account/data/", views.data, name="data"),
    path("account/data/export/", views.data_export, name="data-export"),
    path("account/data/import/", views.data_import, name="data-import"),
    path("account/data/reset/", views.data_reset, name="data-reset"),
    path("account/delete/", views.account_delete, name="account-delete"),
]
