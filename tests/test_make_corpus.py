"""The benchmark corpus generator: deterministic, N articles exactly, and dressed like real pages.

A benchmark is only worth reading if its corpus looks like what users ingest and does not change
between runs, so these check both on a small corpus ingested with the real pipeline.
"""
from __future__ import annotations

import importlib.util
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from ingest.normalise import detect_script, normalise
from ingest.pipeline import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
N = 30
# Strings of page chrome the generator writes and the cleaner must never leave in a paragraph.
CHROME = ["分享到", "浏览次数", "您所在的位置", ".jpg", ".png", "内网OA", "发布时间", "字号", "上一篇", "下一篇",
          "免责声明", "举报邮箱", "相关文章"]


def _load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


make_corpus = _load_make_corpus()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _texts(folder: Path) -> dict[str, str]:
    return {k: v.decode("utf-8-sig") for k, v in _files(folder).items() if k.endswith(".txt")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "c"
    make_corpus.generate(N, out, seed=7, per_folder=10)
    return out


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "archive.db"
    summary = ingest_paths(str(db), [str(corpus)])
    return summary, db


def test_same_n_and_seed_give_identical_bytes(corpus, tmp_path):
    again = tmp_path / "again"
    make_corpus.generate(N, again, seed=7, per_folder=10)
    assert _files(again) == _files(corpus)
    other = tmp_path / "other"
    make_corpus.generate(N, other, seed=8, per_folder=10)
    assert _files(other) != _files(corpus)


def test_files_are_spread_over_subfolders(corpus):
    folders = {Path(name).parent.as_posix() for name in _texts(corpus)}
    assert len(folders) >= 2 and "." not in folders


def test_ingesting_gives_exactly_n_articles(ingested, corpus):
    summary, db = ingested
    assert summary.errors == 0, summary.failures
    assert summary.articles == N
    assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == N
    manifest = make_corpus.read_manifest(corpus)
    assert manifest["articles"] == N and manifest["files"] == summary.files == len(_texts(corpus))


def test_the_corpus_mixes_traditional_multi_article_and_chrome_pages(corpus):
    texts = _texts(corpus)
    traditional = [k for k, t in texts.items() if detect_script(t) == "traditional"]
    multi = [k for k, t in texts.items() if len(re.findall(r"(?m)^## \S", t)) >= 2]
    chrome = [k for k, t in texts.items() if any(c in normalise(t) for c in ("分享到", "浏览次数", "免责声明", "内网OA"))]
    web = [k for k, t in texts.items() if "您所在的位置" in t and "发布时间:" in t and re.search(r"(?m)^\S+\.(jpe?g|png)$", t)]
    bylines = [k for k, t in texts.items() if re.search(r"本报讯\(记者 ?[\u4e00-\u9fff]{2,4}", t)]
    traditional_chrome = sorted(set(traditional) & set(chrome))
    for name, found in (("traditional", traditional), ("multi-article", multi), ("chrome", chrome), ("web", web),
                        ("byline", bylines), ("traditional page with chrome", traditional_chrome)):
        assert found, f"no {name} page among {len(texts)}"
    assert len(traditional) < len(texts) and len(multi) < len(texts) and len(chrome) < len(texts)


def test_no_chrome_is_left_in_paragraphs(ingested):
    _, db = ingested
    conn = sqlite3.connect(db)
    for marker in CHROME:
        left = conn.execute("SELECT text FROM paragraphs WHERE instr(text, ?) > 0", [marker]).fetchall()
        assert not left, f"{marker!r} left in {left[:3]}"
    dropped_rules = {r for (r,) in conn.execute("SELECT DISTINCT rule FROM dropped_lines")}
    assert {"nav-bar", "breadcrumb", "view-count", "image-file", "share", "prev-next"} <= dropped_rules


def test_names_dates_and_figures_vary(corpus):
    text = "".join(_texts(corpus).values())
    people = set(re.findall(r"本报讯\(记者 ?([\u4e00-\u9fff]{2,3})", text))
    dates = set(re.findall(r"\d{1,2}月\d{1,2}日", text))
    figures = set(re.findall(r"\d+(?:万)?(?:余|多)?人次", text))
    assert len(people) >= 3 and len(dates) >= 10 and len(figures) >= 3
    assert re.search(r"20\d\d年\d{1,2}月\d{1,2}日", text)
