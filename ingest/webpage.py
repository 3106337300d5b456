"""Reading a saved web page: the page's main text and metadata, through trafilatura.

A saved `.html` page carries menus, scripts and footers around one article; trafilatura finds the
article's text and the page's title, date and author. We write them out as a text page in the
layout the cleaner reads (headline, metadata line, paragraphs), so web pages and text files then
go through the same cleaning and extraction. `benchmarks/html_pages.py` measures this against our
own cleaning of the page's whole visible text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import rules

# A charset the page declares in its first bytes (`<meta charset="gbk">`, `content="…; charset=gb2312"`,
# an XHTML page's `<?xml version="1.0" encoding="gb2312"?>`).
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
                       rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Declared names that mean a wider encoding in practice: pages labelled GB2312 use GBK characters.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
# What starts an HTML document, looked for in a file's first bytes whatever the file is called.
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
# A headline's tail that may name the site (`…_网易订阅`, `… - 新华网`, `…|中国政府网`, `…-新华网`): after
# `_`, `|` or a spaced dash it always does; after a bare dash only when it ends like a site's name.
_SITE_TAIL = re.compile(r"\s*(?:([_|｜]|\s[-–—]\s)|[-–—])\s*([^_|｜\-–—]{1,16})$")
# An author field that is a name or a few (`张伟`, `张伟 李娜`, `Tim Cook`), not a page's fine print.
_AUTHOR = re.compile(r"^(?:[\u4e00-\u9fff·・]{2,10}|[A-Za-z][A-Za-z .'-]{1,40})(?:[;；,，、 ]+(?:[\u4e00-\u9fff·・]{2,10}|[A-Za-z][A-Za-z .'-]{1,40}))*$")
SITE_NAME_MAX = 20
# Headline candidates: the first few <title>/<h1> texts of a page, no longer than a headline gets.
HEADINGS_LOOKED_AT = 4
HEADING_MAX = 120
OPENING_CHARS = 1500  # how much of the text a headline is compared with
TITLE_SHARE_MARGIN = 0.1  # how much more of it a later candidate must share to win


@dataclass
class WebPage:
    """What trafilatura found in a page: its main text (one paragraph a line) and its metadata."""

    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    author: str | None = None
    site: str | None = None


def looks_like_html(data: bytes) -> bool:
    """True when a file's first bytes open an HTML document (`<!DOCTYPE html>`, `<html>`)."""
    return bool(_HTML_START.match(data[:1024].lstrip(b"\xef\xbb\xbf")))


def declared_encoding(data: bytes) -> str | None:
    """The encoding the page declares in a `<meta>` tag, widened where pages use more than they say."""
    found = _DECLARED.search(data[:4096])
    if not found:
        return None
    name = (found.group(1) or found.group(2)).decode("ascii", "replace").lower()
    return _WIDER.get(name, name)


def read_web_page(html: str) -> WebPage:
    """The main text and metadata of one saved page; raises ValueError when there is no article text."""
    import trafilatura  # imported here: a run over text files never pays for loading it

    tree = trafilatura.load_html(html)
    if tree is None:
        raise ValueError("not a web page trafilatura can parse")
    headings = _headings(tree)  # read before extraction, which prunes the tree
    found = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True)
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        raise ValueError("no article text found in the web page")
    return WebPage(text=text, title=_best_title([found.title, *headings], text), date=found.date,
                   author=found.author if found.author and _AUTHOR.match(found.author.strip()) else None,
                   site=_site_name(found.sitename))


def page_as_text(page: WebPage) -> str:
    """The page written the way a saved text page reads: site name, headline, metadata line, then the
    paragraphs; the cleaner reads each from where a page puts it."""
    meta = " ".join(part for part in (page.date, f"作者：{page.author}" if page.author else None) if part)
    body = page.text
    if page.title and body.startswith(page.title):
        body = body[len(page.title):].lstrip("\n")  # the headline is the text's first line: say it once
    head = [line for line in (page.site, page.title, meta) if line]
    return "\n".join(head) + "\n\n" + body + "\n"


def _headings(tree) -> list[str]:
    """The page's <title> and <h1> texts: other candidates for the headline."""
    texts = [" ".join(node.text_content().split()) for node in tree.xpath("//title|//h1")[:HEADINGS_LOOKED_AT]]
    return [text for text in texts if 0 < len(text) <= HEADING_MAX]


def _best_title(candidates: list[str | None], text: str) -> str | None:
    """The candidate headline most about the text: the largest share of its character pairs found in
    the text's opening. trafilatura's title comes first and wins ties; a metadata title can belong to
    another story (a recommended link), and a <title> or <h1> can be the site's own name."""
    opening = text[:OPENING_CHARS]
    pairs_in_text = {opening[i:i + 2] for i in range(len(opening) - 1)}
    best, best_share = None, -1.0
    for candidate in (_clean_title(c, text) for c in candidates if c):
        pairs = [candidate[i:i + 2] for i in range(len(candidate) - 1)]
        share = sum(p in pairs_in_text for p in pairs) / max(len(pairs), 1)
        if share > best_share + TITLE_SHARE_MARGIN:
            best, best_share = candidate, share
    return best


def _clean_title(title: str | None, text: str) -> str | None:
    """The headline without the site's name the <title> tag adds; the text's own first line when it is
    the full headline the metadata cut short."""
    if not title:
        return None
    title = title.strip()
    first = text.split("\n", 1)[0].strip()
    if first.startswith(title) and len(first) <= 2 * len(title) + 10:
        return first
    tail = _SITE_TAIL.search(title)
    if tail and tail.start() >= 4 and (tail.group(1) or tail.group(2).endswith(rules.words("publication_suffixes.txt"))):
        return title[:tail.start()]
    return title


def _site_name(name: str | None) -> str | None:
    if not name or len(name) > SITE_NAME_MAX or any(w in name for w in rules.words("webpage_site_names.txt")):
        return None
    return name.strip()
