"""The package works outside the checkout: the wheel ships schema.sql and metadata.yml (the dashboard
with them), and from a clean venv `ingest add` builds an archive that `datasette serve` searches."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# What a checkout holds beside its source: environments, builds, caches, archives.
NOT_SOURCE = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "*.db*")


@pytest.mark.parametrize("name", ["schema.sql", "metadata.yml"])
def test_the_package_reads_the_top_level_file(name):
    """One source of truth: the copy the code reads is the top-level file itself."""
    assert resources.files("ingest").joinpath(name).read_bytes() == (ROOT / name).read_bytes()


def run(command: list, cwd: Path) -> str:
    """Run a command away from the checkout (no PYTHONPATH leading back to it); its output, or fail."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a clean venv (no system site-packages) holding the wheel built from this checkout."""
    work = tmp_path_factory.mktemp("package")
    # Built from a copy: a build folder left in the checkout could slip stale files into the wheel.
    shutil.copytree(ROOT, work / "src", symlinks=True, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    run([sys.executable, "-m", "pip", "wheel", work / "src", "--no-deps", "--quiet", "--wheel-dir", work / "dist"], work)
    run([sys.executable, "-m", "venv", work / "venv"], work)
    bin_dir = work / "venv" / "bin"
    run([bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         *(work / "dist").glob("chinese_news_archive-*.whl")], work)
    return bin_dir


@pytest.fixture(scope="module")
def archive(installed, tmp_path_factory) -> Path:
    """archive.db built by the installed `ingest add`, run from a folder outside the checkout."""
    folder = tmp_path_factory.mktemp("outside")
    run([installed / "ingest", "add", "--quiet", "archive.db", SEEDS], folder)
    return folder / "archive.db"


def served(installed: Path, archive: Path, path: str) -> str:
    """The body `datasette serve` from the clean venv answers for `path`, with the packaged metadata."""
    metadata = run([installed / "python", "-c",
                    "from importlib.resources import files; print(files('ingest') / 'metadata.yml')"], archive.parent)
    return run([installed / "datasette", "serve", "--immutable", archive, "--metadata", metadata.strip(),
                "--get", path], archive.parent)


@pytest.mark.slow
def test_the_installed_package_is_not_the_checkout(installed, tmp_path):
    where = run([installed / "python", "-c", "import ingest; print(ingest.__file__)"], tmp_path)
    assert Path(where.strip()).is_relative_to(installed.parent)


@pytest.mark.slow
def test_the_installed_wheel_builds_the_archive(archive):
    assert sqlite3.connect(archive).execute("SELECT count(*) FROM articles").fetchone()[0] == 8


@pytest.mark.slow
def test_the_installed_datasette_loads_the_plugin(installed, archive):
    """Datasette lists a plugin under its distribution's name, not its module's (`ingest`)."""
    plugins = json.loads(served(installed, archive, "/-/plugins.json"))
    assert "chinese-news-archive" in {plugin["name"] for plugin in plugins}


@pytest.mark.slow
def test_the_installed_datasette_searches_chinese(installed, archive):
    """The packaged metadata's search query, with the plugin's functions, finds a traditional-script query."""
    rows = json.loads(served(installed, archive, "/archive/search.json?" + urlencode({"q": "醫用口罩", "_shape": "array"})))
    assert sorted({row["article_id"] for row in rows}) == [2, 4]


@pytest.mark.slow
def test_the_installed_datasette_shows_the_dashboard(installed, archive):
    page = served(installed, archive, "/-/dashboards/overview")
    assert "The archive at a glance" in page and 'id="chart-articles-per-month"' in page
