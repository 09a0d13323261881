from datetime import date

from django import forms

from primer.markdown import validate_markdown
from progress.models import Status, Timeline
from topics.models import Topic


class PlanForm(forms.Form):
    timeline = forms.ChoiceField(choices=Timeline.choices, initial=Timeline.MEDIUM, widget=forms.RadioSelect)
    interview_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Optional. With a date, the plan gives every item a day.",
    )

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_interview_date(self) -> date | None:
        value = self.cleaned_data["interview_date"]
        if value is not None and value <= self.today:
            raise forms.ValidationError("The interview date must be in the future (after today).")
        if value is not None and (value - self.today).days > 730:
            raise forms.ValidationError("Choose a date within the next two years.")
        return value


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
