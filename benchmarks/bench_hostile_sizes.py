"""How long one outsized file takes: 200,000 short lines (6 MB) and a 5 MB single line, each alone.

    python benchmarks/bench_hostile_sizes.py [--workers 2] [--keep DIR]

Issue #18's bound: each under 60 s on 2 cores (one file goes to one worker, so this is one core's
work). Prints, per file: characters, wall seconds, characters per second, peak RSS of the ingest
process tree, and the summary line. Generated text only; nothing is kept unless --keep is given.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

INGEST = [sys.executable, "-c", "from ingest.cli import main; main()"]
SENTENCE = "北京市延庆区医院党委副书记张伟表示，医院共完成核酸采样45万余人次。"


def write_files(folder: Path) -> dict[str, Path]:
    """The two outsized files: many short lines, and one long line of real-looking sentences."""
    lines = folder / "lines200k.txt"
    with open(lines, "w", encoding="utf-8") as f:
        for i in range(200_000):
            f.write(f"第{i}行 张{i % 50}伟说 医院{i % 7}科\n")
    one_line = folder / "one_line_5mb.txt"
    per = len(SENTENCE.encode())
    one_line.write_text(SENTENCE * (5 * 1024 * 1024 // per), encoding="utf-8")
    return {"200,000 short lines": lines, "a 5 MB single line": one_line}


def run(path: Path, folder: Path, workers: int) -> dict:
    db = folder / f"{path.stem}.db"
    started = time.perf_counter()
    done = subprocess.run(INGEST + ["add", "-q", "-w", str(workers), "--timeout", "600", str(db), str(path)],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    chars = len(path.read_text(encoding="utf-8"))
    return {"chars": chars, "seconds": seconds, "rate": chars / seconds, "summary": done.stdout.strip(),
            "exit": done.returncode, "stderr": done.stderr.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the files and archives here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hostile-sizes-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"cores {os.cpu_count()}, workers {args.workers}, load {os.getloadavg()[0]:.1f}")
    for what, path in write_files(folder).items():
        r = run(path, folder, args.workers)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{what}: {r['chars']:,} characters in {r['seconds']:.1f} s = {r['rate']:,.0f} chars/s, "
              f"peak RSS so far {peak:.0f} MB, exit {r['exit']}\n  {r['summary']}")
        if r["stderr"]:
            print("  " + r["stderr"].replace("\n", "\n  "))


if __name__ == "__main__":
    main()
