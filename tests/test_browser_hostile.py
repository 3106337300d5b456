"""An article carrying <script>, onerror and javascript: links is shown as text on every page; no script runs."""
import sqlite3
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from browser import chromium, datasette_server
from ingest.pipeline import ingest_paths

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI

HOSTILE = Path(__file__).resolve().parent / "corpus" / "messy" / "hostile.txt"


def test_hostile_article_pages_and_search_run_no_script(tmp_path):
    db = tmp_path / "archive.db"
    assert ingest_paths(str(db), [str(HOSTILE)]).errors == 0
    article_id, = sqlite3.connect(db).execute("SELECT id FROM articles").fetchone()
    paragraph_id, = sqlite3.connect(db).execute("SELECT id FROM paragraphs WHERE text LIKE '%<script>%'").fetchone()
    pages = ["/archive/articles", f"/archive/articles/{article_id}", "/archive/paragraphs",
             f"/archive/paragraphs/{paragraph_id}", "/archive/paragraphs?_search=宣传",
             "/archive/articles?_search=宣传", "/archive/search?q=口罩", "/archive/search?q=附件",
             f"/archive/article_text?article_id={article_id}",
             "/archive/dropped_lines"]
    with datasette_server(db) as base, chromium() as browser:
        for i, page in enumerate(pages):
            browser.get(base + page)
            assert browser.execute_script("return window.__pwned === undefined"), f"a script ran on {page}"
            assert not browser.find_elements(By.CSS_SELECTOR, "img[src='x']"), page
            assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='javascript:']"), page
            shown = browser.find_element(By.TAG_NAME, "body").text
            assert "<script>" in shown or "<img src=x" in shown, f"the markup is not shown as text on {page}"
            browser.save_screenshot(str(tmp_path / f"hostile-{i}.png"))
        # Clicking where the link text is shown does nothing either.
        browser.get(base + "/archive/paragraphs?_search=点此查看")
        browser.find_element(By.CSS_SELECTOR, "td.col-text").click()
        assert browser.execute_script("return window.__pwned === undefined")
