"""Datasette plugin: Chinese search in Datasette's own search box, and search snippets shown safely.

Every database with an archive's schema, whatever its file is called, gets metadata.yml's
`every_archive` block: descriptions, facets, FTS settings, canned queries and the overview dashboard.

Registered through the `datasette` entry point in pyproject.toml. Hooks first; the helpers they
call live in `ingest.search` and `ingest.any_archive` and are tested without Datasette.
"""
from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode
from weakref import WeakKeyDictionary

from datasette import hookimpl
from datasette.utils import escape_fts as datasette_escape_fts
from datasette.utils import PrefixedUrlString, tilde_decode
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from .any_archive import (archive_metadata, archive_queries, is_archive_file, no_search_message,
                          search_parameters)
from .normalise import normalise
from .reading_view import TEMPLATES, article_page, entity_page
from .search import fts_query, has_chinese, hits_html, snippet, snippet_hit_offsets, snippet_html, snippet_text
from .stats import read_metadata, stated_number

# Tables whose page gets its search hits highlighted, and the columns to highlight in.
HIGHLIGHT_COLUMNS = {"paragraphs": ("text", "text_original"), "articles": ("title", "title_original")}
# Columns of canned queries that link to a row.
ROW_LINKS = {"paragraph_id": "paragraphs", "article_id": "articles"}
# Columns whose value opens a reading-view page ("article" or "entity"), in every table and query.
READING_LINKS = {"article_id": ("article", "articles"), "entity_id": ("entity", "entities")}
# Table columns that name their own row's reading-view page.
OWN_READING_LINKS = {("articles", "id"): ("article", "articles"), ("articles", "title"): ("article", "articles"),
                     ("entities", "id"): ("entity", "entities"), ("entities", "name"): ("entity", "entities")}
# Claimed figures (numeric_claims and canned queries over it), shown as people write them: 790,000, 52.3.
STATED_COLUMNS = {"value", "value_max", "largest", "total"}
# Ranked-search scores (BM25), shown rounded: their order is what matters, not their seventh digit.
SCORE_COLUMNS = {"score", "rank"}


# The spreadsheet download offered beside CSV on table and query pages (`.excel_csv`): the same CSV with
# a UTF-8 byte-order mark in front, without which Excel reads the file as the local code page and
# Chinese opens garbled. The ordinary `.csv` stays as Datasette makes it.
EXCEL_CSV = "excel_csv"
UTF8_BOM = b"\xef\xbb\xbf"

# Memory-map this much of the database: a search over a frequent character probes the table once
# per hit, and mapped pages cost no system call (168 → 72 ms for a count over 168 k hits).
MMAP_BYTES = 1 << 30
# Each Datasette instance's archive metadata, with the archive names it was filled for.
FILLED_METADATA: WeakKeyDictionary = WeakKeyDictionary()


@hookimpl(trylast=True)
def prepare_connection(conn):
    """Replace Datasette's `escape_fts` (registered before us), add the snippet functions, map the file."""
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.create_function("escape_fts", 1, escape_chinese_fts, deterministic=True)
    conn.create_function("zh_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("zh_snippet", 2, snippet, deterministic=True)
    conn.create_function("zh_snippet_text", 2, snippet_text, deterministic=True)
    conn.create_function("zh_snippet_hits", 2, snippet_hit_offsets, deterministic=True)


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Page templates in ingest/templates/ (query.html) come before Datasette's own, after any
    --template-dir: the package's distribution name hides them from Datasette's plugin template lookup."""
    search_path = env.loader.loaders[0].searchpath
    if str(TEMPLATES) not in search_path:
        search_path.insert(len(search_path) - 1, str(TEMPLATES))


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    """The raw database file is not downloadable unless the plugin's settings say `allow_download: true`."""
    if action == "view-database-download" and not (datasette.plugin_config("ingest") or {}).get("allow_download"):
        return False
    return None


@hookimpl
def register_routes(datasette):
    """`/-/databases.json` without the file's absolute path (unless `show_paths: true` in the settings);
    the reading view's article and entity pages (ingest/reading_view.py) for every archive."""
    from datasette.views.special import JsonDataView

    def databases():
        shown = (datasette.plugin_config("ingest") or {}).get("show_paths")
        return [database_summary(d, shown) for d in datasette._connected_databases()]

    async def article(request):
        return await article_page(datasette, request, archive_names(datasette))

    async def entity(request):
        return await entity_page(datasette, request, archive_names(datasette))

    return [(r"/-/databases(\.(?P<format>json))?$", JsonDataView.as_view(datasette, "databases.json", databases)),
            (r"^/(?P<database>[^/]+)/-/article/(?P<id>\d+)$", article),
            (r"^/(?P<database>[^/]+)/-/entity/(?P<id>\d+)$", entity)]


@hookimpl
def get_metadata(datasette, key, database, table):
    """The archive block for every archive served; the user's own metadata is merged over it.

    Datasette asks hundreds of times a page, so each instance keeps its own fill: Datasette merges the
    user's metadata into it in place, which gives the same result every time for that instance.
    """
    names = tuple(archive_names(datasette))
    cached = FILLED_METADATA.get(datasette)
    if cached is None or cached[0] != names:
        cached = FILLED_METADATA[datasette] = (names, archive_metadata(every_archive(), list(names)))
    return cached[1]


@hookimpl
def canned_queries(datasette, database):
    """The archive's canned queries in every archive, except those the user's metadata defines."""
    if database not in archive_names(datasette):
        return None
    own = datasette.metadata("queries", database=database, fallback=False) or {}
    return archive_queries(every_archive(), database, own)


@hookimpl
def asgi_wrapper(datasette):
    """A search on a table without a full-text index says so, instead of listing every row."""
    def wrap(app):
        async def refuse_unservable_search(scope, receive, send):
            message = await unservable_search(datasette, scope) if scope.get("type") == "http" else None
            if message is None:
                return await app(scope, receive, send)
            await Response.text(message, status=400).asgi_send(send)
        return refuse_unservable_search
    return wrap


@hookimpl
def render_cell(value, column, table, database, datasette, row):
    if column == "snippet" and isinstance(value, str):
        hits = row["hits"] if "hits" in row.keys() else None
        return Markup(hits_html(value, hits) if isinstance(hits, str) else snippet_html(value))
    reading = reading_link(datasette, database, table, column, value, row)
    if reading is not None:
        return reading
    if table in (None, "numeric_claims") and database in archive_names(datasette):
        number = number_cell(column, value, row)
        if number is not None:
            return number
    if table is None and column in ROW_LINKS and isinstance(value, int):
        href = datasette.urls.row(database, ROW_LINKS[column], value)
        return Markup(f'<a href="{escape(href)}">{value}</a>')
    return None


@hookimpl
def register_output_renderer(datasette):
    """`.excel_csv` on table and query pages, listed beside json and CSV."""
    return {"extension": EXCEL_CSV, "render": excel_csv,
            "can_render": lambda view_name: view_name in ("table", "database")}


async def excel_csv(datasette, request) -> Response:
    """Datasette's own CSV of the page the link was on, with a byte-order mark in front; its errors as they are."""
    csv = await datasette.client.get(PrefixedUrlString(csv_url(request.path, request.query_string)),
                                     headers={"cookie": request.headers.get("cookie", "")})
    if csv.status_code != 200:
        return Response.text(csv.text, status=csv.status_code)
    return Response(UTF8_BOM + csv.content, content_type="text/csv; charset=utf-8",
                    headers={"content-disposition": csv.headers["content-disposition"]})


@hookimpl
def extra_body_script(view_name, table, request):
    if view_name != "table" or table not in HIGHLIGHT_COLUMNS or not request or not request.args.get("_search"):
        return None
    return highlight_script(HIGHLIGHT_COLUMNS[table], request.args.get("_search"))


def reading_link(datasette, database: str, table: str | None, column: str, value, row=None) -> Markup | None:
    """A cell that opens a reading-view page, or None: `article_id` and `entity_id` (the page, then the row),
    an article's or entity's own id (on its row page), title or name (in its table)."""
    own = OWN_READING_LINKS.get((table, column)) if table is not None else None
    page, row_table = READING_LINKS.get(column) or own or (None, None)
    if page is None or database not in archive_names(datasette):
        return None
    if own and isinstance(value, str) and row is not None and "id" in row.keys():
        href = datasette.urls.database(database) + f"/-/{page}/{row['id']}"
        return Markup('<a href="{0}" class="reading-link">{1}</a>').format(href, value)
    label, value = (value["label"], value["value"]) if isinstance(value, dict) else (value, value)
    if not isinstance(value, int):
        return None
    shown, row_text = (label or "-", value) if label != value else (value, "row")
    return Markup('<a href="{0}" class="reading-link">{1}</a>&nbsp;<a href="{2}"><em>{3}</em></a>').format(
        datasette.urls.database(database) + f"/-/{page}/{value}", shown,
        datasette.urls.row(database, row_table, value), row_text)


def number_cell(column: str, value, row=None) -> Markup | None:
    """A claimed figure as written with separators, and beside `value` the claim's own words (its
    `surface`, `79万余人次`) when the row has them; a search score rounded. None for other cells."""
    if isinstance(value, float) and column in SCORE_COLUMNS:
        return Markup('<span title="{0}">{1}</span>').format(repr(value), rounded_score(value))
    if column not in STATED_COLUMNS or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    surface = row["surface"] if column == "value" and row is not None and "surface" in row.keys() else None
    if isinstance(surface, str) and surface:
        return Markup('{0} <small class="as-written">{1}</small>').format(stated_number(value), surface)
    return Markup("{0}").format(stated_number(value))


def rounded_score(value: float) -> str:
    """A BM25 score to two decimals (-1.567e-06 → `0.00`, -0.8911 → `-0.89`), without a minus on zero."""
    text = f"{value:.2f}"
    return text[1:] if text == "-0.00" else text


@lru_cache(maxsize=1)
def every_archive() -> dict:
    """metadata.yml's block for every archive, read once."""
    return read_metadata()["every_archive"]


def archive_names(datasette) -> list[str]:
    """The served databases whose schema is an ingest archive, in serving order."""
    return [name for name, db in datasette.databases.items()
            if db.path and not db.is_memory and is_archive_file(db.path)]


async def unservable_search(datasette, scope: dict) -> str | None:
    """The refusal for a table-page search that no full-text index can serve, else None."""
    parameters = search_parameters(scope.get("query_string", b"").decode("latin-1"))
    parts = scope.get("path", "").strip("/").split("/")
    routes = {db.route: name for name, db in datasette.databases.items()}
    if not parameters or len(parts) != 2 or tilde_decode(parts[0]) not in routes:
        return None
    database = routes[tilde_decode(parts[0])]
    names = await datasette.databases[database].table_names()
    table = tilde_decode(parts[1])
    table = table if table in names else table.rsplit(".", 1)[0]
    if table not in names:
        return None
    if datasette.metadata("fts_table", database=database, table=table, fallback=False):
        return None
    if await datasette.databases[database].fts_table(table):
        return None
    return no_search_message(table, parameters)


def csv_url(excel_csv_path: str, query_string: str) -> str:
    """The ordinary CSV download behind an `.excel_csv` link: every row the page can give (`_size=max`,
    as Datasette's own CSV link, unless the link says otherwise), as a file."""
    args = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if k != "_dl"]
    if not any(k == "_size" for k, _ in args):
        args.append(("_size", "max"))
    return excel_csv_path.removesuffix("." + EXCEL_CSV) + ".csv?" + urlencode(args + [("_dl", "on")])


def database_summary(database: dict, show_path: bool = False) -> dict:
    """What `/-/databases.json` says of one database: everything but where the file lives on the server."""
    return {k: v for k, v in database.items() if show_path or k != "path"}


def escape_chinese_fts(query: str) -> str:
    """Chinese queries become phrase queries over the folded index; others go to Datasette's escaping."""
    if has_chinese(query):
        return fts_query(query)
    return datasette_escape_fts(query)


def highlight_script(columns: tuple[str, ...], query: str) -> str:
    """Mark each part of the query (folded to Simplified, as the text is) in the columns' cells.

    Only text nodes are touched, so the page's text is never parsed as HTML.
    """
    selector = ", ".join(f"td.col-{c}" for c in columns)
    parts = json.dumps([normalise(p) for p in query.split()], ensure_ascii=False).replace("<", "\\u003c")
    return """
(function () {
  var parts = %s;
  if (!parts.length) return;
  document.querySelectorAll("%s").forEach(function (cell) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), nodes = [], n;
    while ((n = walker.nextNode())) nodes.push(n);
    nodes.forEach(function (node) {
      var text = node.nodeValue, frag = document.createDocumentFragment(), pos = 0, found = false;
      while (true) {
        var best = -1, len = 0;
        parts.forEach(function (p) {
          var i = text.indexOf(p, pos);
          if (i !== -1 && (best === -1 || i < best)) { best = i; len = p.length; }
        });
        if (best === -1) break;
        found = true;
        frag.appendChild(document.createTextNode(text.slice(pos, best)));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(best, best + len);
        frag.appendChild(mark);
        pos = best + len;
      }
      if (!found) return;
      frag.appendChild(document.createTextNode(text.slice(pos)));
      node.parentNode.replaceChild(frag, node);
    });
  });
})();
""" % (parts, selector)
