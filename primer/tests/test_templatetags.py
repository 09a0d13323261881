def test_a_computed_figure_is_shown_to_three_significant_digits():
    from primer.templatetags.primer_tags import figure

    assert [figure(v) for v in (38.58, 3.858, 2_592_000.0, 0.0, 0.00123, 77.16, None, "x")] == [
        "38.6", "3.86", "2,590,000", "0", "0.00123", "77.2", "", "",
    ]  # fmt: skip
