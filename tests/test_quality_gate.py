"""Quality gate: the seed archive must score at least what it already reached (as trafilatura keeps F1 floors).

Raise a floor when a change improves a figure; never lower one to let a change through.
"""
import json
import subprocess
import sys

import pytest

from conftest import SHARED

SCORER = SHARED / "acceptance" / "score.py"
GOLD = SHARED / "acceptance" / "seeds_gold.json"

FLOORS = {  # at least
    "article_recall": 1.0, "title_acc": 1.0, "pubdate_acc": 1.0, "paragraph_repair": 1.0,
    "person_precision": 1.0, "person_recall": 1.0, "person_f1": 1.0, "role_acc": 1.0,
    "org_recall": 1.0, "place_recall": 1.0, "date_recall": 1.0,
    "claims_precision": 1.0, "claims_recall": 1.0, "claims_f1": 1.0,
    "claim_subject_acc": 1.0, "claim_qualifier_acc": 1.0,
}
CEILINGS = {  # at most
    "extra_articles": 0, "boilerplate_leaks": 0, "offsets_bad": 0, "forbidden_person_hits": 0,
}


def test_offsets_were_actually_checked(scores):
    assert scores["offsets_checked"] >= 280  # mentions, dates and claims all stored with offsets


@pytest.fixture(scope="module")
def scores(seed_db):
    if not SCORER.exists():
        pytest.fail(f"{SCORER} is missing: the quality gate needs ../shared beside the checkout")
    out = subprocess.run([sys.executable, str(SCORER), str(seed_db), str(GOLD), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("key, floor", FLOORS.items())
def test_score_floor(scores, key, floor):
    assert scores[key] is not None and scores[key] >= floor, f"{key} fell to {scores[key]} (floor {floor})"


@pytest.mark.parametrize("key, ceiling", CEILINGS.items())
def test_score_ceiling(scores, key, ceiling):
    assert scores[key] <= ceiling, f"{key} rose to {scores[key]} (ceiling {ceiling})"
