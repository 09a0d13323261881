from django import forms

from questions.models import Difficulty, Kind
from topics.models import Topic


class QuestionFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=[("", "All kinds"), *Kind.choices], required=False)
    difficulty = forms.ChoiceField(choices=[("", "Any difficulty"), *Difficulty.choices], required=False)
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.published().filter(questions__isnull=False).distinct().order_by("title"),
        to_field_name="slug",
        required=False,
        empty_label="Any topic",
    )


class RubricTestForm(forms.Form):
    """The admin's "Test this rubric": an answer with its steps, graded on the spot."""

    step1 = forms.CharField(
        label="Step 1: use cases, constraints and estimates", widget=forms.Textarea, required=False, max_length=50_000
    )
    step2 = forms.CharField(label="Step 2: high-level design", widget=forms.Textarea, required=False, max_length=50_000)
    step3 = forms.CharField(label="Step 3: core components", widget=forms.Textarea, required=False, max_length=50_000)
    step4 = forms.CharField(label="Step 4: scaling", widget=forms.Textarea, required=False, max_length=50_000)

    def answers(self) -> dict[int, str]:
        return {number: self.cleaned_data[f"step{number}"] for number in (1, 2, 3, 4)}
