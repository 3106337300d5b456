"""Splitting: one file can hold several articles, a newspaper page with `## ` headlines."""
from __future__ import annotations

import re

from .records import RawArticle

# A page masthead above the first headline has at most this many lines of at most this many characters.
PAGE_HEADER_LINES = 4
PAGE_HEADER_CHARS = 60
# A Markdown-style headline line (`## 太原市人民医院 …`) opens an article.
HEADLINE = re.compile(r"^\s{0,3}#{1,3}\s+(\S.*?)\s*#*\s*$")
# An item of a newspaper page's list of its headlines (`本版标题导航：` then `· 家庭医生“签”出健康获得感`).
# What opens an article's text on a newspaper page: a byline or a dateline (`文/图 本报记者 韦晓光`,
# `本报讯（记者 常雪梅）`, `新华社郑州5月18日电`), in either script.
ARTICLE_OPENING = re.compile(
    r"^\s*(?:(?:文|图|圖|文图|文圖|图文|圖文)\s*[/／:：]|本[报報][记記]者|[记記]者\s|通[讯訊]员\s|通[讯訊]員\s"
    r"|本[报報][讯訊]|本[报報][^\s，。(（]{0,14}[电電]|新[华華]社|中新[网網])")
# A headline: a short line with no full stop.
HEADLINE_CHARS = (4, 40)
LIST_LABEL = re.compile(r"^\s*(本版)?(标题|標題)(导航|導航)\s*[:：]?\s*$")
LISTED = re.compile(r"^\s*[·•●○◆◇■□▪▶►\-*－．]\s*(\S.{2,48}?)\s*$")


def _squash(s: str) -> str:
    return "".join(s.split())


def split_articles(text: str) -> list[RawArticle]:
    """Articles in reading order; a file without headlines is one article.

    A headline repeated with nothing but blank lines between (a page title above the same
    article's headline) opens one article, not two. Lines before the first headline form an
    article of their own only when they hold text; otherwise they go with the first article.
    """
    lines = text.split("\n")
    listed, list_lines = _headline_list(lines)
    heads = ([(i, m.group(1)) for i, line in enumerate(lines) if (m := HEADLINE.match(line))]
             or _listed_heads(lines, listed, list_lines) or _bylined_heads(lines))
    if not heads:
        return [RawArticle(seq=0, lines=list(enumerate(lines)))]
    # Merge a headline into the next one when the next repeats it with only blank lines between.
    starts: list[tuple[int, str]] = []
    for k, (i, title) in enumerate(heads):
        if starts and _squash(starts[-1][1]) == _squash(title) and not any(
                lines[j].strip() for j in range(starts[-1][0] + 1, i)):
            continue
        starts.append((i, title))
    articles: list[RawArticle] = []
    preamble = list(enumerate(lines[: starts[0][0]]))
    header: list[str] = []
    if any(t.strip() for _, t in preamble):
        if is_page_header([t for _, t in preamble], frozenset(listed)):
            header = [t.strip() for _, t in preamble if t.strip()]  # `衡阳日报 2023年4月12日 第03版`: every article's
        else:
            articles.append(RawArticle(seq=0, lines=preamble))
            preamble = []
    for k, (i, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = list(enumerate(lines[i:end], start=i))
        if k == 0:
            body = preamble + body
        articles.append(RawArticle(seq=len(articles), lines=body, heading=title, heading_line=i,
                                   page_header=header))
    return articles


def is_page_header(lines: list[str], listed: frozenset[str] = frozenset()) -> bool:
    """A few short lines with no sentence in them: the newspaper page's masthead, not an article.

    A masthead that lists the page's headlines (`listed`, or `· 家庭医生“签”出健康获得感`) may be longer.
    """
    text = [t.strip() for t in lines if t.strip()]
    n_listed = sum(1 for t in text if LISTED.match(t) or _squash(t) in listed)
    allowed = PAGE_HEADER_LINES + (n_listed + 3 if n_listed else 0)  # the list, its label and a navigation line
    return 0 < len(text) <= allowed and all(len(t) <= PAGE_HEADER_CHARS and "。" not in t for t in text)


def _headline_list(lines: list[str]) -> tuple[set[str], set[int]]:
    """The headlines a newspaper page lists at its top, and the line numbers of that list.

    Items are bulleted lines (`· 标题`) or the lines under a `标题导航` label, up to a blank line.
    """
    titles: set[str] = set()
    at: set[int] = set()
    for i, line in enumerate(lines):
        if m := LISTED.match(line):
            titles.add(_squash(m.group(1)))
            at.add(i)
        elif LIST_LABEL.match(line):
            for j in range(i + 1, len(lines)):
                item = lines[j].strip()
                if not item or len(item) > 50 or "。" in item:
                    break
                titles.add(_squash(m.group(1) if (m := LISTED.match(item)) else item))
                at.add(j)
    return titles, at


def _listed_heads(lines: list[str], listed: set[str], list_lines: set[int]) -> list[tuple[int, str]]:
    """Headlines a newspaper page lists at its top (`listed`, on `list_lines`) and prints again, alone
    on a line, above each article. Two or more are needed: a page that lists one holds one article.
    """
    if len(listed) < 2:
        return []
    heads = [(i, line.strip()) for i, line in enumerate(lines)
             if i not in list_lines and len(_squash(line)) >= 4 and _squash(line) in listed]
    return heads if len({_squash(t) for _, t in heads}) >= 2 else []


def _bylined_heads(lines: list[str]) -> list[tuple[int, str]]:
    """Headlines on a newspaper page with no list of them: a short line standing alone, right above
    a byline or dateline (`健康小屋“开”到家门口` over `文/图 本报记者 韦晓光`). Two or more are
    needed, so a page holding one article is left whole.
    """
    heads = []
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(filled):
        title = lines[i].strip()
        if not (HEADLINE_CHARS[0] <= len(title) <= HEADLINE_CHARS[1]) or "。" in title or ARTICLE_OPENING.match(title):
            continue
        after_blank = k == 0 or filled[k - 1] < i - 1  # the byline may follow on the next line
        if after_blank and k + 1 < len(filled) and ARTICLE_OPENING.match(lines[filled[k + 1]]):
            heads.append((i, title))
    return heads if len(heads) >= 2 else []
