"""Cleaning: from an article's raw lines to its title, metadata and paragraphs.

Page chrome is recognised by the rules in `data/chrome.tsv`, never by the seeds' exact lines;
every line left out is returned with the rule that dropped it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import rules
from .furniture import LABELS, TITLE_FEATURES, is_prose, line_probabilities, title_choice, title_shape
from .extract.bylines import (byline_line, byline_names, closing_byline, credit_line, dateline_byline,
                               ends_with_credit)
from .extract.dates import CLOSING_DATE, DATE_STAMP, DATE_TIME, opening_stamp, parse_published, written_out_date
from .normalise import detect_script, normalise, strip_pinyin
from .records import Article, DroppedLine, Paragraph, RawArticle
from .rules import chrome_rules
from .split import HEADLINE

# Punctuation that ends a sentence; a line ending otherwise may have been broken by page layout.
SENTENCE_END = "。！？!?…；;”」』）)》】>\"'"
# Punctuation inside a line that shows it is running prose rather than a heading.
PROSE_PUNCT = re.compile(r"[，,、；;：:。]")
# A line at most this long, without sentence-ending punctuation, is a heading or caption.
HEADING_MAX = 40
# A first line at most this long, above a paragraph, is taken for the headline.
TITLE_MAX = 64
# A line broken by layout is at least this long (shorter unfinished lines are headings).
BROKEN_LINE_MIN = 20
# How far into an article the title is looked for (non-empty lines), and its metadata line.
HEAD_WINDOW = 15
META_WINDOW = 6

# A label opening a line: a short word (no space, bar or punctuation) before a colon (`信息来源自:`).
LABEL_OPENING = re.compile(r"^\s*[•·●\-*【\[]?\s*([^\s:：，。,|｜【】\[\]]{1,8})\s*[:：]")
# A where-or-when label may have a word this long before it (`主要来源:`), or run on into a preposition.
LABEL_PREFIX_CHARS = 2
LABEL_PREPOSITIONS = ("自", "于")
# What may follow a bare date on a metadata line: its weekday (`2022年12月5日（星期一）`).
WEEKDAY = re.compile(r"\s*(?:[（(]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][）)]?)?\s*")
# A line that is only a clock time, perhaps named (`香港时间16时45分`, `16:45`).
CLOCK_LINE = re.compile(r"(?:\S{0,4}(?:时间|時間)\s*)?\d{1,2}\s*[:：时時]\s*\d{2}\s*分?")
# Punctuation that shows a line holds a sentence, so it is not a metadata line.
# A comma between digits groups thousands (`浏览次数：2,417`); it does not make a sentence.
SENTENCE_PUNCT = re.compile(r"[，。；！？;!?]|(?<!\d),|,(?!\d{3}(?!\d))")
# The line classifier (furniture.py) decides lines no rule is certain of: a line goes as furniture, or
# is read as a metadata line, when the model gives that label at least this probability.
# Between two lines of running text, or for a line ending a sentence, the classifier must be surer
# (FURNITURE_SURE_MIN): such a line is more often the text's own than the page's.
# FURNITURE_MIN chosen on held-out pages (study2 with a model trained without it, the study half by
# folds): 0.6 -> 0.4 takes leaks from 18 to 17 and 58 to about 44 with titles, dates, names and claims
# as they were; on 2,000 CCTV items it drops the label `央视网消息（新闻联播）：` (224 times) and 12
# roundup items' headlines besides.
FURNITURE_MIN = 0.4
FURNITURE_SURE_MIN = 0.85
METADATA_MIN = 0.6
# A line of sentences is running text, which bounds the lines `inside` it, unless the classifier gives it
# furniture at least this probability (more likely than not): study 33 -> 22, study2 12 -> 11, fresh
# 30 -> 25 leaks (fresh3 29 as it was) with titles, dates, people and claims as they were (at 0.4,
# FURNITURE_MIN, a staff line went too, `责任编辑;白岚`, and a test's short line of markup between two sentences).
PROSE_FURNITURE_MAX = 0.5
# Where the headline is looked for, a line of prose is running text unless the classifier gives it
# furniture at least this probability.
TEXT_FURNITURE_MAX = 0.6
# An article with no running text is the classifier's to read only with at least this many lines.
POSTER_LINES = 12
# A label opening a news text: its source's news, perhaps with the programme, before a colon
# (`本台消息：`, `央视网消息(新闻联播)：`, `本报讯：`); a form's label (`文章搜索:`) is not one.
OPENING_LABEL = re.compile(r"[^\s:：]*[\u4e00-\u9fff](?:消息|[讯訊电電])(?:[(（][^()（）]{1,12}[)）])?[:：]")
# What a page prints around a headline on the headline's own line: a list bullet before it (`• 流感疫情…`),
# a part number (`(1/3)`), a clock time (`(10:33)`) or, after a spaced dash, bar or underscore, a short
# date, or a chain of short parts (`… – 20260117 – 两岸`: date, section). One short part after a bar may be
# the headline's own (`健康科普 | 秋季养生`).
HEADLINE_BULLET = re.compile(r"^[•·●○◆◇■□▪▶►]\s*")
HEADLINE_SUFFIX = re.compile(r"(?:\s*[(（]\d{1,3}\s*/\s*\d{1,3}[)）]|\s*[(（]\d{1,2}[:：]\d{2}[)）]"
                             r"|(?:\s+[–—|｜_\-]\s+[^\s–—|｜_\-]{1,8}){2,}|\s+[–—|｜_\-]\s+[\d年月日./:\-]{4,12})$")
# A headline's kicker (引题) runs on into the headline below it: it ends with a dash (`渭滨区推出延时接种服务——`).
KICKER_END = ("——", "—", "--")
# A dateline opening a news text, with the full date: an outlet, perhaps a place, the date, then 讯 or 电.
DATELINE_DATE = re.compile(r"^[【\[(（]?[^\s，。,]{0,12}?" + DATE_TIME.pattern + r"\s*[电電讯訊]")
_TITLE, _METADATA, _FURNITURE = (LABELS.index(k) for k in ("title", "metadata", "furniture"))


def squash(s: str) -> str:
    """Compare lines without caring about white space."""
    return "".join(s.split())


@dataclass
class _Line:
    no: int
    text: str  # stripped original text
    norm: str  # normalised text: same length, but for bracketed pinyin left out
    removed: list[tuple[int, int]]  # what strip_pinyin left out: (offset in norm, length)


def _line(no: int, raw: str) -> _Line:
    text = raw.strip()
    stripped, removed = strip_pinyin(text)
    return _Line(no, text, normalise(stripped), removed)


def _chrome_rule(line: str, scopes: tuple[str, ...]) -> str | None:
    """Name of the first chrome rule of the given scopes that matches the (normalised) line."""
    for rule in chrome_rules():
        if rule.scope in scopes and rule.pattern.search(line):
            return rule.name
    return None


@lru_cache(maxsize=1)
def _meta_labels() -> dict[str, str]:
    return {label: field for label, field in rules.rows("meta_labels.tsv")}


@lru_cache(maxsize=1)
def _meta_pattern() -> re.Pattern:
    labels = sorted(_meta_labels(), key=len, reverse=True)
    # a label opens the line, follows a space or a bracket (`【字号:大 中 小】`), or runs on from the
    # value before it (`作者:陈磊来源:…`): what makes it a label is the colon after it
    return re.compile(r"(" + "|".join(map(re.escape, labels)) + r")\s*[:：]")


def label_line(s: str) -> bool:
    """Does the line open with a label before a colon: a metadata label, or one of where and when
    (`source`, `published`) with a word of up to two characters before it (`主要来源:`, `北京时间:`) or
    run on into a preposition (`信息来源自: 结核病防治科`)? Such a line labels a value; it is no headline.
    A word merely holding a label is none (`韩文宝：`, `记者观察：`, `国新办发布会：` open headlines)."""
    opening = LABEL_OPENING.match(s)
    if opening is None:
        return False
    word = opening.group(1)
    labels = _meta_labels()
    if word in labels:
        return True
    word = word[:-1] if word.endswith(LABEL_PREPOSITIONS) else word
    return any(word.endswith(label) and len(word) - len(label) <= LABEL_PREFIX_CHARS and len(label) >= 2
               for label, field in labels.items() if field in ("source", "published"))


def parse_meta_line(line: str, loose: bool = False) -> dict[str, str] | None:
    """Fields of a metadata line (`来源:宣传科 张阳 发布时间:2022-06-07 11:22:27`), or None if it is not one.

    A line is metadata when it starts with a label (perhaps after its date: `2024-03-25 08:30 来源:…`),
    or is a bare date (with its weekday) or clock time. Every byline value is kept, in order.
    `loose`, for the lines under a headline, also takes a short dated line with no sentence in
    it (`原创 市第三人民医院 2023-06-19 18:30 发表于福建`). A list bullet before it is the page's (`• 日期:2017-09-12`).
    """
    stripped = HEADLINE_BULLET.sub("", line.strip())
    date = DATE_TIME.match(stripped)
    bare_date = date and WEEKDAY.fullmatch(stripped[date.end():])
    clock = CLOCK_LINE.fullmatch(stripped)
    labels = list(_meta_pattern().finditer(stripped))
    if bare_date:
        return {"published": date.group(0)}
    if written := written_out_date(stripped):  # 二〇二三年五月六日, an official notice's date
        return {"published": written}
    if clock:
        return {"clock": stripped}
    # labels open the line, or follow the date it opens with (`2024-03-25 08:30  来源:… 作者:…`)
    first = labels[0].start(1) if labels else -1
    opens = first == 0 or (date is not None and first >= date.end() and not stripped[date.end():first].strip()
                           and not SENTENCE_PUNCT.search(stripped))
    if not opens or len(stripped) > 120:
        found = DATE_TIME.search(stripped)
        if loose and found and len(stripped) <= 60 and not SENTENCE_PUNCT.search(stripped):
            fields = {"published": found.group(0)}
            if byline := dateline_byline(DATE_TIME.sub("", stripped).strip()):
                fields["byline"] = byline  # `【记者魏云日/新竹报导】2021-10-17` under the headline
            return fields
        return None
    fields: dict[str, str] = {}
    bylines: list[str] = []
    fieldmap = _meta_labels()
    for k, m in enumerate(labels):
        value_end = labels[k + 1].start() if k + 1 < len(labels) else len(stripped)
        value = stripped[m.end():value_end].strip().rstrip("【[|｜").strip()
        field = fieldmap[m.group(1)]
        if field == "title":  # a table's cell bars around it (`名称: | 县卫健委…工作总结 | 文号: |`)
            value = value.strip(" |｜")
        if field in ("source", "byline"):  # an unlabelled date after it is the publication date
            value = DATE_TIME.sub("", value).strip().rstrip(",，").strip()  # (`…公报 ,2015/12/2`)
        if not value:
            continue
        if field == "source":  # where it came from: a department or a paper, sometimes with its writer
            bylines.append(value)
        elif field == "byline":  # the label says what the people did (`作者:胡蓉`, `编辑:侯佳`)
            bylines.append(f"{m.group(1)}:{value}")
        elif field not in fields:
            fields[field] = value
    if bylines:
        fields["byline"] = "; ".join(bylines)
    if "published" not in fields and (found := DATE_TIME.search(stripped)):
        fields["published"] = found.group(0)  # an unlabelled date among the labels (`编辑：侯佳　2023-11-28 07:45`)
    return fields


def page_header_fields(lines: list[str]) -> dict[str, str]:
    """Date and publication from a newspaper page's masthead (`衡阳日报　2023年4月12日　第03版：健康周刊`)."""
    fields: dict[str, str] = {}
    for line in lines:
        if "published" not in fields and (m := DATE_TIME.search(line)):
            fields["published"] = m.group(0)
        first = line.split()[0] if line.split() else ""
        if "site" not in fields and first.endswith(rules.words("publication_suffixes.txt")) and len(first) <= 20:
            fields["site"] = first
    return fields




def _title_like(s: str) -> bool:
    return title_shape(s.strip())


def _is_caption(s: str) -> bool:
    return any(marker in s for marker in rules.words("caption_markers.txt"))


def _find_title(lines: list[_Line], counts: Counter) -> int | None:
    """Index in `lines` of the headline, or None when the page has none we can trust.

    In order: the line just above a metadata line (`发布时间:…`, but not a government page's
    catalogue block `索引号:… 主题分类:…`, which stands above the headline); a title-like line near
    the top that the page repeats (image alt text repeats the headline); a short first line above a
    paragraph.
    """
    window = [i for i, ln in enumerate(lines[:HEAD_WINDOW * 3]) if not _chrome_rule(ln.norm, ("any", "head", "tail"))]
    window = window[:HEAD_WINDOW]
    metas = [parse_meta_line(lines[i].text, loose=True) for i in window[:META_WINDOW]]
    k = 0
    while k < len(metas):
        if metas[k] is None:
            k += 1
            continue
        run = k
        while run + 1 < len(metas) and metas[run + 1] is not None:
            run += 1
        if any("catalogue" in m for m in metas[k:run + 1]):
            k = run + 1  # a disclosure catalogue (`索引号:…`) stands above the headline, not under it
            continue
        for j in reversed(window[max(0, k - 3):k]):
            if _title_like(lines[j].text) and not label_line(lines[j].norm):
                return j
        break
    for i in window[:5]:
        if _title_like(lines[i].text) and counts[squash(lines[i].norm)] >= 2 and not _prose_above(lines, window, i):
            return i
    if window:
        first = window[0]
        nxt = window[1] if len(window) > 1 else None
        if (_title_like(lines[first].text) and len(lines[first].text) <= TITLE_MAX and nxt is not None
                and (len(lines[nxt].text) > HEADING_MAX or PROSE_PUNCT.search(lines[nxt].text))
                and not _is_caption(lines[first].text)):
            return first
    return None


def _prose_above(lines: list[_Line], window: list[int], i: int) -> bool:
    """Does running text stand above line i? Then i is a sub-heading, not the headline."""
    return any(j < i and (len(lines[j].norm) > HEADING_MAX or lines[j].norm.endswith("。")) for j in window)


def _fuller_title(title: str, lines: list[_Line], counts: Counter) -> str:
    """A repeated line that extends the headline (`栏目】标题 | 副题`) is the fuller headline."""
    key = squash(title)
    best = title
    for ln in lines:
        k = squash(ln.norm)
        if k != key and k.startswith(key) and counts[k] >= 2 and _title_like(ln.norm) and len(ln.norm) > len(best):
            best = ln.norm
    return best


def _is_broken(prev: str, nxt: str) -> bool:
    """Was one paragraph broken into `prev` and `nxt` by page layout?

    `prev` is running prose cut mid-sentence (long, punctuated inside, no closing punctuation) and
    `nxt` is prose too, not a heading or caption.
    """
    return (len(prev) >= BROKEN_LINE_MIN and not prev.endswith(tuple(SENTENCE_END))
            and bool(PROSE_PUNCT.search(prev)) and not _is_caption(prev)
            and (nxt.endswith(tuple(SENTENCE_END)) or len(nxt) > HEADING_MAX)
            and bool(PROSE_PUNCT.search(nxt)) and not byline_line(nxt) and not ends_with_credit(prev))


def _kind(text: str) -> str:
    if byline_line(text):
        return "byline"
    if len(text) <= HEADING_MAX * 2 and _is_caption(text) and not text.endswith("。"):
        return "caption"
    if len(text) <= HEADING_MAX and not text.endswith(("。", "；", ";", "：", ":")) and not PROSE_PUNCT.search(text[:-1].replace("、", "")):
        return "heading"
    if len(text) <= HEADING_MAX and text.startswith(("“", "「")) and text.endswith(("”", "」")) and text.count("“") + text.count("「") == 1:
        return "heading"  # a quoted motto standing alone (`“兵马未动,粮草先行”`)
    if len(text) <= 20 and not text.endswith(tuple(SENTENCE_END)):
        return "heading"
    return "body"


def clean_article(raw: RawArticle) -> Article:
    """Title, metadata and paragraphs of one article; dropped lines come back with their rule."""
    lines = [_line(no, t) for no, t in raw.lines if t.strip()]
    counts = Counter(squash(ln.norm) for ln in lines)
    probs = _line_probabilities(lines)
    title_idx, title, title_norm = _headline(raw, lines, counts, probs)
    article = Article(seq=raw.seq, title=title_norm, title_original=title)
    body = _Body()
    if title_idx is not None:
        article.site, metadata_above, body.dropped = _page_above(lines[:title_idx], title_norm, raw.page_header)
        body.dropped.append(DroppedLine(lines[title_idx].no, lines[title_idx].text, "title"))
        for meta in metadata_above:
            body.take_meta(meta)
    start = title_idx + 1 if title_idx is not None else 0
    _walk_body(lines[start:], squash(title_norm) if title_norm else None, counts, body, probs[start:])
    if not body.kept:
        _keep_lone_text(lines, body)
    if body.published_date is None and not raw.page_header:  # a newspaper page's masthead dates it below
        _date_from_model(lines, probs[:, _METADATA], body)
    body.bylines += _dropped_credits(body)
    article.published_date, article.published_time = body.published_date, body.published_time
    if article.published_date is None and raw.page_header:
        _date_from_masthead(article, raw.page_header)
    article.paragraphs = _paragraphs(body.kept)
    dateline, text_bylines = _text_bylines(article.paragraphs)
    opening = [dateline] if dateline is not None else []
    article.byline, article.authors = _authors(opening + body.bylines + text_bylines)
    article.script = detect_script((title or "") + "".join(p.text_original for p in article.paragraphs))
    article.dropped = body.dropped
    return article


def _keep_lone_text(lines: list[_Line], body: _Body) -> None:
    """An article the classifier would leave with no text keeps the lines of sentences it dropped: a page
    whose one line is the whole story (`9月12日上午,…此次就诊人数达400余人。(李欣 李谦)`) is not lost."""
    restored = {d.line_no for d in body.dropped
                if d.rule == "furniture-model" and "。" in d.text and is_prose(normalise(d.text))}
    body.kept = [(ln, False) for ln in lines if ln.no in restored]
    body.dropped = [d for d in body.dropped if d.line_no not in restored]


@dataclass
class _Body:
    """What the walk down an article collects: lines kept and dropped, its date, and its bylines."""

    kept: list[tuple[_Line, bool]] = field(default_factory=list)  # (line, a removed line stood just above it)
    dropped: list[DroppedLine] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    published_date: str | None = None
    published_time: str | None = None

    def take_meta(self, meta: dict[str, str]) -> None:
        """The first publication date and every byline a metadata line gives are the article's."""
        if "published" in meta and self.published_date is None:
            self.published_date, self.published_time = parse_published(meta["published"])
        if meta.get("byline"):
            self.bylines.append(meta["byline"])


def _headline(raw: RawArticle, lines: list[_Line], counts: Counter,
              probs: np.ndarray | None = None) -> tuple[int | None, str | None, str | None]:
    """(index in `lines`, text as written, normalised text) of the headline the splitter gave or we find:
    by the rules, and by the classifier's label probabilities (`probs`, a row per line) where given."""
    if raw.heading is not None:
        title = raw.heading.strip()
        title_norm = normalise(title)
        for i, ln in enumerate(lines):
            if ln.no == raw.heading_line or (
                    HEADLINE.match(ln.text) and squash(normalise(HEADLINE.match(ln.text).group(1))) == squash(title_norm)):
                return i, title, title_norm
        return None, title, title_norm
    labelled = _labelled_title(lines)
    if labelled is not None:
        title_idx, title, title_norm = labelled
        return title_idx, bare_headline(title), bare_headline(title_norm)
    title_idx = _find_title(lines, counts)
    if probs is not None:
        title_idx = _model_title(lines, counts, title_idx, probs)
    if title_idx is None or (len(lines) == 1 and is_prose(lines[0].norm)):
        return None, None, None  # an article of one line of running text (a list's teaser) is all text
    title_idx = _past_kicker(lines, title_idx)
    title, title_norm = lines[title_idx].text, lines[title_idx].norm
    fuller = _fuller_title(title_norm, lines, counts)
    if fuller != title_norm:
        # the fuller line is the headline's own line when it stands before the text (the shorter one above
        # it is then its first part printed twice), else the headline keeps its place
        title_idx = next((j for j in range(title_idx, len(lines)) if lines[j].norm == fuller
                          and not any(is_prose(ln.norm) for ln in lines[title_idx:j])), title_idx)
        title, title_norm = next(ln.text for ln in lines if ln.norm == fuller), fuller
    return title_idx, bare_headline(title), bare_headline(title_norm)


def _labelled_title(lines: list[_Line]) -> tuple[int, str, str] | None:
    """(index, text as written, normalised text) of a headline a catalogue gives in a labelled field among
    the article's first lines (`名称: | 县卫健委2023年工作总结 | 文号: |`): the page says which line is
    its title, no guess is surer; None when no such field holds a title-like value."""
    for i, ln in enumerate(lines[:HEAD_WINDOW]):
        if "title" in (meta := parse_meta_line(ln.text) or {}) and _title_like(meta["title"]):
            return i, meta["title"], (parse_meta_line(ln.norm) or {}).get("title", normalise(meta["title"]))
    return None


def _past_kicker(lines: list[_Line], i: int) -> int:
    """The headline under a kicker (`渭滨区推出延时接种服务——` over `晚上也可打疫苗`), else line i itself."""
    if lines[i].norm.endswith(KICKER_END) and i + 1 < len(lines) and _title_like(lines[i + 1].text) \
            and not _not_a_headline(lines[i + 1].norm):
        return i + 1
    return i


def bare_headline(s: str) -> str:
    """The headline without what the page prints around it on its line (HEADLINE_BULLET, HEADLINE_SUFFIX),
    as long as something of it is left."""
    bare = HEADLINE_BULLET.sub("", s)
    while (cut := HEADLINE_SUFFIX.search(bare)) and len(bare[:cut.start()].strip()) >= 4:
        bare = bare[:cut.start()]
    return bare.strip()


def _line_probabilities(lines: list[_Line]) -> np.ndarray:
    """The classifier's label probabilities for each line; all zero (it decides nothing) for a short
    article with no running text (a note of a few lines: it learned from pages, which have some, or
    else many short lines, a poster-like post cut into phrases)."""
    if not model_reads(lines):
        return np.zeros((len(lines), len(LABELS)))
    return line_probabilities([ln.norm for ln in lines], [ln.no for ln in lines])


def model_reads(lines: list[_Line]) -> bool:
    """Does the classifier read this article: one with running text, or with many lines?"""
    return len(lines) >= POSTER_LINES or any(is_prose(ln.norm) for ln in lines)


def title_candidates(lines: list[_Line], counts: Counter, probs: np.ndarray,
                     found: int | None) -> tuple[list[int], np.ndarray]:
    """The lines that may be the headline (index in `lines`) and their TITLE_FEATURES rows, for the
    ranker: title-like lines near the top that no rule calls chrome, metadata or a credit, above the
    second line of running text (prose the classifier does not call furniture). `found`, the rules'
    choice (`_find_title`), is one of the features."""
    window = [i for i, ln in enumerate(lines[:HEAD_WINDOW * 3]) if not _chrome_rule(ln.norm, ("any", "head"))]
    text_at = [i for i in window if is_prose(lines[i].norm) and probs[i, _FURNITURE] < TEXT_FURNITURE_MAX]
    picked = [i for i in window if _title_like(lines[i].text) and not (len(text_at) > 1 and text_at[1] < i)
              and not _not_a_headline(lines[i].norm)]
    text = [ln.norm for i, ln in enumerate(lines) if is_prose(ln.norm) and probs[i, _FURNITURE] < TEXT_FURNITURE_MAX]
    text_pairs = _char_pairs("".join(text[:30]))
    meta = [i < HEAD_WINDOW * 3 and (probs[i, _METADATA] >= 0.5 or parse_meta_line(ln.text, loose=True) is not None)
            for i, ln in enumerate(lines[:HEAD_WINDOW * 3 + 3])]
    top = max(picked, key=lambda i: probs[i, _TITLE], default=None)
    rows = []
    for i in picked:
        s, p = lines[i].norm, probs[i]
        pairs = _char_pairs(s)
        overlap = len(pairs & text_pairs) / len(pairs) if pairs else 0.0
        to_text = next((j - i for j in text_at if j > i), 10)
        to_meta = next((j - i for j in range(i + 1, min(i + 4, len(meta))) if meta[j]), None)
        rows.append([
            0.0, p[_TITLE], np.log(p[_TITLE] + 1e-3) / 7, p[_FURNITURE], p[_METADATA], p[LABELS.index("body")],
            i == 0, to_meta is not None, any(meta[max(0, i - 2):i]),
            i + 1 < len(lines) and is_prose(lines[i + 1].norm), min(to_text, 10) / 10,
            len(s) <= 6, len(s) <= 12, len(s) > 40, overlap, overlap == 0, counts[squash(s)] >= 2,
            sum(c.isascii() and c.isalpha() for c in s) / len(s), i == top, bool(text_at) and text_at[0] < i,
            min(sum(i < j < i + to_text for j in picked), 3) / 3,
            "，" in s or "," in s, bool(byline_names(s)), i == found,
        ])
    return picked, np.array(rows, dtype=np.float64).reshape(len(rows), len(TITLE_FEATURES))


def _not_a_headline(s: str) -> bool:
    """Is the line one the rules are sure is something else: a page's tail (`分享到：…`), a metadata line
    (`来源：…　浏览次数：1268`), a credit (`文 / 杨凯文`)?"""
    return bool(_chrome_rule(s, ("tail",)) or parse_meta_line(s) is not None or byline_line(s) or label_line(s))


def _char_pairs(s: str) -> set[str]:
    """The pairs of adjacent letters (CJK or alphanumeric) in a line, for how much of it the text repeats."""
    kept = "".join(c for c in s if c.isalnum())
    return {kept[k:k + 2] for k in range(len(kept) - 1)}


def _model_title(lines: list[_Line], counts: Counter, found: int | None, probs: np.ndarray) -> int | None:
    """The headline the ranker chooses among the candidate lines; it may find none only where the rules
    (`found`) found none. The rules' choice stands alone when the classifier decides nothing (no running
    text), and when it is a text file's own first line (`_text_file_title`)."""
    if found is not None and _not_a_headline(lines[found].norm):
        found = None
    if not probs.any() or (found == 0 and _text_file_title(lines, probs)):
        return found
    picked, features = title_candidates(lines, counts, probs, found)
    best = title_choice(features, allow_none=found is None)
    if best is None:
        return None
    key = squash(lines[picked[best]].norm)
    return next(i for i in picked if squash(lines[i].norm) == key)  # a headline printed twice: its first copy


def _text_file_title(lines: list[_Line], probs: np.ndarray) -> bool:
    """Is the first line a text file's own title, which the web pages the ranker learned from seldom show:
    directly above running text or a sentence, or above the label opening it (`国际联播快讯` above
    `央视网消息(新闻联播)：` and a roundup's items), and not a line the classifier is sure is furniture?"""
    if len(lines) < 2 or probs[0, _FURNITURE] >= FURNITURE_SURE_MIN:
        return False
    second = lines[1].norm
    if is_prose(second) or second.endswith("。"):
        return probs[1, _FURNITURE] < TEXT_FURNITURE_MAX
    return bool(OPENING_LABEL.fullmatch(second)) and not _chrome_rule(second, ("any", "head", "tail"))


def _page_above(above: list[_Line], title_norm: str,
                masthead: list[str]) -> tuple[str | None, list[dict[str, str]], list[DroppedLine]]:
    """(site name, metadata blocks, dropped lines) of the lines above the headline: the page around it,
    whose first plain short line names the site."""
    breadcrumb_parts: set[str] = set()
    site = None
    metadata: list[dict[str, str]] = []
    dropped: list[DroppedLine] = []
    for ln in above:
        rule = "page-header" if ln.text in masthead else _chrome_rule(ln.norm, ("any", "head", "tail"))
        if rule == "breadcrumb":
            breadcrumb_parts.update(squash(p) for p in re.split(r">>?|»|＞|→|/|[:：]", ln.norm))
        elif rule is None and squash(title_norm).startswith(squash(ln.norm)):
            rule = "title-variant"  # the headline's first part printed above it
        elif rule is None and (meta := parse_meta_line(ln.norm)) is not None:
            metadata.append(meta)  # a government page's catalogue block (`发布日期:…`)
            rule = "metadata"
        elif rule is None and site is None and len(ln.norm) <= 30 and squash(ln.norm) not in breadcrumb_parts:
            site = ln.norm
            rule = "site-name"
        if rule is None:
            rule = "section-name" if squash(ln.norm) in breadcrumb_parts else "before-title"
        dropped.append(DroppedLine(ln.no, ln.text, rule))
    return site, metadata, dropped


def _repeats_title(ln: _Line, title_key: str | None, counts: Counter, kept_any: bool) -> bool:
    """Is the line the headline again (or its first part before any text, or a repeated variant)?"""
    if not title_key:
        return False
    key = squash(ln.norm)
    heading = HEADLINE.match(ln.text)
    if (key == title_key or squash(bare_headline(ln.norm)) == title_key or (heading and squash(normalise(heading.group(1))) == title_key)
            or (len(key) >= 6 and title_key.startswith(key) and counts[key] >= 1 and not kept_any)):
        return True
    return len(key) >= 6 and counts[key] >= 3 and _title_like(ln.norm) and (key in title_key or title_key in key)


def _tail_line(ln: _Line, tail_rule: str, body: _Body) -> None:
    """A line after the page's tail began is dropped; metadata and closing credits there still count."""
    meta = parse_meta_line(ln.norm)
    if meta is not None:
        body.take_meta(meta)
    elif byline_line(ln.norm):  # closing credits under a WeChat post's tail (`文字丨邬建军`)
        body.bylines.append(ln.norm.strip())
    rule = "metadata" if meta is not None else None
    body.dropped.append(DroppedLine(ln.no, ln.text, rule or _chrome_rule(ln.norm, ("tail",))
                                    or _chrome_rule(ln.norm, ("any",)) or tail_rule))


def _walk_body(lines: list[_Line], title_key: str | None, counts: Counter, body: _Body, probs: np.ndarray) -> None:
    """Keep the body's lines; drop chrome and repeated headlines, read metadata, stop at the page's tail;
    a line no rule decides goes when the classifier (`probs`, a row per line) calls it furniture."""
    gap = False
    in_tail = None
    # the running text: lines with a sentence that the classifier does not hold for furniture (a reprint notice
    # or a disclaimer under the article has sentences too, and the lines above it are not inside the text)
    prose = [i for i, ln in enumerate(lines) if len(ln.norm) >= BROKEN_LINE_MIN // 2 and SENTENCE_PUNCT.search(ln.norm)
             and probs[i, _FURNITURE] < PROSE_FURNITURE_MAX]
    phrases = not any(is_prose(ln.norm) for ln in lines)  # a post cut into phrases: each may be the text's
    for i, (ln, prob) in enumerate(zip(lines, probs)):
        inside = phrases or (bool(prose) and prose[0] < i < prose[-1])
        if in_tail:
            _tail_line(ln, in_tail, body)
            continue
        rule = "repeated-title" if _repeats_title(ln, title_key, counts, bool(body.kept)) else _chrome_rule(
            ln.norm, ("any",))
        tail = None if rule else _chrome_rule(ln.norm, ("tail",))
        if tail:
            # A share bar or a related-links line above the body (`分享到：微信 微博`, under a byline
            # `文 / 杨凯文`) is that line only; once running text has begun it ends the article.
            in_tail = tail if any(SENTENCE_PUNCT.search(k.norm) for k, _ in body.kept) else None
        meta = None if rule or tail or body.kept else parse_meta_line(ln.norm, loose=True)
        if meta is not None:
            body.take_meta(meta)
        rule = rule or tail or ("metadata" if meta is not None else None) or _model_rule(ln, prob, inside, body)
        if rule:
            body.dropped.append(DroppedLine(ln.no, ln.text, rule))
            gap = True
            continue
        body.kept.append((ln, gap))
        gap = False
    # Metadata printed after the last paragraph (`更新时间：2023/09/14 16:20`, a closing date line) and the
    # labelled staff credits closing a page (`编辑:王君`, `审核:陈芳`, `来源:健康中国`): page furniture, whose
    # names the byline still gets (take_meta).
    closing: list[dict[str, str]] = []
    while body.kept and (meta := parse_meta_line(body.kept[-1][0].norm)) is not None:
        ln, _ = body.kept.pop()
        body.dropped.append(DroppedLine(ln.no, ln.text, "metadata"))
        closing.insert(0, meta)
    for meta in closing:  # in the page's order
        body.take_meta(meta)


def _model_rule(ln: _Line, prob: np.ndarray, inside: bool, body: _Body) -> str | None:
    """`furniture-model` or `metadata-model` for a line the classifier is sure of, else None.
    `inside`: the line stands between two lines of running text. A credit line (`图/志愿者服务队`,
    `（通讯员 钱晓燕 张国庆）`) is the byline's, which keeps it as a byline paragraph, and a source line
    (`_names_source`) the text's."""
    if byline_line(ln.norm) or ((closing := closing_byline(ln.norm)) is not None and closing[1]) or _names_source(ln.norm):
        return None
    sentence = ln.norm.endswith(("。", "！", "？"))
    if prob[_FURNITURE] >= (FURNITURE_SURE_MIN if inside or sentence else FURNITURE_MIN):
        return "furniture-model"
    if prob[_METADATA] >= METADATA_MIN and not SENTENCE_PUNCT.search(ln.norm):
        if not (found := DATE_TIME.search(ln.norm)):
            # a credit line with no label (`本报记者 罗韬 摄影报道`) stays, where its names and roles are read
            return None if byline_names(ln.norm) else "metadata-model"
        body.take_meta({"published": found.group(0)})
        if byline_names(undated := DATE_TIME.sub("", ln.norm).strip()):
            body.bylines.append(undated)  # the names beside the date (`记者 张丽 2023-05-12`)
        return "metadata-model"
    return None


def _names_source(line: str) -> bool:
    """Does a source label open the line (`本文来源: 卫生和计划生育委员会`)? The source it names is one of the
    article's organisations, which the extraction reads from the text only: the line stays unless a rule
    drops it."""
    found = _meta_pattern().match(HEADLINE_BULLET.sub("", line.strip()))
    return found is not None and _meta_labels()[found.group(1)] == "source"


def _date_from_model(lines: list[_Line], meta_prob: np.ndarray, body: _Body) -> None:
    """The date of an article no metadata line dated, in order: the line the classifier most holds for
    metadata (p >= METADATA_MIN); a line opening with a date stamp (`date 2025-09-12 …`); a dateline
    opening the running text (`【新唐人2009年11月1日訊】`, `新华社北京2023年5月12日电`); a short line
    with no sentence that gives a full date, the most metadata-like first (`《 人民日报 》( 2022年02月07日
    04 版)`); a full date closing the text after its last sentence (`…旅游史。2020/06/30`); a full date standing
    alone before the first sentence of a line the saved page ran together (`… 2017年6月10日460369 …。`)."""
    dated = [i for i, ln in enumerate(lines) if DATE_TIME.search(ln.norm)]
    sure = [i for i in dated if meta_prob[i] >= METADATA_MIN]
    first_text = next((ln.norm for ln in lines if is_prose(ln.norm)), "")
    short = [i for i in dated if len(lines[i].norm) <= HEADING_MAX * 2 and not SENTENCE_PUNCT.search(lines[i].norm)]
    stamped = next((m for ln in lines if (m := DATE_STAMP.match(ln.norm))), None)
    closing = CLOSING_DATE.search(body.kept[-1][0].norm) if body.kept else None
    if sure:
        found = DATE_TIME.search(lines[max(sure, key=lambda i: meta_prob[i])].norm)
    elif stamped is not None:
        found = DATE_TIME.search(stamped.group(0))
    elif (opening := DATELINE_DATE.match(first_text)) is not None:
        found = DATE_TIME.search(opening.group(0))
    elif short and meta_prob.any():
        found = DATE_TIME.search(lines[max(short, key=lambda i: meta_prob[i])].norm)
    elif closing is not None:
        found = DATE_TIME.search(closing.group(0))
    elif (stamp := next((st for ln in lines if (st := opening_stamp(ln.norm))), None)) is not None:
        found = DATE_TIME.search(stamp)
    else:
        return
    body.take_meta({"published": found.group(0)})


def _date_from_masthead(article: Article, page_header: list[str]) -> None:
    """An undated article on a newspaper page takes the page's date, and its paper when no site was named."""
    header = page_header_fields(page_header)
    if "published" in header:
        article.published_date, _ = parse_published(header["published"])
    article.site = article.site or header.get("site")


def _paragraphs(kept: list[tuple[_Line, bool]]) -> list[Paragraph]:
    """The kept lines as paragraphs, lines broken by layout joined back, each given its kind."""
    paragraphs: list[Paragraph] = []
    for ln, after_gap in kept:
        if paragraphs and not after_gap and paragraphs[-1].kind == "body" and _is_broken(paragraphs[-1].text, ln.norm):
            p = paragraphs[-1]
            p.removed += [(at + len(p.text), length) for at, length in ln.removed]
            p.text += ln.norm
            p.text_original += ln.text
            continue
        paragraphs.append(Paragraph(seq=len(paragraphs), kind="body", text=ln.norm, text_original=ln.text,
                                    line_start=ln.no, removed=list(ln.removed)))
    for p in paragraphs:
        p.kind = _kind(p.text)
    return paragraphs



def _dropped_credits(body: _Body) -> list[str]:
    """Credits on lines dropped as page furniture (`(责编:牛镛、岳弘彬)`, `【纠错】 责任编辑: 白羽`) that
    no metadata line or closing credit already gave."""
    def key(b: str) -> str:  # `编辑丨房悦` and `编辑:房悦` are one credit
        return re.sub(r"[\s丨|｜/／:：;；]", "", b)

    have = {key(b) for b in body.bylines}
    out = []
    for d in body.dropped:
        credit = credit_line(normalise(d.text)) if d.rule not in ("metadata", "title") else None
        if credit and key(credit) not in have:
            have.add(key(credit))
            out.append(credit)
    return out


def _text_bylines(paragraphs: list[Paragraph]) -> tuple[str | None, list[str]]:
    """(the `本报讯(记者 …)` byline opening the body, the `文/…` lines and a closing `(姓名 姓名)`) of the text.

    A last paragraph that is nothing but that closing byline becomes a byline paragraph.
    """
    bylines = [byline_line(p.text) for p in paragraphs if p.kind == "byline"]
    body = [p for p in paragraphs if p.kind == "body"]
    dateline = dateline_byline(body[0].text) if body else None
    text = [p for p in paragraphs if p.kind != "byline"]
    if text and (closing := closing_byline(text[-1].text)):
        by, whole_line = closing
        bylines.append(by)
        if whole_line:
            text[-1].kind = "byline"  # the line is nothing but the byline
    return dateline, bylines


def _authors(bylines: list[str | None]) -> tuple[str | None, list[str]]:
    """The article's byline (each distinct one once, `; `-joined) and the names in it, in order."""
    seen: set[str] = set()
    byline = "; ".join(b for b in bylines if b and not (b in seen or seen.add(b))) or None
    authors: list[str] = []
    for b in bylines:
        for name in byline_names(b or ""):
            if name not in authors:
                authors.append(name)
    return byline, authors
