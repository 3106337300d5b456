"""Dates written in a paragraph, with the year filled from the text or the article's date.

Covers `2022年4月23日`, `3月23日`/`3月23号`, `2022年4月` (day None), `4月`/`4月份` (day None), `元月9日`,
`2022年` (year only), `2022-06-07` / `2022/6/7` / `2022.6.7`, Chinese numerals (`三月十三日`,
`二〇二二年`), Taiwan's years (`113年10月1日` is 2024, `今(113)年` too), ranges (`4月23日至6月6日`, `4月23日至25日`,
`6月23至25日`: one row per end), lists of days (`10月17日、18日`) and days written alone (`14日`, in the
month named before or nearest the article's date). A missing year comes from `published_date`
(`year_source='published'`), in an undated article from a date with its year earlier in the same
sentence (`2019年1月至11月`, `1960年1月，雷锋入伍，同年11月`), or stays None; relative words (`今年`,
`去年`, `上月`, `昨天` …, `data/dates_relative.txt`) are resolved only when the article is dated
(`year_source='relative'`); a date after `即日起至` (from the article's date until) is not before the
article's date (`即日起至2月28日` on 14 December is next February). Lunar dates (`腊月廿七`, `大年三十`, `除夕`) are left out on purpose:
turning them into Gregorian dates needs a lunar calendar and the year, and a wrong guess is worse
than none. Durations, measures and clock times (`24小时`, `2米`, `11:22`) are not dates.

Dates are parsed here only: the cleaner's metadata dates (`parse_published`) and the periods numeric
claims cover (`PERIOD`) live here too, and numerals are read by `ingest.extract.numbers`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from functools import lru_cache

from .. import rules
from .numbers import parse_number
from ..records import DateMention

log = logging.getLogger(__name__)

_NUM = r"(?:\d{1,2}|[一二三四五六七八九十廿卅]{1,3})"  # 廿 is twenty, 卅 thirty (`十一月廿九日`)
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
# `6月龄` (six months of age), `3月大的婴儿`: an age, not a month.
_NOT_MONTH_AFTER = f"(?!{'|'.join(rules.words('dates_words.txt', 'not a month after'))})"


def _alternatives(section: str) -> str:
    """A regex matching any word of a dates_words.txt section: a character class when every word is one
    character (faster to try at every position than an alternation)."""
    words = rules.words("dates_words.txt", section)
    if all(len(w) == 1 for w in words):
        return "[" + "".join(re.escape(w) for w in words) + "]"
    return "(?:" + "|".join(map(re.escape, words)) + ")"


_RANGE_MARK = _alternatives("range marks")  # 至, 到, —, -, ～ …
_LIST_MARK = _alternatives("list marks")  # 、, 和, 及
_WEEKDAY_WORDS = rules.words("dates_words.txt", "weekday words")
_WEEKDAY_WORD = _alternatives("weekday words")  # 周, 星期, 礼拜
# The first end of a range may leave out its 日: `6月23至25日`.
_RANGE_AHEAD = rf"(?=\s?{_RANGE_MARK}\s?(?:{_NUM}月)?{_NUM}[日号])"
# The first days of a list may leave out their 日: `11月29、30日`.
_LIST_AHEAD = rf"(?=(?:、{_NUM})+[日号])"
# A Taiwan page counts years from 1912 (`113年10月1日` is 2024): three digits, then a month.
# Taiwan news style writes the year in brackets inside a relative year word: `今(113)年` is 2024 (also in
# a Western count, `去(2023)年`), whatever the article's date.
_BRACKET_YEAR = r"[今去明前][（(](?P<{name}>1\d{{2}}|(?:19|20)\d{{2}})[)）]"
_ROC_YEAR = (r"(?:民国\s?(?P<roc_named>\d{1,3})|(?P<roc>1\d{2})|" + _BRACKET_YEAR.format(name="roc_bracket")
             + r")\s?年(?=\s?\d{1,2}\s?月)")
# `民国114年`, `民国38年`, `今(113)年`
_ROC_YEAR_ONLY_RE = re.compile(r"(?:民国\s?(?P<y>\d{1,3})|" + _BRACKET_YEAR.format(name="yb") + r")\s?年")
ROC_OFFSET = 1911
_DATE_RE = re.compile(
    rf"(?<![\d.\-/])(?:(?P<y>{_YEAR})\s?年\s?|{_ROC_YEAR}\s?|(?P<rel>__REL__))?"
    # 元月 is January (`元月9日`)
    rf"(?:(?:(?P<m>{_NUM})|(?P<jan>元))\s?月份?(?:\s?(?P<d>{_NUM})\s?(?:[日号]|{_RANGE_AHEAD}|{_LIST_AHEAD})|{_NOT_MONTH_AFTER})"
    # the first month of a range may leave out its 月: `2024年1—9月`, `11-12月` (not `6-12月龄`)
    rf"|(?P<m_open>{_NUM})(?=\s?{_RANGE_MARK}\s?{_NUM}\s?月份?(?!\s?{_NUM}\s?[日号]){_NOT_MONTH_AFTER}))"
)
# A day written alone (`14日0时至24时`): its month is the one the paragraph last named, else the
# article's date's nearest month with that day. Not a duration (`3日内`, `30日以上`, `连续3日`, `近3日`), an
# ordinal (`第3日`) or a house number (`14号`).
_BARE_DAY_RE = re.compile(r"(?<![\d.\-/第月年数每续近])(?P<d>[1-9]|[12]\d|3[01])日(?![内之后余多前来左]|以[上下内外])")
_BARE_DAY_REACH = 20  # days either side of the article's date a bare day may sit
# A month and day without a year in a dated article are of the article's year, unless they fall within
# this many days of its date across a new year (on 2 January, `12月30日` is three days ago).
NEW_YEAR_REACH = 62
# In a dated article, a year written this many years or more before its own is history: a date later in
# the same sentence without a year is of that year (`1960年1月，雷锋入伍，同年11月入党`).
HISTORY_YEARS = 2
_SENTENCE_MARKS = "。！？!?"
_MONTH_DAY_RE = re.compile(r"(\d{1,2})[日号]")  # the day after a relative month (`本月5日`)
# Words right before a date that name a year other than the one written earlier in the sentence.
_OTHER_YEAR = tuple(rules.words("dates_words.txt", "other year before"))
# Words that make a relative word part of another word, or a relative day a figure of speech.
_WORD_BEFORE_RELATIVE = tuple(rules.words("dates_words.txt", "word before a relative word"))
_WORD_AFTER_RELATIVE = tuple(rules.words("dates_words.txt", "word after a relative word"))
_WORD_AFTER_WEEK = tuple(rules.words("dates_words.txt", "word after a week word"))
_FIGURE_BEFORE = tuple(rules.words("dates_words.txt", "figure of speech before a relative day"))
_FROM_NOW_UNTIL = tuple(rules.words("dates_words.txt", "from now until"))
_NOT_ARTICLE_YEAR_AFTER = tuple(rules.words("dates_words.txt", "after a year that is no article's year"))
_WEEKDAYS = "一二三四五六日天"  # after a week word (`上周五`): Monday … Sunday, 天 and 日 both Sunday
# Taiwan news style: the day in brackets inside a relative word, `今（14）日`, `昨（13）日`. The month and
# year come from the article's date (the day nearest it that has this day number).
_BRACKET_DAY_RE = re.compile(r"(?P<w>[今昨前明])[（(](?P<d>\d{1,2})[)）](?P<u>日|天)")
_DAY_IN_BRACKETS = re.compile(r"[（(](\d{1,2})日?[)）]")  # after a relative day: 昨天(1), 今天（14日）
_BRACKET_REACH = 3  # days either side of the relative word's day a bracketed day may sit
_YEAR_ONLY_RE = re.compile(rf"(?<![\d.\-/])(?P<y>{_YEAR})年(?!\d|[〇零一二三四五六七八九十]|份)")
_ISO_RE = re.compile(r"(?<![\d.\-/A-Za-z])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d]|\.\d)")
# The other end of a range of such dates after a dash (`2023.5.1-2023.5.5`), which the pattern above does not
# start a date after.
_ISO_RANGE_END = re.compile(rf"\s?{_RANGE_MARK}\s?(?P<y>\d{{4}})([-/.])(?P<m>\d{{1,2}})\2(?P<d>\d{{1,2}})(?![\d]|\.\d)")
# A month and day written with a slash or a dot (`6/9`, `11.29`), a date only where the page makes it
# one: a range of slash dates in brackets (`上周(6/9至6/15)`), one in brackets after a day word
# (`今(6/9)`), or any with its weekday after it (`11.29(周六)`). Elsewhere `1/3` is a fraction
# (`占(1/3)`) and `11.29` a number.
_MONTH_SLASH_DAY = r"(?P<m{k}>1[0-2]|0?[1-9])/(?P<d{k}>3[01]|[12]\d|0?[1-9])"
_SHORT_IN_BRACKETS_RE = re.compile(
    r"(?:(?<=[今昨明前周日天])[（(]" + _MONTH_SLASH_DAY.format(k=1) + r"[)）]|[（(]" + _MONTH_SLASH_DAY.format(k=3)
    + rf"\s?{_RANGE_MARK}\s?" + _MONTH_SLASH_DAY.format(k=2) + r"[)）])")
_SHORT_BEFORE_WEEKDAY_RE = re.compile(
    r"(?<![\d./\-])(?P<m1>1[0-2]|0?[1-9])[/.](?P<d1>3[01]|[12]\d|0?[1-9])"
    rf"(?=\s?[（(]{_WEEKDAY_WORD}[一二三四五六日天][)）])")
# A two-digit year with month, day and the weekday in brackets (`96年10月22日(一)`): read by the weekday.
_SHORT_YEAR_WEEKDAY_RE = re.compile(r"(?<!\d)(?P<date>(?P<y>\d{2})\s?年\s?(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?日)"
                                    r"\s?[（(](?:星期|周|礼拜)?(?P<w>[一二三四五六日天])[)）]")
# After a date: `至6月6日`, `-25日`, `到2022年1月3日`.
# `起` may stand before the mark (`3月1日起至5日`, `昨天(1)起到7号`: from … until).
_RANGE_RE = re.compile(rf"\s*起?{_RANGE_MARK}\s*(?:(?P<y>{_YEAR})年)?(?:(?P<m>{_NUM})月)?(?P<d>{_NUM})[日号]")
# The other end of a range of months: `2019年1月至11月`, `1—9月`.
_MONTH_RANGE_RE = re.compile(rf"\s?{_RANGE_MARK}\s?(?P<m>{_NUM})月(?!{_NUM}[日号])")
# A list of days after a date: `10月17日、18日`, `5月1日、2日和3日`.
_DAY_LIST_RE = re.compile(rf"\s?{_LIST_MARK}\s?(?P<d>{_NUM})(?:[日号]|{_LIST_AHEAD})")
# A published date and time on a metadata line (`2022-06-07 11:22:27`, `2022年6月7日 11:22`; a template
# that prints 月 for 年, `2019 月 01 月 03 日`, is read too: a four-digit year can be no month).
# A European page writes the day first with dots (`26.02.2018 15:54`): groups dm_y, dm_m, dm_d, dm_t.
DATE_TIME = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*[-/.年月]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<t>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?"
    r"|(?<![\d.])(?P<dm_d>[0-3]?\d)\.(?P<dm_m>[01]?\d)\.(?P<dm_y>(?:19|20)\d{2})(?![\d.])"
    r"(?:\s*(?P<dm_t>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?)")
# A labelled publication date on a Taiwan page counts its year from 1912 (`发稿日期:111年3月8日 15:24`,
# `刊登日期:111-03-08`); read only in a metadata value, where a three-digit year can be nothing else.
ROC_DATE_TIME = re.compile(r"(?<!\d)" + DATE_TIME.pattern.replace(r"(?P<y>(?:19|20)\d{2})", r"(?P<y>1[01]\d)"))
# A publication date a page states without a label colon: a line opening with a date stamp
# (`date 2025-09-12 台南市长…`, an image's stamp the saved page kept), or a full date closing the
# text right after its last sentence (`…并告知医师旅游史。2020/06/30`).
DATE_STAMP = re.compile(r"^(?:date|Date|DATE)\s+" + DATE_TIME.pattern)
CLOSING_DATE = re.compile(r"[。！？!?]\s*" + DATE_TIME.pattern + r"\s*$")
# A full date standing alone inside a line a saved page ran together, before its first sentence ends:
# spaces or the line's start before it, a space, digits (a view count run on: `2017年6月10日460369`) or the
# line's end after it; read by `opening_stamp`.
_INLINE_STAMP = re.compile(r"(?:^|(?<=\s))(?P<date>(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|([-/.])\d{1,2}\2\d{1,2}))(?=\s|\d|$)")


def opening_stamp(line: str) -> str | None:
    """The first full date standing alone in `line` before its first sentence ends (`字 小 大 … 嚴防骨痛熱症
    2017年6月10日460369460369 蘇巴馬念…。`): the page's own date stamp, not a date a sentence tells of."""
    end = min((k for k in (line.find(ch) for ch in _SENTENCE_MARKS) if k >= 0), default=len(line))
    m = _INLINE_STAMP.search(line, 0, end)
    return m.group("date") if m else None
# The period a numeric claim covers (`4月23日至6月6日`, `3月以来`, `截至5月`, `1-3月份`, `今年以来`).
_PERIOD_DATE = r"(?:[0-9]{4}年)?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})?[日号]?"
_PERIOD_MONTHS = r"(?:[0-9]{4}年)?[0-9]{1,2}\s?(?:至|到|—|-|~|－)\s?[0-9]{1,2}月(?:份)?"
PERIOD = re.compile(
    rf"(?:{_PERIOD_DATE}\s?(?:至|到|—|-|~|－)\s?(?:{_PERIOD_DATE}|今|目前|现在)|{_PERIOD_DATE}(?:以来|至今)"
    rf"|截[至止]{_PERIOD_DATE}|{_PERIOD_MONTHS}|(?:{'|'.join(rules.words('dates_words.txt', 'since'))})以来)")


@lru_cache(maxsize=None)
def _relative() -> dict[str, tuple[str, int]]:
    """Relative words from `data/dates_relative.txt`: word → (unit, offset)."""
    return {word: (unit, int(offset)) for word, unit, offset in rules.rows("dates_relative.txt")}


@lru_cache(maxsize=None)
def _date_re() -> re.Pattern:
    """The written-date pattern with the relative years that may stand before a month (`去年12月`); only
    a year word names a month's year, and a short alternation keeps the scan fast."""
    words = "|".join(sorted((w for w, (unit, _) in _relative().items() if unit == "year"), key=len, reverse=True))
    return re.compile(_DATE_RE.pattern.replace("__REL__", words))


@lru_cache(maxsize=None)
def _rel_re() -> re.Pattern:
    return re.compile("|".join(sorted(_relative(), key=len, reverse=True)))


def _number(s: str | None) -> int | None:
    """`23` → 23 (digits of any script, as `\\d` captures them), and Chinese numerals through
    `ingest.extract.numbers`: `二十三` → 23, `十` → 10, `廿九` → 29, `二〇二二` → 2022. A month or a day is at most two
    digits, so `一二三` (digits read one by one) is no month and no day."""
    if not s:
        return None
    if s.isdecimal():
        return int(s)
    value = parse_number(s.replace("廿", "二十").replace("卅", "三十"))
    if value is None or (value >= 100 and len(s) < 4):
        return None
    return int(value)


def parse_published(value: str) -> tuple[str | None, str | None]:
    """ISO date and time from a metadata value (`2022-06-07 11:22:27`, `2022年6月7日`, Taiwan's
    `111年3月8日`)."""
    m = DATE_TIME.search(value) or ROC_DATE_TIME.search(value)
    if not m:
        return None, None
    k = "" if m["y"] else "dm_"  # (`26.02.2018`: day first)
    y, mo, d = int(m[k + "y"]), int(m[k + "m"]), int(m[k + "d"])
    y += ROC_OFFSET if y < 1900 else 0
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None, None
    time = m[k + "t"].replace("：", ":") if m[k + "t"] else None
    return f"{y:04d}-{mo:02d}-{d:02d}", time


# A date written out in Chinese numerals, as an official notice signs off (`二〇二三年五月六日`).
_WRITTEN_OUT_DATE = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})\s?年\s?(?P<m>[一二三四五六七八九十]{1,2})\s?月"
                               r"\s?(?P<d>[一二三四五六七八九十]{1,3})\s?日")


def written_out_date(line: str) -> str | None:
    """`2023-05-06` for a line that is only a date in Chinese numerals (`二〇二三年五月六日`, the date an
    official notice is signed with), else None."""
    m = _WRITTEN_OUT_DATE.fullmatch(line.strip())
    if not m:
        return None
    year, month, day = (_number(m.group(k).replace("○", "〇")) for k in ("y", "m", "d"))
    return iso_date(year, month, day) if day and _valid(year, month, day) else None


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if year is not None and not 1900 <= year <= 2100:
        return False
    if day is None:
        return True
    if month is None:
        return False
    last = calendar.monthrange(year if year is not None else 2000, month)[1]  # 2000: leap, allows 2月29日
    return 1 <= day <= last


def iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """`2022-04-23`, `2022-04` or None: as much of the date as is known, with a year."""
    if year is None or month is None:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def timeline_day(published_date: str | None, dates: list[DateMention]) -> tuple[str | None, str | None]:
    """(day, basis) an article goes under on the timeline: its publication date, else the earliest
    full date its text writes with the year; (None, None) when it has neither."""
    if published_date:
        return published_date, "publication date"
    written = [d.iso_date for d in dates if d.year_source == "text" and d.day and not d.year_carried]
    if written:
        return min(written), "first dated event"
    return None, None


def period_bounds(period: str | None, dates: list[DateMention]) -> tuple[str | None, str | None]:
    """First and last ISO dates of a period text, from the paragraph's date mentions inside it.

    `自4月23日至6月6日` → the dates found at 4月23日 and 6月6日; (None, None) without a dated one.
    """
    if not period:
        return None, None
    # a bare number (`1` of `1—9月`, `2` of `5月1、2、3日`) cannot be placed by its text: it is left out
    inside = sorted((d for d in dates if d.surface in period and d.iso_date and not d.surface.isdecimal()),
                    key=lambda d: period.find(d.surface))
    if not inside:
        return None, None
    return inside[0].iso_date, inside[-1].iso_date


def _published(published_date: str | None) -> dt.date | None:
    if not isinstance(published_date, str):
        return None
    try:
        day = dt.date.fromisoformat(published_date.strip()[:10])
    except ValueError:
        return None
    return day if 1900 <= day.year <= 2100 else None  # keeps `昨天` arithmetic in range


def extract_dates(text: str, published_date: str | None = None) -> list[DateMention]:
    """Dates in one normalised paragraph, offsets into `text`, each with its ISO date."""
    try:
        dates = _extract(text, published_date)
    except Exception:  # the contract is to never raise
        log.exception("date extraction failed; paragraph left without dates")
        return []
    for d in dates:
        d.iso_date = iso_date(d.year, d.month, d.day)
    return dates


class _Found:
    """The dates found in one text so far; a later pass only takes text no earlier one took."""

    def __init__(self, text: str) -> None:
        self.text, self.out, self.taken = text, [], []

    def free(self, s: int, e: int) -> bool:
        return all(e <= ts or te <= s for ts, te in self.taken)

    def earlier_in_sentence(self, pos: int, wanted, paragraph: bool = False) -> DateMention | None:
        """The last date found before `pos` in the same sentence (`paragraph`: anywhere before it in the
        text) that `wanted` accepts, else None."""
        start = 0 if paragraph else max(self.text.rfind(ch, 0, pos) for ch in _SENTENCE_MARKS) + 1
        before = [d for d in self.out if start <= d.start and d.end <= pos and wanted(d)]
        return max(before, key=lambda d: d.end) if before else None

    def emit(self, start: int, end: int, year: int | None, month: int | None, day: int | None,
             source: str | None) -> bool:
        """Keep the date if it is a real one; True when kept."""
        if not _valid(year, month, day):
            return False
        self.out.append(DateMention(self.text[start:end], start, end, year, month, day,
                                    source if year is not None else None))
        self.taken.append((start, end))
        return True


def _extract(text: str, published_date: str | None) -> list[DateMention]:
    """Every pass in order of trust: ISO dates, written dates with their ranges, bracketed days,
    slash and dot dates, relative words, bare days, bare years."""
    if not isinstance(text, str) or not text:
        return []
    pub = _published(published_date)
    found = _Found(text)
    for m in _ISO_RE.finditer(text):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if _valid(year, month, day) and found.free(*m.span()):
            found.emit(m.start(), m.end(), year, month, day, "text")
            if (r := _ISO_RANGE_END.match(text, m.end())) and found.free(r.start("y"), r.end()) \
                    and _valid(*(int(r.group(k)) for k in ("y", "m", "d"))):
                found.emit(r.start("y"), r.end(), int(r.group("y")), int(r.group("m")), int(r.group("d")), "text")
    if "年" in text and ("）" in text or ")" in text):
        _short_years_by_weekday(found)
    _written_dates(found, pub)
    if pub is not None and ("）" in text or ")" in text):
        for m in _BRACKET_DAY_RE.finditer(text):
            day = _bracket_day(m, pub)
            if day is not None and found.free(*m.span()):
                found.emit(m.start(), m.end(), day.year, day.month, day.day, "relative")
    _short_dates(found, pub)
    if pub is not None:
        _relative_words(found, pub)  # before bare days: `本月29日至30日` takes its 30日
    _bare_days(found, pub)
    _years_only(found)
    _years_in_sentence(found, pub)
    found.out.sort(key=lambda d: d.start)
    return found.out


def _written_dates(found: _Found, pub: dt.date | None) -> None:
    """`2022年4月23日`, `3月23号`, `今年4月`, `113年10月1日`, and the other end of a range after one
    (`至6月6日`) or the days listed after it (`、18日`)."""
    text = found.text
    for m in _date_re().finditer(text):
        if not found.free(*m.span()):
            continue
        month, day = 1 if m.group("jan") else _number(m.group("m") or m.group("m_open")), _number(m.group("d"))
        if roc := m.group("roc") or m.group("roc_named") or m.group("roc_bracket"):
            year, source = _roc_year(roc), "text"
        else:
            year, source = _year(m.group("y"), m.group("rel"), pub)
        start = m.start()
        if m.group("rel") and year is None:
            # undated article: keep the month and day, drop the relative word from the surface
            start = m.start("jan") if m.group("jan") else m.start("m") if m.group("m") else m.start("m_open")
        if source == "published" and day is not None:
            year = _year_across_new_year(pub, month, day)
            if text[:start].rstrip().endswith(_FROM_NOW_UNTIL) and _valid(year, month, day) \
                    and dt.date(year, month, day) < pub:
                year += 1  # 即日起至2月28日: the range runs from the article's date on
        if not _valid(year, month, day):
            continue
        found.emit(start, m.end(), year, month, day, source)
        if day is not None:
            _range_end(found, m.end(), year, month, source)
            _listed_days(found, m.end(), year, month, source)
        elif (r := _MONTH_RANGE_RE.match(text, m.end())) and found.free(r.start("m"), r.end()):
            found.emit(r.start("m"), r.end(), year, _number(r.group("m")), None, source)  # 2019年1月至11月


def _short_years_by_weekday(found: _Found) -> None:
    """`96年10月22日(一)`: a two-digit year, Taiwan's (1911 + 96 = 2007) or a century's (1996), with the
    weekday written after the date, which says which of the two it is; no weekday that fits, no date."""
    for m in _SHORT_YEAR_WEEKDAY_RE.finditer(found.text):
        short, month, day = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        weekday = min(_WEEKDAYS.index(m.group("w")), 6)  # 日 and 天 are both Sunday
        for year in (ROC_OFFSET + short, 1900 + short):
            if _valid(year, month, day) and dt.date(year, month, day).weekday() == weekday \
                    and found.free(*m.span("date")):
                found.emit(*m.span("date"), year, month, day, "text")
                break


def _short_dates(found: _Found, pub: dt.date | None) -> None:
    """`(6/9至6/15)`, `今(6/9)`, `11.29(周六)`: a month and day written short where the page makes them a
    date; the year is the article's (across a new year, the nearer one)."""
    text = found.text
    if "）" not in text and ")" not in text:
        return
    # each pattern only where its mark is: a slash, a weekday word (a scan costs more than the test)
    patterns = [rx for rx, marks in ((_SHORT_IN_BRACKETS_RE, ("/",)), (_SHORT_BEFORE_WEEKDAY_RE, _WEEKDAY_WORDS))
                if any(mark in text for mark in marks)]
    for pattern in patterns:
        for m in pattern.finditer(text):
            written = {g[-1] for g, v in m.groupdict().items() if v}  # which ends matched: 1, or 3 and 2
            for k in ("1", "3", "2"):
                if k not in written:
                    continue
                s, e = m.start("m" + k), m.end("d" + k)
                month, day = int(m.group("m" + k)), int(m.group("d" + k))
                if found.free(s, e):
                    year = _year_across_new_year(pub, month, day) if pub is not None else None
                    found.emit(s, e, year, month, day, "published")


def _years_only(found: _Found) -> None:
    """A year written alone: `2022年`, and a Taiwan page's `民国114年` (2025)."""
    for m in _ROC_YEAR_ONLY_RE.finditer(found.text):
        if found.free(*m.span()):
            found.emit(m.start(), m.end(), _roc_year(m.group("y") or m.group("yb")), None, None, "text")
    for m in _YEAR_ONLY_RE.finditer(found.text):
        if found.free(*m.span()):
            found.emit(m.start(), m.end(), _number(m.group("y")), None, None, "text")


def _roc_year(written: str) -> int:
    """A Taiwan page's year: `113` counts from 1912 (2024); a four-digit year is the Western one."""
    return int(written) + (ROC_OFFSET if len(written) < 4 else 0)


def _range_end(found: _Found, pos: int, year: int | None, month: int | None, source: str | None) -> None:
    """The other end of a range written at `pos` (`至6月6日`, `-25日`, `到2022年1月3日`)."""
    r = _RANGE_RE.match(found.text, pos)
    if not r:
        return
    y2 = _number(r.group("y")) if r.group("y") else year
    src2 = "text" if r.group("y") else source
    m2 = _number(r.group("m")) if r.group("m") else month
    if not r.group("y") and y2 is not None and m2 is not None and month is not None and m2 < month:
        y2 += 1  # `12月28日至1月3日`: the range runs into the next year
    s2 = r.start("y") if r.group("y") else (r.start("m") if r.group("m") else r.start("d"))
    if found.free(s2, r.end()):
        found.emit(s2, r.end(), y2, m2, _number(r.group("d")), src2)


def _listed_days(found: _Found, pos: int, year: int | None, month: int | None, source: str | None) -> None:
    """Days listed after a date, in its month: `10月17日、18日`, `5月1日、2日和3日`."""
    while (r := _DAY_LIST_RE.match(found.text, pos)) and found.free(r.start("d"), r.end()):
        found.emit(r.start("d"), r.end(), year, month, _number(r.group("d")), source)
        pos = r.end()


def _years_in_sentence(found: _Found, pub: dt.date | None) -> None:
    """A date without its year takes the year of a date written with year and month earlier in its
    sentence (`2019年1月至11月`, `1960年1月，雷锋入伍，同年11月`), unless a word before it names another
    year (`去年4月`, `较上年6月`). In a dated article only a year of history does (HISTORY_YEARS or more
    before the article's): a recent one is the run-up to the article's date (`自2022年12月7日…以来，截至
    1月4日` on 6 January 2023 is 2023's 4 January)."""
    for d in found.out:
        unknown = d.year is None if pub is None else d.year_source == "published"
        if not unknown or d.month is None or found.text.endswith(_OTHER_YEAR, 0, d.start):
            continue
        written = found.earlier_in_sentence(
            d.start, lambda e: e.year is not None and e.year_source == "text" and e.month is not None
            and (pub is None or e.year <= pub.year - HISTORY_YEARS))
        if written is not None and _valid(written.year, d.month, d.day):
            d.year, d.year_source, d.year_carried = written.year, "text", True


def carry_article_year(dates: list[DateMention], texts: dict[int | None, str]) -> None:
    """In an undated article that writes one year only, a date written without its year is of that
    year (`2025年4月，…宣传月活动。…4月22日举办…`, `桠溪镇2018年老年人健康教育…` with `4月3日` in
    another paragraph): the year a reader of the article takes it for. A year written alone counts only
    when it heads a name or an event, not as a target or a bound (`到2030年，`, `1949年以来`). An article
    that writes several years keeps such dates without a year (but for the sentence rule of
    `_years_in_sentence`), and so does a date after a word naming another year (`去年4月`). A year the text
    calls this year (`今(113)年度`, Taiwan's style) is the article's whatever follows it. `texts`: the
    paragraph texts by seq, which the dates' offsets point into. The year counts as written
    (`year_source='text'`) but carried.
    """
    written = {d.year for d in dates if d.year_source == "text" and not d.year_carried
               and (d.month is not None or _heads_a_name(texts.get(d.paragraph_seq, ""), d.end)
                    or texts.get(d.paragraph_seq, "").startswith(_THIS_BRACKET_YEAR, d.start))}
    if len(written) != 1:
        return
    (year,) = written
    for d in dates:
        text = texts.get(d.paragraph_seq, "")
        if d.year is not None or d.month is None or text.endswith(_OTHER_YEAR, 0, d.start):
            continue
        if _valid(year, d.month, d.day):
            d.year, d.year_source, d.year_carried = year, "text", True
            d.iso_date = iso_date(d.year, d.month, d.day)


_THIS_BRACKET_YEAR = ("今(", "今（")  # `今(113)年度`: the text says the year written is this year, the article's


def _heads_a_name(text: str, end: int) -> bool:
    """Does the year written alone that ends at `end` head a name or an event (`2018年老年人健康教育`),
    not a target or a bound (`到2030年，`, `1949年以来`)?"""
    return end < len(text) and not text.startswith(_NOT_ARTICLE_YEAR_AFTER, end)


def _bare_days(found: _Found, pub: dt.date | None) -> None:
    """Days written alone (`14日0时至24时`): in the month of the last date named before in the sentence,
    else of an earlier day named before in the paragraph (`今年5月6日,…发高烧。11日她在脸书发文`: the story
    goes on in that month), else, in a dated article, the nearest day of that number to its date."""
    for m in _BARE_DAY_RE.finditer(found.text):
        if not found.free(*m.span()):
            continue
        want = int(m.group("d"))
        last = found.earlier_in_sentence(m.start(), lambda d: d.month is not None and d.day is not None) \
            or found.earlier_in_sentence(m.start(), lambda d: d.month is not None and d.day is not None
                                         and d.day < want, paragraph=True)  # (an earlier day of that month)
        if last is not None:
            year, month, source = last.year, last.month, last.year_source
        elif pub is not None and (day := _nearest_day(pub, want, _BARE_DAY_REACH,
                                                     past=found.text.startswith("以来", m.end()))) is not None:
            year, month, source = day.year, day.month, "published"
        else:
            continue
        if found.emit(m.start(), m.end(), year, month, want, source):
            _range_end(found, m.end(), year, month, source)  # `22日-29日`
            _listed_days(found, m.end(), year, month, source)  # `17日、18日`


def _year_across_new_year(pub: dt.date, month: int | None, day: int) -> int:
    """The year of a month and day written without one in an article dated `pub`: the article's own,
    unless the date falls within NEW_YEAR_REACH days across a new year from it (`12月30日` in an article
    of 2 January is last year's, `1月3日` in one of 28 December next year's)."""
    for year in (pub.year - 1, pub.year + 1):
        if month is not None and _valid(year, month, day):
            if abs((dt.date(year, month, day) - pub).days) <= NEW_YEAR_REACH:
                return year
    return pub.year


def _nearest_day(base: dt.date, want: int, reach: int, past: bool = False) -> dt.date | None:
    """The date with day number `want` nearest to `base` (earlier first on a tie), within `reach` days;
    `past`: not after `base` (`15日以来`)."""
    for k in range(reach + 1):
        for sign in (0, -1, 1) if k == 0 else (-1,) if past else (-1, 1):
            day = base + dt.timedelta(days=sign * k)
            if day.day == want:
                return day
    return None


def _relative_words(found: _Found, pub: dt.date) -> None:
    """`今年`, `昨日`, `本月5日`, `上周五` … resolved against the article's date, unless the word is part of
    another word (`目前年均`, `光明日报`) or a day a figure of speech or a name (`美好的明天`, `《今日美国》`)."""
    text = found.text
    for m in _rel_re().finditer(text):
        if not found.free(*m.span()) or _inside_other_word(text, m.start(), m.end()):
            continue
        unit, offset = _relative()[m.group()]
        if unit == "year":
            found.emit(m.start(), m.end(), pub.year + offset, None, None, "relative")
        elif unit == "month":  # 上月, 本月5日
            year, month = divmod(pub.year * 12 + pub.month - 1 + offset, 12)
            d = _MONTH_DAY_RE.match(text, m.end())
            end, day = (d.end(), int(d.group(1))) if d else (m.end(), None)
            if found.emit(m.start(), end, year, month + 1, day, "relative") and day is not None:
                _range_end(found, end, year, month + 1, "relative")  # `本月29日至30日`
                _listed_days(found, end, year, month + 1, "relative")
        elif unit == "week":  # 上周五: a day only with its weekday
            weekday = _WEEKDAYS.find(text[m.end():m.end() + 1] or "-")
            if weekday >= 0 and not text.startswith(_WORD_AFTER_WEEK, m.end()):
                day = pub + dt.timedelta(days=7 * offset + min(weekday, 6) - pub.weekday())
                found.emit(m.start(), m.end() + 1, day.year, day.month, day.day, "relative")
        elif not _figure_of_speech(text, m.start()):
            day = pub + dt.timedelta(days=offset)
            end = m.end()
            if (b := _DAY_IN_BRACKETS.match(text, end)) and int(b.group(1)) == day.day:
                end = b.end()  # 昨天(1): the day the word names, written in brackets
            if found.emit(m.start(), end, day.year, day.month, day.day, "relative"):
                _range_end(found, end, day.year, day.month, "relative")  # 昨天(1)起到7号


def _inside_other_word(text: str, start: int, end: int) -> bool:
    """Is the relative word at text[start:end] the tail or head of another word (`目前年`, `明日报`)?"""
    before = text[max(0, start - 3):start + 1]
    return before.endswith(_WORD_BEFORE_RELATIVE) or text.startswith(_WORD_AFTER_RELATIVE, end - 1)


def _figure_of_speech(text: str, start: int) -> bool:
    """Is the relative day at `start` a figure of speech (`美好的明天`) or part of a name in book-title
    marks (`《今日美国》`, `《明天会更好》`)? A year in a title still counts (`《把握明年经济工作》`)."""
    return text.endswith(_FIGURE_BEFORE, 0, start) or text.rfind("《", 0, start) > text.rfind("》", 0, start)


def _bracket_day(m: re.Match, pub: dt.date) -> dt.date | None:
    """`今（14）日` → the date with day 14 nearest to the day `今日` names; None when none is close."""
    word = m.group("w") + m.group("u")
    unit_offset = _relative().get(word) or _relative().get(m.group("w") + "日")
    if unit_offset is None or unit_offset[0] != "day":
        return None
    return _nearest_day(pub + dt.timedelta(days=unit_offset[1]), int(m.group("d")), _BRACKET_REACH)


def _year(text_year: str | None, relative: str | None, pub: dt.date | None) -> tuple[int | None, str | None]:
    """The year of a date: written, relative to the article's date, the article's own, or unknown."""
    if text_year:
        return _number(text_year), "text"
    if relative:
        if pub is None:
            return None, None
        unit, offset = _relative()[relative]
        if unit != "year":
            return None, None
        return pub.year + offset, "relative"
    if pub is not None:
        return pub.year, "published"
    return None, None
