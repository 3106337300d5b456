"""What a person's name looks like: a surname and one or two given-name characters, or a
transliterated foreign name, and where such a name starts and ends in running text.

The cue finders (`persons.py`) and the byline reader (`bylines.py`) ask these questions; the
word lists are `data/ner_surnames.txt`, `ner_given_chars.txt`, `ner_foreign_chars.txt` and
`ner_person_cues.txt`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from .lexicon import lexicon

STRONG, MEDIUM, WEAK = 3, 2, 1

# Punctuation after which a name may start directly (the function words are in `ner_person_cues.txt`).
_LEFT_PUNCT = set("、，,。；;：:“”\"'‘’（）()《》【】 \u3000")
# Punctuation that ends a list item or a clause: no conjunction stands right before it.
_STOPS = set("、，,。；;：:")
# A name in two or more parts joined by `·`; group 1 is the first `·`.
DOTTED_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,12}(·)[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6})*")


def is_cjk(ch: str) -> bool:
    return len(ch) == 1 and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


@dataclass(frozen=True)
class PersonCues:
    """The word lists of `ner_person_cues.txt`, with the punctuation that goes with them."""
    left_chars: frozenset[str]  # a name may start right after one of these (`在刘宇主任的…`)
    list_joins: frozenset[str]  # joins the names of a list (`岑志刚、富海燕`, `蒙志刚和韦春燕`)
    list_ends: frozenset[str]  # may close an item of such a list
    as_re: re.Pattern  # `作为`/`担任` handing a name the title after it (`刘亮亮作为副领队`)
    department_endings: tuple[str, ...]  # a byline token with one of these is a department
    position_re: re.Pattern  # a photo position after a name (`杨钰(中)`, `张明(前排左二)`)
    brand_heads: tuple[str, ...]  # after a name, make it a product's, company's or street's (`石榴云客户端`)
    title_modifiers: tuple[str, ...]  # before any title, part of the role (`总行政经理`), longest first
    honorifics: tuple[str, ...]  # between a post and the name (`部长拿督斯里苏巴马念`), part of neither


@lru_cache(maxsize=1)
def person_cues() -> PersonCues:
    sections = rules.sections("ner_person_cues.txt")
    joins = {"、"} | set(sections["list joins"])
    verbs, fillers, rows, sides = (f"(?:{'|'.join(map(re.escape, sections[k]))})"
                                   for k in ("as verbs", "as fillers", "photo rows", "photo sides"))
    return PersonCues(left_chars=frozenset(rules.chars("ner_person_cues.txt", "left chars") | _LEFT_PUNCT),
                      list_joins=frozenset(joins),
                      list_ends=frozenset(joins | set(sections["list ends"]) | set("，,。；;：:）)") | {""}),
                      as_re=re.compile(f"{verbs}{fillers}?"),
                      department_endings=tuple(sections["department endings"]),
                      position_re=re.compile(f"[（(]{rows}?{sides}[一二三四五六七八九十0-9]*[)）]"),
                      brand_heads=tuple(sections["brand heads"]),
                      title_modifiers=tuple(sorted(sections["title modifiers"], key=len, reverse=True)),
                      honorifics=tuple(sections["honorifics"]))


class NameShapes:
    """Questions about single names, asked at a position in a text; one instance serves all texts."""

    def __init__(self) -> None:
        self.lex = lexicon()
        self.left_chars = person_cues().left_chars
        self.list_joins = person_cues().list_joins
        self.foreign_chars = rules.chars("ner_foreign_chars.txt", "chars") | {"·"}
        self.foreign_marked = rules.chars("ner_foreign_chars.txt", "marked")
        # the wider set the tagger's names are checked against (its spans, not a run of these, set the ends)
        self.foreign_chars_wide = self.foreign_chars | rules.chars("ner_transliteration_chars.txt", "chars")

    def surname_len(self, text: str, p: int) -> int:
        """Length of the surname starting at `p` (2 for 欧阳, 1 for 王), 0 when none."""
        if text[p:p + 2] in self.lex.compound_surnames:
            return 2
        if text[p:p + 1] in self.lex.surname_tier:
            return 1
        return 0

    def given_ok(self, ch: str, strict: bool) -> bool:
        """Can `ch` be part of a given name? Strict: it must be a common given-name character."""
        if not is_cjk(ch):
            return False
        if strict:
            return ch in self.lex.given_chars
        return ch not in self.lex.never_chars

    def is_boundary(self, text: str, i: int) -> bool:
        """Does a name end well at `i` (end of text, punctuation, a particle, verb or title)?"""
        if i >= len(text) or not is_cjk(text[i]):
            return True
        return self.lex.follower_re.match(text, i) is not None

    def rejected(self, name: str, opening_words: bool = True) -> bool:
        """Listed non-names (`严峻`), or (with `opening_words`) a 3-character string opening with one
        (`高度重`)."""
        nn = self.lex.not_names
        if name in nn or name[1:] in self.lex.titles or name[-2:] in self.lex.titles:
            return True
        if name[1:] in self.lex.address_terms or name[2:] in self.lex.address_terms:
            return True  # `陈奶奶`, `王女士`: a surname with a form of address
        if len(name) == 3 and name[1:] in nn and self.lex.surname_tier.get(name[0]) == 2:
            return True  # `应国家…`: a rare surname character before an ordinary word
        return opening_words and len(name) >= 3 and name[:2] in nn and name[2] not in self.lex.given_chars

    def name_at(self, text: str, p: int, strength: int) -> tuple[int, int] | None:
        """The name starting at `p` (span), choosing one or two given-name characters."""
        n = len(text)
        if p >= n:
            return None
        sl = self.surname_len(text, p)
        if not sl:
            return None
        tier = self.lex.surname_tier.get(text[p:p + sl], 2)
        if tier == 2 and text[p:p + sl] in self.lex.boundary_words:
            return None  # `队员都平安`, `州长和波士顿市长`: an adverb or conjunction, not a surname
        japanese = text[p:p + sl] in self.lex.japanese_surnames
        strict = strength < STRONG or tier == 2 and not japanese
        g = p + sl
        if g >= n or not self.given_ok(text[g], strict):
            return None
        best = g + 1
        if g + 1 < n and self.given_ok(text[g + 1], strict):
            after_one = self.is_boundary(text, g + 1)
            after_two = self.is_boundary(text, g + 2)
            second = text[g + 1]
            if after_two and not after_one:
                best = g + 2
            elif after_one and after_two:
                # `丁倩正在为…`, `郭伟强调`: a word of two or more characters (正在, 强调, 主任) that starts
                # with the candidate third character ends the name before it
                long_word = self._word_len_at(text, g + 1) >= 2
                # but a conjunction is never followed by a stop (`总裁黄明和、卫生局长…`: 和 is the name's)
                joins_nothing = second in self.list_joins and text[g + 2:g + 3] in _STOPS
                best = g + 1 if (second in self.lex.boundary_words or long_word) and not joins_nothing else g + 2
            elif not after_one and not after_two:
                best = g + 2 if second in self.lex.given_chars else g + 1
        elif (g + 1 < n and strength >= MEDIUM and self.given_ok(text[g + 1], False)
              and self.is_boundary(text, g + 2) and not self.is_boundary(text, g + 1)):
            # `队员成岳冲在前面`: after a title, a third character that is no common given-name
            # character (冲, also a verb) still ends the name when a clear boundary follows it
            best = g + 2
        if japanese:  # `小泉纯一郎`, `小泉进次郎`: a Japanese given name may have three characters
            best = next((g + k for k in (3, 2, 1) if g + k <= n and self.is_boundary(text, g + k)
                         and all(self.given_ok(c, strict) for c in text[g:g + k])), best)
        name = text[p:best]
        if self.rejected(name):
            if best == g + 2 and not self.rejected(text[p:g + 1]) and self.is_boundary(text, g + 1):
                return (p, g + 1)
            if name in self.lex.name_words and strength >= MEDIUM and self.is_boundary(text, best):
                return (p, best)  # `副局长田野介绍`: a word that is also a name, right after a title
            return None
        return (p, best)

    def _word_len_at(self, text: str, i: int) -> int:
        """Length of the follower word (particle, adverb, cue verb or title) starting at `i`, else 0."""
        m = self.lex.follower_re.match(text, i)
        return m.end() - i if m else 0

    def name_before(self, text: str, q: int, strength: int, left_ok: set[int]) -> tuple[int, int] | None:
        """The name ending at `q` (right before a cue); it must start at a boundary."""
        strict = strength < STRONG
        options = []
        for length in (3, 2, 4):
            p = q - length
            if p < 0:
                continue
            sl = self.surname_len(text, p)
            if not sl or length - sl not in (1, 2):
                continue
            tier = self.lex.surname_tier.get(text[p:p + sl], 2)
            if tier == 2 and text[p:p + sl] in self.lex.boundary_words:
                continue
            if not all(self.given_ok(ch, strict or tier == 2) for ch in text[p + sl:q]):
                continue
            name = text[p:q]
            if self.rejected(name) or (length - sl == 2 and text[q - 1] in self.lex.boundary_words):
                continue  # `杨钰和副领队…`: the 和 belongs to the sentence, not the name
            if length - sl == 2 and text[q - 1] in self.lex.place_last_chars:
                continue  # `汤湖镇|党委副书记`: the place the title belongs to
            if strength < STRONG and tier == 2 and length - sl < 2:
                continue
            at_boundary = p == 0 or p in left_ok or text[p - 1] in self.left_chars or not is_cjk(text[p - 1])
            if at_boundary:
                options.append((p, text[p] in self.left_chars, sl))
        # a candidate starting inside another's compound surname loses to it (`濮阳卫东`, not 卫东)
        options = [o for o in options if not any(ps < o[0] <= ps + psl for ps, _, psl in options if psl > 1)]
        if not options:
            return None
        options.sort(key=lambda o: o[1])  # a candidate opening with 和/与 loses to the shorter one
        return (options[0][0], q)

    def foreign_ok(self, name: str, wide: bool = False, any_chars: bool = False) -> bool:
        """A transliterated foreign name: 2-8 transliteration characters, one of them marked. `wide`
        admits every character of the training corpus's foreign names (`涅姆佐夫`, `诺尔曼·白求恩`);
        `any_chars`, for a name the tagger found beside a title or before a cue word, asks only for
        three characters or more with a transliteration character in each part (`总统塞迪略`)."""
        core = name.strip("·")
        parts = core.split("·")  # each part of `埃米利奥·莱沃洛·卡斯特亚诺斯` up to 8 characters
        if core != name or not all(1 <= len(p) <= 8 for p in parts) or core in self.lex.not_names:
            return False
        if any_chars:
            return len(core) >= 3 and all(any(c in self.foreign_chars_wide for c in p) for p in parts)
        chars = self.foreign_chars_wide if wide else self.foreign_chars
        marked = any(c in self.foreign_marked for c in core) or "·" in core  # 约翰·弗农
        return len(core) >= 2 and all(c in chars for c in core) and marked

    def foreign_at(self, text: str, p: int) -> tuple[int, int] | None:
        """`外交部长普里马科夫等…` → the run of transliteration characters after the title."""
        e = p
        while e < len(text) and e - p < 8 and text[e] in self.foreign_chars:
            e += 1
        return (p, e) if e - p >= 2 and self.is_boundary(text, e) and self.foreign_ok(text[p:e]) else None

    def foreign_before(self, text: str, q: int, min_len: int = 2) -> tuple[int, int] | None:
        """`克雷蒂安总理` → the run of transliteration characters before the cue at `q`."""
        p = q
        while p > 0 and q - p < 8 and text[p - 1] in self.foreign_chars:
            p -= 1
        if p > 0 and is_cjk(text[p - 1]) and text[p - 1] not in self.left_chars:
            return None
        return (p, q) if q - p >= min_len and self.foreign_ok(text[p:q]) else None
