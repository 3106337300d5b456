"""Merging shard archives: part of the store, the one package that talks to SQLite.

Shards are archives built apart (one per machine, or per folder of a large corpus, each by
`ingest add`) and merged in the order given: each shard's rows are copied with ATTACH and
INSERT … SELECT, renumbered on from the archive's last ids in the shard's own order, which is the
order a single run over the same files in the same order would have written them. What a single
run would have settled across shards is settled here: a file whose content an earlier shard already
holds becomes a `duplicate` of it (its articles are not copied), and an entity named in two shards
is one row whose counts add up. The search index is built once, at the end.
"""
from __future__ import annotations

import os
import sqlite3

import sqlite_utils

from .. import store
from ..records import MergedShard

# Tables copied row by row, in an order that keeps every foreign key pointing at a copied row, with
# the condition (on the shard's row `t`) that keeps a row and the tables its columns point to.
COPIED = (
    ("articles", "t.source_id IN (SELECT old FROM map_sources WHERE NOT dup)", {"source_id": "sources"}),
    ("paragraphs", "t.article_id IN (SELECT old FROM map_articles)", {"article_id": "articles"}),
    ("mentions", "t.article_id IN (SELECT old FROM map_articles)",
     {"article_id": "articles", "paragraph_id": "paragraphs", "entity_id": "entities"}),
    ("date_mentions", "t.article_id IN (SELECT old FROM map_articles)",
     {"article_id": "articles", "paragraph_id": "paragraphs"}),
    ("numeric_claims", "t.article_id IN (SELECT old FROM map_articles)",
     {"article_id": "articles", "paragraph_id": "paragraphs"}),
    ("dropped_lines", "t.source_id IN (SELECT old FROM map_sources WHERE NOT dup)",
     {"source_id": "sources", "article_id": "articles"}),
)
MAPS = ("sources", "articles", "paragraphs", "entities", "mentions", "date_mentions", "numeric_claims",
        "dropped_lines", "ingest_errors")


class MergeError(Exception):
    """A shard that cannot be merged: missing, the archive itself, or holding a file the archive holds."""


def merge_archives(out_path: str, shard_paths: list[str]) -> list[MergedShard]:
    """Merge the shard archives into the archive at `out_path` (created if missing), in order.

    Each shard goes in in one transaction, all or nothing. Locations (paths relative to the folder of
    the archive that holds them) are rewritten relative to `out_path`'s folder. A shard holding a
    location the archive already holds is refused: shards are of distinct files.
    """
    for path in shard_paths:
        if not os.path.isfile(path):
            raise MergeError(f"{path}: no such archive")
        if os.path.exists(out_path) and os.path.samefile(path, out_path):
            raise MergeError(f"{path}: is the archive merged into")
    db = store.open_archive(out_path)
    try:
        first_article = store.next_article_id(db)
        merged = [_merge_shard(db, path, os.path.dirname(os.path.abspath(out_path))) for path in shard_paths]
        store.index_articles(db, first_article)
    finally:
        store.close_archive(db)
    return merged


def _merge_shard(db: sqlite_utils.Database, path: str, out_dir: str) -> MergedShard:
    shard_dir = os.path.dirname(os.path.abspath(path))
    db.conn.create_function("rebased", 1, lambda location: _rebased(location, shard_dir, out_dir), deterministic=True)
    db.execute("ATTACH DATABASE ? AS shard", [path])
    try:
        _check_shard(db, path)
        with db.conn:  # one transaction: the shard goes in whole or not at all
            _map_sources(db, path)
            _copy_rows(db, "sources", "1", {}, {
                "location": "m.location",
                "status": "CASE WHEN m.dup THEN 'duplicate' ELSE t.status END",
                "duplicate_of": "CASE WHEN m.dup THEN m.held_by WHEN t.status = 'duplicate' THEN "
                                "coalesce(m.held_by, (SELECT new FROM map_sources WHERE old = t.duplicate_of)) END",
                "article_count": "CASE WHEN m.dup THEN 0 ELSE t.article_count END"}, mapped=True)
            for table, kept, refs in COPIED[:2]:
                _copy_rows(db, table, kept, refs)
            _map_entities(db)
            for table, kept, refs in COPIED[2:]:
                _copy_rows(db, table, kept, refs)
            _copy_rows(db, "ingest_errors", "1", {}, {"source_path": "rebased(t.source_path)"})
        return MergedShard(path, *db.execute("""SELECT count(*), coalesce(sum(dup), 0),
            (SELECT count(*) FROM map_articles) FROM map_sources""").fetchone())
    finally:
        for table in MAPS:
            db.execute(f"DROP TABLE IF EXISTS temp.map_{table}")
        db.execute("DETACH DATABASE shard")


def _rebased(location: str, shard_dir: str, out_dir: str) -> str:
    """A location relative to the shard's folder, made relative to the merged archive's folder."""
    if shard_dir == out_dir:
        return location
    return os.path.relpath(os.path.normpath(os.path.join(shard_dir, location)), out_dir).replace(os.sep, "/")


def _check_shard(db: sqlite_utils.Database, path: str) -> None:
    """Refuse a file that is not an archive, or one whose tables lack columns the archive has."""
    for table in MAPS:
        mine = {r[1] for r in db.execute(f"PRAGMA main.table_info([{table}])")}
        theirs = {r[1] for r in db.execute(f"PRAGMA shard.table_info([{table}])")}
        if mine - theirs:
            raise sqlite3.DatabaseError(f"{path}: not an archive of this version: table {table} lacks "
                                        f"{', '.join(sorted(mine - theirs))}")


def _map_sources(db: sqlite_utils.Database, path: str) -> None:
    """Number the shard's files on from the archive's; a file whose content the archive already holds
    (`held_by`, the first such source) becomes its duplicate (`dup`), as in a single run."""
    db.execute("""CREATE TEMP TABLE map_sources AS
        SELECT old, new, location, held_by, status = 'ok' AND held_by IS NOT NULL AS dup FROM (
            SELECT s.id AS old, s.status AS status, rebased(s.location) AS location,
                   (SELECT coalesce(max(id), 0) FROM main.sources) + row_number() OVER (ORDER BY s.id) AS new,
                   (SELECT min(o.id) FROM main.sources o WHERE o.sha256 = s.sha256 AND o.status = 'ok') AS held_by
            FROM shard.sources s)""")
    db.execute("CREATE UNIQUE INDEX temp.map_sources_old ON map_sources (old)")
    clash = db.execute("""SELECT m.location FROM map_sources m JOIN main.sources o ON o.location = m.location
                          ORDER BY m.old LIMIT 1""").fetchone()
    if clash:
        raise MergeError(f"{path}: holds {clash[0]}, which the archive already holds: merge shards of distinct files")


def _map_entities(db: sqlite_utils.Database) -> None:
    """Entities the copied mentions name: the archive's own row for a (type, name) it has, else a new
    one numbered in the shard's order (first mention first, as in a single run)."""
    named = "SELECT entity_id FROM shard.mentions WHERE article_id IN (SELECT old FROM map_articles)"
    db.execute("CREATE TEMP TABLE map_entities (old INTEGER PRIMARY KEY, new INTEGER NOT NULL, fresh INTEGER)")
    db.execute(f"""INSERT INTO map_entities SELECT e.id, o.id, 0 FROM shard.entities e
                   JOIN main.entities o ON o.type = e.type AND o.name = e.name WHERE e.id IN ({named})""")
    db.execute(f"""INSERT INTO map_entities
                   SELECT e.id, (SELECT coalesce(max(id), 0) FROM main.entities) + row_number() OVER (ORDER BY e.id), 1
                   FROM shard.entities e WHERE e.id IN ({named}) AND e.id NOT IN (SELECT old FROM map_entities)""")
    db.execute("""INSERT INTO main.entities (id, type, name, mention_count, article_count)
                  SELECT m.new, e.type, e.name, 0, 0 FROM map_entities m JOIN shard.entities e ON e.id = m.old
                  WHERE m.fresh ORDER BY m.new""")
    db.execute(f"""UPDATE main.entities SET mention_count = mention_count + d.mentions,
                                             article_count = article_count + d.articles
                   FROM (SELECT m.new AS id, count(*) AS mentions, count(DISTINCT n.article_id) AS articles
                         FROM shard.mentions n JOIN map_entities m ON m.old = n.entity_id
                         WHERE n.article_id IN (SELECT old FROM map_articles) GROUP BY m.new) AS d
                   WHERE entities.id = d.id""")


def _copy_rows(db: sqlite_utils.Database, table: str, kept: str, refs: dict[str, str],
               exprs: dict[str, str] | None = None, mapped: bool = False) -> None:
    """Copy the shard's rows of `table` that `kept` selects, numbered on from the archive's last id in
    the shard's order; `refs` names the table each foreign-key column points to, `exprs` gives other
    columns' values. With `mapped`, the table's map (old → new id) is already made."""
    if not mapped:
        db.execute(f"""CREATE TEMP TABLE map_{table} AS
            SELECT t.id AS old, (SELECT coalesce(max(id), 0) FROM main.[{table}]) + row_number() OVER (ORDER BY t.id) AS new
            FROM shard.[{table}] t WHERE {kept}""")
        db.execute(f"CREATE UNIQUE INDEX temp.map_{table}_old ON map_{table} (old)")
    columns = [r[1] for r in db.execute(f"PRAGMA main.table_info([{table}])")]
    values = {c: f"(SELECT new FROM map_{refs[c]} WHERE old = t.[{c}])" for c in refs}
    values.update(exprs or {}, id="m.new")
    select = ", ".join(values.get(c, f"t.[{c}]") for c in columns)
    db.execute(f"""INSERT INTO main.[{table}] ({', '.join(f'[{c}]' for c in columns)})
                   SELECT {select} FROM shard.[{table}] t JOIN map_{table} m ON m.old = t.id ORDER BY t.id""")
