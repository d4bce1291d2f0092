"""The outputs of a store build, kept per named graph, so that a build that
changes a few documents rewrites only their parts.

The store (:mod:`kg.store`) holds one named graph per document. For each
named graph :class:`Parts` keeps

- its Turtle block: the graph's triples written by Oxigraph, sorted, under a
  comment line ``# graph <IRI>``. ``graph.ttl`` is the prefixes, the
  ontology's block and every graph's block, in IRI order: valid Turtle whose
  graph is the union of the store's graphs (an entity several documents
  mention is written in each of their blocks: the same triples, one graph).
- its page record: the entities, relation triples, evidence and documents
  the page shows (:func:`kg.html.page_data`), as JSON.

An incremental build reads the blocks back from ``graph.ttl`` and the
records from ``graph.parts.json`` (both written by the build before,
published together with the store's transaction), replaces those of the
documents it builds or removes, and writes the outputs from the parts: no
graph is read back from the store, none is copied into rdflib. When the
files do not match the store (a build killed between the store's
transaction and the renames, files edited by hand, an older release), the
parts are made again from the store's graphs, once.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph

from kg.graph import HKG, PREFIXES

PARTS_FILE = "graph.parts.json"
FORMAT = 1                      # of graph.parts.json: parts of another format are made again
_MARK = b"\n# graph <"
_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()).encode()


def turtle_block(name: str, text: str | bytes) -> bytes:
    """The Turtle block of the graph ``name`` whose triples are ``text``
    (Turtle without prefixes, or N-Triples): sorted, subjects grouped,
    written by Oxigraph, under ``# graph <name>``.

    >>> print(turtle_block("urn:g", '<urn:b> <urn:p> "2" . <urn:a> <urn:p> "1" , "0" .').decode())
    # graph <urn:g>
    <urn:a> <urn:p> "0" , "1" .
    <urn:b> <urn:p> "2" .
    <BLANKLINE>
    """
    raw = text.encode("utf-8") if isinstance(text, str) else text
    lines = ox.serialize(ox.parse(raw, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
    ordered = b"\n".join(sorted(line for line in lines.splitlines() if line.strip()))
    body = ox.serialize(ox.parse(ordered, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes={p: str(ns) for p, ns in PREFIXES.items()})
    body = b"\n".join(line for line in body.splitlines() if not line.startswith(b"@prefix "))
    return b"# graph <" + name.encode("utf-8") + b">\n" + body.strip(b"\n") + b"\n"


@lru_cache(maxsize=1)
def ontology_block() -> bytes:
    from kg.store import ONTOLOGY_GRAPH, ontology_ntriples

    return turtle_block(str(ONTOLOGY_GRAPH), ontology_ntriples())


def page_record(g: Graph) -> dict:
    """What the page shows of the graph ``g`` (one document's), as JSON-able
    data: its document (name, SHA-256), entities, relation triples, evidence
    and documents' titles and dates.

    >>> from kg.graph import build_graph
    >>> from kg.model import Document
    >>> page_record(build_graph([Document("a.txt", "", sha256="ab")], [], [], with_ontology=False))["doc"]
    ('a.txt', 'ab')
    """
    from kg.html import graph_page_parts

    entities, evidence, triples, documents = graph_page_parts(g)
    docs = [(str(n), str(g.value(d, HKG.sha256) or "")) for d, n in g.subject_objects(HKG.fileName)]
    return {"doc": docs[0] if len(docs) == 1 else None,
            "entities": {str(iri): e for iri, e in entities.items()},
            "evidence": [[rel, str(s), str(o), item] for (rel, s, o), item in evidence],
            "triples": [[rel, str(s), str(o)] for rel, s, o in triples],
            "documents": documents}


class Parts:
    """The Turtle block and page record of every named graph of a store
    (the ontology's block is this release's, always).

    >>> from kg.graph import build_graph, document_iri
    >>> from kg.model import Assertion, Document, Entity
    >>> doc = Document("a.txt", "", sha256="ab")
    >>> a, b = Entity("甲州市第一人民医院", "Hospital", docs={"a.txt"}), Entity("乙县人民医院", "Hospital")
    >>> g = build_graph([doc], [a, b], [Assertion(a.key, "partnersWith", b.key, "a.txt", "甲乙合作。", 0, 5, "r")],
    ...                 with_ontology=False)
    >>> parts = Parts()
    >>> parts.put(document_iri(doc), g.serialize(format="nt"), g)
    >>> parts.contents()
    ([('a.txt', 'ab')], 2, 1)
    >>> b"# graph <https://w3id.org/hospital-kg/id/doc/a.txt>" in parts.turtle()
    True
    """

    def __init__(self, blocks: dict[str, bytes] | None = None, pages: dict[str, dict] | None = None):
        self.blocks = blocks or {}
        self.pages = pages or {}
        self._merged = None    # page_parts(), until a graph's parts change

    def put(self, name: str, text: str | bytes, g: Graph) -> None:
        """Set the parts of the graph ``name``: its triples as ``text`` (for
        the block) and as the rdflib graph ``g`` (for the page record)."""
        self.blocks[str(name)] = turtle_block(str(name), text)
        self.pages[str(name)] = page_record(g)
        self._merged = None

    def drop(self, names: Iterable) -> None:
        for name in map(str, names):
            self.blocks.pop(name, None)
            self.pages.pop(name, None)
        self._merged = None

    def documents(self) -> dict[str, str]:
        """Name → SHA-256 of every document graph."""
        return dict(page["doc"] for page in self.pages.values() if page["doc"])

    def turtle(self) -> bytes:
        """``graph.ttl``: the prefixes, the ontology, every graph's block."""
        return b"\n".join([_HEADER, ontology_block(), *(self.blocks[n] for n in sorted(self.blocks))])

    def page_parts(self) -> tuple[dict, list, list, dict]:
        """Entities, evidence, relation triples and documents of the union of
        the graphs, as :func:`kg.html.page_data` takes them."""
        if self._merged is None:
            self._merged = self._merge()
        return self._merged

    def _merge(self) -> tuple[dict, list, list, dict]:
        entities: dict[str, dict] = {}
        evidence, triples, documents = [], set(), {}
        for name in sorted(self.pages):
            page = self.pages[name]
            for iri, e in page["entities"].items():
                known = entities.get(iri)
                if known is None:
                    entities[iri] = dict(e)
                else:
                    known["aliases"] = sorted(set(known["aliases"]) | set(e["aliases"]))
                    known["docs"] = sorted(set(known["docs"]) | set(e["docs"]))
            evidence.extend(((rel, s, o), item) for rel, s, o, item in page["evidence"])
            triples.update(map(tuple, page["triples"]))
            documents.update(page["documents"])
        return entities, evidence, sorted(triples), dict(sorted(documents.items()))

    def contents(self) -> tuple[list[tuple[str, str]], int, int]:
        """``(name, SHA-256)`` of every document, sorted, and the numbers of
        entities and relation triples."""
        entities, _, triples, _ = self.page_parts()
        return sorted(self.documents().items()), len(entities), len(triples)

    def view(self) -> ox.Store:
        """An in-memory Oxigraph store whose default graph is the graph of
        :meth:`turtle` (blank nodes keep their labels), for the exports
        written from a whole graph (``--format``)."""
        view = ox.Store()
        view.extend(ox.parse(self.turtle(), format=ox.RdfFormat.TURTLE))
        return view

    def to_json(self, turtle: bytes) -> str:
        """``graph.parts.json``: the page records, and what they were made
        for (the store's documents, the SHA-256 of ``graph.ttl``)."""
        return json.dumps({"format": FORMAT, "documents": self.documents(),
                           "turtle": hashlib.sha256(turtle).hexdigest(), "pages": self.pages},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def read(cls, out: Path, documents: dict[str, str]) -> "Parts | None":
        """The parts a build before wrote to ``out``, or ``None`` when they
        are missing or do not match the store (its ``documents``: name →
        SHA-256) or the ``graph.ttl`` beside them. (The folder may move: the
        store is not named.)"""
        try:
            saved = json.loads((Path(out) / PARTS_FILE).read_text(encoding="utf-8"))
            turtle = (Path(out) / "graph.ttl").read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or saved.get("format") != FORMAT \
                or saved.get("documents") != documents \
                or saved.get("turtle") != hashlib.sha256(turtle).hexdigest():
            return None
        blocks = {}
        for chunk in turtle.split(_MARK)[1:]:
            name = chunk[:chunk.index(b">")].decode("utf-8")
            blocks[name] = b"# graph <" + chunk.rstrip(b"\n") + b"\n"
        from kg.store import ONTOLOGY_GRAPH

        blocks.pop(str(ONTOLOGY_GRAPH), None)
        if set(blocks) != set(saved["pages"]):
            return None
        return cls(blocks, saved["pages"])

    @classmethod
    def of_store(cls, db, without: Iterable = ()) -> "Parts":
        """The parts of every named graph of the store ``db`` (a
        :class:`kg.store.DocumentStore`) but the ontology's and ``without``."""
        from kg.graphio import graph_of_ntriples
        from kg.store import ONTOLOGY_GRAPH

        skip = {str(ONTOLOGY_GRAPH), *map(str, without)}
        parts = cls()
        for graph in db.ox.named_graphs():
            if graph.value in skip:
                continue
            nt = db.graph_ntriples(graph.value)
            parts.put(graph.value, nt, graph_of_ntriples(nt))
        return parts


def sorted_ntriples(view: ox.Store) -> bytes:
    """N-Triples of a store's default graph, one triple a line, lines sorted."""
    lines = view.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).splitlines()
    return b"\n".join(sorted(line for line in lines if line.strip())) + b"\n"
