"""Number parsing (ingest/extract/numbers.py): every written form of a number, and what is not one."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.numbers import magnitude_suffix, parse_number, parse_range


@pytest.mark.parametrize("written, value", [
    # Arabic, with thousands separators, full-width digits and decimals
    ("243859", 243859),
    ("1,600", 1600),
    ("12,345,678", 12345678),
    ("１５", 15),
    ("３．５", 3.5),
    ("0.01", 0.01),
    ("3.5", 3.5),
    # Chinese numerals
    ("一", 1),
    ("两", 2),
    ("兩", 2),
    ("十", 10),
    ("十二", 12),
    ("一十二", 12),
    ("二十", 20),
    ("四十三", 43),
    ("廿", 20),
    ("廿七", 27),
    ("卅", 30),
    ("一百零五", 105),
    ("一千零一", 1001),
    ("两千", 2000),
    ("两百五", 250),
    ("三千五", 3500),
    ("一万二", 12000),
    ("一万二千五", 12500),
    ("十万", 100000),
    ("一亿二千万", 120_000_000),
    ("三万亿", 3_000_000_000_000),
    ("三点五", 3.5),
    ("三点五万", 35000),
    ("二〇二二", 2022),  # digits read one by one, as in years
    ("一一〇", 110),
    ("零", 0),
    # a bare magnitude reads as one of it (百余名, 千余人, 万余人次)
    ("百", 100),
    ("千", 1000),
    ("万", 10000),
    ("千万", 10_000_000),
    # mixed Arabic and Chinese magnitudes, Simplified and Traditional
    ("3.5万", 35000),
    ("3.5萬", 35000),
    ("30万", 300000),
    ("45万", 450000),
    ("1.2亿", 120_000_000),
    ("1.2億", 120_000_000),
    ("3千", 3000),
    ("3万5千", 35000),
    ("１５万", 150000),
])
def test_parse_number(written, value):
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written", [
    "", " ", "abc", "人", "三四",  # two bare digits are a range (三四百), not 34
    "十四五",  # a plan's name, not a number
    "十百", "百百", "万万", "亿万", "1,60", "9,8", "零下", "3..5", "第二", "一二三人",
])
def test_parse_number_rejects_what_is_not_a_numeral(written):
    assert parse_number(written) is None


@pytest.mark.parametrize("written, low, high", [
    ("五至六百", 500, 600),  # the high end's multiplier carries over
    ("3-5", 3, 5),
    ("3～5", 3, 5),
    ("3到5", 3, 5),
    ("10至20万", 100_000, 200_000),
    ("3万至5万", 30_000, 50_000),
    ("五至二十", 5, 20),  # 5 × 10 would exceed 20: no carrying over
    ("三四百", 300, 400),
    ("三四万", 30_000, 40_000),
    ("十五六", 15, 16),
    ("二十七八", 27, 28),
    ("两三", 2, 3),
    ("一两", 1, 2),
    ("三五", 3, 5),
    ("七八", 7, 8),
])
def test_parse_range(written, low, high):
    assert parse_range(written) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("written", ["5-3", "2022-06", "三", "一五", "五四", "三九", "3-", "-5", "至五"])
def test_parse_range_rejects_non_ranges(written):
    assert parse_range(written) is None


@pytest.mark.parametrize("written, scale", [
    ("六百", 100), ("20万", 10_000), ("三千万", 10_000_000), ("5", 1), ("十五", 1), ("万", 1),
])
def test_magnitude_suffix(written, scale):
    assert magnitude_suffix(written) == scale


@settings(max_examples=400)
@given(st.text(alphabet="0123456789,.一二三四五六七八九十百千万亿两零廿点至-余", max_size=12))
def test_parsing_never_raises_on_numeral_soup(s):
    v = parse_number(s)
    assert v is None or isinstance(v, float)
    r = parse_range(s)
    assert r is None or r[0] < r[1]


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_round_trip(n):
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@pytest.mark.parametrize("written, value", [
    ("14 258", 14258),  # thousands grouped by a space (Hong Kong, Taiwan)
    ("1\u00a0378", 1378),  # … or a no-break space
    ("3万6千", 36000),  # Arabic digits going on after 万
    ("9万1811", 91811),  # … or the digits below 万 (Taiwan, Hong Kong): not 一万二's shorthand
    ("126万6727", 1266727),
    ("3万5", 35000),  # one digit after 万 is still the shorthand
])
def test_held_out_written_forms(written, value):
    assert parse_number(written) == value


def test_space_grouping_needs_groups_of_three():
    assert parse_number("2125 1111") is None
