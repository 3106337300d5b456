"""Train the line classifier and the headline ranker in `ingest/furniture.py`; write `ingest/data/furniture_model.npz`.

    python training/train_furniture.py [--labels FILE ...] [--l2 X] [--folds K] [--leave-out K] [--out PATH]

Training data: a label for every line of development pages (`tests/corpus/dev/{study,study2,train}_lines.jsonl`:
title, metadata, body, caption, furniture, blank), written by hand; each label file's pages are read
from the folder beside it named like it (`study/`). Blank lines are not classified. Lines are cut
into articles and normalised exactly as the cleaner does, so the features seen here are those seen
at run time. The untouched half is never read.

The line classifier is a softmax regression with an L2 penalty, trained by full-batch gradient
descent (Adam). K folds by page (every line of a page in the same fold) report held-out accuracy
and per-label precision, recall and F1: a page's own lines never score the model that learned from
them. The headline ranker (a softmax over each article's candidate lines and "none") learns from
those held-out line probabilities, as it will meet them on a new page, and is itself scored by the
same folds.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # tiny matrices: threads only wait on each other
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.clean import _find_title, _line, model_reads, squash, title_candidates  # noqa: E402
from ingest.furniture import (BUCKETS, DENSE, LABELS, TITLE_FEATURES, page_features, softmax,
                              title_choice)  # noqa: E402
from ingest.normalise import normalise, strip_pinyin  # noqa: E402
from ingest.read import decode  # noqa: E402
from ingest.records import RawArticle  # noqa: E402
from ingest.split import split_articles  # noqa: E402

# Study and study2 (the halves read while developing) and train (labels only, for this model).
DEFAULT_LABELS = [ROOT / f"tests/corpus/dev/{name}_lines.jsonl" for name in ("study", "study2", "train")]


Page = tuple[str, np.ndarray, np.ndarray, RawArticle, dict[int, str]]


def load_pages(label_file: Path) -> list[Page]:
    """(page name, features, label index per line, the article, labels by line) for each labelled article,
    cut as the pipeline cuts. A page whose labels give each line's article (`article`, train2) and that
    the splitter cuts into another number of articles is left out: its lines' features (where a line stands
    against its article's text) would not be the ones its labels describe (train2: all ten pages of several
    articles; the 40 pages of one article stay)."""
    labels: dict[str, dict[int, str]] = {}
    articles: dict[str, int] = {}  # articles on the page, where the labels give each line's (train2)
    for row in map(json.loads, label_file.read_text(encoding="utf-8").splitlines()):
        labels.setdefault(row["file"], {})[row["line"]] = row["label"]
        if row.get("article") is not None:
            articles[row["file"]] = max(articles.get(row["file"], 0), row["article"] + 1)
    folder = label_file.parent / label_file.name.replace("_lines.jsonl", "")
    if "untouched" in folder.name:
        raise SystemExit("the untouched half is never used for training")
    out = []
    for name, by_line in sorted(labels.items()):
        text, _ = decode((folder / name).read_bytes())
        cut = split_articles(text)
        if name in articles and len(cut) != articles[name]:
            continue  # cut otherwise than its articles: a line's place in its article would be taught wrong
        for raw in cut:
            kept = [(no, normalise(strip_pinyin(t.strip())[0])) for no, t in raw.lines if t.strip()]
            kept = [(no, s) for no, s in kept if by_line.get(no, "blank") != "blank"]
            if not kept:
                continue
            nos, texts = [no for no, _ in kept], [s for _, s in kept]
            y = np.array([LABELS.index(by_line[no]) for no in nos])
            out.append((name, page_features(texts, nos), y, raw, by_line))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 600, rate: float = 0.05) -> np.ndarray:
    """Weights (features × labels) of a softmax regression; the bias is not penalised."""
    x = np.asarray(x, dtype=np.float64)
    w = np.zeros((x.shape[1], len(LABELS)))
    onehot = np.eye(len(LABELS))[y]
    m, v = np.zeros_like(w), np.zeros_like(w)
    penalty = np.full((x.shape[1], 1), l2)
    penalty[0] = 0.0
    for t in range(1, steps + 1):
        grad = x.T @ (softmax(x @ w) - onehot) / len(y) + penalty * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= rate * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def fold_of(name: str, folds: int) -> int:
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % folds


def cross_validate(pages: list[Page], l2: float, folds: int) -> tuple[np.ndarray, np.ndarray, list]:
    """(gold, predicted) label index of every line, each predicted by a model that never saw its page,
    and the headline examples (fold, candidate features, gold candidates, page, the rules' choice)
    built from those held-out predictions."""
    gold, pred, examples = [], [], []
    for k in range(folds):
        train = [p for p in pages if fold_of(p[0], folds) != k]
        test = [p for p in pages if fold_of(p[0], folds) == k]
        if not test:
            continue
        w = fit(np.vstack([p[1] for p in train]), np.concatenate([p[2] for p in train]), l2)
        for name, x, y, raw, by_line in test:
            gold.append(y)
            pred.append((x @ w).argmax(axis=1))
            if (example := title_example(raw, by_line, w)) is not None:
                candidates, titles, rules = example
                examples.append((k, candidates, titles, name, rules))
    return np.concatenate(gold), np.concatenate(pred), examples


def title_example(raw: RawArticle, by_line: dict[int, str],
                  w: np.ndarray) -> tuple[np.ndarray, list[int], int | None] | None:
    """(candidate features, the candidates labelled title: a headline printed twice, or over two lines,
    is right in either; none when the page prints no headline; the rules' choice among them, -1 when it is
    not one of them, None when the rules find none) of an article whose
    headline the ranker would choose, with line probabilities from weights `w`; None for one it would not
    (a headline the splitter gave, no running text)."""
    lines = [_line(no, t) for no, t in raw.lines if t.strip()]
    if raw.heading is not None or not model_reads(lines):
        return None
    probs = softmax(page_features([ln.norm for ln in lines], [ln.no for ln in lines]) @ w)
    counts = Counter(squash(ln.norm) for ln in lines)
    found = _find_title(lines, counts)
    picked, features = title_candidates(lines, counts, probs, found)
    rules = None if found is None else picked.index(found) if found in picked else -1
    return features, [k for k, i in enumerate(picked) if by_line.get(lines[i].no) == "title"], rules


def fit_ranker(examples: list, l2: float = 1e-3, steps: int = 800, rate: float = 0.05) -> np.ndarray:
    """Weights (one per TITLE_FEATURES) of a softmax over each article's candidates and "none" (a row
    with only the `none` feature), fitted by full-batch Adam to put the probability on the candidates
    labelled title (on "none" when there are none)."""
    groups = []
    for _, x, gold, _, _ in examples:
        none = np.zeros((1, len(TITLE_FEATURES)))
        none[0, TITLE_FEATURES.index("none")] = 1.0
        groups.append((np.vstack([x, none]), gold or [len(x)]))
    w = np.zeros(len(TITLE_FEATURES))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        grad = l2 * w
        for x, gold in groups:
            p = softmax((x @ w)[None, :])[0]
            target = np.zeros_like(p)
            target[gold] = p[gold] / p[gold].sum()  # -log of the gold candidates' summed probability
            grad += x.T @ (p - target) / len(groups)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        w -= rate * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def _right(choice: int | None, gold: list[int]) -> bool:
    return choice in gold if gold else choice is None


def report_titles(examples: list, folds: int) -> str:
    """Held-out headline choice: the ranker of each fold scored on the articles of that fold, against
    the rules' choice alone."""
    right = rules_right = 0
    for k in range(folds):
        w = fit_ranker([e for e in examples if e[0] != k])
        for _, x, gold, _, rules in (e for e in examples if e[0] == k):
            right += _right(title_choice(x, rules is None, w), gold)
            rules_right += _right(rules, gold)
    n = max(len(examples), 1)
    return f"held-out headline choice on {len(examples)} articles: ranker {right / n:.3f}, rules alone {rules_right / n:.3f}"


def report(gold: np.ndarray, pred: np.ndarray) -> str:
    lines = [f"held-out line accuracy {np.mean(gold == pred):.3f} on {len(gold)} lines",
             "| label | lines | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
    for i, label in enumerate(LABELS):
        tp = np.sum((pred == i) & (gold == i))
        p = tp / max(np.sum(pred == i), 1)
        r = tp / max(np.sum(gold == i), 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"| {label} | {np.sum(gold == i)} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--labels", type=Path, nargs="+", default=DEFAULT_LABELS)
    ap.add_argument("--l2", type=float, default=1e-2)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--leave-out", type=int, metavar="K",
                    help="fit without the pages of fold K (of --folds) and list them in OUT.txt, to score the "
                         "pipeline on pages its model never saw")
    ap.add_argument("--out", type=Path, default=ROOT / "ingest/data/furniture_model.npz")
    args = ap.parse_args()
    pages = [p for f in args.labels for p in load_pages(f)]
    if args.leave_out is not None:
        held = sorted({p[0] for p in pages if fold_of(p[0], args.folds) == args.leave_out})
        args.out.with_suffix(".txt").write_text("".join(f"{name}\n" for name in held), encoding="utf-8")
        pages = [p for p in pages if p[0] not in held]
    gold, pred, examples = cross_validate(pages, args.l2, args.folds)
    if args.leave_out is None:
        print(report(gold, pred))
        print(report_titles(examples, args.folds))
    w = fit(np.vstack([p[1] for p in pages]), np.concatenate([p[2] for p in pages]), args.l2)
    np.savez_compressed(args.out, weights=w.astype(np.float32), features=np.array(DENSE),
                        labels=np.array(LABELS), buckets=np.array(BUCKETS),
                        title_weights=fit_ranker(examples), title_features=np.array(TITLE_FEATURES))
    print(f"wrote {args.out}: {len(pages)} articles, {sum(len(p[2]) for p in pages)} lines")


if __name__ == "__main__":
    main()
