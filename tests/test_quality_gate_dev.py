"""Quality gates on the development pages (tests/corpus/dev, README there): real public-health pages,
gold written before any run by helper sessions, in six sets.

- study (62 pages) and study2 (30 pages, round 2) were studied: their misses read, the line
  classifier trained on their line labels. Their floors say only that no change loses what was reached.
- untouched (62 pages) was scored at first contact and at the end of each round, summary figures
  only (round 1: title 0.750 -> 0.781, person F1 0.881 -> 0.884; round 2, its third scoring: title
  0.906, person F1 0.903; round 3, its fourth: title 0.906, person F1 0.910; round 4, its fifth: the
  floors below).
- fresh (53 pages from 53 sites no other set uses, round 2) was scored twice, summary figures only:
  at first contact (main ffc99c6: title 0.667, pubdate 0.857, 47 leaks, person F1 0.868, role 0.809,
  date recall 0.754, claims F1 0.833, subject 0.947) and at the end of round 2 (title 0.733, person F1
  0.869, role 0.817, date recall 0.785).
  Studied in round 3 (its errors read by class), so its floors are fitted now too.
- fresh3 (50 pages from 50 sites no other set uses, round 3's blind set) was scored twice, summary
  figures only: at first contact (main a3a3ec8: title 0.84, pubdate 0.789, 30 leaks, person F1 0.871,
  role 0.701, date recall 0.887, claims F1 0.846, subject 0.955, 50/66 articles) and at the end of
  round 3. Studied in round 4 (its errors read by class, its list pages taught the splitter), so its
  floors are fitted now too; round 4's blind pages (40, kept outside the repository until the round
  ends) are the ones to quote for pages nobody tuned for.
  Two helpers of round 3 read untouched's gate pass/fail (and, once, its failure text) while choosing
  between changes (docs/pages.md, docs/ner.md), so untouched is no longer wholly blind.

- fresh4 (40 pages from 40 sites no other set or benchmarks/ner_dev uses, round 4's blind set) was
  scored twice before it came into the repository, summary figures only: at first contact (main
  e89d4dc: 39/44 articles, title 0.778, pubdate 0.826, 39 leaks, person F1 0.892, role 0.862, date
  recall 0.763, claims F1 0.941, subject 0.875) and at the end of round 4 (246c03a: 33 leaks, person
  F1 0.897, role 0.872, date recall 0.790, subject 0.861, the rest as at first contact). Its one
  page the classifier emptied (b3_003) reads since c56b924: the floors below.

Floors are the figures reached, rounded down; ceilings rounded up: tighten one when a change
improves it, never loosen one.
"""
from pathlib import Path

import pytest

from conftest import check_floors_and_ceilings, ingest_and_score

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI

DEV = Path(__file__).resolve().parent / "corpus" / "dev"

GATES = {  # set: (articles, offsets checked (at least), floors (at least), ceilings (at most))
    "study": ("65/67", 1100,
              {"title_acc": 0.95, "pubdate_acc": 1.0, "person_f1": 0.96, "role_acc": 0.97, "org_recall": 0.82,
               "place_recall": 0.84, "date_recall": 1.0, "claims_f1": 0.98, "claim_subject_acc": 0.98,
               "claim_qualifier_acc": 1.0, "paragraph_repair": 0.99},
              {"offsets_bad": 0, "boilerplate_leaks": 33, "forbidden_person_hits": 0}),
    "study2": ("31/31", 650,
               {"title_acc": 1.0, "pubdate_acc": 1.0, "person_f1": 0.97, "role_acc": 0.96, "org_recall": 0.85,
                "place_recall": 0.80, "date_recall": 1.0, "claims_f1": 0.99, "claim_subject_acc": 0.96,
                "claim_qualifier_acc": 1.0, "paragraph_repair": 1.0},
               {"offsets_bad": 0, "boilerplate_leaks": 12, "forbidden_person_hits": 0}),
    "untouched": ("64/71", 1390,  # round 4, its fifth scoring: the splitter finds two more items of a list page
                  # (p2_001), whose '[详细]' links and one place now count: leaks 43 -> 44, place recall 0.875 -> 0.868
                  {"title_acc": 0.91, "pubdate_acc": 1.0, "person_f1": 0.92, "role_acc": 0.89, "org_recall": 0.86,
                   "place_recall": 0.86, "date_recall": 0.92, "claims_f1": 0.91, "claim_subject_acc": 0.84,
                   "claim_qualifier_acc": 1.0, "paragraph_repair": 0.97},
                  {"offsets_bad": 0, "boilerplate_leaks": 44, "forbidden_person_hits": 0}),
    "fresh": ("53/56", 1100,
              {"title_acc": 0.90, "pubdate_acc": 1.0, "person_f1": 0.95, "role_acc": 0.98, "org_recall": 0.81,
               "place_recall": 0.80, "date_recall": 0.96, "claims_f1": 0.91, "claim_subject_acc": 0.98,
               "claim_qualifier_acc": 1.0, "paragraph_repair": 0.99},
              {"offsets_bad": 0, "boilerplate_leaks": 30, "forbidden_person_hits": 0}),
    "fresh3": ("66/66", 930,  # round 4's splitter finds the 16 items of its list pages: their names and
               # claims are scored now, so org recall (0.8636 -> 0.8588) and offsets checked count new articles
               {"title_acc": 0.93, "pubdate_acc": 1.0, "person_f1": 0.94, "role_acc": 0.90, "org_recall": 0.85,
                "place_recall": 0.86, "date_recall": 0.98, "claims_f1": 0.93, "claim_subject_acc": 0.99,
                "claim_qualifier_acc": 1.0, "paragraph_repair": 0.98},
               {"offsets_bad": 0, "boilerplate_leaks": 27, "forbidden_person_hits": 0}),
    "fresh4": ("40/44", 830,  # round 4's blind set: first contact and end scored before it came in
               {"title_acc": 0.77, "pubdate_acc": 0.82, "person_f1": 0.90, "role_acc": 0.87, "org_recall": 0.87,
                "place_recall": 0.70, "date_recall": 0.79, "claims_f1": 0.94, "claim_subject_acc": 0.86,
                "claim_qualifier_acc": 0.85, "paragraph_repair": 0.98},
               {"offsets_bad": 0, "boilerplate_leaks": 33, "forbidden_person_hits": 0}),
}


@pytest.fixture(scope="module", params=sorted(GATES))
def gate(request, tmp_path_factory):
    half = request.param
    db = tmp_path_factory.mktemp(half) / f"{half}.db"
    return half, ingest_and_score(DEV / half, DEV / f"{half}_gold.json", db, workers=2)


def test_the_articles_found_do_not_fall(gate):
    half, scores = gate
    assert scores["articles"] == GATES[half][0]
    assert scores["offsets_bad"] == 0 and scores["offsets_checked"] >= GATES[half][1]


def test_scores_hold_their_floors_and_ceilings(gate):
    half, scores = gate
    check_floors_and_ceilings(scores, GATES[half][2], GATES[half][3])
