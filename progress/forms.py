from datetime import date

from django import forms
from django.conf import settings
from django.forms.boundfield import BoundWidget

from primer.markdown import validate_markdown
from progress import planning
from progress.models import Status, Timeline
from topics.models import Topic

ISO_DATE = "%Y-%m-%d"


class IsoDateInput(forms.DateInput):
    """<input type="date">, whose value must be ISO (YYYY-MM-DD) whatever the site's locale.

    A value in the locale's format (22/12/2026 under en-gb) is one the browser cannot show: the
    field looks empty, and submitting the form again clears the date.
    """

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)


class PlanForm(forms.Form):
    timeline = forms.ChoiceField(choices=Timeline.choices, initial=Timeline.MEDIUM, widget=forms.RadioSelect)
    interview_date = forms.DateField(
        required=False,
        widget=IsoDateInput(),
        help_text="Optional. With a date, the plan gives every item a day.",
    )
    keep_timeline = forms.BooleanField(required=False, label="Keep this timeline anyway")

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.squeeze: planning.Squeeze | None = None  # set by clean() when the timeline needs more weeks

    @property
    def timelines(self) -> list[tuple[BoundWidget, str]]:
        """Each timeline's radio button, with the weeks it is made for (from the study guide)."""
        return [(radio, _guide(radio.data["value"])[1]) for radio in self["timeline"]]

    def clean_interview_date(self) -> date | None:
        value = self.cleaned_data["interview_date"]
        if value is not None and value <= self.today:
            raise forms.ValidationError("The interview date must be in the future (after today).")
        if value is not None and (value - self.today).days > 730:
            raise forms.ValidationError("Choose a date within the next two years.")
        return value

    def clean(self) -> dict:
        data = super().clean() or {}
        squeeze = planning.squeeze(data.get("timeline", ""), data.get("interview_date"), self.today)
        if squeeze is not None and not data.get("keep_timeline"):
            self.squeeze = squeeze
            self.add_error("timeline", squeeze_message(squeeze))
        return data


def _guide(timeline: str) -> tuple[str, str]:
    """A timeline's name and the weeks it is made for, from the study guide ("long", "6 weeks or more")."""
    entry = settings.STUDY_GUIDE[timeline]
    return str(entry["label"]).lower(), str(entry["weeks"])


def squeeze_message(squeeze: planning.Squeeze) -> str:
    (chosen, chosen_weeks), (fits, fits_weeks) = _guide(squeeze.timeline), _guide(squeeze.fits)
    days = f"{squeeze.days} day{'s' if squeeze.days != 1 else ''}"
    return (
        f"The {chosen} timeline is made for {chosen_weeks}, and your interview is {days} away. "
        f"The {fits} timeline ({fits_weeks}) fits the time you have: choose it, or tick "
        f"“Keep the {chosen} timeline anyway” to fit the whole {chosen} plan into {days}."
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)


class NoteForm(forms.Form):
    note = forms.CharField(
        required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 5}), validators=[validate_markdown]
    )


class ResetForm(forms.Form):
    section = forms.ModelChoiceField(
        queryset=Topic.objects.sections().order_by("sequence"),
        required=False,
        empty_label="Everything",
        to_field_name="slug",
    )
    confirm = forms.BooleanField(label="Yes, forget this progress")
