"""On a generated archive, no table page, facet, search, canned query or chart hits its time limit."""
import subprocess
import sys
from pathlib import Path

import pytest
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from datasette_pages import METADATA, SETTINGS, page_paths  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI


@pytest.fixture(scope="module")
def generated_archive(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus") / "c"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "1000", str(corpus)],
                   check=True, capture_output=True)
    db = corpus.parent / "archive.db"
    summary = ingest_paths(str(db), [str(corpus)], workers=2)
    assert summary.errors == 0 and summary.articles == 1000
    return db


@pytest.mark.asyncio
async def test_no_page_hits_the_sql_time_limit_and_no_facet_times_out(generated_archive):
    ds = Datasette([str(generated_archive)], metadata=METADATA, settings=SETTINGS)
    paths = page_paths(generated_archive)
    assert len(paths) > 40
    for path in paths:
        r = await ds.client.get(path)
        assert r.status_code == 200, f"{path}: {r.text[:300]}"
        body = r.json()
        assert body.get("ok", True), f"{path}: {body.get('error')}"
        assert not body.get("facets_timed_out"), f"{path}: facets timed out {body['facets_timed_out']}"
    r = await ds.client.get("/-/dashboards/overview")
    assert r.status_code == 200
