"""Datasette plugin: Chinese search in Datasette's own search box, and search snippets shown safely.

Registered through the `datasette` entry point in pyproject.toml. Hooks first; the helpers they
call live in `ingest.search` and are tested without Datasette.
"""
from __future__ import annotations

import json

from datasette import hookimpl
from datasette.utils import escape_fts as datasette_escape_fts
from markupsafe import Markup, escape

from .normalise import normalise
from .search import fts_query, has_chinese, snippet, snippet_html

# Tables whose page gets its search hits highlighted, and the columns to highlight in.
HIGHLIGHT_COLUMNS = {"paragraphs": ("text", "text_original"), "articles": ("title", "title_original")}
# Columns of canned queries that link to a row.
ROW_LINKS = {"paragraph_id": "paragraphs", "article_id": "articles"}


# Memory-map this much of the database: a search over a frequent character probes the table once
# per hit, and mapped pages cost no system call (168 → 72 ms for a count over 168 k hits).
MMAP_BYTES = 1 << 30


@hookimpl(trylast=True)
def prepare_connection(conn):
    """Replace Datasette's `escape_fts` (registered before us), add the snippet function, map the file."""
    conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    conn.create_function("escape_fts", 1, escape_chinese_fts, deterministic=True)
    conn.create_function("zh_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("zh_snippet", 2, snippet, deterministic=True)


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    """The raw database file is not downloadable unless the plugin's settings say `allow_download: true`."""
    if action == "view-database-download" and not (datasette.plugin_config("ingest") or {}).get("allow_download"):
        return False
    return None


@hookimpl
def register_routes(datasette):
    """`/-/databases.json` without the file's absolute path (unless `show_paths: true` in the settings)."""
    from datasette.views.special import JsonDataView

    def databases():
        shown = (datasette.plugin_config("ingest") or {}).get("show_paths")
        return [database_summary(d, shown) for d in datasette._connected_databases()]

    return [(r"/-/databases(\.(?P<format>json))?$", JsonDataView.as_view(datasette, "databases.json", databases))]


@hookimpl
def render_cell(value, column, table, database, datasette):
    if column == "snippet" and isinstance(value, str):
        return Markup(snippet_html(value))
    if table is None and column in ROW_LINKS and isinstance(value, int):
        href = datasette.urls.row(database, ROW_LINKS[column], value)
        return Markup(f'<a href="{escape(href)}">{value}</a>')
    return None


@hookimpl
def extra_body_script(view_name, table, request):
    if view_name != "table" or table not in HIGHLIGHT_COLUMNS or not request or not request.args.get("_search"):
        return None
    return highlight_script(HIGHLIGHT_COLUMNS[table], request.args.get("_search"))


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
