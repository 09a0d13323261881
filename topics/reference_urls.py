from django.urls import path

from topics import reference

app_name = "reference"
urlpatterns = [
    path("", reference.index, name="index"),
    path("approach/", reference.approach, name="approach"),
    path("study-guide/", reference.study_guide, name="study-guide"),
    path("powers-of-two/", reference.powers_of_two, name="powers-of-two"),
    path("latency/", reference.latency, name="latency"),
    path("availability/", reference.availability, name="availability"),
    path("estimate/", reference.estimate, name="estimate"),
    path("<slug:name>/", reference.links, name="links"),
]
