"""SPARQL over a built graph, through rdflib.

SELECT, ASK, CONSTRUCT and DESCRIBE run with the ontology's prefixes bound
(``hkg:``, ``skos:``, ``prov:``, ``dcterms:``, ``rdf:``, ``xsd:``). A query's
variables can be filled from outside (``--param name=value``): the value is
bound before the query runs (rdflib's ``initBindings``), so a canned query in
``queries/`` can test ``!BOUND(?name) || str(?label) = ?name`` and serve both
"all hospitals" and "this hospital".
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, TextIO

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Identifier

from kg.graph import PREFIXES
from kg.graphio import GraphError, bind_prefixes, open_graph

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
FORMATS = ("table", "csv", "tsv", "json", "turtle")
GRAPH_RESULTS = ("CONSTRUCT", "DESCRIBE")


class QueryError(Exception):
    """A query that cannot run: missing graph, broken SPARQL, bad parameter."""


class QuerySyntaxError(QueryError):
    """SPARQL that does not parse; ``line`` and ``column`` count from 1."""

    def __init__(self, message: str, line: int, column: int, text: str = "") -> None:
        self.line, self.column, self.text = line, column, text
        where = f"line {line}, column {column}"
        full = f"SPARQL syntax error at {where}: {message}"
        if text:
            full += f"\n  {text}\n  {' ' * (column - 1)}^"
        super().__init__(full)


def load_graph(spec: Path | str) -> Graph:
    """The graph at ``spec`` (any form :func:`kg.graphio.open_graph` reads),
    a :class:`QueryError` when it cannot be read."""
    try:
        return open_graph(spec)
    except GraphError as exc:
        raise QueryError(str(exc)) from exc


# --- parameters ------------------------------------------------------------

def to_term(value: str) -> Identifier:
    """A ``--param`` value as an RDF term: ``<iri>`` → IRI, an integer →
    ``xsd:integer``, anything else → a plain string literal (labels in the
    graph carry ``@zh``: compare with ``str(?label) = ?name``)."""
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        return URIRef(value[1:-1])
    if re.fullmatch(r"[+-]?\d+", value):
        return Literal(int(value))
    return Literal(value)


def parse_params(pairs: Iterable[str]) -> dict[str, Identifier]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"\w+", name):
            raise QueryError(f"--param wants NAME=VALUE, got {pair!r}")
        params[name] = to_term(value)
    return params


# Parameters that name an entity (the canned queries' ``?name``, and
# ``?subject``/``?object`` of provenance.rq): kg.names resolves their value
# to one entity, and the parameter is bound to that entity's canonical name.
ENTITY_PARAMS = ("name", "subject", "object")


def resolve_names(g: Graph, params: dict[str, Identifier], sparql: str) -> dict[str, Identifier]:
    """``params`` with each entity name (:data:`ENTITY_PARAMS` the query uses)
    replaced by the canonical name of the entity it picks out; raises
    :class:`kg.names.NameLookupError` when it picks none or several.

    >>> from kg.graph import build_graph
    >>> from kg.model import Entity
    >>> g = build_graph([], [Entity("甲州大学东湖医院", "Hospital")], [], with_ontology=False)
    >>> resolve_names(g, {"name": Literal("东湖医院")}, "SELECT * { ?s ?p ?name }")
    {'name': rdflib.term.Literal('甲州大学东湖医院')}
    """
    from kg.names import Names

    wanted = [k for k in ENTITY_PARAMS if k in params and k in query_variables(sparql)
              and isinstance(params[k], Literal)]
    if not wanted:
        return params
    names = Names.of(g)
    return {**params, **{k: Literal(names.lookup_one(str(params[k])).label) for k in wanted}}


# --- running ---------------------------------------------------------------

def _position(sparql: str, index: int) -> tuple[int, int, str]:
    before = sparql[:index]
    line = before.count("\n") + 1
    column = index - (before.rfind("\n") + 1) + 1
    return line, column, sparql.splitlines()[line - 1] if sparql.splitlines() else ""


def prepare(sparql: str):
    """Parse ``sparql`` with the project's prefixes; errors carry line and column."""
    if not sparql.strip():
        raise QueryError("empty query")
    try:
        return prepareQuery(sparql, initNs=PREFIXES)
    except Exception as exc:
        lineno = getattr(exc, "lineno", None)
        if lineno is not None:   # pyparsing.ParseException and kin
            msg = getattr(exc, "msg", str(exc))
            found = re.search(r", found .*", str(exc).split("  (at char")[0])
            raise QuerySyntaxError(msg + (found.group() if found else ""), lineno,
                                   getattr(exc, "col", 1), getattr(exc, "line", "")) from exc
        m = re.match(r"Unknown namespace prefix : (\S+)", str(exc))
        if m:   # rdflib reports this one without a position: find it
            hit = re.search(rf"(?<![\w:]){re.escape(m.group(1))}:", sparql)
            line, column, text = _position(sparql, hit.start() if hit else 0)
            raise QuerySyntaxError(f"unknown prefix {m.group(1)}: (the ontology's are "
                                   f"{', '.join(p + ':' for p in PREFIXES)})", line, column, text) from exc
        raise QueryError(f"bad SPARQL: {exc}") from exc


def query_variables(sparql: str) -> set[str]:
    return set(re.findall(r"[?$](\w+)", sparql))


def run(g: Graph, sparql: str, params: dict[str, Identifier] | None = None,
        limits=None) -> Result:
    """Run ``sparql`` on ``g`` to the end; ``params`` are bound before
    evaluation. SERVICE and FROM are refused unless ``limits`` (a
    :class:`kg.sparql_guard.Limits`) allows their IRI; ``limits.max_rows``
    caps the answer (its time limit is :func:`answer`'s)."""
    from kg.sparql_guard import NO_LIMITS, materialise, refuse_remote

    limits = limits or NO_LIMITS
    prepared = prepare(sparql)
    refuse_remote(prepared.algebra, limits.allow_service)
    params = params or {}
    unknown = sorted(set(params) - query_variables(sparql))
    if unknown:
        raise QueryError(f"the query has no variable ?{unknown[0]} to fill "
                         f"(variables: {', '.join('?' + v for v in sorted(query_variables(sparql)))})")
    try:
        return materialise(g.query(prepared, initBindings=params), limits.max_rows)
    except QueryError:
        raise
    except Exception as exc:   # rdflib: bare Exceptions, re.error from REGEX, …
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from exc


def run_query(path: Path, sparql: str, params: dict[str, Identifier] | None = None) -> Result:
    """Run ``sparql`` on the graph at ``path`` with the project's prefixes bound."""
    return run(load_graph(path), sparql, params)


def answer(g: Graph, sparql: str, params: dict[str, Identifier] | None = None,
           fmt: str = "table", limits=None) -> tuple[str, bool]:
    """``(formatted answer, whether it is empty)`` of :func:`run`; with a time
    limit in ``limits`` the query runs in a worker process killed at the limit.

    >>> from kg.sparql_guard import Limits
    >>> answer(Graph(), "ASK {}", fmt="json", limits=Limits(timeout=30))
    ('{"ask": true}', False)
    """
    from kg.sparql_guard import NO_LIMITS, call_with_time_limit

    limits = limits or NO_LIMITS

    def work() -> tuple[str, bool]:
        result = run(g, sparql, params, limits)
        return format_result(result, fmt), is_empty(result)

    return call_with_time_limit(work, timeout=limits.timeout) if limits.timeout else work()


# --- canned queries --------------------------------------------------------

@dataclass
class CannedQuery:
    name: str
    path: Path
    title: str
    params: list[tuple[str, str]]     # (name, description)
    text: str


def read_canned(path: Path) -> CannedQuery:
    """A ``.rq`` file whose leading ``#`` lines are its title and ``# param
    NAME: description`` lines."""
    text = path.read_text(encoding="utf-8")
    title, params, in_title = [], [], True
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        m = re.match(r"param\s+(\w+)\s*:\s*(.*)", body)
        if m:
            params.append((m.group(1), m.group(2)))
        elif not body:
            in_title = not title     # a blank comment line ends the title
        elif in_title and not params:
            title.append(body)
    return CannedQuery(path.stem, path, " ".join(title), params, text)


def canned_queries(folder: Path = QUERIES_DIR) -> list[CannedQuery]:
    return [read_canned(p) for p in sorted(folder.glob("*.rq"))]


def read_query_file(spec: str, folder: Path = QUERIES_DIR) -> str:
    """The text of ``spec``: a file, or the name of a canned query (``partners``)."""
    path = Path(spec)
    if not path.is_file():
        canned = folder / (spec if spec.endswith(".rq") else spec + ".rq")
        if not canned.is_file():
            names = ", ".join(q.name for q in canned_queries(folder)) or "none"
            raise QueryError(f"{spec}: no such query file (canned queries: {names})")
        path = canned
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{spec}: cannot read ({exc})") from exc


# --- formatting ------------------------------------------------------------

def is_empty(result: Result) -> bool:
    if result.type == "ASK":
        return False
    if result.type in GRAPH_RESULTS:
        return len(result.graph) == 0
    return len(result.bindings) == 0


def show(term, g: Graph | None = None) -> str:
    """A term for people: literals as text, IRIs as ``prefix:name`` where the
    ontology's prefixes cover them."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            local = str(term)[len(str(ns)):] if str(term).startswith(str(ns)) else None
            if local and re.fullmatch(r"[A-Za-z_][\w\-]*", local):
                return f"{prefix}:{local}"
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def result_rows(result: Result, human: bool) -> tuple[list[str], list[list[str]]]:
    cell = show if human else (lambda t: "" if t is None else str(t))
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type in GRAPH_RESULTS:
        triples = sorted(result.graph, key=lambda t: tuple(str(x) for x in t))
        return ["s", "p", "o"], [[cell(x) for x in t] for t in triples]
    names = [str(v) for v in result.vars]
    return names, [[cell(row[v]) for v in result.vars] for row in result]


def format_result(result: Result, fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "turtle":
        if result.type not in GRAPH_RESULTS:
            raise QueryError(f"--format turtle is for CONSTRUCT and DESCRIBE, not {result.type}")
        return bind_prefixes(result.graph).serialize(format="turtle").rstrip("\n")
    if fmt == "json":
        if result.type == "ASK":
            return json.dumps({"ask": bool(result.askAnswer)})
        if result.type in GRAPH_RESULTS:   # JSON-LD
            return bind_prefixes(result.graph).serialize(format="json-ld", indent=2)
        header, rows = result_rows(result, human=False)
        return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        header, rows = result_rows(result, human=False)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n", delimiter="," if fmt == "csv" else "\t")
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    header, rows = result_rows(result, human=True)
    if not rows:
        return "(no results)"
    text = render_table(header, rows)
    if result.type != "ASK":
        n = len(rows)
        text += f"\n({n} {'triple' if result.type in GRAPH_RESULTS else 'row'}{'s' if n != 1 else ''})"
    return text


def render_table(header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table whose columns line up in a terminal, Han included."""
    rows = [[str(x) for x in r] for r in rows]
    widths = [max(_width(x) for x in col) for col in zip(header, *rows)]
    fmt_row = lambda r: "  ".join(x + " " * (w - _width(x)) for x, w in zip(r, widths)).rstrip()
    return "\n".join([fmt_row(header), fmt_row(["-" * w for w in widths])] + [fmt_row(r) for r in rows])


def _width(s: str) -> int:
    # Han characters and full-width forms take two terminal columns.
    return sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in s)


# --- the command -----------------------------------------------------------

def list_canned(folder: Path = QUERIES_DIR) -> str:
    lines = []
    for q in canned_queries(folder):
        lines.append(f"{q.name}  (-f {q.path.relative_to(folder.parent) if folder.parent in q.path.parents else q.path})")
        lines.append(f"    {q.title}")
        lines.extend(f"    --param {n}=…  {d}" for n, d in q.params)
    return "\n".join(lines) or "(no canned queries)"


def limits_of(args, timeout: float | None = None, max_rows: int | None = None):
    """The :class:`kg.sparql_guard.Limits` of ``--timeout``, ``--max-rows``
    and ``--allow-service`` (0: no limit; absent: the given defaults)."""
    from kg.sparql_guard import Limits

    timeout = getattr(args, "timeout", None) if getattr(args, "timeout", None) is not None else timeout
    max_rows = getattr(args, "max_rows", None) if getattr(args, "max_rows", None) is not None else max_rows
    if (timeout or 0) < 0 or (max_rows or 0) < 0:
        raise QueryError("--timeout and --max-rows must be 0 (no limit) or more")
    return Limits(timeout=timeout or None, max_rows=max_rows or None,
                  allow_service=tuple(getattr(args, "allow_service", None) or ()))


def command(args, stdin: TextIO | None = None, stdout: TextIO | None = None,
            stderr: TextIO | None = None) -> int:
    """``kg query``: 0 on success (an empty result included), 1 when a name
    parameter picks out no entity or several, 2 on any other error."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        if getattr(args, "list", False):
            print(list_canned(), file=stdout)
            return 0
        if args.file and args.sparql not in (None,):
            raise QueryError("give the query as an argument or with -f, not both")
        if args.file:
            sparql = read_query_file(args.file)
        elif args.sparql is not None and args.sparql != "-":
            sparql = args.sparql
        elif args.sparql == "-" or not stdin.isatty():
            sparql = stdin.read()
        else:
            raise QueryError("no query: give it as an argument, with -f FILE, or on stdin")
        limits = limits_of(args)
        g = load_graph(args.graph)
        out, empty = answer(g, sparql, resolve_names(g, parse_params(args.param or []), sparql),
                            args.format, limits)
    except QueryError as exc:
        print(f"error: {exc}", file=stderr)
        return 2
    except LookupError as exc:   # a --param name that picks out no entity, or several
        print(f"error: {exc.args[0]}", file=stderr)
        return 1
    if empty and args.format != "table":
        # the table says "(no results)" itself; keep machine formats clean
        print("no results", file=stderr)
    print(out, file=stdout)
    return 0
