"""Places: administrative divisions and world names from the data lists, plus towns and villages
recognised by their suffix (`XX镇`, `XX村`).

Canonical names are the full official form (`太原` → `太原市`, `延庆` → `延庆区`), so one place is
one entity whichever way an article writes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .ner_lexicon import CJK, WordScanner, read_aliases, read_sections, read_table, trie_regex

# Words after a pair of one-character country names: `中美关系`, `中俄两国`, `中英双方`.
_PAIR_NEXT = ("两国|关系|双方|两党|两军|合作|贸易|友好|会谈|联合|战略|伙伴|经贸|建交|边境|峰会|首脑|领导人|元首|外长|"
              "人民|友谊|之间|间的|两国间|交往|对话|磋商|联合声明|贸易战")
# `来华`, `访华`, `对华`: 华 for China after a verb of travel or relation.
_HUA_RE = re.compile(r"(?<=[来访对驻在离抵赴援])华(?![南北东西中侨人裔语文夏丽贵灯山盛润为尔容美府佗彩诞章])")

# Ethnic names inside autonomous prefecture / county names: `延边朝鲜族自治州` has the stem `延边`.
_ETHNIC = ("朝鲜族 土家族 苗族 藏族 羌族 彝族 布依族 侗族 哈尼族 壮族 傣族 景颇族 傈僳族 白族 回族 蒙古族 蒙古 "
           "哈萨克族 哈萨克 柯尔克孜 锡伯 塔吉克 满族 畲族 瑶族 黎族 仫佬族 毛南族 各族 纳西族 拉祜族 佤族 布朗族 "
           "独龙族 怒族 普米族 仡佬族 水族 土族 撒拉族 保安族 东乡族 裕固族 达斡尔族 鄂温克族 鄂伦春 维吾尔").split()
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:%s)*自治(?:州|县|旗|区)$" % "|".join(sorted(_ETHNIC, key=len, reverse=True)))
_DIVISION_SUFFIXES = ("特别行政区", "自治区", "林区", "特区", "新区", "矿区", "地区", "省", "市", "区", "县", "旗", "盟", "镇")
# Towns, townships, streets and villages not in the list are found by their suffix.
_TOWN_RE = re.compile(f"([{CJK}]{{2,3}}?)(镇|乡|街道|村)(?![{CJK}]?[长委书主])")
_TOWN_LEFT = set("在到赴往于和与及、从由")  # characters a town name may directly follow
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
        ambiguous = read_sections("ner_places_ambiguous.txt")
        blocked = set(ambiguous.get("", []))
        self.idioms = ambiguous.get("idioms", [])
        self.not_places = set(ambiguous.get("not places", []))
        canon: dict[str, tuple[int, str]] = {}  # surface -> (level, canonical)
        self.full_names: set[str] = set()
        self.cn_full: set[str] = set()  # Chinese division names with their suffix

        def add(surface: str, name: str, level: int) -> None:
            have = canon.get(surface)
            if have is None or have[0] < level:
                canon[surface] = (level, name)

        for row in read_table("ner_places_cn.txt"):
            province, prefecture = row[0], row[1]
            counties = row[2].split() if len(row) > 2 else []
            units = [(province, _LEVEL["province"])]
            if prefecture != "-":
                units.append((prefecture, _LEVEL["prefecture"] if prefecture != province else _LEVEL["province"]))
            units += [(c, _LEVEL["county"]) for c in counties]
            for name, level in units:
                stem = division_stem(name)
                if len(name) >= 3 or stem:  # `城区`, `赵县`: too short to trust
                    add(name, name, level + 1)  # a full name beats a stem of the same spelling
                    self.full_names.add(name)
                    self.cn_full.add(name)
                if stem and stem not in blocked:
                    add(stem, name, level)
        names, aliases = read_aliases("ner_places_world.txt")
        for name in names:
            add(name, aliases.get(name, name), _LEVEL["world"])
            self.full_names.add(name)
        self.canon = {surface: name for surface, (_, name) in canon.items()}
        self.regex = trie_regex(self.canon)  # for anchored matches (`match`); `scanner` scans text
        self.scanner = WordScanner(self.canon)
        self.idiom_re = trie_regex(self.idioms) if self.idioms else None
        self.short = {row[0]: row[1] for row in read_table("ner_places_abbrev.txt") if len(row) > 1}
        pair_chars = "".join(c for c in self.short if c not in "华港台")
        self.pair_re = re.compile(f"([{pair_chars}])([{pair_chars}])(?=(?:{_PAIR_NEXT}))")

    def find(self, text: str) -> list[Place]:
        """List-based places and suffix-found towns in `text`, left to right, not overlapping."""
        blocked: list[tuple[int, int]] = []
        if self.idiom_re is not None:
            blocked = [m.span() for m in self.idiom_re.finditer(text)]
        out: list[Place] = []
        for s, e in self.scanner.scan(text):
            if blocked and any(bs <= s and e <= be for bs, be in blocked):
                continue
            surface = text[s:e]
            out.append(Place(s, e, surface, self.canon[surface], surface not in self.full_names))
        return self._towns(text, self._short_names(text, out))

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
        """Add `XX镇`/`XX村` names that start at a boundary (punctuation, a place, a stop word)."""
        if not any(ch in text for ch in "镇乡村街"):
            return found
        ends = {p.end for p in found}
        taken = [(p.start, p.end) for p in found]
        extra = []
        for m in _TOWN_RE.finditer(text):
            s, e = m.span()
            word = m.group()
            prev = text[s - 1] if s else ""
            at_boundary = s == 0 or s in ends or prev in _TOWN_LEFT or not re.match(f"[{CJK}]", prev)
            if not at_boundary or word[-2:] in self.not_places or word in self.not_places:
                continue
            if any(ts < e and s < te for ts, te in taken):
                continue
            extra.append(Place(s, e, word, word, False))
        return sorted(found + extra, key=lambda p: p.start) if extra else found


@lru_cache(maxsize=None)
def place_index() -> PlaceIndex:
    """The shared place index, built on first use."""
    return PlaceIndex()
