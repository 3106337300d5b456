"""Bylines: who wrote or photographed an article (`本报讯(记者 张丽 闫珊 通讯员 张倩云)`, `文/宣传科 张阳`,
a closing `(姜晓萌 赵太迎)`, `作者:胡蓉` in the metadata).

Cleaning reads the article's byline and authors with the functions here; the name finder takes the
people a byline names inside a paragraph with `BylineNames`. Byline words: `data/ner_byline.txt`,
`data/byline_lines.txt`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from .lexicon import trie_pattern, word_bigrams
from .names import DOTTED_NAME_RE, NameShapes, is_cjk, person_cues
from .places import place_index
from ..records import BylinePerson
from .. import rules

# `本报讯(记者 张丽 闫珊 通讯员 张倩云)` at the head of a paragraph.
DATELINE_BYLINE = re.compile(
    r"^\s*(?:本报讯|本报[^\s(（]{0,14}电|[^\s(（]{1,6}社[^\s(（]{0,14}电|[^\s(（]{0,6}讯)\s*[(（](?P<by>[^()（）]{2,80})[)）]"
    # Taiwan's `〔記者林郁婷／台北報導〕` (normalised to Simplified).
    r"|^\s*[〔【\[(（]\s*(?P<tw>记者\s*[\u4e00-\u9fff]{2,4})\s*[／/]\s*[\u4e00-\u9fff]{1,6}(?:报导|报道)\s*[〕】\])）]")
# `(姜晓萌 赵太迎)` closing the last paragraph.
TRAILING_AUTHORS = re.compile(r"[(（](?P<by>[\u4e00-\u9fff]{1,4}(?:[\s、,，]+[\u4e00-\u9fff]{1,4})*)[)）]\s*$")
# A name in a byline: two to four Chinese characters, or parts joined by `·` (`热娜古丽·艾则孜`).
HAN_NAME = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+)$")
# For the name finder: authors in brackets closing a paragraph, and the tokens of a byline.
_TRAILING_PAREN_RE = re.compile(r"[（(]([^()（）\n]{2,40})[)）][\s。.]*$")
_TOKEN_RE = re.compile(r"[^\s、，,;；/|：:（）()]+")
# The tokens of a credit closing a paragraph (`周成龙 张雷 摄影报道`), and the marks its sentence ends after.
_CREDIT_TOKEN_RE = re.compile(r"[^\s、，,;；/|：:（）()【】\[\]]+")
_SENTENCE_ENDS = "。！？!?；;"
_OPENING_BRACKETS = ("〔", "【", "[", "(", "（")  # a dateline in brackets opening the text
# The marks after a label (`责任编辑:`, `文/`, `文字丨`).
_LABEL_MARKS = ":：/／|｜丨"


def byline_names(byline: str) -> list[str]:
    """Person names in a byline (`记者 张丽 闫珊 通讯员 张倩云`, `宣传科 张阳 党院办 高冰`)."""
    return [person.name for person in byline_people(byline)]


def _label_mark(text: str, i: int) -> bool:
    """Does a label mark (`:`, `/`, `丨`) stand at `i`?"""
    return i < len(text) and text[i] in _LABEL_MARKS


def byline_people(byline: str) -> list[BylinePerson]:
    """Names in a byline with their offsets and roles: `记者 张丽 闫珊; 作者:胡蓉` → 张丽 记者, 闫珊 记者,
    胡蓉 作者. The byline is read by `label_values`, a value taken for a name by its shape (two to four
    Chinese characters, or dotted parts); whose name it is, `byline_person_ok` decides."""
    return label_values(byline, 0, len(byline), None, _loose_values())


@dataclass(frozen=True)
class ValueChecks:
    """What a reading of label–value text asks of its values. `name(token, role)`: is a value standing
    after `role` (None: no role) a name; `before_label(token, role)`: is a value run on to the next label
    one (`王强` of `王强责任编辑:`); `department(token)`: is it a unit whose people have no title here
    (`宣传科`). `in_text`: the credits stand inside a paragraph, so page furniture and figures end them
    and a name spaced out (`王 博`) is not joined (its surface would not be the name)."""
    name: Callable[[str, str | None], bool]
    before_label: Callable[[str, str | None], bool]
    department: Callable[[str], bool]
    in_text: bool


@lru_cache(maxsize=1)
def _loose_values() -> ValueChecks:
    """A byline's values: any name-shaped token (the caller decides on the person)."""
    org_endings = rules.byline_org_endings()
    return ValueChecks(name=lambda token, role: HAN_NAME.match(token) is not None,
                       before_label=lambda token, role: _byline_names().token_name(token, set(), after_role=True),
                       department=lambda token: token.endswith(org_endings), in_text=False)


def label_values(text: str, start: int, end: int, role: str | None, checks: ValueChecks) -> list[BylinePerson]:
    """The people that label–value credits in `text[start:end]` name, however the labels run together:
    `记者 张丽 闫珊 通讯员 张倩云`, `作者:甲 乙责任编辑:丙`, `本报记者董芳忠摄影报道`, `曾雅燕 郭陈新 摄影`.

    A role word (also with its paper before it: `本报通讯员`, or run on to the name: `记者张丽`) holds for
    the names after it up to the next role word, department or `;`; words that only say where it came
    from (`来源`) give no role; a word closing the credits (`摄`) gives its role to the names before it
    that have none. `role` is the role a label before `start` gave.
    """
    words = role_words()
    people: list[BylinePerson] = []
    tokens = words.token_re
    for segment in re.finditer(r"[^;；]+", text[start:end]):
        first, seg_start = len(people), start + segment.start()
        seg_end, skip_to, opened = seg_start + len(segment.group()), 0, False
        for m in tokens.finditer(text, seg_start, seg_end):
            token, at = m.group(0), m.start()
            if at < skip_to:
                continue  # the second word of a compound label (`文/图`)
            if checks.in_text and (token in words.end or any(c.isdigit() for c in token)):
                return people  # page furniture after the credits (`发布时间 2022`)
            # `作者:王 博`, `记者俞 欣`: spaced to three widths; in a paragraph only after a role word
            # (`本报记者 王 冰 摄`), the span then the name as written (`王 冰`), the name closed up
            if m.group("spaced") and (not checks.in_text or role is not None or m.group("lead")):
                lead = m.group("lead") or ""
                name = token[len(lead)] + token[-1]
                if _byline_names().token_name(name, set(), after_role=True):
                    if lead:
                        role = None if lead in words.plain else lead
                    people.append(BylinePerson(name, at + len(lead), m.end(), role))
                    continue
            if (lead := words.lead(token)) is not None and checks.name(words.lead_name(token[lead[0]:]), None):
                size, word = lead  # `记者张丽`, `本报记者董芳忠摄影报道` written in one run
                role = None if word in words.plain else word
                token, at = token[size:], at + size
            label = (words.label_after(token) if token not in words.every and _label_mark(text, m.end()) else None)
            if label is not None and checks.before_label(token[:-len(label)], role):
                name = token[:-len(label)]  # `作者:甲 乙责任编辑:丙`: 乙 keeps the role before
                people.append(BylinePerson(name, at, at + len(name), role))
                role = None if label in words.plain else label
                continue
            closing = words.closing(token)
            if token in words.every:  # `摄影 张三`; also closing the names before it (`张三 摄影`)
                word = _compound_label(text, m, tokens, words)
                skip_to = at + len(word)
                if closing is None and not opened and word not in words.plain and not _label_mark(text, skip_to) \
                        and any(p.role is None for p in people[first:]):
                    words.give_after(people, first, word)  # `张伟 文 李娜 图`: names first, then what they did
                    role = None
                    continue
                role, opened = None if word in words.plain else word, True
                if closing is not None:  # `张三 摄影`; not `记者:张三 摄影:李四`, where it opens a label
                    words.give_after(people, first, token, closing=not _label_mark(text, skip_to))
            elif closing is not None:  # `崔国萁摄`, `摄影报道`
                name, after = closing
                if name and checks.name(name, "摄"):
                    people.append(BylinePerson(name, at, at + len(name), role))
                words.give_after(people, first, after, closing=True)
                if checks.in_text:
                    return people  # the credit is closed
            elif (prefixed := words.prefixed_role(token)) is not None:
                role, opened = prefixed, True  # `本报通讯员`, `湖南日报全媒体记者`
            elif checks.department(token):
                role, opened = None, True  # a department (`宣传科 张阳`): its people have no title here
            elif checks.name(token, role):
                people.append(BylinePerson(token, at, at + len(token), role))
        role = None
    return people


def _compound_label(text: str, m: re.Match, tokens: re.Pattern, words: RoleWords) -> str:
    """The label a role word starts, with a second role word joined to it by `/` or `、` (`文/图`, `文、图`),
    as written."""
    after = tokens.match(text, m.end() + 1) if text[m.end():m.end() + 1] in "/／、" else None
    if after is not None and after.group(0) in words.roles and m.group(0) in words.roles:
        return text[m.start():after.end()]
    return m.group(0)


@dataclass(frozen=True)
class RoleWords:
    """The words of `ner_byline.txt`: role words, words that give no role, words that close a byline
    after the names (`摄`), and words that end it (page furniture after the names)."""
    roles: frozenset[str]
    open_roles: frozenset[str]  # roles that may credit an account or organisation (`作者`)
    plain: frozenset[str]
    after: frozenset[str]
    end: frozenset[str]
    every: frozenset[str]
    longest_first: tuple[str, ...]  # roles and plain words, for prefix matching (`记者张丽`)
    prefixed_re: re.Pattern  # a paper or team before a role word (`湖南日报全媒体记者`)
    after_longest: tuple[str, ...]
    spelled: dict[str, str]  # a closing word that abbreviates its role, and the role (`摄` → 摄影)
    # the tokens of a byline, and a two-character name spaced out standing alone or after a role word
    # run on to it (`作者:王 博`, `记者俞 欣`)
    token_re: re.Pattern

    def prefixed_role(self, token: str) -> str | None:
        """`本报通讯员` → 通讯员, `湖南日报全媒体记者` → 记者: a token that ends in a role word of two
        characters or more, after two to ten characters of a paper's or team's name."""
        m = self.prefixed_re.fullmatch(token)
        return m.group(1) if m else None

    def lead(self, token: str) -> tuple[int, str] | None:
        """(length, role word) of the role word a token opens with before a name written in one run
        with it (`记者张丽` → 2, 记者; `本报记者董芳忠摄影报道` → 4, 本报记者; `湖南日报全媒体记者王强` → 9, 记者),
        or None: what follows must be a name (two to four characters), or one and a closing word."""
        def name_after(rest: str) -> bool:
            closing = self.closing(rest)
            return bool(HAN_NAME.match(rest) or closing and HAN_NAME.match(closing[0]))
        word = next((w for w in self.longest_first if token.startswith(w) and name_after(token[len(w):])), None)
        if word is not None:
            return len(word), word
        m = self.prefixed_re.match(token)
        return (m.end(), m.group(1)) if m and name_after(token[m.end():]) else None

    def lead_name(self, rest: str) -> str:
        """The name in what follows a role word run on to it (`张丽`, `董芳忠` of `董芳忠摄影报道`)."""
        closing = self.closing(rest)
        return closing[0] if closing is not None else rest

    def label_after(self, token: str) -> str | None:
        """The byline word a token ends with when it is run on to the name before it (`王强责任编辑`
        of `作者:甲 王强责任编辑:丙`); the caller checks that a label mark follows and that the rest
        is a name."""
        return next((w for w in self.longest_first if len(w) >= 2 and token.endswith(w)
                     and 2 <= len(token) - len(w) <= 4), None)

    def closing(self, token: str) -> tuple[str, str] | None:
        """(name before it, closing word) when the token is or ends with a closing word (`摄`,
        `崔国萁摄`: the name is then `崔国萁`, else empty), or None."""
        if token in self.after:
            return "", token
        word = next((w for w in self.after_longest if token.endswith(w) and len(token) - len(w) >= 2), None)
        return (token[:-len(word)], word) if word else None

    def after_role(self, word: str) -> str | None:
        """The role a closing word gives, written out: `摄影报道` → 摄影, `摄` → 摄影, `报道` → none."""
        for tail in ("报道", "报导"):
            if word.endswith(tail):
                word = word[:-len(tail)]
        return self.spelled.get(word, word) or None

    def give_after(self, people: list[BylinePerson], first: int, word: str, closing: bool = False) -> None:
        """The people from index `first` on that have no role take the word's. A word `closing` the
        credit (`摄`) is what every name in it did, so a role word's role gets it too: `本报记者 张龙 摄`
        → 本报记者、摄影, as `本报记者张龙摄影报道` reads."""
        role = self.after_role(word) if closing else word
        for k in range(first, len(people)):
            have = people[k].role
            if have is None or closing and role and role not in have:
                people[k] = replace(people[k], role=role if have is None else f"{have}、{role}")


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    """The byline words, read once from `ner_byline.txt`."""
    by = rules.sections("ner_byline.txt")
    roles, plain = frozenset(by["roles"]), frozenset(by["plain"])
    every = roles | plain
    long_roles = [r for r in roles if len(r) >= 2 and "/" not in r]
    return RoleWords(roles, frozenset(by["open"]), plain, frozenset(by["after"]), frozenset(by["end"]), every,
                     tuple(sorted(every, key=lambda w: (-len(w), w))),
                     re.compile(r"[\u4e00-\u9fff]{2,10}?(" + trie_pattern(long_roles) + ")"),
                     tuple(sorted(by["after"], key=lambda w: (-len(w), w))),
                     dict(row[:2] for row in rules.rows("ner_byline.txt", "spelled out")),
                     re.compile(r"(?P<spaced>(?<![^\s:：/／|｜丨])(?P<lead>" + trie_pattern(long_roles) + r")?"
                                r"[\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff](?![^\s、,，/／:：|｜丨()（）;；]))"
                                r"|[^\s、,，/／:：|｜丨()（）]+"))


@lru_cache(maxsize=1)
def _spaced_label_re() -> re.Pattern:
    """A role word of two or more characters written with its characters spaced apart, before a label
    mark (`记 者:`, `编  审:`, `责 任 编 辑：`)."""
    spaced = sorted({"[ \u3000]{1,3}".join(map(re.escape, w)) for w in role_words().every
                     if len(w) >= 2 and all(is_cjk(c) for c in w)}, key=len, reverse=True)
    return re.compile(r"(?:^|(?<=[\s【\[(（]))(?:" + "|".join(spaced) + r")(?=[ \u3000]*[:：/／|｜丨])")


def closed_up_labels(text: str) -> str:
    """`text` with each spaced-out label written closed up and its spaces moved after it (`记 者:朱炽吉`
    → `记者  :朱炽吉`): one character for one, so the names keep their offsets."""
    if " " not in text and "\u3000" not in text:
        return text
    def close(m: re.Match) -> str:
        word = m.group(0)
        return "".join(c for c in word if c not in " \u3000") + "".join(c for c in word if c in " \u3000")
    return _spaced_label_re().sub(close, text)


@lru_cache(maxsize=1)
def _byline_pattern() -> re.Pattern:
    words = "|".join(map(re.escape, sorted(rules.words("byline_lines.txt"), key=len, reverse=True)))
    return re.compile(rf"^\s*(?:{words})\s*[/／:：|｜丨]\s*(\S.*)$")


def byline_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """Byline words as a set, longest first for prefix matching (`记者张丽`), and those of them that
    give no role (`来源`; the others, `记者`, `作者`, are roles), from `ner_byline.txt`."""
    words = role_words()
    return words.every, words.longest_first, words.plain


def byline_line(line: str) -> str | None:
    """The part after `文/`, `图/`, `责任编辑:` when the line is a byline."""
    m = _byline_pattern().match(line)
    return m.group(1).strip() if m else None


@lru_cache(maxsize=1)
def _credit_pattern() -> re.Pattern:
    return re.compile(rf"(?:^|(?<=[\s【\[(（】\]]))({trie_pattern(role_words().roles)})\s*[:：/／丨|]")


def credit_line(line: str) -> str | None:
    """The credits a page line ends with (`(责编:牛镛、岳弘彬)`, `【纠错】 责任编辑: 白羽`, `本版编辑:张三
    校对:李四`) as `label:names; label:names`, when every value is names (with a listed surname);
    None otherwise. Page furniture that holds the editor's name is dropped from the text, but the
    name is still the article's. Labels spaced out are read closed up (`编 辑:郑坚娟`); a line that is only
    names and a closing word (`张学斌摄`, `曾雅燕 郭陈新 摄`) is a credit as written."""
    line = closed_up_labels(line)
    labels = list(_credit_pattern().finditer(line))
    if not labels:
        reader = _byline_names()
        names = reader.closing_credit(line, set())
        head = line[:names[0][0]].strip() if names else None
        return line.strip() if head == "" or head and reader.role_token(head) else None
    credits = []
    for k, m in enumerate(labels):
        value = line[m.end():labels[k + 1].start() if k + 1 < len(labels) else len(line)]
        names = value.strip(" \t\u3000()（）【】[]")
        tokens = [t for t in re.split(r"[\s、,，]+", names) if t]
        if not tokens or not all(byline_name_ok(t, after_role=True) for t in tokens):
            return None
        credits.append(f"{m.group(1)}:{names}")
    return "; ".join(credits) or None


def dateline_byline(paragraph: str) -> str | None:
    """The byline in a dateline opening the first paragraph (`本报讯(记者 张丽)` → 记者 张丽), or None."""
    m = DATELINE_BYLINE.match(paragraph)
    return (m["by"] or m["tw"]).strip() if m else None


def closing_byline(paragraph: str) -> tuple[str, bool] | None:
    """The authors in brackets closing the last paragraph (`…(姜晓萌 赵太迎)`), and whether the
    paragraph is nothing but them; None when the brackets hold anything else (`(中)`,
    `(含社区卫生服务中心)`): every token must be a name, a byline word (记者) or a department (院办)."""
    m = TRAILING_AUTHORS.search(paragraph)
    if not m:
        return None
    tokens = re.split(r"[\s、,，]+", m["by"].strip())
    roles, _, _ = byline_words()
    names = byline_names(m["by"])
    org_endings = rules.byline_org_endings()
    if names and all(t in roles or t in names or (len(t) <= 6 and t.endswith(org_endings)) for t in tokens):
        return m["by"].strip(), len(paragraph) == len(m.group(0).strip())
    return None


class BylineNames:
    """People a byline names inside a paragraph (`记者 张丽`, `(文/记者 王五)`, a closing `(姜晓萌 赵太迎)`
    or `…服务。曾雅燕 郭陈新 李崴 摄`), as spans for the name finder; a name's shape is checked with `names`."""

    def __init__(self, names: NameShapes) -> None:
        self.names = names
        self.words = words = role_words()
        self.roles, self.plain = set(words.roles), set(words.plain)
        self.department_endings = person_cues().department_endings
        # one-character roles (`文`, `图`, `摄`) open a byline only with a mark after them (`文/`, `图:`)
        marked = self.plain | {r for r in self.roles if len(r) == 1}
        spaced = self.roles - marked
        # a line opening with a label; a semicolon typed for its colon (`责任编辑;白岚`) only before a name that
        # ends the line
        self.line_re = re.compile(r"^[\s【\[]*(?:" + trie_pattern(words.every) + r")[】\]]?\s*(?:[/:：|]|[;；](?=\s*"
                                  r"[\u4e00-\u9fff]{2,4}\s*$))")
        # a role word opening a short line, its paper or newsroom before it (`凤凰新闻中心 记者 詹钧名`)
        self.line_space_re = re.compile(r"^\s*(?:[\u4e00-\u9fff]{2,10}?[ \u3000]?)?(?:" + trie_pattern(spaced) + r")\s+")
        self.reported_re = re.compile(r"(?:^|(?<=[【〔\[(（\s]))[\u4e00-\u9fff]{0,8}?(?P<role>"
                                      + trie_pattern(spaced) + r")(?P<rest>[\u4e00-\u9fff]{4,10}?)(?:报道|报导)")
        self.paren_re = re.compile(r"[（(]\s*(?:" + trie_pattern(spaced) + "|"
                                   + trie_pattern(marked) + r"\s*[/:：|])[^()（）\n]{1,80}?[)）]")

    def name_ok(self, token: str, after_role: bool = False, labelled: bool = False) -> bool:
        """Is a token of a byline a person's name (`欧阳晓婷`, `热娜古丽·艾则孜`; not `字号`)? `labelled`:
        the token stands after a role word in a line the cleaner read as a byline (`记者 裕隆`), where a
        name needs no listed surname, only not to be a title, a department or a byline word."""
        if self.token_name(token, set(), after_role) or (
                DOTTED_NAME_RE.fullmatch(token) is not None and not self.names.rejected(token)):
            return True
        return labelled and self.labelled_name(token)

    def labelled_name(self, token: str) -> bool:
        """A name after a role word in a credit, by shape alone: two or three Chinese characters that are
        no title, department, byline word or listed non-name (`裕隆`, `成和平`)."""
        lex = self.names.lex
        return (2 <= len(token) <= 3 and all(is_cjk(c) for c in token) and token not in lex.titles
                and token[:2] not in word_bigrams()  # `记者 现场`: a word, not a name
                and token not in lex.not_names and token not in self.words.every
                and not token.endswith(self.department_endings) and self.words.closing(token) is None)

    def token_name(self, token: str, not_names: set[str], after_role: bool = False) -> bool:
        """Is a byline token (already delimited) a person's name? Right after a role word
        (`记者 宁静`) a frequent surname with an ordinary word for a given name is still a name."""
        names, lex = self.names, self.names.lex
        if not 2 <= len(token) <= 4 or not all(is_cjk(c) for c in token):
            return False
        sl = names.surname_len(token, 0)
        if not sl or len(token) - sl not in (1, 2) or token in not_names:
            return False
        if names.rejected(token) and not (after_role and lex.surname_tier.get(token[:sl]) == 1
                                          and token not in lex.titles
                                          and all(names.given_ok(c, False) for c in token[sl:])):
            return False
        return not token.endswith(self.department_endings) and token not in lex.titles

    def spans(self, text: str, not_names: set[str]) -> list[tuple[int, int, str | None]]:
        """(start, end, role) of the names in a bracketed byline (`(记者 张丽)`), a byline line
        (`记者 张丽 通讯员 王五`, `文/张丽`) or a credit closing the text (`…。周成龙 张雷 摄影报道`) in `text`."""
        out: list[tuple[int, int, str | None]] = []
        text = closed_up_labels(text)
        for m in self.paren_re.finditer(text):
            out += self._tokens(text, m.start() + 1, m.end() - 1, not_names, None)
        m = self.line_re.match(text)
        if m:
            head = text[:m.end()].strip(" \t\u3000【】[]/:：|;；")
            role, begin = (head if head in self.roles else None), m.end()
            word = _TOKEN_RE.match(text, text.find(head))
            if role is not None and word is not None and word.group() == head:
                role = _compound_label(text, word, _TOKEN_RE, self.words)  # `文/图 张伟`
                begin = max(begin, word.start() + len(role))
            out += self._tokens(text, begin, len(text), not_names, role)
        elif len(text) <= 60:
            m = self.line_space_re.match(text)
            if m:
                out += self._tokens(text, m.start(), len(text), not_names, None)
        out += self.reported(text)
        seen: set[tuple[int, int]] = set()
        return [span for span in out + self.closing_credit(text, not_names)
                if span[:2] not in seen and not seen.add(span[:2])]

    def reported(self, text: str) -> list[tuple[int, int, str | None]]:
        """The reporter of a dateline written in one run (`【侨报记者崔国萁纽约报道】`, `新唐人记者安心纽约报道`):
        the characters between the role word and a place the place lists know, before `报道`. In brackets
        opening the text the place may be one they do not know (`〔记者周为政溪州报导〕`): then the name is a
        listed surname and two characters before a place of two or more, or one before a place of two."""
        out: list[tuple[int, int, str | None]] = []
        canon = place_index().canon
        for m in self.reported_re.finditer(text):
            rest, at = m.group("rest"), m.start("rest")
            size = next((n for n in (3, 2) if rest[n:] in canon and self._reporter(rest[:n])), None)
            if size is None and m.start() > 0 and text[:m.start()].strip() in _OPENING_BRACKETS:
                size = next((n for n in (3, 2) if len(rest) - n >= 2 and self.token_name(rest[:n], set())), None)
            if size is not None:
                out.append((at, at + size, m.group("role")))
        return out

    def _reporter(self, name: str) -> bool:
        """Can the characters before a place in a dateline be its reporter (no title, no byline word)?"""
        return name not in self.names.lex.titles and name not in self.words.every

    def _tokens(self, text: str, start: int, end: int, not_names: set[str],
                role: str | None) -> list[tuple[int, int, str | None]]:
        """The names of the credits in text[start:end], read by `label_values` with the name checks here."""
        checks = ValueChecks(name=lambda token, role: self.value_name(token, role, not_names),
                             before_label=lambda token, role: self.token_name(token, not_names, role is not None),
                             department=self.is_department, in_text=True)
        return [(p.start, p.end, p.role) for p in label_values(text, start, end, role, checks)]

    def value_name(self, token: str, role: str | None, not_names: set[str]) -> bool:
        """Is a value of credits in a paragraph a name? A listed surname and a name's shape, or after a
        journalist's role only the shape and no word (`(记者董瑞丰、沐铁城)`)."""
        return self.token_name(token, not_names, after_role=role is not None) or (
            role is not None and role not in self.words.open_roles and token not in not_names
            and self.labelled_name(token))

    def is_department(self, token: str) -> bool:
        """A department in credits (`文/宣传科 张阳`): its people have no title here."""
        return 2 < len(token) <= 6 and token.endswith(self.department_endings)

    def closing_credit(self, text: str, not_names: set[str]) -> list[tuple[int, int, str | None]]:
        """A credit closing the text after its last sentence (`…服务。曾雅燕 郭陈新 李崴 摄`, `…详见第二版
        本报记者 郭俊峰 荆天旭`, `…(本报通讯员 成和平 摄影报道)`): names standing apart, after a role
        word or opening the credit before a closing word (`摄`, `摄影报道`); a role word before them wins."""
        end = len(text.rstrip(_SENTENCE_ENDS + " \u3000"))
        start = max(text.rfind(c, 0, end) for c in _SENTENCE_ENDS) + 1
        tokens = [m.span() for m in _CREDIT_TOKEN_RE.finditer(text, start, end)]
        if not tokens or len(tokens) > 8 or end - start > 80:
            return []
        after = None
        s, e = tokens[-1]
        closing = self.words.closing(text[s:e])
        if closing is not None:
            name, word = closing
            after = self.words.after_role(word) or ""  # `报道` closes a credit without giving a role
            tokens[-1:] = [(s, s + len(name))] if name else []
            lead = self.words.lead(name) if name else None
            if lead is not None:  # `本报记者董芳忠摄影报道`: the role word, then the name
                tokens[-1:] = [(s, s + lead[0]), (s + lead[0], s + len(name))]
        names: list[tuple[int, int]] = []
        while tokens and self._credit_name(text[tokens[-1][0]:tokens[-1][1]], not_names):
            names.insert(0, tokens.pop())
        role = self.role_token(text[tokens[-1][0]:tokens[-1][1]]) if tokens else None
        if not names or (role is None and (after is None or tokens)):
            return []
        if role and after and after not in role:
            role = f"{role}、{after}"  # `本报记者 郭俊峰 摄`: a reporter who took the photograph
        return [(s, e, role or after or None) for s, e in names]

    def role_token(self, token: str) -> str | None:
        """The role a token gives, as a role word or one with its paper before it (`本报记者`)."""
        if token in self.roles:
            return token
        return self.words.prefixed_role(token)

    def _credit_name(self, token: str, not_names: set[str]) -> bool:
        """A name in a closing credit: a byline name, or a listed surname and one or two characters
        that make no title, department or listed word (`成和平`)."""
        if self.token_name(token, not_names, after_role=True):
            return True
        sl = self.names.surname_len(token, 0)
        return bool(sl) and 1 <= len(token) - sl <= 2 and token not in not_names and self.labelled_name(token)

    def trailing(self, text: str, not_names: set[str]) -> list[tuple[int, int]]:
        """`…守护人民群众的生命安全和身体健康!(姜晓萌 赵太迎)`: authors closing a paragraph."""
        m = _TRAILING_PAREN_RE.search(text)
        if not m:
            return []
        tokens = list(_TOKEN_RE.finditer(text, m.start(1), m.end(1)))
        if tokens and all(self.token_name(t.group(), not_names) for t in tokens):
            return [t.span() for t in tokens]
        return []


@lru_cache(maxsize=1)
def _byline_names() -> BylineNames:
    return BylineNames(NameShapes())


def byline_person_ok(name: str, role: str | None) -> bool:
    """Is a name a byline gives with this role a person? After a journalist's role (`记者 裕隆`) its
    shape is enough; after one that may credit an account (`作者:扬眼 企鹅号`) it needs a listed
    surname; without a role (a source, `来源:澎湃新闻·澎湃号·政务`) a surname and one or two more."""
    names = _byline_names()
    if role is None:
        return names.token_name(name, set())
    return names.name_ok(name, after_role=True, labelled=role not in role_words().open_roles)


def byline_name_ok(token: str, after_role: bool = False, labelled: bool = False) -> bool:
    """Is a token of a byline a person's name (`欧阳晓婷`, `热娜古丽·艾则孜`; not `字号`)? `labelled`: it
    follows a role word in a line read as a byline (`记者 裕隆`), so its shape alone may do."""
    return _byline_names().name_ok(token, after_role, labelled)


def ends_with_credit(text: str) -> bool:
    """Does the text close with a credit (`…服务。曾雅燕 郭陈新 李崴 摄`)? Then it ends a paragraph even
    without a closing mark, and the line after it is not its continuation."""
    return bool(_byline_names().closing_credit(text, set()))
