"""``kg serve``: a SPARQL 1.1 Protocol endpoint over a built graph, and a
query page for people, on localhost.

The endpoint at ``/sparql`` answers the protocol's GET ``?query=``, POST
``application/sparql-query`` and POST form requests with content negotiation
(:mod:`kg.sparql_protocol`), on the same rdflib graph and with the same
prefixes as ``kg query``, so a canned query gives the same answer in both.

Safe to share: each query runs in a forked worker process, off the event
loop, killed at its time limit and refused past its row limit; SERVICE and
FROM fetch nothing unless allowed (:mod:`kg.sparql_guard`); updates are
refused; a request must name this server in its Host header and, with
``--token``, carry the token (:mod:`kg.http_guard`); no CORS unless
``--cors ORIGIN``. The page at ``/`` is a plain form rendered on the
server: no JavaScript, nothing fetched from elsewhere, so it works offline.
"""
from __future__ import annotations

import asyncio
import contextlib
import html
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import quote

import uvicorn
from rdflib import Graph

from kg.query import QueryError, canned_queries, is_empty, parse_params, resolve_names, result_rows, run
from kg.sparql_guard import Limits, WorkerStopped, call_with_time_limit, stop_all_workers

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
<form method="get" action="/">{hidden}
<p><textarea name="query" rows="14" spellcheck="false">{query}</textarea></p>
<p><label>Parameters, one <code>name=value</code> a line (fill the canned queries' variables):<br>
<textarea name="params" rows="3" spellcheck="false">{params}</textarea></label></p>
<p><button type="submit">Run</button></p>
</form>
{output}
</body>
</html>
"""


@dataclass(frozen=True)
class Settings:
    """How ``kg serve`` answers: query limits, concurrent queries, who may ask.

    ``hosts``: the Host names answered (empty: any, for tests that call the
    app in-process); ``token``: required bearer token; ``cors``: origins
    whose pages may call the endpoint.
    """

    limits: Limits = Limits()
    workers: int = 4
    hosts: frozenset[str] = frozenset()
    token: str | None = None
    cors: tuple[str, ...] = field(default_factory=tuple)


def _canned_links(token: str = "") -> str:
    extra = f"&amp;access_token={html.escape(quote(token))}" if token else ""
    return " ".join(
        f'<a href="/?canned={html.escape(q.name)}{extra}" title="{html.escape(q.title)}">{html.escape(q.name)}</a>'
        for q in canned_queries())


def render_page(g: Graph, source: str, query: str | None = None, params: str = "",
                canned: str | None = None, limits: Limits = Limits(), token: str = "") -> str:
    """The query page: with ``canned``, that query loaded into the form; with
    ``query``, its results (or its error) under the form. The query runs in
    a worker process within ``limits``; ``token`` is carried by the form."""
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
            bound = resolve_names(g, parse_params(pairs), query)     # name=东湖医院 finds 甲州大学东湖医院
            output = call_with_time_limit(
                lambda: _result_html(run(g, query, bound, limits)), timeout=limits.timeout)
        except QueryError as exc:
            output = f'<p class="error">{html.escape(str(exc))}</p>'
        except LookupError as exc:       # no entity by that name, or several
            output = f'<p class="error">{html.escape(exc.args[0])}</p>'
    return _page(g, source, query or DEFAULT_QUERY, params, output, token)


def _page(g: Graph, source: str, query: str, params: str, output: str, token: str = "") -> str:
    from kg.graph import PREFIXES

    hidden = (f'\n<input type="hidden" name="access_token" value="{html.escape(token)}">'
              if token else "")
    return PAGE.format(
        title="hospital-kg SPARQL", triples=len(g), source=html.escape(source),
        prefixes=", ".join(f"<code>{p}:</code>" for p in PREFIXES), endpoint=ENDPOINT,
        canned=_canned_links(token), query=html.escape(query), params=html.escape(params),
        output=output, hidden=hidden)
def _result_html(result) -> str:
    if is_empty(result):
        return '<p class="note">No results.</p>'
    header, rows = result_rows(result, human=True)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    n = len(rows)
    return f'<p class="note">{n} row{"s" if n != 1 else ""}</p>\n<table>\n<tr>{head}</tr>\n{body}\n</table>'


def make_app(g: Graph, source: str = "graph", settings: Settings = Settings()):
    """The ASGI app: the SPARQL endpoint at ``/sparql``, the page at ``/``.

    Queries wait for one of ``settings.workers`` threads, each of which
    forks a worker process per query, so the event loop is never blocked.
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from kg.http_guard import BearerToken, HostCheck
    from kg.sparql_protocol import BadRequest, answer_bytes, read_body, read_operation, service_description

    pool = ThreadPoolExecutor(max_workers=max(1, settings.workers), thread_name_prefix="query")
    limits = settings.limits

    async def in_pool(fn, *args):
        return await asyncio.get_running_loop().run_in_executor(pool, fn, *args)

    async def page(request):
        q = request.query_params
        args = (g, source, q.get("query"), q.get("params", ""), q.get("canned"), limits,
                q.get("access_token", "") if settings.token else "")
        # the bare form costs nothing; a query waits for a worker
        text = await in_pool(render_page, *args) if q.get("query") else render_page(*args)
        return HTMLResponse(text)

    async def sparql(request):
        try:
            query, update = read_operation(request.method, request.headers.get("content-type", ""),
                                           request.url.query, await read_body(request))
            if update:
                raise BadRequest("updates are refused: the graph is read-only", status=403)
        except BadRequest as exc:
            return PlainTextResponse(f"{exc}\n", status_code=exc.status)
        accept = request.headers.get("accept", "")
        if not query:
            if accept.startswith("text/html"):
                return await page(request)
            return Response(service_description(str(request.url_for("sparql"))), media_type="text/turtle")
        try:
            media, body = await in_pool(call_with_time_limit, answer_bytes,
                                        (g, query, accept, limits), limits.timeout)
        except QueryError as exc:
            return PlainTextResponse(f"{' '.join(str(exc).split())}\n",
                                     status_code=503 if isinstance(exc, WorkerStopped) else 400)
        return Response(body, media_type=media)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        stop_all_workers()       # a query still running must not outlive the server
        pool.shutdown(wait=False, cancel_futures=True)

    middleware = []
    if settings.hosts:
        middleware.append(Middleware(HostCheck, allowed=settings.hosts))
    if settings.cors:   # outside the token check: a CORS preflight carries no token
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors),
                                     allow_methods=["GET", "POST"],
                                     allow_headers=["Authorization", "Content-Type", "Accept"]))
    if settings.token:
        middleware.append(Middleware(BearerToken, token=settings.token))
    routes = [Route("/", page, methods=["GET"]),
              Route(ENDPOINT, sparql, methods=["GET", "POST"], name="sparql"),
              Route(ENDPOINT + "/", sparql, methods=["GET", "POST"])]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def settings_of(args) -> Settings:
    """The :class:`Settings` of ``kg serve``'s arguments."""
    from kg.http_guard import own_names
    from kg.query import limits_of
    from kg.sparql_guard import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT

    return Settings(limits=limits_of(args, DEFAULT_TIMEOUT, DEFAULT_MAX_ROWS), workers=args.workers,
                    hosts=own_names(args.host, tuple(args.allow_host)),
                    token=args.token or os.environ.get("KG_SERVE_TOKEN") or None,
                    cors=tuple(args.cors))


def command(args, stderr=None) -> int:
    """``kg serve``: runs until interrupted (Ctrl-C, SIGTERM); 2 when the
    graph cannot be read or an option is wrong, 1 when the port cannot be opened."""
    from kg.http_guard import is_loopback
    from kg.query import load_graph

    stderr = stderr or sys.stderr
    try:
        if args.workers < 1 or not 0 <= args.port <= 65535:
            raise QueryError("--workers must be at least 1, --port between 0 and 65535")
        settings = settings_of(args)
        g = load_graph(args.graph)
    except QueryError as exc:
        print(f"error: {exc}", file=stderr)
        return 2
    app = make_app(g, str(args.graph), settings)
    host = f"[{args.host}]" if ":" in args.host else args.host
    limits = settings.limits
    print(f"serving {args.graph} ({len(g)} triples)\n"
          f"  query page:      http://{host}:{args.port}/\n"
          f"  SPARQL endpoint: http://{host}:{args.port}{ENDPOINT}\n"
          f"  limits: {limits.timeout or 'no'} s, {limits.max_rows or 'no limit of'} rows a query, "
          f"{settings.workers} at a time; SERVICE/FROM "
          f"{'allowed for ' + ', '.join(limits.allow_service) if limits.allow_service else 'refused'}\n"
          f"Ctrl-C stops.", file=stderr, flush=True)
    if not is_loopback(args.host) and not settings.token:
        print(f"warning: listening on {args.host} without --token: anyone who can reach this "
              f"machine can query the graph", file=stderr, flush=True)
    server = StoppingServer(uvicorn.Config(app, host=args.host, port=args.port, log_level="warning",
                                    timeout_graceful_shutdown=2))
    try:
        server.run()
    except SystemExit:          # uvicorn exits when it cannot bind
        pass
    if not server.started:
        print(f"error: cannot serve on {args.host}:{args.port}", file=stderr)
        return 1
    print("stopped", file=stderr)
    return 0


class StoppingServer(uvicorn.Server):
    """Stops the queries' workers as soon as Ctrl-C or SIGTERM arrives, so
    that the requests waiting on them end (503) and shutdown is prompt."""

    def handle_exit(self, sig, frame) -> None:
        stop_all_workers()
        super().handle_exit(sig, frame)
