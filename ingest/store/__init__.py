"""Storing: the only package that talks to SQLite (this module writes; `merge` combines shard archives). It maps records to rows; what the text implies
(a day, an ISO date, a period's ends) is derived before, in extraction.

Tables come from `schema.sql` alone. `Writer` writes up to 32 files per transaction, all or nothing,
and retries a failed batch file by file. A changed file replaces its articles and everything hanging
off them atomically; entities left without mentions go with them, so no orphan row remains.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

import sqlite_utils

from ..records import ProcessedSource
from ..search import SEPARATOR, fold_for_index

# How long a write waits for another writer (a second `ingest add` on the same archive) to finish a
# batch before it says so and waits on; and how long it then waits in all.
BUSY_MS = 2_000
WAIT_MS = 600_000
# Tables hanging off an article, deleted before the article itself.
ARTICLE_CHILDREN = ("mentions", "date_mentions", "numeric_claims", "dropped_lines", "paragraphs")


def schema_sql() -> str:
    """The text of `schema.sql`, read from the package so an installed wheel has it too.

    `ingest/schema.sql` links to the top-level file, the one source of truth in a checkout.
    """
    return resources.files("ingest").joinpath("schema.sql").read_text(encoding="utf-8")


def open_archive(path: str, waiting: Waiting | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) an archive; raises sqlite3.DatabaseError if the file is not one.

    When another writer holds it, `waiting()` is told and the open waits its turn.
    """
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    with db.ensure_autocommit_on():
        # readers (Datasette) are not blocked while we write; switching needs the file to itself
        _waiting_for_lock(db, "PRAGMA journal_mode = WAL", waiting)
    # In WAL mode a killed process cannot corrupt the file with this; only a power cut may lose the
    # last files written, which the next run adds again.
    db.execute("PRAGMA synchronous = NORMAL")
    _check_columns(db)
    if not db["sources"].exists():  # a second run on a live archive must not take the write lock here
        db.executescript(schema_sql())
    return db


def _check_columns(db: sqlite_utils.Database) -> None:
    """Refuse an archive whose tables lack columns schema.sql defines (built by an older version)."""
    expected = sqlite_utils.Database(memory=True)
    expected.executescript(schema_sql())
    for table in expected.tables:
        if table.name.endswith(("_fts", "_data", "_idx", "_docsize", "_config", "_content")) or not db[table.name].exists():
            continue
        missing = set(table.columns_dict) - set(db.table(table.name).columns_dict)
        if missing:
            raise sqlite3.DatabaseError(f"table {table.name} lacks {', '.join(sorted(missing))}: it was built by an "
                                        f"older version of ingest; build a new archive")


def close_archive(db: sqlite_utils.Database) -> str | None:
    """Fold the write-ahead log back so the file holds everything and can be copied alone.

    Returns None when it does, else why not: a reader in the middle of a read (Datasette serving the
    file without `--immutable`) kept part of the last writes in the `-wal` file beside it.
    """
    db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")  # a reader mid-query is waited for briefly, then reported
    try:
        busy, log_pages, moved = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError as e:
        busy, log_pages, moved = 1, -1, 0
        reason = str(e)
    else:
        reason = None
    try:
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass  # another connection holds the file open: it stays in WAL mode, complete after the checkpoint
    db.close()
    if busy or log_pages != moved:
        return (f"another connection was reading the archive, so {log_pages - moved if log_pages >= 0 else 'some'} "
                f"pages of it are still in its -wal file{f' ({reason})' if reason else ''}: copy that file with it, "
                "or close the reader and run `sqlite3 ARCHIVE 'PRAGMA wal_checkpoint(TRUNCATE)'`")
    return None


def ingested_sources(db: sqlite_utils.Database) -> dict[str, str]:
    """location → sha256 of every file whose articles the archive holds (re-adding them is a no-op).

    A duplicate is not among them: it is read again on every run, so that when the file holding its
    content changes, the duplicate's content is stored in its own right rather than lost.
    """
    return dict(db.execute("SELECT location, sha256 FROM sources WHERE status = 'ok'").fetchall())


def query(path: str, sql: str, params: dict | None = None) -> list[dict]:
    """Rows of a read-only query on an existing archive, as dicts (raises sqlite3.Error)."""
    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such archive")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params or {})]
    finally:
        conn.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _next_id(db: sqlite_utils.Database, table: str) -> int:
    return db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]").fetchone()[0]


def _delete_source_rows(db: sqlite_utils.Database, source_id: int) -> None:
    """Remove a source's articles and every row hanging off them, then entities left unmentioned."""
    article_ids = "SELECT id FROM articles WHERE source_id = ?"
    _unindex(db, source_id)
    going = db.execute(f"""SELECT entity_id, count(*), count(DISTINCT article_id) FROM mentions
                           WHERE article_id IN ({article_ids}) GROUP BY entity_id""", [source_id]).fetchall()
    for child in ARTICLE_CHILDREN:
        db.execute(f"DELETE FROM [{child}] WHERE article_id IN ({article_ids})", [source_id])
    db.execute("DELETE FROM dropped_lines WHERE source_id = ?", [source_id])
    db.execute("DELETE FROM articles WHERE source_id = ?", [source_id])
    _add_counts(db, [(eid, -mentions, -articles) for eid, mentions, articles in going])
    for i in range(0, len(going), 500):
        chunk = [eid for eid, _, _ in going[i:i + 500]]
        db.execute(f"DELETE FROM entities WHERE id IN ({','.join('?' * len(chunk))}) AND mention_count <= 0", chunk)


def _add_counts(db: sqlite_utils.Database, deltas: list[tuple[int, int, int]]) -> None:
    """Add (entity id, mentions, articles) deltas to the entities' counts: cost grows with the change,
    not with how often an entity is already mentioned."""
    # An increment has no sqlite-utils equivalent (update() sets values).
    db.conn.executemany("UPDATE entities SET mention_count = mention_count + ?, article_count = article_count + ? "
                        "WHERE id = ?", [(m, a, eid) for eid, m, a in deltas])


def _entity_ids(db: sqlite_utils.Database, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Ids for (type, name) pairs in order of first appearance, creating the entities not there yet.

    New ids follow first appearance, so they do not depend on how files were grouped into batches.
    """
    ids: dict[tuple[str, str], int] = {}
    names = sorted({name for _, name in keys})
    for i in range(0, len(names), 500):
        chunk = names[i:i + 500]
        rows = db.execute(f"SELECT id, type, name FROM entities WHERE name IN ({','.join('?' * len(chunk))})", chunk)
        ids.update({(t, n): eid for eid, t, n in rows})
    missing = [k for k in dict.fromkeys(keys) if k not in ids]
    if missing:
        first = _next_id(db, "entities")
        rows = [{"id": first + i, "type": t, "name": n} for i, (t, n) in enumerate(missing)]
        db.table("entities").insert_all(rows, batch_size=500)
        ids.update({(r["type"], r["name"]): r["id"] for r in rows})
    return ids


def write_source(db: sqlite_utils.Database, processed: ProcessedSource) -> None:
    """Store one processed file atomically, replacing whatever the archive held at its location."""
    write_batch(db, [processed])


Moved = Callable[[str], bool]  # is the file at this location gone (so the same content elsewhere is a rename)?
Waiting = Callable[[], None]  # told once when another writer holds the archive and this one waits


def _waiting_for_lock(db: sqlite_utils.Database, sql: str, waiting: Waiting | None) -> None:
    """Run `sql`, which needs a lock; if another writer holds it past BUSY_MS, say so and keep trying
    for up to WAIT_MS (SQLite's busy handler alone does not wait for every lock, e.g. a journal mode switch)."""
    deadline = None
    while True:
        try:
            db.execute(sql)
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            if deadline is None:
                deadline = time.monotonic() + WAIT_MS / 1000
                if waiting is not None:
                    waiting()
            elif time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@contextmanager
def _write_transaction(db: sqlite_utils.Database, waiting: Waiting | None) -> Iterator[None]:
    """A write transaction that takes the write lock at its start (BEGIN IMMEDIATE), so a second writer
    waits its turn instead of failing half-way with "database is locked"; `waiting` hears when it does."""
    _waiting_for_lock(db, "BEGIN IMMEDIATE", waiting)
    try:
        with db.atomic():
            yield
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise


def write_batch(db: sqlite_utils.Database, batch: list[ProcessedSource], moved: Moved | None = None,
                waiting: Waiting | None = None) -> None:
    """Store processed files in one transaction, each replacing what the archive held at its location.

    A file whose content the archive already holds under another location is not stored again: it
    becomes a `duplicate` row, or, when `moved` says the other location is gone, that source moves to
    the new location (a rename). Raises sqlite3.Error with nothing written; `Writer` then retries the
    files one by one.
    """
    with _write_transaction(db, waiting):
        keys = [p.source.key for p in batch]
        marks = ",".join("?" * len(keys))
        old = dict(db.execute(f"SELECT location, id FROM sources WHERE location IN ({marks})", keys))
        for source_id in old.values():
            _delete_source_rows(db, source_id)
        db.execute(f"DELETE FROM ingest_errors WHERE source_path IN ({marks})", keys)
        source_ids = _source_ids(db, batch, old, moved)
        now = _now()
        db.table("sources").upsert_all([_source_row(p, source_ids, now) for p in batch if not p.renamed_from],
                                       pk="id")
        errors = [{"source_path": p.source.key, "sha256": p.source.sha256, "stage": p.error_stage,
                   "message": p.error, "created_at": now} for p in batch if p.error]
        if errors:
            db.table("ingest_errors").insert_all(errors)
        _write_articles(db, [(p, source_ids[p.source.key]) for p in batch if _stores_articles(p)])


def _stores_articles(p: ProcessedSource) -> bool:
    return not (p.error or p.duplicate_of or p.renamed_from)


def _source_ids(db: sqlite_utils.Database, batch: list[ProcessedSource], old: dict[str, int],
                moved: Moved | None) -> dict[str, int]:
    """An id for every file of the batch (its own, or a new one), after settling which files repeat
    content the archive already holds: those get `duplicate_of`, or move a gone source (`renamed_from`)."""
    ids = dict(old)
    next_id = _next_id(db, "sources")
    first_in_batch: dict[str, str] = {}  # sha256 -> location, for files of this batch stored for it
    replaced = set(old.values())  # sources being rewritten: their old content no longer counts
    for p in batch:
        p.duplicate_of = p.duplicate_of_id = p.renamed_from = None  # settled afresh on a retry
        key = p.source.key
        if p.error:
            pass
        elif p.source.sha256 in first_in_batch:
            p.duplicate_of = first_in_batch[p.source.sha256]
        elif (held := _holder(db, p.source.sha256, key, replaced)) is not None:
            held_id, held_location = held
            if key not in old and moved is not None and moved(held_location):
                _move_source(db, held_id, p)
                ids[key] = held_id
                continue
            p.duplicate_of, p.duplicate_of_id = held_location, held_id
        else:
            first_in_batch[p.source.sha256] = key
        if key not in ids:
            ids[key], next_id = next_id, next_id + 1
    for p in batch:
        if p.duplicate_of and p.duplicate_of_id is None:  # the first holder is earlier in this batch
            p.duplicate_of_id = ids[p.duplicate_of]
    return ids


def _holder(db: sqlite_utils.Database, sha256: str, key: str, replaced: set[int]) -> tuple[int, str] | None:
    """(id, location) of the source that holds this content's articles, if another location has it."""
    for source_id, location in db.execute("SELECT id, location FROM sources WHERE sha256 = ? AND status = 'ok' "
                                          "AND location != ? ORDER BY id", [sha256, key]):
        if source_id not in replaced:
            return source_id, location
    return None


def _move_source(db: sqlite_utils.Database, source_id: int, p: ProcessedSource) -> None:
    """A renamed file: its source row and articles now name the new location and path."""
    p.renamed_from = db.execute("SELECT location FROM sources WHERE id = ?", [source_id]).fetchone()[0]
    db.table("sources").update(source_id, {"location": p.source.key, "path": p.source.path,
                                           "ingested_at": _now()})
    db.execute("UPDATE articles SET source = ? WHERE source_id = ?", [p.source.path, source_id])


def _source_row(p: ProcessedSource, ids: dict[str, int], now: str) -> dict:
    status = "error" if p.error else "duplicate" if p.duplicate_of else "ok"
    return {"id": ids[p.source.key], "location": p.source.key, "path": p.source.path, "sha256": p.source.sha256,
            "size": p.source.size, "encoding": p.source.encoding, "format": p.source.format,
            "status": status,
            "duplicate_of": p.duplicate_of_id if p.duplicate_of else None,
            "article_count": len(p.articles) if status == "ok" else 0, "ingested_at": now}


class Writer:
    """Buffers processed files and writes them a batch at a time: one transaction per batch.

    A batch is all-or-nothing, so a killed run leaves no half-written file; a batch that fails is
    written again file by file, so one bad file is recorded as a store error and the rest go in.
    """

    def __init__(self, db: sqlite_utils.Database, max_files: int = 32, max_paragraphs: int = 4000,
                 moved: Moved | None = None, waiting: Waiting | None = None) -> None:
        self.db, self.max_files, self.max_paragraphs = db, max_files, max_paragraphs
        self.moved, self.waiting = moved, waiting
        self.pending: list[ProcessedSource] = []
        self.paragraphs = 0

    def add(self, processed: ProcessedSource) -> list[ProcessedSource]:
        """Queue one file; returns the files written when this filled a batch (else [])."""
        self.pending.append(processed)
        self.paragraphs += sum(len(a.paragraphs) for a in processed.articles)
        if len(self.pending) >= self.max_files or self.paragraphs >= self.max_paragraphs:
            return self.flush()
        return []

    def flush(self) -> list[ProcessedSource]:
        """Write what is queued; returns those files, with any store failure recorded on them."""
        batch, self.pending, self.paragraphs = self.pending, [], 0
        if not batch:
            return []
        try:
            write_batch(self.db, batch, self.moved, self.waiting)
        except Exception:  # noqa: BLE001 - rolled back whole; find the file that broke it
            for processed in batch:
                try:
                    write_batch(self.db, [processed], self.moved, self.waiting)
                except Exception as e:  # noqa: BLE001 - rolled back; record the failure in a transaction of its own
                    processed.articles, processed.dropped = [], []
                    processed.error_stage, processed.error = "store", f"{type(e).__name__}: {e}"
                    write_batch(self.db, [processed], self.moved, self.waiting)
        return batch


def _write_articles(db: sqlite_utils.Database, sources: list[tuple[ProcessedSource, int]]) -> None:
    article_id = _next_id(db, "articles")
    paragraph_id = _next_id(db, "paragraphs")
    articles, paragraphs, dropped, mentions, dates, claims = [], [], [], [], [], []
    entity_keys = [(m.type, m.name) for processed, _ in sources for a in processed.articles for m in a.mentions]
    entity_ids = _entity_ids(db, entity_keys) if entity_keys else {}
    for processed, source_id in sources:
        dropped += [{"source_id": source_id, "article_id": None, "line_no": d.line_no, "text": d.text,
                     "rule": d.rule} for d in processed.dropped]
        for a in processed.articles:
            para_ids = {}
            for p in a.paragraphs:
                para_ids[p.seq] = paragraph_id
                paragraphs.append({"id": paragraph_id, "article_id": article_id, "seq": p.seq, "kind": p.kind,
                                   "text": p.text, "text_original": p.text_original, "line_no": p.line_start,
                                   "removed_spans": json.dumps(p.removed) if p.removed else None})
                paragraph_id += 1
            articles.append({
                "id": article_id, "source_id": source_id, "source": processed.source.path, "seq": a.seq,
                "title": a.title, "title_original": a.title_original, "published_date": a.published_date,
                "published_time": a.published_time, "site": a.site, "byline": a.byline,
                "authors": json.dumps(a.authors, ensure_ascii=False) if a.authors else None, "script": a.script,
                "paragraph_count": len(a.paragraphs), "char_count": sum(len(p.text) for p in a.paragraphs),
                "day": a.day, "day_basis": a.day_basis,
            })
            dropped += [{"source_id": source_id, "article_id": article_id, "line_no": d.line_no, "text": d.text,
                         "rule": d.rule} for d in a.dropped]

            def common(x, article_id=article_id, para_ids=para_ids):  # where a mention, date or claim stands
                return {"article_id": article_id, "paragraph_id": para_ids.get(x.paragraph_seq),
                        "start": x.start, "end": x.end, "surface": x.surface}

            mentions += [{**common(m), "entity_id": entity_ids[(m.type, m.name)], "role": m.role,
                          "found_by": m.found_by, "field": _mention_field(m)} for m in a.mentions]
            dates += [{**common(d), "year": d.year, "month": d.month, "day": d.day, "year_source": d.year_source,
                       "iso_date": d.iso_date} for d in a.dates]
            claims += [{**common(c), "value": c.value, "value_max": c.value_max, "unit": c.unit,
                        "unit_normalised": c.unit_normalised, "qualifier": c.qualifier, "subject": c.subject,
                        "cumulative": int(c.cumulative), "period": c.period, "sentence": c.sentence,
                        "period_start": c.period_start, "period_end": c.period_end} for c in a.claims]
            article_id += 1
    for name, rows in (("articles", articles), ("paragraphs", paragraphs), ("dropped_lines", dropped),
                       ("mentions", mentions), ("date_mentions", dates), ("numeric_claims", claims)):
        if rows:
            db.table(name).insert_all(rows, batch_size=500)
    per_entity = Counter(m["entity_id"] for m in mentions)
    articles_per_entity = Counter(eid for eid, _ in {(m["entity_id"], m["article_id"]) for m in mentions})
    _add_counts(db, [(eid, n, articles_per_entity[eid]) for eid, n in sorted(per_entity.items())])
    _index(db, articles, paragraphs)


def _mention_field(m) -> str:
    """Which text a mention's offsets index: a paragraph, the title or the byline."""
    return "byline" if m.in_byline else "title" if m.paragraph_seq is None else "paragraph"


def _search_rows(articles: list[dict], paragraphs: list[dict]) -> tuple[list[dict], list[dict]]:
    """The folded rows the FTS indexes hold for these articles and paragraphs."""
    folded = {p["id"]: fold_for_index(p["text"]) for p in paragraphs}
    bodies: dict[int, list[str]] = {}
    for p in paragraphs:
        bodies.setdefault(p["article_id"], []).append(folded[p["id"]])
    para_rows = [{"rowid": pid, "text": text} for pid, text in folded.items()]
    article_rows = [{"rowid": a["id"], "title": fold_for_index(a["title"] or ""),
                     "body": f" {SEPARATOR} ".join(bodies.get(a["id"], []))} for a in articles]
    return article_rows, para_rows


def _index(db: sqlite_utils.Database, articles: list[dict], paragraphs: list[dict]) -> None:
    article_rows, para_rows = _search_rows(articles, paragraphs)
    db.table("paragraphs_fts").insert_all(para_rows, batch_size=500)
    db.table("articles_fts").insert_all(article_rows, batch_size=500)


def next_article_id(db: sqlite_utils.Database) -> int:
    """The id the next article written will take."""
    return _next_id(db, "articles")


def index_articles(db: sqlite_utils.Database, first_id: int, block: int = 2000) -> None:
    """Add the articles from `first_id` on, with their paragraphs, to the search indexes, a block of
    articles at a time: rows copied in by `ingest merge` are indexed once, at its end."""
    last = db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    for start in range(first_id, last + 1, block):
        with db.conn:
            span = [start, start + block]
            articles = [dict(zip(("id", "title"), r)) for r in db.execute(
                "SELECT id, title FROM articles WHERE id >= ? AND id < ? ORDER BY id", span)]
            paragraphs = [dict(zip(("id", "article_id", "text"), r)) for r in db.execute(
                "SELECT id, article_id, text FROM paragraphs WHERE article_id >= ? AND article_id < ? "
                "ORDER BY article_id, seq", span)]
            _index(db, articles, paragraphs)


def _unindex(db: sqlite_utils.Database, source_id: int) -> None:
    """Take a source's rows out of the contentless FTS indexes, which need the indexed values back."""
    articles = [dict(zip(("id", "title"), r)) for r in db.execute(
        "SELECT id, title FROM articles WHERE source_id = ?", [source_id])]
    paragraphs = [dict(zip(("id", "article_id", "text"), r)) for r in db.execute(
        "SELECT id, article_id, text FROM paragraphs WHERE article_id IN "
        "(SELECT id FROM articles WHERE source_id = ?) ORDER BY article_id, seq", [source_id])]
    article_rows, para_rows = _search_rows(articles, paragraphs)
    # FTS5's 'delete' command has no sqlite-utils equivalent.
    db.conn.executemany("INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', :rowid, :text)",
                        para_rows)
    db.conn.executemany("INSERT INTO articles_fts (articles_fts, rowid, title, body) "
                        "VALUES ('delete', :rowid, :title, :body)", article_rows)

