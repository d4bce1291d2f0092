"""Where a built graph lives between builds.

``kg build`` keeps its graph in a persistent on-disk Oxigraph database
(:class:`DocumentStore`), ``OUT/store`` unless ``--store oxigraph:PATH``
says where (``--store memory``: rdflib's in-memory store, kept between
builds as ``graph.ttl``), laid out as a dataset:

- one named graph per document, named by the document's IRI, holding the
  document node, its assertions, the relation triples they state and the
  entities it mentions (type, labels, ``hkg:mentionedIn``);
- the ontology in the named graph ``<https://w3id.org/hospital-kg/ontology>``;
- entities no document supports in ``<https://w3id.org/hospital-kg/id/graph/shared>``.

The union of all graphs is the graph a build in memory gives. Every change
of a build (documents added, rebuilt or removed) is one SPARQL Update, which
Oxigraph applies in one transaction; a whole new graph (the first build,
``--fresh``) is bulk-loaded into a new folder that then takes the store's
place (:meth:`DocumentStore.rebuild`). Either way a build killed at any
moment leaves the store as it was before or as the build left it, never
between.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg.files import fsync_dir
from kg.graph import HKG, ID, ONTOLOGY_IRI, PREFIXES, ontology

ONTOLOGY_GRAPH = ONTOLOGY_IRI
SHARED_GRAPH = ID["graph/shared"]
# Bytes of TriG per bulk load of a rebuild: Oxigraph's bulk loader holds what
# it is given in memory (about 4x the text: 940 MiB for 230 MB), so a whole
# graph is loaded in pieces of this size (240 MiB at most, and as fast).
LOAD_CHUNK = 32 * 1024 * 1024


class StoreError(ValueError):
    """A store spec that cannot be used."""


def parse_spec(spec: str | None) -> tuple[str, str]:
    """``None``/``memory`` → ``("memory", "")``; ``oxigraph:PATH`` → ``("oxigraph", PATH)``;
    a URL (a SPARQL server's Graph Store Protocol endpoint, :mod:`kg.remote`) → ``("http", URL)``.

    >>> parse_spec("oxigraph:/tmp/db"), parse_spec("http://127.0.0.1:7878/store")
    (('oxigraph', '/tmp/db'), ('http', 'http://127.0.0.1:7878/store'))
    """
    if not spec or spec == "memory":
        return "memory", ""
    if spec.startswith(("http://", "https://")) and spec.partition("://")[2].strip("/"):
        return "http", spec
    kind, sep, path = spec.partition(":")
    if kind != "oxigraph" or not sep or not path:
        raise StoreError(f"--store wants memory, oxigraph:PATH or http://HOST:PORT/PATH, got {spec!r}")
    return kind, path


def open_store(kind: str, where: str) -> "DocumentStore":
    """The :class:`DocumentStore` of a parsed spec: on disk, or on a server."""
    if kind == "http":
        from kg.remote import RemoteStore

        return RemoteStore(where)
    return DocumentStore(where)


def open_graph(spec: str | None, create: bool = True) -> Graph:
    """An rdflib graph over the store ``spec``: for Oxigraph, the union of
    all its graphs, answered by Oxigraph through oxrdflib (bound to the
    project's prefixes)."""
    kind, path = parse_spec(spec)
    if kind == "memory":
        g = Graph()
    elif kind == "http":   # the server's graphs of this layout, read once into memory
        g = open_store(kind, path).union_graph()
    else:
        if not create and not Path(path).exists():
            raise StoreError(f"{path}: no such Oxigraph store")
        g = Dataset(store="Oxigraph", default_union=True)
        g.open(path, create=not Path(path).exists())
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def triples_text(triples: Iterable) -> str:
    """Triples as lines of Turtle without prefixes (also SPARQL's syntax)."""
    return "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)


@lru_cache(maxsize=1)
def ontology_ntriples() -> bytes:
    """The ontology as N-Triples, its blank nodes named after their content
    (rdflib's canonical labels)."""
    from rdflib.compare import to_canonical_graph

    return to_canonical_graph(ontology()).serialize(format="nt", encoding="utf-8")


class DocumentStore:
    """An on-disk Oxigraph store with one named graph per document.

    >>> import tempfile
    >>> from kg.model import Document
    >>> from kg.graph import build_graph, document_iri
    >>> db = DocumentStore(tempfile.mkdtemp())
    >>> doc = Document("a.txt", "", sha256="ab")
    >>> db.replace({document_iri(doc): triples_text(build_graph([doc], [], [], with_ontology=False))})
    >>> db.documents()
    {'a.txt': 'ab'}
    >>> db.replace({}, drop=[document_iri(doc)]); db.documents()
    {}
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            recover(self.path)
            self.ox = ox.Store(str(self.path))
        except OSError as exc:
            raise OSError(f"cannot open the Oxigraph store {self.path}: {exc}") from None

    def close(self) -> None:
        self.ox.flush()
        del self.ox

    def is_empty(self) -> bool:
        return not any(True for _ in self.ox.quads_for_pattern(None, None, None))

    def rebuild(self, graphs: "TrigFile") -> None:
        """Make the store hold exactly the graphs written to ``graphs``, and
        close it. They are bulk-loaded into a new folder beside the store
        (fast, and memory does not grow with them as it does in a
        transaction), which then takes the store's place by two renames; a
        kill between them is undone by :func:`recover` when the store is
        next opened, so the store is the old one or the new one."""
        self.close()
        graphs.close()
        new = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.new-", dir=self.path.parent))
        try:
            store = ox.Store(str(new))
            for chunk in graphs.chunks():
                store.bulk_load(chunk, format=ox.RdfFormat.TRIG)
            store.flush()
            del store
            old = _old(self.path)
            os.replace(self.path, old)
            os.replace(new, self.path)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        finally:
            graphs.discard()
        fsync_dir(self.path.parent)
        shutil.rmtree(old, ignore_errors=True)

    def documents(self) -> dict[str, str]:
        """Name → SHA-256 of every document the store holds (one graph each)."""
        rows = self.ox.query(
            "SELECT ?name ?sha WHERE { GRAPH ?g { ?g hkg:fileName ?name "
            "OPTIONAL { ?g hkg:sha256 ?sha } } }", prefixes={"hkg": str(HKG)})
        return {row["name"].value: row["sha"].value if row["sha"] else "" for row in rows}

    def legacy_graph(self) -> Graph | None:
        """The whole graph of a store written before documents had graphs of
        their own (everything in the default graph), or ``None``."""
        if not self.ox.query("ASK { ?d <%s> ?n }" % HKG.fileName):
            return None
        g = Graph()
        g.parse(data=self.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                format="nt")
        return g

    def has_ontology(self) -> bool:
        return bool(self.ox.query(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"))

    def ontology_current(self) -> bool:
        """Whether the store's ontology graph is the ontology of this release
        (its triples without blank nodes, and as many triples)."""
        def named(lines: list[bytes]) -> set[bytes]:
            return {line for line in lines if b"_:" not in line}

        held = self.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(ONTOLOGY_GRAPH)).splitlines()
        ours = ontology_ntriples().splitlines()
        return len(held) == len(ours) and named(held) == named(ours)

    def replace(self, graphs: dict[URIRef, str], drop: Iterable[URIRef] = (),
                add: dict[URIRef, str] | None = None, clear: bool = False) -> None:
        """In one transaction: empty the store (``clear``), remove the graphs
        ``drop``, replace each graph of ``graphs`` by its triples (as
        :func:`triples_text`), and add the triples of ``add`` to the graphs
        named there (keeping what they hold)."""
        ops = ["CLEAR ALL"] if clear else []
        present = set() if clear else {str(g.value) for g in self.ox.named_graphs()}
        ops += [f"DROP GRAPH <{name}>" for name in [*drop, *graphs] if str(name) in present]
        body = []
        for name, lines in [*graphs.items(), *(add or {}).items()]:
            if lines.strip():
                body.append(f"GRAPH <{name}> {{\n{lines}\n}}")
        if body:
            ops.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
        if ops:
            self.ox.update(" ;\n".join(ops))

    def graph_ntriples(self, name: URIRef) -> bytes:
        """The triples of the named graph ``name`` as N-Triples."""
        return self.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))

    def union_ntriples(self, without: Iterable[URIRef] = ()) -> bytes:
        """Every triple of every graph (but the graphs ``without``) once, as
        N-Triples in the store's order."""
        skip = " ".join(f"<{g}>" for g in without)
        where = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o }" + \
            (f" FILTER (?g NOT IN ({', '.join(skip.split())}))" if skip else "") + " }"
        triples = self.ox.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
        return triples.serialize(format=ox.RdfFormat.N_TRIPLES)

    def union_graph(self, without: Iterable[URIRef] = ()) -> Graph:
        """The union of all graphs (but ``without``) as an rdflib graph in memory."""
        return _parsed(self.union_ntriples(without))


class TrigFile:
    """Named graphs written one after another to a TriG file beside the store
    ``beside``, for :meth:`DocumentStore.rebuild`: a build that makes a whole
    new graph holds no graph's text in memory. ``graphs[name] = text``
    (:func:`triples_text`) writes one.

    >>> import tempfile
    >>> graphs = TrigFile(Path(tempfile.mkdtemp()) / "db", chunk=10)
    >>> graphs["urn:g"] = '<urn:a> <urn:p> "x" .'
    >>> graphs["urn:h"] = '<urn:a> <urn:p> "y" .'
    >>> graphs.close(); graphs.path.read_text().splitlines()[:3]
    ['<urn:g> {', '<urn:a> <urn:p> "x" .', '}']
    >>> [chunk.split(b" ")[0] for chunk in graphs.chunks()]    # loaded one piece at a time
    [b'<urn:g>', b'<urn:h>']
    >>> graphs.discard(); graphs.path.exists()
    False
    """

    def __init__(self, beside: Path, chunk: int = LOAD_CHUNK) -> None:
        fd, name = tempfile.mkstemp(dir=beside.parent, prefix=f".{beside.name}.trig-", suffix=".tmp")
        self.path = Path(name)
        self.file = os.fdopen(fd, "wb")
        self.chunk = chunk
        self.starts = [0]     # offsets where a piece of about ``chunk`` bytes begins: at a graph

    def __setitem__(self, name: URIRef, text: str) -> None:
        if text.strip():
            if self.file.tell() - self.starts[-1] >= self.chunk:
                self.starts.append(self.file.tell())
            self.file.write(f"<{name}> {{\n{text}\n}}\n".encode("utf-8"))

    def chunks(self) -> Iterator[bytes]:
        """The file (closed) in pieces of whole graphs, about ``chunk`` bytes each."""
        with open(self.path, "rb") as f:
            ends = [*self.starts[1:], None]
            for start, end in zip(self.starts, ends):
                f.seek(start)
                yield f.read() if end is None else f.read(end - start)

    def close(self) -> None:
        self.file.close()

    def discard(self) -> None:
        self.file.close()
        self.path.unlink(missing_ok=True)


def _old(path: Path) -> Path:
    return path.parent / f".{path.name}.old"


def recover(path: Path) -> None:
    """Finish or undo a :meth:`DocumentStore.rebuild` that was killed: the
    old store back in place when the new one never took it, leftovers of
    either removed."""
    old = _old(path)
    if old.is_dir() and not path.exists():
        os.replace(old, path)
    shutil.rmtree(old, ignore_errors=True)
    for new in path.parent.glob(f".{path.name}.new-*"):
        shutil.rmtree(new, ignore_errors=True)
    for trig in path.parent.glob(f".{path.name}.trig-*.tmp"):
        trig.unlink(missing_ok=True)


def _parsed(ntriples: bytes) -> Graph:
    from kg.graph import new_graph

    g = new_graph()
    if ntriples:
        g.parse(data=ntriples, format="nt")
    return g

