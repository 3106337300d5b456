"""Shared fixtures: a seed archive built once per session with the real pipeline, on a real file."""
from __future__ import annotations

import shutil
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


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the seed folder."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest
