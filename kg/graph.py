"""Stage 7: entities and assertions → an rdflib Graph, and back.

Each entity is an IRI derived from its type and canonical name, with
``rdf:type``, ``skos:prefLabel`` and ``skos:altLabel``. Each relation is a
plain triple ``s hkg:partnersWith o`` plus one assertion node (an
``rdf:Statement``) that says where it came from: document, evidence sentence,
offsets, rule id, confidence and attributes such as ``year`` or ``role``.
"""
from __future__ import annotations

import hashlib
import re
from typing import Iterable

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.model import RELATIONS, Assertion, Document, Entity

BASE = "https://w3id.org/hospital-kg/"
HKG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
PREFIXES = {"hkg": HKG, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS, "rdf": RDF, "xsd": XSD}

# Characters that may stay as they are in an IRI path segment (RFC 3987):
# letters, digits, Han and other non-ASCII letters, and a few marks.
_UNSAFE = re.compile(r"[^\w\-.~\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]|_", re.UNICODE)
_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'《》")


def slug(name: str) -> str:
    """A readable IRI segment for a name: Han stays, the rest is %-escaped.

    >>> slug("绵阳市基层党建“3+2”书记项目")
    '绵阳市基层党建3%2B2书记项目'
    """
    text = re.sub(r"\s+", "", name.translate(_QUOTES))
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


def entity_iri(type_: str, name: str) -> URIRef:
    """>>> str(entity_iri("Hospital", "华西医院"))
    'https://w3id.org/hospital-kg/id/hospital/华西医院'
    """
    return ID[f"{type_.lower()}/{slug(name)}"]


def document_iri(doc: Document) -> URIRef:
    return ID[f"doc/{slug(doc.name)}"]


def assertion_iri(a: Assertion) -> URIRef:
    key = "|".join((a.doc, a.subject[0], a.subject[1], a.predicate,
                    a.object[0], a.object[1], str(a.start)))
    return ID["assertion/" + hashlib.sha1(key.encode()).hexdigest()[:16]]


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def build_graph(docs: Iterable[Document], entities: Iterable[Entity],
                assertions: Iterable[Assertion]) -> Graph:
    """The RDF graph of a build."""
    g = new_graph()
    doc_nodes = {}
    for doc in docs:
        node = doc_nodes[doc.name] = document_iri(doc)
        g.add((node, RDF.type, HKG.Document))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, HKG.fileName, Literal(doc.name)))
        if doc.sha256:
            g.add((node, HKG.sha256, Literal(doc.sha256)))
        if doc.title:
            g.add((node, DCTERMS.title, Literal(doc.title, lang="zh")))
        if doc.date:
            g.add((node, DCTERMS.date, Literal(doc.date, datatype=XSD.date)))
    for e in entities:
        node = entity_iri(e.type, e.name)
        g.add((node, RDF.type, HKG[e.type]))
        g.add((node, SKOS.prefLabel, Literal(e.name, lang="zh")))
        for alias in sorted(e.aliases - {e.name}):
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
    for a in assertions:
        s, o, p = entity_iri(*a.subject), entity_iri(*a.object), HKG[a.predicate]
        g.add((s, p, o))
        node = assertion_iri(a)
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, p))
        g.add((node, RDF.object, o))
        if a.doc in doc_nodes:
            g.add((node, PROV.wasDerivedFrom, doc_nodes[a.doc]))
        g.add((node, HKG.evidence, Literal(a.sentence, lang="zh")))
        g.add((node, HKG.start, Literal(a.start)))
        g.add((node, HKG.end, Literal(a.end)))
        g.add((node, HKG.rule, Literal(a.rule)))
        g.add((node, HKG.confidence, Literal(round(a.confidence, 3), datatype=XSD.decimal)))
        for key, value in sorted(a.attrs.items()):
            g.add((node, HKG[key], Literal(value)))
    return g


def relation_triples(g: Graph) -> list[tuple[str, str, str]]:
    """``(subject name, relation, object name)`` for every relation in a graph,
    names being the entities' ``skos:prefLabel``."""
    label = {s: str(o) for s, o in g.subject_objects(SKOS.prefLabel)}
    out = []
    for rel in RELATIONS:
        for s, o in g.subject_objects(HKG[rel]):
            if s in label and o in label:
                out.append((label[s], rel, label[o]))
    return sorted(out)
