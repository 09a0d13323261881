from django import forms

from reference.calculators import SIZE_UNITS

SIZE_CHOICES = [(unit, unit) for unit in SIZE_UNITS]


class SizeForm(forms.Form):
    value = forms.FloatField(min_value=0, max_value=1e30, initial=1, label="Size")
    unit = forms.ChoiceField(choices=SIZE_CHOICES, initial="GiB", label="Unit")


class AvailabilityForm(forms.Form):
    availability = forms.FloatField(
        min_value=0, max_value=100, initial=99.9, label="Availability (%)", help_text="For example 99.95"
    )
    components = forms.CharField(
        required=False,
        max_length=500,
        initial="99.9, 99.95",
        label="Components (%)",
        help_text="Availabilities separated by commas, to combine in sequence and in parallel.",
    )

    def clean_components(self) -> list[float]:
        raw = self.cleaned_data["components"]
        values = []
        for part in filter(None, (piece.strip().rstrip("%") for piece in raw.replace(";", ",").split(","))):
            try:
                value = float(part)
            except ValueError:
                raise forms.ValidationError(f"“{part}” is not a number.") from None
            if not 0 <= value <= 100:
                raise forms.ValidationError(f"{part} is not a percentage between 0 and 100.")
            values.append(value)
        if len(values) > 20:
            raise forms.ValidationError("Combine at most 20 components.")
        return values


class EstimateForm(forms.Form):
    daily_active_users = forms.FloatField(min_value=0, max_value=1e11, initial=10_000_000, label="Daily active users")
    requests_per_user = forms.FloatField(min_value=0, max_value=1e6, initial=10, label="Requests per user per day")
    read_write_ratio = forms.FloatField(
        min_value=0, max_value=1e6, initial=10, label="Reads per write", help_text="10 means 10 reads for every write."
    )
    object_size = forms.FloatField(min_value=0, max_value=1e15, initial=1, label="Size of one write")
    object_unit = forms.ChoiceField(choices=SIZE_CHOICES, initial="KB", label="Unit")
    retention_years = forms.FloatField(min_value=0, max_value=100, initial=5, label="Retention (years)")
    peak_factor = forms.FloatField(
        min_value=1,
        max_value=100,
        initial=2,
        label="Peak / average",
        help_text="Peak traffic as a multiple of the average.",
    )
