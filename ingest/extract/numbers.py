"""Numerals as written in Chinese news → numbers: the one place where number strings are parsed.

Handles Arabic (`243859`, `1,600`, full-width `１５`, decimals), Chinese (`十二`, `四十三`, `两千`,
`一万二`, `廿七`, `一百零五`, `三点五`), mixed (`3.5万`, `3.5萬`, `1.2亿`, `3万5千`) and ranges
(`五至六百`, `3-5`, `三四百`, `十五六`). Parsing works on a numeral string that was already cut out
of the text, so nothing here ever rewrites a whole paragraph (which would break offsets).
"""
from __future__ import annotations

import re

# Chinese digits, including the financial forms and the Traditional 兩.
CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
# Multipliers inside a section (below 万) and the section multipliers 万 / 亿.
CN_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
# Tens written as one character: 廿 = 二十, 卅 = 三十, 卌 = 四十.
CN_TENS: dict[str, int] = {"廿": 2, "卅": 3, "卌": 4}

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS) + "".join(CN_TENS)
MAGNITUDE_CHARS = "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
RANGE_SEPARATORS = ("至", "到", "-", "~", "—", "－", "～", "–")

# Full-width digits and decimal point → ASCII (the pipeline folds them already; this keeps the
# parser usable on raw text too).
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}
_FOLD[0xFF0E] = ord(".")
_FOLD[0xFF0C] = ord(",")

_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
# Thousands grouped by a space (Hong Kong and Taiwan: `14 258`, `1 378`), also thin and no-break spaces.
_SPACE_GROUPED = re.compile("[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+(?:\\.[0-9]+)?")
_TOKEN = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|.", re.S)
_RANGE_SPLIT = re.compile("|".join(re.escape(s) for s in RANGE_SEPARATORS))


def _fold(s: str) -> str:
    return s.translate(_FOLD).strip()


def _positional(s: str) -> float:
    """`二〇二二` → 2022: digits read one by one (years, codes), only when no multiplier is present."""
    return float("".join(str(CN_DIGITS[c]) for c in s))


def _parse_decimal_cn(s: str) -> float | None:
    """`三点五` → 3.5, `三点五万` → 35000."""
    whole, _, rest = s.partition("点")
    big = 1
    while rest and rest[-1] in CN_BIG_UNITS:
        big *= CN_BIG_UNITS[rest[-1]]
        rest = rest[:-1]
    if not rest or any(c not in CN_DIGITS for c in rest):
        return None
    w = parse_number(whole)
    if w is None:
        return None
    frac = float("0." + "".join(str(CN_DIGITS[c]) for c in rest))
    return (w + frac) * big


def parse_number(s: str) -> float | None:
    """The value of one numeral string, or None when `s` is not a well-formed numeral.

    `十二` → 12, `一万二` → 12000, `3.5万` → 35000, `1,600` → 1600, `百` → 100 (a bare magnitude
    reads as one of it, as in `百余名`). Ranges are `parse_range`'s job.
    """
    s = _fold(s)
    if not s:
        return None
    if _SPACE_GROUPED.fullmatch(s):
        s = "".join(s.split())
    if _ARABIC.fullmatch(s):
        return float(s.replace(",", ""))
    if "点" in s:
        return _parse_decimal_cn(s)
    tokens = _TOKEN.findall(s)
    # Digits read one by one: 二〇二二, 一一〇 (never two digits only: 三四 is a range, not 34).
    if all(t in CN_DIGITS for t in tokens):
        if len(tokens) == 1:
            return float(CN_DIGITS[tokens[0]])
        if len(tokens) >= 3 or any(CN_DIGITS[t] == 0 for t in tokens[1:]):
            return _positional(s)
        return None
    return _parse_cn_tokens(tokens)


def _parse_cn_tokens(tokens: list[str]) -> float | None:
    """Chinese numeral grammar over tokens (a token may be an Arabic number standing for a digit)."""
    yi = 0.0  # closed by 亿
    wan = 0.0  # closed by 万 (below 亿)
    section = 0.0  # below 万
    pending: float | None = None  # a digit not yet given its multiplier
    last_small: int | None = None  # the last 十/百/千 in this section, for order checks
    last_unit = 1  # the last multiplier seen, for the abbreviated 一万二 → 12000
    after_zero = False
    wan_seen = False
    seen = False  # anything read yet
    literal = False  # the pending digits are Arabic and two or more: 9万1811 is 91811, not 一万二's shorthand
    for t in tokens:
        if t in CN_DIGITS or t[0].isdigit():
            value = float(CN_DIGITS[t]) if t in CN_DIGITS else float(t.replace(",", ""))
            if pending is not None:
                return None
            if t in CN_DIGITS and value == 0:
                after_zero = True
                continue
            pending = value
            literal = t[0].isdigit() and len(t) > 1
        elif t in CN_TENS or t in CN_SMALL_UNITS:
            unit = 10 if t in CN_TENS else CN_SMALL_UNITS[t]
            if last_small is not None and unit >= last_small:
                return None
            if t in CN_TENS:
                if pending is not None:
                    return None
                pending = float(CN_TENS[t])
            elif pending is None:
                if unit != 10 and (seen or after_zero):
                    return None
                pending = 1.0  # 十二 = 一十二; 百余 = 一百余
            section += pending * unit
            pending = None
            last_small = unit
            last_unit = unit
            after_zero = False
        elif t in CN_BIG_UNITS:
            unit = CN_BIG_UNITS[t]
            part = section + (pending or 0.0)
            if unit == 10_000:
                if wan_seen:
                    return None
                if not part:
                    if seen:
                        return None
                    part = 1.0  # 万余 = 一万余
                wan = part * unit
                wan_seen = True
            else:
                part += wan
                if not part:
                    if seen:
                        return None
                    part = 1.0
                yi = (yi + part) * unit
                wan = 0.0
                wan_seen = False
            section = 0.0
            pending = None
            last_small = None
            last_unit = unit
            after_zero = False
        else:
            return None
        seen = True
    if pending is not None:
        if last_unit > 1 and not after_zero and not (literal and pending < last_unit):
            pending *= last_unit / 10  # 一万二 = 12000, 三千五 = 3500, 十五 = 15 (126万6727 = 1266727)
        section += pending
    elif not seen:
        return None
    return yi + wan + section


def magnitude_suffix(s: str) -> int:
    """The multiplier a numeral string ends with (`六百` → 100, `20万` → 10000, `三千万` → 10**7), else 1."""
    s = _fold(s)
    scale = 1
    i = len(s)
    while i > 0 and s[i - 1] in MAGNITUDE_CHARS:
        i -= 1
    tail = s[i:]
    if not tail or i == 0:
        return 1
    for c in tail:
        scale *= CN_SMALL_UNITS.get(c) or CN_BIG_UNITS[c]
    return scale


def _adjacent_range(s: str) -> tuple[float, float] | None:
    """`三四百` → (300, 400), `十五六` → (15, 16), `两三` → (2, 3), `三五` → (3, 5)."""
    i = next((k for k in range(len(s) - 1) if s[k] in CN_DIGITS and s[k + 1] in CN_DIGITS), None)
    if i is None:
        return None
    a, b = CN_DIGITS[s[i]], CN_DIGITS[s[i + 1]]
    if not (b == a + 1 or (a, b) == (3, 5)) or a == 0:
        return None
    head, tail = s[:i], s[i + 2:]
    if tail and any(c not in MAGNITUDE_CHARS for c in tail):
        return None
    base = 0.0
    if head:
        # 十五六 = 15–16, 二十七八 = 27–28: the head must end with 十 and digits then count ones.
        if not head.endswith(("十", "拾")) or tail:
            return None
        hv = parse_number(head)
        if hv is None:
            return None
        base = hv
    scale = 1.0
    for c in tail:
        scale *= CN_SMALL_UNITS.get(c) or CN_BIG_UNITS[c]
    if base:
        return base + a, base + b
    return a * scale, b * scale


def parse_range(s: str) -> tuple[float, float] | None:
    """Both ends of a written range, or None when `s` is not one.

    `五至六百` → (500, 600) (the high end's multiplier carries over when the low end reads smaller),
    `3-5` → (3, 5), `10至20万` → (100000, 200000), `三四百` → (300, 400).
    """
    s = _fold(s)
    if not s:
        return None
    parts = _RANGE_SPLIT.split(s)
    if len(parts) == 1:
        return _adjacent_range(s)
    if len(parts) != 2:
        return None
    low_s, high_s = parts[0].strip(), parts[1].strip()
    high = parse_number(high_s)
    low = parse_number(low_s)
    if high is None or low is None:
        return None
    scale = magnitude_suffix(high_s)
    if scale > 1 and magnitude_suffix(low_s) == 1 and low * scale <= high:
        low *= scale
    if low >= high:
        return None
    return low, high
