"""People in one text: names next to cues that Chinese news reliably gives.

A name is a surname (`ner_surnames.txt`) plus one or two given-name characters. It is taken only
with a cue: a title before or after it (`副院长李宏伟`, `刘宇主任`), a byline (`记者 张丽`), a
trailing author parenthesis (`(姜晓萌 赵太迎)`), a speech or action verb after it (`郭伟强调`), a
photo position (`杨钰(中)`), or a list continuing a titled name (`副院长牛晓红、郭伟`). Names
confirmed this way are found again anywhere in the article by `entities.py`; surname + title
references (`刘院长`) are returned here unresolved and resolved there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import rules
from .ner_lexicon import lexicon, trie_pattern, trie_regex

STRONG, MEDIUM, WEAK = 3, 2, 1

_SPACES = " \u3000\xa0\t"
_POSITION_RE = re.compile(r"[（(](?:前排|后排|中排)?(?:左|右|中)[一二三四五六七八九十0-9]*[)）]")
_TRAILING_PAREN_RE = re.compile(r"[（(]([^()（）\n]{2,40})[)）][\s。.]*$")
_TOKEN_RE = re.compile(r"[^\s、，,;；/|：:（）()]+")
# Single characters after which a name may start directly (`在刘宇主任的…`, `由王欣欣负责`).
_LEFT_CHARS = set("的在和与及由对向把将被让请给为从是当据同跟叫令派称经以像如、，,。；;：:“”\"'‘’（）()《》【】 \u3000")
# `刘亮亮作为副领队`, `王明担任院长`: a title given after the name by one of these verbs.
_AS_RE = re.compile(r"(?:作为|担任|出任|兼任|身为|任)(?:此次|本次|这次|一名|一位|该院|医院|我院)?")
_AS_REACH = 12  # characters allowed between the verb and the title (`作为此次援哈医疗队副领队`)
# A bracketed portfolio between a title and the name (`总行政经理（质素及安全）陈家豪`).
_PORTFOLIO_RE = re.compile(r"[（(][^（）()\n]{1,12}[)）]")
# What joins the items of a list of names (`岑志刚、富海燕`, `蒙志刚和韦春燕`), and what may close an item.
_LIST_JOINS = set("、和与及")
_LIST_ENDS = set("、和与及等，,。；;：:）)") | {""}
# Punctuation around a name that stands alone (a bare name needs it on both sides).
_BARE_LEFT = set("、，,。；;：:“”\"（）()《》【】 \u3000")
_BARE_RIGHT = set("、，,。；;：:“”\"（）()《》【】 \u3000！!？?")
# A name in two or more parts joined by `·`; group 1 is the first `·`.
_DOTTED_RE = re.compile(r"[\u4e00-\u9fff]{2,12}(·)[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,6})*")
# Department endings: a byline token ending in one of these is a department, not a person.
_DEPT_END = ("科", "办", "部", "处", "室", "队", "组", "站", "所", "中心", "院", "局", "委", "会", "社")


def _is_cjk(ch: str) -> bool:
    return len(ch) == 1 and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


@dataclass
class PersonHit:
    start: int
    end: int
    name: str
    role: str | None
    strength: int
    ref_title: str | None = None  # set for `刘院长`: `name` is then only the surname


class PersonFinder:
    """Cue-driven person matcher; one instance serves all texts."""

    def __init__(self) -> None:
        self.lex = lexicon()
        by = rules.sections("ner_byline.txt")
        self.byline_roles = set(by.get("roles", []))
        self.byline_roles_longest = sorted(self.byline_roles, key=lambda r: (-len(r), r))
        self.byline_plain = set(by.get("plain", []))
        self.byline_end = set(by.get("end", []))
        every = self.byline_roles | self.byline_plain
        self.byline_line_re = re.compile(r"^[\s【\[]*(?:" + trie_pattern(every) + r")[】\]]?\s*[/:：|]")
        self.byline_line_space_re = re.compile(r"^\s*(?:" + trie_pattern(self.byline_roles) + r")\s+")
        self.byline_paren_re = re.compile(r"[（(]\s*(?:" + trie_pattern(self.byline_roles) + "|"
                                          + trie_pattern(self.byline_plain) + r"\s*[/:：|])[^()（）\n]{1,80}?[)）]")
        self.foreign_chars = rules.chars("ner_foreign_chars.txt", "chars") | {"·"}
        self.foreign_marked = rules.chars("ner_foreign_chars.txt", "marked")
        # the wider set the tagger's names are checked against (its spans, not a run of these, set the ends)
        self.foreign_chars_wide = self.foreign_chars | rules.chars("ner_transliteration_chars.txt", "chars")
        tier1 = "".join(sorted(self.lex.top_surnames))
        given = "".join(sorted(self.lex.given_chars))
        # Three-character names standing alone between punctuation (`，王建国、李明华等`): no cue at all.
        self.bare_re = re.compile(f"(?=([{tier1}][{given}][{given}]))")
        self.leader_re = trie_regex(rules.words("ner_name_leaders.txt"))
        surnames = [s for s in self.lex.surname_tier]
        self.ref_re = re.compile("(" + trie_pattern(surnames) + ")(" + trie_pattern(self.lex.titles) + ")")

    # ----- looking at single names -------------------------------------------------------------

    def surname_len(self, text: str, p: int) -> int:
        """Length of the surname starting at `p` (2 for 欧阳, 1 for 王), 0 when none."""
        if text[p:p + 2] in self.lex.compound_surnames:
            return 2
        if text[p:p + 1] in self.lex.surname_tier:
            return 1
        return 0

    def given_ok(self, ch: str, strict: bool) -> bool:
        """Can `ch` be part of a given name? Strict: it must be a common given-name character."""
        if not _is_cjk(ch):
            return False
        if strict:
            return ch in self.lex.given_chars
        return ch not in self.lex.never_chars

    def is_boundary(self, text: str, i: int) -> bool:
        """Does a name end well at `i` (end of text, punctuation, a particle, verb or title)?"""
        if i >= len(text) or not _is_cjk(text[i]):
            return True
        return self.lex.follower_re.match(text, i) is not None

    def rejected(self, name: str) -> bool:
        """Listed non-names (`严峻`), or a 3-character string opening with one (`高度重`)."""
        nn = self.lex.not_names
        if name in nn or name[1:] in self.lex.titles or name[-2:] in self.lex.titles:
            return True
        if name[1:] in self.lex.address_terms or name[2:] in self.lex.address_terms:
            return True  # `陈奶奶`, `王女士`: a surname with a form of address
        if len(name) == 3 and name[1:] in nn and self.lex.surname_tier.get(name[0]) == 2:
            return True  # `应国家…`: a rare surname character before an ordinary word
        return len(name) >= 3 and name[:2] in nn and name[2] not in self.lex.given_chars

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
        strict = strength < STRONG or tier == 2
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
                best = g + 1 if second in self.lex.boundary_words or long_word else g + 2
            elif not after_one and not after_two:
                best = g + 2 if second in self.lex.given_chars else g + 1
        elif (g + 1 < n and strength >= MEDIUM and self.given_ok(text[g + 1], False)
              and self.is_boundary(text, g + 2) and not self.is_boundary(text, g + 1)):
            # `队员成岳冲在前面`: after a title, a third character that is no common given-name
            # character (冲, also a verb) still ends the name when a clear boundary follows it
            best = g + 2
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
            at_boundary = p == 0 or p in left_ok or text[p - 1] in _LEFT_CHARS or not _is_cjk(text[p - 1])
            if at_boundary:
                options.append((p, text[p] in _LEFT_CHARS, sl))
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
        if p > 0 and _is_cjk(text[p - 1]) and text[p - 1] not in _LEFT_CHARS:
            return None
        return (p, q) if q - p >= min_len and self.foreign_ok(text[p:q]) else None

    # ----- cues ---------------------------------------------------------------------------------

    def title_chains(self, text: str, bridges: dict[int, int] | None = None) -> list[tuple[int, int, str, bool]]:
        """Runs of titles joined by `、` or nothing: (start, end, role text, generic-only). With
        `bridges` (organisation and place spans, start → end) a title after `、` and the body it
        belongs to joins the run too: `省委书记、省人大常委会主任王东峰` has one role."""
        chains: list[list] = []
        bridges = bridges or {}
        for m in self.lex.title_re.finditer(text):
            s, e = m.span()
            if any(bs <= s and e <= be and be - bs > e - s for bs, be in bridges.items()):
                continue  # `常委` inside `省人大常委会` is part of the name, not a title
            generic = m.group() in self.lex.generic_titles
            joined = chains and (chains[-1][1] == s or (chains[-1][1] == s - 1 and text[s - 1] in "、兼"))
            if chains and not joined and text[chains[-1][1]:chains[-1][1] + 1] == "、":
                k = chains[-1][1] + 1  # walk over the organisations and places right after the 、
                while k in bridges and bridges[k] < s:
                    k = bridges[k]
                joined = k in bridges and bridges[k] == s or (k == s and k > chains[-1][1] + 1)
            if joined:
                chains[-1][1] = e
                chains[-1][3] = chains[-1][3] and generic
            else:
                chains.append([s, e, None, generic])
        return [(s, e, text[s:e], g) for s, e, _, g in chains]

    def find(self, text: str, blocked: list[tuple[int, int]], left_ok: set[int],
             not_names: set[str], avoid: list[tuple[int, int]] | None = None,
             bridges: dict[int, int] | None = None) -> list[PersonHit]:
        """Person hits in one text. `blocked`: organisation spans a name may not sit inside;
        `left_ok`: positions where a name may start (ends of organisations and places);
        `not_names`: place names and the like that are not people here; `avoid`: spans (full
        place names) a name may not overlap at all."""
        avoid = avoid or []
        if not text:
            return []
        hits: list[PersonHit] = []
        add = hits.append

        def accept(span, role, strength) -> bool:
            if span is None:
                return False
            s, e = span
            name = text[s:e]
            if name in not_names or any(bs <= s and e <= be and (bs, be) != (s, e) for bs, be in blocked):
                return False
            if any(a_s < e and s < a_e for a_s, a_e in avoid):
                return False
            add(PersonHit(s, e, name, role, strength))
            return True

        self._bylines(text, accept, not_names)
        chains = self.title_chains(text, bridges)
        title_ends = {e for _, e, _, _ in chains}
        starts_ok = left_ok | title_ends
        for cs, ce, role, generic in chains:
            p = ce
            while p < len(text) and text[p] in _SPACES and p - ce < 2:
                p += 1
            aside = _PORTFOLIO_RE.match(text, p)
            if aside and not generic:
                p = aside.end()  # `总行政经理（质素及安全）陈家豪`: the portfolio sits between title and name
            strength = MEDIUM if generic else STRONG
            span = self.name_at(text, p, strength)
            if generic and span is not None and not self.is_boundary(text, span[1]):
                span = None  # `领导班子成员`: after a kind of person the name must end at a boundary
            if accept(span, role, strength):
                self._list_after(text, span[1], role, accept)
            elif not generic:
                accept(self.foreign_at(text, p), role, STRONG)
            if not generic:
                if not accept(self.name_before(text, cs, STRONG, starts_ok), role, STRONG):
                    accept(self.foreign_before(text, cs), role, STRONG)
        leader_ends = {m.end() for m in self.leader_re.finditer(text)}
        for end in sorted(leader_ends):  # `妻子蒲秀琼`: a person, but no title to record
            span = self.name_at(text, end, MEDIUM)
            if (span is not None and self.is_boundary(text, span[1]) and not self.rejected(text[span[0]:span[1]])
                    # a rarer surname (`来信`, `战隆冬`) only in a full name with a speech verb after it (`儿子妥建军说`)
                    and (self.lex.surname_tier.get(text[span[0]], 1) == 1
                         or span[1] - span[0] == 3 and self.lex.cue_re.match(text, span[1]))
                    and accept(span, None, MEDIUM)):
                self._list_after(text, span[1], None, accept)
        chain_roles = {e: role for _, e, role, _ in chains}
        for span in self._dotted_names(text, starts_ok | leader_ends):
            title_end = len(text[:span[0]].rstrip(_SPACES))  # `通讯员 热娜古丽·艾则孜`
            accept(span, chain_roles.get(title_end) if span[0] not in leader_ends else None, STRONG)
        for m in self.lex.cue_re.finditer(text):
            q = m.start() - 1 if m.start() > 0 and text[m.start() - 1] in self.lex.cue_adverbs else m.start()
            if not accept(self.name_before(text, q, MEDIUM, starts_ok), None, MEDIUM):
                accept(self.foreign_before(text, q, 3), None, MEDIUM)
        for m in _POSITION_RE.finditer(text):
            accept(self.name_before(text, m.start(), MEDIUM, starts_ok), None, MEDIUM)
        self._trailing_authors(text, accept, not_names)
        self._roles_after(text, hits, chains)
        taken = [(h.start, h.end) for h in hits]
        for m in self.bare_re.finditer(text):
            s = m.start()
            e = s + 3
            if s and text[s - 1] not in _BARE_LEFT and s not in starts_ok:
                continue
            if e < len(text) and text[e] not in _BARE_RIGHT and self.lex.cue_re.match(text, e) is None:
                continue
            if any(ts < e and s < te for ts, te in taken) or self.rejected(text[s:e]):
                continue
            if accept((s, e), None, WEAK):
                taken.append((s, e))
        for m in self.ref_re.finditer(text):
            s, e = m.span()
            if any(ts < e and s < te for ts, te in taken):
                continue
            if s > 0 and _is_cjk(text[s - 1]) and text[s - 1] not in _LEFT_CHARS and s not in starts_ok:
                continue
            hits.append(PersonHit(s, e, m.group(1), m.group(2), STRONG, ref_title=m.group(2)))
        return hits

    def _dotted_names(self, text: str, starts_ok: set[int]) -> list[tuple[int, int]]:
        """Names in parts joined by `·` (`吐尔洪·阿西木`, `瓦旦·吉洛`, `热娜古丽·艾则孜`): Uyghur, Taiwanese
        indigenous and foreign names. The name starts after a title, a relation word, a place or
        organisation, or a separating character, and its last part ends where a name may end."""
        out = []
        for m in _DOTTED_RE.finditer(text):
            first, dot = m.start(), m.start(1)
            window = range(dot - 2, max(first, dot - 6) - 1, -1)  # nearest the `·` first
            start = next((s for s in window if s in starts_ok), None)  # after a title (`村医吐尔洪`)
            if start is None:
                start = next((s for s in reversed(window) if s == 0 or not _is_cjk(text[s - 1])
                              or text[s - 1] in _LEFT_CHARS), None)
            last = text.rfind("·", 0, m.end()) + 1
            end = next((e for e in range(last + 2, m.end() + 1) if self.is_boundary(text, e)), None)
            if start is not None and end is not None and text[start - 1:start] not in ("《", "“"):
                out.append((start, end))
        return out

    def _roles_after(self, text: str, hits: list[PersonHit], chains) -> None:
        """Give a role-less name the title that `作为`/`担任` hands it just after (`刘亮亮作为副领队`)."""
        for h in hits:
            if h.role is not None:
                continue
            m = _AS_RE.match(text, h.end)
            if not m:
                continue
            for cs, ce, role, generic in chains:
                if m.end() <= cs <= m.end() + _AS_REACH and not generic:
                    between = text[m.end():cs]
                    if all(_is_cjk(c) for c in between):
                        h.role = role
                    break

    def list_neighbours(self, text: str, names: list[tuple[int, int]], taken: list[tuple[int, int]],
                        starts_ok: set[int]) -> list[tuple[int, int]]:
        """Names standing in a list with a found name (`岑志刚、富海燕、梅晓波`, `蒙志刚和韦春燕`, `万强、黎明等`).

        The list is the cue, so a rarer surname (向, 富) counts here. An item is a surname and one or
        two given-name characters, closed off on its far side by a separator, a name's left boundary
        (after a title, a relation word or `的`) or a word that ends a name.
        """
        found: list[tuple[int, int]] = []
        queue = list(names)
        spans = list(taken)
        while queue:
            s, e = queue.pop()
            for span in (self._item_after(text, e + 1) if text[e:e + 1] in _LIST_JOINS else None,
                         self._item_before(text, s - 1, starts_ok) if s and text[s - 1] in _LIST_JOINS else None):
                if span is None or any(ts < span[1] and span[0] < te for ts, te in spans):
                    continue
                found.append(span)
                spans.append(span)
                queue.append(span)
        return sorted(found)

    def _item_after(self, text: str, p: int) -> tuple[int, int] | None:
        sl = self.surname_len(text, p)
        if not sl or p + sl >= len(text):
            return None
        lengths = [sl + k for k in (1, 2)
                   if p + sl + k <= len(text) and all(self.given_ok(c, False) for c in text[p + sl:p + sl + k])]
        end = next((p + n for n in lengths if text[p + n:p + n + 1] in _LIST_ENDS), None)
        if end is None:
            end = next((p + n for n in reversed(lengths) if self.is_boundary(text, p + n)), None)
        if end is None:
            return None
        # between `、` and `、`/`等` an item is a name even when it is also a word (`万强、黎明等`)
        listed = text[p - 1] == "、" and text[end:end + 1] in ("、", "等")
        return None if self._not_item(text[p:end], listed) else (p, end)

    def _item_before(self, text: str, q: int, starts_ok: set[int]) -> tuple[int, int] | None:
        for n in (3, 2):
            s = q - n
            if s < 0:
                continue
            sl = self.surname_len(text, s)
            if not sl or not all(self.given_ok(c, False) for c in text[s + sl:q]) or not 1 <= n - sl <= 2:
                continue
            left_ok = s == 0 or s in starts_ok or text[s - 1] in _LEFT_CHARS or not _is_cjk(text[s - 1])
            if left_ok and not self._not_item(text[s:q]):
                return (s, q)
        return None

    def _not_item(self, name: str, listed: bool = False) -> bool:
        """A list item that holds a title (`院长`) is no name, nor (unless `listed`) a listed non-name."""
        return (self.rejected(name) and not listed) or any(name[k:] in self.lex.titles for k in range(1, len(name)))

    def _list_after(self, text: str, end: int, role: str | None, accept) -> None:
        """`副院长牛晓红、郭伟`: names after a titled name, joined by `、`, share its title."""
        while end < len(text) - 1 and text[end] == "、":
            if self.lex.title_re.match(text, end + 1):
                return  # the next item has its own title
            span = self.name_at(text, end + 1, MEDIUM)
            if span is None or not self.is_boundary(text, span[1]) or not accept(span, role, MEDIUM):
                return
            end = span[1]

    def byline_name_ok(self, token: str, after_role: bool = False) -> bool:
        """Is a token of a byline a person's name (`欧阳晓婷`, `热娜古丽·艾则孜`; not `字号`)?"""
        return self._token_name(token, set(), after_role) or (
            _DOTTED_RE.fullmatch(token) is not None and not self.rejected(token))

    def _token_name(self, token: str, not_names: set[str], after_role: bool = False) -> bool:
        """Is a byline token (already delimited) a person's name? Right after a role word
        (`记者 宁静`) a frequent surname with an ordinary word for a given name is still a name."""
        if not 2 <= len(token) <= 4 or not all(_is_cjk(c) for c in token):
            return False
        sl = self.surname_len(token, 0)
        if not sl or len(token) - sl not in (1, 2) or token in not_names:
            return False
        if self.rejected(token) and not (after_role and self.lex.surname_tier.get(token[:sl]) == 1
                                         and token not in self.lex.titles
                                         and all(self.given_ok(c, False) for c in token[sl:])):
            return False
        return not token.endswith(_DEPT_END) and token not in self.lex.titles

    def _tokens(self, text: str, start: int, end: int, accept, not_names: set[str], role: str | None) -> None:
        """Walk byline tokens in text[start:end]: role words set the role, names are taken."""
        for m in _TOKEN_RE.finditer(text, start, end):
            token = m.group()
            if token in self.byline_end or any(c.isdigit() for c in token):
                return
            if token in self.byline_roles:
                role = token
                continue
            if token in self.byline_plain:
                role = None
                continue
            glued = next((r for r in self.byline_roles_longest if token.startswith(r) and len(token) > len(r)), None)
            if glued and self._token_name(token[len(glued):], not_names):
                accept((m.start() + len(glued), m.end()), glued, STRONG)
                role = glued
                continue
            if self._token_name(token, not_names, after_role=role is not None):
                accept((m.start(), m.end()), role, STRONG)

    def _bylines(self, text: str, accept, not_names: set[str]) -> None:
        for m in self.byline_paren_re.finditer(text):
            self._tokens(text, m.start() + 1, m.end() - 1, accept, not_names, None)
        m = self.byline_line_re.match(text)
        if m:
            head = text[:m.end()].strip(" \t\u3000【】[]/:：|")
            role = head if head in self.byline_roles else None
            self._tokens(text, m.end(), len(text), accept, not_names, role)
        elif len(text) <= 60:
            m = self.byline_line_space_re.match(text)
            if m:
                self._tokens(text, m.start(), len(text), accept, not_names, None)

    def _trailing_authors(self, text: str, accept, not_names: set[str]) -> None:
        """`…守护人民群众的生命安全和身体健康!(姜晓萌 赵太迎)`: authors closing a paragraph."""
        m = _TRAILING_PAREN_RE.search(text)
        if not m:
            return
        tokens = list(_TOKEN_RE.finditer(text, m.start(1), m.end(1)))
        if tokens and all(self._token_name(t.group(), not_names) for t in tokens):
            for t in tokens:
                accept(t.span(), None, STRONG)


@lru_cache(maxsize=None)
def person_finder() -> PersonFinder:
    """The shared finder, built on first use."""
    return PersonFinder()
