"""Stage 7: entities and assertions → an rdflib Graph, and back.

Each entity is an IRI derived from its type and canonical name, with
``rdf:type``, ``skos:prefLabel`` and ``skos:altLabel``. Each relation is a
plain triple ``s hkg:partnersWith o`` plus one assertion node (an
``rdf:Statement``) that says where it came from: document, evidence sentence,
offsets, rule id, confidence and attributes such as ``year`` or ``role``.

The graph also holds the ontology (``ontology/hospital-kg.ttl``), and each
entity carries the outside types its own type implies there
(``hkg:Hospital`` → ``schema:Hospital``, ``org:Organization``, ``foaf:Agent``),
so that ``?x a org:Organization`` finds hospitals without a reasoner. Exactly
one of an entity's types is in the ``hkg:`` namespace.

:func:`graph_parts` reads a graph back into documents, entities and
assertions, and :func:`merge_build` puts a new build into an old graph (the
incremental build): both go through :func:`build_graph`, so a merged graph is
the graph a fresh build of the same parts gives, byte for byte.
"""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, SDO, SKOS

from kg.model import ENTITY_TYPES, RELATIONS, Assertion, Document, Entity

BASE = "https://w3id.org/hospital-kg/"
HKG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
PREFIXES = {"hkg": HKG, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS, "rdf": RDF, "xsd": XSD,
            "rdfs": RDFS, "owl": OWL, "org": ORG, "schema": SDO, "foaf": FOAF}
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "hospital-kg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
# Properties of an assertion node that are not attributes (year, role …).
_STATEMENT_PROPS = frozenset({RDF.type, RDF.subject, RDF.predicate, RDF.object,
                              PROV.wasDerivedFrom, HKG.evidence, HKG.start, HKG.end,
                              HKG.rule, HKG.confidence})

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
    """The IRI of an entity, from its type and canonical name.

    >>> str(entity_iri("Hospital", "甲市人民医院"))
    'https://w3id.org/hospital-kg/id/hospital/甲市人民医院'
    """
    return ID[f"{type_.lower()}/{slug(name)}"]


def document_iri(doc: Document) -> URIRef:
    return ID[f"doc/{slug(doc.name)}"]


def assertion_iri(a: Assertion) -> URIRef:
    key = "|".join((a.doc, a.subject[0], a.subject[1], a.predicate,
                    a.object[0], a.object[1], str(a.start)))
    return ID["assertion/" + hashlib.sha1(key.encode()).hexdigest()[:16]]


def new_graph(store: str = "default") -> Graph:
    g = Graph(store=store)
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


@lru_cache(maxsize=1)
def ontology() -> Graph:
    """The ontology (``ontology/hospital-kg.ttl``), parsed once; do not modify."""
    g = new_graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    return g


@lru_cache(maxsize=1)
def supertypes() -> dict[str, tuple[URIRef, ...]]:
    """Entity type → the named classes it is a subclass of in the ontology
    (transitively; itself not included)."""
    onto = ontology()
    out = {}
    for t in ENTITY_TYPES:
        seen, todo = set(), [HKG[t]]
        while todo:
            for sup in onto.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(sup, URIRef) and sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        out[t] = tuple(sorted(seen))
    return out


def build_graph(docs: Iterable[Document], entities: Iterable[Entity],
                assertions: Iterable[Assertion], *, with_ontology: bool = True,
                store: str = "default") -> Graph:
    """The RDF graph of a build, with the ontology unless ``with_ontology`` is
    false. The result depends only on the parts, not on their order.

    An entity that an assertion names but ``entities`` lacks is added (type
    and name only); of two assertions with the same IRI (same document, ends,
    relation and offset) the first is kept.

    >>> from kg.pipeline import extract
    >>> r = extract(Document("a.txt", "甲市人民医院与乙县人民医院签约。"))
    >>> g = build_graph([r.doc], r.entities, r.assertions, with_ontology=False)
    >>> sorted(str(label) for label in g.objects(None, SKOS.prefLabel))
    ['乙县人民医院', '甲市人民医院']
    """
    g = new_graph(store)
    if with_ontology:
        for triple in ontology():
            g.add(triple)
    docs, entities, assertions = list(docs), list(entities), list(assertions)
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
    known = {e.key for e in entities}
    for a in assertions:
        for key in (a.subject, a.object):
            if key not in known:
                known.add(key)
                entities.append(Entity(key[1], key[0]))
    sup = supertypes()
    for e in entities:
        node = entity_iri(e.type, e.name)
        g.add((node, RDF.type, HKG[e.type]))
        for t in sup.get(e.type, ()):
            g.add((node, RDF.type, t))
        g.add((node, SKOS.prefLabel, Literal(e.name, lang="zh")))
        for alias in sorted(e.aliases - {e.name}):
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        for name in sorted(e.docs):
            if name in doc_nodes:
                g.add((node, HKG.mentionedIn, doc_nodes[name]))
    seen = set()
    for a in assertions:
        s, o, p = entity_iri(*a.subject), entity_iri(*a.object), HKG[a.predicate]
        node = assertion_iri(a)
        if node in seen:
            continue
        seen.add(node)
        g.add((s, p, o))
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
        g.add((node, HKG.confidence, Literal(Decimal(str(round(a.confidence, 3))), datatype=XSD.decimal)))
        for key, value in sorted(a.attrs.items()):
            g.add((node, HKG[key], Literal(value)))
    return g


_TYPE_OF = {HKG[t]: t for t in ENTITY_TYPES}


def entity_nodes(g: Graph) -> list[tuple[URIRef, str, str]]:
    """``(node, prefLabel, type)`` of every entity in ``g``, sorted: the one
    place that tells entities (an ``hkg:`` entity type and a label) from the
    ontology, documents and statements. Extra aligned types (schema:, org:)
    are ignored; of several ``hkg:`` types the first by name is kept.

    >>> g = build_graph([], [Entity("甲市人民医院", "Hospital")], [])
    >>> [(label, t) for _, label, t in entity_nodes(g)]
    [('甲市人民医院', 'Hospital')]
    """
    out = []
    for node, label in g.subject_objects(SKOS.prefLabel):
        types = sorted(_TYPE_OF[t] for t in g.objects(node, RDF.type) if t in _TYPE_OF)
        if types and isinstance(node, URIRef):
            out.append((node, str(label), types[0]))
    return sorted(out)


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


# --- reading a graph back, and incremental builds ----------------------------

def graph_parts(g: Graph) -> tuple[list[Document], list[Entity], list[Assertion]]:
    """The documents, entities and assertions a graph was built from: the
    inverse of :func:`build_graph` (document texts are not kept in a graph)."""
    docs, by_node = [], {}
    for node, name in g.subject_objects(HKG.fileName):
        date = g.value(node, DCTERMS.date)
        doc = Document(str(name), "", sha256=str(g.value(node, HKG.sha256) or ""),
                       title=str(g.value(node, DCTERMS.title) or ""),
                       date=str(date) if date is not None else "")
        docs.append(doc)
        by_node[node] = doc.name
    entities, keys = [], {}
    for node, label, type_ in entity_nodes(g):
        e = Entity(label, type_)
        e.aliases = {str(a) for a in g.objects(node, SKOS.altLabel)}
        e.docs = {by_node[d] for d in g.objects(node, HKG.mentionedIn) if d in by_node}
        entities.append(e)
        keys[node] = e.key
    assertions = []
    for node in g.subjects(RDF.type, RDF.Statement):
        s, p, o = (g.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s not in keys or o not in keys or not str(p).startswith(str(HKG)):
            continue
        src = g.value(node, PROV.wasDerivedFrom)
        num = lambda prop, default: g.value(node, prop).toPython() \
            if g.value(node, prop) is not None else default
        attrs = {str(k)[len(str(HKG)):]: str(v) for k, v in g.predicate_objects(node)
                 if k not in _STATEMENT_PROPS and str(k).startswith(str(HKG))}
        assertions.append(Assertion(
            subject=keys[s], predicate=str(p)[len(str(HKG)):], object=keys[o],
            doc=by_node.get(src, ""), sentence=str(g.value(node, HKG.evidence) or ""),
            start=int(num(HKG.start, 0)), end=int(num(HKG.end, 0)),
            rule=str(g.value(node, HKG.rule) or ""),
            confidence=float(num(HKG.confidence, 0.0)), attrs=attrs))
    return docs, entities, assertions


def merge_parts(old: tuple[list[Document], list[Entity], list[Assertion]],
                docs: Iterable[Document], entities: Iterable[Entity],
                assertions: Iterable[Assertion], remove: Iterable[str] = (),
                ) -> tuple[list[Document], list[Entity], list[Assertion]]:
    """Put a new build into the parts of an old one.

    Every document of the new build, and every document named in ``remove``,
    replaces (or drops) its old version: its assertions and its mentions go,
    the new ones come. An old entity that loses the last assertion or mention
    that held it goes too; one that never had any (mentioned by no document
    of the graph) stays. Entities in both builds keep the union of their
    aliases and documents.
    """
    old_docs, old_entities, old_assertions = old
    docs, entities, assertions = list(docs), list(entities), list(assertions)
    replaced = {d.name for d in docs} | set(remove)
    kept_docs = [d for d in old_docs if d.name not in replaced] + docs
    kept_assertions = [a for a in old_assertions if a.doc not in replaced] + assertions
    used = {k for a in kept_assertions for k in (a.subject, a.object)}

    was_used = {k for a in old_assertions for k in (a.subject, a.object)}
    new_keys = {e.key for e in entities}
    merged: dict[tuple[str, str], Entity] = {}
    for e in old_entities:
        had_support = bool(e.docs) or e.key in was_used
        m = Entity(e.name, e.type, set(e.aliases), set(e.docs) - replaced)
        if had_support and not (m.docs or e.key in used or e.key in new_keys):
            continue   # its last assertion or mention went away
        merged[e.key] = m
    for e in entities:
        m = merged.setdefault(e.key, Entity(e.name, e.type))
        m.aliases |= e.aliases
        m.docs |= e.docs
    return kept_docs, list(merged.values()), kept_assertions


def merge_build(old: Graph, docs: Iterable[Document], entities: Iterable[Entity],
                assertions: Iterable[Assertion], remove: Iterable[str] = (),
                store: str = "default") -> Graph:
    """The graph of ``old`` with a new build merged in (see :func:`merge_parts`)."""
    return build_graph(*merge_parts(graph_parts(old), docs, entities, assertions, remove),
                       store=store)


def document_graphs(docs: Iterable[Document], entities: Iterable[Entity],
                    assertions: Iterable, grouped: bool = False
                    ) -> Iterator[tuple[URIRef | None, Graph]]:
    """The graph of a build cut by document: ``(document IRI, the graph of
    that document alone)`` (its node, its assertions, the entities it
    mentions or its assertions name), without the ontology, made one at a
    time (a build holds one document's rdflib graph, not all). Entities no
    document supports come last, in the graph ``shared`` (``None`` IRI).
    The union of the graphs is :func:`build_graph` of the same parts without
    the ontology. ``grouped``: ``assertions`` yields each document's
    assertions (a list), in the order of ``docs``, read one document at a
    time (:meth:`kg.pipeline.BuildResult.assertions_by_document`).

    >>> d = Document("a.txt", "")
    >>> gs = dict(document_graphs([d], [Entity("甲医院", "Hospital")], []))
    >>> sorted(map(str, gs))
    ['None', 'https://w3id.org/hospital-kg/id/doc/a.txt']
    """
    docs, entities = list(docs), list(entities)
    by_key = {e.key: e for e in entities}
    names = {d.name for d in docs}
    mentioned: dict[str, list[Entity]] = {d.name: [] for d in docs}   # document → entities it mentions
    for e in entities:
        for name in e.docs:
            if name in names:
                mentioned[name].append(e)
    if grouped:
        per_doc = iter(assertions)
    else:
        own: dict[str, list[Assertion]] = {d.name: [] for d in docs}
        for a in assertions:
            if a.doc in own:
                own[a.doc].append(a)
        per_doc = (own[d.name] for d in docs)
    named = set()
    for d, own_assertions in zip(docs, per_doc):
        own_entities: dict = {}
        for a in own_assertions:
            for key in (a.subject, a.object):
                own_entities.setdefault(key, by_key.get(key, Entity(key[1], key[0])))
                named.add(key)
        for e in mentioned[d.name]:
            own_entities[e.key] = e
        yield document_iri(d), build_graph([d], own_entities.values(), own_assertions, with_ontology=False)
    shared = [e for e in entities if not any(n in names for n in e.docs) and e.key not in named]
    if shared:
        yield None, build_graph([], shared, [], with_ontology=False)
