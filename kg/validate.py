"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl).

``kg validate [FILE]`` prints ``conforms`` or one line per violation (focus
node, property, message) and exits 0 or 1 (2 when the file cannot be read).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Dataset, Graph
from rdflib.namespace import SH

from kg.graph import SHAPES_FILE, ontology


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    value: str
    message: str
    shape: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.focus}{where}{value}: {self.message}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation]
    text: str                      # pyshacl's own report


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def validate(g: Graph) -> Report:
    """Validate ``g`` (the ontology is mixed in when ``g`` lacks it; no
    inference is needed: the shapes name the types they accept)."""
    from pyshacl import validate as shacl

    conforms, report, text = shacl(g, shacl_graph=shapes(), ont_graph=ontology(),
                                   inference="none", advanced=False, allow_warnings=False)
    if not isinstance(report, Graph):   # pyshacl could not run the shapes
        raise RuntimeError(f"SHACL validation failed to run: {report}")
    violations = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        get = lambda p: report.value(r, p)
        violations.append(Violation(
            focus=_show(get(SH.focusNode)), path=_show(get(SH.resultPath)),
            value=_show(get(SH.value)), message=str(get(SH.resultMessage) or ""),
            shape=_show(get(SH.sourceShape))))
    return Report(bool(conforms), sorted(violations, key=str), text)


def _show(term) -> str:
    if term is None:
        return ""
    from kg.query import show
    return show(term)


def load(path: str | Path) -> Graph:
    """A graph file in any RDF syntax rdflib reads; a TriG or N-Quads dataset
    is validated as the union of its graphs."""
    path = Path(path)
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig",
           ".nq": "nquads", ".rdf": "xml", ".owl": "xml"}.get(path.suffix)
    if fmt in ("trig", "nquads"):
        ds = Dataset(default_union=True)
        ds.parse(path, format=fmt)
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return Graph().parse(path, format=fmt)


def command(args) -> int:
    path = Path(args.file)
    try:
        g = load(path)
    except FileNotFoundError:
        print(f"error: {path}: no such graph (run `kg build` first)", file=sys.stderr)
        return 2
    except Exception as exc:   # rdflib's parsers raise many types
        print(f"error: {path}: not a readable RDF file ({exc})", file=sys.stderr)
        return 2
    report = validate(g)
    if report.conforms:
        print(f"{path}: conforms ({len(g)} triples)")
        return 0
    for v in report.violations[: args.limit or None]:
        print(v)
    more = len(report.violations) - (args.limit or len(report.violations))
    if more > 0:
        print(f"… and {more} more")
    print(f"{path}: {len(report.violations)} violation(s)", file=sys.stderr)
    return 1
