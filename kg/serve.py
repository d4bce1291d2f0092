"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a built graph, and a
query page for people, on localhost.

The endpoint is rdflib-endpoint's ``SparqlEndpoint`` (FastAPI, run by
uvicorn) mounted at ``/sparql``: it answers the protocol's GET ``?query=``,
POST ``application/sparql-query`` and POST form requests, with content
negotiation (SPARQL JSON/XML/CSV/TSV results, Turtle and other RDF for
CONSTRUCT/DESCRIBE), on the same rdflib graph and with the same prefixes as
``kg query``, so a canned query gives the same answer in both.

rdflib-endpoint's own page loads YASGUI from a CDN; the page at ``/`` here
replaces it with a plain form rendered on the server: no JavaScript, nothing
fetched from elsewhere, so it works offline.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from rdflib import Graph

from kg.query import QueryError, canned_queries, is_empty, parse_params, result_rows, run

ENDPOINT = "/sparql"
DEFAULT_QUERY = """SELECT ?hospital (COUNT(DISTINCT ?p) AS ?partners) WHERE {
  ?h a hkg:Hospital ; skos:prefLabel ?hospital .
  { ?h hkg:partnersWith ?p } UNION { ?p hkg:partnersWith ?h }
}
GROUP BY ?hospital ORDER BY DESC(?partners)"""

PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5em; color: #222; }}
textarea {{ width: 100%; font-family: ui-monospace, monospace; font-size: 0.95em; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
th, td {{ border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }}
.error {{ color: #b00020; white-space: pre; font-family: ui-monospace, monospace; }}
.note {{ color: #666; font-size: 0.9em; }}
nav a {{ margin-right: 0.8em; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="note">{triples} triples from <code>{source}</code>. Prefixes bound: {prefixes}.
Programs use the SPARQL 1.1 Protocol endpoint at <code>{endpoint}</code>.</p>
<nav>Canned queries: {canned}</nav>
<form method="get" action="/">
<p><textarea name="query" rows="14" spellcheck="false">{query}</textarea></p>
<p><label>Parameters, one <code>name=value</code> a line (fill the canned queries' variables):<br>
<textarea name="params" rows="3" spellcheck="false">{params}</textarea></label></p>
<p><button type="submit">Run</button></p>
</form>
{output}
</body>
</html>
"""


def _canned_links() -> str:
    return " ".join(
        f'<a href="/?canned={html.escape(q.name)}" title="{html.escape(q.title)}">{html.escape(q.name)}</a>'
        for q in canned_queries())


def render_page(g: Graph, source: str, query: str | None = None, params: str = "",
                canned: str | None = None) -> str:
    """The query page: with ``canned``, that query loaded into the form; with
    ``query``, its results (or its error) under the form."""
    output = ""
    if canned and not query:
        found = {q.name: q for q in canned_queries()}.get(canned)
        if found is None:
            output = f'<p class="error">no canned query {html.escape(canned)}</p>'
        else:
            query = found.text
            params = params or "\n".join(f"{n}=" for n, _ in found.params)
            output = f'<p class="note">{html.escape(found.title)}</p>' + "".join(
                f'<p class="note"><code>{html.escape(n)}</code>: {html.escape(d)}</p>'
                for n, d in found.params)
    elif query:
        try:
            # a parameter left empty (``name=``) stays unbound
            pairs = [line.strip() for line in params.splitlines()
                     if line.strip() and not line.strip().endswith("=")]
            output = _result_html(run(g, query, parse_params(pairs)))
        except QueryError as exc:
            output = f'<p class="error">{html.escape(str(exc))}</p>'
    return _page(g, source, query or DEFAULT_QUERY, params, output)


def _page(g: Graph, source: str, query: str, params: str, output: str) -> str:
    from kg.graph import PREFIXES

    return PAGE.format(
        title="hospital-kg SPARQL", triples=len(g), source=html.escape(source),
        prefixes=", ".join(f"<code>{p}:</code>" for p in PREFIXES), endpoint=ENDPOINT,
        canned=_canned_links(), query=html.escape(query), params=html.escape(params),
        output=output)


def _result_html(result) -> str:
    if is_empty(result):
        return '<p class="note">No results.</p>'
    header, rows = result_rows(result, human=True)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    n = len(rows)
    return f'<p class="note">{n} row{"s" if n != 1 else ""}</p>\n<table>\n<tr>{head}</tr>\n{body}\n</table>'


def make_app(g: Graph, source: str = "graph"):
    """The ASGI app: the SPARQL endpoint at ``/sparql``, the page at ``/``."""
    from fastapi.responses import HTMLResponse
    from rdflib_endpoint import SparqlEndpoint

    app = SparqlEndpoint(
        graph=g, path=ENDPOINT, title="hospital-kg SPARQL endpoint",
        description="Hospitals, party organisations and their relations, read from Chinese news articles.",
        cors_enabled=False, enable_update=False,
        example_queries={q.name: {"query": q.text} for q in canned_queries()} or None,
    )

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(query: str | None = None, params: str = "", canned: str | None = None) -> HTMLResponse:
        return HTMLResponse(render_page(g, source, query, params, canned))

    return app


def command(args, stderr=None) -> int:
    """``kg serve``: runs until interrupted; 2 when the graph cannot be read,
    1 when the port cannot be opened."""
    import uvicorn

    from kg.query import load_graph

    stderr = stderr or sys.stderr
    try:
        g = load_graph(args.graph)
    except QueryError as exc:
        print(f"error: {exc}", file=stderr)
        return 2
    app = make_app(g, str(args.graph))
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"serving {args.graph} ({len(g)} triples)\n"
          f"  query page:      http://{host}:{args.port}/\n"
          f"  SPARQL endpoint: http://{host}:{args.port}{ENDPOINT}\n"
          f"Ctrl-C stops.", file=stderr, flush=True)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    except SystemExit as exc:   # uvicorn exits when it cannot bind
        if exc.code:
            print(f"error: cannot serve on {args.host}:{args.port}", file=stderr)
            return 1
    return 0
