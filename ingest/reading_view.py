"""The reading view's pages: an article as an article, an entity with every mention in context.

Routes `/<db>/-/article/<id>` and `/<db>/-/entity/<id>` (registered by ingest/datasette_plugin.py) read
the archive through Datasette and render ingest/templates/ with the markup of ingest/reading.py.
"""
from __future__ import annotations

from pathlib import Path

from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from .reading import Span, keyword_in_context, marked_html
from .stats import stated_number

TEMPLATES = Path(__file__).resolve().parent / "templates"
# An entity page shows at most this many mentions (the count says how many there are).
MENTIONS_SHOWN = 1000

ARTICLE_SQL = "SELECT a.*, s.location FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = :id"
PARAGRAPHS_SQL = "SELECT id, seq, kind, text FROM paragraphs WHERE article_id = :id ORDER BY seq"
ARTICLE_MENTIONS_SQL = """SELECT m.id, m.entity_id, m.paragraph_id, m.field, m.start, m."end", m.role,
    e.type, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = :id ORDER BY m.id"""
ARTICLE_DATES_SQL = """SELECT id, paragraph_id, start, "end", iso_date, surface
    FROM date_mentions WHERE article_id = :id ORDER BY id"""
ARTICLE_CLAIMS_SQL = """SELECT id, paragraph_id, start, "end", value, unit, subject
    FROM numeric_claims WHERE article_id = :id ORDER BY id"""
ENTITY_SQL = "SELECT * FROM entities WHERE id = :id"
ROLES_SQL = """SELECT role, count(*) AS mentions FROM mentions WHERE entity_id = :id AND role IS NOT NULL
    GROUP BY role ORDER BY mentions DESC, role"""
ENTITY_MENTIONS_SQL = """SELECT m.id, m.article_id, m.field, m.start, m."end", m.role, a.title,
    CASE m.field WHEN 'paragraph' THEN p.text WHEN 'title' THEN a.title ELSE a.byline END AS text
    FROM mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN paragraphs p ON p.id = m.paragraph_id
    WHERE m.entity_id = :id ORDER BY m.article_id, p.seq, m.start LIMIT :limit"""
ENTITY_ARTICLES_SQL = """SELECT a.id, a.title, a.published_date, a.site, count(*) AS mentions
    FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = :id
    GROUP BY a.id ORDER BY a.day IS NULL, a.day, a.id"""


def archive_database(datasette, request, archives: list[str]) -> str:
    """The archive a reading-view URL names (by its route), or 404."""
    routes = {db.route: name for name, db in datasette.databases.items()}
    name = routes.get(tilde_decode(request.url_vars["database"]))
    if name not in archives:
        raise NotFound("No archive of that name")
    return name


async def requested_row(datasette, request, archives: list[str], sql: str) -> tuple:
    """The archive a reading-view URL names, its database, the id as query parameters, and the row; or 404."""
    database = archive_database(datasette, request, archives)
    db, params = datasette.databases[database], {"id": int(request.url_vars["id"])}
    row = (await db.execute(sql, params)).first()
    if row is None:
        raise NotFound("No row with that id")
    return database, db, params, row


async def render(datasette, request, template: str, context: dict) -> Response:
    """A page of ours, extending Datasette's base template."""
    page = datasette.jinja_env.from_string((TEMPLATES / template).read_text(encoding="utf-8"))
    style = Markup((TEMPLATES / "_reading_style.html").read_text(encoding="utf-8"))
    return Response.html(await datasette.render_template(page, {**context, "style": style}, request=request))


def entity_href(datasette, database: str, entity_id: int) -> str:
    """Where an entity's reading-view page is."""
    return datasette.urls.database(database) + f"/-/entity/{entity_id}"


def article_href(datasette, database: str, article_id: int) -> str:
    """Where an article's reading-view page is."""
    return datasette.urls.database(database) + f"/-/article/{article_id}"


def article_spans(datasette, database: str, mentions, dates, claims) -> dict[tuple, list[Span]]:
    """Each text's spans, keyed ('paragraph', id), ('title',) or ('byline',): names, then dates, then claims."""
    spans: dict[tuple, list[Span]] = {}
    for m in mentions:
        key = ("paragraph", m["paragraph_id"]) if m["field"] == "paragraph" else (m["field"],)
        spans.setdefault(key, []).append(Span(m["start"], m["end"], m["type"],
                                              entity_href(datasette, database, m["entity_id"]),
                                              " ".join(filter(None, [m["type"], m["name"], m["role"]]))))
    for kind, table, rows, describe in (
            ("date", "date_mentions", dates, lambda r: f"date {r['iso_date'] or ''}"),
            ("claim", "numeric_claims", claims,
             lambda r: f"claim {stated_number(r['value'])} {r['unit'] or ''} {r['subject'] or ''}")):
        for r in rows:  # a date or claim without a paragraph stands in the title
            key = ("paragraph", r["paragraph_id"]) if r["paragraph_id"] is not None else ("title",)
            spans.setdefault(key, []).append(Span(r["start"], r["end"], kind,
                                                  datasette.urls.row(database, table, r["id"]), describe(r).strip()))
    return spans


async def article_page(datasette, request, archives: list[str]) -> Response:
    """An article's headline, date, site, byline and source, then its paragraphs with everything marked."""
    database, db, params, article = await requested_row(datasette, request, archives, ARTICLE_SQL)
    spans = article_spans(datasette, database, *[(await db.execute(sql, params)).rows for sql in
                                                 (ARTICLE_MENTIONS_SQL, ARTICLE_DATES_SQL, ARTICLE_CLAIMS_SQL)])
    paragraphs = [{"kind": p["kind"], "id": p["id"],
                   "html": marked_html(p["text"], spans.get(("paragraph", p["id"]), []))}
                  for p in (await db.execute(PARAGRAPHS_SQL, params)).rows]
    return await render(datasette, request, "reading_article.html", {
        "database": database, "article": dict(article), "paragraphs": paragraphs,
        "title_html": marked_html(article["title"] or "", spans.get(("title",), [])),
        "byline_html": marked_html(article["byline"] or "", spans.get(("byline",), [])),
        "row_href": datasette.urls.row(database, "articles", article["id"])})


async def entity_page(datasette, request, archives: list[str]) -> Response:
    """An entity's type, name and counts, its roles, every mention in context, and its articles."""
    database, db, params, entity = await requested_row(datasette, request, archives, ENTITY_SQL)
    mentions = (await db.execute(ENTITY_MENTIONS_SQL, {**params, "limit": MENTIONS_SHOWN})).rows
    contexts = [{"article_id": m["article_id"], "title": m["title"], "field": m["field"], "role": m["role"],
                 "href": article_href(datasette, database, m["article_id"]),
                 "html": keyword_in_context(m["text"] or "", Span(m["start"], m["end"], entity["type"],
                                                                  datasette.urls.row(database, "mentions", m["id"])))}
                for m in mentions]
    articles = [{**dict(a), "href": article_href(datasette, database, a["id"])}
                for a in (await db.execute(ENTITY_ARTICLES_SQL, params)).rows]
    return await render(datasette, request, "reading_entity.html", {
        "database": database, "entity": dict(entity), "mentions": contexts, "articles": articles,
        "roles": [dict(r) for r in (await db.execute(ROLES_SQL, params)).rows],
        "row_href": datasette.urls.row(database, "entities", entity["id"])})
