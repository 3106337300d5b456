"""The reading view in Chromium: an article page shows its marks, and a hostile article runs no script."""
import shutil
import sqlite3
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from browser import ROOT, chromium, datasette_server
from ingest.pipeline import ingest_paths

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI

HOSTILE = Path(__file__).resolve().parent / "corpus" / "messy" / "hostile.txt"


def test_article_page_marks_names_dates_and_claims_and_runs_no_script(seed_db, tmp_path):
    db = tmp_path / "archive.db"
    shutil.copy(seed_db, db)
    assert ingest_paths(str(db), [str(HOSTILE)]).errors == 0
    hostile, = sqlite3.connect(db).execute("SELECT article_id FROM paragraphs WHERE text LIKE '%<script>%'").fetchone()
    with datasette_server(db) as base, chromium() as browser:
        browser.get(base + "/archive/-/article/4")
        kinds = {m.get_attribute("class") for m in browser.find_elements(By.CSS_SELECTOR, "article mark")}
        assert {"person", "org", "date", "claim"} <= kinds
        name = browser.find_element(By.CSS_SELECTOR, "article p.paragraph mark.person a")
        assert "/archive/-/entity/" in name.get_attribute("href")
        browser.save_screenshot(str(ROOT / "docs" / "reading.png"))
        name.click()
        assert browser.find_elements(By.CSS_SELECTOR, "li.mention mark.person")
        browser.get(base + f"/archive/-/article/{hostile}")
        assert browser.execute_script("return window.__pwned === undefined"), "a script ran on the reading view"
        assert not browser.find_elements(By.CSS_SELECTOR, "img[src='x']")
        assert "<script>" in browser.find_element(By.TAG_NAME, "article").text
