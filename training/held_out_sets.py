"""Score each study set's pages with a furniture model that never saw that set (leave one SET out).

    python training/held_out_sets.py [--sets study study2 fresh fresh3] [--extra-labels FILE ...] [--work DIR]

The shipped model learns from every labelled set, so the scorer's figures on a set it learned from
flatter it. Here, for each set, the line classifier and the headline ranker are trained on the other
label files (`tests/corpus/dev/*_lines.jsonl` but the set's own; `train` always), the set's pages are
ingested with those weights, and `../shared/acceptance/score.py` scores them against the set's gold:
the figures a page from a new site would give. The untouched half is never read.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import furniture  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402

DEV = ROOT / "tests/corpus/dev"
SETS = ("study", "study2", "fresh", "fresh3")
FIGURES = ("articles", "title_acc", "pubdate_acc", "boilerplate_leaks")


def _scorer() -> Path:
    for shared in (ROOT.parent / "shared", Path("/work/shared")):
        if (shared / "acceptance/score.py").exists():
            return shared / "acceptance/score.py"
    raise SystemExit("../shared/acceptance/score.py not found")


def score_without(name: str, work: Path, extra: list[Path]) -> dict[str, str]:
    """The scorer's FIGURES for set `name`, ingested with a model trained on every other set."""
    labels = [DEV / f"{other}_lines.jsonl" for other in (*SETS, "train") if other != name] + extra
    model = work / f"without_{name}.npz"
    subprocess.run([sys.executable, str(ROOT / "training/train_furniture.py"), "--out", str(model),
                    "--labels", *map(str, labels)], check=True, stdout=subprocess.DEVNULL)
    with model.open("rb") as f:
        weights = furniture.read_model(f)
    furniture._model = lambda: weights  # every article of this run is cleaned with the held-out weights
    db = work / f"{name}.db"
    db.unlink(missing_ok=True)
    ingest_paths(str(db), [str(DEV / name)])
    out = subprocess.run([sys.executable, str(_scorer()), str(db), str(DEV / f"{name}_gold.json")],
                         capture_output=True, text=True).stdout
    (work / f"{name}.txt").write_text(out, encoding="utf-8")
    found = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in FIGURES:
            found.setdefault(parts[0], parts[1])
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    ap.add_argument("--extra-labels", type=Path, nargs="*", default=[])
    ap.add_argument("--work", type=Path, help="where models, archives and the scorer's misses go (a temporary folder)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="held_out_sets_"))
    work.mkdir(parents=True, exist_ok=True)
    print("| figure | " + " | ".join(args.sets) + " |")
    print("|---|" + "---:|" * len(args.sets))
    results = {name: score_without(name, work, args.extra_labels) for name in args.sets}
    for figure in FIGURES:
        print(f"| {figure} | " + " | ".join(results[name].get(figure, "—") for name in args.sets) + " |")
    print(f"(misses in {work}/SET.txt)")


if __name__ == "__main__":
    main()
