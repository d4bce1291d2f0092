"""Stage 8: write a build's outputs, each file atomically.

Always ``graph.ttl`` (Turtle, the graph with its ontology) and ``graph.html``;
with ``--format``: ``graph.nt`` (N-Triples, sorted lines), ``graph.jsonld``,
``graph.trig`` (one named graph per document) and ``graph.graphml`` /
``graph.gexf`` (the entity network, for Gephi and networkx).

When the store (``kg build``'s default: ``OUT/store``) or, with ``--store
memory``, ``out/graph.ttl`` already holds a graph, the new build is merged
into it: documents built again replace their old assertions (in the store,
their named graphs), the rest stay.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from rdflib import RDF, BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph
from rdflib.namespace import PROV, SKOS

from kg.graph import (HKG, PREFIXES, build_graph, document_graphs, document_iri, entity_nodes,
                      graph_parts, merge_build, merge_parts, new_graph, ontology)
from kg.html import render_html
from kg.model import RELATIONS, SYMMETRIC_RELATIONS, Document

if TYPE_CHECKING:   # networkx is imported by the exports that use it (about 0.3 s)
    import networkx as nx

# --format name → file name
FORMATS = {"nt": "graph.nt", "jsonld": "graph.jsonld", "trig": "graph.trig",
           "graphml": "graph.graphml", "gexf": "graph.gexf"}
ALIASES = {"ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "ttl": "turtle"}


class Written(list):
    """The paths written, and what the graph now holds."""

    merged = False          # True when the build was merged into an existing graph
    interrupted = False     # Ctrl-C came while the outputs were being published
    replaced: list = []     # (name, file it was built from, file it is built from now)
    documents = entities = relations = 0


class UnknownDocument(LookupError):
    """``--remove`` names a document the graph does not hold."""


def check_removable(remove: Iterable[str], known: Iterable[str], where: str) -> None:
    """Raise :class:`UnknownDocument` for the first name of ``remove`` not in
    ``known``, naming the closest known names.

    >>> check_removable(["news.txt"], ["a/news.txt", "b.txt"], "out")
    Traceback (most recent call last):
    ...
    kg.export.UnknownDocument: no document news.txt in out (close: a/news.txt)
    """
    import difflib

    known = sorted(set(known))
    for name in remove:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.75)
            close += [k for k in known if k.endswith("/" + name) and k not in close]
            hint = f" (close: {', '.join(close)})" if close else \
                f" ({len(known)} documents there)" if known else " (it holds no graph)"
            raise UnknownDocument(f"no document {name} in {where}{hint}")


def parse_formats(values: Iterable[str] | None) -> list[str]:
    """``["nt,trig", "gexf"]`` → ``["nt", "trig", "gexf"]``; ``all`` → every one.
    Turtle (always written) may be named and is ignored."""
    out = []
    for value in values or ():
        for name in filter(None, (v.strip().lower() for v in value.split(","))):
            name = ALIASES.get(name, name)
            if name == "all":
                out.extend(FORMATS)
            elif name in FORMATS:
                out.append(name)
            elif name not in ("turtle", "html"):
                raise ValueError(f"unknown format {name!r} (known: {', '.join(FORMATS)}, all)")
    return list(dict.fromkeys(out))


def write_outputs(result, out: Path, formats: Iterable[str] = (), store: str | None = None,
                  fresh: bool = False, remove: Iterable[str] = ()) -> Written:
    """Build (or merge) the graph of ``result`` and write it to ``out``.

    ``store`` is ``None`` or ``memory`` (rdflib in memory; the previous graph
    is read from ``out/graph.ttl``), ``oxigraph:PATH`` or a SPARQL server's
    URL (the previous graph is the store's: the build's documents replace
    their named graphs there, in one transaction, see :mod:`kg.store`; an
    empty on-disk store takes the graph of ``out/graph.ttl`` once, the
    output of an older build). ``fresh`` ignores any previous graph;
    ``remove`` names documents to drop from it (:class:`UnknownDocument`
    when one is not there).

    With a store, the outputs are written from the parts of the graph kept
    per named graph (:mod:`kg.parts`): only the changed documents' Turtle
    blocks (written by Oxigraph) and page records are made, the others are
    read back from the files of the build before. ``graph.parts.json``
    holds the page records. Only the exports of a whole graph other than
    N-Triples (``formats``) copy the graph into rdflib.

    Every output is written to a temporary file first; the store's
    transaction and the renames that publish the files (``manifest.json``
    last) come at the end, together, with Ctrl-C held back meanwhile.
    """
    from kg.files import Publisher, deferred_sigint
    from kg.store import parse_spec

    out = Path(out)
    remove = list(remove)
    formats = parse_formats(list(formats or ()) + [f for f, name in FORMATS.items()
                                                   if (out / name).exists()])
    written = Written()
    staged = None
    kind, where = parse_spec(store)
    if kind != "memory":
        staged = stage_store(where, result, fresh, remove, kind=kind, out=out)
        source, written.merged = staged.parts, staged.merged
    else:
        source, written.merged = memory_graph(result, out, fresh, remove)

    with ExitStack() as stack:
        pub = stack.enter_context(Publisher(out))
        if staged:
            stack.callback(staged.close)
        for name, data in outputs(source, formats):
            pub.add(name, data)
        docs, written.entities, written.relations = contents(source)
        before = {} if fresh else manifest_sources(out)
        sources = {**before, **{d.name: d.path for d in result.docs if d.path}}
        written.replaced = [(d.name, before[d.name], d.path) for d in result.docs
                            if d.path and before.get(d.name, d.path) != d.path]
        manifest = {"documents": [{"name": n, "sha256": h, "source": sources.get(n, "")}
                                  for n, h in docs],
                    **({"store": str(store)} if staged else {})}
        with deferred_sigint() as caught:
            if staged:
                staged.commit()
            written.extend(pub.commit(manifest))
        written.interrupted = bool(caught)
    written.documents = len(docs)
    return written


def memory_graph(result, out: Path, fresh: bool, remove: list[str]) -> tuple[Graph, bool]:
    """The graph of ``result`` merged into the one of ``out/graph.ttl``
    (unless ``fresh``) in rdflib's memory, and whether there was one."""
    previous = None
    if not fresh and (out / "graph.ttl").exists():
        previous = Graph().parse(out / "graph.ttl", format="turtle")
    if remove:
        known = [] if previous is None else [str(n) for n in previous.objects(None, HKG.fileName)]
        check_removable(remove, known, str(out))
    if previous is None:
        return build_graph(result.docs, result.entities, result.assertions), False
    return merge_build(previous, result.docs, result.entities, result.assertions, remove), True


def outputs(source, formats: Iterable[str]) -> Iterator[tuple[str, bytes | str | Callable]]:
    """``(file name, data)`` of ``graph.ttl``, ``graph.html`` and each of
    ``formats``, from an rdflib graph, or from the :class:`~kg.parts.Parts`
    of a store (and then ``graph.parts.json``); ``data`` is the file's
    bytes or text, or a function that writes them to the file it is given
    (the large files of a store's parts, written piece by piece; take them
    in order: ``graph.parts.json`` names the ``graph.ttl`` written before)."""
    from kg.parts import PARTS_FILE, Parts, sorted_ntriples

    if not isinstance(source, Parts):
        yield "graph.ttl", turtle(source)
        yield "graph.html", render_html(source)
        for fmt in formats:   # exports already in ``out`` are written again: none goes stale
            yield FORMATS[fmt], WRITERS[fmt](source)
        return
    yield "graph.ttl", source.write_turtle
    yield "graph.html", render_html(source.page_parts(), placed=source.placed)
    yield PARTS_FILE, source.write_json
    view = graph = None
    for fmt in formats:
        if view is None:
            view = source.view()
        if fmt == "nt":
            yield FORMATS[fmt], sorted_ntriples(view)
            continue
        if graph is None:
            from kg.graphio import graph_of_store

            graph = graph_of_store(view)
        yield FORMATS[fmt], WRITERS[fmt](graph)


def contents(source) -> tuple[list[tuple[str, str]], int, int]:
    """``(name, SHA-256)`` of every document, sorted, and the numbers of
    entities and relation triples, of an rdflib graph or of
    :class:`~kg.parts.Parts`."""
    if not isinstance(source, Graph):
        return source.contents()
    docs = sorted((str(n), str(source.value(d, HKG.sha256) or ""))
                  for d, n in source.subject_objects(HKG.fileName))
    entities = len({s for s, _ in source.subject_objects(SKOS.prefLabel)})
    return docs, entities, sum(1 for r in RELATIONS for _ in source.subject_objects(HKG[r]))


def manifest_sources(out: Path) -> dict[str, str]:
    """Document name → the file it was built from, as ``out/manifest.json``
    says (empty when there is none, or it cannot be read)."""
    try:
        docs = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))["documents"]
        return {d["name"]: d["source"] for d in docs if d.get("source")}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def stage_store(path: str | Path, result, fresh: bool = False, remove: Iterable[str] = (),
                kind: str = "oxigraph", out: Path | None = None):
    """Prepare putting the documents of ``result`` into the Oxigraph store at
    ``path`` (each replacing its named graph) and dropping those of
    ``remove``. Returns ``parts``, the :class:`~kg.parts.Parts` of the graph
    the store will hold, ``merged``, whether the store held a graph before,
    and ``commit()``, which makes the change in one transaction (a whole new
    graph: a bulk load into a new folder that takes the store's place,
    :meth:`kg.store.DocumentStore.rebuild`). ``kind``
    ``http``: ``path`` is a SPARQL server's Graph Store Protocol endpoint
    (:mod:`kg.remote`).

    Only the changed documents' graphs and parts are made; the others'
    parts are those the build before wrote to ``out`` when they match the
    store, else they are made again from the store's graphs. A store of the
    old layout (one default graph), or an empty on-disk store beside
    ``out/graph.ttl`` (the graph of a build kept in memory), is rewritten in
    the new layout. Nothing is written to the store before ``commit()``."""
    from kg.graphio import graph_of_ntriples, open_graph
    from kg.parts import Parts
    from kg.store import ONTOLOGY_GRAPH, SHARED_GRAPH, TrigFile, open_store, triples_text

    db = open_store(kind, str(path))   # kind "http": a SPARQL server (kg.remote)
    texts: dict | TrigFile = {}
    made = None   # the Parts: their temporary file goes with them

    def close() -> None:   # without committing: the store stays as it was
        if isinstance(texts, TrigFile):
            texts.discard()
        if hasattr(db, "ox"):
            db.close()
        if made is not None:
            made.close()

    try:   # reading: on any error the store is closed untouched
        legacy = None if fresh else db.legacy_graph()
        old_docs = {} if fresh else db.documents()
        previous = Path(out) / "graph.ttl" if out is not None and kind == "oxigraph" else None
        if legacy is None and not (fresh or old_docs) and previous is not None \
                and previous.is_file() and not db.has_ontology():
            legacy = open_graph(previous)   # migrated once: the store holds it from now on
        known = old_docs if legacy is None else \
            [str(n) for n in legacy.objects(None, HKG.fileName)]
        check_removable(remove, known, f"the store {path}")
        docs = result.docs
        if legacy is not None:
            parts = merge_parts(graph_parts(legacy), docs, result.entities, result.assertions, remove)
            docs, graphs = parts[0], document_graphs(*parts)
        elif hasattr(result, "assertions_by_document"):   # a kg.pipeline.BuildResult: read one document at a time
            graphs = document_graphs(docs, result.entities, result.assertions_by_document(), grouped=True)
        else:
            graphs = document_graphs(docs, result.entities, result.assertions)
        clear = fresh or legacy is not None
        drop = [document_iri(Document(name, "")) for name in remove]
        built = {document_iri(d) for d in docs}
        made = Parts(out) if clear else \
            (out is not None and Parts.read(out, old_docs, folder=out)) or \
            Parts.of_store(db, without=[*built, *drop], folder=out)
        made.drop(drop)
        # a whole new graph (the first build, --fresh, a migration) is loaded
        # in bulk from a file written graph by graph; a change, in one transaction
        rebuild = kind == "oxigraph" and (clear or db.is_empty())
        texts, shared_text = TrigFile(Path(path)) if rebuild else {}, ""
        for name, g in graphs:    # one document's rdflib graph at a time
            text = triples_text(g)
            if name is None:   # the shared graph grows: its parts are made again, whole
                shared_text = text
                whole = g if clear else graph_of_ntriples(db.graph_ntriples(SHARED_GRAPH)) + g
                made.put(SHARED_GRAPH, triples_text(whole), whole)
                continue
            texts[name] = text
            made.put(name, text, g)
        if clear or not db.ontology_current():
            texts[ONTOLOGY_GRAPH] = triples_text(ontology())
    except BaseException:
        close()
        raise

    def commit() -> None:
        if rebuild:
            texts[SHARED_GRAPH] = shared_text
            return db.rebuild(texts)
        try:
            db.replace(texts, drop=drop, add={SHARED_GRAPH: shared_text} if shared_text else None,
                       clear=clear)
        finally:
            db.close()

    return SimpleNamespace(parts=made, merged=bool(legacy is not None or old_docs),
                           commit=commit, close=close)


def update_store(path: str | Path, result, fresh: bool = False,
                 remove: Iterable[str] = ()) -> tuple[Graph, bool]:
    """:func:`stage_store` and its commit: the store's graph after the
    change (copied into rdflib), and whether it held one before."""
    from kg.graphio import graph_of_store

    staged = stage_store(path, result, fresh, remove)
    try:
        staged.commit()
        return graph_of_store(staged.parts.view()), staged.merged
    finally:
        staged.close()


# --- RDF syntaxes ----------------------------------------------------------

def turtle(g: Graph) -> str:
    """Turtle; the same graph gives the same bytes in every process
    (rdflib sorts subjects, predicates and objects; the graph holds no blank
    nodes but the ontology's few, each written inline)."""
    return g.serialize(format="turtle")


def canonical(g: Graph) -> Graph:
    """``g`` with its blank nodes (the ontology's class expressions and lists)
    named after their content, so that they are the same in every process."""
    if not any(isinstance(x, BNode) for t in g for x in t):
        return g
    c = new_graph()
    for triple in to_canonical_graph(g):
        c.add(triple)
    return c


def ntriples(g: Graph) -> str:
    """N-Triples, one triple a line, lines sorted."""
    lines = canonical(g).serialize(format="nt").splitlines()
    return "\n".join(sorted(line for line in lines if line.strip())) + "\n"


def jsonld(g: Graph) -> str:
    """JSON-LD with the project's prefixes as context, nodes sorted by ``@id``."""
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    doc = json.loads(canonical(g).serialize(format="json-ld", context=context, auto_compact=True))
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    nodes = sorted((_sorted_node(n) for n in nodes), key=lambda n: json.dumps(n, ensure_ascii=False,
                                                                                sort_keys=True))
    return json.dumps({"@context": doc.get("@context", context), "@graph": nodes},
                      ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _sorted_node(node):
    if isinstance(node, dict):   # the order of an @list is the list's: kept
        return {k: v if k == "@list" else _sorted_node(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_node(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return node


def dataset(g: Graph) -> Dataset:
    """The graph as a dataset: one named graph per document (named by the
    document's IRI) holding the document node, the assertions derived from it
    and the relation triples they state; the default graph holds the ontology
    and the entities. The union of all graphs is ``g``."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    docs = set(g.subjects(HKG.fileName, None))
    named = {d: ds.graph(d) for d in docs}
    source = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        d = g.value(st, PROV.wasDerivedFrom)
        if d in named:
            source[st] = d
    stated = defaultdict(set)
    for st, d in source.items():
        stated[(g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))].add(d)
    default = _default_graph(ds)
    for s, p, o in g:
        if s in named:
            named[s].add((s, p, o))
        elif s in source:
            named[source[s]].add((s, p, o))
        elif (s, p, o) in stated:
            for d in stated[(s, p, o)]:
                named[d].add((s, p, o))
        else:
            default.add((s, p, o))
    return ds


def _default_graph(ds: Dataset) -> Graph:
    # rdflib ≥ 7.2 calls it default_graph, older ones default_context
    return ds.default_graph if hasattr(type(ds), "default_graph") else ds.default_context


def _graphs(ds: Dataset):
    return ds.graphs() if hasattr(ds, "graphs") else ds.contexts()


def trig(g: Graph) -> str:
    """TriG of :func:`dataset`: the default graph first, then the documents'
    graphs sorted by name, each written like Turtle (so the bytes are stable;
    rdflib's own TriG writer orders graphs differently from run to run)."""
    ds = dataset(g)
    default = _default_graph(ds)
    prefixes, blocks = {}, []
    graphs = sorted((c for c in _graphs(ds) if c.identifier != default.identifier),
                    key=lambda c: str(c.identifier))
    for ctx in [default] + graphs:
        part = new_graph()
        for triple in ctx:
            part.add(triple)
        body = []
        for line in part.serialize(format="turtle").splitlines():
            m = re.match(r"@prefix (\S*): <([^>]*)> \.$", line)
            if m:
                if prefixes.setdefault(m.group(1), m.group(2)) != m.group(2):
                    raise ValueError(f"prefix {m.group(1)}: bound to two namespaces")
            elif line.strip() or body:
                body.append(line)   # not indented: a long literal spans lines
        while body and not body[-1]:
            body.pop()
        name = "" if ctx is default else f"{ctx.identifier.n3()} "
        blocks.append(f"{name}{{\n" + "\n".join(body) + "\n}\n")
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items()))
    return head + "\n" + "\n".join(blocks)


# --- the entity network ------------------------------------------------------

def entity_network(g: Graph) -> "nx.MultiDiGraph":
    """Entities as nodes (``label``, ``type``), relation triples as edges
    (``relation``, ``symmetric``, ``assertions``, ``confidence``, ``documents``,
    ``evidence``), inserted in sorted order so that the files are stable."""
    import networkx as nx

    net = nx.MultiDiGraph(name="hospital-kg")
    for node, label, type_ in entity_nodes(g):
        net.add_node(str(node), label=label, type=type_)
    support = defaultdict(list)
    files = {d: str(n) for d, n in g.subject_objects(HKG.fileName)}
    for st in g.subjects(RDF.type, RDF.Statement):
        key = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        support[key].append((float(g.value(st, HKG.confidence) or 0),
                             files.get(g.value(st, PROV.wasDerivedFrom), ""),
                             str(g.value(st, HKG.evidence) or "")))
    edges = []
    for rel in RELATIONS:
        for s, o in g.subject_objects(HKG[rel]):
            if str(s) in net and str(o) in net:
                edges.append((str(s), str(o), rel, sorted(support.get((s, HKG[rel], o), []))))
    for s, o, rel, sup in sorted(edges):
        net.add_edge(s, o, key=rel, relation=rel, symmetric=rel in SYMMETRIC_RELATIONS,
                     assertions=len(sup), confidence=max((c for c, _, _ in sup), default=0.0),
                     documents=" ".join(sorted({d for _, d, _ in sup if d})),
                     evidence=sup[-1][2] if sup else "")
    return net


def graphml(g: Graph) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(entity_network(g))) + "\n"


def gexf(g: Graph) -> str:
    import networkx as nx

    text = "\n".join(nx.generate_gexf(entity_network(g))) + "\n"
    # networkx stamps today's date; leave it out so that two builds match
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


WRITERS = {"nt": ntriples, "jsonld": jsonld, "trig": trig, "graphml": graphml, "gexf": gexf}
