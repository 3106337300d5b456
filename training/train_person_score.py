"""Fit the weights of the person score (`ingest/extract/person_score.py`) and write
`ingest/data/person_score.tsv`.

    python training/train_person_score.py [--check fresh]      # make person-score

Every name the tagger reads as a person in the two study sets of `benchmarks/ner_dev/` (study and
study2: sentences annotated by reading, studied, never scored blind) that reaches the score is one
example: its evidence and the tagger's margin, labelled by whether the gold has a person with
exactly that span (anonymised names are left out). A logistic regression with an L2 penalty,
fitted by Newton's method, gives the weights. `--check` prints how the fitted score decides on
another set's names (fresh: last round's blind set) against the accept-everything baseline; it is
never fitted on. The development sets' page lists are in `benchmarks/ner_dev/*sources.tsv`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extract import entities, person_score  # noqa: E402
from ingest.normalise import normalise  # noqa: E402
from ingest.pipeline import process_source  # noqa: E402
from ingest.read import read_source  # noqa: E402

DATA = ROOT / "benchmarks" / "ner_dev"
PAGES = ROOT / "tests" / "corpus" / "dev"
OUT = ROOT / "ingest" / "data" / "person_score.tsv"
WIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}  # as benchmarks/ner_msra.py folds
L2 = 1.0  # penalty on the weights (not the bias): few examples per rare feature


class _Recorder:
    """While in use, every tagged name that reaches the score is recorded (text, start, end, evidence,
    margin) and let stand, so that what is recorded does not depend on the weights being fitted."""

    def __init__(self) -> None:
        self.found: list[tuple[str, int, int, person_score.PersonEvidence, float]] = []
        self._current: dict = {}

    def __enter__(self) -> _Recorder:
        self._saved = entities._person_evidence, person_score.accepts
        evidence_of = self._saved[0]

        def record_evidence(it, s, e, *args, **kwargs):
            self._current.update(text=it.text, s=s, e=e)
            return evidence_of(it, s, e, *args, **kwargs)

        def record(evidence, margin):
            c = self._current
            self.found.append((c["text"], c["s"], c["e"], evidence, margin()))
            return True

        entities._person_evidence, person_score.accepts = record_evidence, record
        return self

    def __exit__(self, *exc) -> None:
        entities._person_evidence, person_score.accepts = self._saved


def page_examples(half: str) -> list[tuple[dict[str, float], int]]:
    """(features, label) for every tagged name that reaches the score on one set of development pages
    (tests/corpus/dev/HALF): a person when the page's gold names that person, not one when it does
    not (the gold lists every person of each article; optional ones are left out)."""
    gold = json.loads((PAGES / f"{half}_gold.json").read_text(encoding="utf-8"))["files"]
    out = []
    with _Recorder() as rec:
        for name, articles in sorted(gold.items()):
            path = PAGES / half / name
            people = {p for a in articles for p in a.get("persons", {})}
            optional = {p for a in articles for p in a.get("persons_optional", [])}
            rec.found.clear()
            process_source(read_source(str(path), name))
            for t, s, e, ev, margin in rec.found:
                surface = t[s:e]
                if surface not in optional:
                    out.append((person_score.features(ev, margin), int(surface in people)))
    return out


def examples(half: str) -> list[tuple[dict[str, float], int]]:
    """(features, label) for every tagged name that reaches the score in one NER set: a person when the
    gold has a person with exactly that span (anonymised names are left out)."""
    out = []
    with _Recorder() as rec:
        for line in (DATA / f"{half}.jsonl").read_text(encoding="utf-8").splitlines():
            if not line:
                continue
            sentence = json.loads(line)
            text = normalise(sentence["text"]).translate(WIDTH)
            gold = {(g["start"], g["end"]) for g in sentence["entities"] if g["type"] == "PER" and not g.get("anon")}
            anon = {(g["start"], g["end"]) for g in sentence["entities"] if g.get("anon")}
            rec.found.clear()
            entities.extract_entities(None, [text])
            for t, s, e, ev, margin in rec.found:
                if t == text and (s, e) not in anon:
                    out.append((person_score.features(ev, margin), int((s, e) in gold)))
    return out


def fit(x: np.ndarray, y: np.ndarray, bias_col: int) -> np.ndarray:
    """L2-penalised logistic regression by Newton's method (the bias is not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[bias_col] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def matrix(rows: list[tuple[dict[str, float], int]], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    return (np.array([[f[n] for n in names] for f, _ in rows]), np.array([label for _, label in rows], float))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", default="", help="a set to report the fitted decision on (not fitted on)")
    args = ap.parse_args()
    rows = examples("study") + examples("study2") + page_examples("study") + page_examples("study2")
    names = list(rows[0][0])
    x, y = matrix(rows, names)
    w = fit(x, y, names.index("bias"))
    lines = ["# Weights of the person score (ingest/extract/person_score.py): feature<TAB>weight, a logistic",
             "# regression fitted by training/train_person_score.py on the tagged names of benchmarks/ner_dev",
             f"# study + study2 ({len(y)} names, {int(y.sum())} of them people). Rerun it (make person-score)",
             "# rather than editing."]
    lines += [f"{n}\t{v:.4f}" for n, v in zip(names, w)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"fitted on {len(y)} names ({int(y.sum())} people); wrote {OUT}")
    for n, v in sorted(zip(names, w), key=lambda t: -abs(t[1])):
        print(f"  {n:<18}{v:+.3f}")
    for half in filter(None, args.check.split(",")):
        check(half + " (sentences)", examples(half), names, w)
        check(half + " (pages)", page_examples(half), names, w)


def check(what: str, rows: list[tuple[dict[str, float], int]], names: list[str], w: np.ndarray) -> None:
    """How the fitted score decides on a set it was not fitted on."""
    if not rows:
        return
    cx, cy = matrix(rows, names)
    keep = (cx @ w) >= np.log(person_score.THRESHOLD / (1 - person_score.THRESHOLD))
    print(f"{what}: {len(cy)} names, {int(cy.sum())} people; kept {int(keep.sum())}, "
          f"right {int((keep & (cy == 1)).sum())}, wrong {int((keep & (cy == 0)).sum())}, "
          f"people dropped {int((~keep & (cy == 1)).sum())}")


if __name__ == "__main__":
    main()
