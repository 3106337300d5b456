"""Storing: the only module that talks to SQLite. It maps records to rows; what the text implies
(a day, an ISO date, a period's ends) is derived before, in extraction.

Tables come from `schema.sql` alone. `Writer` writes up to 32 files per transaction, all or nothing,
and retries a failed batch file by file. A changed file replaces its articles and everything hanging
off them atomically; entities left without mentions go with them, so no orphan row remains.
"""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from .records import ProcessedSource
from .search import SEPARATOR, fold_for_index

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema.sql"
# Tables hanging off an article, deleted before the article itself.
ARTICLE_CHILDREN = ("mentions", "date_mentions", "numeric_claims", "dropped_lines", "paragraphs")


def schema_sql() -> str:
    """The text of `schema.sql`: shipped beside the package, or inside it when installed as a wheel."""
    for candidate in (SCHEMA_PATH, Path(__file__).resolve().parent / "schema.sql"):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError("schema.sql not found beside the ingest package")


def open_archive(path: str) -> sqlite_utils.Database:
    """Open (creating if needed) an archive; raises sqlite3.DatabaseError if the file is not one."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    with db.ensure_autocommit_on():
        db.execute("PRAGMA journal_mode = WAL")  # readers (Datasette) are not blocked while we write
    # In WAL mode a killed process cannot corrupt the file with this; only a power cut may lose the
    # last files written, which the next run adds again.
    db.execute("PRAGMA synchronous = NORMAL")
    _check_columns(db)
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


def close_archive(db: sqlite_utils.Database) -> None:
    """Fold the write-ahead log back so the file can be served read-only and copied alone."""
    try:
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass  # another connection holds the database open: it stays in WAL mode, which is fine
    db.close()


def ingested_sources(db: sqlite_utils.Database) -> dict[str, str]:
    """path → sha256 of every file already in the archive without error (re-adding them is a no-op)."""
    return dict(db.execute("SELECT path, sha256 FROM sources WHERE status = 'ok'").fetchall())


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
    """Store one processed file atomically, replacing whatever the archive held for its path."""
    write_batch(db, [processed])


def write_batch(db: sqlite_utils.Database, batch: list[ProcessedSource]) -> None:
    """Store processed files in one transaction, each replacing what the archive held for its path.

    Raises sqlite3.Error with nothing written; `Writer` then retries the files one by one.
    """
    with db.atomic():
        paths = [p.source.path for p in batch]
        old = dict(db.execute(f"SELECT path, id FROM sources WHERE path IN ({','.join('?' * len(paths))})", paths))
        for path, source_id in old.items():
            _delete_source_rows(db, source_id)
        db.execute(f"DELETE FROM ingest_errors WHERE source_path IN ({','.join('?' * len(paths))})", paths)
        next_source = _next_id(db, "sources")
        source_ids = {}
        for path in paths:
            if path not in old:
                source_ids[path], next_source = next_source, next_source + 1
        source_ids.update(old)
        now = _now()
        db.table("sources").upsert_all([{
            "id": source_ids[p.source.path], "path": p.source.path, "sha256": p.source.sha256, "size": p.source.size,
            "encoding": p.source.encoding, "status": "error" if p.error else "ok",
            "article_count": len(p.articles), "ingested_at": now} for p in batch], pk="id")
        errors = [{"source_path": p.source.path, "sha256": p.source.sha256, "stage": p.error_stage,
                   "message": p.error, "created_at": now} for p in batch if p.error]
        if errors:
            db.table("ingest_errors").insert_all(errors)
        _write_articles(db, [(p, source_ids[p.source.path]) for p in batch if not p.error])


class Writer:
    """Buffers processed files and writes them a batch at a time: one transaction per batch.

    A batch is all-or-nothing, so a killed run leaves no half-written file; a batch that fails is
    written again file by file, so one bad file is recorded as a store error and the rest go in.
    """

    def __init__(self, db: sqlite_utils.Database, max_files: int = 32, max_paragraphs: int = 4000) -> None:
        self.db, self.max_files, self.max_paragraphs = db, max_files, max_paragraphs
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
            write_batch(self.db, batch)
        except sqlite3.Error:
            for processed in batch:
                try:
                    write_batch(self.db, [processed])
                except sqlite3.Error as e:  # rolled back; record the failure in a transaction of its own
                    processed.articles, processed.dropped = [], []
                    processed.error_stage, processed.error = "store", f"{type(e).__name__}: {e}"
                    write_batch(self.db, [processed])
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

