"""research.db in Chromium: an archive built from a folder of text and saved web pages, served with no
--metadata, searched and read as a person would. Saves the README's screenshot."""
import shutil

import pytest
from click.testing import CliRunner
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import ROOT, chromium, datasette_server
from ingest.cli import cli

pytestmark = pytest.mark.slow  # browsers: `make test-all`, and CI

WEB = ROOT / "tests" / "corpus" / "web"


def test_research_db_from_web_pages_searches_and_reads_in_a_browser(tmp_path):
    shutil.copytree(WEB, tmp_path / "pages")
    db = tmp_path / "research.db"
    result = CliRunner().invoke(cli, ["add", str(db), str(tmp_path / "pages")])
    assert result.exit_code == 0 and "annual_report.pdf" in result.stderr
    with datasette_server(db, metadata=False) as base, chromium() as browser:
        browser.get(base + "/research/paragraphs?_search=核酸采样")
        rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
        assert len(rows) == 2 and all("核酸采样" in row.text for row in rows)
        browser.get(base + "/research/search?q=两癌筛查")
        assert "顺义区启动免费两癌筛查" in browser.find_element(By.TAG_NAME, "table").text
        browser.get(base + "/research/articles?source=news.html")
        browser.find_element(By.CSS_SELECTOR, "td.col-id a").click()  # the row page
        browser.find_element(By.CSS_SELECTOR, "a.reading-link").click()  # the article, as an article
        assert browser.find_element(By.TAG_NAME, "h1").text == "延庆区开展春季核酸采样演练"
        marked = {(m.get_attribute("class"), m.text) for m in browser.find_elements(By.CSS_SELECTOR, "article mark")}
        assert {("person", "张伟"), ("person", "王芳"), ("claim", "45万余人次")} <= marked
        browser.set_window_size(1280, 640)
        browser.save_screenshot(str(ROOT / "docs" / "research.png"))
        browser.set_window_size(1280, 1400)
        browser.get(base + "/-/dashboards/overview")  # the dashboard of a database with any name
        WebDriverWait(browser, 15).until(
            lambda b: b.find_element(By.CSS_SELECTOR, "#chart-articles-count p").text.strip() == "3")
