from django.urls import path

from progress import card_views, practice_views, views

app_name = "progress"
urlpatterns = [
    path("plan/", views.plan, name="plan"),
    path("plan/print/", views.plan_print, name="plan-print"),
    path("plan/pause/", views.plan_pause, name="plan-pause"),
    path("plan/items/<id:pk>/done/", views.plan_item_done, name="plan-item-done"),
    path("progress/<slug:kind>/<slug:slug>/status/", views.set_status, name="status"),
    path("progress/<slug:kind>/<slug:slug>/note/", views.save_note, name="note"),
    path("progress/<slug:kind>/<slug:slug>/bookmark/", views.toggle_bookmark, name="bookmark"),
    path("practice/<slug:slug>/", practice_views.practice_start, name="practice-start"),
    path("attempts/<id:pk>/", practice_views.attempt_editor, name="attempt"),
    path("attempts/<id:pk>/steps/<id:number>/save/", practice_views.attempt_save, name="attempt-save"),
    path(
        "attempts/<id:pk>/steps/<id:number>/<slug:action>/",
        practice_views.attempt_step_action,
        name="attempt-step-action",
    ),
    path("attempts/<id:pk>/submit/", practice_views.attempt_submit, name="attempt-submit"),
    path("attempts/<id:pk>/report/", practice_views.attempt_report, name="attempt-report"),
    path("attempts/<id:pk>/self-check/", practice_views.attempt_self_check, name="attempt-self-check"),
    path("attempts/<id:pk>/regrade/", practice_views.attempt_regrade, name="attempt-regrade"),
    path("attempts/<id:pk>/share/", practice_views.attempt_share, name="attempt-share"),
    path("shared/<slug:token>/", practice_views.shared_report, name="shared"),
    path("cards/", card_views.cards, name="cards"),
    path("cards/review/", card_views.review, name="review"),
    path("cards/undo/", card_views.undo, name="review-undo"),
    path("cards/export.apkg", card_views.export_apkg, name="cards-export"),
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar"),
    path("account/calendar/reset/", views.calendar_reset, name="calendar-reset"),
    path("account/data/", views.data, name="data"),
    path("account/data/export/", views.data_export, name="data-export"),
    path("account/data/import/", views.data_import, name="data-import"),
    path("account/data/reset/", views.data_reset, name="data-reset"),
    path("account/delete/", views.account_delete, name="account-delete"),
]
