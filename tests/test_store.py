"""The live schema is schema.sql's, rows are replaced atomically, and nothing is left orphaned."""
import sqlite3

import sqlite_utils

from ingest import store
from ingest.pipeline import ProcessedSource, ingest_paths
from ingest.records import Article, DateMention, Mention, NumericClaim, Paragraph, SourceFile


def schema_of(conn: sqlite3.Connection) -> list[tuple]:
    return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


def test_live_schema_matches_schema_sql(seed_db):
    fresh = sqlite3.connect(":memory:")
    fresh.executescript(store.schema_sql())
    assert schema_of(sqlite3.connect(seed_db)) == schema_of(fresh)


def test_every_mention_points_at_its_surface_in_the_text_its_field_names(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("\n".join([
        "副院长李宏伟看望一线医护人员", "发布时间:2024-04-17 09:46  来源:县卫健委  作者:欧阳晓婷 刘畅  浏览次数:1283",
        "4月16日,副院长李宏伟来到发热门诊,看望坚守岗位的医护人员,询问物资保障情况。"]), encoding="utf-8")
    ingest_paths(str(tmp_path / "a.db"), [str(page)])
    conn = sqlite3.connect(tmp_path / "a.db")
    rows = conn.execute("""
        SELECT m.field, m.surface, m.role, CASE m.field WHEN 'paragraph' THEN p.text WHEN 'title' THEN a.title
                                                        ELSE a.byline END
        FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN paragraphs p ON p.id = m.paragraph_id
        JOIN entities e ON e.id = m.entity_id WHERE e.type = 'person' ORDER BY m.id""").fetchall()
    assert [(f, s, r) for f, s, r, _ in rows] == [
        ("title", "李宏伟", "副院长"), ("paragraph", "李宏伟", "副院长"), ("byline", "欧阳晓婷", "作者"), ("byline", "刘畅", "作者")]
    starts = conn.execute("SELECT start, \"end\" FROM mentions m JOIN entities e ON e.id = m.entity_id "
                          "WHERE e.type = 'person' ORDER BY m.id").fetchall()
    assert all(text[s:e] == surface for (_, surface, _, text), (s, e) in zip(rows, starts))
    assert conn.execute("SELECT byline FROM articles").fetchone()[0] == "县卫健委; 作者:欧阳晓婷 刘畅"


def test_every_foreign_key_has_an_index():
    db = sqlite_utils.Database(memory=True)
    db.executescript(store.schema_sql())
    for table in db.tables:
        indexed = {tuple(ix.columns) for ix in table.indexes}
        for fk in table.foreign_keys:
            assert (fk.column,) in indexed, f"{table.name}.{fk.column} has no index"


def processed(path: str, sha: str, names: list[str]) -> ProcessedSource:
    text = "".join(names) + "出席。"
    mentions, pos = [], 0
    for name in names:
        mentions.append(Mention("person", name, name, pos, pos + len(name), paragraph_seq=0))
        pos += len(name)
    article = Article(seq=0, title="标题", title_original="标题",
                      paragraphs=[Paragraph(0, "body", text, text)], mentions=mentions)
    return ProcessedSource(source=SourceFile(path, path, sha, 10, "", "utf-8"), articles=[article])


def test_a_changed_file_replaces_its_rows_and_drops_entities_left_unmentioned(tmp_path):
    db = store.open_archive(str(tmp_path / "a.db"))
    store.write_source(db, processed("a.txt", "1" * 64, ["张三", "李四"]))
    store.write_source(db, processed("b.txt", "2" * 64, ["李四"]))
    store.write_source(db, processed("a.txt", "3" * 64, ["王五"]))
    assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == 2
    assert sorted(r[0] for r in db.execute("SELECT name FROM entities")) == ["李四", "王五"]
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == 2
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    store.close_archive(db)


def test_ingested_sources_are_the_files_that_went_in(tmp_path):
    db = store.open_archive(str(tmp_path / "a.db"))
    store.write_source(db, processed("a.txt", "1" * 64, ["张三"]))
    store.write_source(db, processed("b.txt", "2" * 64, ["李四"]))
    store.write_source(db, processed("a.txt", "3" * 64, ["王五"]))
    assert store.ingested_sources(db) == {"a.txt": "3" * 64, "b.txt": "2" * 64}
    store.close_archive(db)


def test_a_failed_file_is_recorded_and_not_counted_unchanged(tmp_path):
    db = store.open_archive(str(tmp_path / "a.db"))
    failed = ProcessedSource(source=SourceFile("bad.txt", "bad.txt", "f" * 64, 0), error_stage="read", error="empty file")
    store.write_source(db, failed)
    store.write_source(db, failed)  # a second run replaces the error row instead of piling up
    assert db.execute("SELECT source_path, stage, message FROM ingest_errors").fetchall() == [("bad.txt", "read", "empty file")]
    assert db.execute("SELECT status FROM sources").fetchall() == [("error",)]
    assert store.ingested_sources(db) == {}  # so the next run tries it again
    store.close_archive(db)


def test_a_file_that_fails_to_store_is_recorded_and_the_rest_of_its_batch_goes_in(tmp_path):
    db = store.open_archive(str(tmp_path / "a.db"))
    writer = store.Writer(db, max_files=3)
    bad = processed("bad.txt", "b" * 64, ["张三"])
    bad.articles[0].paragraphs[0].kind = "advert"  # breaks the CHECK on paragraphs.kind
    assert writer.add(processed("a.txt", "a" * 64, ["李四"])) == []
    assert writer.add(bad) == []
    written = writer.add(processed("c.txt", "c" * 64, ["王五"]))
    assert [p.source.path for p in written] == ["a.txt", "bad.txt", "c.txt"]
    assert bad.error_stage == "store" and bad.error.startswith("IntegrityError: CHECK constraint failed")
    assert store.ingested_sources(db) == {"a.txt": "a" * 64, "c.txt": "c" * 64}
    assert db.execute("SELECT source_path, stage FROM ingest_errors").fetchall() == [("bad.txt", "store")]
    assert sorted(r[0] for r in db.execute("SELECT name FROM entities")) == ["李四", "王五"]
    store.close_archive(db)


def test_entity_ids_follow_first_appearance_whatever_the_batches(tmp_path):
    files = [processed(f"{i}.txt", f"{i}" * 64, names) for i, names in
             enumerate([["张三", "李四"], ["王五", "张三"], ["赵六"], ["李四", "钱七"]])]
    results = []
    for size in (1, 3):
        db = store.open_archive(str(tmp_path / f"b{size}.db"))
        writer = store.Writer(db, max_files=size)
        for p in files:
            writer.add(p)
        writer.flush()
        results.append(db.execute("SELECT id, name FROM entities ORDER BY id").fetchall())
        store.close_archive(db)
    assert results[0] == results[1] == [(1, "张三"), (2, "李四"), (3, "王五"), (4, "赵六"), (5, "钱七")]


def test_entity_counts_stay_exact_through_replacements(tmp_path):
    db = store.open_archive(str(tmp_path / "a.db"))
    store.write_source(db, processed("a.txt", "1" * 64, ["张三", "李四", "张三"]))
    store.write_source(db, processed("b.txt", "2" * 64, ["张三"]))
    store.write_source(db, processed("a.txt", "3" * 64, ["李四"]))
    counts = db.execute("SELECT name, mention_count, article_count FROM entities ORDER BY name").fetchall()
    assert counts == [("张三", 1, 1), ("李四", 1, 1)]
    direct = db.execute("""SELECT e.name, count(*), count(DISTINCT m.article_id) FROM mentions m
                           JOIN entities e ON e.id = m.entity_id GROUP BY e.id ORDER BY e.name""").fetchall()
    assert counts == direct
    store.close_archive(db)


def test_an_archive_from_an_older_schema_is_refused_with_a_clear_message(tmp_path):
    import pytest
    old = sqlite3.connect(tmp_path / "old.db")
    old.executescript(store.schema_sql().replace("    mention_count INTEGER NOT NULL DEFAULT 0,\n", "")
                      .replace("CREATE INDEX IF NOT EXISTS idx_entities_mention_count ON entities (mention_count);", "")
                      .replace("CREATE INDEX IF NOT EXISTS idx_entities_type ON entities (type, mention_count);", ""))
    old.close()
    with pytest.raises(sqlite3.DatabaseError, match="table entities lacks mention_count: it was built by an older"):
        store.open_archive(str(tmp_path / "old.db"))


def test_the_store_writes_the_derived_values_the_records_carry(tmp_path):
    text = "4月23日至6月6日采样45万人次"
    date = DateMention("4月23日", 0, 5, 2022, 4, 23, "published", paragraph_seq=0, iso_date="2022-04-23")
    claim = NumericClaim("45万人次", 12, 17, 450000.0, unit="人次", period="4月23日至6月6日",
                         period_start="2022-04-23", period_end="2022-06-06", paragraph_seq=0)
    article = Article(seq=0, title="标题", title_original="标题", paragraphs=[Paragraph(0, "body", text, text)],
                      dates=[date], claims=[claim], day="2022-04-23", day_basis="first dated event")
    db = store.open_archive(str(tmp_path / "a.db"))
    store.write_source(db, ProcessedSource(SourceFile("a.txt", "a.txt", "a" * 64, 1, "", "utf-8"), [article]))
    assert db.execute("SELECT day, day_basis FROM articles").fetchall() == [("2022-04-23", "first dated event")]
    assert db.execute("SELECT iso_date FROM date_mentions").fetchall() == [("2022-04-23",)]
    assert db.execute("SELECT period_start, period_end FROM numeric_claims").fetchall() == [("2022-04-23", "2022-06-06")]
    store.close_archive(db)


def test_a_date_in_the_headline_is_stored_without_a_paragraph_and_indexes_the_title(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("\n".join([
        "12月1日我县开展2025年世界艾滋病日宣传活动",
        "活动现场,工作人员通过设置咨询台、发放宣传资料等形式,向过往群众宣传艾滋病的传播途径和预防措施。"]),
        encoding="utf-8")
    ingest_paths(str(tmp_path / "a.db"), [str(page)])
    conn = sqlite3.connect(tmp_path / "a.db")
    rows = conn.execute("""SELECT d.paragraph_id, d.surface, d.year, d.month, d.day, d.year_source,
                                  substr(a.title, d.start + 1, d."end" - d.start)
                           FROM date_mentions d JOIN articles a ON a.id = d.article_id ORDER BY d.start""").fetchall()
    assert rows == [(None, "12月1日", 2025, 12, 1, "text", "12月1日"), (None, "2025年", 2025, None, None, "text", "2025年")]
