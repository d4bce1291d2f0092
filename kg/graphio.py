"""Reading a built graph: the one place that opens one and reads it back.

:func:`open_graph` takes any form a command's ``--graph`` accepts:

- a file in an RDF syntax, by its suffix: ``.ttl`` (or no suffix), ``.nt``,
  ``.jsonld``, ``.rdf``/``.owl`` (RDF/XML), and the datasets ``.trig`` and
  ``.nq``, read as the union of all their graphs;
- ``oxigraph:PATH``, an Oxigraph store written by ``kg build`` (``OUT/store``,
  or ``--store oxigraph:PATH``), read as the union of its default graph and
  every named graph; a folder that is such a store may be named without
  the ``oxigraph:``;
- a build's output folder ``OUT``: its store ``OUT/store``, or, from a
  build that kept no store, its ``OUT/graph.ttl``.

Files are parsed by Oxigraph's parsers (pyoxigraph; faster than rdflib's,
see ``bench/bench_graphio.py``). The result is an in-memory rdflib ``Graph``
with the project's prefixes bound: for a store, a copy read through a
read-only handle, so no lock is held on it afterwards.

:func:`entities`, :func:`relations` and :func:`evidence` read what every
command shows: the entities with their names, the relation triples (a
symmetric relation keyed once per pair) and the sentences and articles
behind each relation.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.graph import _STATEMENT_PROPS, HKG, PREFIXES, entity_nodes
from kg.model import RELATIONS, SYMMETRIC_RELATIONS

__all__ = ["GraphError", "Entity", "Relation", "Evidence", "open_graph", "bind_prefixes",
           "entities", "relations", "evidence", "degrees", "relation_key", "local_name",
           "OXIGRAPH", "graph_of_store", "graph_of_ntriples", "is_store"]

OXIGRAPH = "oxigraph:"
# the syntax of a file, by its suffix; .trig and .nq hold several graphs
SYNTAXES = {".ttl": "TURTLE", "": "TURTLE", ".nt": "N_TRIPLES", ".jsonld": "JSON_LD",
            ".json": "JSON_LD", ".rdf": "RDF_XML", ".owl": "RDF_XML", ".trig": "TRIG", ".nq": "N_QUADS"}


class GraphError(ValueError):
    """A graph that cannot be opened: missing, unreadable, not RDF."""


# --- opening ---------------------------------------------------------------

def bind_prefixes(g: Graph) -> Graph:
    """Bind the project's prefixes (``hkg:``, ``skos:`` …) on ``g`` and return it.

    >>> dict(bind_prefixes(Graph()).namespaces())["hkg"]
    rdflib.term.URIRef('https://w3id.org/hospital-kg/ontology#')
    """
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def open_graph(spec: str | Path) -> Graph:
    """The graph at ``spec`` (a file, ``oxigraph:PATH``, a store's folder or a
    build's output folder), prefixes bound.

    Raises :class:`GraphError` with a one-line reason when it cannot be read.

    >>> open_graph("no/such.ttl")
    Traceback (most recent call last):
    ...
    kg.graphio.GraphError: no/such.ttl: no such graph (run `kg build` first)
    """
    text = str(spec)
    if text.startswith(OXIGRAPH):
        return _read_store(text[len(OXIGRAPH):])
    path = Path(text)
    if path.is_dir():
        return _read_folder(path)
    if not path.is_file():
        raise GraphError(f"{path}: no such graph (run `kg build` first)")
    syntax = SYNTAXES.get(path.suffix.lower())
    if syntax is None:
        known = " ".join(s for s in SYNTAXES if s)
        raise GraphError(f"{path}: unknown graph format {path.suffix!r} (one of {known}, "
                         f"or {OXIGRAPH}PATH)")
    try:
        # Oxigraph's parsers (Rust) read every syntax, several times faster than rdflib's
        quads = pyoxigraph.parse(path=path, format=getattr(pyoxigraph.RdfFormat, syntax),
                                 base_iri=path.resolve().as_uri())
        return bind_prefixes(_graph_of(quads))
    except (SyntaxError, ValueError, OSError) as exc:
        name = syntax.replace("_", "-").lower()
        raise GraphError(f"{path}: not a readable RDF file ({name}: {_first_line(exc)})") from exc


def is_store(folder: Path) -> bool:
    """Whether ``folder`` holds an Oxigraph store (RocksDB's ``CURRENT`` file)."""
    return (Path(folder) / "CURRENT").is_file()


def _read_folder(path: Path) -> Graph:
    """The store a folder is, or holds as ``store/`` (a build's output
    folder); else the folder's ``graph.ttl``."""
    for store in (path, path / "store"):
        if is_store(store):
            return _read_store(str(store))
    if (path / "graph.ttl").is_file():
        return open_graph(path / "graph.ttl")
    raise GraphError(f"{path}: a folder with no graph (neither an Oxigraph store, nor store/ "
                     "or graph.ttl in it; run `kg build --out FOLDER` first)")


def graph_of_store(store: pyoxigraph.Store) -> Graph:
    """An rdflib copy of a pyoxigraph store: the union of all its graphs,
    prefixes bound.

    >>> len(graph_of_store(pyoxigraph.Store()))
    0
    """
    return bind_prefixes(_graph_of(store.quads_for_pattern(None, None, None, None)))


def graph_of_ntriples(data: bytes) -> Graph:
    """An rdflib graph of N-Triples, parsed by Oxigraph, prefixes bound.

    >>> len(graph_of_ntriples(b'<urn:a> <urn:p> "x" .'))
    1
    """
    return bind_prefixes(_graph_of(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)))


def _read_store(path: str) -> Graph:
    if not path or not Path(path).is_dir():
        raise GraphError(f"{OXIGRAPH}{path}: no such Oxigraph store (kg build --store {OXIGRAPH}PATH makes one)")
    try:
        return graph_of_store(pyoxigraph.Store.read_only(path))
    except OSError as exc:
        raise GraphError(f"{OXIGRAPH}{path}: cannot open the Oxigraph store ({_first_line(exc)})") from exc


def _graph_of(quads) -> Graph:
    """An rdflib graph of pyoxigraph quads: the union of all their graphs (the
    same triple in several graphs is one triple of the union)."""
    g = Graph()
    term = _Terms()
    g.addN((term(q.subject), term(q.predicate), term(q.object), g) for q in quads)
    return g


class _Terms(dict):
    """rdflib terms for pyoxigraph ones, each made once (IRIs repeat a lot)."""

    def __call__(self, term):
        found = self.get(term)
        if found is None:
            found = self[term] = _term(term)
        return found


def _term(term):
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):   # RDF 1.1's plain literal, as rdflib writes it
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


# --- reading ---------------------------------------------------------------

@dataclass
class Entity:
    """One entity: IRI, canonical name, ``hkg:`` type, other names, articles."""

    iri: URIRef
    label: str
    type: str
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)    # file names of the articles

    @property
    def names(self) -> list[str]:
        """The canonical name first, then the aliases."""
        return [self.label, *self.aliases]


@dataclass(frozen=True)
class Relation:
    """A relation triple; ``subject``/``object`` of a symmetric one are in IRI order."""

    predicate: str
    subject: URIRef
    object: URIRef


@dataclass
class Evidence:
    """One assertion behind a relation: the sentence and where it is."""

    text: str
    doc: str = ""                 # the article's file name
    title: str = ""
    date: str = ""
    rule: str = ""
    confidence: float | None = None
    start: int | None = None
    attrs: dict[str, str] = field(default_factory=dict)   # year, role …


def local_name(iri) -> str | None:
    """The name in the ``hkg:`` namespace, or None.

    >>> local_name(HKG.partnersWith), local_name(SKOS.prefLabel)
    ('partnersWith', None)
    """
    text = str(iri)
    return text[len(str(HKG)):] if text.startswith(str(HKG)) else None


def relation_key(predicate: str, s: URIRef, o: URIRef) -> Relation:
    """The key of a relation: a symmetric one is the same key both ways.

    >>> a, b = URIRef("urn:a"), URIRef("urn:b")
    >>> relation_key("partnersWith", b, a) == relation_key("partnersWith", a, b)
    True
    """
    if predicate in SYMMETRIC_RELATIONS:
        s, o = sorted((s, o))
    return Relation(predicate, s, o)


def entities(g: Graph) -> dict[URIRef, Entity]:
    """Every entity of ``g`` (an ``hkg:`` entity type and a ``skos:prefLabel``) by IRI."""
    files = _file_names(g)
    out = {}
    for node, label, type_ in entity_nodes(g):
        aliases = sorted({str(a) for a in g.objects(node, SKOS.altLabel)} - {label})
        docs = sorted({files.get(d, str(d).rsplit("/", 1)[-1]) for d in g.objects(node, HKG.mentionedIn)})
        out[node] = Entity(node, label, type_, aliases, docs)
    return out


def relations(g: Graph, known: dict[URIRef, Entity] | None = None) -> list[Relation]:
    """The relation triples between entities of ``g``, each pair of a symmetric
    relation once, sorted."""
    known = entities(g) if known is None else known
    keys = {relation_key(rel, s, o) for rel in RELATIONS for s, o in g.subject_objects(HKG[rel])
            if s in known and o in known}
    return sorted(keys, key=lambda r: (str(r.subject), RELATIONS.index(r.predicate), str(r.object)))


def degrees(rels: list[Relation]) -> dict[URIRef, int]:
    """The number of relations each entity takes part in."""
    out: dict[URIRef, int] = defaultdict(int)
    for r in rels:
        out[r.subject] += 1
        out[r.object] += 1
    return out


def evidence(g: Graph) -> dict[Relation, list[Evidence]]:
    """The assertions (``rdf:Statement`` nodes) behind each relation, by
    :func:`relation_key`, sorted by article, offset and sentence."""
    out: dict[Relation, list[Evidence]] = defaultdict(list)
    docs = {d: _document(g, d) for d in set(g.subjects(HKG.fileName, None))}
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = (g.value(st, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        rel = local_name(p) if p is not None else None
        if rel not in RELATIONS or s is None or o is None:
            continue
        source = g.value(st, PROV.wasDerivedFrom)
        doc, title, date = docs.get(source, (str(source or "").rsplit("/", 1)[-1], "", ""))
        extra = {local_name(k): str(v) for k, v in g.predicate_objects(st)
                 if k not in _STATEMENT_PROPS and local_name(k)}
        out[relation_key(rel, s, o)].append(Evidence(
            text=str(g.value(st, HKG.evidence) or ""), doc=doc, title=title, date=date,
            rule=str(g.value(st, HKG.rule) or ""), confidence=_number(g.value(st, HKG.confidence), float),
            start=_number(g.value(st, HKG.start), int), attrs=extra))
    for items in out.values():
        items.sort(key=lambda e: (e.doc, e.start or 0, e.text))
    return out


def _document(g: Graph, node) -> tuple[str, str, str]:
    get = lambda p: str(g.value(node, p) or "")
    return get(HKG.fileName), get(DCTERMS.title), get(DCTERMS.date)


def _file_names(g: Graph) -> dict:
    return {d: str(n) for d, n in g.subject_objects(HKG.fileName)}


def _number(value, kind):
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        return None
