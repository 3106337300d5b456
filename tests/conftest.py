"""Shared fixtures: a seed archive built once per session with the real pipeline, on a real file."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """archive.db built from seeds/ (its Datasette name is `archive`, as `make serve` serves it)."""
    path = tmp_path_factory.mktemp("seed") / "archive.db"
    summary = ingest_paths(str(path), [str(SEEDS)])
    assert summary.errors == 0, summary.failures
    return path


@pytest.fixture(scope="session")
def pages3_db(tmp_path_factory) -> Path:
    """An archive of tests/corpus/pages3: 16 dated hospital pages, with claims such as `截至9月` … `90.2%`."""
    path = tmp_path_factory.mktemp("pages3") / "archive.db"
    summary = ingest_paths(str(path), [str(ROOT / "tests" / "corpus" / "pages3")])
    assert summary.errors == 0, summary.failures
    return path


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the seed folder."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


SCORER = SHARED / "acceptance" / "score.py"


def score_archive(db: Path, gold: Path) -> dict:
    """The summary `../shared/acceptance/score.py` prints for an archive; fails (never skips) without it."""
    if not SCORER.exists():
        pytest.fail(f"{SCORER} is missing: the quality gates need ../shared beside the checkout")
    out = subprocess.run([sys.executable, str(SCORER), str(db), str(gold), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def ingest_and_score(folder: Path, gold: Path, db: Path, workers: int = 1) -> dict:
    """Build the archive `db` from `folder` (every file going in) and score it against `gold`."""
    summary = ingest_paths(str(db), [str(folder)], workers=workers)
    assert summary.errors == 0, summary.failures
    return score_archive(db, gold)


def check_floors_and_ceilings(scores: dict, floors: dict, ceilings: dict) -> None:
    """Every figure at or above its floor and at or below its ceiling, all misses reported at once."""
    misses = [f"{k} fell to {scores[k]} (floor {v})" for k, v in floors.items() if scores[k] is None or scores[k] < v]
    misses += [f"{k} rose to {scores[k]} (ceiling {v})" for k, v in ceilings.items() if scores[k] > v]
    assert not misses, "; ".join(misses)
