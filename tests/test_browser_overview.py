"""The overview page in a real browser: every chart draws marks. Saves screenshots for the README."""
import os
import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import chromium, datasette_server
from ingest.stats import overview_charts
from test_overview import run_chart

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI

DOCS = Path(__file__).resolve().parent.parent / "docs"

# How many data marks (bars, points) Vega drew in a chart: one per row of the chart's query.
MARKS = """
return [...document.querySelectorAll('#chart-' + arguments[0] + ' g.role-mark')]
    .reduce((n, g) => n + g.querySelectorAll('path').length, 0);
"""

# The numbers on a chart's axes (the counted axis; names and months are not numbers).
AXIS_NUMBERS = """
return [...document.querySelectorAll('#chart-' + arguments[0] + ' g.role-axis-label text')]
    .map(t => t.textContent).filter(t => /^[0-9,]+$/.test(t));
"""
COUNT_CHARTS = ("articles-per-month", "top-people", "top-orgs", "claims-by-subject")


def test_every_overview_chart_renders(seed_db, tmp_path):
    charts = overview_charts()
    with datasette_server(seed_db) as base, chromium() as browser:
        browser.set_window_size(1280, 2300)
        browser.get(base + "/-/dashboards/overview")
        for slug, chart in charts.items():
            rows = run_chart(seed_db, slug)
            if chart["library"] == "metric":
                WebDriverWait(browser, 15).until(
                    lambda b: b.find_element(By.CSS_SELECTOR, f"#chart-{slug} p").text.strip() != "")
                shown = browser.find_element(By.CSS_SELECTOR, f"#chart-{slug} p").text
                assert shown == str(rows[0][chart["display"]["field"]]), slug
            else:
                WebDriverWait(browser, 15).until(lambda b: b.execute_script(MARKS, slug) > 0, message=slug)
                assert browser.execute_script(MARKS, slug) == len(rows), slug
                assert browser.find_elements(By.CSS_SELECTOR, f"#chart-{slug} svg"), slug
        browser.save_screenshot(str(tmp_path / "overview.png"))
        browser.get(base + "/-/dashboards/overview?subject=核酸")
        WebDriverWait(browser, 15).until(lambda b: b.execute_script(MARKS, "claims-over-time") > 0)
        assert browser.execute_script(MARKS, "claims-over-time") == len(run_chart(seed_db, "claims-over-time", subject="核酸"))
        browser.set_window_size(1280, 1100)
        browser.get(base + "/archive/search?q=核酸采样")
        browser.save_screenshot(str(tmp_path / "search.png"))
    if os.environ.get("UPDATE_SCREENSHOTS"):  # `UPDATE_SCREENSHOTS=1 make test` refreshes the README's pictures
        DOCS.mkdir(exist_ok=True)
        for name in ("overview.png", "search.png"):
            shutil.copy(tmp_path / name, DOCS / name)


def test_the_overview_page_logs_no_console_warnings(seed_db):
    """Vega warns in the console about specs it has to change ("Dropping fit-y", a Vega-Lite version it was
    not given): every chart's spec must be one it draws as written."""
    with datasette_server(seed_db) as base, chromium() as browser:
        browser.set_window_size(1280, 2300)
        browser.get(base + "/-/dashboards/overview?subject=核酸")
        for slug, chart in overview_charts().items():
            if chart["library"] == "vega-lite":
                WebDriverWait(browser, 15).until(lambda b: b.find_elements(By.CSS_SELECTOR, f"#chart-{slug} svg"))
        browser.get(base + "/-/dashboards/overview")
        WebDriverWait(browser, 15).until(lambda b: b.execute_script(MARKS, "claims-over-time") > 0)
        logged = browser.get_log("browser")
        ticks = {slug: browser.execute_script(AXIS_NUMBERS, slug) for slug in COUNT_CHARTS}
    assert [e["message"] for e in logged if e["level"] in ("WARNING", "SEVERE")] == []
    # whole-number ticks only: no 0.5 shown as a second `1`
    assert ticks == {"articles-per-month": ["0", "1"], "top-people": ["0", "2", "4", "6", "8"],
                     "top-orgs": ["0", "1", "2"], "claims-by-subject": ["0", "1", "2"]}
