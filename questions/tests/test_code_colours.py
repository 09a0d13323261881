"""Highlighted code stays readable: every token colour in pygments.css is 4.5:1 or more on the code background."""

import re

import pytest
from django.conf import settings

CSS = (settings.BASE_DIR / "static" / "css" / "pygments.css").read_text()
LIGHT, _, REST = CSS.partition(':root[data-theme="dark"]')
DARK = REST.split("@media (prefers-color-scheme: dark)")[0]
# The backgrounds code sits on: primer.css's --code-bg and --surface, and Pygments' own .highlight.
BACKGROUNDS = {"light": ["#f4f5f9", "#ffffff", "#f8f8f8"], "dark": ["#1a202b", "#161b24", "#272822"]}
NOT_TEXT = {"w"}  # Text.Whitespace: nothing to read


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("theme", "css"), [("light", LIGHT), ("dark", DARK)])
def test_every_token_colour_reads_on_the_code_background(theme, css):
    colours = re.findall(r"\.highlight \.(\w+) \{ color: (#[0-9A-Fa-f]{3,6})", css)
    assert len(colours) > 40
    weak = [
        (token, colour, round(min(contrast(colour, bg) for bg in BACKGROUNDS[theme]), 2))
        for token, colour in colours
        if token not in NOT_TEXT and min(contrast(colour, bg) for bg in BACKGROUNDS[theme]) < 4.5
    ]
    assert weak == []


def test_comments_in_particular_pass_in_both_themes():
    light = dict(re.findall(r"\.highlight \.(c1?) \{ color: (#[0-9A-Fa-f]+)", LIGHT))
    dark = dict(re.findall(r"\.highlight \.(c1?) \{ color: (#[0-9A-Fa-f]+)", DARK))
    assert min(contrast(light["c"], bg) for bg in BACKGROUNDS["light"]) >= 4.5
    assert min(contrast(dark["c1"], bg) for bg in BACKGROUNDS["dark"]) >= 4.5
