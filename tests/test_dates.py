"""Pin the date rules on small Chinese strings: years from the text, the article or nowhere."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extract.dates import (_extract, carry_article_year, extract_dates, iso_date, opening_stamp, parse_published,
                                  period_bounds, timeline_day, written_out_date)


def rows(text: str, published: str | None = None):
    return [(d.surface, d.start, d.end, d.year, d.month, d.day, d.year_source) for d in extract_dates(text, published)]


def test_month_day_without_year_and_undated_article():
    assert rows("3月23日，医疗队启程。") == [("3月23日", 0, 5, None, 3, 23, None)]


def test_month_day_takes_the_articles_year():
    assert rows("3月23日，医疗队启程。", "2022-06-07") == [("3月23日", 0, 5, 2022, 3, 23, "published")]


def test_year_and_month_without_day():
    assert rows("2022年4月，疫情反弹。", "2021-01-01") == [("2022年4月", 0, 7, 2022, 4, None, "text")]


def test_full_date_with_year_in_text():
    assert rows("于2021年12月28日召开") == [("2021年12月28日", 1, 12, 2021, 12, 28, "text")]


def test_range_gives_two_rows():
    assert rows("自4月23日至6月6日，共完成检测。", "2022-06-07") == [
        ("4月23日", 1, 6, 2022, 4, 23, "published"),
        ("6月6日", 7, 11, 2022, 6, 6, "published"),
    ]


def test_range_within_one_month():
    assert rows("4月23日至25日") == [("4月23日", 0, 5, None, 4, 23, None), ("25日", 6, 9, None, 4, 25, None)]


def test_range_across_years():
    assert rows("2021年12月28日至2022年1月3日") == [
        ("2021年12月28日", 0, 11, 2021, 12, 28, "text"),
        ("2022年1月3日", 12, 21, 2022, 1, 3, "text"),
    ]


def test_iso_date():
    assert rows("发布时间:2022-06-07 11:22:27") == [("2022-06-07", 5, 15, 2022, 6, 7, "text")]


def test_chinese_numerals():
    assert rows("二〇二二年三月十三日") == [("二〇二二年三月十三日", 0, 10, 2022, 3, 13, "text")]
    assert rows("三月十三日", "2020-05-01") == [("三月十三日", 0, 5, 2020, 3, 13, "published")]


def test_relative_words_resolved_against_published_date():
    assert rows("今年以来，与去年同期相比，昨日新增病例", "2022-06-07") == [
        ("今年", 0, 2, 2022, None, None, "relative"),
        ("去年", 6, 8, 2021, None, None, "relative"),
        ("昨日", 13, 15, 2022, 6, 6, "relative"),
    ]


def test_relative_day_crosses_year_end():
    assert rows("昨天下午", "2022-01-01") == [("昨天", 0, 2, 2021, 12, 31, "relative")]


def test_relative_words_skipped_when_article_is_undated():
    assert rows("今年以来，昨天，前天") == []


def test_relative_year_before_month():
    assert rows("今年3月5日", "2022-06-07") == [("今年3月5日", 0, 6, 2022, 3, 5, "relative")]
    assert rows("今年3月5日") == [("3月5日", 2, 6, None, 3, 5, None)]


def test_lunar_dates_are_left_out():
    assert rows("卫健系统全体人员从腊月廿七开始，大年三十前一天，除夕当日", "2020-02-01") == []


def test_durations_measures_and_clock_times_are_not_dates():
    assert rows("手机24小时开机，保持2米距离，11:22:27发布，3个月", "2022-06-07") == []


def test_invalid_dates_are_dropped():
    assert rows("2月30日，13月5日") == []


def test_month_only():
    assert rows("4月以来，5月份") == [("4月", 0, 2, None, 4, None, None), ("5月份", 5, 8, None, 5, None, None)]


def test_bad_published_date_is_ignored():
    assert rows("3月23日", "not a date") == [("3月23日", 0, 5, None, 3, 23, None)]


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(st.sampled_from(list("0123456789年月日号至到-/.:今去昨前天一二三十〇份 腊除夕")), max_size=40),
                      st.text(max_size=40)),
       published=st.one_of(st.none(), st.dates().map(str), st.text(max_size=12)))
def test_random_text_never_raises_and_offsets_hold(text, published):
    for d in _extract(text, published):  # the inner function: an exception here is a real bug
        assert text[d.start:d.end] == d.surface
        assert 0 <= d.start < d.end <= len(text)
        assert d.month is None or 1 <= d.month <= 12
        assert (d.year is None) == (d.year_source is None)


def test_months_of_age_are_no_month():
    assert rows("6月龄至5岁儿童", "2023-01-01") == []
    assert rows("3月大的婴儿") == []
    assert rows("6月中旬", "2023-01-01") == [("6月", 0, 2, 2023, 6, None, "published")]


def test_taiwan_bracketed_day_takes_month_from_the_article():
    assert rows("疾管署今（14）日公布，昨（13）日新增", "2023-09-14") == [
        ("今（14）日", 3, 9, 2023, 9, 14, "relative"), ("昨（13）日", 12, 18, 2023, 9, 13, "relative")]
    # a page dated the day after still finds the 14th
    assert rows("今（14）日公布", "2023-09-15") == [("今（14）日", 0, 6, 2023, 9, 14, "relative")]
    assert rows("今（14）日公布") == []  # undated article: no month to give it


def test_iso_date_gives_as_much_of_the_date_as_is_known_with_a_year():
    assert iso_date(2022, 4, 3) == "2022-04-03"
    assert iso_date(2022, 4, None) == "2022-04"
    assert iso_date(2022, None, None) is None
    assert iso_date(None, 4, 3) is None
    assert [d.iso_date for d in extract_dates("2022年4月23日。5月、2023年和6月1日")] == [
        "2022-04-23", None, None, None]


def test_timeline_day_is_the_publication_date_else_the_first_full_date_the_text_writes():
    dates = extract_dates("2022年5月3日复查，2022年4月23日首诊，4月1日入院，2021年底")
    assert timeline_day("2022-06-07", dates) == ("2022-06-07", "publication date")
    assert timeline_day(None, dates) == ("2022-04-23", "first dated event")
    assert timeline_day(None, extract_dates("4月1日入院，2021年底")) == (None, None)  # no year, or no day


def test_period_bounds_are_the_first_and_last_dated_ends_of_the_period_text():
    text = "自2022年4月23日至6月6日，共采样45万人次"
    dates = extract_dates(text)
    assert period_bounds("2022年4月23日至6月6日", dates) == ("2022-04-23", "2022-06-06")
    assert period_bounds("6月6日至今", dates) == ("2022-06-06", "2022-06-06")
    assert period_bounds("今年以来", dates) == (None, None)
    assert period_bounds(None, dates) == (None, None)


def test_parse_published():
    assert parse_published("2022-06-07 11:22:27") == ("2022-06-07", "11:22:27")
    assert parse_published("2021年3月5日") == ("2021-03-05", None)
    assert parse_published("2021-13-05") == (None, None)


def test_range_whose_first_end_leaves_out_its_day_mark():
    assert rows("6月23至25日,召开", "2022-06-27") == [
        ("6月23", 0, 4, 2022, 6, 23, "published"), ("25日", 5, 8, 2022, 6, 25, "published")]


def test_days_listed_after_a_date_share_its_month():
    assert rows("10月17日、18日,分别召开", "2024-10-19") == [
        ("10月17日", 0, 6, 2024, 10, 17, "published"), ("18日", 7, 10, 2024, 10, 18, "published")]
    assert [d.day for d in extract_dates("5月1日、2日和3日")] == [1, 2, 3]


def test_yuanyue_is_january_and_spaces_inside_a_date():
    assert rows("元月9日") == [("元月9日", 0, 4, None, 1, 9, None)]
    assert rows("2022 年 5 月 17 日是") == [("2022 年 5 月 17 日", 0, 15, 2022, 5, 17, "text")]


def test_taiwan_years_count_from_1912():
    assert rows("截至113年11月18日,已有") == [("113年11月18日", 2, 12, 2024, 11, 18, "text")]


def test_a_bare_day_takes_the_month_named_before_else_the_nearest_to_the_article_date():
    assert rows("介绍,14日0时至24时,新增", "2020-06-15") == [("14日", 3, 6, 2020, 6, 14, "published")]
    assert rows("华联会29日宣布", "2023-05-02") == [("29日", 3, 6, 2023, 4, 29, "published")]
    assert rows("3月5日开幕,7日闭幕") == [("3月5日", 0, 4, None, 3, 5, None), ("7日", 7, 9, None, 3, 7, None)]
    # across a sentence, a later day of the month the paragraph named (the story goes on); not an earlier one
    assert rows("3月5日开幕。7日闭幕") == [("3月5日", 0, 4, None, 3, 5, None), ("7日", 7, 9, None, 3, 7, None)]
    assert rows("3月5日开幕。2日闭幕") == [("3月5日", 0, 4, None, 3, 5, None)]
    # durations, ordinals, house numbers and undated articles give no day
    assert rows("3日内完成,第3日,14号楼,每月14日前", "2020-06-15") == []
    assert rows("14日0时起") == []


def test_an_undated_article_carries_a_year_only_within_its_sentence():
    assert [(d.surface, d.year, d.year_source, d.iso_date) for d in extract_dates("2019年1月至11月,全国")] == [
        ("2019年1月", 2019, "text", "2019-01"), ("11月", 2019, "text", "2019-11")]
    assert [d.year for d in extract_dates("1960年1月，雷锋入伍，同年11月入党。")] == [1960, 1960]
    # another sentence, a year-only mention, or a word naming another year: no year is guessed
    assert [d.year for d in extract_dates("2020年12月31日开幕。2月闭幕")] == [2020, None]
    assert [d.year for d in extract_dates("2022年徐州市召开,4月22日举办")] == [2022, None]
    assert [d.year for d in extract_dates("2024年6月末,较上年6月增长")] == [2024, None]
    # a dated article goes by its own date
    assert [d.year for d in extract_dates("2019年1月至11月", "2020-01-05")] == [2019, 2019]


def test_relative_months_resolved_against_the_published_date():
    assert rows("上月新增病例,本月5日起,下个月将", "2022-01-10") == [
        ("上月", 0, 2, 2021, 12, None, "relative"), ("本月5日", 7, 11, 2022, 1, 5, "relative"),
        ("下个月", 13, 16, 2022, 2, None, "relative")]
    assert rows("上月新增病例") == []  # undated article


def _article_dates(paragraphs: list[str]):
    """Dates of an undated article's paragraphs after the article's year is carried."""
    dates = []
    for seq, text in enumerate(paragraphs):
        for d in extract_dates(text):
            d.paragraph_seq = seq
            dates.append(d)
    carry_article_year(dates, dict(enumerate(paragraphs)))
    return [(d.paragraph_seq, d.surface, d.year, d.month, d.day, d.year_source, d.year_carried) for d in dates]


def test_an_undated_article_that_writes_one_year_gives_it_to_its_dates_without_one():
    assert _article_dates(["12月1日,我县开展2025年“世界艾滋病日”宣传活动。", "活动于3日结束。"]) == [
        (0, "12月1日", 2025, 12, 1, "text", True), (0, "2025年", 2025, None, None, "text", False)]
    assert _article_dates(["4月3日,活动开始。", "桠溪镇2018年健康教育活动4月2日开始,截止4月4日。"]) == [
        (0, "4月3日", 2018, 4, 3, "text", True), (1, "2018年", 2018, None, None, "text", False),
        (1, "4月2日", 2018, 4, 2, "text", True), (1, "4月4日", 2018, 4, 4, "text", True)]


def test_an_undated_article_with_several_years_or_a_word_naming_another_year_guesses_none():
    assert [d[2] for d in _article_dates(["3月5日开盘。", "2017年11月8日公告。", "2018年10月19日公告。"])] == [
        None, 2017, 2018]
    assert [d[2] for d in _article_dates(["2025年4月开展活动。", "去年4月22日举办。"])] == [2025, None]
    assert [d[2] for d in _article_dates(["3月5日开幕。"])] == [None]  # no year written at all


def test_a_date_across_a_new_year_from_the_article_date_is_of_the_nearer_year():
    assert rows("12月30日，警方公布", "2021-01-02") == [("12月30日", 0, 6, 2020, 12, 30, "published")]
    assert rows("将于1月3日举行", "2022-12-28") == [("1月3日", 2, 6, 2023, 1, 3, "published")]
    assert rows("下半年8月15日开始", "2023-01-18") == [("8月15日", 3, 8, 2023, 8, 15, "published")]


def test_a_range_into_an_earlier_month_runs_into_the_next_year():
    assert rows("2021年12月28日至1月3日") == [
        ("2021年12月28日", 0, 11, 2021, 12, 28, "text"), ("1月3日", 12, 16, 2022, 1, 3, "text")]
    assert [d.year for d in extract_dates("12月28日至1月3日", "2023-01-05")] == [2022, 2023]


def test_relative_words_inside_other_words_or_figures_of_speech_are_no_dates():
    assert rows("目前年均收入,以前年度,当前天然气,数百年前天津,光明日报社,今日头条", "2025-12-03") == []
    assert rows("美好的明天,中国的昨天,《今日中国》,《明天会更好》", "2025-12-03") == []
    assert rows("前天申城气温高达36℃", "2003-07-02") == [("前天", 0, 2, 2003, 6, 30, "relative")]


def test_evening_and_morning_words_are_relative_days():
    assert rows("昨晚举行,今晨登陆,明晚揭晓", "2025-12-03") == [
        ("昨晚", 0, 2, 2025, 12, 2, "relative"), ("今晨", 5, 7, 2025, 12, 3, "relative"),
        ("明晚", 10, 12, 2025, 12, 4, "relative")]


def test_a_week_word_with_its_weekday_is_a_day_of_that_week():
    # 2025-12-03 is a Wednesday; weeks run Monday to Sunday
    assert rows("上周五，市卫健委", "2025-12-03") == [("上周五", 0, 3, 2025, 11, 28, "relative")]
    assert rows("上星期日", "2025-12-03") == [("上星期日", 0, 4, 2025, 11, 30, "relative")]
    assert rows("本周六启动,下周一开学", "2025-12-03") == [
        ("本周六", 0, 3, 2025, 12, 6, "relative"), ("下周一", 6, 9, 2025, 12, 8, "relative")]
    assert rows("上周,上周一度涨至", "2025-12-03") == []  # a week, and 一度 (once)
    assert rows("上周五") == []  # undated article


def test_a_bare_day_opens_a_range_or_a_list_and_since_looks_back():
    assert rows("22日-29日举行", "2025-12-03") == [
        ("22日", 0, 3, 2025, 11, 22, "published"), ("29日", 4, 7, 2025, 11, 29, "published")]
    assert rows("自15日以来", "2025-12-03") == [("15日", 1, 4, 2025, 11, 15, "published")]
    assert rows("李克强29日以视频方式出席", "2025-12-03") == [("29日", 3, 6, 2025, 11, 29, "published")]
    assert rows("30日以上,3日以内", "2025-12-03") == []


def test_days_listed_before_their_day_mark():
    assert rows("11月29、30日") == [("11月29", 0, 5, None, 11, 29, None), ("30日", 6, 9, None, 11, 30, None)]
    assert [(d.surface, d.day) for d in extract_dates("5月1、2、3日放假")] == [("5月1", 1), ("2", 2), ("3日", 3)]


def test_slash_and_dot_dates_only_where_the_page_makes_them_dates():
    assert rows("上周(6/9至6/15)全台", "2024-06-18") == [
        ("6/9", 3, 6, 2024, 6, 9, "published"), ("6/15", 7, 11, 2024, 6, 15, "published")]
    assert rows("疾管署今(6/18)公布", "2024-06-18") == [("6/18", 5, 9, 2024, 6, 18, "published")]
    assert rows("11.29(周六)活动", "2025-12-03") == [("11.29", 0, 5, 2025, 11, 29, "published")]
    assert rows("11/29（星期六）") == [("11/29", 0, 5, None, 11, 29, None)]
    # fractions and numbers
    assert rows("约为去年同期的1/5～1/6,占(1/3),第一批(1/3),增长11.29", "2025-12-03") == [
        ("去年", 2, 4, 2024, None, None, "relative")]


def test_taiwan_years_named_minguo():
    assert rows("民国114年11月29日") == [("民国114年11月29日", 0, 12, 2025, 11, 29, "text")]
    assert rows("民国114年") == [("民国114年", 0, 6, 2025, None, None, "text")]
    assert rows("民国38年5月") == [("民国38年5月", 0, 7, 1949, 5, None, "text")]


def test_no_dates_in_phone_numbers_versions_statute_numbers_or_scores():
    assert rows("电话:0755-2025-11-29,V2025.1.3版,国卫办〔2023〕1号,比分3:1,11-29", "2025-12-03") == []
    assert rows("2025.11.29,2025/11/29") == [
        ("2025.11.29", 0, 10, 2025, 11, 29, "text"), ("2025/11/29", 11, 21, 2025, 11, 29, "text")]


def test_weekday_after_a_date_and_chinese_numeral_dates():
    assert rows("11月29日(星期六)", "2025-12-03") == [("11月29日", 0, 6, 2025, 11, 29, "published")]
    assert rows("2025年4月22日—29日") == [("2025年4月22日", 0, 10, 2025, 4, 22, "text"), ("29日", 11, 14, 2025, 4, 29, "text")]
    assert rows("新华社北京11月29日电", "2025-12-03") == [("11月29日", 5, 11, 2025, 11, 29, "published")]


def test_parse_published_reads_taiwan_years_in_a_metadata_value():
    assert parse_published("111年3月8日 15:24") == ("2022-03-08", "15:24")
    assert parse_published("111-03-08") == ("2022-03-08", None)
    assert parse_published("06-2991111") == (None, None)


def test_parse_published_reads_a_day_first_date_with_dots():
    assert parse_published("26.02.2018 15:54") == ("2018-02-26", "15:54")
    assert parse_published("2018.02.26") == ("2018-02-26", None)
    assert parse_published("版本1.10.2020.3") == (None, None)  # a version number, not a date
    assert parse_published("32.13.2020") == (None, None)


def test_a_year_written_alone_as_a_target_or_a_bound_is_not_the_articles_year():
    assert [d[2] for d in _article_dates(["3月5日召开会议。", "到2030年，建成健康城市。"])] == [None, 2030]
    assert [d[2] for d in _article_dates(["3月5日召开会议。", "1949年以来，变化巨大。"])] == [None, 1949]
    # a year that heads an event still counts, and a target beside it does not block it
    assert [d[2] for d in _article_dates(["3月5日,举办2025年健康大讲堂。", "到2030年，建成健康城市。"])] == [
        2025, 2025, 2030]


def test_a_dated_article_carries_a_year_of_history_within_its_sentence_only():
    assert [(d.surface, d.year, d.year_source) for d in extract_dates("1960年1月，雷锋入伍，同年11月入党。", "2021-05-27")] == [
        ("1960年1月", 1960, "text"), ("11月", 1960, "text")]
    assert [d.year for d in extract_dates("1934年11月9日被捕，11月24日被杀害。12月1日", "2021-05-18")] == [1934, 1934, 2021]
    # a recent year is the run-up to the article's date
    assert [d.year for d in extract_dates("自2022年12月7日以来，截至1月4日", "2023-01-06")] == [2022, 2023]


def test_twenty_and_thirty_written_as_nian_and_sa():
    assert rows("十一月廿九日", "2025-12-03") == [("十一月廿九日", 0, 6, 2025, 11, 29, "published")]
    assert rows("十一月卅日") == [("十一月卅日", 0, 5, None, 11, 30, None)]
    assert rows("腊月廿七,正月廿七", "2025-12-03") == []  # lunar months stay out


def test_the_first_month_of_a_range_may_leave_out_its_month_mark():
    assert rows("2024年1—9月,全国") == [("2024年1", 0, 6, 2024, 1, None, "text"), ("9月", 7, 9, 2024, 9, None, "text")]
    assert [(d.surface, d.year, d.month) for d in extract_dates("1-2月份", "2025-12-03")] == [("1", 2025, 1), ("2月", 2025, 2)]
    assert rows("6-12月龄儿童,3-6月大的婴儿", "2025-12-03") == []  # ages


def test_a_relative_month_opens_a_range_or_a_list_in_its_month():
    assert rows("本月29日至30日", "2025-12-03") == [
        ("本月29日", 0, 5, 2025, 12, 29, "relative"), ("30日", 6, 9, 2025, 12, 30, "relative")]
    assert [(d.month, d.day) for d in extract_dates("本月4日和7日，美联航", "2024-03-30")] == [(3, 4), (3, 7)]
    assert rows("连续3日降低,近3日新增", "2025-12-03") == []  # durations


def test_period_bounds_leave_out_a_bare_number_that_cannot_be_placed_by_its_text():
    text = "1—9月，全国增长3.5%，较2024年3月15日"
    assert period_bounds("1—9月", extract_dates(text, "2025-10-20")) == ("2025-09", "2025-09")
    assert period_bounds("2024年1—9月", extract_dates("2024年1—9月，全国")) == ("2024-01", "2024-09")


def test_taiwan_years_in_brackets_inside_a_relative_year():
    assert rows("今(113)年7月20日") == [("今(113)年7月20日", 0, 12, 2024, 7, 20, "text")]
    assert rows("去（2023）年底") == [("去（2023）年", 0, 8, 2023, None, None, "text")]
    # `今(113)年度` says the year written is the article's own, so its other dates take it
    assert _article_dates(["今(113)年度健康检查开始。", "时间为7月20日至21日。"]) == [
        (0, "今(113)年", 2024, None, None, "text", False), (1, "7月20日", 2024, 7, 20, "text", True),
        (1, "21日", 2024, 7, 21, "text", True)]


def test_a_date_after_from_now_until_is_not_before_the_article_date():
    assert rows("由即日起至2月28日", "2025-12-14") == [("2月28日", 5, 10, 2026, 2, 28, "published")]
    assert rows("即日起至12月31日", "2025-12-14") == [("12月31日", 4, 10, 2025, 12, 31, "published")]
    assert rows("2月28日截止", "2025-12-14") == [("2月28日", 0, 5, 2025, 2, 28, "published")]


def test_a_date_stamp_standing_alone_before_the_first_sentence():
    assert opening_stamp("字 小 大 嚴防骨痛熱症 2017年6月10日460369460369 蘇巴馬念派發粥食給民眾。") == "2017年6月10日"
    assert opening_stamp("主页 2021/5/30 社区筛检站设置补助上路") == "2021/5/30"
    assert opening_stamp("2017年6月10日，会议召开。") is None  # a sentence's date
    assert opening_stamp("他说。2017-06-10 更多") is None  # after the first sentence


def test_a_template_that_prints_month_for_year():
    assert parse_published("2019 月 01 月 03 日") == ("2019-01-03", None)


def test_a_relative_day_with_its_day_in_brackets_opens_a_range():
    assert rows("昨天(1)起到7号,全市医院开放", "2019-09-02") == [
        ("昨天(1)", 0, 5, 2019, 9, 1, "relative"), ("7号", 7, 9, 2019, 9, 7, "relative")]
    assert [(d.surface, d.day) for d in extract_dates("3月1日起至5日开展", "2020-03-01")] == [("3月1日", 1), ("5日", 5)]


def test_a_two_digit_year_is_read_by_the_weekday_written_after_it():
    assert [(d.surface, d.year) for d in extract_dates("1.96年10月22日(一)9:00")] == [("96年10月22日", 2007)]
    assert [(d.surface, d.year) for d in extract_dates("96年10月22日(二)")] == [("96年10月22日", 1996)]
    assert [d.year for d in extract_dates("96年10月22日(五)")] == [None]  # no weekday fits: no year


def test_a_line_that_is_only_a_date_in_chinese_numerals():
    assert written_out_date("二〇二三年十二月三十一日") == "2023-12-31"
    assert written_out_date("二○二三年五月六日") == "2023-05-06"  # a circle for the zero
    assert written_out_date("二〇二三年二月三十日") is None  # no such day
    assert written_out_date("他说二〇二三年五月六日") is None  # a sentence's date


def test_a_range_of_numeric_dates_and_three_days_ago():
    assert [(d.surface, d.day) for d in extract_dates("2023.5.1-2023.5.5")] == [("2023.5.1", 1), ("2023.5.5", 5)]
    assert [(d.surface, d.day) for d in extract_dates("2023-05-01至2023-05-05")] == [("2023-05-01", 1), ("2023-05-05", 5)]
    assert [(d.surface, d.day) for d in extract_dates("大前天", "2023-05-10")] == [("大前天", 7)]
