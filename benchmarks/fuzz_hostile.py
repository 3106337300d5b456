"""Fuzz `ingest add` with generated hostile files and account for every one: nothing lost, every refusal named.

    python benchmarks/fuzz_hostile.py [-n 2000] [--seed 0] [--workers 2] [--timeout 30] [--keep DIR]

Writes N entries (valid news in five encodings with page chrome, truncated, binary, empty, huge,
garbled, hidden-character and HTML files, odd names, pipes, links, locked folders, repeats) into a
temp folder from `random.Random(seed)`, runs `ingest add` on it as a child process, then looks
every entry up in the archive and the report. Exits 1 when an entry is lost, the child crashes or
stalls, or the archive fails its integrity, foreign-key or offset checks.
"""
from __future__ import annotations

import argparse
import base64
import codecs
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INGEST = [sys.executable, "-c", "from ingest.cli import main; main()"]
MAX_BYTES = 1 << 20  # `--max-bytes` for the run: some huge files go over it, some stay under
CHROME = ["首页 > 新闻中心 > 正文", "分享到:微信 微博 QQ空间", "字号:大 中 小", "责任编辑:王明", "【打印本页】【关闭窗口】",
          "上一篇:无", "下一篇:关于做好疫情防控工作的通知", "浏览次数:1024", "版权所有 © 2022 某某医院 备案号:京ICP备123号",
          "来源:本站 发布时间:2022-05-10 09:30", "内网OA | 手机版", "相关文章:"]
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\n\t") + "\x7f\x85"
SIGNATURES = [b"%PDF-1.4\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"\xff\xd8\xff\xe0", b"\x7fELF"]
# (kind, weight): what a random entry is; the specials below are made once each on top.
KINDS = [("utf-8", 20), ("gbk", 8), ("big5", 6), ("utf-16 bom", 4), ("utf-16 no bom", 4), ("duplicate", 5),
         ("truncated multibyte", 5), ("random bytes", 5), ("nul-laden", 4), ("binary renamed", 5), ("empty", 3),
         ("huge line", 1), ("50k tiny lines", 1), ("base64 blob", 3), ("control chars", 4), ("zero-width", 3),
         ("mojibake gbk", 3), ("mojibake latin-1", 3), ("html/script", 5), ("no chinese", 2)]
SPECIALS = ["fifo", "link to /dev/zero", "link loop", "self link", "dangling link", "link to folder",
            "locked folder", "locked file", "not .txt", "too large", "named twice", "undecodable name"]


@dataclass
class Entry:
    """One thing the generator made, by its location relative to the archive's folder."""

    location: str
    kind: str


@dataclass
class Tally:
    """What the run did with the entries, as the table prints it."""

    tried: int = 0
    ok: int = 0
    duplicates: int = 0
    refused: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)  # refusals with an empty message
    timeouts: int = 0
    bad_archive: list[str] = field(default_factory=list)
    exit_code: int | None = None
    crashed: bool = False  # ingest ended with a traceback
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.lost or self.unnamed or self.bad_archive or self.crashed or self.exit_code not in (0, 1))


def news_text(rng: random.Random, number: int) -> str:
    """A page of real sentences from the seeds with random chrome around it, made unique by a number."""
    lines = [line for line in _seed_lines() if line.strip()]
    body = rng.sample(lines, min(len(lines), rng.randint(2, 8)))
    chrome = rng.sample(CHROME, rng.randint(0, 4))
    cut = rng.randint(0, len(chrome))
    return "\n\n".join(chrome[:cut] + body + [f"本文编号{number}。"] + chrome[cut:]) + "\n"


_LINES: list[str] = []


def _seed_lines() -> list[str]:
    if not _LINES:
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            _LINES.extend(path.read_text(encoding="utf-8").splitlines())
    return _LINES


def _traditional(text: str) -> str:
    import opencc  # the project's own dependency
    return opencc.OpenCC("s2t").convert(text)


def content(kind: str, rng: random.Random, number: int, made: dict[str, bytes]) -> bytes:
    """The bytes of one random entry of `kind`."""
    text = news_text(rng, number)
    for make in (_valid, _broken_bytes, _hostile_text):
        data = make(kind, text, rng, made)
        if data is not None:
            return data
    raise ValueError(kind)


def _valid(kind: str, text: str, rng: random.Random, made: dict[str, bytes]) -> bytes | None:
    """Good news in one of the encodings users save it in, or a copy of an earlier file's bytes."""
    if kind == "utf-8":
        return (codecs.BOM_UTF8 if rng.random() < 0.2 else b"") + text.replace("\n", rng.choice(["\n", "\r\n"])).encode()
    if kind == "gbk":
        return text.encode("gbk", errors="ignore")
    if kind == "big5":
        return _traditional(text).encode("big5", errors="ignore")
    if kind == "utf-16 bom":
        return text.encode("utf-16")
    if kind == "utf-16 no bom":
        return ("Page 1\n" + text).encode(rng.choice(["utf-16-le", "utf-16-be"]))
    if kind == "duplicate":
        return rng.choice(sorted(made.values())) if made else text.encode()
    return None


def _broken_bytes(kind: str, text: str, rng: random.Random, made: dict[str, bytes]) -> bytes | None:
    """Bytes that are not a text file, or not a whole one, or far too much of one."""
    if kind == "truncated multibyte":
        data = text.encode(rng.choice(["utf-8", "gbk"]), errors="ignore")
        return data[:rng.randint(1, len(data))] + "医".encode()[:rng.randint(1, 2)]
    if kind == "random bytes":
        return rng.randbytes(rng.randint(1, 5000))
    if kind == "nul-laden":
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 50)):
            data.insert(rng.randint(0, len(data)), 0)
        return bytes(data)
    if kind == "binary renamed":
        return rng.choice(SIGNATURES) + rng.randbytes(rng.randint(10, 3000))
    if kind == "empty":
        return b""
    if kind == "huge line":
        return ("".join(text.split()) * rng.randint(200, 1200)).encode()[:rng.randint(MAX_BYTES // 2, 2 * MAX_BYTES)]
    if kind == "50k tiny lines":
        return "\n".join(rng.choice("医院口罩核酸检测疫苗") for _ in range(50_000)).encode()
    return None


def _hostile_text(kind: str, text: str, rng: random.Random, made: dict[str, bytes]) -> bytes | None:
    """Valid UTF-8 with something in it that should not be: blobs, control characters, mojibake, markup."""
    if kind == "base64 blob":
        blob = base64.b64encode(rng.randbytes(rng.randint(100, 20_000))).decode()
        return (text + "\n" + "\n".join(blob[i:i + 76] for i in range(0, len(blob), 76)) + "\n").encode()
    if kind == "control chars":
        return "".join(c + (rng.choice(CONTROLS) if rng.random() < 0.05 else "") for c in text).encode()
    if kind == "zero-width":
        return "".join(c + (rng.choice(INVISIBLE) if rng.random() < 0.1 else "") for c in text).encode()
    if kind == "mojibake gbk":
        return text.encode().decode("gbk", errors="replace").encode()
    if kind == "mojibake latin-1":
        return text.encode().decode("latin-1").encode()
    if kind == "html/script":
        body = "".join(f"<p onclick=\"alert('{i}')\">{line}</p>\n" for i, line in enumerate(text.splitlines()))
        return f"<html><head><script>alert('x')</script></head><body>\n{body}<script src=//evil></script>\n".encode()
    if kind == "no chinese":
        return b"Lorem ipsum dolor sit amet.\n" * rng.randint(1, 50)
    return None


def file_name(rng: random.Random, number: int) -> str:
    """Mostly plain, sometimes a name with spaces, a newline, other scripts or 200-odd bytes."""
    style = rng.random()
    if style < 0.85:
        return f"{number:05d}.txt"
    if style < 0.89:
        return f"news {number} 第 {number} 期.txt"
    if style < 0.92:
        return f"line\nbreak {number}.txt"
    if style < 0.96:
        return f"新闻-{number}-Ελληνικά-עברית-😀.txt"
    return f"{number:05d}" + "长" * 80 + ".txt"  # 5 + 240 + 4 bytes, under NAME_MAX


def generate(top: Path, n: int, seed: int) -> tuple[list[Entry], list[str]]:
    """Write N entries under `top/corpus`; returns them and the paths to give `ingest add`."""
    rng = random.Random(seed)
    corpus = top / "corpus"
    corpus.mkdir()
    specials = SPECIALS
    entries = [_special(kind, corpus, i, rng) for i, kind in enumerate(specials[:n])]
    entries = [e for group in entries for e in group]
    kinds, weights = zip(*KINDS)
    made: dict[str, bytes] = {}
    for number in range(len(entries), n):
        kind = rng.choices(kinds, weights)[0]
        folder = corpus / f"d{rng.randrange(10):02d}"
        folder.mkdir(exist_ok=True)
        path = folder / file_name(rng, number)
        data = content(kind, rng, number, made)
        path.write_bytes(data)
        if kind in ("utf-8", "gbk", "big5"):
            made[str(path)] = data
        entries.append(Entry(_location(path, top), kind))
    twice = str(corpus / "twice")
    return entries, [str(corpus), twice, twice]


def _special(kind: str, corpus: Path, number: int, rng: random.Random) -> list[Entry]:
    """Make one of the entries every run has; returns what it made (a folder holds files too)."""
    top = corpus.parent
    path = corpus / f"special-{number:02d}.txt"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "link loop":
        path.symlink_to(path.with_suffix(".loop.txt"))
        path.with_suffix(".loop.txt").symlink_to(path)
        return [Entry(_location(path, top), kind), Entry(_location(path.with_suffix(".loop.txt"), top), kind)]
    elif kind == "self link":
        path.symlink_to(path.name)
    elif kind == "dangling link":
        path.symlink_to("/nonexistent/news.txt")
    elif kind == "link to folder":
        path = corpus / f"special-{number:02d}"
        path.symlink_to(corpus)
    elif kind == "locked folder":
        path = corpus / f"special-{number:02d}"
        path.mkdir()
        (path / "inside.txt").write_text(news_text(rng, number), encoding="utf-8")
        path.chmod(0)
        return [Entry(_location(path, top), kind), Entry(_location(path / "inside.txt", top), kind)]
    elif kind == "locked file":
        path.write_text(news_text(rng, number), encoding="utf-8")
        path.chmod(0)
    elif kind == "not .txt":
        path = path.with_suffix(".md")
        path.write_text(news_text(rng, number), encoding="utf-8")
    elif kind == "undecodable name":
        path = Path(os.fsdecode(os.fsencode(corpus) + f"/special-{number:02d}-\xff\xfe.txt".encode("latin-1")))
        path.write_text(news_text(rng, number), encoding="utf-8")
    elif kind == "too large":
        page = news_text(rng, number).encode()
        path.write_bytes(page * (MAX_BYTES // len(page) + 2))
    elif kind == "named twice":
        path = corpus / "twice"
        path.mkdir()
        files = [path / f"{number:02d}-{i}.txt" for i in range(3)]
        for i, f in enumerate(files):
            f.write_text(news_text(rng, number * 10 + i), encoding="utf-8")
        return [Entry(_location(f, top), kind) for f in files]
    return [Entry(_location(path, top), kind)]


def _location(path: Path, top: Path) -> str:
    """As ingest records it: a name's bytes that are not UTF-8 written as `\\xff` escapes."""
    return path.relative_to(top).as_posix().encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def run_ingest(top: Path, paths: list[str], workers: int, timeout: float, limit: float) -> tuple[int | None, str]:
    """`ingest add` on the generated folder in a child process; (exit code, or None when it stalled, stderr)."""
    args = INGEST + ["add", "-w", str(workers), "--timeout", f"{timeout:g}", "--max-bytes", str(MAX_BYTES),
                     str(top / "archive.db"), *paths]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(args, cwd=top, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        return None, err.decode(errors="replace")
    return proc.returncode, err.decode(errors="replace")


def printable(text: str) -> str:
    """A name as the report prints it (ingest.cli.printable)."""
    from ingest.cli import printable as shown
    return shown(text)


def account(top: Path, entries: list[Entry], stderr: str, exit_code: int | None) -> Tally:
    """Look every entry up: in `sources`, in `ingest_errors`, in a note, or under a locked folder's error row."""
    tally = Tally(tried=len(entries), exit_code=exit_code, crashed="Traceback (most recent call last)" in stderr)
    conn = sqlite3.connect(top / "archive.db")
    try:
        status = dict(conn.execute("SELECT location, status FROM sources"))
        errors = dict(conn.execute("SELECT source_path, message FROM ingest_errors"))
        tally.bad_archive = archive_problems(conn)
    finally:
        conn.close()
    notes = [line[len("note: "):] for line in stderr.splitlines() if line.startswith("note: ")]
    not_read = next((n for n in notes if " not read (not .txt or .html" in n), "")
    for entry in entries:
        _account_one(tally, entry, status, errors, notes, not_read)
    twice = sum(1 for e in entries if e.kind == "named twice")
    named_again = sum(1 for n in notes if n.endswith(": named more than once; read once"))
    if named_again != 2 * twice:
        tally.lost.append(f"twice/: {named_again} 'named more than once' notes for {twice} files named 3 times")
    tally.timeouts = sum(1 for m in errors.values() if "(--timeout)" in m)
    return tally


def _account_one(tally: Tally, entry: Entry, status: dict, errors: dict, notes: list[str], not_read: str) -> None:
    location = entry.location
    if location in errors:
        message = errors[location]
        tally.refused[refusal_kind(message)] += 1
        if not message.strip():
            tally.unnamed.append(location)
    elif status.get(location) == "ok":
        tally.ok += 1
    elif status.get(location) == "duplicate":
        tally.duplicates += 1
    elif location.endswith(".txt") is False and printable(location) in not_read:
        tally.notes["not .txt or .html (named in a note)"] += 1
    elif (folder := location.rsplit("/", 1)[0]) in errors and errors[folder].startswith("cannot list folder"):
        tally.notes["inside a folder that cannot be listed (the folder is an error row)"] += 1
    elif os.geteuid() == 0 and entry.kind == "locked folder" and not location.endswith(".txt"):
        tally.notes["a locked folder, walked: root lists every folder"] += 1
    else:
        tally.lost.append(f"{location!r} ({entry.kind})")


def refusal_kind(message: str) -> str:
    """A refusal's message with its particulars (numbers, byte positions, link targets) taken out."""
    message = re.sub(r"^(undecodable bytes: not (UTF-8|valid \S+)) \(.*?\)", r"\1 (…)", message)
    message = re.sub(r"^(broken symbolic link to) .*", r"\1 …", message)
    return re.sub(r"(?<![\w-])\d[\d,.]*", "N", message)


def archive_problems(conn: sqlite3.Connection) -> list[str]:
    """Integrity and foreign-key failures, and every mention, date or claim whose offsets miss its surface."""
    problems = [f"integrity_check: {row[0]}" for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    problems += [f"foreign_key_check: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
    texts = {"paragraph": "(SELECT text FROM paragraphs WHERE id = x.paragraph_id)",
             "title": "(SELECT title FROM articles WHERE id = x.article_id)",
             "byline": "(SELECT byline FROM articles WHERE id = x.article_id)"}
    checks = [("mentions", f"CASE x.field WHEN 'title' THEN {texts['title']} WHEN 'byline' THEN {texts['byline']} "
                           f"ELSE {texts['paragraph']} END")]
    # a date or claim without a paragraph stands in the title (a headline's date)
    checks += [(table, f"CASE WHEN x.paragraph_id IS NULL THEN {texts['title']} ELSE {texts['paragraph']} END")
               for table in ("date_mentions", "numeric_claims")]
    for table, text in checks:
        bad = conn.execute(f'SELECT count(*) FROM {table} x WHERE substr({text}, x.start + 1, x."end" - x.start) '
                           f"IS NOT x.surface").fetchone()[0]
        if bad:
            problems.append(f"{table}: {bad} rows whose offsets do not give their surface")
    return problems


def fuzz(n: int, seed: int, workers: int = 2, timeout: float = 30.0, keep: Path | None = None) -> Tally:
    """Generate, ingest and account; the folder is removed afterwards unless `keep` is given."""
    top = Path(tempfile.mkdtemp(prefix="fuzz-hostile-")) if keep is None else keep
    try:
        entries, paths = generate(top, n, seed)
        started = time.perf_counter()
        exit_code, stderr = run_ingest(top, paths, workers, timeout, limit=max(600.0, n * 2.0))
        seconds = time.perf_counter() - started
        tally = account(top, entries, stderr, exit_code)
        tally.seconds = seconds
        return tally
    finally:
        if keep is None:
            _unlock(top)
            shutil.rmtree(top, ignore_errors=True)


def _unlock(top: Path) -> None:
    for folder, dirs, files in os.walk(top):
        for name in dirs + files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)


def table(tally: Tally) -> str:
    """The figures as a Markdown table."""
    rows = [("files tried", tally.tried), ("ok", tally.ok), ("duplicates", tally.duplicates)]
    rows += [(f"refused: {kind}", count) for kind, count in sorted(tally.refused.items(), key=lambda kv: (-kv[1], kv[0]))]
    rows += [(f"accounted by: {kind}", count) for kind, count in sorted(tally.notes.items())]
    rows += [("refused without a message", len(tally.unnamed)), ("lost", len(tally.lost)),
             ("stopped by --timeout", tally.timeouts),
             ("ingest exit code", "stalled: killed" if tally.exit_code is None else tally.exit_code),
             ("ingest crashed (a traceback)", "yes" if tally.crashed else "no"),
             ("archive checks failed", len(tally.bad_archive)), ("wall time", f"{tally.seconds:.1f} s")]
    return "\n".join(["| figure | value |", "|---|---:|"] + [f"| {what} | {value} |" for what, value in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="entries to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=30.0, help="ingest's --timeout, seconds per file")
    parser.add_argument("--keep", type=Path, help="generate into this (new) folder and keep it")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True)
    tally = fuzz(args.n, args.seed, args.workers, args.timeout, args.keep)
    print(f"fuzz_hostile: n={args.n} seed={args.seed} workers={args.workers} timeout={args.timeout:g}s "
          f"cores={os.cpu_count()}")
    print(table(tally))
    for line in tally.lost + tally.unnamed + tally.bad_archive:
        print(f"problem: {line}", file=sys.stderr)
    sys.exit(1 if tally.failed else 0)


if __name__ == "__main__":
    main()
