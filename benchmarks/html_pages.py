"""Saved web pages: trafilatura's main text and metadata against our own cleaning of the whole page.

Builds two archives from the same folder of saved `.html` pages and scores both with the
acceptance scorer against a title/date/furniture gold:
  trafilatura   what `ingest add` does with a web page (ingest/webpage.py)
  own cleaning  every visible line of the page (scripts, styles and <head> removed, one line per
                block element), saved as text and cleaned by our text-page cleaner alone
and prints the scorer's summary for each and the pages per second.

    python benchmarks/html_pages.py --pages ../shared/html_pages/gne --gold benchmarks/html_pages/gne_gold.json

The pages are not in this repository: benchmarks/html_pages/README.md says where they come from.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ingest.pipeline import ingest_paths  # noqa: E402
from ingest.read import decode_web_page  # noqa: E402

SCORER = Path(__file__).resolve().parents[2] / "shared" / "acceptance" / "score.py"
BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "section",
          "article", "header", "footer", "ul", "ol", "dd", "dt", "dl", "blockquote", "pre", "nav", "aside",
          "figure", "figcaption", "form", "center", "title"}
SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def visible_lines(html: str) -> str:
    """The page's visible text, a line per block element: what a reader's "save as text" gives."""
    doc = lxml_html.document_fromstring(html)
    for node in doc.xpath("//script|//style|//noscript|//template|//head|//iframe|//svg"):
        node.drop_tree()
    parts: list[str] = []

    def walk(node) -> None:
        block = isinstance(node.tag, str) and node.tag.lower() in BLOCKS
        parts.append("\n" if block else "")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        parts.append("\n" if block else "")

    walk(doc)
    lines = (SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


def own_cleaning_folder(pages: list[Path], out: Path, gold: dict) -> dict:
    """Each page's visible lines saved as `name.txt`; the gold re-keyed to those names."""
    out.mkdir()
    for page in pages:
        text, _ = decode_web_page(page.read_bytes())
        (out / f"{page.stem}.txt").write_text(visible_lines(text), encoding="utf-8")
    renamed = {f"{Path(name).stem}.txt": entry for name, entry in gold["files"].items()}
    return {**gold, "files": renamed}


# The scorer's figures this gold can speak for (it annotates titles, dates and furniture only).
FIGURES = ("articles", "extra_articles", "title_acc", "pubdate_acc", "boilerplate_leaks", "offsets_bad")


def score(db: Path, gold: Path) -> str:
    """The scorer's figures this gold speaks for, and its title, date and furniture misses."""
    run = subprocess.run([sys.executable, str(SCORER), str(db), str(gold)], capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise SystemExit(run.stderr)
    lines = run.stdout.splitlines()
    misses = [line for line in lines if ": title " in line or "boilerplate" in line]
    figures = [line for line in lines if line.split(" ", 1)[0] in FIGURES]
    return "\n".join(misses + figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", required=True, help="folder of saved .html pages")
    parser.add_argument("--gold", required=True, help="gold in the acceptance format, keyed by page file name")
    args = parser.parse_args()
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    pages = sorted(p for p in Path(args.pages).iterdir() if p.name in gold["files"])
    print(f"{len(pages)} pages, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        started = time.perf_counter()
        ingest_paths(str(tmp_path / "trafilatura.db"), [str(p) for p in pages], workers=1)
        seconds = time.perf_counter() - started
        print(f"\n== trafilatura ({len(pages) / seconds:.1f} pages/s, 1 worker)\n" +
              score(tmp_path / "trafilatura.db", Path(args.gold)))
        own_gold = tmp_path / "own_gold.json"
        own_gold.write_text(json.dumps(own_cleaning_folder(pages, tmp_path / "own", gold), ensure_ascii=False),
                            encoding="utf-8")
        started = time.perf_counter()
        ingest_paths(str(tmp_path / "own.db"), [str(tmp_path / "own")], workers=1)
        seconds = time.perf_counter() - started
        print(f"\n== own cleaning of the visible lines ({len(pages) / seconds:.1f} pages/s, 1 worker)\n" +
              score(tmp_path / "own.db", own_gold))


if __name__ == "__main__":
    main()
