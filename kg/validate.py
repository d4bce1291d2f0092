"""Check a graph against the SHACL shapes of ``ontology/shapes.ttl`` (pyshacl).

``kg validate [FILE]`` prints ``conforms``, or the violations grouped by
shape and message with one line per node and value that broke it, and exits
0 or 1 (2 when the graph cannot be read). The graph is any form
:func:`kg.graphio.open_graph` reads (a dataset: the union of its graphs).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from rdflib import RDF, ConjunctiveGraph, Graph, URIRef
from rdflib.namespace import SH, SKOS

from kg.graph import ID, SHAPES_FILE, ontology
from kg.graphio import GraphError, local_name, open_graph


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    value: str
    message: str
    shape: str                     # the shape's name, or "property PATH" for an unnamed one
    value_types: str = ""          # the hkg: types of the value, when it is a node

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value else ""
        return f"{self.focus}{where}{value}: {self.message}"

    @property
    def detail(self) -> str:
        """The node and value that broke the shape, on one line."""
        where = f"  {self.path}" if self.path else ""
        value = f" = {self.value}" if self.value and self.value != self.focus else ""
        kind = f"  [{self.value_types}]" if self.value_types else ""
        return f"{self.focus}{where}{value}{kind}"


@dataclass
class Report:
    conforms: bool
    violations: list[Violation]    # distinct, by shape and message
    text: str                      # pyshacl's own report


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


class _QueriesParsedOnce(Graph):
    """A graph whose SPARQL queries given as text are parsed once per text.

    pyshacl runs a SPARQL constraint once per focus node, with the same text
    and the node bound, and rdflib parses the text every time: half of a
    validation went to the parser. A prepared query is what rdflib itself
    makes of the text (the graph's prefixes in scope)."""

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object, tuple(self.namespaces()))
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepared(text: str, namespaces: tuple):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=dict(namespaces))


def _copy(g: Graph) -> Graph:
    """``g`` as pyshacl copies a graph before mixing the ontology in, into a
    graph whose queries are parsed once."""
    if isinstance(g, ConjunctiveGraph):      # pyshacl validates each named graph of these
        return g
    out = _QueriesParsedOnce(identifier=g.identifier, bind_namespaces="core")
    for prefix, namespace in g.namespace_manager.namespaces():
        out.namespace_manager.bind(prefix, namespace, override=True, replace=True)
    for triple in g:
        out.add(triple)
    return out


def validate(g: Graph) -> Report:
    """Validate ``g`` (the ontology is mixed in when ``g`` lacks it; no
    inference is needed: the shapes name the types they accept)."""
    from pyshacl import validate as shacl

    data = _copy(g)
    conforms, report, text = shacl(data, shacl_graph=shapes(), ont_graph=ontology(), inplace=data is not g,
                                   inference="none", advanced=False, allow_warnings=False)
    if not isinstance(report, Graph):   # pyshacl could not run the shapes
        raise RuntimeError(f"SHACL validation failed to run: {report}")
    violations = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        get = lambda p: report.value(r, p)
        shape, path, value = get(SH.sourceShape), get(SH.resultPath), get(SH.value)
        violations.add(Violation(
            focus=_name(g, get(SH.focusNode)), path=_show(path), value=_name(g, value),
            message=_message(get(SH.resultMessage)),
            shape=_shape_name(shape, path),
            value_types=_types(g, value if value is not None else get(SH.focusNode))))
    return Report(bool(conforms), sorted(violations, key=lambda v: (v.shape, v.message, str(v))), text)


def _shape_name(shape, path) -> str:
    if isinstance(shape, URIRef):
        return "hkgsh:" + str(shape).rsplit("#", 1)[-1]
    return f"the shape of {_show(path)}"   # an unnamed property shape


def _message(text) -> str:
    # pyshacl's summaries of sh:node/sh:or name the node in the text and send
    # the reader to details it does not give: the node is on its own line
    text = re.sub(r"^Node <[^>]*> ", "", str(text or ""))
    classes = re.findall(r"\[ sh:class (\S+) \]", text)
    if text.startswith("must conform to one or more shapes in") and classes:
        text = f"must be one of {', '.join(classes)}"   # an sh:or of classes
    return text.replace(" See details for more information.", "").strip()


def _name(g: Graph, term) -> str:
    """A node as people read it: its name and IRI path, or the term."""
    if term is None:
        return ""
    label = g.value(term, SKOS.prefLabel) if isinstance(term, URIRef) else None
    short = str(term)[len(str(ID)):] if str(term).startswith(str(ID)) else _show(term)
    return f"{label} <{short}>" if label is not None else short


def _types(g: Graph, term) -> str:
    if not isinstance(term, URIRef) or (term, None, None) not in g:
        return ""
    types = sorted(_show(t) for t in g.objects(term, RDF.type) if local_name(t))
    return " and ".join(f"a {t}" for t in types) if types else "no hkg: type"


def _show(term) -> str:
    if term is None:
        return ""
    from kg.query import show
    return show(term)


def group(violations: list[Violation]) -> dict[str, list[Violation]]:
    """Violations by shape, in report order."""
    out: dict[str, list[Violation]] = {}
    for v in violations:
        out.setdefault(v.shape, []).append(v)
    return out


def format_report(report: Report, limit: int = 0) -> str:
    """One block per shape: its message, then one line per node and value that
    broke it (at most ``limit`` lines a block; 0: all)."""
    lines = []
    for shape, items in group(report.violations).items():
        messages = sorted({v.message for v in items})
        one = messages[0] if len(messages) == 1 else ""
        lines.append(f"{shape}: {one or 'violated'} ({len(items)} violation{'s' if len(items) != 1 else ''})")
        shown = items[:limit] if limit else items
        lines.extend(f"  {v.detail}" + ("" if one else f": {v.message}") for v in shown)
        if len(items) > len(shown):
            lines.append(f"  … and {len(items) - len(shown)} more")
    return "\n".join(lines)


def command(args) -> int:
    """``kg validate``: 0 when the graph conforms, 1 when it does not, 2 when
    it cannot be read."""
    spec = args.graph or args.file
    try:
        g = open_graph(spec)
    except GraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = validate(g)
    if report.conforms:
        print(f"{spec}: conforms ({len(g)} triples)")
        return 0
    print(format_report(report, args.limit))
    shapes_broken = len(group(report.violations))
    print(f"{spec}: {len(report.violations)} violation(s) of {shapes_broken} shape(s)", file=sys.stderr)
    return 1
