"""The page's data read from an Oxigraph store by SPARQL (the build's graph
is an Oxigraph store, :mod:`kg.store`): the same entities, relation triples,
evidence and documents that :func:`kg.html.page_data` reads from an rdflib
graph, without copying the graph into rdflib first. Oxigraph answers the
joins; Python only walks one row per entity, statement and document, so
the page of a large graph costs a fraction of a second.

Queries read the store's default graph, or the union of all its graphs
with ``union=True`` (a store of :class:`kg.store.DocumentStore`'s layout).
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rdflib import URIRef

from kg.graph import HKG, PREFIXES
from kg.model import ENTITY_TYPES, RELATIONS

_PREFIXES = {p: str(ns) for p, ns in PREFIXES.items()}
_ENTITY_TYPES = " ".join(f"hkg:{t}" for t in ENTITY_TYPES)
_RELATIONS = " ".join(f"hkg:{r}" for r in RELATIONS)

ENTITIES = f"""SELECT ?e ?label ?t WHERE {{
  VALUES ?t {{ {_ENTITY_TYPES} }} ?e skos:prefLabel ?label ; a ?t . FILTER isIRI(?e) }}"""
ALIASES = "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
MENTIONS = """SELECT DISTINCT ?e ?d ?name WHERE {
  ?e hkg:mentionedIn ?d OPTIONAL { ?d hkg:fileName ?name } }"""
TRIPLES = f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_RELATIONS} }} ?s ?p ?o }}"
DOCUMENTS = """SELECT ?d ?name ?title ?date WHERE {
  ?d hkg:fileName ?name OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:date ?date } }"""
# one row per assertion node (its first value of each property is kept, as
# kg.html does on an rdflib graph)
STATEMENTS = f"""SELECT ?st ?s ?p ?o ?text ?doc ?name ?rule ?confidence ?start ?year ?role WHERE {{
  VALUES ?p {{ {_RELATIONS} }}
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL {{ ?st hkg:evidence ?text }} OPTIONAL {{ ?st hkg:rule ?rule }}
  OPTIONAL {{ ?st hkg:confidence ?confidence }} OPTIONAL {{ ?st hkg:start ?start }}
  OPTIONAL {{ ?st hkg:year ?year }} OPTIONAL {{ ?st hkg:role ?role }}
  OPTIONAL {{ ?st prov:wasDerivedFrom ?doc OPTIONAL {{ ?doc hkg:fileName ?name }} }} }}"""
_CONVERT = {"confidence": float, "start": int}


def select(store: ox.Store, query: str, union: bool = False):
    """The rows of a SELECT with the project's prefixes."""
    return store.query(query, prefixes=_PREFIXES, use_default_graph_as_union=union)


def _doc_name(node, name) -> str:
    return name.value if name is not None else node.value.rsplit("/", 1)[-1]


def entities(store: ox.Store, union: bool = False) -> dict[URIRef, dict]:
    """Every entity (an ``hkg:`` entity type and a prefLabel) as the page
    shows it: ``{"id", "label", "type", "aliases", "docs"}`` by IRI."""
    types: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in select(store, ENTITIES, union):
        types[(row["e"].value, row["label"].value)].add(row["t"].value[len(str(HKG)):])
    aliases, docs = defaultdict(set), defaultdict(set)
    for row in select(store, ALIASES, union):
        aliases[row["e"].value].add(row["alias"].value)
    for row in select(store, MENTIONS, union):
        docs[row["e"].value].add(_doc_name(row["d"], row["name"]))
    out = {}
    for (iri, label), kinds in sorted(types.items()):   # of several labels the last is kept
        out[URIRef(iri)] = {"id": iri, "label": label, "type": min(kinds),
                            "aliases": sorted(aliases[iri] - {label}), "docs": sorted(docs[iri])}
    return out


def relation_triples(store: ox.Store, union: bool = False) -> list[tuple[str, URIRef, URIRef]]:
    """``(relation, subject, object)`` of every relation triple."""
    return [(row["p"].value[len(str(HKG)):], URIRef(row["s"].value), URIRef(row["o"].value))
            for row in select(store, TRIPLES, union)
            if isinstance(row["s"], ox.NamedNode) and isinstance(row["o"], ox.NamedNode)]


def evidence(store: ox.Store, union: bool = False) -> list[tuple[tuple[str, URIRef, URIRef], dict]]:
    """``((relation, subject, object), item)`` for every assertion node, the
    item as :func:`kg.html.page_data` keeps it (text, doc, rule, confidence,
    start, year, role)."""
    out, seen = [], set()
    for row in select(store, STATEMENTS, union):
        if row["st"] in seen:
            continue
        seen.add(row["st"])
        item: dict = {}
        for key in ("rule", "confidence", "start", "year", "role"):
            if row[key] is not None:
                try:
                    item[key] = _CONVERT.get(key, str)(row[key].value)
                except ValueError:
                    item[key] = row[key].value
        if row["doc"] is not None:
            item["doc"] = _doc_name(row["doc"], row["name"])
        item["text"] = row["text"].value if row["text"] is not None else ""
        key = (row["p"].value[len(str(HKG)):], _term(row["s"]), _term(row["o"]))
        out.append((key, item))
    return out


def _term(node):
    return URIRef(node.value) if isinstance(node, ox.NamedNode) else node


def documents(store: ox.Store, union: bool = False) -> dict[str, dict]:
    """Title and date of every document, by file name, sorted."""
    out = {}
    for row in select(store, DOCUMENTS, union):
        out[row["name"].value] = {key: row[key].value for key in ("title", "date")
                                  if row[key] is not None}
    return dict(sorted(out.items()))
