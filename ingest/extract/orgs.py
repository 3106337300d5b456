"""Organisations: a suffix from `ner_org_suffixes.txt` (医院 卫健委 党支部 科 …) with a bounded
prefix before it, plus names that need no suffix (`ner_orgs_known.txt`).

The prefix runs left from the suffix over Chinese characters and digits until a stop word
(`ner_org_stops.txt`: verbs, particles, pronouns), punctuation, or 12 characters (6 for a
department such as `总务科`); a place name or an organisation just before is taken whole
(`长治医学院附属和济医院`, `长治市公安局指挥中心`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from .claim_words import segment, word_tag
from .lexicon import CJK, WordScanner, trie_regex
from .places import Place, place_index

_PREFIX_CHAR = re.compile(f"[{CJK}0-9A-Za-z]")
_MAX_PREFIX = {"major": 12, "sub": 12, "dept": 6}
# `3支应急突击队`, `选派300名省市级医院`, `第三批医疗队`: a count in the prefix is not part of the name,
# which starts after it.
_CHARS = "ner_orgs_chars.txt"  # the character lists below, each explained there
_COUNT = re.compile(rf"[0-9一二三四五六七八九十两几多每各这那该]+[{''.join(rules.words(_CHARS, 'count measures'))}]")
_ADMIN_ONE_CHAR = set("".join(rules.words(_CHARS, "one-character prefixes")))  # `市医院`, `县医院`
LEVEL_CHARS = frozenset(_ADMIN_ONE_CHAR)  # the same, for other modules: a name by its level (`市委`)
_NAME_STOPS = set("".join(rules.words(_CHARS, "name stops")))  # stop characters inside names (`附属和济医院`)
_JOINS = set("".join(rules.words(_CHARS, "joins inside names")))  # `食物及卫生局`, `新闻与传播学院`
_JOINED_ENDINGS = rules.words(_CHARS, "endings after a join")  # 局, 学院 …
_SITE_ENDINGS = "".join(rules.words(_CHARS, "site endings"))  # 网: `瑞丽女性网`, `安徽网`
_NOT_AFTER_SITE = "".join(rules.words(_CHARS, "not after a site ending"))  # `网红`
_NOT_BEFORE_SITE = "".join(rules.words(_CHARS, "not before a site ending"))  # `落网`
_NUMERALS = "一二三四五六七八九十"  # a party congress by its number opens with one (`十五大`)
_MEASURES = "".join(rules.words(_CHARS, "measures"))  # `十二大类`: a count of things, not a congress
_DASHES = "—-－"
# Word classes (jieba / ICTCLAS) of the word before a join inside a name (`食物`, `运输`, `卫生`, `公共`):
# nouns, verbal and adjectival nouns, distinguishing words, abbreviations.
_JOINED_WORD_TAGS = frozenset({"n", "vn", "an", "b", "nz", "j", "ng"})  # between two places inside a name (`苏丹—中国友好协会`)


@dataclass(frozen=True)
class Org:
    start: int
    end: int
    surface: str


class OrgIndex:
    """Suffix table, stop words and known names, compiled once."""

    def __init__(self) -> None:
        self.suffix: dict[str, tuple[str, str]] = {}
        for row in rules.rows("ner_org_suffixes.txt", ""):
            suffix, cls = row[0].strip(), row[1].strip()
            not_after = row[2].strip() if len(row) > 2 else ""
            self.suffix[suffix] = (cls, not_after)
        self.suffix_re = trie_regex(self.suffix)
        self.longest_suffix = max(map(len, self.suffix))
        stops = rules.sections("ner_org_stops.txt")
        self.not_orgs = set(stops.get("not organisations", []))
        self.generic_names = set(stops.get("generic names", []))
        words = stops.get("", [])
        self.stops = WordScanner(words)  # every stop word, overlapping ones included
        self.name_words = WordScanner(stops.get("name words", []))
        names, self.known_canon = rules.aliases("ner_orgs_known.txt")
        self.known_re = trie_regex(names)
        # characters that may not follow a known name: those of the longest suffix it ends with
        # (`中国共产党` ends with 共产党, which 员 may not follow)
        self.known_not_after = {name: self.suffix[name[-k:]][1]
                                for name in names if (k := self.suffix_len(name))}
        self.title_words = WordScanner(stops.get("titles after a known name", []))

    def find(self, text: str, places: list[Place]) -> list[Org]:
        """Organisations in `text`, left to right; nested ones (`X医院` inside `X医院党委`) included."""
        place_start = {p.end: p.start for p in places}
        inside_place = [(p.start, p.end) for p in places]
        stop_ends: dict[int, int] = {}
        known_matches = list(self.known_re.finditer(text))
        if self.suffix_re.search(text) is None:
            return self._known(text, self._sites(text, places, []), known_matches)
        # a known name is taken whole by a suffix after it (`中国致公党|第十一次全国代表大会`), and a stop
        # word inside it (致) stops nothing
        known = [m.span() for m in known_matches]
        inside_words = inside_place + self.name_words.scan(text) + known
        for s, e in self.stops.every(text):
            if any(ps < e and s < pe and (not (s <= ps and pe <= e) or (s, e) == (ps, pe)) for ps, pe in inside_words):
                continue  # `和` inside `和平区`, `全` inside `全国`, a name word (`协调`) do not stop anything
            if stop_ends.get(e, 0) < e - s:
                stop_ends[e] = e - s
        orgs: list[Org] = []
        org_start: dict[int, int] = {e: s for s, e in known}
        for m in self.suffix_re.finditer(text):
            s, e = m.span()
            suffix = m.group()
            cls, not_after = self.suffix[suffix]
            if e < len(text) and text[e] in not_after:
                continue
            if cls == "dept" and text[s - 1:s].isascii() and text[s - 1:s].isdigit():
                continue  # `占道经营17处`, `96处`: a count of places, not a department
            i = self._prefix_start(text, (s, e), stop_ends, place_start, org_start, _MAX_PREFIX[cls])
            if (s - i >= _MAX_PREFIX[cls] and i > 0 and _PREFIX_CHAR.match(text[i - 1])
                    and i not in stop_ends and i not in place_start and i not in org_start):
                continue  # the prefix ran out mid-word (`密切接触者入户调查组`): no clean name
            for count in _COUNT.finditer(text, i, s):
                i = count.end()
            name = text[i:e]
            if name in self.generic_names:
                continue
            prefix_len = s - i
            if not self._prefix_ok(cls, suffix, text[i:s], prefix_len):
                continue
            if any(name.endswith(w) for w in self._tails(name, suffix)):
                continue
            if any(ps < e < pe and ps <= i for ps, pe in inside_place):
                continue  # `南斯拉夫联盟|共和国`: it ends inside a place
            orgs.append(Org(i, e, name))
            org_start[e] = i
        orgs += self._sites(text, places, [(o.start, o.end) for o in orgs])
        return self._known(text, orgs, known_matches)

    @staticmethod
    def _sites(text: str, places: list[Place], taken: list[tuple[int, int]]) -> list[Org]:
        """News sites named by a place and a site ending, with at most two characters between
        (`安徽网`, `瑞丽女性网`, `湖南长安网`), where the dictionary segmentation of the name and the
        character after it reads the ending as a word of its own (not `互联网`, `江苏电网`, `安徽网友`), and
        the characters either side make no other word of it (`厦门落网`, `陕西网红`: ner_orgs_chars.txt)."""
        out = []
        for p in places:
            for k in range(p.end, min(p.end + 3, len(text))):
                if text[k] in _SITE_ENDINGS:
                    if text[k + 1:k + 2] in _NOT_AFTER_SITE and k + 1 < len(text) or text[k - 1] in _NOT_BEFORE_SITE:
                        break
                    words = segment(text[p.start:k + 2])
                    name = text[p.start:k + 1]
                    ends_alone = text[k] in words and "".join(words[:words.index(text[k]) + 1]) == name
                    if ends_alone and not any(ts < k + 1 and p.start < te for ts, te in taken):
                        out.append(Org(p.start, k + 1, name))
                    break
                if not _PREFIX_CHAR.match(text[k]) or text[k] in _NUMERALS:
                    break
        return out

    def _prefix_start(self, text: str, suffix: tuple[int, int], stop_ends: dict[int, int],
                      place_start: dict[int, int], org_start: dict[int, int], limit: int) -> int:
        """Where the name before the suffix at `suffix` (start, end) starts."""
        s, e = suffix
        i = s
        crossed_stop = False
        while i > 0 and s - i < limit:
            if i in org_start:
                if s - i == 1 and text[i] in _ADMIN_ONE_CHAR:
                    break  # `市委|市政府`: a name by its level alone stands beside the one before it
                i = org_start[i]
                continue
            if i in place_start:
                i = place_start[i]
                continue
            if i in stop_ends and not crossed_stop and self._joins_two_words(text, i, e, stop_ends, place_start, org_start):
                i -= 3  # `食物及卫生局`, `华中师范大学新闻与传播学院`: two words of one name, joined
                crossed_stop = True
                continue
            if i in stop_ends:
                # `附属和济医院`: a one-character stop right before a one-character prefix is part of the name
                if (crossed_stop or s - i != 1 or text[i - 1] not in _NAME_STOPS or i < 2
                        or not _PREFIX_CHAR.match(text[i - 2]) or i - 1 in org_start or text[i] in _ADMIN_ONE_CHAR):
                    break  # (`乡镇卫生院和村卫生室`: a 和 right after another organisation joins two;
                    # `副县长封晓燕和县卫健委`: before 县, 市 … a 和 joins, as `县卫健委` is a name already)
                crossed_stop = True
            if not _PREFIX_CHAR.match(text[i - 1]):
                # `苏丹—中国友好协会`, `中国—东盟中心`: a dash between two places is inside the name
                if text[i - 1] in _DASHES and i - 1 in place_start and i in place_start.values():
                    i = place_start[i - 1]
                    continue
                break
            i -= 1
        return i

    def _joins_two_words(self, text: str, i: int, e: int, stop_ends: dict[int, int], place_start: dict[int, int],
                         org_start: dict[int, int]) -> bool:
        """Is the stop that ends at `i` a join (和, 及, 与) between two words of one name that ends at `e`
        (`食物及卫生局`, `市发展和改革局`, `吴兴区卫生和计划生育局`)? The name ends like a body named by the
        fields it covers (a bureau, a college: `endings after a join`); what follows the join has three
        characters or more, the suffix's included, and opens with no place; the word before is a noun of two characters
        by the dictionary's word classes (`食物`, `运输`; not `早苗` of a name), no organisation's ending
        (`联合医院及博爱医院` are two), right after a boundary: punctuation, a stop, a place, an
        organisation or a level word."""
        j = i - 1  # the join
        if (stop_ends.get(i) != 1 or text[j] not in _JOINS or e - i < 3 or j < 2
                or not text.endswith(_JOINED_ENDINGS, 0, e)):
            return False
        before = text[j - 2:j]
        if word_tag(before) not in _JOINED_WORD_TAGS or self.suffix_len(before) or i in place_start.values():
            return False  # (`见解和非洲方案中学`: a place after the join opens a name of its own)
        k = j - 2  # where the word before starts
        return (k == 0 or not _PREFIX_CHAR.match(text[k - 1]) or k in stop_ends or k in place_start
                or k in org_start or text[k - 1] in _ADMIN_ONE_CHAR)

    def suffix_len(self, name: str) -> int:
        """The length of the longest suffix `name` ends with (0: none, a known name such as `新华社`)."""
        longest = min(len(name), self.longest_suffix)
        return max((k for k in range(1, longest + 1) if name[-k:] in self.suffix), default=0)

    def suffix_class(self, name: str) -> str | None:
        """The class (major, sub, dept) of the longest suffix `name` ends with, or None."""
        k = self.suffix_len(name)
        return self.suffix[name[-k:]][0] if k else None

    def prefix_ok(self, name: str, k: int) -> bool:
        """May `name`, whose suffix is its last `k` characters, stand by the suffix rules' prefix length?"""
        suffix = name[len(name) - k:]
        return k > 0 and self._prefix_ok(self.suffix[suffix][0], suffix, name[:len(name) - k], len(name) - k)

    def name_in(self, surface: str) -> tuple[int, str] | None:
        """(offset, name) of an organisation another reader found (`第三批医疗队`), read as the rules
        read theirs: a count before it is cut off, and a kind of organisation (`医疗队`), a suffix
        alone or an ordinary word that ends like one (`临床科室`, `用一组组`) is no name (None)."""
        start = 0
        for count in _COUNT.finditer(surface):
            start = count.end()
        name = surface[start:]
        if len(name) < 2 or name in self.generic_names or name in self.suffix:
            return None
        tails = [len(name) - len(w) for w in self.not_orgs if name.endswith(w)]
        if tails:
            places = place_index().find(name)
            # a tail that starts inside a place is no word of its own (`日本队`, not 本队 'this team')
            if any(not any(p.start < k < p.end for p in places) for k in tails):
                return None
        return start, name

    @staticmethod
    def _prefix_ok(cls: str, suffix: str, prefix: str, n: int) -> bool:
        if cls == "major":
            if len(suffix) >= 3:
                return True
            return n >= 2 or (n == 1 and prefix in _ADMIN_ONE_CHAR)
        return n >= 2  # dept and sub

    def _tails(self, name: str, suffix: str):
        """Ordinary words that end the candidate and reach into its prefix (`服务大局`)."""
        k = len(suffix)
        return [name[-j:] for j in range(k + 1, min(len(name), k + 3) + 1) if name[-j:] in self.not_orgs]

    def _known(self, text: str, orgs: list[Org], matches: list[re.Match]) -> list[Org]:
        spans = [(o.start, o.end) for o in orgs]
        titles = self.title_words.scan(text) if matches else []
        extra: list[Org] = []
        for m in matches:
            s, e = m.span()
            if any(os <= s and e <= oe for os, oe in spans) or any(s <= ts < e < te for ts, te in titles):
                continue  # (`全国人大代表`: a title that opens inside the name and runs past it)
            if e < len(text) and text[e] in self.known_not_after.get(m.group(), ""):
                continue  # `共产党员`: the suffix's own exceptions hold for a known name too
            if text[s] in _NUMERALS:  # a congress by its number (`十五大`)
                if (s > 0 and text[s - 1] in _NUMERALS + "第") or (e < len(text) and text[e] in _MEASURES):
                    continue  # `第十二大城市`, `十二大类`
                before = next((o for o in extra + orgs if o.end == s), None)
                if before is not None:  # `中共十五大`, `中国致公党十一大`: one name
                    extra = [o for o in extra if o is not before]
                    orgs = [o for o in orgs if o is not before]
                    extra.append(Org(before.start, e, text[before.start:e]))
                    continue
            extra.append(Org(s, e, m.group()))
        if not extra:
            return orgs
        # a suffix match cut short inside a known name (`预防中心` of `美国疾病控制和预防中心`) goes
        orgs = [o for o in orgs if not any(k.start < o.start and o.end == k.end for k in extra)]
        return sorted(orgs + extra, key=lambda o: (o.start, -o.end))


@lru_cache(maxsize=None)
def org_index() -> OrgIndex:
    """The shared organisation index, built on first use."""
    return OrgIndex()
