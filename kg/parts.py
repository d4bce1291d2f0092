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

Neither is held in memory: the parts a build makes go to a temporary file
in the output folder (:class:`kg.spill.Spill`), those of the build before
are read where they lie, in ``graph.ttl`` and ``graph.parts.json``, and the
outputs are written from them piece by piece; what is in memory is where
each part lies, and the page's entities and relations (the graph, not the
corpus's evidence: :class:`kg.html.EvidenceCap`).

An incremental build finds the blocks in ``graph.ttl`` and the records in
``graph.parts.json`` (one line per graph; both written by the build before,
published together with the store's transaction), replaces those of the
documents it builds or removes, and writes the outputs from the parts: no
graph is read back from the store, none is copied into rdflib. When the
files do not match the store (a build killed between the store's
transaction and the renames, files edited by hand, an older release), the
parts are made again from the store's graphs, once.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import json
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph

from kg.graph import HKG, PREFIXES
from kg.spill import Spill

PARTS_FILE = "graph.parts.json"
FORMAT = 2                      # of graph.parts.json: parts of another format are made again
_MARK = b"\n# graph <"
_PAGES = b',"pages":{'           # ends the first line of graph.parts.json
_PLACED = b'},"placed":'          # starts its last
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
    (the ontology's block is this release's, always), kept in files: those
    made now in a temporary file in ``folder``, those of the build before
    in its ``graph.ttl`` and ``graph.parts.json`` (:meth:`read`).

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

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = folder
        self._spill: Spill | None = None
        self._files: list[BinaryIO] = []          # graph.ttl and graph.parts.json of the build before
        self.blocks: dict[str, tuple] = {}        # name → (file, start, end) of its Turtle block
        self.pages: dict[str, tuple] = {}         # name → (file, start, end) of its page record (JSON)
        self.docs: dict[str, tuple[str, str] | None] = {}   # name → its document (name, SHA-256)
        self._merged = None    # page_parts(), until a graph's parts change
        self._turtle_sha = ""  # of the graph.ttl last written by write_turtle()
        self.placed: dict = {}  # the page's layouts and communities (kg.html.placements), kept

    def put(self, name: str, text: str | bytes, g: Graph) -> None:
        """Set the parts of the graph ``name``: its triples as ``text`` (for
        the block) and as the rdflib graph ``g`` (for the page record)."""
        name = str(name)
        if self._spill is None:
            self._spill = Spill(self.folder)
        spill = self._spill
        block = spill.put(turtle_block(name, text))
        record = page_record(g)
        page = spill.put(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        self.blocks[name] = (spill, block[0], sum(block))
        self.pages[name] = (spill, page[0], sum(page))
        self.docs[name] = tuple(record["doc"]) if record["doc"] else None
        self._merged = None

    def drop(self, names: Iterable) -> None:
        for name in map(str, names):
            self.blocks.pop(name, None)
            self.pages.pop(name, None)
            self.docs.pop(name, None)
        self._merged = None

    def close(self) -> None:
        """Let go of the files the parts are read from (the temporary one goes)."""
        for f in self._files:
            f.close()
        if self._spill is not None:
            self._spill.close()
        self._files, self._spill = [], None

    def documents(self) -> dict[str, str]:
        """Name → SHA-256 of every document graph."""
        return dict(doc for doc in self.docs.values() if doc)

    def write_turtle(self, out: BinaryIO) -> None:
        """Write ``graph.ttl`` to ``out``: the prefixes, the ontology, every
        graph's block in name order, one block in memory at a time."""
        sha = hashlib.sha256()
        blocks = (_read(self.blocks[name]).rstrip(b"\n") + b"\n" for name in sorted(self.blocks))
        for i, piece in enumerate(itertools.chain([_HEADER, ontology_block()], blocks)):
            data = b"\n" + piece if i else piece
            sha.update(data)
            out.write(data)
        self._turtle_sha = sha.hexdigest()

    def turtle(self) -> bytes:
        """``graph.ttl`` as bytes (small graphs, tests)."""
        out = io.BytesIO()
        self.write_turtle(out)
        return out.getvalue()

    def page_parts(self) -> tuple[dict, "EvidenceCap", list, dict]:
        """Entities, evidence (gathered in an :class:`~kg.html.EvidenceCap`),
        relation triples and documents of the union of the graphs, as
        :func:`kg.html.page_data` takes them."""
        if self._merged is None:
            self._merged = self._merge()
        return self._merged

    def _merge(self) -> tuple[dict, "EvidenceCap", list, dict]:
        from kg.html import EvidenceCap

        entities: dict[str, dict] = {}
        names: dict[str, tuple[set, set]] = {}     # entity → its aliases and documents, sorted at the end
        evidence, triples, documents = EvidenceCap(), set(), {}
        for name in sorted(self.pages):
            page = json.loads(_read(self.pages[name]))
            for iri, e in page["entities"].items():
                if iri not in entities:
                    entities[iri] = e
                    names[iri] = (set(e["aliases"]), set(e["docs"]))
                else:
                    aliases, docs = names[iri]
                    aliases.update(e["aliases"])
                    docs.update(e["docs"])
            for rel, s, o, item in page["evidence"]:
                evidence.add((rel, s, o), item)
            triples.update(map(tuple, page["triples"]))
            documents.update(page["documents"])
        for iri, (aliases, docs) in names.items():
            entities[iri]["aliases"], entities[iri]["docs"] = sorted(aliases), sorted(docs)
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
        with tempfile.TemporaryFile(dir=self.folder) as ttl:
            self.write_turtle(ttl)
            ttl.seek(0)
            view.extend(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
        return view

    def write_json(self, out: BinaryIO) -> None:
        """Write ``graph.parts.json`` to ``out``: what the page records were
        made for (the store's documents, the SHA-256 of the ``graph.ttl``
        :meth:`write_turtle` wrote last), every graph's document, then the
        page records, one graph a line (so that the next build finds each
        without reading them all), and the page's layouts (:attr:`placed`):
        one JSON object."""
        head = json.dumps({"format": FORMAT, "documents": self.documents(), "turtle": self._turtle_sha,
                           "graphs": {n: self.docs[n] for n in sorted(self.docs)}},
                          ensure_ascii=False, separators=(",", ":"))
        out.write(head[:-1].encode("utf-8") + _PAGES)
        for i, name in enumerate(sorted(self.pages)):
            # the name in ASCII, so that read() finds where the record starts by counting bytes
            out.write((b",\n" if i else b"\n") + json.dumps(name).encode("ascii") + b":"
                      + _read(self.pages[name]))
        out.write(b"\n" + _PLACED + json.dumps(self.placed, separators=(",", ":")).encode("utf-8") + b"}\n")

    def to_json(self, turtle: bytes) -> str:
        """``graph.parts.json`` as text, for the ``graph.ttl`` bytes ``turtle``."""
        self._turtle_sha = hashlib.sha256(turtle).hexdigest()
        out = io.BytesIO()
        self.write_json(out)
        return out.getvalue().decode("utf-8")

    @classmethod
    def read(cls, out: Path, documents: dict[str, str], folder: str | Path | None = None) -> "Parts | None":
        """The parts a build before wrote to ``out``, or ``None`` when they
        are missing or do not match the store (its ``documents``: name →
        SHA-256) or the ``graph.ttl`` beside them. (The folder may move: the
        store is not named.) The files stay open, and are read when the
        outputs are written."""
        parts = cls(folder)
        try:
            found = parts._find(Path(out), documents)
        except (OSError, ValueError, KeyError, TypeError):
            found = False
        if not found:
            parts.close()
            return None
        return parts

    def _find(self, out: Path, documents: dict[str, str]) -> bool:
        from kg.store import ONTOLOGY_GRAPH

        saved = open(out / PARTS_FILE, "rb")
        self._files.append(saved)
        head = saved.readline()
        if not head.endswith(_PAGES + b"\n"):
            return False
        meta = json.loads(head[:-len(_PAGES) - 1] + b"}")
        if meta.get("format") != FORMAT or meta.get("documents") != documents:
            return False
        turtle = open(out / "graph.ttl", "rb")
        self._files.append(turtle)
        sha, blocks = _blocks(turtle)
        if meta.get("turtle") != sha:
            return False
        blocks.pop(str(ONTOLOGY_GRAPH), None)
        for line in iter(saved.readline, b""):
            if line.startswith(_PLACED):
                self.placed = json.loads(line[len(_PLACED):].rstrip()[:-1])
                break
            if line.startswith(b"}}"):    # no layouts kept
                break
            at = saved.tell() - len(line)
            name, key_end = json.JSONDecoder().raw_decode(line[:line.index(b'":') + 1].decode("ascii"))
            value = line.rstrip(b"\n").rstrip(b",")
            self.pages[name] = (saved, at + key_end + 1, at + len(value))
        graphs = meta["graphs"]
        if set(blocks) != set(self.pages) or set(graphs) != set(self.pages):
            return False
        self.blocks = {name: (turtle, start, end) for name, (start, end) in blocks.items()}
        self.docs = {name: tuple(doc) if doc else None for name, doc in graphs.items()}
        return True

    @classmethod
    def of_store(cls, db, without: Iterable = (), folder: str | Path | None = None) -> "Parts":
        """The parts of every named graph of the store ``db`` (a
        :class:`kg.store.DocumentStore`) but the ontology's and ``without``."""
        from kg.graphio import graph_of_ntriples
        from kg.store import ONTOLOGY_GRAPH

        skip = {str(ONTOLOGY_GRAPH), *map(str, without)}
        parts = cls(folder)
        for graph in db.ox.named_graphs():
            if graph.value in skip:
                continue
            nt = db.graph_ntriples(graph.value)
            parts.put(graph.value, nt, graph_of_ntriples(nt))
        return parts


def _read(where: tuple) -> bytes:
    """The bytes ``(file, start, end)`` say: of a :class:`Spill` or an open file."""
    source, start, end = where
    if isinstance(source, Spill):
        return source.get((start, end - start))
    source.seek(start)
    return source.read(end - start)


def _blocks(turtle: BinaryIO, size: int = 1 << 24) -> tuple[str, dict[str, tuple[int, int]]]:
    """The SHA-256 of a ``graph.ttl`` and where each graph's block lies in it
    (name → (start, end)), read a piece at a time."""
    sha, starts = hashlib.sha256(), []
    tail, offset = b"", 0
    while piece := turtle.read(size):
        sha.update(piece)
        data, base = tail + piece, offset - len(tail)
        at = data.find(_MARK)
        while at >= 0:
            starts.append(base + at + 1)
            at = data.find(_MARK, at + 1)
        tail = data[-(len(_MARK) - 1):]
        offset += len(piece)
    blocks = {}
    for start, end in zip(starts, [*(s - 1 for s in starts[1:]), offset]):
        turtle.seek(start)
        first = turtle.read(min(end - start, 4096))
        name = first[len(b"# graph <"):first.index(b">")].decode("utf-8")
        blocks[name] = (start, end)
    return sha.hexdigest(), blocks


def sorted_ntriples(view: ox.Store) -> bytes:
    """N-Triples of a store's default graph, one triple a line, lines sorted."""
    lines = view.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).splitlines()
    return b"\n".join(sorted(line for line in lines if line.strip())) + b"\n"
