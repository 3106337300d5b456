"""Bylines: who wrote or photographed an article (`本报讯(记者 张丽 闫珊 通讯员 张倩云)`, `文/宣传科 张阳`,
a closing `(姜晓萌 赵太迎)`, `作者:胡蓉` in the metadata).

Cleaning reads the article's byline and authors with the functions here; the name finder takes the
people a byline names inside a paragraph with `BylineNames`. Byline words: `data/ner_byline.txt`,
`data/byline_lines.txt`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import trie_pattern
from .names import DOTTED_NAME_RE, NameShapes, is_cjk, person_cues
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


def byline_names(byline: str) -> list[str]:
    """Person names in a byline (`记者 张丽 闫珊 通讯员 张倩云`, `宣传科 张阳 党院办 高冰`)."""
    return [person.name for person in byline_people(byline)]


def byline_people(byline: str) -> list[BylinePerson]:
    """Names in a byline with their offsets and roles: `记者 张丽 闫珊; 作者:胡蓉` → 张丽 记者, 闫珊 记者, 胡蓉 None.

    Role words and department names (tokens with an organisation ending) are not names. A role word
    holds for the names after it up to the next role word, department or `;`; words that only say
    who wrote it (`作者`, `文`) give no role.
    """
    roles, longest_first, not_titles = byline_words()
    org_endings = rules.byline_org_endings()
    people: list[BylinePerson] = []
    for segment in re.finditer(r"[^;；]+", byline):
        role = None
        for m in re.finditer(r"[^\s、,，/／:：|｜丨]+", segment.group(0)):
            token, start = m.group(0), segment.start() + m.start()
            for word in longest_first:  # `记者张丽` written without a space
                if token.startswith(word) and HAN_NAME.match(token[len(word):] or "-"):
                    role = None if word in not_titles else word
                    token, start = token[len(word):], start + len(word)
                    break
            if token in roles:
                role = None if token in not_titles else token
            elif token.endswith(org_endings):
                role = None  # a department (`宣传科 张阳`): its people have no title here
            elif HAN_NAME.match(token):
                people.append(BylinePerson(token, start, start + len(token), role))
    return people


@lru_cache(maxsize=1)
def _byline_pattern() -> re.Pattern:
    words = "|".join(map(re.escape, sorted(rules.words("byline_lines.txt"), key=len, reverse=True)))
    return re.compile(rf"^\s*(?:{words})\s*[/／:：|｜丨]\s*(\S.*)$")


@lru_cache(maxsize=1)
def byline_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """Byline words as a set, longest first for prefix matching (`记者张丽`), and those of them that
    name an author without a title (`作者`, `文`; the others, `记者`, are titles), from `ner_byline.txt`."""
    words = rules.sections("ner_byline.txt")
    every = words["roles"] + words["plain"]
    return frozenset(every), tuple(sorted(every, key=len, reverse=True)), frozenset(words["plain"])


def byline_line(line: str) -> str | None:
    """The part after `文/`, `图/`, `责任编辑:` when the line is a byline."""
    m = _byline_pattern().match(line)
    return m.group(1).strip() if m else None


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
    """People a byline names inside a paragraph (`记者 张丽`, `(文/记者 王五)`, a closing `(姜晓萌 赵太迎)`),
    as spans for the name finder; a name's shape is checked with `names`."""

    def __init__(self, names: NameShapes) -> None:
        self.names = names
        by = rules.sections("ner_byline.txt")
        self.roles = set(by.get("roles", []))
        self.roles_longest = sorted(self.roles, key=lambda r: (-len(r), r))
        self.plain = set(by.get("plain", []))
        self.end = set(by.get("end", []))
        self.department_endings = person_cues().department_endings
        every = self.roles | self.plain
        self.line_re = re.compile(r"^[\s【\[]*(?:" + trie_pattern(every) + r")[】\]]?\s*[/:：|]")
        self.line_space_re = re.compile(r"^\s*(?:" + trie_pattern(self.roles) + r")\s+")
        self.paren_re = re.compile(r"[（(]\s*(?:" + trie_pattern(self.roles) + "|"
                                   + trie_pattern(self.plain) + r"\s*[/:：|])[^()（）\n]{1,80}?[)）]")

    def name_ok(self, token: str, after_role: bool = False) -> bool:
        """Is a token of a byline a person's name (`欧阳晓婷`, `热娜古丽·艾则孜`; not `字号`)?"""
        return self.token_name(token, set(), after_role) or (
            DOTTED_NAME_RE.fullmatch(token) is not None and not self.names.rejected(token))

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
        """(start, end, role) of the names in a bracketed byline (`(记者 张丽)`) or a byline line
        (`记者 张丽 通讯员 王五`, `文/张丽`) in `text`."""
        out: list[tuple[int, int, str | None]] = []
        for m in self.paren_re.finditer(text):
            out += self._tokens(text, m.start() + 1, m.end() - 1, not_names, None)
        m = self.line_re.match(text)
        if m:
            head = text[:m.end()].strip(" \t\u3000【】[]/:：|")
            role = head if head in self.roles else None
            out += self._tokens(text, m.end(), len(text), not_names, role)
        elif len(text) <= 60:
            m = self.line_space_re.match(text)
            if m:
                out += self._tokens(text, m.start(), len(text), not_names, None)
        return out

    def _tokens(self, text: str, start: int, end: int, not_names: set[str],
                role: str | None) -> list[tuple[int, int, str | None]]:
        """Walk byline tokens in text[start:end]: role words set the role, names are taken."""
        out: list[tuple[int, int, str | None]] = []
        for m in _TOKEN_RE.finditer(text, start, end):
            token = m.group()
            if token in self.end or any(c.isdigit() for c in token):
                break
            if token in self.roles:
                role = token
                continue
            if token in self.plain:
                role = None
                continue
            glued = next((r for r in self.roles_longest if token.startswith(r) and len(token) > len(r)), None)
            if glued and self.token_name(token[len(glued):], not_names):
                out.append((m.start() + len(glued), m.end(), glued))
                role = glued
                continue
            if self.token_name(token, not_names, after_role=role is not None):
                out.append((m.start(), m.end(), role))
        return out

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


def byline_name_ok(token: str, after_role: bool = False) -> bool:
    """Is a token of a byline a person's name (`欧阳晓婷`, `热娜古丽·艾则孜`; not `字号`)?"""
    return _byline_names().name_ok(token, after_role)
