"""Splitting: one file can hold several articles, a newspaper page with `## ` headlines."""
from __future__ import annotations

import re
from collections import Counter

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
# A news lede opening with the day it tells of (`1月15日，国家药品监督管理局发布公告`, `1月12至13日,`).
DATED_LEDE = re.compile(r"^\s*(?:\d{4}年)?\d{1,2}月\d{1,2}(?:日?[至到—-]\d{1,2})?日(?:[上中下]午|晚|凌晨)?\s*[,，]")
# Stories of one paragraph each opening with its day (`DATED_LEDE`) split a page only when there are this many.
DATED_STORIES = 3
# A line that is only a date, perhaps with its weekday (`2024年1月16日 星期二`): not a headline.
DATE_LINE = re.compile(r"^\s*(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*(?:[（(]?(?:星期|周|週)[一二三四五六日天][）)]?)?\s*$")
# Running text: a line at least this long with a comma or full stop.
PROSE_CHARS = 30
PROSE_MARK = re.compile(r"[，,。；！？]")
# A numbered section of one article (`一、…`, `（二）…`, `3.…`), not an article's headline.
NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[、.．](?!\d))")
# A headline: a short line with no full stop.
HEADLINE_CHARS = (4, 40)
# A dated line of a list of items (`2025-10-02 11:59`, `作者:本社編輯部2020-02-09`, `2019 月 01 月 03 日`): a date
# in a short line that holds no sentence.
ITEM_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年月]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)")
ITEM_DATE_OTHER_CHARS = 14  # at most this much else on the line
# A label a list repeats in each item (`瀏覽全文`, `Read More`, `- 有線新聞`) is at most this long.
ITEM_LABEL_CHARS = 12
# What a list's cell bars and bullets put around an item's line (`| 預防幼兒肥胖計劃 | |`, `  • 標題`).
ITEM_FRAME = " \t|｜•·●-"
# A teaser cut short: its text ends with an ellipsis (`…`, `⋯`, `...`).
ELLIPSIS = ("…", "⋯", "...", "。。。")  # after ITEM_FRAME is stripped (`合… |`)
SENTENCE_CLOSE = tuple("。！？!?”」』")
# Items of the same shape, with no date or repeated label in each, split a page only when there are this
# many of them (two will do when every one is a teaser ending in an ellipsis).
SHAPED_ITEMS = 3
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
    heads = ([(i, m.group(1), i) for i, line in enumerate(lines) if (m := HEADLINE.match(line))]
             or [(i, title, i) for i, title in _listed_heads(lines, listed, list_lines)]
             or _bylined_heads(lines) or _item_heads(lines))
    if not heads:
        return [RawArticle(seq=0, lines=list(enumerate(lines)))]
    # Merge a headline into the next one when the next repeats it with only blank lines between.
    starts: list[tuple[int, str]] = []
    opens_at: dict[int, int] = {}  # where an article opens, when above its headline (a date line, its first line)
    for i, title, start in heads:
        if starts and title is not None and _squash(starts[-1][1] or "") == _squash(title) and not any(
                lines[j].strip() for j in range(starts[-1][0] + 1, i)):
            continue
        starts.append((i, title))
        opens_at[i] = start
    articles: list[RawArticle] = []
    preamble = list(enumerate(lines[: opens_at[starts[0][0]]]))
    header: list[str] = []
    if any(t.strip() for _, t in preamble) and not _repeated_later(preamble, lines):
        if is_page_header([t for _, t in preamble], frozenset(listed)):
            header = [t.strip() for _, t in preamble if t.strip()]  # `衡阳日报 2023年4月12日 第03版`: every article's
        else:
            articles.append(RawArticle(seq=0, lines=preamble))
            preamble = []
    for k, (i, title) in enumerate(starts):
        end = opens_at[starts[k + 1][0]] if k + 1 < len(starts) else len(lines)
        body = list(enumerate(lines[opens_at[i]:end], start=opens_at[i]))
        if k == 0:
            body = preamble + body
        articles.append(RawArticle(seq=len(articles), lines=body, heading=title, heading_line=i,
                                   page_header=header))
    return articles


def _repeated_later(preamble: list[tuple[int, str]], lines: list[str], skip: int | None = None) -> bool:
    """Is every line above the first headline printed again below (in `lines` from `skip`, by default
    after the preamble), alone or opening a longer line (a teaser of the first story, `1月15日，第20届…
    联席会议在澳门举行…`)? Then it holds no article of its own."""
    later = [_squash(t) for t in lines[len(preamble) if skip is None else skip:] if t.strip()]
    return all(any(k.startswith(_squash(t)) for k in later) for _, t in preamble if t.strip())


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


def _is_headline(line: str) -> bool:
    title = line.strip()
    return (HEADLINE_CHARS[0] <= len(title) <= HEADLINE_CHARS[1] and "。" not in title and not ARTICLE_OPENING.match(title)
            and not NUMBERED.match(title)
            and not DATED_LEDE.match(title) and not DATE_LINE.match(title) and not title.endswith(("，", ",", "：", ":")))


def _is_prose(line: str) -> bool:
    return len(line.strip()) >= PROSE_CHARS and bool(PROSE_MARK.search(line))


def _bylined_heads(lines: list[str]) -> list[tuple[int, str, int]]:
    """Headlines on a newspaper page with no list of them: a short line standing alone, right above
    a byline or dateline (`健康小屋“开”到家门口` over `文/图 本报记者 韦晓光`), or a lede opening with
    its day (`1月15日，国家药品监督管理局发布公告…`). A headline printed over two lines (`雷海潮出席第20届`
    over `三地卫生行政高层联席会议`, a blank line above the first) is one. Two or more are needed, so a
    page holding one article is left whole.
    """
    heads = []
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for k, i in enumerate(filled):
        if not _is_headline(lines[i]) or k + 1 >= len(filled):
            continue
        opening = lines[filled[k + 1]]
        if ARTICLE_OPENING.match(opening):
            dated = False
        elif DATED_LEDE.match(opening) and _is_prose(opening) and (k + 2 >= len(filled) or not _is_prose(lines[filled[k + 2]])):
            dated = True  # a story of one paragraph (a roundup's item; an article's sections run longer)
        else:
            continue
        if k == 0 or filled[k - 1] < i - 1:  # standing alone; the byline may follow on the next line
            heads.append((i, lines[i].strip(), i, dated))
        elif (j := _two_line_start(lines, filled, k)) is not None:
            heads.append((i, lines[j].strip() + lines[i].strip(), j, dated))  # its first line opens the article
    if heads and (_own_text_above(lines, heads[0][2]) or sum(h[3] for h in heads) < DATED_STORIES):
        # a lede opening with its day is weaker evidence than a byline: under running text of the page's own,
        # or over fewer than DATED_STORIES one-paragraph stories, the short lines over such ledes are an
        # article's sub-headings
        heads = [h for h in heads if not h[3]]
    return [h[:3] for h in heads] if len(heads) >= 2 else []


def _own_text_above(lines: list[str], end: int) -> bool:
    """Does running text stand above line `end` that the page does not print again below (a teaser does)?"""
    return any(_is_prose(t) and not _repeated_later([(0, t)], lines[end:], 0) for t in lines[:end])


def _two_line_start(lines: list[str], filled: list[int], k: int) -> int | None:
    """The first line of a headline printed over two lines whose second is line `filled[k]`: a headline-like
    line right above it with a blank line above itself; None when there is none."""
    if k == 0 or filled[k - 1] != filled[k] - 1 or not _is_headline(lines[j := filled[k - 1]]):
        return None
    return j if k == 1 or filled[k - 2] < j - 1 else None


def _item_class(line: str, repeated: bool) -> str:
    """What a line is in a list of items: P running text, D a dated line (the date most of it), R a label
    the page repeats (`瀏覽全文`, `Read More`, `- 有線新聞`; not a headline printed twice), H a headline, O
    anything else."""
    t = line.strip(ITEM_FRAME)
    if _is_prose(t):
        return "P"
    if (date := ITEM_DATE.search(t)) and len(t) - len(date.group(0)) <= ITEM_DATE_OTHER_CHARS:
        return "D"
    if repeated and len(t) <= ITEM_LABEL_CHARS:
        return "R"
    return "H" if _is_headline(t) else "O"


def _item_heads(lines: list[str]) -> list[tuple[int, str | None, int]]:
    """Items of a list page (a hospital's news list, a tag page of dated summaries, a topic page of
    teasers): each item a block of text (a run of text lines), the lines between two blocks all of one
    shape (`瀏覽全文 / headline / date`, `date`, `headline`), the lines above the first block ending in
    that shape's opening part (the first item's own head). An article's sections do not repeat so: its
    headline carries the metadata its sub-headings lack. Where the items carry no date, nor a headline
    and a repeated label (`瀏覽全文`; a headline the page prints again, as image alt text, is no label of
    items), the shape alone is weak, so the items must be teasers (`_teasers`). An item's headline is the
    first H line of its head; the page above the first item goes with it.
    """
    filled = [i for i, line in enumerate(lines) if line.strip()]
    counts = Counter(_squash(lines[i]) for i in filled)
    classes = "".join(_item_class(lines[i], counts[_squash(lines[i])] >= 2) for i in filled)
    blocks = [(m.start(), m.end()) for m in re.finditer("P+", classes)]
    if len(blocks) == 1:  # lines of text one under the other: items only if teasers, each cut short
        blocks = [(k, k + 1) for k in range(*blocks[0])]
        if not _teasers([lines[filled[k]].strip(ITEM_FRAME) for k, _ in blocks], True, True):
            return []
    gaps = {classes[a_end:b_start] for (_, a_end), (b_start, _) in zip(blocks, blocks[1:])}
    if len(blocks) < 2 or len(gaps) != 1:
        return []
    gap = gaps.pop()
    above = classes[:blocks[0][0]]
    head = next(len(gap) - cut for cut in range(len(gap) + 1) if above.endswith(gap[cut:]))
    shape = gap[len(gap) - head:] + "P" + gap[:len(gap) - head]
    if head == 0 or not ("D" in shape or ("R" in shape and "H" in shape[:head])):
        if not _teasers([lines[filled[end - 1]].strip(ITEM_FRAME) for _, end in blocks], head == 0,
                        all(end - start == 1 for start, end in blocks)):
            return []
    items = []
    for n, (start, _) in enumerate(blocks):
        opens = start - head
        title = next((filled[k] for k in range(opens, start) if classes[k] == "H"), None)
        items.append((filled[opens] if title is None else title, None if title is None else lines[title].strip(ITEM_FRAME),
                      0 if n == 0 else filled[opens]))
    titles = [_squash(t) for _, t, _ in items if t is not None]
    texts = [_squash(lines[filled[start]]) for start, _ in blocks]
    # each item its own headline and text (a page printing its text twice holds one article)
    return items if len(set(titles)) == len(titles) and len(set(texts)) == len(texts) else []


def _teasers(ends: list[str], bare: bool, one_line: bool) -> bool:
    """Are text blocks ending so (`ends`, each block's last line) a list's teasers, cut short? Two or more
    ending in an ellipsis, or at least SHAPED_ITEMS blocks of one line each (`one_line`: a teaser is one
    paragraph), all but one ending with no sentence's end. Bare blocks (`bare`, no line of their own
    between them: an article's paragraphs stand the same way) must each end in an ellipsis, but for the
    last (the page may cut it elsewhere); a headline in running text's shape (`平安過好年,1月30日起…`)
    between two teasers is then no teaser."""
    cut = sum(t.endswith(ELLIPSIS) for t in ends)
    if bare:
        return cut >= 2 and all(t.endswith(ELLIPSIS) for t in ends[:-1])
    unfinished = sum(not t.endswith(SENTENCE_CLOSE) for t in ends)
    return (cut == len(ends) and len(ends) >= 2) or (
        one_line and len(ends) >= SHAPED_ITEMS and unfinished >= len(ends) - 1)
