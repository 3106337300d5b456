"""Quality gate: the seed archive must score at least what it already reached (as trafilatura keeps F1 floors).

Raise a floor when a change improves a figure; never lower one to let a change through.
"""

import pytest

from conftest import SHARED, check_floors_and_ceilings, score_archive

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI

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
    return score_archive(seed_db, GOLD)


def test_scores_hold_their_floors_and_ceilings(scores):
    check_floors_and_ceilings(scores, FLOORS, CEILINGS)
