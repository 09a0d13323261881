"""The calculators against figures worked out by hand."""

import pytest

from reference import calculators as calc


def test_three_nines_allow_about_eight_hours_forty_six_minutes_a_year():
    # 0.1% of 365.25 days = 0.36525 days = 8 h 45 min 57.6 s
    seconds = calc.downtime(99.9)["year"]
    assert seconds == pytest.approx(31_557.6)
    assert calc.format_duration(seconds) == "8 h 45 min"


def test_four_nines_allow_about_four_minutes_a_month_and_nine_seconds_a_day():
    downtime = calc.downtime(99.99)
    assert downtime["month"] == pytest.approx(262.98, abs=0.01)  # 0.01% of 30.4375 days
    assert downtime["day"] == pytest.approx(8.64)
    assert calc.format_duration(downtime["week"]) == "1 min 0 s"  # 60.48 s


def test_nines_are_exact():
    assert calc.nines(3) == 99.9
    assert calc.nines(5) == 99.999


def test_components_in_sequence_multiply():
    # 0.999 * 0.9995 = 0.9985005
    assert calc.in_sequence([99.9, 99.95]) == pytest.approx(99.85005)


def test_components_in_parallel_fail_only_together():
    # 1 - 0.001 * 0.001 = 0.999999
    assert calc.in_parallel([99.9, 99.9]) == pytest.approx(99.9999)


def test_availability_outside_zero_to_a_hundred_is_refused():
    with pytest.raises(ValueError, match="between 0 and 100"):
        calc.downtime(101)


def test_a_worked_estimate():
    # 10M users x 10 requests = 100M requests/day = 1,157.4/s; reads:writes 10:1
    # writes = 100M/11 = 9.09M/day of 1 KB = 9.09 GB/day = 3.32 TB/year; 5 years = 16.6 TB
    result = calc.estimate(
        daily_active_users=10_000_000,
        requests_per_user=10,
        read_write_ratio=10,
        object_size_bytes=1_000,
        retention_years=5,
        peak_factor=2,
    )
    assert result.average_rps == pytest.approx(1157.407, rel=1e-4)
    assert result.peak_rps == pytest.approx(2314.815, rel=1e-4)
    assert result.write_rps == pytest.approx(105.22, rel=1e-3)
    assert result.read_rps == pytest.approx(1052.19, rel=1e-3)
    assert result.storage_per_day == pytest.approx(9.0909e9, rel=1e-4)
    assert calc.human_bytes(result.storage_per_year) == "3.32 TB"
    assert calc.human_bytes(result.storage_total) == "16.6 TB"
    assert calc.human_bytes(result.egress_per_second) == "1.05 MB"


def test_an_estimate_refuses_negative_inputs_and_a_peak_below_average():
    with pytest.raises(ValueError, match="cannot be negative"):
        calc.estimate(
            daily_active_users=-1, requests_per_user=1, read_write_ratio=1, object_size_bytes=1, retention_years=1
        )
    with pytest.raises(ValueError, match="peak factor"):
        calc.estimate(
            daily_active_users=1,
            requests_per_user=1,
            read_write_ratio=1,
            object_size_bytes=1,
            retention_years=1,
            peak_factor=0.5,
        )


def test_sizes_convert_between_decimal_and_binary_units():
    sizes = calc.convert_size(1, "GiB")
    assert sizes["B"] == 1_073_741_824
    assert sizes["MiB"] == 1024
    assert sizes["GB"] == pytest.approx(1.073741824)
    assert calc.convert_size(1, "TB")["GiB"] == pytest.approx(931.32, abs=0.01)


def test_significant_figures_read_naturally():
    assert calc.significant(1234.5) == "1,230"
    assert calc.significant(0.011574) == "0.0116"
    assert calc.significant(100_000_000) == "100,000,000"
    assert calc.significant(2.5) == "2.5"


def test_the_powers_of_two_table_is_exact():
    table = {power: exact for power, exact, _, _ in calc.POWERS_OF_TWO}
    assert table[10] == 1024
    assert table[32] == 4_294_967_296
    assert table[40] == 1_099_511_627_776


def test_the_latency_scale_is_logarithmic_and_ordered():
    rows = calc.latency_scale()
    assert rows[0]["label"] == "L1 cache reference"
    assert rows[0]["fraction"] == pytest.approx(0.02)
    assert rows[-1]["fraction"] == pytest.approx(1.0)
    assert [row["ns"] for row in rows] == sorted(row["ns"] for row in rows)
    memory = next(row for row in rows if row["label"] == "Main memory reference")
    assert memory["times_l1"] == "200"
    assert memory["text"] == "100 ns"
