"""Numeric claims: every quantity a paragraph states, with its unit, hedge, subject and scope.

A number is a claim when a measure word or unit from `data/units.tsv` follows it (or it is a
percentage, a 万/亿 figure standing alone, or a 零… word such as 零感染). Everything that looks
like a number but states no quantity — dates, clock times, ordinals, names, codes, the indefinite
一, idioms — is left out by the named rules below and the word list in
`data/claims_not_numbers.txt`. Numbers are parsed in `ingest.extract.numbers` only.

One regex pass finds numeral runs; the few that pass the cheap checks get their unit, hedges and
subject from small local look-ups, so the cost stays proportional to the number of numerals.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from .dates import PERIOD as _PERIOD
from . import claim_words
from .numbers import CN_DIGITS, parse_number, parse_range
from ..records import NumericClaim

@dataclass(frozen=True)
class Unit:
    spelling: str
    normalised: str
    kind: str  # count | measure | time | percent
    forms: str  # any | arabic | chinese
    not_followed_by: frozenset[str]
    # a measure word of the broad list (measure_words.tsv): a unit only where it starts no other word
    # of the general dictionary (3根 but not 3口罩's 口, 两层 but not 两层面's 层)
    checked: bool = False


@dataclass(frozen=True)
class Hedge:
    hedge: str
    where: str  # before | before_round | after | after_round | after_unit
    qualifier: str
    not_after: frozenset[str]


@dataclass(frozen=True)
class _Tables:
    units: dict[str, Unit]
    unit_lengths: tuple[int, ...]  # distinct spelling lengths, longest first
    hedges: dict[str, list[Hedge]]  # by `where`
    not_numbers: re.Pattern
    not_numbers_longest: int
    zero_words: tuple[str, ...]
    cumulative: tuple[str, ...]
    scope: tuple[str, ...]  # stripped from the front of a subject (longest first)
    adverbs: tuple[str, ...]
    verb_at: re.Pattern  # a governing verb starting here
    verb_before: re.Pattern  # a governing verb ending at the search end
    cut_words: re.Pattern  # verbs and multi-character scope words: the subject before a number follows the last
    noun_end: re.Pattern  # verbs and stop words: a noun phrase after a unit ends at the first
    trailing: frozenset[str]
    tail_words: tuple[str, ...]  # linking verbs and scope words dropped from the end of a phrase
    detached: tuple[str, ...]
    verb_nouns: tuple[str, ...]  # agent endings and measure nouns: a verb before one is part of a noun
    linking: tuple[str, ...]
    change: tuple[str, ...]  # verbs of change (上升, 下降): with nothing else before the figure, the subject
    function_words: frozenset[str]  # words that are never a subject alone (就, 虽, 平均)
    inside: frozenset[str]  # character pairs written inside one word (ner_word_bigrams.txt)
    conjunctions: tuple[str, ...]  # dropped from the front of a subject (及学龄前幼儿, 但门诊…)
    report: tuple[str, ...]  # verbs that end a clause reporting who spoke (表示, 介绍)
    currency: tuple[str, ...]  # currency names after 元 (澳门币, 人民币)


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in _longest_first(words))


@lru_cache(maxsize=1)
def tables() -> _Tables:
    """The data tables, read once."""
    units = {}
    for row in map(list, rules.rows("units.tsv")):
        spelling, normalised, kind, forms, nfb = (row + ["-"] * 5)[:5]
        units[spelling] = Unit(spelling, normalised, kind, forms, frozenset("" if nfb == "-" else nfb))
    numbering = set(rules.words("claims_context_words.txt", "measure words that number"))
    for word, *_ in rules.rows("measure_words.tsv"):
        if word not in numbering:
            units.setdefault(word, Unit(word, word, "count", "any", frozenset(), checked=True))
    hedges: dict[str, list[Hedge]] = {}
    for row in map(list, rules.rows("claims_hedges.tsv")):
        hedge, where, qualifier, not_after = (row + ["-"] * 4)[:4]
        hedges.setdefault(where, []).append(
            Hedge(hedge, where, qualifier, frozenset("" if not_after == "-" else not_after)))
    for where in hedges:
        hedges[where].sort(key=lambda h: -len(h.hedge))
    not_numbers = [r[0] for r in rules.rows("claims_not_numbers.txt")]
    zero_words = [r[0] for r in rules.rows("claims_zero_words.txt")]
    words: dict[str, list[str]] = {}
    for kind, word in (r[:2] for r in rules.rows("claims_subject_words.tsv")):
        words.setdefault(kind, []).append(word)
    cut = words["verb"] + [w for w in words["scope"] + words["cumulative"] if len(w) > 1]
    return _Tables(
        units=units,
        unit_lengths=tuple(sorted({len(u) for u in units}, reverse=True)),
        hedges=hedges,
        not_numbers=re.compile(_alternation(not_numbers)),
        not_numbers_longest=max(map(len, not_numbers)),
        zero_words=_longest_first(zero_words),
        cumulative=_longest_first(words["cumulative"]),
        scope=_longest_first(words["scope"] + words["determiner"]),
        adverbs=_longest_first(words["adverb"]),
        verb_at=re.compile(_alternation(words["verb"])),
        verb_before=re.compile(f"(?:{_alternation(words['verb'])})$"),
        cut_words=re.compile(f"(?:{_alternation(cut)}|{_STANDALONE_GONG})"),
        noun_end=re.compile(_alternation(words["verb"] + words["stop"] + words["noun_stop"])),
        trailing=frozenset(words["trailing"]),
        detached=_longest_first(words["detached"]),
        tail_words=_longest_first(words["linking"] + words["trailing"]
                                  + [w for w in words["scope"] if len(w) > 1]),
        verb_nouns=_longest_first(words["agent"] + words["measure"]),
        linking=_longest_first(words["linking"]),
        change=_longest_first(words["change"]),
        function_words=frozenset(words["stop"] + words["scope"] + words["adverb"] + words["linking"]
                                 + words["trailing"] + words["determiner"] + words["function"]) - set(words["change"]),
        inside=frozenset(rules.words("ner_word_bigrams.txt")),
        conjunctions=_longest_first(words["conjunction"]),
        report=_longest_first(words["report"]),
        currency=_longest_first(words["currency"]),
    )


# --- the numeral pattern -------------------------------------------------------------------------

_DIGIT = "0-9０-９"
# Chinese numeral characters a claim may be written with. Financial forms (陆, 伍, 肆 …) are left
# out: they are ordinary words far more often (陆续, 队伍, 肆虐).
_CN = "〇○零一二三四五六七八九两兩十廿卅百千万萬亿億"
_ROUND = "十百千万萬亿億"
_BIG = "万萬亿億"
# 千克, 千米, 千瓦 and 百分之 / 千分之 start with a numeral character but are units or fractions.
_NOT_MAGNITUDE = "(?!千[克米瓦卡]|[百千]分之)"
# Thousands grouped by a space, as Hong Kong and Taiwan write them (14 258宗, 1 378名): one to three
# digits, then groups of exactly three; a fourth digit after a group (热线2125 1111) ends the match.
_THIN_SPACE = " \u00a0\u2009\u202f"
_SPACE_GROUPED = rf"(?<![0-9])[0-9]{{1,3}}(?:[{_THIN_SPACE}][0-9]{{3}}(?![0-9]))+"
_ARABIC = rf"(?:{_SPACE_GROUPED}|[{_DIGIT}]+(?:,[0-9]{{3}}(?![0-9]))*)(?:[.．][{_DIGIT}]+)?"
# After 万/亿 a figure may go on in Arabic digits with its own multiplier (3万6千 = 36000, 1亿2千万) or
# with the digits below it, as Taiwan and Hong Kong write counts (9万1811例 = 91811, 126万6727人).
_AFTER_BIG = rf"(?:(?<=[{_BIG}])[0-9]{{1,4}}(?:(?:{_NOT_MAGNITUDE}[十百千万萬])+|(?![0-9.．,]))(?<![{_BIG}][0-9]))?"
# A page that sets figures apart with spaces (`5 万余条`, `约 150 名`, `75.80 万元`) may put one space
# between the digits and their magnitude, a hedge or the unit.
_GAP = " \u00a0"
_NUM = (rf"(?:{_ARABIC}(?:[{_GAP}]?{_NOT_MAGNITUDE}[十百千{_BIG}])*{_AFTER_BIG}"
        rf"|(?:{_NOT_MAGNITUDE}[{_CN}])+(?:点[〇零一二三四五六七八九]+)?)")
_NUMX = rf"{_NUM}(?:[余多](?:{_NOT_MAGNITUDE}[{_BIG}千百])+)?"  # 30余万, 三百多万
_RANGE_SEP = r"\s?(?:至|到|-|~|—|－|～|–)\s?"
_CORE = rf"{_NUMX}(?:{_RANGE_SEP}{_NUMX})?"
_RANGE_SEP_RE = re.compile(_RANGE_SEP)
_GAP_BEFORE_MAGNITUDE = re.compile(rf"[{_GAP}](?=[十百千{_BIG}])")
_NUMX_RE = re.compile(_NUMX)
_MID_HEDGE = re.compile(f"[余多](?=[{_BIG}千百])")
# 共 as "in all" (共完成, 共有), not inside 共同, 共产党, 公共, 共建 …
_STANDALONE_GONG = (f"(?<![{''.join(rules.words('claims_context_words.txt', 'gong not after'))}])共"
                    f"(?![{''.join(rules.words('claims_context_words.txt', 'gong not before'))}])")
_GONG_RE = re.compile(_STANDALONE_GONG)


@lru_cache(maxsize=1)
def _candidates() -> re.Pattern:
    zero = _alternation(tables().zero_words)
    return re.compile(rf"(?P<zero>{zero})|(?P<pct>[百千]分之)(?P<pnum>{_NUMX})|(?P<num>{_CORE})")


# --- named rules for things that look like numbers but are not quantities ------------------------

_NOT_A_QUANTITY = re.compile("|".join([
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # e-mail
    r"(?:https?://|www\.)[A-Za-z0-9./?=&_%#:~+-]+",  # web address
    r"[A-Za-z0-9_.-]*\.(?:jpe?g|png|gif|bmp|webp|pdf|docx?|xlsx?|pptx?|zip|rar|mp4|s?html?)(?![A-Za-z])",  # file
    r"(?<![0-9])(?:(?:\+?86)?1[3-9][0-9]{9}|0[0-9]{2,3}[-－][0-9]{7,8}|[48]00-?[0-9]{3}-?[0-9]{4})(?![0-9])",  # phone
    r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?:[ T]*[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?",  # date and time
    r"(?<![0-9])[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?",  # clock time
]))
# Characters right before a number that make it part of a code, ordinal or version (第二批, N95,
# COVID-19, No.1, #3, 1.2.3).
_ORDINAL_BEFORE = frozenset("第#＃№")
# Chinese numerals right after these are dates or names (初三, 附三); 点 after a time of day is a clock.
_CN_DATE_OR_NAME_BEFORE = rules.words("claims_context_words.txt", "date or name before")
_TIME_OF_DAY = rules.words("claims_context_words.txt", "time of day")
# 2022年, 2021-2022年: a four-digit number before 年 is a year; 22年3月 is a date.
_YEAR_AFTER = rules.words("claims_context_words.txt", "year after")
_MONTH_AFTER_YEAR = re.compile(r"[0-9]{1,2}月|[一二三四五六七八九十]{1,3}月")
# Units after which a leading minus sign is a sign (气温-5℃), not a range dash or a code.
_SIGNED_UNITS = frozenset({"℃", "度"})
_LEADING_ZERO = re.compile("[0０][0-9０-９]")
_THOUSANDS = re.compile(r"[0-9],[0-9]{3}(?![0-9])")
_VAGUE = "数"  # the qualifier of 数十, 几百: some tens, some hundreds (claims_hedges.tsv)
_TITLE_REACH = 40  # how far around a number a 《…》 title is looked for
_PLENARY_AFTER = re.compile("|".join(rules.words("claims_context_words.txt", "plenary after")))
_SESSION_AFTER = re.compile("|".join(rules.words("claims_context_words.txt", "session after")))
# Words around a figure that make it a time, an age group, a cohort or a year (_names_a_time_or_group).
(_POINT_IN_TIME_AFTER, _DEICTIC_BEFORE, _AGE_UNITS, _COHORT_UNITS, _YEAR_BEFORE) = (
    tuple(rules.words("claims_context_words.txt", section)) for section in (
        "point in time after", "deictic before a span", "age units", "cohort units", "year before"))
# Longer digit runs are identity, account or serial numbers, never counts.
_MAX_DIGITS = 15
_ASCII_LETTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_PUNCT = frozenset("，,。.；;：:！!？?、()（）《》〈〉“”\"'‘’「」『』【】[]…—-－~～·|/\\\n\r\t 　")
_SENTENCE_END = "。！？；!?;\n"
_CLAIM_END_OK = _PUNCT | frozenset("的")



@dataclass
class _Found:
    claim: NumericClaim
    unit_end: int  # where the unit and its hedges end (the subject after the unit starts here)
    zero_word: bool = False  # 零感染: the subject is the rest of the word


def _hedge_before(text: str, pos: int, core: str, where_ok: tuple[str, ...]) -> tuple[int, str | None]:
    """(start of the hedge, qualifier) for a hedge written right before `pos`, else (pos, None)."""
    if not pos:
        return pos, None
    last = text[pos - 1]
    t = tables()
    for where in where_ok:
        for h in t.hedges.get(where, ()):
            if h.hedge[-1] != last:
                continue
            n = len(h.hedge)
            if pos >= n and text[pos - n:pos] == h.hedge:
                if pos > n and text[pos - n - 1] in h.not_after:
                    continue
                if where == "before_round" and core[0] not in _ROUND:
                    continue
                return pos - n, h.qualifier
    return pos, None


def _hedge_after(text: str, pos: int, where: str, round_end: bool = False) -> tuple[int, str | None]:
    """(end of the hedge, qualifier) for a hedge of kind `where` written at `pos`, else (pos, None)."""
    for h in tables().hedges.get(where, ()):
        if where == "after_round" and not round_end:
            continue
        if text.startswith(h.hedge, pos):
            return pos + len(h.hedge), h.qualifier
    return pos, None


def _unit_at(text: str, pos: int, arabic: bool) -> Unit | None:
    """The longest unit written at `pos` that fits the numeral and is not the start of another word."""
    t = tables()
    for n in t.unit_lengths:
        u = t.units.get(text[pos:pos + n])
        if u is None:
            continue
        if (u.forms == "arabic" and not arabic) or (u.forms == "chinese" and arabic):
            continue
        after = text[pos + n:pos + n + 1]
        if after and after in u.not_followed_by:
            continue
        if u.spelling[-1] in _ASCII_LETTER and after in _ASCII_LETTER:
            continue  # 5mg is not 5 m; 3M is no unit
        if u.checked and _inside_a_word(text, pos):
            continue
        return u
    return None


_COUNT_TAGS = frozenset({"m", "mq", "q"})  # numerals and measure words (一万个, 公斤): a unit's own words
_WORD_REACH = 4  # the longest word looked for at a measure word


def _not_a_count(word: str) -> bool:
    """Is `word` a word of the general dictionary other than a numeral or measure word?"""
    tag = claim_words.word_tag(word)
    return tag is not None and tag not in _COUNT_TAGS


def _inside_a_word(text: str, pos: int) -> bool:
    """Is the measure word at `pos` part of another word of the general dictionary: one it starts (口罩,
    层面, 期间, 门诊), one the character before it starts (八方, 三通, 四期, 三门峡), or an idiom around it
    (四通八达)? Numerals and measure words (一万个, 公斤) do not count."""
    if pos and any(_not_a_count(text[pos - 1:pos - 1 + k]) for k in range(2, _WORD_REACH + 1)):
        return True
    if any(_not_a_count(text[pos:pos + k]) for k in range(2, _WORD_REACH + 1)):
        return True
    return any(claim_words.word_tag(text[i:i + _WORD_REACH]) == "i" for i in range(max(0, pos - 3), pos))


def _overlaps_not_number(text: str, start: int, end: int) -> bool:
    """Whether [start, end) overlaps a word of claims_not_numbers.txt (三天两头, 七台河, 一次性)."""
    t = tables()
    lo = max(0, start - t.not_numbers_longest + 1)
    hi = min(len(text), end + t.not_numbers_longest - 1)
    for m in t.not_numbers.finditer(text, lo, hi):
        if m.start() < end and m.end() > start:
            return True
    return False


@dataclass
class _Reading:
    """A numeral run as the rules read it: the claim's span so far, its value, hedge and unit."""

    start: int
    end: int
    value: float
    value_max: float | None
    qualifier: str | None
    stripped: str  # the numeral without spaces or a hedge inside it (30余万 → 30万)
    unit: Unit | None = None
    half: bool = False  # 三个半小时, 两年半: one half more
    negative: bool = False  # 零下5度, 气温-5℃


def _number_claim(text: str, m: re.Match, masks: list[tuple[int, int]]) -> _Found | None:
    """One numeral run → a claim, or None when the rules say it states no quantity."""
    s, e = m.span("num")
    core = m.group("num")
    arabic = core[0] in "0123456789０１２３４５６７８９"
    if _is_code_or_ordinal(text, s, e, core, arabic, masks):
        return None
    r = _core_reading(core, arabic, s, e)
    if r is None:
        return None
    r.start, r.negative, pre = _hedge_or_sign_before(text, s, e, r.stripped, arabic)
    if pre:
        r.qualifier = r.qualifier or pre
    pos, post = _hedge_after_number(text, e, r.stripped)
    if post:
        r.qualifier = r.qualifier or post
    elif arabic:
        pos, post = _after_a_gap(text, e, r.stripped)
        r.qualifier = r.qualifier or post
    # 百余, 千余, 上万: a bare magnitude is a number only with a hedge (千万不要, 百年, 千人计划 are not).
    if r.stripped[0] in "百千万萬亿億" and r.qualifier is None:
        return None
    _read_unit(text, pos, arabic, r)
    # The indefinite 一 (一名党员, 一支医疗队) and 二 before a measure word (二次感染, 二级医院: a count
    # would say 两) state no quantity unless hedged (近一个月, 一个多月).
    if r.stripped in ("一", "二") and r.qualifier is None and not r.half:
        return None
    if _unit_says_no_quantity(text, s, pos, arabic, r):
        return None
    if r.unit is not None:
        _read_after_unit(text, r)
        if _names_a_time_or_group(text, r):
            return None
    if not arabic and _fills_a_quote(text, r.start, r.end):
        return None
    if _overlaps_not_number(text, r.start, r.end):
        return None
    return _found(text, r)


def _is_code_or_ordinal(text: str, s: int, e: int, core: str, arabic: bool, masks: list[tuple[int, int]]) -> bool:
    """Is the numeral at [s, e) part of a code, ordinal, version, written-out date, address or title?"""
    prev = text[s - 1] if s else "\x00"  # a sentinel: "" would be `in` every string
    # Codes, ordinals and versions: 第二批, 第 3 批, N95, COVID-19, #3, 1.2.3
    if prev in _ORDINAL_BEFORE or prev in _ASCII_LETTER:
        return True
    if prev in " \u3000" and s >= 2 and text[s - 2] in _ORDINAL_BEFORE:
        return True
    if prev in "-_." and s >= 2 and (text[s - 2] in _ASCII_LETTER or text[s - 2].isdigit()):
        return True
    if not arabic and any(text.endswith(w, 0, s) for w in _CN_DATE_OR_NAME_BEFORE):
        return True
    if not arabic and s >= 2 and prev == "月" and text[s - 2] in _CN and text[s - 2] not in "个":
        return True  # 三月十五: a lunar or written-out date
    if masks:
        i = bisect_left(masks, (e, -1))  # masks[i - 1] is the last one starting before e
        if i and masks[i - 1][1] > s:  # finditer's spans do not overlap, so it is the only candidate
            return True
    if arabic and sum(ch.isdigit() for ch in core) > _MAX_DIGITS:
        return True
    if arabic and _LEADING_ZERO.match(core):
        return True  # 007, the 000 of 4，000: codes and split figures, not counts
    return _inside_title(text, s)  # 《天龙八部》, 《关于…的10条措施》: part of a title


def _core_reading(core: str, arabic: bool, s: int, e: int) -> _Reading | None:
    """The numeral's value or range, with a hedge written inside it (30余万, 三百多万); None when it
    does not parse or is no count (digits read one by one, 零 alone)."""
    mid = _MID_HEDGE.search(core)
    qualifier = None
    bare = core
    if mid:
        qualifier = "余" if mid.group() == "余" else "多"
        bare = core[:mid.start()] + core[mid.end():]
    value_max = None
    has_range = _RANGE_SEP_RE.search(bare) is not None and not _NUMX_RE.fullmatch(bare)
    value = None if has_range else parse_number(_GAP_BEFORE_MAGNITUDE.sub("", bare))
    if value is None:
        rng = parse_range(bare)  # 五至六百, and without a separator 三四百, 十五六, 两三
        if rng is None:
            return None
        value, value_max = rng
    stripped = bare.replace(" ", "")
    # Digits read one by one (二〇二二, 一一〇) are years and codes, never counts.
    if not arabic and value_max is None and len(stripped) >= 2 and all(c in CN_DIGITS for c in stripped):
        return None
    if not arabic and value == 0 and value_max is None:
        return None  # 零 alone (零距离, 零点) is no count; 零感染 is matched as a word
    return _Reading(s, e, value, value_max, qualifier, stripped)


def _hedge_or_sign_before(text: str, s: int, e: int, stripped: str, arabic: bool) -> tuple[int, bool, str | None]:
    """(claim start, negative, qualifier) from what is written before the number: 零下 or a minus
    before a temperature make it negative; else a hedge (约, 近, 超过) may stand there."""
    prev = text[s - 1] if s else "\x00"
    if text.endswith("零下", 0, s):
        return s - 2, True, None
    if s and prev in "-－" and arabic and _signed_unit(text, e) and (
            s < 2 or not (text[s - 2].isalnum() and text[s - 2].isascii())):
        return s - 1, True, None  # 气温-5℃
    start, pre = _hedge_before(text, s, stripped, ("before", "before_round"))
    if pre is None and arabic and s > 1 and prev in _GAP:
        gapped, pre = _hedge_before(text, s - 1, stripped, ("before", "before_round"))  # 约 150 名
        start = gapped if pre else start
    return start, False, pre


def _hedge_after_number(text: str, e: int, stripped: str) -> tuple[int, str | None]:
    """A hedge after the number, before the unit: 2670余人次, 200多人, 十来个, 十几个."""
    pos, post = _hedge_after(text, e, "after")
    if not post:
        pos, post = _hedge_after(text, e, "after_round", round_end=stripped[-1] in _ROUND or stripped[-1] in "0０")
    return pos, post


def _after_a_gap(text: str, e: int, stripped: str) -> tuple[int, str | None]:
    """(where the unit is looked for, qualifier) after one space that sets Arabic digits apart from
    their hedge and unit (`40 余场次`, `514 家`); (e, None) when no unit follows (`2125 1111`, `2577万 多地`)."""
    if not (e + 1 < len(text) and text[e] in _GAP):
        return e, None
    pos, post = _hedge_after_number(text, e + 1, stripped)
    if _unit_at(text, pos, True) is not None:  # (not 确诊超2577万 多地…: a hedge needs its unit after it)
        return pos, post
    return e, None


def _read_unit(text: str, pos: int, arabic: bool, r: _Reading) -> None:
    """The unit written at `pos`, if any; the claim now ends after it."""
    r.unit = _unit_at(text, pos, arabic)
    r.end = pos + len(r.unit.spelling) if r.unit else pos
    if r.unit and r.unit.spelling == "个" and r.end < len(text) and text[r.end] in "多余半":
        # 一个多月, 三个半小时: the hedge or half sits inside the unit 个月 / 个小时.
        longer = _unit_split_by_mark(text, r.end + 1)
        if longer is not None:
            mark = text[r.end]
            r.unit = longer
            r.end += len(longer.spelling)
            if mark == "半":
                r.half = True
            else:
                r.qualifier = r.qualifier or mark


def _unit_says_no_quantity(text: str, s: int, pos: int, arabic: bool, r: _Reading) -> bool:
    """No unit but on a 万/亿 figure or digits grouped in thousands, a unit that makes it a year, a clock time or a session's ordinal, or a
    vague span of time."""
    if r.unit is None:
        # A 万/亿 figure may stand without a unit (累计采样3.5万。, 5800万贫困人口), nothing else may;
        # a Latin letter or digit glued to it makes it a code (5G, 3D, 4S店 never get this far).
        # Digits grouped in thousands (就诊人次为17,350) are an amount too: codes, years and ordinals are
        # never written so.
        nxt = text[pos:pos + 1]
        stated = any(c in _BIG for c in r.stripped) or (arabic and _THOUSANDS.search(r.stripped) is not None)
        return not stated or bool(nxt and nxt.isascii() and nxt.isalnum())
    if r.unit.kind == "time" and r.qualifier == _VAGUE:
        return True  # 数十年, 几十年如一日: a vague span of time says "long", it states no quantity
    if r.unit.spelling == "年":
        years = [r.value] if r.value_max is None else [r.value, r.value_max]
        if arabic and any(1000 <= v <= 2999 and float(v).is_integer() for v in years):
            return True
        if _MONTH_AFTER_YEAR.match(text, r.end) or text.startswith(_YEAR_AFTER, r.end):
            return True  # 22年3月; 112年同期 (a year of the Minguo calendar, as Taiwan writes it)
    if r.unit.spelling == "点" and any(text.endswith(w, 0, r.start) for w in _TIME_OF_DAY):
        return True
    # 八次全会, 十三届全国人大五次会议: a session's ordinal, written without 第
    return r.unit.spelling == "次" and bool(_PLENARY_AFTER.match(text, r.end) or (
        _SESSION_AFTER.match(text, r.end) and "届" in _clause_before(text, s, 16)))


def _names_a_time_or_group(text: str, r: _Reading) -> bool:
    """A figure whose words around it make it no stated quantity: a point in time (更新于2天前, 三年后),
    the time of the narrative (这两天), an age range (3至11岁孩子: an age group), a cohort (2012级,
    2020届) or a year of history (公元前201年). An age with a bound (65岁以上) stays a claim: the gold of
    unseen pages holds such ones. (A page's view count, 5万次阅读, is page furniture, the furniture
    classifier's to drop with its line.)"""
    unit = r.unit
    if unit.kind == "time" and (text.startswith(_POINT_IN_TIME_AFTER, r.end)
                                or text.endswith(_DEICTIC_BEFORE, 0, r.start)):
        return True
    if unit.spelling in _AGE_UNITS and r.value_max is not None:
        return True
    if unit.spelling in _COHORT_UNITS and r.value_max is None and 1900 <= r.value <= 2100 and r.value.is_integer():
        return True
    return unit.spelling == "年" and text.endswith(_YEAR_BEFORE, 0, r.start)


def _read_after_unit(text: str, r: _Reading) -> None:
    """What follows the unit: 半 after a measure (两年半), a bound (3人以上, 5公斤左右), 成's tenths (四成五)."""
    if r.unit.kind != "count":
        if not r.half and text.startswith("半", r.end):
            r.half, r.end = True, r.end + 1
        r.end, q = _hedge_after(text, r.end, "after_unit")
    else:
        r.end, q = _hedge_after_bound(text, r.end)
    if q:
        r.qualifier = r.qualifier or q
    end = r.end
    if r.unit.spelling == "成" and end < len(text) and text[end] in _CN_ONE_TO_NINE and not (
            end + 1 < len(text) and (text[end + 1] in _CN or _unit_at(text, end + 1, False) is not None)):
        r.value += (_CN_ONE_TO_NINE.index(text[end]) + 1) / 10  # 四成五 = 4.5 成, 九成九 = 9.9 成
        r.end += 1


def _found(text: str, r: _Reading) -> _Found:
    """The claim read: a half added, a negative range turned round."""
    value, value_max = r.value, r.value_max
    if r.half:
        value += 0.5
        if value_max is not None:
            value_max += 0.5
    if r.negative:
        value, value_max = (-value_max, -value) if value_max is not None else (-value, None)
    return _Found(
        NumericClaim(surface=text[r.start:r.end], start=r.start, end=r.end, value=float(value),
                     value_max=None if value_max is None else float(value_max),
                     unit=r.unit.spelling if r.unit else None, unit_normalised=r.unit.normalised if r.unit else None,
                     qualifier=r.qualifier),
        unit_end=r.end)


_OPEN_QUOTES = frozenset("“\"「『《‘'")
_CLOSE_QUOTES = frozenset("”\"」』》’'")
_SLOGAN_TAIL = 4  # at most this many characters between the count and the closing quote


def _fills_a_quote(text: str, start: int, end: int) -> bool:
    """A Chinese-numeral count that opens a short quotation is a slogan or a name (“两个维护”,
    “十年动乱”, “三个一”), not a quantity."""
    if not start or text[start - 1] not in _OPEN_QUOTES:
        return False
    for ch in text[end:end + _SLOGAN_TAIL + 1]:
        if ch in _CLOSE_QUOTES:
            return True
        if ch in _PUNCT:
            return False
    return False


def _inside_title(text: str, pos: int) -> bool:
    """Whether `pos` lies between 《 and 》 (a book, document or programme title)."""
    lo = max(0, pos - _TITLE_REACH)
    opened = text.rfind("《", lo, pos)
    if opened < 0 or text.rfind("》", opened, pos) >= 0:
        return False
    return text.find("》", pos, pos + _TITLE_REACH) >= 0


def _clause_before(text: str, pos: int, reach: int) -> str:
    """The text of the clause before `pos`, at most `reach` characters."""
    seg = text[max(0, pos - reach):pos]
    return seg[max(seg.rfind(ch) for ch in _CLAUSE_END + _SENTENCE_END) + 1:]


def _signed_unit(text: str, pos: int) -> bool:
    """Whether a temperature unit follows, so that a minus sign before the number is a sign."""
    u = _unit_at(text, pos, True)
    return u is not None and u.normalised in _SIGNED_UNITS


def _unit_split_by_mark(text: str, pos: int) -> Unit | None:
    """The 个… unit whose rest is written at `pos` (月 after 一个多 → 个月)."""
    t = tables()
    for n in t.unit_lengths:
        u = t.units.get("个" + text[pos:pos + n - 1])
        if u is not None and n > 1:
            return u
    return None


def _hedge_after_bound(text: str, pos: int) -> tuple[int, str | None]:
    """After a count unit only the bounds apply (3人以上, 50人左右); 多/余 there start other words."""
    for h in tables().hedges.get("after_unit", ()):
        if h.hedge in ("多", "余"):
            continue
        if text.startswith(h.hedge, pos):
            return pos + len(h.hedge), h.qualifier
    return pos, None


def _percent_claim(text: str, m: re.Match) -> _Found | None:
    """百分之三十 → 30 %, 千分之五 → 5 ‰."""
    num = m.group("pnum")
    value = parse_number(num)
    if value is None:
        return None
    s = m.start("pct")
    start, qualifier = _hedge_before(text, s, num, ("before",))
    end, q = _hedge_after(text, m.end("pnum"), "after_unit")
    unit = "%" if m.group("pct") == "百分之" else "‰"
    return _Found(NumericClaim(surface=text[start:end], start=start, end=end, value=float(value),
                               unit=unit, unit_normalised=unit, qualifier=qualifier or q),
                  unit_end=end)


# --- subject, scope, sentence ---------------------------------------------------------------------

@lru_cache(maxsize=8)
def _by_char(words: tuple[str, ...], last: bool) -> dict[str, tuple[str, ...]]:
    """`words` grouped by their first (or last) character, keeping their longest-first order, so a
    strip loop only tries the words that can match."""
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[-1] if last else w[0], []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}


def _strip_front(phrase: str, words: tuple[str, ...]) -> str:
    """Drop scope words, determiners or adverbs from the front (共开展各类培训 → 开展各类培训 …)."""
    index = _by_char(words, False)
    changed = True
    while phrase and changed:
        changed = False
        for w in index.get(phrase[0], ()):
            if phrase.startswith(w) and (w != "共" or _GONG_RE.match(phrase)):
                phrase = phrase[len(w):]
                changed = True
                break
    return phrase


def _strip_back(phrase: str) -> str:
    """Drop linking verbs, scope words and particles from the end (确诊病例增至 → 确诊病例)."""
    index = _by_char(tables().tail_words, True)
    inside = tables().inside
    changed = True
    while phrase and changed:
        changed = False
        for w in index.get(phrase[-1], ()):
            if phrase.endswith(w) and (len(w) > 1 or phrase[-2:] not in inside):
                phrase = phrase[:-len(w)]  # (not a character that ends a word: 据统计 keeps its 计)
                changed = True
                break
    return phrase


_CODE_TAIL = re.compile(r"-?[0-9]+(?:[A-Za-z]+[0-9]*)*")  # the digits of COVID-19, H1N1, N95


def _cut_at_punct(seg: str) -> str:
    """`seg` up to its first punctuation mark or digit, passing over a short aside in brackets inside a
    noun (村(社区)卫生室, 州(市)政府) but not a list in brackets (省(自治区、直辖市))."""
    i = 0
    while i < len(seg):
        c = seg[i]
        if c in "(（" and i:
            aside = _ASIDE_INSIDE.match(seg, i)
            if aside and aside.end() < len(seg) and seg[aside.end()] not in _PUNCT:
                i = aside.end()
                continue
        if i and seg[i - 1] in _ASCII_LETTER and (code := _CODE_TAIL.match(seg, i)):
            i = code.end()  # COVID-19, H1N1, N95: a code's digits are part of the word
            continue
        if c in _PUNCT or c.isdigit():
            return seg[:i]
        i += 1
    return seg


def _subject_after(text: str, pos: int, limit: int, unit: Unit | None = None) -> tuple[str | None, bool]:
    """(phrase after the unit, whether it is led by a verb): 口罩 in 10000个一次性医用口罩. After a count's
    unit a copula and a noun say what is counted (87例为本土病例); after a unit of people or groups an
    adjective and 的 lead to the noun counted (5名年轻的医生, 两个最大的拥核国家)."""
    counted = unit is not None and unit.kind == "count"
    t = tables()
    quoted = _quoted_at(text, pos, limit)
    if quoted:  # 1180次“会诊”: the quoted word is what was done
        return quoted, False
    if counted and text.startswith("的", pos) and (named := _quoted_at(text, pos + 1, limit)):
        # 16人的“肺癌早筛”义诊团队: the noun after the quoted name is what is counted
        after = pos + 1 + len(named) + 2
        head = _noun_phrase(_cut_at_punct(text[after:min(limit, after + _SUBJECT_AFTER_REACH)]))
        if len(head) > 1 and _ends_with_noun(head):
            return head, False
    seg = _cut_at_punct(text[pos:min(limit, pos + _SUBJECT_AFTER_REACH)])
    if unit is not None and unit.spelling.endswith("元"):  # 250元澳门币: the currency is part of the amount
        seg = seg[len(next((w for w in t.currency if seg.startswith(w)), "")):]
    if counted and seg.startswith(_COPULAS) and _ends_with_noun(noun := _noun_phrase(seg[1:])):
        return noun, False  # 87例为本土病例: what the counted are
    if any(seg.startswith(w) for w in t.detached + t.linking):
        return None, False  # 25年前; 56.6%为低: what follows says how, not what
    while seg.startswith("的"):
        seg = seg[1:]
    seg = _strip_front(seg, t.adverbs)
    if len(seg) > 2 and seg[1] in _VERB_PREPOSITIONS and claim_words.VERB_TAGS & {
            claim_words.word_tag(seg[0]), claim_words.word_tag(seg[:2])}:
        # 130万人死于该病, 7亿欧元用于应对…: a one-character verb with its preposition and object
        return seg[:2] + _strip_back(seg[2:2 + _noun_end(seg[2:])]), True
    vm = t.verb_at.match(seg)
    verb = vm.group() if vm else None
    if verb and not _noun_after_verb(seg, len(verb)):
        rest = seg[len(verb):]
        end = _noun_end(rest)
        obj = _strip_back(rest[:end])
        return verb + obj, True
    noun = (not verb and counted and _head_after_clause(seg)) or _noun_phrase(seg, len(verb) if verb else 0)
    if not noun and not verb and unit is not None and unit.spelling in _PEOPLE_UNITS and (done := _what_people_do(seg)):
        return done, True  # 4200余人在线观摩: what the people did
    if not verb and (counted or len(noun) == 1) and seg.startswith("的", len(noun)) \
            and claim_words.word_tag(noun) in _ADJECTIVE_TAGS:
        head = _noun_phrase(seg[len(noun) + 1:])
        if len(head) > 1 and _ends_with_noun(head):  # 4台先进的超声诊断仪器; 2.8公里长的承压钢管 → 承压钢管
            noun = head if len(noun) == 1 else noun + "的" + head
        elif len(noun) == 1:
            noun = ""  # (一百米长的退水口: 长 says how it measures, not what)
    elif not verb and counted and noun and seg.startswith(_JOINS_NOUNS, len(noun)):
        noun = _joined_nouns(seg, noun, _SUBJECT_AFTER_REACH)
    return (noun[:16] or None), False


_VERB_PHRASE_MAX = 8  # characters of what a count of people did (在线观摩, 到我院贴敷)
# Word classes that open what people did: verbs, adverbs, prepositions, distinguishing words (在线).
_DEED_OPENING_TAGS = claim_words.VERB_TAGS | {"d", "ad", "p", "b"}
_VERB_PHRASE_ENDS = frozenset({"u", "uj", "ul", "uz", "ug", "uv", "ud", "y", "c"})  # 的, 了, 着, 吗, 和 …


def _what_people_do(seg: str) -> str:
    """The verb phrase right after a count of people that names no noun (4200余人在线观摩 → 在线观摩,
    近300人到我院贴敷了… → 到我院贴敷): a verb within its first three words, up to a particle or
    conjunction, ending with a verb; '' when none."""
    words = claim_words.segment(seg)
    if not words or claim_words.word_tag(words[0]) not in _DEED_OPENING_TAGS or not any(
            claim_words.word_tag(w) in claim_words.VERB_TAGS for w in words[:3]):
        return ""  # (17人中有14名党员: a locative opens no deed)
    phrase, last = "", None
    for w in words:
        if claim_words.word_tag(w) in _VERB_PHRASE_ENDS or len(phrase) + len(w) > _VERB_PHRASE_MAX:
            break
        phrase, last = phrase + w, w
    # it ends with its verb (到我院 alone says where, not what was done)
    return phrase if len(phrase) > 1 and claim_words.word_tag(last) in claim_words.VERB_TAGS else ""


_RELATIVE_REACH = 10  # the longest clause between a count's unit and the 的 before the noun it counts


def _head_after_clause(seg: str) -> str:
    """The noun a count counts when a clause led by a preposition (perhaps after an adverb) and ending with a verb
    stands between the unit and it (2名曾在外国确诊的澳门居民 → 澳门居民; not 5名患者出现的症状, whose
    clause opens with the noun counted; 30人在医院接受的治疗 → '': a verbal noun is no thing counted); else ''."""
    k = seg.find("的", 0, _RELATIVE_REACH + 1)
    if k < 1:
        return ""
    words = claim_words.segment(seg[:k])
    opening = [claim_words.word_tag(w) for w in words[:2]]
    if not (opening[0] == "p" or opening[:2] == ["d", "p"]) or claim_words.word_tag(words[-1]) not in claim_words.VERB_TAGS:
        return ""  # (10个非常任理事国提出的…: 非常 is no adverb there)
    head = _noun_phrase(seg[k + 1:])
    return head if len(head) > 1 and _ends_with_noun(head) else ""


_JOINS_NOUNS = ("及", "和", "与")
_SUBJECT_AFTER_REACH = 24  # characters after the unit a subject is looked for in


def _joined_nouns(seg: str, noun: str, cut: int) -> str:
    """`noun` and the noun phrase a conjunction joins to it, when the conjunction is a word of its own
    and the second phrase is nouns only, ending with one, and both fit a subject's length
    (70家机构类医学资讯及健康科普自媒体, 57个国家和地区); else `noun` alone (not 20万元及时发放's 及时).
    `cut`: the length `seg` was cut to, where a phrase may go on unseen."""
    k = len(noun)
    pos = 0
    for w in claim_words.segment(seg):
        if pos == k:
            if w not in _JOINS_NOUNS:
                return noun
            break
        pos += len(w)
    else:
        return noun
    second = _noun_phrase(seg[k + 1:])
    words = claim_words.segment(seg[k + 1:])
    tags = {claim_words.word_tag(w) for w in claim_words.segment(second)}
    ends_a_word = sum(map(len, words[:len(claim_words.segment(second))])) == len(second)
    beyond = seg[k + 1 + len(second):]
    if len(second) < 2 or not _ends_with_noun(second) or len(noun) + 1 + len(second) > _SUBJECT_MAX \
            or tags & (claim_words.VERB_TAGS | _COUNT_TAGS) or any(w in tables().linking for w in words[:-1]
                                                                 if second.find(w) >= 0) \
            or k + 1 + len(second) == cut or not ends_a_word \
            or (beyond and claim_words.word_tag(claim_words.segment(beyond)[0]) in claim_words.NOUN_TAGS):
        return noun  # (两艘载人飞船和一艘货运飞船: a count of its own; 62家大中型医院和专科医院恢复…: a verb;
        # 165个重点工程和重点项目为主体: a linking verb; 政党和政治|组织: the phrase goes on)
    return noun + seg[k] + second


_COPULAS = ("为", "是")
# Word classes of a word before 的 that only describes the noun counted after it (年轻, 最大, 大型); a noun
# there is itself what is counted (30多个村里的农机手, 四个方面的主要内容).
_ADJECTIVE_TAGS = frozenset({"a", "b", "z"})


def _noun_phrase(seg: str, start: int = 0) -> str:
    """The noun phrase `seg` opens (searched for its end from `start`), without what ends it."""
    return _strip_back(_before_adverb(seg[:_noun_end(seg, start)]))


def _before_adverb(phrase: str) -> str:
    """`phrase` up to its first adverb, preposition, conjunction or ordinal of two or more characters
    right after a noun, by the words' classes: what follows one says how or when the things counted
    act (90位议员第一次…, 6名航天员首次…, 17个贫困县正式退出…), not what they are. (One-character words
    are too often a word's own end: 接种点, 各族群众; the dictionary's numeral and pronoun classes hold
    nouns too: 良种, 多样.)"""
    pos, before = 0, None
    for w in claim_words.segment(phrase):
        if before in claim_words.NOUN_TAGS and len(w) > 1 and (
                claim_words.word_tag(w) in claim_words.NOT_IN_NOUN_TAGS or _says_how_often(w)):
            return phrase[:pos]
        pos, before = pos + len(w), claim_words.word_tag(w)
    return phrase


def _noun_end(seg: str, start: int = 0) -> int:
    """Where a noun phrase after the unit ends: at the first verb or stop word that is not itself
    part of a noun (30名负责人参加 → 负责人) or of a word with the character before it (2个绩效考核细则:
    细则 is one word, by the character pairs the name finder checks its names against)."""
    inside = tables().inside
    for m in tables().noun_end.finditer(seg, start):
        i = m.start()
        if i > start and seg[i - 1:i + 1] in inside and not (i - 1 > start and seg[i - 2:i] in inside):
            continue  # (细则 is one word; in 三个方面对 the 面 already ends 方面)
        if not _noun_after_verb(seg, m.end()):
            return m.start()
    return len(seg)


_QUOTE_REACH = 12  # the longest quoted word taken as a subject


def _quoted_at(text: str, pos: int, limit: int) -> str | None:
    """The word in quotes written at `pos` (“会诊”), or None."""
    if pos >= min(limit, len(text)) or text[pos] not in _OPEN_QUOTES:
        return None
    for k in range(pos + 1, min(limit, len(text), pos + _QUOTE_REACH + 2)):
        if text[k] in _CLOSE_QUOTES:
            word = text[pos + 1:k]
            return word if word and not any(c in _PUNCT or c.isdigit() for c in word) else None
    return None


# One-character locatives that pair up across 、 (区内、外, 省内、外, 上、下游).
_LOCATIVE = frozenset("内外上下前后东西南北中")
_CN_ONE_TO_NINE = "一二三四五六七八九"
# A short aside in brackets inside a noun phrase (村(社区)卫生室): no punctuation or digit inside.
_ASIDE_INSIDE = re.compile(r"[（(][^（()）、，,。；;：:0-9]{1,6}[)）]")
# A bracketed aside right before the number (医用防护口罩（N95）2万只) is skipped: the subject is before it.
_ASIDE_BEFORE = re.compile(r"[（(][^（()）]{1,12}[)）]$")
# A time phrase closing the words before a number (国家数量从2021年的22个, 增加到2022年的37个) says when,
# not what: it is dropped from the subject.
_TIME_BEFORE = "|".join(rules.words("claims_context_words.txt", "time before"))
_SPAN_UNITS = "年|天|周|月|小时|分钟"  # a span before 前/后 is a point in time (十多年前的, 三周之前的)
_COMPARISON_BASE = "|".join(rules.words("claims_context_words.txt", "comparison base"))  # 较平时, 较上年
_TIME_TAIL = re.compile(rf"(?:从|自|较|比|到|至|在|是)?(?:[0-9]{{4}}年(?:底|初|末)?|{_TIME_BEFORE}"
                        rf"|{_NUMX}多?个?(?:{_SPAN_UNITS})(?:{'|'.join(_POINT_IN_TIME_AFTER)}))的?$"
                        rf"|(?:较|比)(?:{_COMPARISON_BASE})$")


def _last_punct(seg: str) -> int:
    """Index of the last punctuation mark in `seg`, else -1."""
    for i in range(len(seg) - 1, -1, -1):
        if seg[i] in _PUNCT:
            return i
    return -1


def _noun_after_verb(seg: str, pos: int) -> bool:
    """A verb ending at `pos` is part of a noun: 负责人, 检测人员, 接诊量, 消杀面积."""
    return any(seg.startswith(w, pos) for w in tables().verb_nouns)


def _topic(seg: str) -> str | None:
    """The noun phrase before a bare verb (他的摩托车 in 他的摩托车已经换了三辆 → 摩托车)."""
    seg = _strip_back(_strip_front(_strip_back(seg), tables().scope))
    k = seg.rfind("的")
    if k >= 0 and len(seg) - k > 2:
        seg = seg[k + 1:]
    return _last_words(seg) or None


_SUBJECT_MAX = 16  # characters of a subject phrase


def _last_words(phrase: str) -> str:
    """The phrase's last _SUBJECT_MAX characters, not starting inside a word (门|诊类流感… → 类流感…),
    and without a conjunction in front (及学龄前幼儿 → 学龄前幼儿)."""
    t = tables()
    start = max(0, len(phrase) - _SUBJECT_MAX)
    while 0 < start < len(phrase) and phrase[start - 1:start + 1] in t.inside:
        start += 1
    phrase = phrase[start:]
    for w in t.conjunctions:
        if phrase.startswith(w) and phrase[len(w) - 1:len(w) + 1] not in t.inside:
            return phrase[len(w):]
    return phrase


def _subject_before(text: str, pos: int, limit: int) -> str | None:
    """The activity or thing before the number, after the last governing verb or scope word:
    核酸采样 in 医院共完成核酸采样45万余人次; None when the verb is last (先后派出2670人次)."""
    t = tables()
    seg = text[max(limit, pos - 40):pos].rstrip(" \u3000")  # (布设AED 36台: a space before the figure)
    aside = _ASIDE_BEFORE.search(seg)
    if aside:
        seg = seg[:aside.start()]
    cut = _last_punct(seg)
    if cut > 0 and seg[cut] == "、" and seg[cut - 1] in _LOCATIVE and seg[cut + 1:cut + 2] in _LOCATIVE:
        cut += 1  # 区内、外核酸采集: 内、外 is a pair of places, the subject is 核酸采集
    seg = seg[cut + 1:]
    if not seg:
        return None
    aspect = seg.endswith(("了", "过"))  # 换了三辆: a verb with its aspect mark, the count is its object
    timed = _TIME_TAIL.search(seg) or _TIME_TAIL.search(seg := _strip_back(seg))  # (十年前的 before 前的 goes)
    if timed:
        seg = timed.string[:timed.start()]
    seg = _strip_back(seg)
    # The subject follows the last governing verb or scope word that still leaves something after it.
    for m in reversed(list(t.cut_words.finditer(seg))):
        if _noun_after_verb(seg, m.end()):
            continue  # 负责人, 接诊量: the verb is inside the subject
        tail = _strip_back(_strip_front(seg[m.end():], t.scope))
        if tail:
            if len(tail) == 1 and aspect:
                return _topic(seg[:m.start()]) or tail
            if _says_only_when([(0, w) for w in claim_words.segment(tail)]):
                return _topic(seg[:m.start()])  # 低保平均标准达到每人每月746元: the topic, not 每人每月
            if m.group() in _ATTRIBUTIVE and seg.startswith(tail, m.end()) and _ends_with_noun(tail):
                return _last_words(m.group() + tail)  # 累计确诊病例12416例: part of the noun phrase
            return _last_words(tail)
    tail = _strip_back(_strip_front(seg, t.scope))
    return _last_words(tail) or None


def _continues(text: str, prev_end: int, start: int, same_unit: bool = False) -> bool:
    """Only a linking verb (and a time) between two figures: 从不足三成提高到百分之九十八,
    从2021年的22个增加到2022年的37个; or, for figures of one unit, a word that joins a list
    (75%及65%, 8.1%、1.4%). The second figure then counts what the first one counts."""
    between = text[prev_end:start]
    if same_unit and between in _LIST_JOINS:
        return True
    if not between or any(c in _PUNCT for c in between):
        return False
    between = _strip_back(between)
    timed = _TIME_TAIL.search(between)
    if timed:
        between = between[:timed.start()]
    between = _strip_back(between)
    return between in tables().linking or not between


_LIST_JOINS = frozenset(rules.words("claims_context_words.txt", "list joins"))
_ATTRIBUTIVE = frozenset(rules.words("claims_context_words.txt", "attributive scope"))
_PEOPLE_UNITS = frozenset(rules.words("claims_context_words.txt", "people units"))
_GROUP_UNITS = frozenset(rules.words("claims_context_words.txt", "group units"))
_VERB_PREPOSITIONS = frozenset(rules.words("claims_context_words.txt", "verb prepositions"))


def _verb_before(text: str, pos: int) -> str | None:
    """A governing verb written right before the number (捐赠8万元 → 捐赠)."""
    m = tables().verb_before.search(text, max(0, pos - 4), pos)
    return m.group() if m else None


def _ends_with_noun(phrase: str) -> bool:
    """Whether the last word of `phrase` is a noun by its word class (确诊病例; not 上涨, nor a verbal
    noun such as 培训 that reads as the verb 累计 modifies)."""
    tags = [claim_words.word_tag(w) for w in claim_words.segment(phrase)]
    while len(tags) > 1 and tags[-1] in claim_words.NOT_LAST_TAGS:
        tags.pop()  # (确诊病例已 of 累计确诊病例已达…)
    return tags[-1] in claim_words.NOUN_TAGS - {"vn"}


def _only_places(phrase: str) -> bool:
    """Whether `phrase` is only place names by its words' classes (美国, 波士顿和费城)."""
    tags = [claim_words.word_tag(w) for w in claim_words.segment(phrase)]
    places = [t for t in tags if t != "c"]
    return bool(places) and all(t in claim_words.PLACE_NAME_TAGS for t in places)


def _ends_its_clause(text: str, pos: int) -> bool:
    """Whether nothing but a punctuation mark (or the end) follows `pos`."""
    return pos >= len(text) or text[pos] in _PUNCT


def _agent_only(phrase: str) -> bool:
    """Whether `phrase`, before a figure, names only who acts on it, by its words' classes: only place
    names (美国有超过111万人死于枪支暴力事件: where), or words that end with a verb (中国推动三亿人
    参与冰雪运动: the figure is the verb's object). A verb phrase after the figure then says better
    what is counted or done."""
    last = claim_words.segment(phrase)[-1]
    return _only_places(phrase) or claim_words.word_tag(last) in claim_words.VERB_TAGS


def _says_how_often(word: str) -> bool:
    """An ordinal or a count of times by its word class (第一次, 首次, 多次): it says when or how often,
    so it neither ends a subject nor belongs to the noun before it."""
    return len(word) > 1 and claim_words.word_tag(word) == "m" and (word[0] == "第" or word[-1] == "次")


def _beside_a_word(words: list[tuple[int, str]], k: int) -> bool:
    """Whether the function word at index `k` (the first or the last) of `words` may be dropped: a word
    of two or more characters, or one character that forms no word with its neighbour and is an adverb
    or stands beside a word of two or more characters (确诊病例|已, 业务|量|已 → drop 已; but 体育场|地:
    场地; 预计|惠|及, 在|院|治疗, 徐|凡: prepositions and conjunctions beside one character, and
    anything beside a surname, are too often inside an unknown word)."""
    w = words[k][1]
    if len(w) > 1:
        return True
    if len(words) < 2:
        return False
    neighbour = words[k - 1][1] if k else words[1][1]
    pair = neighbour[-1] + w if k else w + neighbour[0]
    if claim_words.word_tag(pair) is not None or pair in tables().inside:
        return False
    return len(neighbour) > 1 or (claim_words.word_tag(w) in claim_words.ADVERB_TAGS
                                  and claim_words.word_tag(neighbour) not in claim_words.PERSON_TAGS)


def _subject(text: str, f: _Found, prev_end: int, next_start: int) -> str | None:
    """The noun after the unit; else the activity before the number (before its brackets, for a
    figure in brackets after its noun: 病例百分比(0.5%)); else a verb phrase after it (first, after a
    beneficiary: 为600多人提供健康咨询); else the verb of change right before it (较前一周下降10.6%).
    Only whole words count: a fragment, a single character that names nothing or a function word is
    no subject (None, rather)."""
    c = f.claim
    if f.zero_word:
        return c.surface[1:]
    unit = tables().units[c.unit] if c.unit is not None else None
    counted = unit is not None and unit.kind == "count"
    after, verb_led = _subject_after(text, f.unit_end, next_start, unit)
    # (29个村、, 26个里的: one character may be a whole word before a punctuation mark or a stop word;
    # not 激 of 数十例激增)
    end = f.unit_end + len(after or "")
    single_ok = end >= len(text) or text[end] in _CLAIM_END_OK or tables().noun_end.match(text, end) is not None
    after_words = (_in_words(text, after, f.unit_end, next_start, after_count=counted)
                   if after and _whole(after, single_ok) else None)
    if after_words and not verb_led and _whole(after_words, single_ok):
        return after_words
    bracketed = c.start and text[c.start - 1] in "（(" and text[c.end:c.end + 1] in ("）", ")")
    before_end = c.start - 1 if bracketed else c.start
    before = _subject_before(text, before_end, prev_end)
    if verb_led and c.start and text[c.start - 1] in _BENEFACTIVE:
        before = None  # 为600多人提供健康咨询: the people are who it was done for
    before = _in_words(text, before, prev_end, before_end, last=True) if before and _whole(before) else None
    first = (after_words, before) if before and after_words and _agent_only(before) else (before, after_words)
    for candidate in (*first, _verb_before(text, c.start), _change_before(text, c.start)):
        if candidate and _whole(candidate):
            return candidate
    return None


def _in_words(text: str, phrase: str, lo: int, hi: int, last: bool = False, after_count: bool = False) -> str | None:
    """`phrase` as whole words of the text it was read from (its first, or `last`, occurrence in
    text[lo:hi]): edges that cut a word are moved inward to the word's end (次喷发 of 再次喷发 → 喷发,
    降水量可 of 降水量可达 → 降水量), words that never end a phrase (adverbs, prepositions, particles:
    已, 从, 了) are dropped from its end and those that never start one (prepositions, conjunctions) from
    its front; None when nothing is left, one character that names no thing (里 of 两天里, 用 of
    用于), or only a time word, or after a unit that is no count's measure word words that start with
    one (过去 of 过去两天, 今天公布 of 总投资1850亿元今天公布; not 日夜 of 43个日夜). The words are those of the clause around the phrase within [lo, hi), so the claim itself
    never joins a word (3名医生 is not 3|名医|生)."""
    i = text.rfind(phrase, lo, hi) if last else text.find(phrase, lo, hi)
    if i < 0:
        return phrase  # (written in pieces: nothing to check it against)
    j = i + len(phrase)
    a = max(lo, max(text.rfind(ch, lo, i) for ch in _CLAUSE_MARKS + _SENTENCE_END) + 1)
    b = min((k for k in (text.find(ch, j, hi) for ch in _CLAUSE_MARKS + _SENTENCE_END) if k >= 0), default=hi)
    words, pos = [], a
    for w in claim_words.segment(text[a:b]):
        if pos >= i and pos + len(w) <= j:
            words.append((pos, w))
        pos += len(w)
    tag = claim_words.word_tag
    while words and ((tag(words[-1][1]) in claim_words.NOT_LAST_TAGS and _beside_a_word(words, -1))
                     or (len(words) > 1 and _says_how_often(words[-1][1]))):
        words.pop()  # (社会消费品零售总额首次 → 社会消费品零售总额)
    while words and tag(words[0][1]) in claim_words.NOT_FIRST_TAGS and _beside_a_word(words, 0):
        words.pop(0)
    if not words or (tag(words[0][1]) in claim_words.TIME_TAGS and (len(words) == 1 if last else not after_count and (
            len(words) == 1 or tag(words[1][1]) in claim_words.VERB_TAGS))):
        return None  # (过去两天, 1850亿元今天公布: when; 43个日夜: a count's measure word counts the days;
        # 36岁的青年科学家: 青年 names people)
    if last and _says_only_when(words):
        return None  # (这个月就有23个, 每天: a pronoun and a time say when, not what)
    whole = text[words[0][0]:words[-1][0] + len(words[-1][1])]
    if len(whole) == 1 and whole not in tables().change and tag(whole) in claim_words.NOT_A_THING_TAGS and not (
            after_count and tag(whole) in claim_words.PLACE_TAGS):
        return None  # (a count's measure word wants a noun: 26个里的 counts 里, villages; 两天里 does not)
    return whole


# Word classes of words that name no thing (pronouns, numerals, measure words, times, locatives): a phrase
# before a figure made only of them that says a time (这个月, 上个月底) is no subject (他们一家, 我国 are).
_NO_CONTENT_TAGS = frozenset({"r", "m", "mq", "q", "t", "tg", "f"})
_TIME_CHARS = frozenset("年月日天周")
def _says_only_when(words: list[tuple[int, str]]) -> bool:
    """Whether the (offset, word) list names no thing but a time: pronouns, numerals, measure words and
    locatives with a time word or ending with a time character (这个月, 上个月底, 每人每月; not 他们一家, 我国)."""
    tag = claim_words.word_tag
    return bool(words) and all(tag(w) in _NO_CONTENT_TAGS for _, w in words) and (
        any(tag(w) in claim_words.TIME_TAGS for _, w in words) or words[-1][1][-1] in _TIME_CHARS)


# Prepositions of the people something is done for (为600多人提供…): the verb phrase after is the subject.
_BENEFACTIVE = frozenset(rules.words("claims_context_words.txt", "benefactive"))
_ASPECT_AFTER_CHANGE = tuple(rules.words("claims_context_words.txt", "aspect after change"))


def _whole(subject: str, single_ok: bool = False) -> bool:
    """A subject is a word or phrase (布设AED → AED): not a function word (就, 虽), a Latin letter, or one
    character unless it is a verb of change (涨5.21%) or, with `single_ok`, a Chinese word right after
    the unit."""
    t = tables()
    if subject in t.change:
        return True
    return ((len(subject) >= 2 or (single_ok and not subject.isascii())) and subject not in t.function_words
            and not subject.strip().isdigit())


def _change_before(text: str, pos: int) -> str | None:
    """A verb of change written right before the number (较前一周下降10.6% → 下降)."""
    head = text[max(0, pos - 6):pos]
    for particle in _ASPECT_AFTER_CHANGE:
        head = head.removesuffix(particle)
    return next((w for w in tables().change if head.endswith(w)), None)


def _subject_in_clauses_before(text: str, start: int, sentence_start: int, figures: list[int],
                               clauses: int = 3) -> str | None:
    """The subject of a claim whose own clause gives none, from the clauses before it in its sentence
    (老年人多,80岁以上的就有1000多人 → 老年人多): the nearest that states no figure of its own
    (`figures`: where the paragraph's claims start). A clause that reports who spoke (…负责人表示)
    names no subject. `clauses`: how many clauses are looked back over (figures-only ones, 63,093、,
    are passed)."""
    k = start
    for _ in range(clauses):
        k = max(text.rfind(ch, sentence_start, k) for ch in _CLAUSE_MARKS)
        if k < sentence_start:
            return None
        j = max(max(text.rfind(ch, sentence_start, k) for ch in _CLAUSE_MARKS) + 1, sentence_start)
        clause = text[j:k]
        if not clause or any(ch.isdigit() for ch in clause) or any(j <= f < k for f in figures):
            continue
        if clause.endswith(tables().report):
            return None
        subject = _subject_before(text, k, j)
        subject = _in_words(text, _before_adverb(subject), j, k, last=True) if subject and _whole(subject) else None
        return subject if subject and _whole(subject) else None  # (党员突击队迅速集结,12人… → 党员突击队)
    return None


def _next_clause(text: str, prev_end: int, start: int) -> bool:
    """Is the figure at `start` in the clause right after the one the figure ending at `prev_end` is in?"""
    between = text[prev_end:start]
    return sum(between.count(ch) for ch in "，,；;") == 1 and not any(ch in between for ch in "（()）。！？!?")


_CLAUSE_MARKS = "，,；;：:、（("


_SENTENCE_BREAK = re.compile("[" + re.escape(_SENTENCE_END) + "]")
_SENTENCE_REACH = 300  # a run-on "sentence" is cut this far either side of the claim


def _sentence_bounds(breaks: list[int], n: int, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end), from the precomputed break positions (one pass per text)."""
    i = bisect_left(breaks, start)
    a = breaks[i - 1] + 1 if i else 0
    j = bisect_left(breaks, end)
    b = breaks[j] if j < len(breaks) else n
    return max(a, start - _SENTENCE_REACH), min(b, end + _SENTENCE_REACH)


_CLAUSE_END = "，,；;：:"


def _is_cumulative(before: str) -> bool:
    """截至… anywhere earlier in the sentence, or 累计 / 共 / 共计 … earlier in the claim's own clause."""
    if "截至" in before or "截止" in before:
        return True
    clause = before[max(before.rfind(ch) for ch in _CLAUSE_END) + 1:]
    t = tables()
    return any(w in clause for w in t.cumulative if w != "共") or _GONG_RE.search(clause) is not None


def _period(periods: list[re.Match], a: int, b: int, start: int) -> str | None:
    """The period the sentence [a, b) gives: the nearest before the claim (`4月23日至6月6日`), else the first."""
    i = bisect_left(periods, a, key=lambda m: m.start())
    best = None
    while i < len(periods) and periods[i].end() <= b:
        if periods[i].start() < start or best is None:
            best = periods[i]
        i += 1
    return best.group() if best else None


# --- the public function --------------------------------------------------------------------------

def extract_claims(text: str) -> list[NumericClaim]:
    """Claims stated in one normalised paragraph, ordered by start; `text[start:end] == surface`."""
    if not text or not isinstance(text, str):
        return []
    masks = [m.span() for m in _NOT_A_QUANTITY.finditer(text)] if _might_hold_codes(text) else []
    found: list[_Found] = []
    last_end = 0
    for m in _candidates().finditer(text):
        if m.group("zero"):
            s, e = m.span("zero")
            if s and text[s - 1] in _ORDINAL_BEFORE:
                continue
            f = _Found(NumericClaim(surface=m.group("zero"), start=s, end=e, value=0.0), e, zero_word=True)
        elif m.group("pct"):
            f = _percent_claim(text, m)
        else:
            f = _number_claim(text, m, masks)
        if f is None or f.claim.end <= f.claim.start:
            continue
        if f.claim.start < last_end:
            continue
        found.append(f)
        last_end = f.claim.end
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)] if found else []
    periods = list(_PERIOD.finditer(text)) if found else []
    claims = []
    starts = [f.claim.start for f in found]
    for i, f in enumerate(found):
        c = f.claim
        prev_end = found[i - 1].claim.end if i else 0
        next_start = found[i + 1].claim.start if i + 1 < len(found) else len(text)
        c.subject = _subject(text, f, prev_end, next_start)
        same_unit = bool(claims) and claims[-1].unit == c.unit
        if claims and _continues(text, prev_end, c.start, same_unit) and claims[-1].subject:
            c.subject = claims[-1].subject
        a, b = _sentence_bounds(breaks, len(text), c.start, c.end)
        if c.subject is None and claims and (same_unit or (c.unit in _PEOPLE_UNITS and claims[-1].unit in _GROUP_UNITS)) \
                and _next_clause(text, prev_end, c.start):
            c.subject = claims[-1].subject  # 1180次“会诊”,平均每天20次; 组建了3支医疗队,共计120人
        if c.subject is None and not (c.unit and tables().units[c.unit].kind == "time"):
            # (a span of time, 100年来, 前两个月, counts nothing the clause before names)
            c.subject = _subject_in_clauses_before(text, c.start, a, starts)
        elif c.subject and _ends_its_clause(text, f.unit_end) and _only_places(c.subject):
            # 同时邻近县市已有本土病例,国内累计12例: a place says where; the clause before, when it
            # states no figure of its own, says what (其中台南11例 after a figure keeps its place)
            c.subject = _subject_in_clauses_before(text, c.start, a, starts, clauses=1) or c.subject
        c.sentence = text[a:b].strip() or None
        c.cumulative = _is_cumulative(text[a:c.start])
        c.period = _period(periods, a, b, c.start)
        claims.append(c)
    return claims


def _might_hold_codes(text: str) -> bool:
    """Only texts with @ : / . - can hold e-mails, addresses, files, phones, dates or clock times."""
    return any(ch in text for ch in "@:：/.-－")
