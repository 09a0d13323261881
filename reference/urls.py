from django.urls import path

from reference import views

app_name = "reference"
urlpatterns = [
    path("", views.index, name="index"),
    path("approach/", views.approach, name="approach"),
    path("study-guide/", views.study_guide, name="study-guide"),
    path("powers-of-two/", views.powers_of_two, name="powers-of-two"),
    path("latency/", views.latency, name="latency"),
    path("availability/", views.availability, name="availability"),
    path("estimate/", views.estimate, name="estimate"),
    path("<slug:name>/", views.links, name="links"),
]
