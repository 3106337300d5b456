"""A person types 口罩 into Datasette's search box in a real browser and sees the matching rows."""
import pytest
from selenium.webdriver.common.by import By

from browser import chromium, datasette_server

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI


def test_typing_in_the_search_box_finds_and_highlights_rows(seed_db, tmp_path):
    with datasette_server(seed_db) as base, chromium() as browser:
        browser.get(base + "/archive/paragraphs")
        box = browser.find_element(By.CSS_SELECTOR, 'input[name="_search"]')
        box.send_keys("口罩")
        box.submit()
        rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
        texts = [r.find_element(By.CSS_SELECTOR, "td.col-text").text for r in rows]
        assert len(texts) == 6 and all("口罩" in t for t in texts)
        marks = browser.find_elements(By.CSS_SELECTOR, "td.col-text mark")
        assert len(marks) >= 6 and {m.text for m in marks} == {"口罩"}
        browser.save_screenshot(str(tmp_path / "search-box.png"))

        browser.get(base + "/archive/search?q=醫用口罩")
        snippets = browser.find_elements(By.CSS_SELECTOR, "td.col-snippet mark")
        assert {m.text for m in snippets} == {"醫用口罩", "医用口罩"}
        link = browser.find_element(By.CSS_SELECTOR, "td.col-paragraph_id a")
        assert "/archive/paragraphs/" in link.get_attribute("href")
        browser.save_screenshot(str(tmp_path / "search-query.png"))
    assert (tmp_path / "search-box.png").stat().st_size > 10_000
