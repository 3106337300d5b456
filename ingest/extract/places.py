"""Places: administrative divisions and world names from the data lists, plus towns, streets,
villages and communities recognised by their suffix (`XX镇`, `XX街道`, `XX村`, `XX社区` after a place).
Names too short or too ordinary to trust alone (`祁县`, `延长`: ner_places_ambiguous.txt) count only in
a list with another place (`介休、祁县`) or, with their suffix, right under their parent (`晋中市祁县`).

Canonical names are the full official form (`太原` → `太原市`, `延庆` → `延庆区`), so one place is
one entity whichever way an article writes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from .lexicon import CJK, CJK_RE, WordScanner, trie_regex

_WORDS = "ner_places_words.txt"  # the word lists below, each explained there
# Words after a pair of one-character country names: `中美关系`, `中俄两国`, `中英双方`.
_PAIR_NEXT = "|".join(rules.words(_WORDS, "pair next"))
# `来华`, `访华`, `对华`: 华 for China after a verb of travel or relation.
_HUA_RE = re.compile(f"(?<=[{''.join(rules.words(_WORDS, 'hua after'))}])华"
                     f"(?![{''.join(rules.words(_WORDS, 'hua not before'))}])")

# Ethnic names inside autonomous prefecture / county names: `延边朝鲜族自治州` has the stem `延边`.
_ETHNIC = rules.words(_WORDS, "ethnic groups")
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:%s)*自治(?:州|县|旗|区)$" % "|".join(sorted(_ETHNIC, key=len, reverse=True)))
_DIVISION_SUFFIXES = rules.words(_WORDS, "division suffixes")
# Towns, townships, streets, villages and communities not in the list are found by their suffix
# after a name of two or three characters. A suffix followed by one of `not_after` is the start of
# another word (乡镇, 乡村, 乡里, 村民, 镇江, 镇痛); a 社区 counts only right after another place
# (东海街道金屿社区), because 走进社区, 老旧社区 are everywhere.
_TOWN_NOT_AFTER = {row[0]: set("".join(row[1:])) for row in rules.rows(_WORDS, "town suffixes")}
_TOWN_SUFFIX_RE = re.compile(f"({'|'.join(_TOWN_NOT_AFTER)})(?![{CJK}]?[{''.join(rules.words(_WORDS, 'town titles'))}])")
_TOWN_LEFT = set("在到赴往于和与及、从由")  # characters a town name may directly follow
_DETERMINERS = set("各每该这其此某")  # a town name never opens with one of these
_TOWN_LEVELS = set("乡镇村")  # `推行乡、村政务公开`, `村帐乡管`: the levels, not a name
_PARTICLES = set("的了着过们")  # never inside a town's name
_COUNT_CHARS = set("一二两三四五六七八九十几多")  # `饶阳店两镇`, `十里八村`: a count before the suffix
# Places named in a list or under their parent (`介休、祁县`, `吴起、延长、延川`, `晋中市祁县`,
# `台南市北区、东区及永康区`) confirm names that are too short or too ordinary to trust alone.
_LIST_MARKS = set("、和及与或/")
_GENERIC_DIVISIONS = frozenset(rules.words(_WORDS, "generic divisions"))  # ordinary words for any town
# A two-character division name the lists do not hold counts only in a list right after a place
# (`安南区及北区`), and not when it opens with a determiner, a count or a level (`该区`, `全县`, `两市`).
_SHORT_DIVISION = re.compile(f"[{CJK}][区县市镇乡旗]")
_NOT_SHORT_DIVISION_START = _DETERMINERS | set("全本两多市县城郊矿")
_LEVEL = {"province": 3, "prefecture": 2, "county": 1, "world": 2}


def division_stem(name: str) -> str | None:
    """`太原市` → `太原`, `延边朝鲜族自治州` → `延边`; None when the stem would be under 2 characters."""
    m = _AUTONOMOUS.match(name)
    if m:
        return m.group(1)
    for suffix in _DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@dataclass(frozen=True)
class Place:
    start: int
    end: int
    surface: str
    name: str  # canonical
    bare: bool  # matched as a stem without its suffix


class PlaceIndex:
    """All place surfaces with their canonical names, compiled into one trie regex."""

    def __init__(self) -> None:
        ambiguous = rules.sections("ner_places_ambiguous.txt")
        blocked = set(ambiguous.get("", []))
        self.ambiguous = blocked  # stems that are ordinary words too (`朝阳`, `和平`)
        self.idioms = ambiguous.get("idioms", [])
        self.not_places = set(ambiguous.get("not places", []))
        canon: dict[str, tuple[int, str]] = {}  # surface -> (level, canonical)
        self.full_names: set[str] = set()
        self.cn_full: set[str] = set()  # Chinese division names with their suffix
        # Names matched only with a place list or a parent around them: ordinary-word stems (延长),
        # two-character division names (祁县, 东区). surface -> (canonical, carries its suffix)
        weak: dict[str, tuple[int, str, bool]] = {}

        def add(surface: str, name: str, level: int) -> None:
            have = canon.get(surface)
            if have is None or have[0] < level:
                canon[surface] = (level, name)

        for row in rules.rows("ner_places_cn.txt"):
            province, prefecture = row[0], row[1]
            counties = row[2].split() if len(row) > 2 else []
            units = [(province, _LEVEL["province"])]
            if prefecture != "-":
                units.append((prefecture, _LEVEL["prefecture"] if prefecture != province else _LEVEL["province"]))
            units += [(c, _LEVEL["county"]) for c in counties]
            for name, level in units:
                stem = division_stem(name)
                suffixless = not name.endswith(_DIVISION_SUFFIXES) and not name.endswith(("州", "乡"))
                if len(name) >= 3 or stem or (suffixless and len(name) >= 2):  # `沙田`, `屯门`
                    add(name, name, level + 1)  # a full name beats a stem of the same spelling
                    self.full_names.add(name)
                    self.cn_full.add(name)
                elif len(name) == 2 and name not in _GENERIC_DIVISIONS:  # `祁县`, `赵县`, `东区`
                    weak[name] = max(weak.get(name, (0, name, True)), (level, name, True))
                if stem and stem not in blocked:
                    add(stem, name, level)
                elif stem:  # `延长`: only in a list; with a suffix (`永康区`) it is a place as written
                    weak[stem] = max(weak.get(stem, (0, name, False)), (level, name, False))
                    for suffix in ("区", "县"):
                        if stem + suffix != name:
                            add(stem + suffix, stem + suffix, 0)
                            self.full_names.add(stem + suffix)
        names, aliases = rules.aliases("ner_places_world.txt")
        for name in names:
            add(name, aliases.get(name, name), _LEVEL["world"])
            self.full_names.add(name)
        self.canon = {surface: name for surface, (_, name) in canon.items()}
        self.weak = {w: (name, suffixed) for w, (_, name, suffixed) in weak.items() if w not in self.canon}
        self.weak_lengths = tuple(sorted({len(w) for w in self.weak}, reverse=True))
        self.stops = frozenset(rules.sections("ner_org_stops.txt").get("", []))
        self.stop_lengths = tuple(sorted({len(w) for w in self.stops}, reverse=True))
        self.regex = trie_regex(self.canon)  # for anchored matches (`match`); `scanner` scans text
        self.scanner = WordScanner(self.canon)
        self.idiom_re = trie_regex(self.idioms) if self.idioms else None
        abbrev = rules.sections("ner_places_abbrev.txt")
        countries = dict(zip(abbrev[""][::2], abbrev[""][1::2]))
        provinces = abbrev.get("provinces and cities", [])
        # one-character names → canonical full names (`港` → 香港特别行政区)
        self.short = {c: self.canon.get(full, full)
                      for c, full in {**countries, **dict(zip(provinces[::2], provinces[1::2]))}.items()}
        # every one-character place name, the ambiguous ones too (`以`, `伊`): the tagger's training labels
        self.one_char = frozenset(self.short) | frozenset(abbrev.get("ambiguous", []))
        pair_chars = "".join(c for c in countries if c not in "华港台")
        self.pair_re = re.compile(f"([{pair_chars}])([{pair_chars}])(?=(?:{_PAIR_NEXT}))")

    def find(self, text: str) -> list[Place]:
        """List-based places and suffix-found towns in `text`, left to right, not overlapping."""
        blocked = self.set_phrases(text)
        out: list[Place] = []
        for s, e in self.scanner.scan(text):
            if blocked and any(bs <= s and e <= be for bs, be in blocked):
                continue
            surface = text[s:e]
            out.append(Place(s, e, surface, self.canon[surface], surface not in self.full_names))
        out = self.listed(text, self._short_names(text, out))
        return self._towns(text, out)

    def set_phrases(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the idioms and set phrases in `text` whose place stem is no place (`长治久安`,
        `北京时间`, `亚洲杯`): the tagger's places inside them are not taken either."""
        return [m.span() for m in self.idiom_re.finditer(text)] if self.idiom_re is not None else []

    def listed(self, text: str, found: list[Place]) -> list[Place]:
        """Add weak names (`祁县`, `延长`) that stand in a list with a found place (`介休、祁县`), or
        right under one when they carry their suffix (`晋中市祁县`, `台南市北区`). Only the text next
        to places is looked at; names found this way confirm their own neighbours in turn."""
        if not found:
            return found
        n = len(text)
        taken = [(p.start, p.end) for p in found]
        extra: list[Place] = []
        work = list(taken)

        def take(s: int, e: int, listed: bool) -> None:
            name, suffixed = self.weak[text[s:e]]
            if (listed or suffixed) and all(e <= ts or te <= s for ts, te in taken):
                extra.append(Place(s, e, text[s:e], name, not suffixed))
                taken.append((s, e))
                work.append((s, e))

        while work:
            s0, e0 = work.pop()
            for k in self.weak_lengths:  # right under the place, or after a list mark
                if text[e0:e0 + k] in self.weak:
                    take(e0, e0 + k, False)
                    break
            if e0 + 1 < n and text[e0] in _LIST_MARKS:
                for k in self.weak_lengths:
                    if text[e0 + 1:e0 + 1 + k] in self.weak:
                        take(e0 + 1, e0 + 1 + k, True)
                        break
                else:  # `安南区及北区`: a two-character division name the lists do not hold
                    short = text[e0 + 1:e0 + 3]
                    if (_SHORT_DIVISION.fullmatch(short) and short[0] not in _NOT_SHORT_DIVISION_START
                            and (e0 + 3 >= n or not CJK_RE.match(text[e0 + 3]))
                            and all(e0 + 3 <= ts or te <= e0 + 1 for ts, te in taken)):
                        extra.append(Place(e0 + 1, e0 + 3, short, short, False))
                        taken.append((e0 + 1, e0 + 3))
                        work.append((e0 + 1, e0 + 3))
            if s0 >= 2 and text[s0 - 1] in _LIST_MARKS:  # before the place, across a list mark
                for k in self.weak_lengths:
                    if s0 - 1 - k >= 0 and text[s0 - 1 - k:s0 - 1] in self.weak:
                        take(s0 - 1 - k, s0 - 1, True)
                        break
        return sorted(found + extra, key=lambda p: p.start) if extra else found

    def _short_names(self, text: str, found: list[Place]) -> list[Place]:
        """`中美关系` → 中国, 美国; `来华` → 中国 (one-character names, only in these set uses)."""
        extra = []
        for m in self.pair_re.finditer(text):
            if m.group(1) != m.group(2):
                for g in (1, 2):
                    extra.append(Place(m.start(g), m.end(g), m.group(g), self.short[m.group(g)], True))
        for m in _HUA_RE.finditer(text):
            extra.append(Place(m.start(), m.end(), "华", self.short["华"], True))
        if not extra:
            return found
        taken = [(p.start, p.end) for p in found]
        extra = [p for p in extra if all(p.end <= s or e <= p.start for s, e in taken)]
        return sorted(found + extra, key=lambda p: p.start)

    def _towns(self, text: str, found: list[Place]) -> list[Place]:
        """Add `XX镇`/`XX乡`/`XX街道`/`XX村` (and `XX社区` after a place) named right after a boundary:
        punctuation, a place, a stop word (`到达加勉乡` → 加勉乡, `赶赴磨西镇` → 磨西镇). A name found by
        the list inside the town's name gives way to it (`东海` → `东海街道`)."""
        if not any(ch in text for ch in "镇乡村街社"):
            return found
        ends = {p.end: p for p in found}
        stop_ends = _StopEnds(text, self.stops, self.stop_lengths)
        extra: list[Place] = []
        dropped: set[int] = set()
        for m in _TOWN_SUFFIX_RE.finditer(text):
            k, e = m.span(1)
            suffix = m.group(1)
            if e < len(text) and text[e] in _TOWN_NOT_AFTER[suffix]:
                continue
            if k in stop_ends:
                continue  # `全县现有村卫生室`, `他在村里`: a function word before it, the suffix starts a word
            if text[e:e + 1] == "、" and text[e + 1:e + 2] in _TOWN_LEVELS:
                continue  # `推行乡、村政务公开`, `总结镇、村两级`: levels of government, not a town
            if text[k - 1:k] in _COUNT_CHARS:
                continue  # `饶阳店两镇`: a count of towns
            best = None  # (strength, length, start)
            for n in (3, 2):
                s = k - n
                prefix = text[s:k]
                if s < 0 or not all(re.match(f"[{CJK}]", c) for c in prefix):
                    continue
                if any(prefix[j:] + suffix in self.not_places for j in range(len(prefix))):  # `有个|贫困村`
                    continue
                if prefix[0] in _DETERMINERS or prefix[0] in _TOWN_LEVELS or prefix in self.not_places:
                    continue  # `各街镇`, `每个乡`, `村帐乡管`, `农村乡一级`: no name
                if any(c in _PARTICLES for c in prefix) or any(stop_ends[i] >= 2 for i in range(s + 2, k)):
                    continue  # a function word inside (`我们走村`, `这样的护村`): no name
                if any(p.start < s < p.end for p in found):
                    continue  # the candidate would cut a found place in two (`区东海街道`)
                strength = self._boundary(text, s, ends, stop_ends)
                if suffix == "社区" and s not in ends:
                    strength = 0
                if n == 3 and prefix[0] in _TOWN_LEFT and best is None:
                    strength = min(strength, 1)  # `在江浦街道`: the 在 is no part of the name
                if strength and (best is None or strength > best[0]):
                    best = (strength, n, s)
            if best is None:
                continue
            s = best[2]
            inner = [p for p in found if s <= p.start and p.end <= k]
            # a bare stem that starts inside the suffix (`码头镇安置点`: 镇安) was never meant
            inner += [p for p in found if p.bare and k <= p.start < e]
            if any(p.start < e and s < p.end for p in found if p not in inner):
                continue
            dropped.update(id(p) for p in inner)
            town = Place(s, e, text[s:e], text[s:e], False)
            extra.append(town)
            ends[e] = town
        if not extra:
            return found
        kept = [p for p in found if id(p) not in dropped]
        return sorted(kept + extra, key=lambda p: p.start)

    @staticmethod
    def _boundary(text: str, s: int, ends: dict[int, Place], stop_ends: "_StopEnds") -> int:
        """How clearly a name may start at `s`: 10 at the start, after punctuation or a place; the
        length of a stop word ending there (到达, 赴); 1 after a joining character; else 0."""
        if s == 0 or s in ends:
            return 10
        prev = text[s - 1]
        if prev.isdigit():
            return 0  # 13个街镇, 9个行政村: a count, not a name
        if not re.match(f"[{CJK}]", prev):
            return 10
        if s in stop_ends:
            return 1 + stop_ends[s]
        return 1 if prev in _TOWN_LEFT else 0


class _StopEnds:
    """`i in stop_ends`: does a stop word (ner_org_stops.txt) end at `i`; `stop_ends[i]`: the longest."""

    def __init__(self, text: str, stops: frozenset[str], lengths: tuple[int, ...]) -> None:
        self.text, self.stops, self.lengths = text, stops, lengths

    def __getitem__(self, i: int) -> int:
        return next((k for k in self.lengths if k <= i and self.text[i - k:i] in self.stops), 0)

    def __contains__(self, i: int) -> bool:
        return self[i] > 0


@lru_cache(maxsize=None)
def place_index() -> PlaceIndex:
    """The shared place index, built on first use."""
    return PlaceIndex()
