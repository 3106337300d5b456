"""A real Datasette server and headless Debian Chromium, for tests that look at pages as a person does."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def datasette_server(db: Path, metadata: bool = True):
    """`datasette serve` as `make serve` runs it (or, `metadata=False`, as a user serving their own
    archive with no --metadata), on a free loopback port; yields its base URL."""
    port = free_port()
    with_metadata = ["--metadata", str(ROOT / "metadata.yml")] if metadata else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "--immutable", str(db), *with_metadata,
         "--host", "127.0.0.1", "--port", str(port), "--setting", "sql_time_limit_ms", "1000",
         "--setting", "suggest_facets", "off"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(base + "/-/versions.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("datasette did not start: " + proc.stderr.read().decode(errors="replace"))
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def chromium():
    """Headless Debian Chromium; fails with the install command when it is missing."""
    if not Path(CHROMIUM).exists() or not Path(CHROMEDRIVER).exists():
        raise RuntimeError("Chromium is missing: `make browser` installs Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1400"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
