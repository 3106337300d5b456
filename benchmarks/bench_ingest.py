"""Benchmark `ingest add` on generated corpora: speed, memory, database size, re-ingest, against a floor.

    python benchmarks/bench_ingest.py [--sizes 1000,10000,50000] [--workers N[,N...]] [--keep DIR] [--write-doc]

For each size (a number of articles) a corpus is generated with `make_corpus.py` (or reused from
DIR), then `ingest add --quiet DB CORPUS` runs in a fresh child process, twice: the second run, on
the unchanged corpus, is the re-ingest time. The floor is the least any ingest must do with the same
files (read, decode, Traditional → Simplified with `ingest.normalise.normalise`, one plain
sqlite-utils insert per file into a throwaway table) and runs as `bench_ingest.py --floor CORPUS DB`,
also in a child, so both figures include interpreter start-up and are read as a ratio.
"""
from __future__ import annotations

import argparse
import ast
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402  (beside this file, not a package)

DOC = ROOT / "docs" / "performance.md"
SUMMARY = re.compile(r"files (?P<files>\d+), articles (?P<articles>\d+), paragraphs (?P<paragraphs>\d+), "
                     r"entity mentions (?P<mentions>\d+), dates (?P<dates>\d+), claims (?P<claims>\d+), "
                     r"skipped unchanged (?P<skipped>\d+), duplicates (?P<duplicates>\d+), "
                     r"other files (?P<other>\d+), errors (?P<errors>\d+)")
# Extraction stages: module, function, what the stage finds.
STAGES = [("extract/entities", "extract_entities", "people, organisations, places"),
          ("extract/dates", "extract_dates", "dates"),
          ("extract/claims", "extract_claims", "numeric claims")]
MB = 1e6  # every MB here is 10^6 bytes


# ---------------------------------------------------------------------------------------------
# Running one child and watching its memory.

@dataclass
class Run:
    """One finished child process."""

    seconds: float
    cpu_seconds: float  # user + system time of the child and the workers it waited for
    load: float  # the machine's 1-minute load average just before the start (other work skews wall time)
    peak_rss_mb: float  # the larger of the child's own peak and the sampled peak of its process tree
    returncode: int
    stdout: str
    stderr: str


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """`pid` and every process below it (worker processes count toward the peak too)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(parents.get(p, []))
    return tree


def measure(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run `cmd` as a fresh child; wall seconds, peak RSS (wait4's own figure and /proc sampling)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        load = os.getloadavg()[0]
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        done = threading.Event()
        peak_kb = [0]
        can_sample = os.path.isdir(f"/proc/{proc.pid}")

        def sample() -> None:
            while not done.wait(0.05):
                peak_kb[0] = max(peak_kb[0], sum(_rss_kb(p) for p in _descendants(proc.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        if can_sample:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child alone, not of earlier ones
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        if can_sample:
            sampler.join()
        out.seek(0)
        err.seek(0)
        own_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
        return Run(seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime, load=load, peak_rss_mb=max(own_kb, peak_kb[0]) * 1024 / MB, returncode=proc.returncode,
                   stdout=out.read().decode("utf-8", "replace"), stderr=err.read().decode("utf-8", "replace"))


# ---------------------------------------------------------------------------------------------
# The floor.

def floor(corpus: Path, db_path: Path) -> int:
    """Read every `*.txt`, normalise it as the pipeline does, insert it whole into one table; no cleaning.

    Returns the number of characters stored. This is the least an ingest of these files can cost
    with the same libraries, so pipeline ÷ floor says what splitting, cleaning, extraction and the
    archive's schema add.
    """
    import sqlite_utils

    from ingest.normalise import normalise

    files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() == ".txt" and p.is_file())
    db = sqlite_utils.Database(db_path)
    chars = 0

    def rows():
        nonlocal chars
        for path in files:
            text = normalise(path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n"))
            chars += len(text)
            yield {"path": path.relative_to(corpus).as_posix(), "text": text}

    db["texts"].insert_all(rows(), batch_size=500)
    db.close()
    return chars


# ---------------------------------------------------------------------------------------------
# The benchmark.

@dataclass
class Row:
    """One size's figures (one row of the table)."""

    size: int
    workers: int | None  # passed to `ingest add --workers`; None when it has no such option
    articles: int
    files: int
    text_mb: float
    chars: int
    seconds: float
    cpu_seconds: float
    load: float
    floor_seconds: float
    peak_rss_mb: float
    floor_rss_mb: float
    db_mb: float
    reingest_seconds: float
    summary: dict[str, int]

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds

    @property
    def floor_chars_per_s(self) -> float:
        return self.chars / self.floor_seconds


def ingest_command() -> list[str]:
    """The project's `ingest` entry point (the venv's script, else the one on PATH, else via this Python)."""
    venv = ROOT / ".venv" / "bin" / "ingest"
    if venv.exists():
        return [str(venv)]
    found = shutil.which("ingest")
    return [found] if found else [sys.executable, "-c", "from ingest.cli import main; main()"]


def python_command() -> str:
    """The project venv's Python (it has `ingest` and sqlite-utils), else this one."""
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def supports_workers(ingest: list[str]) -> bool:
    """Does `ingest add` take `--workers`? (Read from its help, so the script works before and after.)"""
    help_text = subprocess.run(ingest + ["add", "--help"], capture_output=True, text=True).stdout
    return "--workers" in help_text


def stage_status() -> list[tuple[str, str, bool]]:
    """(stage, what it finds, active?) for each extraction stage; a body that is only `return []` is a placeholder."""
    status = []
    for module, function, finds in STAGES:
        tree = ast.parse((ROOT / "ingest" / f"{module}.py").read_text(encoding="utf-8"))
        active = False
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == function:
                body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
                                                     and isinstance(s.value.value, str))]
                placeholder = (len(body) == 1 and isinstance(body[0], ast.Return)
                               and isinstance(body[0].value, ast.List) and not body[0].value.elts)
                active = not placeholder
        status.append((f"ingest/{module}.py `{function}`", finds, active))
    return status


def corpus_for(size: int, seed: int, cache: Path) -> tuple[Path, dict]:
    """A generated corpus of `size` articles under `cache`, reused when the generator and seeds are unchanged."""
    folder = cache / f"corpus-{size}-seed{seed}"
    manifest = make_corpus.read_manifest(folder)
    if manifest and manifest.get("version") == make_corpus.generator_version() and manifest.get("n") == size \
            and manifest.get("seed") == seed:
        log(f"[{size}] reusing {folder}")
        return folder, manifest
    if folder.exists():
        shutil.rmtree(folder)
    started = time.perf_counter()
    make_corpus.generate(size, folder, seed=seed)
    manifest = make_corpus.read_manifest(folder)
    log(f"[{size}] generated {folder}: {manifest['files']} files, {manifest['bytes'] / MB:.1f} MB "
        f"in {time.perf_counter() - started:.1f} s")
    return folder, manifest


def _remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def _db_bytes(db: Path) -> int:
    return sum(Path(str(db) + s).stat().st_size for s in ("", "-wal") if Path(str(db) + s).exists())


def bench_size(size: int, seed: int, work: Path, ingest: list[str], workers: list[int | None]) -> list[Row]:
    """One row per worker count for a corpus of `size` articles (the floor is measured once)."""
    corpus, manifest = corpus_for(size, seed, work)
    floor_db = work / f"floor-{size}.db"
    _remove_db(floor_db)
    log(f"[{size}] floor ...")
    fl = measure([python_command(), str(Path(__file__).resolve()), "--floor", str(corpus), str(floor_db)], cwd=ROOT)
    if fl.returncode != 0:
        raise SystemExit(f"floor failed:\n{fl.stderr}")
    log(f"[{size}] floor {fl.seconds:.1f} s (CPU {fl.cpu_seconds:.1f} s, load before {fl.load:.2f}), "
        f"{manifest['chars'] / fl.seconds:,.0f} chars/s")
    _remove_db(floor_db)

    rows = []
    for w in workers:
        db = work / (f"archive-{size}-w{w}.db" if w else f"archive-{size}.db")
        _remove_db(db)
        cmd = ingest + ["add", "--quiet"] + (["--workers", str(w)] if w else []) + [str(db), str(corpus)]
        log(f"[{size}] {' '.join(cmd)}")
        first = measure(cmd, cwd=ROOT)
        m = SUMMARY.search(first.stdout)
        if m is None:
            raise SystemExit(f"ingest add printed no summary (exit {first.returncode}):\n{first.stdout}\n"
                             f"{first.stderr[-3000:]}")
        summary = {k: int(v) for k, v in m.groupdict().items()}
        log(f"[{size}] ingest {first.seconds:.1f} s (CPU {first.cpu_seconds:.1f} s, load before {first.load:.2f}, "
            f"peak RSS {first.peak_rss_mb:.0f} MB): {m.group(0)}")
        if summary["articles"] != size or summary["errors"]:
            log(f"[{size}] WARNING: expected {size} articles and no errors")
        db_bytes = _db_bytes(db)
        log(f"[{size}] re-ingest of the unchanged corpus ...")
        again = measure(cmd, cwd=ROOT)
        log(f"[{size}] re-ingest {again.seconds:.1f} s")
        rows.append(Row(size=size, workers=w, articles=summary["articles"], files=manifest["files"],
                        text_mb=manifest["bytes"] / MB, chars=manifest["chars"], seconds=first.seconds,
                        cpu_seconds=first.cpu_seconds, load=first.load, floor_seconds=fl.seconds,
                        peak_rss_mb=first.peak_rss_mb, floor_rss_mb=fl.peak_rss_mb, db_mb=db_bytes / MB,
                        reingest_seconds=again.seconds, summary=summary))
    return rows


def table(rows: list[Row]) -> str:
    """The Markdown table, one row per size (and worker count)."""
    head = ("| articles | files | workers | MB text | seconds | CPU s | chars/s | articles/s | floor chars/s | ratio | "
            "peak RSS MB | DB MB | DB/text | re-ingest s |")
    lines = [head, "|" + "---:|" * head.count(" | ") + "---:|"]
    for r in rows:
        lines.append(f"| {r.articles:,} | {r.files:,} | {r.workers or 1} | {r.text_mb:.1f} | {r.seconds:.1f} | "
                     f"{r.cpu_seconds:.1f} | {r.chars_per_s:,.0f} | {r.articles / r.seconds:,.0f} | "
                     f"{r.floor_chars_per_s:,.0f} | {r.chars_per_s / r.floor_chars_per_s:.2f} | "
                     f"{r.peak_rss_mb:.0f} | {r.db_mb:.1f} | {r.db_mb / r.text_mb:.2f} | {r.reingest_seconds:.1f} |")
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _code_version() -> str:
    """Commit of the code measured, and whether the package had uncommitted changes (read-only git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "ingest", "schema.sql"], cwd=ROOT,
                               capture_output=True).returncode != 0
        untracked = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "--", "ingest"], cwd=ROOT,
                                   capture_output=True, text=True).stdout.strip()
        return f"commit {head}" + (" with uncommitted changes to ingest/" if dirty or untracked else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"


def write_doc(rows: list[Row], command: str, workers_note: str, stages: list[tuple[str, str, bool]]) -> None:
    """Rewrite docs/performance.md with the table and how it was produced."""
    lines = [
        "# Ingest performance",
        "",
        "Generated by `benchmarks/bench_ingest.py --write-doc`; rerun it rather than editing this file.",
        "How to run it and what each figure means: [benchmarks/README.md](../benchmarks/README.md).",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Command: `{command}`",
        f"- Machine: {os.cpu_count()} cores ({_cpu_model()}), Python {platform.python_version()}, "
        f"SQLite {__import__('sqlite3').sqlite_version}",
        f"- Code: {_code_version()}",
        f"- Workers: {workers_note}",
        "- Load average (1 min) before each ingest: " + ", ".join(f"{r.load:.2f}" for r in rows)
        + " (the machine has other work at times; *CPU s* is less affected by it than *seconds*)",
        "- Corpus: `benchmarks/make_corpus.py N` with seed 0 (recombined seed pages; Traditional pages, web-page "
        "chrome and multi-article newspaper pages mixed in)",
        "",
        table(rows),
        "",
        "Extraction stages active in this run (a stage whose function only returns `[]` is a placeholder, "
        "so its cost is not in these figures yet):",
        "",
    ]
    last = rows[-1].summary if rows else {}
    found = {"entities": last.get("mentions"), "dates": last.get("dates"), "claims": last.get("claims")}
    for (name, finds, active), (module, _, _) in zip(stages, STAGES):
        count = found.get(module)
        detail = f"; {count:,} found in the largest run" if count is not None and active else ""
        lines.append(f"- {name} ({finds}): {'active' if active else 'not yet'}{detail}")
    lines += [
        "",
        "Columns: *seconds* is the wall time of a fresh `ingest add --quiet` on an empty archive and *CPU s* its "
        "user + system time; *chars/s* and "
        "*articles/s* divide the corpus's characters and articles by it; *floor chars/s* is the same corpus read, "
        "normalised and inserted whole with no cleaning or extraction (`bench_ingest.py --floor`), and *ratio* is "
        "pipeline ÷ floor; *peak RSS* is the largest resident memory of the ingest process tree; *DB/text* is the "
        "archive's size over the input's UTF-8 bytes; *re-ingest s* is the same command run again on the "
        "unchanged corpus (every file skipped). MB = 10^6 bytes.",
        "",
    ]
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text("\n".join(lines), encoding="utf-8")
    log(f"wrote {DOC.relative_to(ROOT)}")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000", help="articles per corpus, comma-separated")
    parser.add_argument("--workers", default=None, metavar="N[,N...]",
                        help="passed to `ingest add --workers` when it has that option, one run per value "
                             "(default: the core count)")
    parser.add_argument("--keep", type=Path, help="keep corpora and archives in DIR and reuse corpora from it")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--write-doc", action="store_true", help="rewrite docs/performance.md with the results")
    parser.add_argument("--floor", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.floor:
        chars = floor(Path(args.floor[0]), Path(args.floor[1]))
        print(f"floor: {chars} chars")
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    ingest = ingest_command()
    stages = stage_status()  # read before the runs: the code they measure is the code read here
    if supports_workers(ingest):
        workers: list[int | None] = [int(w) for w in args.workers.split(",")] if args.workers else [os.cpu_count()]
        workers_note = "`--workers " + "`, `--workers ".join(map(str, workers)) + "` passed to `ingest add`"
    else:
        workers = [None]
        workers_note = "`ingest add` has no `--workers` option yet: one process" + (
            f" (`--workers {args.workers}` ignored)" if args.workers else "")
    log(f"cores: {os.cpu_count()}; workers: {workers_note}")

    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = [row for size in sizes for row in bench_size(size, args.seed, work, ingest, workers)]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    command = "python benchmarks/bench_ingest.py " + " ".join(a for a in argv if a != "--write-doc")
    print(f"cores: {os.cpu_count()}; workers: {workers_note}")
    print()
    print(table(rows))
    print()
    for name, finds, active in stages:
        print(f"{name} ({finds}): {'active' if active else 'not yet (placeholder)'}")
    if args.write_doc:
        write_doc(rows, command.strip(), workers_note, stages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
