"""Title–name pairs on the CLUENER2020 dev set: a `position` directly before a `name` (`副局长张涛`).

    python benchmarks/ner_cluener.py [--limit N] [--data PATH] [--stage all|rules|model]

Measure only: the data stays in ../shared/benchmarks/ner/ and the rules are not tuned on it.
A predicted pair is a person mention whose role text stands right before it. `strict` needs the
title span and the name span both exact; `name` needs the name span exact and some title before it.
Also prints person precision/recall over all `name` entities, organisations (the outermost org
mentions against `organization`, `government` and `company` spans, exact), and characters per second.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extract.entities import STAGES, extract_entities  # noqa: E402
from ingest.records import Mention  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "benchmarks" / "ner" / "cluener_dev.jsonl"
WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}
ORG_LABELS = ("organization", "government", "company")  # CLUENER's kinds of organisation


def spans(label: dict, kind: str) -> set[tuple[int, int]]:
    return {(s, e + 1) for places in label.get(kind, {}).values() for s, e in places}


def prf(tp: int, n_pred: int, n_gold: int) -> str:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (gold {n_gold}, predicted {n_pred}, right {tp})"


def title_name_pairs(text: str, persons: list[Mention]) -> set[tuple[int, int, int, int]]:
    """(title start, title end, name start, name end) for each person whose role stands right before it."""
    pairs = set()
    for m in persons:
        parts = (m.role or "").split("、")  # a role may hold the title after the name too (代表、大使)
        before = next((t for t in ("、".join(parts[:k]) for k in range(len(parts), 0, -1))
                       if t and text[max(0, m.start - len(t)):m.start] == t), None)
        if before:
            pairs.add((m.start - len(before), m.start, m.start, m.end))
    return pairs


def outermost_orgs(mentions: list[Mention]) -> set[tuple[int, int]]:
    """The spans of the organisations in the sentence that no other organisation holds."""
    found = {(m.start, m.end) for m in mentions if m.type == "org" and m.paragraph_seq == 0}
    return {o for o in found if not any(q != o and q[0] <= o[0] and o[1] <= q[1] for q in found)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT, help="cluener_dev.jsonl")
    ap.add_argument("--limit", type=int, default=0, help="use the first N sentences (0 = all)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N sentences with a wrong pair")
    ap.add_argument("--stage", choices=tuple(STAGES), default="all",
                    help="score the whole extractor (default), the rules alone or the tagger alone")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[: args.limit]
    extract_entities(None, ["预热"])
    n_chars = sum(len(r["text"]) for r in rows)
    elapsed = 0.0
    strict = [0, 0, 0]  # right, predicted, gold
    loose = [0, 0, 0]
    person = [0, 0, 0]
    orgs = [0, 0, 0]
    shown = 0
    for row in rows:
        text = row["text"].translate(WIDTH)
        t0 = time.perf_counter()
        mentions = extract_entities(None, [text], parts=STAGES[args.stage])
        elapsed += time.perf_counter() - t0
        names = spans(row["label"], "name")
        positions = spans(row["label"], "position")
        gold_pairs = {(ps, pe, ns, ne) for ps, pe in positions for ns, ne in names if pe == ns}
        persons = [m for m in mentions if m.type == "person" and m.paragraph_seq == 0]
        pred_pairs = title_name_pairs(text, persons)
        strict[0] += len(pred_pairs & gold_pairs)
        strict[1] += len(pred_pairs)
        strict[2] += len(gold_pairs)
        gold_named = {(ns, ne) for _, _, ns, ne in gold_pairs}
        pred_named = {(ns, ne) for _, _, ns, ne in pred_pairs}
        loose[0] += len(pred_named & gold_named)
        loose[1] += len(pred_named)
        loose[2] += len(gold_named)
        pred_names = {(m.start, m.end) for m in persons}
        person[0] += len(pred_names & names)
        person[1] += len(pred_names)
        person[2] += len(names)
        gold_orgs = set().union(*(spans(row["label"], k) for k in ORG_LABELS))
        pred_orgs = outermost_orgs(mentions)
        orgs[0] += len(pred_orgs & gold_orgs)
        orgs[1] += len(pred_orgs)
        orgs[2] += len(gold_orgs)
        if shown < args.errors and pred_pairs != gold_pairs:
            shown += 1
            print(text)
            print("   gold:", sorted((text[a:b], text[c:d]) for a, b, c, d in gold_pairs))
            print("   pred:", sorted((text[a:b], text[c:d]) for a, b, c, d in pred_pairs))
    print(f"CLUENER dev: {len(rows)} sentences, {n_chars} characters")
    print("title-name pairs, strict:", prf(*strict))
    print("title-name pairs, name:  ", prf(*loose))
    print("all person names:        ", prf(*person))
    print("organisations:           ", prf(*orgs))
    print(f"speed: {n_chars / elapsed:,.0f} chars/s on one core ({elapsed:.2f} s)")


if __name__ == "__main__":
    main()
