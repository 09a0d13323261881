from django import forms

from accounts.models import Learner


class CardSettingsForm(forms.ModelForm):
    class Meta:
        model = Learner
        fields = ["desired_retention", "new_cards_per_day"]
        help_texts = {"new_cards_per_day": "Shared by all decks: 0 to 500."}


class ApkgUploadForm(forms.Form):
    file = forms.FileField(
        label=".apkg file", help_text="At most 100 MB. Notes are sanitised; re-importing changes nothing."
    )
    attribution = forms.CharField(required=False, max_length=500, help_text="Source and licence, shown with the deck.")
