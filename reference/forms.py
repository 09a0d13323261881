"""The calculators' forms. Numbers are typed as text and checked here, not by the browser.

An <input type="number"> hands the server an empty value for "abc" and, worse, its
constraint check stops htmx from sending the form at all, so the last figure stays on
screen with no word of what is wrong. A text box with a decimal keyboard lets every bad
value reach the server, which answers with a message that names the field and the reason.
"""

from __future__ import annotations

import re
from decimal import Decimal, DecimalException
from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from reference.calculators import SIZE_UNITS

SIZE_CHOICES = [(unit, unit) for unit in SIZE_UNITS]
MAX_TEXT = 40  # characters: far more than any sensible number needs
SMALLEST_POWER = -30  # 1e-30 is as close to zero as anything here means
THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?")
SPACES = re.compile(r"[\s_\u00a0\u202f']")

NUMBER_EXAMPLE = "such as 1500, 1,500 or 1.5e3"
PERCENT_EXAMPLE = "such as 99.9 or 99.95%"


def plain(value: Decimal) -> str:
    """A number as people write it: '10,000,000,000' rather than 1E+10, '99.95' as it is."""
    whole, _, decimals = f"{abs(value).normalize():f}".partition(".")
    return ("-" if value < 0 else "") + f"{int(whole):,}" + (f".{decimals}" if decimals else "")


def parse_number(text: str, *, percent: bool = False) -> Decimal:
    """'10,000,000', '1e7', '1 500', '99.9%' (when percent) as a Decimal, or a ValidationError saying why not."""
    shown = text if len(text) <= 20 else text[:20] + "…"
    example = PERCENT_EXAMPLE if percent else NUMBER_EXAMPLE
    if len(text) > MAX_TEXT:
        raise forms.ValidationError(f"That is more than {MAX_TEXT} characters. Enter a number {example}.")
    cleaned = SPACES.sub("", text)
    if percent:
        cleaned = cleaned.removesuffix("%")
    if "," in cleaned:
        if not THOUSANDS.fullmatch(cleaned):
            if re.fullmatch(r"[+-]?\d+,\d+", cleaned):
                raise forms.ValidationError(f"“{shown}” is not a number. Use a point for decimals, as in 99.9.")
            raise forms.ValidationError(f"“{shown}” is not a number. Enter one {example}.")
        cleaned = cleaned.replace(",", "")
    try:
        value = Decimal(cleaned)
    except DecimalException:
        raise forms.ValidationError(f"“{shown}” is not a number. Enter one {example}.") from None
    if not value.is_finite():
        raise forms.ValidationError(f"“{shown}” is not a number. Enter one {example}.")
    if value and value.adjusted() < SMALLEST_POWER:
        raise forms.ValidationError(f"“{shown}” is too close to zero to mean anything here.")
    return value


class NumberField(forms.Field):
    """A number typed as text, between `minimum` and `maximum`, with messages that give the limits.

    `above_minimum` makes the minimum itself wrong too (zero requests leave nothing to
    estimate); `why_minimum` and `why_maximum` say where a limit comes from.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false"})

    def __init__(
        self,
        *,
        minimum: int | str,
        maximum: int | str,
        above_minimum: bool = False,
        why_minimum: str = "",
        why_maximum: str = "",
        percent: bool = False,
        **kwargs: Any,
    ) -> None:
        example = PERCENT_EXAMPLE if percent else NUMBER_EXAMPLE
        kwargs.setdefault("error_messages", {}).setdefault("required", f"Enter a number, {example}.")
        super().__init__(**kwargs)
        self.minimum, self.maximum = Decimal(minimum), Decimal(maximum)
        self.above_minimum, self.percent = above_minimum, percent
        self.why_minimum = f" ({why_minimum})" if why_minimum else ""
        self.why_maximum = f" ({why_maximum})" if why_maximum else ""

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or not str(value).strip():
            return None
        return parse_number(str(value).strip(), percent=self.percent)

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)
        if value is None:
            return
        unit = "%" if self.percent else ""
        if value > self.maximum:
            raise forms.ValidationError(f"Enter at most {plain(self.maximum)}{unit}{self.why_maximum}.")
        if value < self.minimum or (self.above_minimum and value == self.minimum):
            if self.above_minimum:
                message = f"Enter more than {plain(self.minimum)}{unit}{self.why_minimum}."
            elif self.minimum == 0:
                message = f"Enter 0 or more{self.why_minimum}; it cannot be negative."
            else:
                message = f"Enter {plain(self.minimum)}{unit} or more{self.why_minimum}."
            raise forms.ValidationError(message)


class RatioField(forms.CharField):
    """Reads to writes as '10:1', '1:4' or a single number of reads per write ('10')."""

    widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})
    default_error_messages = {"required": "Enter reads to writes, such as 10:1."}
    LIMIT = Decimal(1_000_000)

    def to_python(self, value: Any) -> tuple[Decimal, Decimal] | None:  # type: ignore[override]
        text = str(value or "").strip()
        if not text:
            return None
        parts = re.split(r"\s*[:/]\s*", text)
        if len(parts) > 2:
            raise forms.ValidationError("Write reads to writes as 10:1, or just 10 for ten reads a write.")
        reads, writes = (parse_number(part) for part in parts) if len(parts) == 2 else (parse_number(text), Decimal(1))
        if reads < 0 or writes < 0:
            raise forms.ValidationError("Neither side of the ratio can be negative.")
        if reads == writes == 0:
            raise forms.ValidationError("0:0 has neither reads nor writes. Try 10:1.")
        if max(reads, writes) > self.LIMIT:
            raise forms.ValidationError(f"Keep each side at most {plain(self.LIMIT)}.")
        return reads, writes

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class CalculatorBoundField(BoundField):
    """A calculator field always points at its message slot, and never claims aria-invalid.

    While someone types, htmx swaps in the result and each field's message slot but never
    the inputs themselves (that would lose keystrokes), so an aria-invalid set when the page
    was drawn would go stale; the message the input is described by is always current.
    """

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        attrs.pop("aria-invalid", None)
        if self.auto_id and not self.use_fieldset:
            described = [f"{self.auto_id}_helptext"] if self.help_text else []
            attrs["aria-describedby"] = " ".join([*described, f"{self.auto_id}_error"])
        return attrs


class CalculatorForm(forms.Form):
    bound_field_class = CalculatorBoundField


class SizeForm(CalculatorForm):
    value = NumberField(
        minimum=0, maximum=10**18, initial=1, label="Size", why_maximum="a quintillion of any unit is plenty"
    )
    unit = forms.ChoiceField(choices=SIZE_CHOICES, initial="GiB", label="Unit")


class AvailabilityForm(CalculatorForm):
    availability = NumberField(
        minimum=0,
        maximum=100,
        percent=True,
        initial="99.9",
        label="Availability (%)",
        help_text="For example 99.95",
        why_maximum="nothing is up more than all the time",
    )
    components = forms.CharField(
        required=False,
        max_length=500,
        initial="99.9, 99.95",
        label="Components (%)",
        help_text="Availabilities separated by commas, to combine in sequence and in parallel.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"max_length": "Keep the list under 500 characters."},
    )

    def clean_components(self) -> list[Decimal]:
        raw = self.cleaned_data["components"]
        values = []
        for part in filter(None, (piece.strip() for piece in re.split(r"[,;]", raw))):
            value = parse_number(part, percent=True)
            if not 0 <= value <= 100:
                raise forms.ValidationError(f"{part} is not a percentage between 0 and 100.")
            values.append(value)
        if len(values) > 20:
            raise forms.ValidationError("Combine at most 20 components.")
        return values


RATIO, SPLIT = "ratio", "split"
TRAFFIC_FIELDS = {RATIO: ("requests_per_user", "read_write_ratio"), SPLIT: ("reads_per_user", "writes_per_user")}
LARGEST_OBJECT = 10**15  # bytes: one write of more than a petabyte is not a request


class EstimateForm(CalculatorForm):
    """A workload: users, their reads and writes (as a total and a ratio, or each per user), sizes, time."""

    daily_active_users = NumberField(
        minimum=1,
        maximum=10**10,
        initial=10_000_000,
        label="Daily active users",
        why_maximum="more people than are alive",
    )
    traffic = forms.ChoiceField(
        choices=[(RATIO, "Requests per user and a read:write ratio"), (SPLIT, "Reads and writes per user")],
        initial=RATIO,
        required=False,
        widget=forms.RadioSelect,
        label="Traffic given as",
    )
    requests_per_user = NumberField(
        minimum=0,
        maximum=10**6,
        above_minimum=True,
        required=False,
        initial=10,
        label="Requests per user per day",
        why_minimum="with no requests there is nothing to estimate",
        why_maximum="that is already one every 86 ms, all day",
    )
    read_write_ratio = RatioField(
        required=False,
        initial="10:1",
        max_length=MAX_TEXT,
        label="Reads : writes",
        help_text="10:1 (or 10) is ten reads for every write; 1:4 is write-heavy.",
    )
    reads_per_user = NumberField(
        minimum=0,
        maximum=10**6,
        required=False,
        initial=9,
        label="Reads per user per day",
        why_maximum="that is already one every 86 ms, all day",
    )
    writes_per_user = NumberField(
        minimum=0,
        maximum=10**6,
        required=False,
        initial=1,
        label="Writes per user per day",
        why_maximum="that is already one every 86 ms, all day",
    )
    object_size = NumberField(
        minimum=0,
        maximum=10**15,
        above_minimum=True,
        initial=1,
        label="Size of one write",
        help_text="What one write stores.",
        why_minimum="every write stores something",
    )
    object_unit = forms.ChoiceField(choices=SIZE_CHOICES, initial="KB", label="Unit of a write")
    read_size = NumberField(
        minimum=0,
        maximum=10**15,
        above_minimum=True,
        required=False,
        label="Size of one read",
        help_text="What one read returns; leave empty for the size of a write.",
        why_minimum="leave it empty for the size of a write",
    )
    read_unit = forms.ChoiceField(choices=SIZE_CHOICES, initial="KB", label="Unit of a read", required=False)
    retention_years = NumberField(
        minimum=0,
        maximum=100,
        above_minimum=True,
        initial=5,
        label="Retention (years)",
        why_minimum="data kept for no time needs no storage",
        why_maximum="plan for a century at most",
    )
    peak_factor = NumberField(
        minimum=1,
        maximum=100,
        initial=2,
        label="Peak / average",
        help_text="Peak traffic as a multiple of the average.",
        why_minimum="the peak is at least the average",
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        traffic = data.get("traffic") or RATIO
        data["traffic"] = traffic
        for name in TRAFFIC_FIELDS[SPLIT if traffic == RATIO else RATIO]:
            # The other way of giving traffic is hidden and not read, so it cannot be wrong.
            self.errors.pop(name, None)
            data.pop(name, None)
        for name in TRAFFIC_FIELDS[traffic]:
            if name not in self.errors and data.get(name) is None:
                self.add_error(name, self.fields[name].error_messages["required"])
        if traffic == SPLIT and data.get("reads_per_user") == 0 and data.get("writes_per_user") == 0:
            self.add_error("writes_per_user", "With no reads and no writes there is nothing to estimate.")
        for size, unit in (("object_size", "object_unit"), ("read_size", "read_unit")):
            if data.get(size) is not None and data.get(unit) and data[size] * SIZE_UNITS[data[unit]] > LARGEST_OBJECT:
                self.add_error(size, "Keep one request to 1 PB at most, and split anything bigger into parts.")
        return data
