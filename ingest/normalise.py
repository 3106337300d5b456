"""Normalising: Traditional → Simplified and full-width → ASCII, keeping the text's length.

Offsets found in the normalised text must map back onto the original, so every function here
returns a string of the same length as its input, except `strip_pinyin`, which says what it removed.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

import opencc

from . import rules

# Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) to ASCII.
_WIDTH_FOLD = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for cp in range(r[0], r[1] + 1)}

# Zero-width and control characters that pages carry invisibly; removed before anything else.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _opencc_dictionary(name: str, single_chars: bool = True) -> dict[str, str]:
    """First candidate of each entry of one of OpenCC's tables: the characters that change, or every
    phrase (a phrase mapped to itself, 乾隆, is what stops its characters being converted)."""
    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", name)
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, values = line.rstrip("\n").partition("\t")
            first = values.split(" ")[0]
            if (len(key) == len(first) == 1 and first != key) if single_chars else len(key) == len(first):
                table[key] = first
    return table


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], frozenset[str], frozenset[str], re.Pattern, re.Pattern, dict[str, str]]:
    t2s = _opencc_dictionary("TSCharacters.txt")
    s2t = _opencc_dictionary("STCharacters.txt")
    # Hong Kong and Taiwan variant forms (衞 for 衛) that t2s alone leaves alone: to the standard
    # Traditional form, then to Simplified, as OpenCC's hk2s and tw2s chains do.
    # A variant that is itself a character of Simplified Chinese (GB 2312) is left alone: Taiwan writes
    # 著 for 着, but in Simplified text 著 is 著名, 显著.
    for table in ("HKVariantsRev.txt", "TWVariantsRev.txt"):
        for variant, standard in _opencc_dictionary(table).items():
            simplified = t2s.get(standard, standard)
            if variant not in t2s and simplified != variant and not _in_gb2312(variant):
                t2s[variant] = simplified
    traditional = frozenset(t2s)
    # variant and look-alike forms of common characters the tables leave alone (巿 for 市, 槪 for 概):
    # converted, but no sign of either script
    t2s.update((variant, standard) for variant, standard, *_ in rules.rows("variant_chars.tsv"))
    # Characters only Simplified text uses: they convert to something else and are not themselves
    # Traditional forms.
    simplified_only = frozenset(c for c in s2t if c not in t2s)
    char_table = {ord(k): v for k, v in t2s.items()}
    has_traditional = re.compile("[" + re.escape("".join(sorted(traditional))) + "]")
    # OpenCC's t2s phrase table (乾坤 stays 乾坤, 乾淨 becomes 干净); every entry keeps its length.
    phrases = _opencc_dictionary("TSPhrases.txt", single_chars=False)
    phrase_re = re.compile("|".join(map(re.escape, sorted(phrases, key=lambda p: (-len(p), p)))))
    return char_table, traditional, simplified_only, has_traditional, phrase_re, phrases


@lru_cache(maxsize=1)
def _convertible() -> frozenset[str]:
    """The characters `to_simplified` changes: Traditional forms and the variants of `variant_chars.tsv`."""
    return frozenset(chr(c) for c in _tables()[0])


def strip_invisible(text: str) -> str:
    """Remove zero-width and control characters (kept: tab and newline)."""
    return _INVISIBLE.sub("", text)


def fold_width(text: str) -> str:
    """Full-width digits and Latin letters to ASCII, one character for one."""
    return text.translate(_WIDTH_FOLD)


def to_simplified(text: str) -> str:
    """Traditional → Simplified as OpenCC's t2s does it, length kept: its phrase table first (longest
    match, left to right), then its character table, with str.translate rather than per character."""
    char_table, _, _, _, phrase_re, phrases = _tables()
    if _convertible().isdisjoint(text):  # a set test: 15x faster than a character-class regex
        return text
    out, pos = [], 0
    for m in phrase_re.finditer(text):
        out += [text[pos:m.start()].translate(char_table), phrases[m.group()]]
        pos = m.end()
    out.append(text[pos:].translate(char_table))
    return "".join(out)


def normalise(text: str) -> str:
    """The normalised form stored in `paragraphs.text` and `articles.title`: same length as `text`."""
    return fold_width(to_simplified(text))


def detect_script(text: str) -> str:
    """`traditional`, `simplified` or `mixed`, from the characters only one script uses."""
    _, traditional, simplified_only, *_ = _tables()
    trad = sum(1 for c in text if c in traditional)
    simp = sum(1 for c in text if c in simplified_only)
    if trad == 0 or trad <= simp * 0.05:
        return "simplified"
    if simp == 0 or simp <= trad * 0.05:
        return "traditional"
    return "mixed"


# Pinyin that machine conversion left in brackets after a character (`醫(yī)院`, `护（hù）士`):
# a Han character, then one syllable with a tone mark (or a tone digit) in brackets.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_ANNOTATION = re.compile(
    rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zü{_TONED}]{{1,6}}[1-5]?[)）])"
    rf"(?:[a-zü]*[{_TONED}][a-zü]*|[a-zü]{{1,6}}[1-5])[)）]")


def strip_pinyin(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Text without bracketed pinyin, and where it was: (offset in the result, characters removed)."""
    removed: list[tuple[int, int]] = []
    out: list[str] = []
    pos = shift = 0
    for m in PINYIN_ANNOTATION.finditer(text):
        out.append(text[pos:m.start()])
        removed.append((m.start() - shift, m.end() - m.start()))
        shift += m.end() - m.start()
        pos = m.end()
    if not removed:
        return text, []
    out.append(text[pos:])
    return "".join(out), removed


def original_offset(offset: int, removed: list[tuple[int, int]], end: bool = False) -> int:
    """Map an offset in the normalised text back to the original, given what `strip_pinyin` removed.

    A start offset lands after a removed annotation at the same place, an end offset before it.
    """
    return offset + sum(length for at, length in removed if at < offset or (at == offset and not end))
