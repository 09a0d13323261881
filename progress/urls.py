from django.urls import path

from progress.views import data, plan, practice, tracking

app_name = "progress"
urlpatterns = [
    path("plan/", plan.plan, name="plan"),
    path("plan/print/", plan.plan_print, name="plan-print"),
    path("plan/pause/", plan.plan_pause, name="plan-pause"),
    path("plan/items/<id:pk>/done/", plan.plan_item_done, name="plan-item-done"),
    path("progress/<slug:kind>/<slug:slug>/status/", tracking.set_status, name="status"),
    path("progress/<slug:kind>/<slug:slug>/note/", tracking.save_note, name="note"),
    path("progress/<slug:kind>/<slug:slug>/bookmark/", tracking.toggle_bookmark, name="bookmark"),
    path("practice/<slug:slug>/", practice.practice_start, name="practice-start"),
    path("attempts/<id:pk>/", practice.attempt_editor, name="attempt"),
    path("attempts/<id:pk>/steps/<id:number>/save/", practice.attempt_save, name="attempt-save"),
    path("attempts/<id:pk>/steps/<id:number>/<slug:action>/", practice.attempt_step_action, name="attempt-step-action"),
    path("attempts/<id:pk>/submit/", practice.attempt_submit, name="attempt-submit"),
    path("attempts/<id:pk>/report/", practice.attempt_report, name="attempt-report"),
    path("attempts/<id:pk>/self-check/", practice.attempt_self_check, name="attempt-self-check"),
    path("attempts/<id:pk>/regrade/", practice.attempt_regrade, name="attempt-regrade"),
    path("attempts/<id:pk>/share/", practice.attempt_share, name="attempt-share"),
    path("shared/<slug:token>/", practice.shared_report, name="shared"),
    path("calendar/<slug:token>.ics", data.calendar_feed, name="calendar"),
    path("account/calendar/reset/", data.calendar_reset, name="calendar-reset"),
    path("account/data/reset/", data.reset, name="reset"),
]
