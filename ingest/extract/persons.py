"""People in one text: names next to cues that Chinese news reliably gives.

A name is a surname (`ner_surnames.txt`) plus one or two given-name characters. It is taken only
with a cue: a title before or after it (`副院长李宏伟`, `刘宇主任`), a byline (`记者 张丽`), a
trailing author parenthesis (`(姜晓萌 赵太迎)`), a speech or action verb after it (`郭伟强调`), a
photo position (`杨钰(中)`), or a list continuing a titled name (`副院长牛晓红、郭伟`). Names
confirmed this way are found again anywhere in the article by `entities.py`; surname + title
references (`刘院长`) are returned here unresolved and resolved there. What a name looks like is
`names.py`; bylines are read by `bylines.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from .bylines import BylineNames
from .lexicon import trie_pattern, trie_regex, word_bigrams
from .orgs import org_index
from .places import place_index
from .names import DOTTED_NAME_RE, MEDIUM, STRONG, WEAK, NameShapes, is_cjk, person_cues

__all__ = ["MEDIUM", "PORTFOLIO_RE", "STRONG", "WEAK", "PersonFinder", "PersonHit", "person_finder"]

SPACES = " \u3000\xa0\t"  # spaces a name or a title may stand apart by
_AS_REACH = 12  # characters allowed between `作为`/`担任` and the title (`作为此次援哈医疗队副领队`)
# What stacks one title onto the next directly (`党委书记、院长`, `院长兼党委书记`, `副院长及护士长`, a space),
# what may also have the next title's unit after it, and the commas among those.
_CHAIN_JOINS = "、兼及 \u3000"
_CHAIN_GAP_JOINS = "、兼及,，"
_COMMAS = ",，"
_UNIT_REACH = 20  # characters of a unit before a title that the finders do not know as an organisation
_TOWN_ENDINGS = ("镇", "乡", "村")  # the suffixes the place finder reads a town or village by (`XX镇`)
_CLAUSE_UNIT_REACH = 4  # characters of a department opening a clause before a name (`、儿科|林瑜主任`)
# Characters of a count before a word that may look like a name (`7万庄稼医生`).
_NUMERALS = set("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿两几")
# A bracketed portfolio between a title and the name (`总行政经理（质素及安全）陈家豪`).
PORTFOLIO_RE = re.compile(r"[（(][^（）()\n]{1,12}[)）]")
# Punctuation around a name that stands alone (a bare name needs it on both sides).
_BARE_LEFT = set("、，,。；;：:“”\"（）()《》【】 \u3000")
_BARE_RIGHT = set("、，,。；;：:“”\"（）()《》【】 \u3000！!？?")


# A name in Latin script (`Sam Altman`, `Arancha Rodríguez`): two or three capitalised words, standing
# apart from other Latin words. Such a string is as often a product or a site (`App Store`), so it is
# taken only with a cue (`PersonFinder.latin_names`); a single word (`Altman`) and capitals (`CHECK`) never.
_LATIN_WORD = "[A-Z][a-z\u00df-\u00ff]+"
LATIN_NAME_RE = re.compile(f"(?<![A-Za-z\u00c0-\u00ff])(?<![A-Za-z] ){_LATIN_WORD}(?:[ -]{_LATIN_WORD}){{1,2}}"
                           "(?![A-Za-z\u00c0-\u00ff])(?! [A-Za-z])")

# The share of a dotted name's characters that must be characters of transliterated foreign and
# minority names (ner_foreign_chars.txt, ner_transliteration_chars.txt): such names score 0.7-1.0,
# words joined by a dot or a bullet (`健康·生活`, `人民网·健康`, `北京·上海高铁开通`) 0.5 or less.
DOTTED_NAME_MIN_SHARE = 0.6


@dataclass
class PersonHit:
    start: int
    end: int
    name: str
    role: str | None
    strength: int
    ref_title: str | None = None  # set for `刘院长`: `name` is then only the surname


class PersonFinder(NameShapes):
    """Cue-driven person matcher (the name shapes it builds on: `NameShapes`); one instance serves all texts."""

    def __init__(self) -> None:
        super().__init__()
        cues = person_cues()
        self.as_re, self.list_ends = cues.as_re, cues.list_ends
        self.position_re = cues.position_re
        self.title_modifiers = cues.title_modifiers
        # how a unit before a title ends (`…信息化司|司长`, `…县疾控中心|主任`): organisation suffixes, departments
        self.unit_endings = tuple(sorted(set(org_index().suffix) | set(cues.department_endings), key=len))
        unit = f"[\u4e00-\u9fff]{{0,{_UNIT_REACH - 1}}}?(?:{trie_pattern(self.unit_endings)})"
        self.units_re = re.compile(f"{unit}(?:[{''.join(sorted(self.list_joins))}]{unit})*")  # `甲大学、乙学院和丙部`
        # a department opening a clause, the name after it (`、儿科林瑜主任`, `、内科陈年慧副主任`)
        one_char = "".join(sorted(e for e in cues.department_endings if len(e) == 1))
        self.clause_unit_re = re.compile(f"(?:^|(?<=[{re.escape(''.join(sorted(_BARE_LEFT)))}]))"
                                         f"[\u4e00-\u9fff]{{1,{_CLAUSE_UNIT_REACH - 1}}}?[{one_char}]")
        self.bylines = BylineNames(self)
        tier1 = "".join(sorted(self.lex.top_surnames))
        given = "".join(sorted(self.lex.given_chars))
        # Three-character names standing alone between punctuation (`，王建国、李明华等`): no cue at all.
        self.bare_re = re.compile(f"(?=([{tier1}][{given}][{given}]))")
        self.leader_re = trie_regex(rules.words("ner_name_leaders.txt"))
        self.honorific_re = trie_regex(cues.honorifics)
        surnames = [s for s in self.lex.surname_tier]
        self.ref_re = re.compile("(" + trie_pattern(surnames) + ")(" + trie_pattern(self.lex.titles) + ")")

    # ----- cues ---------------------------------------------------------------------------------

    def title_chains(self, text: str, bridges: dict[int, int] | None = None) -> list[tuple[int, int, str, bool]]:
        """Runs of titles joined by `、` or nothing: (start, end, role text, generic-only). With
        `bridges` (organisation and place spans, start → end) a title after `、` and the body it
        belongs to joins the run too: `省委书记、省人大常委会主任王东峰` has one role."""
        chains: list[list] = []
        bridges = bridges or {}
        for s, e in self._title_spans(text):
            if any(bs <= s and e <= be and be - bs > e - s for bs, be in bridges.items()):
                continue  # `常委` inside `省人大常委会` is part of the name, not a title
            generic = text[s:e] in self.lex.generic_titles
            s = self._modified_start(text, s, bridges)
            if chains and self._chain_goes_on(text, chains[-1][0], chains[-1][1], s, bridges):
                chains[-1][1] = e
                chains[-1][3] = chains[-1][3] and generic
            else:
                chains.append([s, e, None, generic])
        return [(s, e, text[s:e], g) for s, e, _, g in chains]

    def _title_spans(self, text: str) -> list[tuple[int, int]]:
        """The titles in `text`, left to right; a title whose first character closes a word with the one
        before it yields to a title starting one later (`带领|队员`, not 带|领队|员)."""
        out: list[tuple[int, int]] = []
        pairs, title_re = word_bigrams(), self.lex.title_re
        pos = 0
        while (m := title_re.search(text, pos)) is not None:
            s, e = m.span()
            later = title_re.match(text, s + 1) if s and text[s - 1:s + 1] in pairs else None
            if later is not None and later.end() >= e:
                s, e = later.span()
            out.append((s, e))
            pos = e
        return out

    def _modified_start(self, text: str, s: int, bridges: dict[int, int]) -> int:
        """Where a title starts with the modifiers written before it (`总行政|经理` → 总行政经理, `署理|局长`);
        a modifier that ends an organisation or place is the unit's, not the title's."""
        unit_ends = set(bridges.values())
        for _ in range(3):
            mod = next((w for w in self.title_modifiers if text.startswith(w, s - len(w))), None)
            if mod is None or s in unit_ends:
                break
            s -= len(mod)
        return s

    def _chain_goes_on(self, text: str, cs: int, ce: int, s: int, bridges: dict[int, int]) -> bool:
        """Does the title at `s` stack onto the run of titles `cs:ce`? Stacked titles are joined by
        nothing, `、`, `兼`, `及` or a space (`主任医师 共产党员 王立新`); after `、`, `兼` or `及` the next
        title may have its unit before it, organisations and places the finders know (`省委书记、省人大常委会
        主任`) and then a department they do not, ending like one (`副主任、国家卫生健康委规划发展与信息化司司长`);
        after a comma too, when what stands before the run is only its unit (`丰县卫健委党委委员,县疾控中心主任
        史攀峰`, `市委常委、副市长,民盟盟员王五`)."""
        if ce == s:
            return True
        sep = text[ce]
        if s == ce + 1 and sep in _CHAIN_JOINS:
            return True
        comma = sep in _COMMAS
        if sep not in _CHAIN_GAP_JOINS or (comma and not self._unit_only_before(text, cs, bridges)):
            return False
        if self.name_before(text, cs, STRONG, set()) is not None:
            return False  # `李明副院长、医务科科长王五`: the run before is another person's
        k = ce + 1  # walk over the organisations and places after the join, and a unit's other name in
        # brackets after it (`附属医院(临床医学院)|党委书记`)
        while k in bridges and bridges[k] <= s:
            k = bridges[k]
            aside = PORTFOLIO_RE.match(text, k)
            if aside is not None and aside.end() <= s:
                k = aside.end()
        if k in bridges and k < s < bridges[k]:
            k = s  # the unit's name runs into the title (`市卫生健康局党组|书记` of 党组书记)
        if k == s:
            return k > ce + 1 or comma
        gap = text[k:s]  # a department the finders do not know, also after a known unit (`宣传司|副司长`,
        # `国家卫生健康委|规划发展与信息化司|司长`)
        return (not comma and len(gap) <= _UNIT_REACH and all(is_cjk(c) for c in gap)
                and gap.endswith(self.unit_endings))

    @staticmethod
    def _unit_only_before(text: str, cs: int, bridges: dict[int, int]) -> bool:
        """Is what stands between the last punctuation and `cs` nothing, or only organisations and places
        the finders know (`丰县卫健委|党委委员`; not `任命阴和俊为科学技术部|部长`)?"""
        q = cs
        while q > 0 and is_cjk(text[q - 1]):
            q -= 1
        starts = {}
        for bs, be in bridges.items():
            starts.setdefault(be, []).append(bs)
        reached, todo = {cs}, [cs]
        while todo:  # walk back from the run over units that end where the last one starts
            pos = todo.pop()
            for bs in starts.get(pos, []):
                if bs >= q and bs not in reached:
                    reached.add(bs)
                    todo.append(bs)
        return q in reached

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

        def accept(span, role, strength, refused: set[str] = not_names) -> bool:
            if span is None:
                return False
            s, e = span
            name = "".join(c for c in text[s:e] if c not in SPACES)  # a credit's `王 冰` is 王冰
            if name in refused or any(bs <= s and e <= be and (bs, be) != (s, e) for bs, be in blocked):
                return False
            if any(a_s < e and s < a_e for a_s, a_e in avoid):
                return False
            add(PersonHit(s, e, name, role, strength))
            return True

        # a name a byline's role word vouches for is no town the place finder only guessed from its last
        # character (`本报记者 吴奕镇 曹志成 摄`: 镇 ends given names too)
        credited = {n for n in not_names if n in place_index().canon or not n.endswith(_TOWN_ENDINGS)}
        for s, e, role in self.bylines.spans(text, credited):
            accept((s, e), role, STRONG, not_names if role is None else credited)
        chains = self.title_chains(text, bridges)
        starts_ok = left_ok | {e for _, e, _, _ in chains} | self._clause_unit_ends(text)
        self._titled(text, chains, starts_ok, accept, bridges or {})
        leader_ends = {m.end() for m in self.leader_re.finditer(text)}
        self._after_leaders(text, leader_ends, accept)
        chain_roles = {e: role for _, e, role, _ in chains}
        self._after_honorifics(text, chain_roles, accept)
        for span in self._dotted_names(text, starts_ok | leader_ends):
            title_end = len(text[:span[0]].rstrip(SPACES))  # `通讯员 热娜古丽·艾则孜`
            accept(span, chain_roles.get(title_end) if span[0] not in leader_ends else None, STRONG)
        self._cued(text, starts_ok, accept)
        for span in self.bylines.trailing(text, not_names):
            accept(span, None, STRONG)
        self._roles_after(text, hits, chains)
        taken = [(h.start, h.end) for h in hits]
        self._bare(text, starts_ok, taken, accept)
        hits += self._references(text, starts_ok, taken)
        return hits

    def _clause_unit_ends(self, text: str) -> set[int]:
        """Where a short department opening a clause ends (`、儿科|`, `、内科|`, `，医务部|`): a name may start
        there, though the finders do not know the department as an organisation."""
        return {m.end() for m in self.clause_unit_re.finditer(text)}

    def _titled(self, text: str, chains: list[tuple[int, int, str, bool]], starts_ok: set[int], accept,
                bridges: dict[int, int]) -> None:
        """Names right after a run of titles (`副院长李宏伟`, and the list after it) or right before one
        (`刘宇主任`); with a kind-of-person title (`队员`, `医生`) more weakly, and before it only a name
        that looks like one on its own."""
        for cs, ce, role, generic in chains:
            p = ce
            while p < len(text) and text[p] in SPACES and p - ce < 2:
                p += 1
            aside = PORTFOLIO_RE.match(text, p)
            if aside and not generic:
                p = aside.end()  # `总行政经理（质素及安全）陈家豪`: the portfolio sits between title and name
            strength = MEDIUM if generic else STRONG
            span = self.name_at(text, p, strength)
            if generic and span is not None and not self.is_boundary(text, span[1]):
                span = None  # `领导班子成员`: after a kind of person the name must end at a boundary
            if generic and span is not None and self._rare_surname_before_word(text, *span):
                span = None  # `专家来义诊`, `代表全中国`: a verb or a word after a kind of person
            if span is not None and self._ends_inside_word(text, *span):
                span = None  # `局长谈访问台中`: 访 opens the word 访问, so 谈 is a verb, not a surname
            named_after = accept(span, role, strength)
            if named_after:
                self._list_after(text, span[1], role, accept)
            elif not generic:
                span = self.foreign_at(text, p)
                named_after = accept(span, role, STRONG)
            if not generic and named_after and p == ce and self._whole_words_around(text, *span):
                continue  # `与卫福部长石崇良`: the title is the name's after it; what runs into it is its unit
            if not generic and not named_after:
                self._across_units(text, cs, ce, role, starts_ok, chains, accept)
            if not generic:
                if not accept(self.name_before(text, cs, STRONG, starts_ok), role, STRONG):
                    if not accept(self.foreign_before(text, cs), role, STRONG):
                        accept(self._full_name_after_word(text, cs), role, STRONG)
            else:
                accept(self._name_before_kind(text, cs, starts_ok), role, MEDIUM)

    def _across_units(self, text: str, cs: int, ce: int, role: str, starts_ok: set[int],
                      chains: list[tuple[int, int, str, bool]], accept) -> None:
        """`研究所所长、中国协和医科大学和北京大学医学部黎健教授`: a post, then only units joined by `、和及与`,
        then a name with a title of its own after it: the post is the name's too (the units are its other
        affiliations), written before its own (所长、教授). Not when a name stands right before the post
        (`李明院长、北京大学王五教授`: it is 李明's)."""
        if text[ce:ce + 1] != "、" or self.name_before(text, cs, STRONG, starts_ok) is not None:
            return
        for s, _, own, generic in chains:
            if s <= ce or generic:
                continue
            span = self.name_before(text, s, STRONG, starts_ok)
            if span is not None and self._units_only(text[ce + 1:span[0]]):
                accept(span, f"{role}、{own}", STRONG)
            return

    def _units_only(self, gap: str) -> bool:
        """Is `gap` one or more units (`中国协和医科大学`, `北京大学医学部`) joined by `、和及与`: each all
        Chinese, at most `_UNIT_REACH` characters, ending like an organisation or department?"""
        return self.units_re.fullmatch(gap) is not None

    def _name_before_kind(self, text: str, cs: int, starts_ok: set[int]) -> tuple[int, int] | None:
        """A name before a kind-of-person title (`张丽医生说`, `易军常委建议`): its characters common in names,
        not after a numeral (`10万中小学生`), and a common surname with a character that makes no word with
        it (`庄稼医生`) or a full name that is no rarer surname before a word (`全中国|代表`)."""
        span = self.name_before(text, cs, MEDIUM, starts_ok)
        if span is None:
            return None
        s, e = span
        if e - s < 3 and (self.lex.surname_tier.get(text[s]) != 1 or text[s:e] in word_bigrams()):
            return None  # `庄稼医生`: a two-character word
        if s and text[s - 1] in _NUMERALS:
            return None  # `7万庄稼医生`, `10万中小学生`: a count
        return None if self._rare_surname_before_word(text, s, e) else span

    def _rare_surname_before_word(self, text: str, s: int, e: int) -> bool:
        """Is `text[s:e]` a rarer surname character (来, 全, 应) and then a pair written inside one word
        (`来|义诊`, `全|中国`), with no speech or action verb after it (`志愿者严海滨说` stands)? Such a
        string is a word run on, unless a stronger cue than a kind of person vouches for it."""
        return (e - s == 3 and self.surname_len(text, s) == 1 and self.lex.surname_tier.get(text[s]) == 2
                and text[s + 1:e] in word_bigrams() and self.lex.cue_re.match(text, e) is None)

    @staticmethod
    def _whole_words_around(text: str, s: int, e: int) -> bool:
        """Does the name `text[s:e]` neither open with a pair written inside one word nor end inside one
        (not `习近平主席|关心基|层`: 关心, 基层)? Only such a name after a title outweighs one before it."""
        pairs = word_bigrams()
        return text[s:s + 2] not in pairs and text[e - 1:e + 1] not in pairs

    def _ends_inside_word(self, text: str, s: int, e: int) -> bool:
        """Is `text[s:e]` a two-character name whose given character and the one after it are a pair
        written inside one word (`谈访|问`), with no speech or action verb after it? Then the candidate
        cuts a word in two, and the surname is a word of its own."""
        return e - s == 2 and text[e - 1:e + 1] in word_bigrams() and self.lex.cue_re.match(text, e) is None

    def _full_name_after_word(self, text: str, cs: int) -> tuple[int, int] | None:
        """A three-character name before a title with a word, not punctuation, before it (`引述郭家麒议员`):
        the two characters before it must be a pair written inside one word and the one before it and
        the surname no such pair (not `联合|国大会主席`, `吉尔吉斯|斯坦总理`, `落实|习近平`: 实习 is a
        word), the surname a common one, and the name's own characters common in names."""
        p = cs - 3
        pairs = word_bigrams()
        if (p < 2 or text[p - 2:p] not in pairs or text[p - 1:p + 1] in pairs
                or self.surname_len(text, p) != 1 or self.lex.surname_tier.get(text[p]) != 1):
            return None
        span = self.name_before(text, cs, MEDIUM, {p})
        return span if span == (p, cs) else None

    def _after_leaders(self, text: str, leader_ends: set[int], accept) -> None:
        """`妻子蒲秀琼`: a person after a relation word, but no title to record."""
        for end in sorted(leader_ends):
            span = self.name_at(text, end, MEDIUM)
            if (span is not None and self.is_boundary(text, span[1]) and not self.rejected(text[span[0]:span[1]])
                    # a rarer surname (`来信`, `战隆冬`) only in a full name with a speech verb after it (`儿子妥建军说`)
                    and (self.lex.surname_tier.get(text[span[0]], 1) == 1
                         or span[1] - span[0] == 3 and self.lex.cue_re.match(text, span[1]))
                    and accept(span, None, MEDIUM)):
                self._list_after(text, span[1], None, accept)

    def _after_honorifics(self, text: str, chain_roles: dict[int, str], accept) -> None:
        """`卫生部长拿督斯里苏巴马念透露`: the name after an honour runs to the nearest word that follows names
        (a speech or action verb, a particle, an adverb, a title) or punctuation: two to five characters, a
        transliteration as often as a surname and given name. A post written right before the honour is its role."""
        for m in self.honorific_re.finditer(text):
            p = m.end()
            end = next((p + k for k in range(2, 6) if p + k <= len(text) and all(is_cjk(c) for c in text[p:p + k])
                        and (p + k == len(text) or not is_cjk(text[p + k]) or self._word_len_at(text, p + k))),
                       None)
            if end is not None and not self.rejected(text[p:end]):
                accept((p, end), chain_roles.get(m.start()), STRONG)

    def _cued(self, text: str, starts_ok: set[int], accept) -> None:
        """Names before a speech or action verb (`郭伟强调`) or a photo position (`杨钰(中)`)."""
        for m in self.lex.cue_re.finditer(text):
            q = m.start() - 1 if m.start() > 0 and text[m.start() - 1] in self.lex.cue_adverbs else m.start()
            if not accept(self.name_before(text, q, MEDIUM, starts_ok), None, MEDIUM):
                accept(self.foreign_before(text, q, 3), None, MEDIUM)
        for m in self.position_re.finditer(text):
            accept(self.name_before(text, m.start(), MEDIUM, starts_ok), None, MEDIUM)

    def _bare(self, text: str, starts_ok: set[int], taken: list[tuple[int, int]], accept) -> None:
        """Three-character names standing alone between punctuation (`，王建国、李明华等`), weakly;
        what they take is added to `taken`."""
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

    def _references(self, text: str, starts_ok: set[int], taken: list[tuple[int, int]]) -> list[PersonHit]:
        """Surname + title references (`刘院长`), left for the article to resolve."""
        out = []
        for m in self.ref_re.finditer(text):
            s, e = m.span()
            if any(ts < e and s < te for ts, te in taken):
                continue
            if s > 0 and is_cjk(text[s - 1]) and text[s - 1] not in self.left_chars and s not in starts_ok:
                continue
            out.append(PersonHit(s, e, m.group(1), m.group(2), STRONG, ref_title=m.group(2)))
        return out

    def _dotted_names(self, text: str, starts_ok: set[int]) -> list[tuple[int, int]]:
        """Names in parts joined by `·` (`吐尔洪·阿西木`, `瓦旦·吉洛`, `热娜古丽·艾则孜`): Uyghur, Taiwanese
        indigenous and foreign names. The name starts after a title, a relation word, a place or
        organisation, or a separating character, and its last part ends where a name may end."""
        out = []
        for m in DOTTED_NAME_RE.finditer(text):
            first, dot = m.start(), m.start(1)
            window = range(dot - 2, max(first, dot - 6) - 1, -1)  # nearest the `·` first
            start = next((s for s in window if s in starts_ok), None)  # after a title (`村医吐尔洪`)
            if start is None:
                start = next((s for s in reversed(window) if s == 0 or not is_cjk(text[s - 1])
                              or text[s - 1] in self.left_chars), None)
            last = text.rfind("·", 0, m.end()) + 1
            # a last part of one character (`特雷莎·梅`) only before a speech or action verb (`宣布`)
            one = last + 1 if self.lex.cue_re.match(text, last + 1) else None
            end = one or next((e for e in range(last + 2, m.end() + 1) if self.is_boundary(text, e)), None)
            if start is not None and end is not None and text[start - 1:start] not in ("《", "“") \
                    and self.transliterated(text[start:end]):
                out.append((start, end))
        return out

    def transliterated(self, name: str) -> bool:
        """Do the parts of a dotted name read as a transliteration (`鲍里斯·约翰逊`, `买买提·吐尔逊`)? The
        web also joins ordinary words with dots and bullets (`首页·新闻`, `北京·上海高铁`, `活动•讲座`)."""
        core = name.replace("·", "")
        return sum(c in self.foreign_chars_wide for c in core) >= DOTTED_NAME_MIN_SHARE * len(core)

    def latin_names(self, text: str, title_ends: set[int], person_ends: set[int]) -> list[tuple[int, int]]:
        """Latin-script names with a cue: a title before (`首席执行官Sam Altman`, `记者 Arancha Rodríguez`),
        a speech or action verb after (`Hod Lipson指出`), or in brackets right after a person's name as
        its original spelling (`唐纳德·特朗普(Donald Trump)`). `title_ends`: where titles end;
        `person_ends`: where the people found in the text end."""
        out = []
        for m in LATIN_NAME_RE.finditer(text):
            s, e = m.span()
            titled = len(text[:s].rstrip(SPACES)) in title_ends
            cued = self.lex.cue_re.match(text, e + (text[e:e + 1] == " ")) is not None
            gloss = text[s - 1:s] in ("(", "（") and s - 1 in person_ends and text[e:e + 1] in (")", "）")
            if titled or cued or gloss:
                out.append((s, e))
        return out

    def _roles_after(self, text: str, hits: list[PersonHit], chains) -> None:
        """Give a name the title that `作为`/`担任` hands it just after (`刘亮亮作为副领队`); a name with a
        title before it keeps that one too (`厅长杨敬担任卫生计生委党组书记、主任`: both are the text's)."""
        starts = {o.start for o in hits}
        for h in hits:
            role = self.handed_role(text, h.end, [c[:3] for c in chains if not c[3]], starts)
            if role is not None and role != h.role:
                h.role = role if h.role is None else f"{h.role}；{role}"

    def handed_role(self, text: str, end: int, chains: list[tuple[int, int, str]], name_starts: set[int]) -> str | None:
        """The post that `作为`, `担任` or the copula hands the name ending at `end` (`刘亮亮作为副领队`,
        `苏巴马念也是国大党昔加末区国会议员`): the first of `chains` (posts, not kinds of person) within
        `_AS_REACH` Chinese characters after the verb, unless a name starts right after it (`王五是市长李四的
        秘书`: the post is 李四's)."""
        m = self.as_re.match(text, end)
        if not m:
            return None
        for cs, ce, role in chains:
            if m.end() <= cs <= m.end() + _AS_REACH:
                if ce in name_starts or not all(is_cjk(c) for c in text[m.end():cs]):
                    return None
                return role
        return None

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
            for span in (self._item_after(text, e + 1) if text[e:e + 1] in self.list_joins else None,
                         self._item_before(text, s - 1, starts_ok) if s and text[s - 1] in self.list_joins else None):
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
        end = next((p + n for n in lengths if text[p + n:p + n + 1] in self.list_ends), None)
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
            left_ok = s == 0 or s in starts_ok or text[s - 1] in self.left_chars or not is_cjk(text[s - 1])
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
            if span is not None and self.lex.title_re.match(text, span[1]):
                return  # `院长王五、张三主任`: the name has a title of its own after it
            if span is None or not self.is_boundary(text, span[1]) or not accept(span, role, MEDIUM):
                return
            end = span[1]


@lru_cache(maxsize=None)
def person_finder() -> PersonFinder:
    """The shared finder, built on first use."""
    return PersonFinder()
