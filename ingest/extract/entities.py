"""People (with their titles), organisations and places named in an article.

Works one article at a time so that what one paragraph establishes helps the others: a name
confirmed by a title or byline is found again wherever the article repeats it, `刘院长` resolves
to the one 刘 the article has introduced, and `二院` / `延庆区医院` link to the full name the
article gives (`哈尔滨市第二医院`, `北京市延庆区医院`). Rules and word lists: `ner_*.py`,
`data/ner_*.txt`.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .. import rules
from .bylines import byline_people, byline_person_ok
from .lexicon import CJK, WordScanner, word_bigrams
from .tagger import TYPES, tagger
from .orgs import Org, OrgIndex, org_index
from .org_evidence import vouched_orgs
from .names import person_cues
from . import person_score
from .claim_words import NOT_LAST_TAGS, PERSON_TAGS, VERB_TAGS, dictionary
from .name_confidence import SURE, person_cost, person_margin
from .persons import MEDIUM, PORTFOLIO_RE, SPACES, PersonFinder, PersonHit, person_finder
from .places import Place, PlaceIndex, place_index
from ..records import Mention

log = logging.getLogger(__name__)

_CJK_CHAR = re.compile(f"[{CJK}]")
_NAME_CHARS = re.compile(f"[{CJK}·]+")
# The web writes the middle dot of a foreign name (`鲍里斯·约翰逊`) in several ways: katakana's middle dot
# (U+30FB, and its half-width U+FF65), the hyphenation point (U+2027), the bullet (U+2022) and bullet
# operators (U+2219, U+22C5). The finders read each as `·` (U+00B7), one character for one, so offsets hold.
_DOT_VARIANTS = str.maketrans("\u30fb\uff65\u2027\u2022\u2219\u22c5", "······")
_NUM = "一二三四五六七八九十百0-9"
# A bracketed aside after a name (`叶格(Kalman Yeger)`, `王五（右）`).
_ASIDE_RE = re.compile(r"^[（(][^（）()]{1,30}[)）]")
_PORTFOLIO_END_RE = re.compile(PORTFOLIO_RE.pattern + r"[ \u3000]*$")  # a portfolio before a name
# The rest of a list that closes on a kind of place (`南塘|、杨厝及上库等村里`, `王庄|、李庄等村`): its items are places.
_PLACE_LIST_REST = re.compile(f"(?:[、和及与][{CJK}]{{1,4}}?)*等(?:村里|村|镇|乡|里|社区|街道|县|市|区|地)(?![{CJK}])")
_ORDINAL_HOSPITAL = re.compile(f"^(附属)?第([{_NUM}]+)(?:人民)?医院$")


@dataclass
class _Text:
    seq: int | None
    text: str
    places: list[Place]
    orgs: list[Org]
    hits: list[PersonHit]
    title_spans: list[tuple[int, int, str]] = field(default_factory=list)
    any_title_spans: list[tuple[int, int, str]] = field(default_factory=list)  # with `顾问`, `护士`, `党员`


@dataclass(frozen=True)
class Parts:
    """Which parts of the extractor run. The pipeline runs both; a benchmark may score the rules
    alone (no tagged names added) or the statistical tagger alone (its spans as it reads them)."""
    rules: bool = True
    tagger: bool = True


ALL_PARTS = Parts()
# The parts a benchmark's `--stage` runs: the whole extractor, the rules alone, the tagger alone.
STAGES = {"all": ALL_PARTS, "rules": Parts(tagger=False), "model": Parts(rules=False)}


def extract_entities(title: str | None, paragraphs: list[str], byline: str | None = None,
                     parts: Parts = ALL_PARTS) -> list[Mention]:
    """Mentions in one article: `paragraph_seq` indexes `paragraphs`, None means the title (or the
    byline, for the people only the byline names: `in_byline`)."""
    try:
        read_title, read = _as_read(title, paragraphs)
        if not parts.rules:
            mentions = _tagger_only(read_title, read) if parts.tagger else []
        else:
            mentions = _extract(read_title, read, parts.tagger)
            mentions += _byline_only(byline, mentions)
        return _as_written(mentions, title, paragraphs)
    except Exception:  # the contract is to never raise; a bug here must not stop an ingest
        log.exception("entity extraction failed; article left without entities")
        return []


def _as_read(title: str | None, paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """The title and paragraphs with every middle dot written as `·`."""
    read_title = title.translate(_DOT_VARIANTS) if isinstance(title, str) else title
    return read_title, [p.translate(_DOT_VARIANTS) if isinstance(p, str) else p for p in paragraphs or []]


def tagger_texts(title: str | None, paragraphs: list[str]) -> list[str]:
    """The texts `extract_entities` hands the statistical tagger for this article, so that a caller
    with many articles can have them tagged at once beforehand (`Tagger.read_ahead`)."""
    return [text for _, text in _texts(*_as_read(title, paragraphs))]


def _as_written(mentions: list[Mention], title: str | None, paragraphs: list[str]) -> list[Mention]:
    """The mentions with each surface as the text writes it (`鲍里斯・约翰逊`); the name keeps `·`."""
    for m in mentions:
        if not m.in_byline:
            source = title if m.paragraph_seq is None else paragraphs[m.paragraph_seq]
            m.surface = source[m.start:m.end]
    return mentions


def _texts(title: str | None, paragraphs: list[str]) -> list[tuple[int | None, str]]:
    """The title (seq None) and the paragraphs (seq = index) that hold text."""
    texts: list[tuple[int | None, str]] = []
    if isinstance(title, str) and title:
        texts.append((None, title))
    for i, para in enumerate(paragraphs or []):
        if isinstance(para, str) and para:
            texts.append((i, para))
    return texts


def _tagger_only(title: str | None, paragraphs: list[str]) -> list[Mention]:
    """Every span the statistical tagger reads, unchecked, as a mention of its type."""
    texts = _texts(title, paragraphs)
    tagged = tagger().tag_many([text for _, text in texts])
    return [Mention(TYPES[kind], text[s:e], text[s:e], s, e, None, seq, "tagger")
            for (seq, text), found in zip(texts, tagged) for s, e, kind in found]


def _extract(title: str | None, paragraphs: list[str], with_tagger: bool = True) -> list[Mention]:
    texts = _texts(title, paragraphs)
    if not texts:
        return []
    places_ix, orgs_ix, finder = place_index(), org_index(), person_finder()
    items: list[_Text] = []
    every_places = [places_ix.find(text) for _, text in texts]
    every_orgs = []
    for (_, text), places in zip(texts, every_places):
        # a place that ends like an organisation is a place (`莫斯科`, not a 科). (Here, not in the
        # organisation finder: that one also labels the tagger's training corpus.)
        place_spans = {(p.start, p.end) for p in places}
        every_orgs.append([o for o in orgs_ix.find(text, places) if (o.start, o.end) not in place_spans])
    if with_tagger:
        every_orgs = vouched_orgs([text for _, text in texts], every_orgs, every_places, orgs_ix)
    for (seq, text), places, orgs in zip(texts, every_places, every_orgs):
        left_ok = {o.end for o in orgs} | {p.end for p in places}
        blocked = [(o.start, o.end) for o in orgs]
        not_names = {p.surface for p in places} | {o.surface for o in orgs}
        # a full Chinese division name (`市中区`) is never part of a person; a world name or a bare
        # stem (`黄海`, `延庆`) yields to a person the text marks with a cue (`主任黄海涛`)
        avoid = [(p.start, p.end) for p in places if not p.bare and p.surface in places_ix.cn_full]
        bridges: dict[int, int] = {}
        for s, e in blocked + [(p.start, p.end) for p in places]:
            bridges[s] = max(bridges.get(s, s), e)
        hits = finder.find(text, blocked, left_ok, not_names, avoid, bridges)
        every_chain = finder.title_chains(text, bridges)
        chains = [(s, e, role) for s, e, role, generic in every_chain if not generic]
        items.append(_Text(seq, text, places, orgs, _merge_hits(hits, text), chains, [c[:3] for c in every_chain]))
    persons = _persons(items)
    org_mentions = _orgs(items)
    mentions = persons + org_mentions
    person_spans = {(m.paragraph_seq, m.start, m.end) for m in persons}
    by_seq: dict[int | None, list[tuple[int, int]]] = {}
    for seq, s, e in person_spans:
        by_seq.setdefault(seq, []).append((s, e))
    for item in items:
        taken = by_seq.get(item.seq, [])
        for p in item.places:
            if any(s < p.end and p.start < e for s, e in taken):
                continue  # a person's name wins over a place name that looks like it
            mentions.append(Mention("place", p.name, p.surface, p.start, p.end, None, item.seq))
            feature = next((w for w in _feature_endings() if item.text.startswith(w, p.end)), None)
            if feature is not None:  # `加沙地带`, `澳门半岛`: the feature is a place of its own
                name = p.surface + feature
                mentions.append(Mention("place", name, name, p.start, p.end + len(feature), None, item.seq))
    if with_tagger:
        mentions = _without_brands(items, _tagged(items, mentions))
    mentions += _list_neighbours(items, mentions)
    _share_list_roles(items, mentions)
    mentions += _latin_names(items, mentions)  # after: a gloss in brackets would break a list's run
    mentions.sort(key=lambda m: (-1 if m.paragraph_seq is None else m.paragraph_seq, m.start, -m.end, m.type))
    return mentions


def _without_brands(items: list[_Text], mentions: list[Mention]) -> list[Mention]:
    """The mentions without people the tagger alone reads, with no cue anywhere in the article (no title,
    no speech or action verb after them), that the article writes before a word that makes them a
    product's, company's or street's name (`石榴云客户端`, `华兰生物`, `史迪威大道`)."""
    heads = person_cues().brand_heads
    cue_re = person_finder().lex.cue_re
    texts = [it.text for it in items]
    cued = {m.name for m in mentions if m.type == "person" and (m.found_by == "rule" or m.role)}
    brands = set()
    for name in {m.name for m in mentions if m.type == "person" and m.name not in cued}:
        n = len(name)
        followers = [text[k + n:k + n + 8] for text in texts for k in _find_all(text, name)]
        if any(f.startswith(heads) for f in followers) and not any(cue_re.match(f) for f in followers):
            brands.add(name)
    return [m for m in mentions if not (m.type == "person" and m.name in brands)]


def _find_all(text: str, word: str) -> list[int]:
    """Every position where `word` starts in `text`."""
    out, k = [], text.find(word)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + 1)
    return out


def _list_neighbours(items: list[_Text], found: list[Mention]) -> list[Mention]:
    """People named in a list beside a person already found (`岑志刚、富海燕`, `蒙志刚和韦春燕`)."""
    finder = person_finder()
    out: list[Mention] = []
    by_seq: dict[int | None, list[Mention]] = {}
    for m in found:  # grouped once: a scan of every mention per paragraph is quadratic in a long file
        by_seq.setdefault(m.paragraph_seq, []).append(m)
    for it in items:
        here = by_seq.get(it.seq, [])
        names = [(m.start, m.end) for m in here if m.type == "person" and m.surface == m.name]
        if not names:
            continue
        starts_ok = ({o.end for o in it.orgs} | {p.end for p in it.places} | {e for _, e, _ in it.any_title_spans}
                     | {m.end() for m in finder.leader_re.finditer(it.text)})
        taken = [(m.start, m.end) for m in here]
        for s, e in finder.list_neighbours(it.text, names, taken, starts_ok):
            role = next((r for _, te, r in it.any_title_spans if te == s), None)
            out.append(Mention("person", it.text[s:e], it.text[s:e], s, e, role, it.seq))
    return out


def _latin_names(items: list[_Text], found: list[Mention]) -> list[Mention]:
    """People named in Latin script with a cue (`首席执行官Sam Altman`). The original spelling in
    brackets after a name (`黄敏仪(Sandra Ung)`) is a mention of that person, under that name."""
    finder = person_finder()
    out: list[Mention] = []
    before: dict[tuple[int | None, int], Mention] = {}  # (paragraph, end) → the person ending there
    for m in found:
        if m.type == "person":
            before[(m.paragraph_seq, m.end)] = m
    for it in items:
        if not any("A" <= c <= "Z" for c in it.text):
            continue
        title_ends = {e for _, e, _ in it.any_title_spans}
        ends = {e for seq, e in before if seq == it.seq}
        for s, e in finder.latin_names(it.text, title_ends, ends):
            role = next((r for _, te, r in it.any_title_spans if te == len(it.text[:s].rstrip())), None)
            glossed = before.get((it.seq, s - 1))
            if glossed is not None:  # the same person: its name and its role
                name, role = glossed.name, role or glossed.role
            else:
                name = it.text[s:e]
            out.append(Mention("person", name, it.text[s:e], s, e, role, it.seq))
    return out


def _share_list_roles(items: list[_Text], mentions: list[Mention]) -> None:
    """A name listed right after a name its title stands before shares that title (`市议员纪思庭、崔马克和叶格`:
    all three are 市议员), whichever finder read it; the list runs on through `、`, `和`, `及`, `与`, past a
    bracketed aside after a name (`叶格(Kalman Yeger)`), and stops at a name with a title of its own."""
    joins = person_finder().list_joins
    by_seq: dict[int | None, list[Mention]] = {}
    for m in mentions:
        if m.type == "person" and not m.in_byline:
            by_seq.setdefault(m.paragraph_seq, []).append(m)
    for it in items:
        here = sorted(by_seq.get(it.seq, []), key=lambda m: m.start)
        titled_at = {e for _, e, _ in it.any_title_spans}
        title_starts = {s for s, _, _ in it.any_title_spans}
        sharing: set[int] = set()  # id() of the mentions whose role opens or continues a list
        for prev, m in zip(here, here[1:]):
            if prev.role is None or _ASIDE_RE.sub("", it.text[prev.end:m.start]) not in joins:
                continue
            if m.end in title_starts or it.text[m.end:m.end + 1] == "兼" and m.end + 1 in title_starts:
                continue  # `非盟主席法基、阿盟秘书长盖特`, `国王萨勒曼、王储兼首相`: a title of its own after it
            if id(prev) not in sharing and len(it.text[:prev.start].rstrip(SPACES)) not in titled_at:
                continue  # the title stands after the name (`刘宇主任`), or came from elsewhere
            if m.role is None:
                m.role = prev.role
            if m.role == prev.role:
                sharing.add(id(m))
        _share_role_written_after(it, here, joins)


def _share_role_written_after(it: _Text, here: list[Mention], joins) -> None:
    """Names listed before a name whose title is written right after it share that title when they have
    none of their own (`任婉玉、张铭智助理专员`: both are 助理专员), back through `、和及与`."""
    title_at = {s: r for s, _, r in it.any_title_spans}
    for m, nxt in reversed(list(zip(here, here[1:]))):
        role = title_at.get(nxt.end)
        if (m.role is None and nxt.role and role and role in nxt.role
                and _ASIDE_RE.sub("", it.text[m.end:nxt.start]) in joins):
            m.role = nxt.role
            title_at[m.end] = role


def _byline_only(byline: str | None, found: list[Mention]) -> list[Mention]:
    """People the byline names and the text does not, or not with the byline's role (`作者:欧阳晓婷 刘畅` on
    the metadata line under the headline, `作者:邵宏伟` whom the dateline calls 通讯员), with offsets into the
    byline and the byline's role word (`记者`, `编辑`)."""
    persons = {m.name for m in found if m.type == "person"}
    roles: dict[str, set[str]] = {}
    for m in found:
        if m.type == "person" and m.role:
            roles.setdefault(m.name, set()).add(m.role)
    out = []
    for p in byline_people(byline or ""):
        had = roles.get(p.name, set())  # `本报记者` in the text is the byline's `记者`
        known = bool(had) if p.role is None else any(p.role in r or r in p.role for r in had)
        if not known and (p.role is not None or p.name not in persons) and byline_person_ok(p.name, p.role):
            persons.add(p.name)
            if p.role is not None:
                roles.setdefault(p.name, set()).add(p.role)
            surface = (byline or "")[p.start:p.end]  # as written (`王 博` for 王博)
            out.append(Mention("person", p.name, surface, p.start, p.end, p.role, None, in_byline=True))
    return out


@dataclass(frozen=True)
class _TaggerRun:
    """What settling the tagger's names in one article needs: the finders, the word lists, and how
    often the rules read each organisation in the article (one they read more than once,
    `援哈抗疫医疗队` three times, is the article's own name for it, not a run-on to cut)."""
    finder: PersonFinder
    places: PlaceIndex
    orgs: OrgIndex
    inside: frozenset[str]
    checks: _TaggerChecks
    rule_orgs: Counter


def _tagged(items: list[_Text], found: list[Mention]) -> list[Mention]:
    """`found` with the names the statistical tagger finds where no rule did (`江泽民指出`, `新华社`).

    The rules keep the last word, with exceptions where the tagger reads more of the text: a
    person it finds wins over place names inside or across the name (`李长春`, not 长春; a list
    `徐永清徐匡迪`, not 清徐) unless the place is a full division name (`清徐县`); a person it
    reads longer than a rule did from the same first character (`记者唐进修报道`, `普里马科夫`)
    takes the longer name; a place it reads on past a listed one with a place ending takes the
    longer name (`波兰共和国`); and an organisation it reads shorter than a rule did, where the rule
    ran on over words before the name, cuts them (`巩固|中国共产党`). A person must look like one: a
    surname and one to three given-name characters, or a transliterated foreign name, and not a
    listed non-name (a name that merely opens with one, `蒋介|石`, stands: the tagger read it whole,
    and the study half shows no loss without that check here).
    """
    run = _TaggerRun(person_finder(), place_index(), org_index(), word_bigrams(), _tagger_checks(),
                     Counter(o.surface for it in items for o in it.orgs))
    by_seq: dict[int | None, list[Mention]] = {}
    for m in found:
        by_seq.setdefault(m.paragraph_seq, []).append(m)
    dropped: set[int] = set()  # id() of rule mentions the tagger overrides
    added: list[Mention] = []
    for it, spans in zip(items, tagger().tag_many([it.text for it in items])):
        here = by_seq.get(it.seq, [])
        tagged_here = _tagged_in(it, spans, here, dropped, run)
        added += tagged_here
        # names too short or ordinary to trust alone, listed beside a place the tagger found
        # (`安南区及北区`), as they are beside the rules' places
        tagged_places = [Place(m.start, m.end, m.surface, m.name, False) for m in tagged_here if m.type == "place"]
        taken = [(m.start, m.end) for m in here + tagged_here if id(m) not in dropped]
        for p in run.places.listed(it.text, tagged_places) if tagged_places else []:
            if all(p.end <= s or e <= p.start for s, e in taken):
                added.append(Mention("place", p.name, p.surface, p.start, p.end, None, it.seq, "tagger"))
    return [m for m in found if id(m) not in dropped] + _completed(items, found + added, added, dropped)


def _tagged_in(it: _Text, spans: list[tuple[int, int, str]], here: list[Mention], dropped: set[int],
               run: _TaggerRun) -> list[Mention]:
    """The tagger's names in one text (its `spans`) that the rules' mentions `here` let stand; the id()
    of the rule mentions they override go into `dropped`."""
    added: list[Mention] = []
    yielding = {(p.start, p.end) for p in it.places if p.bare or p.surface not in run.places.cn_full}
    for s, e, kind in spans:
        surface = it.text[s:e]
        if not _NAME_CHARS.fullmatch(surface):
            continue
        tagged = (s, e)
        if kind == "PER":  # a dot at either end is the tagger's, not the name's (`埃斯特万·|圣地亚哥`)
            s, e = s + len(surface) - len(surface.lstrip("·")), e - len(surface) + len(surface.rstrip("·"))
            if e <= s:
                continue
            s, e = _transliteration_extent(it, s, e, run.finder)
            surface = it.text[s:e]
        split_sides = (s > 0 and it.text[s - 1:s + 1] in run.inside) + (it.text[e - 1:e + 1] in run.inside)
        if split_sides and kind != "PER":
            continue  # starts or ends inside a word (`都平|安`, `吴奶|奶`); for a person, evidence against it
        over = [m for m in here if m.start < e and s < m.end and id(m) not in dropped]
        if len(surface) == 1:  # a one-character short name the tagger reads as a place (`中俄`, `京`)
            if kind == "LOC" and surface in run.places.short and not over:
                added.append(Mention("place", run.places.short[surface], surface, s, e, None, it.seq, "tagger"))
            continue
        if kind == "LOC":
            mention, overridden = _tagged_place(it, s, e, over, here, run)
        elif kind == "ORG":
            mention, overridden = _tagged_org(it, s, e, over, run)
        else:
            mention, overridden = _tagged_person(it, s, e, over, yielding, run, split_sides, tagged)
        dropped.update(id(m) for m in overridden)
        if mention is not None:
            added.append(mention)
    return added


def _tagged_place(it: _Text, s: int, e: int, over: list[Mention], here: list[Mention],
                  run: _TaggerRun) -> tuple[Mention | None, list[Mention]]:
    """A place the tagger reads, under the name the place lists give it (`北京` → 北京市), as for rule
    places, and the rule mentions it overrides."""
    surface = it.text[s:e]
    if surface[0] in run.checks.leading_chars and len(surface) >= 3:
        s, surface = s + 1, surface[1:]  # `及北区` → 北区
        over = [m for m in over if s < m.end]
    longer = _longer_place(it, s, e, over)
    if longer is not None:  # `波兰共和国` over 波兰, `马拉维湖` over 马拉维
        return Mention("place", longer, surface, s, e, None, it.seq, "tagger"), over
    # a place the lists do not know must carry a division suffix (`东坪镇`, not `太鲁` of 太鲁阁族)
    # … or stand in a list with a known place (`漠河、呼中等地`)
    listed = any(m.type == "place" and (m.end == s - 1 and it.text[s - 1] == "、"
                                        or m.start == e + 1 and it.text[e:e + 1] == "、") for m in here)
    places = run.places
    known = (surface in places.canon or surface in places.weak or listed
             or surface.endswith(run.checks.place_endings))
    if any(ps <= s and e <= pe for ps, pe in places.set_phrases(it.text)):
        return None, []  # `北京时间`, `中国梦`: a set phrase, as for the rules
    if not over and known and surface not in places.not_places and surface not in places.ambiguous:
        name = places.canon.get(surface) or places.weak.get(surface, (surface,))[0]
        return Mention("place", name, surface, s, e, None, it.seq, "tagger"), []
    return None, []


def _tagged_org(it: _Text, s: int, e: int, over: list[Mention],
                run: _TaggerRun) -> tuple[Mention | None, list[Mention]]:
    """An organisation the tagger reads: it may hold the rules' names whole (`日本队` over 日本), not
    cut one, and it cuts a rule name that ran on over words before it (`巩固|中国共产党`)."""
    named = run.orgs.name_in(it.text[s:e])
    if named is None:
        return None, []
    s, surface = s + named[0], named[1]
    over = [m for m in over if s < m.end]
    inner_orgs = sorted((m.start, m.end) for m in over if m.type == "org")
    if any(a[1] <= b[0] for a, b in zip(inner_orgs, inner_orgs[1:])):
        return None, []  # two of the rules' names, side by side (`市中心血站|联合|团市委`), are two
    mention = Mention("org", surface, surface, s, e, None, it.seq, "tagger")
    if all(s <= m.start and m.end <= e and (m.start, m.end) != (s, e) for m in over):
        return mention, []
    if (len(surface) >= 3 and (overrun := _prefix_overrun(it, s, e, over)) is not None
            and run.rule_orgs[overrun.surface] < 2):
        return mention, [overrun]
    return None, []


def _crosses_word(tags: dict[str, str], text: str, i: int) -> bool:
    """Does a dictionary word of two to four characters run across the edge before `text[i]`
    (`东|张西望`, `白林身|先士卒`)? A name's edge there cuts a word."""
    return any(text[a:a + k] in tags for k in (2, 3, 4) for a in range(max(0, i - k + 1), i) if a + k <= len(text))


def _opens_word(tags: dict[str, str], text: str, i: int) -> bool:
    """Does a dictionary word of two to four characters, not a name, start at `text[i]` (`史迪威|大道`)?"""
    return any(tags.get(text[i:i + k], "nr") not in PERSON_TAGS for k in (2, 3, 4) if i + k <= len(text))


def _closes_word(tags: dict[str, str], text: str, i: int) -> bool:
    """Does a dictionary word, not a name, end right before `text[i]` (`总统助理|乌沙科夫`, `创办人|马斯克`)?
    The two to four characters before it are asked (fewer near the text's start)."""
    return any(tags.get(text[max(0, i - k):i], "nr") not in PERSON_TAGS for k in (2, 3, 4))


def _transliteration_extent(it: _Text, s: int, e: int, finder: PersonFinder) -> tuple[int, int]:
    """A tagged name written wholly in transliteration characters, run on over the transliteration
    characters the tagger left at either end (`伊万|科维奇`, `萨巴伦|卡`, `登|贝莱`, `姆巴|佩`): its tables
    know few of today's foreign names whole, so it often reads a familiar part. On the left only where
    the tagger's start is no place a name starts (not after a title or a word: `总理|内塔尼亚胡`); never over a
    character the dictionary reads as a function word (`于`, `不`), nor on the right as a verb (`买`) or
    one that opens a word (`史迪威|大道`, `杜莎|夫人`)."""
    text, wide = it.text, finder.foreign_chars_wide - {"·"}  # (a dotted name's parts are the rules' and `_inside_dotted`'s)
    if e - s < 2 or not all(c in wide for c in text[s:e]):
        return s, e
    tags = dictionary().tag
    if not (_starts_well(it, s, finder) or _closes_word(tags, text, s)):  # `总统助理|乌沙科夫`
        while (s > 0 and e - s < 8 and text[s - 1] in wide and text[s - 1] not in finder.left_chars
               and tags.get(text[s - 1]) not in NOT_LAST_TAGS):
            s -= 1
    while (e < len(text) and e - s < 8 and text[e] in wide and not finder.is_boundary(text, e)
           and tags.get(text[e]) not in NOT_LAST_TAGS | VERB_TAGS and not _opens_word(tags, text, e)):
        e += 1
    return s, e


def _tagged_person(it: _Text, s: int, e: int, over: list[Mention], yielding: set[tuple[int, int]],
                   run: _TaggerRun, split_sides: int = 0,
                   tagged: tuple[int, int] | None = None) -> tuple[Mention | None, list[Mention]]:
    """A person the tagger reads, if the evidence says it is one (`person_score.py`), and the rule
    mentions it overrides: places that yield to a person (`李长春`), a rule name it reads longer, an
    organisation cutting into it, a place or organisation across it (`特使|威特科|夫`).

    What was a chain of vetoes is one fitted score: the name's shape, its surname, a title or cue
    beside it, a common word it splits (`特朗普|通话`), a place or organisation across it, what the
    dictionary says of its edges, and the tagger's margin. What stays structural: a name does not run
    into a title (`洪副|院长`); a surname marker (`王姓`, `孙氏`), a listed non-name or a form of address
    (`张阿姨`) is no name; a string of no name's shape must read as a transliteration where a name may
    start (`耆老比|令·达道`); one that splits a word at both ends (`如|何正|确`), or is an item of a list
    that closes on villages (`南塘、杨厝及上库等村里`), is words or a place, not a name, unless a title or cue
    stands by it; and where the rules read the string as part of their own name,
    they keep it unless the tagger is sure (the page gates hold these). `split_sides` counts the ends
    that split a common word (`特朗普|通话`)."""
    finder = run.finder
    tagged = tagged or (s, e)  # the tagger's own span, that its margin is read for
    extended = tagged != (s, e)
    e = _tagged_person_end(it.text, s, e, finder.surname_len(it.text, s), run)
    surface = it.text[s:e]
    if any(ts < e and s < te for ts, te, _ in it.any_title_spans):
        return None, []  # a name does not run into a title (`洪副|院长`)
    if finder.lex.surname_markers.intersection(surface) or finder.rejected(surface, opening_words=False):
        return None, []  # `孙氏`, `王姓阿`; a listed non-name (`严峻`), a surname with a form of address (`张阿姨`)
    cut = [m for m in over if m.type == "org" and m.start <= s and e < m.end
           and m.end - run.orgs.suffix_len(m.surface) < e]
    over = [m for m in over if m not in cut]  # `江泽民|委员`: the rules' 民委 (a commission) cut into the name
    yields = all(m.type == "place" and (m.start, m.end) in yielding and (m.start, m.end) != (s, e) for m in over)
    longer = len(over) == 1 and over[0].type == "person" and over[0].start == s and over[0].end < e
    dotted = len(over) == 1 and _inside_dotted(over[0], s, e, surface)
    if not (yields or longer or dotted or all(m.type != "person" for m in over)):
        return None, cut  # a rule's person across it that it does not read longer: the rule's reading
    # a kind-of-person title counts here (`顾问卡琳·米勒`): the tagger, not the title, found the name
    role = next((r for ts, te, r in it.any_title_spans if te == s or ts == e), None)
    evidence = _person_evidence(it, s, e, surface, role, run, split_sides > 0,
                                crosses=not (yields or longer or dotted), extended=extended, longer=longer)
    if not (evidence.chinese or evidence.foreign or evidence.japanese_alone
            or evidence.transliterated and evidence.starts_well):
        return None, cut  # of no name's shape, and no transliteration where a name may start (`耆老比|令·达道`)
    if split_sides == 2 and not (evidence.cue or evidence.role):
        return None, cut  # words, not a name (`如|何正|确`)
    if _PLACE_LIST_REST.match(it.text, e) and not (evidence.cue or evidence.role):
        return None, cut  # an item of a list that closes on villages (`南塘、杨厝及上库等村里`)
    if not person_score.accepts(evidence, lambda: person_margin(it.text, *tagged)):
        return None, cut
    # where the rules read the name as part of something else, their reading stands unless the tagger is
    # sure: a cue's name read on into a word (`主任白林|身先士卒`), a name inside a place or organisation
    # of theirs (`张店镇王营村`, `李惠利东部医院`)
    held = any(m.start <= s and e <= m.end for m in over if m.type != "person")
    if (held or longer and (split_sides or evidence.end_in_word)) and person_margin(it.text, *tagged) < SURE:
        return None, cut
    if longer or dotted:
        role = over[0].role or role
    return Mention("person", surface, surface, s, e, role, it.seq, "tagger"), cut + over


def _person_evidence(it: _Text, s: int, e: int, surface: str, role: str | None, run: _TaggerRun,
                     splits_word: bool, crosses: bool, extended: bool = False,
                     longer: bool = False) -> person_score.PersonEvidence:
    """What the rules and the dictionary say about the tagged name `surface` at `s`:`e` of `it`."""
    finder = run.finder
    sl = finder.surname_len(it.text, s)
    tier = finder.lex.surname_tier.get(surface[:sl]) if sl else None
    chinese = bool(sl and 1 <= len(surface) - sl <= (2 if sl == 1 else 1 + sl) and "·" not in surface)
    japanese_alone = surface in finder.lex.japanese_surnames  # `安倍`, `小泉`: news names them so
    title_before = any(te == s for _, te, _ in it.any_title_spans)  # `总统塞迪略`
    # after the name: a title (`习仲勋同志`) or a speech or action verb (`表示`): a title before it is also
    # there for a shorter name the rules read (`主任白林|身先士卒`), a cue after it is this name's own
    cue = any(ts == e for ts, _, _ in it.any_title_spans) or finder.lex.cue_re.match(it.text, e) is not None
    foreign = not chinese and (finder.foreign_ok(surface, wide=True) or (
        (cue or title_before) and finder.foreign_ok(surface, wide=True, any_chars=True)))
    rare = chinese and sl == 1 and tier == 2
    words = dictionary()
    return person_score.PersonEvidence(
        chinese=chinese, rare_surname=rare, top_surname=bool(sl) and surface[:sl] in finder.lex.top_surnames,
        japanese_alone=japanese_alone, foreign=foreign, transliterated=finder.transliterated(surface),
        rare_and_foreign=rare and finder.foreign_ok(surface, wide=True),
        starts_well=_starts_well(it, s, finder), role=title_before, cue=cue, splits_word=splits_word,
        place_ending=surface[-1] in finder.lex.place_last_chars, crosses_name=crosses,
        dict_person=words.tag.get(surface) in PERSON_TAGS,
        end_in_word=_crosses_word(words.tag, it.text, e), start_in_word=_crosses_word(words.tag, it.text, s),
        opens_with_word=len(surface) >= 3 and words.tag.get(surface[:2], "nr") not in PERSON_TAGS,
        two_chars=len(surface) == 2, four_or_more=len(surface) >= 4, extended=extended,
        longer_than_rule=longer)


def _starts_well(it: _Text, s: int, finder: PersonFinder) -> bool:
    """May a name start at `s`: at the start, after punctuation or a word a name follows (`和`, `的`),
    or right after a title, a place or an organisation?"""
    text = it.text
    return (s == 0 or not _CJK_CHAR.match(text[s - 1]) or text[s - 1] in finder.left_chars
            or any(te == s for _, te, _ in it.any_title_spans) or any(x.end == s for x in it.places + it.orgs))


def _inside_dotted(rule: Mention, s: int, e: int, surface: str) -> bool:
    """Does the tagger read a rule's dotted name shorter, with every dot (`小将|米拉·安德列娃`,
    `乌尔苏拉·冯德莱恩|签署`)? The rules end a dotted name at the first word that may follow a name and
    start it after whatever marks a start, so a word either side stays in; the tagger reads the ends."""
    return (rule.type == "person" and "·" in surface and rule.start <= s and e <= rule.end
            and (rule.start, rule.end) != (s, e) and rule.surface.count("·") == surface.count("·"))


def _tagged_person_end(text: str, s: int, e: int, sl: int, run: _TaggerRun) -> int:
    """Where a tagged Chinese name ends: one character on (`钟伟|豪医生`) or one back (`护士杨柳|一起`)
    of where the tagger ended it, when the characters around the end say so."""
    finder, inside = run.finder, run.inside
    if (sl and e - s == sl + 1 and e < len(text) and text[e] in finder.lex.given_chars
            and not finder.is_boundary(text, e)
            and (finder.is_boundary(text, e + 1)
                 or (text[e:e + 2] not in inside and text[e] not in finder.lex.top_surnames))):
        # `钟伟|豪医生`, `钟石|根早已`: a common given-name character that neither opens a word
        # after the name (`李华|平安`) nor the next name of a list (`乔石|李鹏`) makes a
        # three-character name, as most are
        e += 1
    runs_on = finder.lex.follower_re.match(text, e - 1) if sl and e - s in (sl + 2, sl + 3) else None
    if runs_on is not None and (runs_on.end() > e or e - s == sl + 3):
        # `护士杨柳|一起`: the last character opens the word after; `莫嘉慧|则表示`: it is one
        e -= 1
    elif sl and e - s >= sl + 3 and text[s] not in finder.foreign_chars_wide:
        # `聂春生|拉家常`, `邓莎|领衔`, `陈秀丽|齐聚苏`: a surname no transliteration opens with makes a
        # Chinese name, and that has at most two given-name characters: where it ends, the tagger's
        # next best reading says
        ends = [s + sl + 1, s + sl + 2]
        costs = person_cost(text, [(s, x) for x in ends])
        e = ends[costs.index(min(costs))]
    return e


def _completed(items: list[_Text], every: list[Mention], added: list[Mention],
               overridden: set[int] | None = None) -> list[Mention]:
    """`added`, with a tagged name that the article writes in full elsewhere taken in full where the
    text goes on with it (`徐满|仓说` → 徐满仓, as `在村民徐满仓家` gave it), and one that runs a
    character past a name the rules give elsewhere, onto a word that follows names, cut back to it
    (`郑燕|说`, as `副院长郑燕` gave it), as is a three-character one with no cue of its own whose first two
    the article names with a cue and elsewhere before other characters (`张娟|曾接诊`, as `医生张娟留下`
    gave it): a three-character name is never written short. A reading the tagger overrode (id() in
    `overridden`: `奥拉夫·朔尔茨|合作`) takes no tagged name in full."""
    texts = {it.seq: it.text for it in items}
    ruled = {m.surface for m in every if m.type == "person" and m.found_by == "rule"}
    cued = ruled | {m.surface for m in every if m.type == "person" and m.role}
    after: dict[str, set[str]] = {}  # what follows each name found, where it is found
    for m in every:
        if m.type == "person" and not m.in_byline:
            after.setdefault(m.surface, set()).add(texts[m.paragraph_seq][m.end:m.end + 1])

    def written_short(name: str) -> bool:
        return (len(name) == 3 and name not in cued and name[:2] in cued
                and bool(after.get(name[:2], {name[2]}) - {name[2]}))

    overridden = overridden or set()
    names = sorted({m.surface for m in every if m.type == "person" and not written_short(m.surface)
                    and id(m) not in overridden}, key=len, reverse=True)
    finder = person_finder()
    out = []
    for m in added:
        if m.type == "person":
            text = texts[m.paragraph_seq]
            full = next((n for n in names if len(n) > len(m.surface) and n.startswith(m.surface)
                         and text.startswith(n, m.start)), None)
            short = m.surface[:-1]
            if full is None and (short in ruled and finder.is_boundary(text, m.end - 1) or written_short(m.surface)):
                full = short
            if full is not None:
                m = Mention("person", full, full, m.start, m.start + len(full), m.role, m.paragraph_seq, "tagger")
        out.append(m)
    return out


def _prefix_overrun(it: _Text, s: int, e: int, over: list[Mention]) -> Mention | None:
    """The rule organisation that reads a tagged one with more before it, or None: it ends where the
    tagged one ends and starts earlier, over characters that hold no place or organisation of their
    own, and whatever else lies under the tagged name lies inside it (`巩固|中国共产党`, 中国 in it)."""
    orgs = [m for m in over if m.type == "org"]
    if len(orgs) != 1 or orgs[0].end != e or orgs[0].start >= s or any(m.start < s for m in over if m is not orgs[0]):
        return None
    rs = orgs[0].start
    if any(rs <= x.start < s for x in it.places) or any(rs < x.start < s for x in it.orgs):
        return None
    return orgs[0]


def _longer_place(it: _Text, s: int, e: int, over: list[Mention]) -> str | None:
    """The name for a tagged place that runs on past the places the rules found in it with a place
    ending (`波兰共和国` → 波兰, `马拉维湖`), or None. A title that starts in the ending
    (`洛杉矶市|长`) or anything but places under it keeps the rules' reading."""
    if not over or any(m.type != "place" or m.start < s or m.end > e for m in over):
        return None
    first, last = min(over, key=lambda m: m.start), max(over, key=lambda m: m.end)
    rest = it.text[last.end:e]
    if first.start != s or not rest or any(last.end <= ts < e for ts, _, _ in it.any_title_spans):
        return None
    checks = _tagger_checks()
    if rest in checks.same_place_endings and len(over) == 1:
        return first.name
    if rest in checks.same_place_endings or rest in checks.feature_endings:
        return it.text[s:e]
    return None


@lru_cache(maxsize=1)
def _short_forms() -> dict[str, str]:
    """Full ending → the short form news uses (`卫生健康委员会` → 卫健委), from `ner_org_short_forms.txt`."""
    return rules.aliases("ner_org_short_forms.txt")[1]


@lru_cache(maxsize=1)
def _feature_endings() -> tuple[str, ...]:
    """Endings that make a listed place a named feature (`加沙地带`), from `ner_places_words.txt`."""
    return rules.words("ner_places_words.txt", "feature endings")


@dataclass(frozen=True)
class _TaggerChecks:
    """The word lists of `ner_tagger_checks.txt`."""
    place_endings: tuple[str, ...]
    leading_chars: frozenset[str]
    same_place_endings: frozenset[str]
    feature_endings: frozenset[str]


@lru_cache(maxsize=1)
def _tagger_checks() -> _TaggerChecks:
    sections = rules.sections("ner_tagger_checks.txt")
    return _TaggerChecks(tuple(sections["place endings"]), frozenset(sections["leading function chars"]),
                         frozenset(sections["same place endings"]), frozenset(sections["feature endings"]))


def _merge_hits(hits: list[PersonHit], text: str) -> list[PersonHit]:
    """One hit per span (keeping a role if any cue gave one); overlaps go to the stronger cue.

    A name with a title on each side has both as its role, in reading order
    (`代表陈建国大使` → 代表、大使)."""
    by_span: dict[tuple[int, int], PersonHit] = {}
    for h in hits:
        key = (h.start, h.end)
        have = by_span.get(key)
        if have is None:
            by_span[key] = h
        else:
            if have.role is None and h.role is not None:
                have.role = h.role
            elif have.role and h.role and h.role.startswith(have.role) and text.startswith(h.role, h.end):
                have.role = h.role  # `张铭智助理专员`: the run read whole (助理专员) over its first title (助理)
            elif have.role and h.role and have.role != h.role and h.ref_title is None and have.ref_title is None:
                before, after = (have.role, h.role) if text.startswith(h.role, h.end) else (h.role, have.role)
                head = _PORTFOLIO_END_RE.sub("", text[:h.start])  # `总行政经理（质素及安全）梁卓谦医生`
                if text.startswith(after, h.end) and head.endswith(before):
                    have.role = f"{before}、{after}"
            have.strength = max(have.strength, h.strength)
    ranked = sorted(by_span.values(), key=lambda h: (-h.strength, h.ref_title is not None, -(h.end - h.start)))
    kept: list[PersonHit] = []
    for h in ranked:
        if all(h.end <= k.start or k.end <= h.start for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def _persons(items: list[_Text]) -> list[Mention]:
    """Person mentions: cue hits, repeats of confirmed names, resolved surname + title references."""
    finder = person_finder()
    confirmed = {h.name for it in items for h in it.hits if h.ref_title is None and h.strength >= MEDIUM}
    roles: dict[str, set[str]] = {}
    for it in items:
        for h in it.hits:
            if h.ref_title is None and h.role:
                roles.setdefault(h.name, set()).add(h.role)
    out: list[Mention] = []
    name_scan = WordScanner(confirmed) if confirmed else None
    for it in items:
        text = it.text
        spans = [(h.start, h.end) for h in it.hits if h.ref_title is None]
        org_spans = [(o.start, o.end) for o in it.orgs]
        for h in it.hits:
            if h.ref_title is None:
                out.append(Mention("person", h.name, h.name, h.start, h.end, h.role, it.seq))
        if name_scan is not None:
            lefts = {o.end for o in it.orgs} | {p.end for p in it.places} | {e for _, e, _ in it.title_spans}
            for s, e in name_scan.scan(text):
                if any(ps < e and s < pe for ps, pe in spans) or any(os < s and e <= oe or os <= s and e < oe
                                                                      for os, oe in org_spans):
                    continue
                left = s == 0 or s in lefts or text[s - 1] in finder.left_chars or not _CJK_CHAR.match(text[s - 1])
                right = finder.is_boundary(text, e)
                if not (left and (right or e - s >= 3)):
                    continue
                role = next((r for ts, te, r in it.any_title_spans if te == s or ts == e), None)
                if role is None:  # `苏巴马念也是国大党昔加末区国会议员`: a post the copula or `担任` hands it
                    role = finder.handed_role(text, e, it.title_spans, {ps for ps, _ in spans})
                spans.append((s, e))
                out.append(Mention("person", text[s:e], text[s:e], s, e, role, it.seq))
        for h in it.hits:
            if h.ref_title is None or any(ps < h.end and h.start < pe for ps, pe in spans):
                continue
            full = _resolve_reference(h.name, h.ref_title, confirmed, roles)
            if full:  # the surface is the surname (`刘` of `刘院长`); the title becomes the role
                end = h.start + len(h.name)
                out.append(Mention("person", full, text[h.start:end], h.start, end, h.ref_title, it.seq))
    return out


def _resolve_reference(surname: str, title: str, confirmed: set[str], roles: dict[str, set[str]]) -> str | None:
    """`刘院长` → the article's one 刘 (preferring one who holds 院长); None when it is not clear."""
    fits = [n for n in sorted(confirmed) if n.startswith(surname) and len(n) > len(surname)
            and not (len(surname) == 1 and n[:2] in person_finder().lex.compound_surnames)]
    if len(fits) == 1:
        return fits[0]
    titled = [n for n in fits if any(title in r or r.endswith(title) for r in roles.get(n, ()))]
    return titled[0] if len(titled) == 1 else None


def _place_prefix(text: str) -> int:
    """Length of the run of place names that opens `text` (`哈尔滨市第二医院` → 4)."""
    regex = place_index().regex
    pos = 0
    while True:
        m = regex.match(text, pos)
        if not m or m.end() == pos:
            return pos
        pos = m.end()


def _abbreviations(full: str) -> set[str]:
    """Short forms an article may use for `full` (`哈尔滨市第二医院` → 二院, 市二院, 哈市二院)."""
    out: set[str] = set()
    k = _place_prefix(full)
    places, core = full[:k], full[k:]
    if not core:
        return out
    cores = {core}
    for long, short in _short_forms().items():
        if core.endswith(long):
            cores.add(core[: -len(long)] + short)
    m = _ORDINAL_HOSPITAL.match(core)
    if m:
        num = m.group(2)
        cores.add(("附" if m.group(1) else "") + num + "院")
        if m.group(1):
            cores.add("附" + num)
    generic = org_index().suffix
    for c in cores:
        if c != core and len(c) >= 2 and c not in generic:
            out.add(c)
        if places:
            admin = places[-1]
            if admin in "省市区县":
                out.add(admin + c)
                if len(places) >= 3 and admin == "市":
                    out.add(places[0] + "市" + c)
    out.discard(full)
    return {a for a in out if len(a) >= 2}


def _orgs(items: list[_Text]) -> list[Mention]:
    """Organisation mentions with article-level canonical names and abbreviations linked."""
    surfaces = {o.surface for it in items for o in it.orgs}
    canon: dict[str, str] = {}
    ordered = sorted(surfaces, key=lambda x: (-len(x), x))  # fixed order: output must not vary by run
    for o in sorted(surfaces):
        for f in ordered:
            if len(f) <= len(o) or not f.endswith(o):
                continue
            if _place_prefix(f[: -len(o)]) == len(f) - len(o):
                canon[o] = f
                break
    abbr: dict[str, str] = {}
    for f in ordered:
        if f in canon:
            continue
        for a in _abbreviations(f):
            if a not in surfaces or a in canon:
                abbr.setdefault(a, f)
    for a, f in abbr.items():
        if a in surfaces and a not in canon:
            canon[a] = f
    out: list[Mention] = []
    unseen = [a for a in abbr if a not in surfaces]
    abbr_scan = WordScanner(unseen) if unseen else None
    for it in items:
        taken = [(o.start, o.end) for o in it.orgs] + [(h.start, h.end) for h in it.hits]
        for o in it.orgs:
            out.append(Mention("org", canon.get(o.surface, o.surface), o.surface, o.start, o.end, None, it.seq))
        if abbr_scan is None:
            continue
        for s, e in abbr_scan.scan(it.text):
            if any(ts < e and s < te and ts != s for ts, te in taken):
                continue  # (an organisation that opens with the short form, `二院疫情防控突击队`, is fine)
            out.append(Mention("org", abbr[it.text[s:e]], it.text[s:e], s, e, None, it.seq))
    return out
