"""Quality gates on pages written, with their gold, by sessions that never saw the extractor.

`tests/corpus/pages3` (14 pages: a county hospital's WeChat post, a provincial press release, two
digital newspaper pages, wire stories, Hong Kong and Taiwan pages in Traditional script, a village
feature, a city meeting with lists of officials, residents quoted by name): half were used to find
classes of error, the other half was scored once blind (person F1 0.912, title 0.857, 13 leaks).
`tests/corpus/pages4` (8 pages: a city CDC notice, a university hospital's consultation with stacked
titles, a county inspection, a People's Daily report, a Singapore page, a Taiwan release, a
township WeChat post, a provincial newspaper page with two articles and no list of headlines):
scored once blind (person F1 0.868, articles 8/9, title 0.875, 11 leaks). `tests/corpus/pages5`
(7 pages: a provincial food-poisoning report, a hospital's award lists, a Xinhua story quoting
farmers, a Hong Kong release, a county flood rescue, a WeChat post, an evening-paper page with two
articles): scored once blind (person F1 0.948, articles 7/8, title 0.714, 11 leaks). `tests/corpus/pages6`
(8 pages: a county site, a hospital WeChat post, Hong Kong and Taiwan pages, a press-conference
transcript, a newspaper page with three articles, a city rescue report, a Kashgar page with Uyghur
names; its gold has claims too): scored once blind (person F1 0.855, P 0.970, R 0.765; role 0.86,
title 0.8, claims F1 0.91, 10 leaks). `tests/corpus/pages7` (8 pages: a provincial press release with
rank titles, a Macau release in Traditional script, a county award list (GB18030, CRLF), a price-gouging
enforcement story, an international report with foreign names, a Guangxi township WeChat post, a
newspaper page with four articles, a hospital page with a 作者 header): scored once blind (person F1
0.980, P 0.987, R 0.974; role 0.90, org 0.90, title 0.91, claims F1 0.98, 8 leaks). `tests/corpus/pages8`
(8 pages: a wire story with province and country short forms, a Malawi cholera report with foreign
names, a county WeChat post, a Hong Kong release in Traditional script, a newspaper page with three
articles, a provincial press-conference transcript, a city alliance of hospital, university and
company, a police and market-regulation case): scored once blind against the retrained tagger (person
F1 0.941, P 0.928, R 0.955; role 0.96, org 0.93, place 0.86, claims F1 0.98, 19 leaks). All were then
fixed by general rules only (pages6 and pages7 in part: names joined by ·, time words after names,
people named only on a metadata line, names in lists, words that are also names after a title; pages8's
people: an adverb between a name and its cue word, a compound surname that is also a place, a place
right before a title, a one-character word after a tagged name), so none is blind any more. The leaks
left in pages3-7 are editors' credit lines, which these gold files count as page furniture and the
archive keeps as bylines, and a Hong Kong release's header in pages8 (`GovHK 一站通`, `新闻公报`). The gold covers articles, titles, dates, page chrome, people with their titles, organisations and
places, and (pages6-8) numeric claims. Floors are the
figures reached, rounded down: raise one when a change improves it, never lower one.
"""
from pathlib import Path

import pytest

from conftest import check_floors_and_ceilings, ingest_and_score

pytestmark = pytest.mark.slow  # quality gates, kill tests and browsers: `make test-all`, and CI

CORPUS = Path(__file__).resolve().parent / "corpus"

GATES = {  # folder: (articles, floors (at least), ceilings (at most))
    "pages3": ("16/16", {"person_precision": 1.0, "person_f1": 0.99, "role_acc": 0.96, "org_recall": 0.97,
                         "place_recall": 0.95, "date_recall": 1.0, "title_acc": 1.0, "pubdate_acc": 1.0},
               {"offsets_bad": 0, "boilerplate_leaks": 0, "forbidden_person_hits": 0, "extra_articles": 0}),
    "pages4": ("9/9", {"person_precision": 1.0, "person_f1": 1.0, "role_acc": 0.98, "org_recall": 0.86,
                       "place_recall": 0.96, "date_recall": 1.0, "title_acc": 1.0, "pubdate_acc": 1.0},
               {"offsets_bad": 0, "boilerplate_leaks": 2, "forbidden_person_hits": 0, "extra_articles": 0}),
    "pages5": ("8/8", {"person_precision": 1.0, "person_f1": 0.99, "role_acc": 0.91, "org_recall": 0.96,
                       "place_recall": 1.0, "date_recall": 1.0, "title_acc": 1.0, "pubdate_acc": 1.0},
               {"offsets_bad": 0, "boilerplate_leaks": 3, "forbidden_person_hits": 0, "extra_articles": 0}),
    "pages6": ("10/10", {"person_precision": 1.0, "person_f1": 0.96, "role_acc": 0.98, "org_recall": 0.87,
                         "place_recall": 0.88, "date_recall": 0.9, "title_acc": 0.9, "pubdate_acc": 1.0,
                         "claims_f1": 0.91},
               {"offsets_bad": 0, "boilerplate_leaks": 1, "forbidden_person_hits": 0, "extra_articles": 0}),
    "pages7": ("11/11", {"person_precision": 1.0, "person_f1": 1.0, "role_acc": 0.98, "org_recall": 0.97,
                         "place_recall": 0.96, "date_recall": 1.0, "title_acc": 1.0, "pubdate_acc": 1.0,
                         "claims_f1": 0.98},
               {"offsets_bad": 0, "boilerplate_leaks": 3, "forbidden_person_hits": 0, "extra_articles": 0}),
    "pages8": ("10/10", {"person_precision": 0.97, "person_f1": 0.97, "role_acc": 0.98, "org_recall": 0.94,
                         "place_recall": 0.86, "date_recall": 1.0, "title_acc": 1.0, "pubdate_acc": 1.0,
                         "claims_f1": 0.98},
               {"offsets_bad": 0, "boilerplate_leaks": 3, "forbidden_person_hits": 0, "extra_articles": 0}),
}


MIN_OFFSETS = {"pages3": 600, "pages4": 300, "pages5": 250, "pages6": 450, "pages7": 450, "pages8": 550}  # mentions, dates and claims stored with offsets


@pytest.fixture(scope="module", params=sorted(GATES))
def gate(request, tmp_path_factory):
    name = request.param
    db = tmp_path_factory.mktemp(name) / f"{name}.db"
    return name, ingest_and_score(CORPUS / name, CORPUS / f"{name}_gold.json", db, workers=2)


def test_every_article_on_the_pages_is_there(gate):
    name, scores = gate
    assert scores["articles"] == GATES[name][0]
    assert scores["offsets_bad"] == 0 and scores["offsets_checked"] >= MIN_OFFSETS[name]


def test_scores_hold_their_floors_and_ceilings(gate):
    name, scores = gate
    check_floors_and_ceilings(scores, GATES[name][1], GATES[name][2])
