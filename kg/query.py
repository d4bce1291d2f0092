"""SPARQL over a built graph, through rdflib."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from kg.graph import PREFIXES


class QueryError(Exception):
    """A query that cannot run: missing graph or broken SPARQL."""


def load_graph(path: Path) -> Graph:
    if not path.exists():
        raise QueryError(f"{path}: no such graph (run `kg build` first)")
    g = Graph()
    try:
        g.parse(path)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise QueryError(f"{path}: not a readable RDF file ({exc})") from exc
    return g


def run_query(path: Path, sparql: str) -> Result:
    """Run ``sparql`` on the graph at ``path`` with the project's prefixes bound."""
    g = load_graph(path)
    try:
        return g.query(sparql, initNs=PREFIXES)
    except Exception as exc:  # pyparsing.ParseException and friends
        raise QueryError(f"bad SPARQL: {exc}") from exc


def _rows(result: Result) -> tuple[list[str], list[list[str]]]:
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["s", "p", "o"], [[str(t) for t in triple] for triple in result.graph]
    names = [str(v) for v in result.vars]
    return names, [["" if v is None else str(v) for v in row] for row in result]


def format_result(result: Result, fmt: str = "table") -> str:
    header, rows = _rows(result)
    if fmt == "json":
        return json.dumps([dict(zip(header, r)) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    if not rows:
        return "(no results)"
    widths = [max(_width(x) for x in col) for col in zip(header, *rows)]
    fmt_row = lambda r: "  ".join(x + " " * (w - _width(x)) for x, w in zip(r, widths))
    return "\n".join([fmt_row(header), fmt_row(["-" * w for w in widths])] + [fmt_row(r) for r in rows])


def _width(s: str) -> int:
    # Han characters take two terminal columns.
    return sum(2 if "\u2e80" <= c <= "\uffef" else 1 for c in s)
