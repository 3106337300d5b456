"""Which of the rules' organisations to believe: the evidence for a candidate weighed, not one more veto.

The suffix rules (`orgs.py`) read any run of characters before a suffix as a name, so an ordinary
phrase that ends like an organisation becomes one (`受伤交警`, `增加政府`, `决定腾出村委会`), and a name
after a verb takes the verb in (`深入兴安区人民政府`, `包括国民党`). What vouches for a candidate:

- the name opens with a place the rules found (`兴安区人民政府`, `遂川交警`), with a known organisation
  (`中国共产党党委`) or with a level word (`市委`, `县卫健委`, `区融媒体中心`: a local office that the
  article's place makes definite);
- the suffix is the whole name, one the suffix table holds as a name by itself (`卫健委`), or there is
  no suffix (a known name, `新华社`);
- the name does not open like a clause: with a verb, adverb, pronoun, preposition, conjunction or
  time word of two characters or more, by the dictionary segmentation of `claim_words.py` (`受伤|交警`,
  `增加|政府`, `察看|公交站`). A department is exempt: it is named by what it does (`输血科`, `推拿科`).

A candidate that opens like a clause and has neither of the first two stands only when the
statistical tagger nearly reads it as one organisation itself: its cost (`name_confidence.name_cost`,
read through the tagger's API, so a retrained model is heard at once) under `CLAUSE_BAR`. Before
that, leading clause words before a place, a known name or a level word are cut off
(`深入|兴安区人民政府`, `包括|国民党`, `深入学习|县委`).

Tried and not kept (docs/ner.md, "Round 3: organisations"): asking the tagger of every candidate with
no place, known name or level word in front. The development set's sentences gain most that way
(study 0.685 -> 0.694 overall), but the page gates lose organisations the tagger does not know
(`社会福利署`, `疾病管制署`, hospital departments the page gold counts and the development set does not).
"""
from __future__ import annotations

from .claim_words import segment, word_tag
from .name_confidence import name_cost
from .orgs import LEVEL_CHARS, Org, OrgIndex
from .places import Place

# The tagger's cost (its own score units: its best reading of the sentence minus its best reading with
# the span as one organisation) at which a candidate that opens like a clause falls.
CLAUSE_BAR = 5.0
# Word classes (jieba / ICTCLAS) of a leading word that is no part of the name after it: verbs (`深入`,
# `包括`, `遵守`), adverbs, pronouns (`本届`, `另`), prepositions, conjunctions, time words (`现时`).
# Verbal nouns (vn) are not among them: `宣传部`, `建设局`.
_LEADING_TAGS = frozenset({"v", "vd", "vg", "d", "ad", "r", "p", "c", "t", "tg"})


def vouched_orgs(texts: list[str], orgs: list[list[Org]], places: list[list[Place]],
                 index: OrgIndex) -> list[list[Org]]:
    """For each text of one article, the organisations of `orgs` (found by the rules in it) that the
    evidence lets stand, some with leading words cut (`places`: the places found in each text)."""
    starts = [_Starts(text, ps, index) for text, ps in zip(texts, places)]
    orgs = [[_trimmed(o, st) for o in os] for os, st in zip(orgs, starts)]
    return [_standing(text, os, st, index) for text, os, st in zip(texts, orgs, starts)]


class _Starts:
    """Where a place or a known organisation starts in one text."""

    def __init__(self, text: str, places: list[Place], index: OrgIndex) -> None:
        self.text = text
        self.places = {p.start for p in places}
        self.known = {m.start() for m in index.known_re.finditer(text)}

    def opens_well(self, start: int) -> bool:
        """Does a place, a known organisation or a level word (`市`, `县`) open the text at `start`?"""
        return start in self.places or start in self.known or self.text[start] in LEVEL_CHARS


def _standing(text: str, orgs: list[Org], starts: _Starts, index: OrgIndex) -> list[Org]:
    """The organisations of one text that are vouched for; one that opens like a clause stands, or
    stands without its clause words (`包括|国民党`), where the tagger reads it at a cost under
    `CLAUSE_BAR`."""
    weak = [o for o in orgs if not _vouched(o, starts, index)]
    if not weak:
        return orgs
    cut = [_without_clause_words(o, index) for o in weak]
    costs = name_cost(text, [(o.start, o.end) for o in weak + [c for c in cut if c is not None]], "ORG")
    cut_costs = iter(costs[len(weak):])
    instead: dict[tuple[int, int], Org | None] = {}
    for o, c, cost in zip(weak, cut, costs):
        cut_cost = next(cut_costs) if c is not None else None
        if c is not None and cut_cost < CLAUSE_BAR:
            instead[(o.start, o.end)] = c
        elif cost >= CLAUSE_BAR:
            instead[(o.start, o.end)] = None
    out = [instead.get((o.start, o.end), o) for o in orgs]
    return [o for o in out if o is not None]


def _trimmed(org: Org, starts: _Starts) -> Org:
    """`org` without the leading words that are no part of a name (`深入|兴安区人民政府`, `深入学习|县委`),
    when the words are verbs, adverbs, pronouns … (`_LEADING_TAGS`) by the dictionary's segmentation of
    the name and what follows them opens with a place, a known name or a level word."""
    if starts.opens_well(org.start):
        return org
    at = 0
    for word in segment(org.surface):
        if word_tag(word) not in _LEADING_TAGS:
            break
        at += len(word)
        if at >= len(org.surface):
            break
        if starts.opens_well(org.start + at):
            return Org(org.start + at, org.end, org.surface[at:])
    return org


def _without_clause_words(org: Org, index: OrgIndex) -> Org | None:
    """`org` without its leading clause words (`包括|国民党`), if what is left is still a name by the
    suffix rules (a prefix long enough for its suffix); None if not (`增加|政府`)."""
    k = index.suffix_len(org.surface)
    at = 0
    for word in segment(org.surface):
        if word_tag(word) not in _LEADING_TAGS or at + len(word) >= len(org.surface) - k:
            break
        at += len(word)
    if at == 0 or not index.prefix_ok(org.surface[at:], k):
        return None
    return Org(org.start + at, org.end, org.surface[at:])


def _opens_with_clause(org: Org, index: OrgIndex) -> bool:
    """Does `org` open with a verb, adverb, pronoun … of two characters or more (`受伤|交警`, `增加|政府`,
    `察看|公交站`)? Then it is a phrase that ends like a name, unless it names a department, which is
    named by what it does (`输血科`, `推拿科`, `呼吸内科`)."""
    first = segment(org.surface)[0]
    return len(first) >= 2 and word_tag(first) in _LEADING_TAGS and index.suffix_class(org.surface) != "dept"


def _vouched(org: Org, starts: _Starts, index: OrgIndex) -> bool:
    """Does anything but the tagger vouch for `org`: a place, a known name or a level word that opens
    it, a suffix that is a name by itself (or no suffix: a known name, `新华社`), or an opening that is
    no clause?"""
    return (starts.opens_well(org.start) or index.suffix_len(org.surface) in (0, len(org.surface))
            or not _opens_with_clause(org, index))
