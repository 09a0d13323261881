"""The calculators against figures worked out by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest

from reference import calculators as calc
from reference.calculators import TIMES_TEN_TO


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


def test_components_in_sequence_multiply_exactly():
    # 0.999 * 0.9995 = 0.9985005
    assert calc.in_sequence([99.9, 99.95]) == Fraction("99.85005")
    assert calc.format_percent(calc.in_sequence([99.9, 99.95])) == "99.85005%"


def test_components_in_parallel_fail_only_together():
    # 1 - 0.001 * 0.001 = 0.999999
    assert calc.in_parallel([99.9, 99.9]) == Fraction("99.9999")
    assert calc.format_percent(calc.in_parallel([99.9, 99.9])) == "99.9999%"
    assert calc.count_nines(calc.in_parallel([99.9, 99.9])) == 6


def test_three_four_nines_components_in_parallel_are_not_rounded_up_to_a_hundred():
    # 1 - (0.0001)^3 = 1 - 1e-12: twelve nines, which a float rounded to 6 places showed as 100.000000%
    combined = calc.in_parallel([Decimal("99.99")] * 3)
    assert combined < 100
    assert calc.format_percent(combined) == "99.9999999999%"
    assert calc.count_nines(combined) == 12


def test_redundancy_beyond_what_digits_can_show_is_cut_down_and_marked():
    # 1 - (1e-5)^5 = 1 - 1e-25: a float says exactly 1.0
    combined = calc.in_parallel([99.999] * 5)
    assert combined < 100
    assert calc.format_percent(combined) == "99.999999999999…%"
    assert calc.count_nines(combined) == 25


def test_a_long_product_is_cut_down_never_up():
    # 0.99999^20 = 0.99980001899...: three significant digits of the downtime, truncated
    assert calc.format_percent(calc.in_sequence([99.999] * 20)) == "99.9800%"
    assert calc.format_percent(Fraction(999_999_999, 10_000_000)) == "99.9999999%"
    assert calc.format_percent(Fraction(1) * 100 - Fraction(1, 10**30)) == "99.999999999999…%"


def test_whole_and_empty_availabilities_read_plainly():
    assert calc.format_percent(100) == "100%"
    assert calc.format_percent(0) == "0%"
    assert calc.format_percent(99.95) == "99.95%"
    assert calc.count_nines(100) is None
    assert calc.count_nines(99.95) == 3
    assert calc.count_nines(50) == 0


def test_a_tiny_or_no_downtime_reads_as_such():
    assert calc.format_duration(0) == "none"
    assert calc.format_duration(3e-8) == "less than 1 µs"


def test_availability_outside_zero_to_a_hundred_is_refused():
    with pytest.raises(ValueError, match="between 0 and 100"):
        calc.downtime(101)


def test_a_worked_estimate():
    # 10M users x 10 requests = 100M requests/day = 1,157.4/s; reads:writes 10:1
    # writes = 100M/11 = 9.09M/day of 1 KB = 9.09 GB/day = 3.32 TB/year; 5 years = 16.6 TB
    reads, writes = calc.split_by_ratio(10, 10, 1)
    result = calc.estimate(
        daily_active_users=10_000_000,
        reads_per_user=reads,
        writes_per_user=writes,
        write_size_bytes=1_000,
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


def test_a_ratio_splits_the_requests():
    assert calc.split_by_ratio(10, 4, 1) == pytest.approx((8, 2))
    assert calc.split_by_ratio(10, 0, 1) == (0, 10)  # all writes
    assert calc.split_by_ratio(10, 1, 0) == (10, 0)  # all reads
    with pytest.raises(ValueError, match="0:0"):
        calc.split_by_ratio(10, 0, 0)


def test_separate_reads_and_writes_with_their_own_sizes():
    # 1M users; each reads 100 objects of 200 KB and writes 2 of 1 MB a day
    # reads: 100M/day = 1,157.4/s x 200 KB = 231.5 MB/s out; writes: 2M/day = 23.15/s x 1 MB = 23.1 MB/s in
    # storage: 2M x 1 MB = 2 TB/day, 730 TB/year, 2.19 PB over 3 years
    result = calc.estimate(
        daily_active_users=1_000_000,
        reads_per_user=100,
        writes_per_user=2,
        write_size_bytes=1_000_000,
        read_size_bytes=200_000,
        retention_years=3,
        peak_factor=3,
    )
    assert result.reads_per_day == 100_000_000
    assert result.writes_per_day == 2_000_000
    assert result.read_rps == pytest.approx(1157.407, rel=1e-4)
    assert result.peak_read_rps == pytest.approx(3472.22, rel=1e-4)
    assert result.write_rps == pytest.approx(23.148, rel=1e-4)
    assert result.peak_write_rps == pytest.approx(69.444, rel=1e-4)
    assert calc.human_bytes(result.egress_per_second) == "231 MB"
    assert calc.human_bytes(result.peak_egress_per_second) == "694 MB"
    assert calc.human_bytes(result.ingress_per_second) == "23.1 MB"
    assert calc.human_bytes(result.storage_per_day) == "2 TB"
    assert calc.human_bytes(result.storage_per_year) == "730 TB"
    assert calc.human_bytes(result.storage_total) == "2.19 PB"


def test_reads_return_what_was_written_unless_told_otherwise():
    result = calc.estimate(
        daily_active_users=86_400, reads_per_user=1, writes_per_user=1, write_size_bytes=500, retention_years=1
    )
    assert result.egress_per_second == result.ingress_per_second == 500


def test_an_estimate_refuses_negative_inputs_and_a_peak_below_average():
    with pytest.raises(ValueError, match="cannot be negative"):
        calc.estimate(daily_active_users=-1, reads_per_user=1, writes_per_user=1, write_size_bytes=1, retention_years=1)
    with pytest.raises(ValueError, match="peak factor"):
        calc.estimate(
            daily_active_users=1,
            reads_per_user=1,
            writes_per_user=1,
            write_size_bytes=1,
            retention_years=1,
            peak_factor=0.5,
        )


def test_sizes_convert_between_decimal_and_binary_units_exactly():
    sizes = calc.convert_size(1, "GiB")
    assert sizes["B"] == 1_073_741_824
    assert sizes["MiB"] == 1024
    assert sizes["GB"] == Fraction(1_073_741_824, 10**9)
    assert calc.convert_size(1, "TB")["GiB"] == pytest.approx(931.32, abs=0.01)
    assert calc.convert_size(Decimal("0.1"), "GiB")["B"] == Fraction("107374182.4")  # not 0.1 as a float


def test_exact_sizes_are_shown_in_full_and_only_the_rest_rounded():
    sizes = {unit: calc.format_exact(value) for unit, value in calc.convert_size(1, "GiB").items()}
    assert sizes["B"] == "1,073,741,824"  # not 1,074,000,000
    assert sizes["KiB"] == "1,048,576"
    assert sizes["GiB"] == "1"
    assert sizes["KB"] == "1,073,741.824"  # a short decimal is exact too
    assert sizes["MB"] == "≈1,074"
    assert sizes["GB"] == "≈1.074"
    assert sizes["EiB"] == f"≈9.313{TIMES_TEN_TO}⁻¹⁰"
    assert calc.format_exact(2**64) == "18,446,744,073,709,551,616"
    assert calc.format_exact(Fraction(1, 10**12)) == f"1{TIMES_TEN_TO}⁻¹²"  # exact, if small


def test_rounding_never_drops_digits_before_the_point():
    assert calc.format_exact(calc.convert_size(1, "TB")["MiB"]) == "≈953,674"  # 953,674.316...
    assert calc.format_exact(Decimal("0.99999")) == "≈1.000"


def test_significant_figures_read_naturally():
    assert calc.significant(1234.5) == "1,230"
    assert calc.significant(0.011574) == "0.0116"
    assert calc.significant(100_000_000) == "100,000,000"
    assert calc.significant(2.5) == "2.5"
    assert calc.significant(1.157e-20) == f"1.16{TIMES_TEN_TO}⁻²⁰"


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
