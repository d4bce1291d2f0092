"""The interactive network page: one self-contained HTML file for offline use.

The page is made of package files (``kg/page/``): ``index.html``, a
:class:`string.Template` whose ``${...}`` fields are filled in one pass (so
nothing inserted, a name included, is ever read as a field), ``page.css`` and
``page.js``; the network is drawn by vis-network, the build that pyvis ships
(``pyvis/lib/vis-9.1.2``). The library, the styles, the script and the graph
(UTF-8 JSON in a ``<script type="application/json">`` element) are all
inlined, so the file opens from ``file://`` with no network request at all.

What is computed here, in Python (:func:`page_data`): the entities and
relations, each relation's evidence capped at :data:`EVIDENCE_PER_EDGE`
sentences (the count of the rest kept), the documents' titles and dates once,
the degree of every entity, its Louvain community (networkx, fixed seed) and
its position (:mod:`kg.layout`). What the page does with them is described
in the README ("kg html") and in ``kg/page/page.js``.

``window.kg`` exposes the network and its state (``ready``, ``readyAt``,
``focused``, ``labels``) for tests and benchmarks.
"""
from __future__ import annotations

import hashlib
import html
import json
from collections import defaultdict, deque
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.graph import HKG, entity_nodes
from kg.layout import LARGE_GRAPH, extend_layout, layout
from kg.model import ENTITY_TYPES, RELATIONS, SYMMETRIC_RELATIONS

__all__ = ["EVIDENCE_PER_EDGE", "LARGE_GRAPH", "find_entities", "graph_page_parts", "page_data", "render_html",
           "write_html", "command"]

# Evidence sentences kept per relation in the page; the page says how many
# more there are (``more``), and `kg query -f provenance` lists them all. This
# is what keeps the page of a large corpus at a few MB.
EVIDENCE_PER_EDGE = 3
SEED = 7

# type → (colour, vis shape, Chinese name). Every shape draws its label below
# the node, so node size can follow degree; Person is a dot with a dashed
# border to tell it from Hospital beyond colour.
TYPE_STYLE = {
    "Hospital": ("#e15759", "dot", "医院"),
    "University": ("#4e79a7", "square", "高校"),
    "PartyOrganization": ("#b5172b", "triangle", "党组织"),
    "Alliance": ("#59a14f", "hexagon", "联盟"),
    "GovernmentBody": ("#d4a72c", "diamond", "政府机构"),
    "Organization": ("#b07aa1", "triangleDown", "其他组织"),
    "Honor": ("#f28e2b", "star", "荣誉"),
    "Person": ("#3fa7a3", "dot", "人物"),
}

# relation → (colour, Chinese name)
RELATION_STYLE = {
    "partnersWith": ("#1f6fb2", "合作"),
    "coBuildsWith": ("#c0392b", "共建"),
    "awarded": ("#e07b00", "获得"),
    "supports": ("#2e8b57", "支持"),
    "affiliatedWith": ("#7d3c98", "附属"),
    "memberOf": ("#138d75", "成员"),
    "subOrganizationOf": ("#6c7a89", "下属"),
    "holdsPositionIn": ("#8b5a2b", "任职"),
}

# Colours of the largest communities, in order (Tableau 20, dark then light);
# smaller communities and lone entities are grey.
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                     "#b07aa1", "#ff9da7", "#9c755f", "#1f77b4", "#d62728", "#2ca02c",
                     "#9467bd", "#8c564b", "#17becf", "#bcbd22")
OTHER_COMMUNITY = "#b0b0b0"

# Honours and people can be folded into the entity that holds them: the
# relation that ties each to its holder, read from the honour or the person.
COLLAPSIBLE = {"Honor": "awarded", "Person": "holdsPositionIn"}


# --------------------------------------------------------------------------
# graph → page data


def _local(iri) -> str | None:
    text = str(iri)
    return text[len(str(HKG)):] if text.startswith(str(HKG)) else None


def _doc_name(g: Graph, doc) -> str:
    file_name = g.value(doc, HKG.fileName)
    return str(file_name) if file_name is not None else str(doc).rsplit("/", 1)[-1]


def _entities(g: Graph) -> dict[URIRef, dict]:
    """Every entity of the graph: a node with an entity type and a prefLabel."""
    out: dict[URIRef, dict] = {}
    for s, name, type_ in entity_nodes(g):
        aliases = sorted({str(a) for a in g.objects(s, SKOS.altLabel)} - {name})
        docs = sorted({_doc_name(g, d) for d in g.objects(s, HKG.mentionedIn)})
        out[s] = {"id": str(s), "label": name, "type": type_,
                  "aliases": aliases, "docs": docs}
    return out


def _edge_key(rel: str, s, o) -> tuple:
    if rel in SYMMETRIC_RELATIONS:
        s, o = sorted((s, o))
    return (rel, s, o)


def _documents(g: Graph) -> dict[str, dict]:
    """Title and date of every document, by file name: written once in the
    page, not with every evidence sentence."""
    out = {}
    for doc in set(g.subjects(HKG.fileName, None)):
        info = {key: str(value) for key, prop in (("title", DCTERMS.title), ("date", DCTERMS.date))
                if (value := g.value(doc, prop)) is not None}
        out[_doc_name(g, doc)] = info
    return dict(sorted(out.items()))


def _evidence(g: Graph) -> list[tuple[tuple, dict]]:
    """``((relation, subject, object), item)`` of every rdf:Statement node."""
    fields = {RDF.subject: "s", RDF.predicate: "p", RDF.object: "o", HKG.evidence: "text",
              PROV.wasDerivedFrom: "doc", HKG.rule: "rule", HKG.confidence: "confidence",
              HKG.start: "start", HKG.year: "year", HKG.role: "role"}
    convert = {"confidence": float, "start": int}
    docs = {d: _doc_name(g, d) for d in set(g.subjects(HKG.fileName, None))}
    out = []
    for st in g.subjects(RDF.type, RDF.Statement):
        item: dict = {}
        for prop, value in g.predicate_objects(st):     # one lookup per statement
            key = fields.get(prop)
            if key is not None and key not in item:
                item[key] = value
        s, p, o = item.pop("s", None), item.pop("p", None), item.pop("o", None)
        rel = _local(p) if p is not None else None
        if rel not in RELATIONS or s is None or o is None:
            continue
        for key, value in item.items():
            if key == "doc":
                item[key] = docs.get(value) or str(value).rsplit("/", 1)[-1]
                continue
            try:
                item[key] = convert.get(key, str)(value)
            except ValueError:
                item[key] = str(value)
        item["text"] = item.get("text", "")
        out.append(((rel, s, o), item))
    return out


def _relation_triples(g: Graph) -> list[tuple[str, URIRef, URIRef]]:
    return [(rel, s, o) for rel in RELATIONS for s, o in g.subject_objects(HKG[rel])]


def graph_page_parts(g) -> tuple[dict, list, list, dict]:
    """Entities, evidence, relation triples and documents of an rdflib graph,
    or as given (a tuple of the four: :meth:`kg.parts.Parts.page_parts`
    merges those of a store's graphs, the evidence already gathered in an
    :class:`EvidenceCap`)."""
    if isinstance(g, tuple):
        return g
    return _entities(g), _evidence(g), _relation_triples(g), _documents(g)


class EvidenceCap:
    """The evidence the page shows of each relation, gathered one item at a
    time: the first :data:`EVIDENCE_PER_EDGE` distinct sentences (by
    document, then place in it, then the order they came in; a sentence
    found twice in a document counts once, at its first place) and how many
    more there are. Only those few items are kept per relation, and a digest
    of each sentence seen: a corpus's evidence is never all in memory.

    >>> cap = EvidenceCap()
    >>> for start in (9, 0, 5, 0, 7):
    ...     cap.add(("partnersWith", "a", "b"), {"doc": "d.txt", "start": start, "text": f"s{start}"})
    >>> cap.capped(("partnersWith", "b", "a"))     # symmetric: either order
    ([{'doc': 'd.txt', 'text': 's0'}, {'doc': 'd.txt', 'text': 's5'}, {'doc': 'd.txt', 'text': 's7'}], 1)
    """

    def __init__(self) -> None:
        self.kept: dict[tuple, list[tuple[tuple, tuple, dict]]] = defaultdict(list)  # (order, group, item)
        self.seen: dict[tuple, set[bytes]] = defaultdict(set)
        self.count = 0

    def add(self, key: tuple, item: dict) -> None:
        """Add the evidence ``item`` of the relation ``key`` ``(rel, s, o)``."""
        key = _edge_key(*key)
        group = (item.get("doc"), item["text"])
        order = (item.get("doc", ""), item.get("start", 0), item["text"], self.count)
        self.count += 1
        self.seen[key].add(hashlib.blake2b(f"{group[0]!r}\0{group[1]}".encode("utf-8"), digest_size=16).digest())
        kept = self.kept[key]
        # the group's first item is its least order; the kept are the least groups
        for i, (known, known_group, _) in enumerate(kept):
            if known_group == group:
                if order < known:
                    kept[i] = (order, group, item)
                    kept.sort(key=lambda k: k[0])
                return
        if len(kept) < EVIDENCE_PER_EDGE or order < kept[-1][0]:
            kept.append((order, group, item))
            kept.sort(key=lambda k: k[0])
            del kept[EVIDENCE_PER_EDGE:]

    def capped(self, key: tuple) -> tuple[list[dict], int]:
        key = _edge_key(*key)
        items = [{k: v for k, v in item.items() if k != "start"} for _, _, item in self.kept.get(key, ())]
        return items, max(0, len(self.seen.get(key, ())) - EVIDENCE_PER_EDGE)


def find_entities(entities: dict[URIRef, dict], name: str) -> list[URIRef]:
    """Entities called ``name``, found by :mod:`kg.names` (any name, alias,
    normalised form or unambiguous part of a name); LookupError otherwise."""
    from kg.graphio import Entity
    from kg.names import Names

    known = {iri: Entity(iri, e["label"], e["type"], e["aliases"]) for iri, e in entities.items()}
    degree = {iri: e.get("degree", 0) for iri, e in entities.items()}
    return sorted(e.iri for e in Names(known, degree).lookup(name))


def communities(node_ids: list[str], pairs: list[tuple[str, str]]) -> dict[str, int]:
    """Louvain community of every node (networkx, fixed seed): 1 for the
    largest community, 2 for the next…; 0 for a node in none (alone).

    Examples
    --------
    >>> communities(["a", "b", "c", "x", "y", "lone"],
    ...             [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    {'a': 1, 'b': 1, 'c': 1, 'x': 2, 'y': 2, 'lone': 0}
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    for a, b in pairs:
        if a != b:
            graph.add_edge(a, b, weight=graph.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    parts = nx.community.louvain_communities(graph, seed=SEED) if graph.number_of_edges() else []
    parts = sorted((p for p in parts if len(p) > 1), key=lambda p: (-len(p), min(p)))
    number = {n: i for i, part in enumerate(parts, 1) for n in part}
    return {n: number.get(n, 0) for n in node_ids}


# Networks whose layout and communities ``placed`` keeps: the last few a
# build into the folder showed (an article added, then removed again, or
# rebuilt, gives a network shown before).
PLACED_KEPT = 4
# A large network (more than LARGE_GRAPH nodes) that differs from the last
# one shown by fewer nodes than this share, counted since its last whole
# layout, keeps that layout and places only its new nodes.
EXTEND_SHARE = 0.1


def placements(node_ids: list[str], pairs: list[tuple[str, str]], placed: dict | None = None
               ) -> tuple[dict[str, tuple[float, float]], dict[str, int]]:
    """The position (:func:`kg.layout.layout`) and community
    (:func:`communities`) of every node.

    ``placed`` (a dict kept between builds, JSON-able) holds those of the
    last :data:`PLACED_KEPT` networks, by a digest of their nodes and edges:

    - a network laid out before gets the same again (the same bytes as a
      fresh build's), without the cost;
    - a large one (over :data:`~kg.layout.LARGE_GRAPH` nodes, whose layout
      the page does not refine) that differs from the last one by fewer
      than :data:`EXTEND_SHARE` of its nodes, counted since that one's last
      whole layout, keeps the positions and communities of the nodes it
      shares with it, and its new nodes are placed by their neighbours
      (:func:`kg.layout.extend_layout`; a community: its neighbours' most
      common one). Placing a few new nodes costs nothing, where a whole
      layout costs seconds (2 s at 2,600 nodes, imports included); the
      page then differs from a fresh build's in those positions only.
    - otherwise the network is laid out whole.

    >>> placed = {}
    >>> first = placements(["a", "b"], [("a", "b")], placed)
    >>> first == placements(["a", "b"], [("a", "b")], placed) == placements(["a", "b"], [("a", "b")])
    True
    >>> len(placed)
    1
    """
    key = hashlib.sha256(json.dumps([node_ids, pairs], ensure_ascii=False).encode("utf-8")).hexdigest()
    placed = {} if placed is None else placed
    known = placed.pop(key, None)
    last = placed[next(reversed(placed))] if placed else None
    if known is not None and len(known["xy"]) == len(known["community"]) == len(node_ids):
        positions = {n: tuple(xy) for n, xy in zip(node_ids, known["xy"])}
        community = dict(zip(node_ids, known["community"]))
        moved = known.get("moved", 0)
    elif last is not None and len(node_ids) > LARGE_GRAPH and \
            (moved := _moved(last, node_ids)) < EXTEND_SHARE * len(node_ids):
        before = dict(zip(last["nodes"], last["xy"]))
        positions = extend_layout(before, node_ids, pairs)
        community = _extended_communities(dict(zip(last["nodes"], last["community"])), node_ids, pairs)
    else:
        positions, community, moved = layout(node_ids, pairs), communities(node_ids, pairs), 0
    placed[key] = {"nodes": node_ids, "xy": [list(positions[n]) for n in node_ids],
                   "community": [community[n] for n in node_ids], "moved": moved}
    for old in list(placed)[:-PLACED_KEPT]:   # the newest last; the oldest go
        del placed[old]
    return positions, community


def _moved(last: dict, node_ids: list[str]) -> int:
    """Nodes added or gone since the last whole layout, if ``node_ids``
    extended the network ``last``."""
    before, now = set(last.get("nodes", ())), set(node_ids)
    return last.get("moved", 0) + len(now - before) + len(before - now) if before else len(now)


def _extended_communities(known: dict[str, int], node_ids: list[str], pairs: list[tuple[str, str]]
                          ) -> dict[str, int]:
    """The communities ``known``, and for a new node its neighbours' most
    common one (the smallest number of a tie; 0 alone)."""
    out = {n: known[n] for n in node_ids if n in known}
    votes: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for a, b in pairs:
        if a != b:
            for n, m in ((a, b), (b, a)):
                if n not in out and out.get(m):
                    votes[n][out[m]] += 1
    for n in node_ids:
        if n not in out:
            tally = votes.get(n)
            out[n] = min(tally, key=lambda c: (-tally[c], c)) if tally else 0
    return out


def _neighbourhood(roots: list[URIRef], edges: dict[tuple, dict], depth: int) -> dict[str, int]:
    """Hops from ``roots`` of every entity within ``depth`` relations."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in edges.values():
        adjacent[e["from"]].add(e["to"])
        adjacent[e["to"]].add(e["from"])
    keep = {str(r): 0 for r in roots}
    queue = deque(keep)
    while queue:
        here = queue.popleft()
        if keep[here] >= depth:
            continue
        for there in sorted(adjacent[here]):
            if there not in keep:
                keep[there] = keep[here] + 1
                queue.append(there)
    return keep


def _numbered_edges(edges: dict[tuple, dict]) -> list[dict]:
    """The edges in a fixed order with ids ``e0, e1…``; a second relation
    between the same two nodes is bent so the two do not overlap."""
    out = []
    per_pair: dict[frozenset, int] = defaultdict(int)
    for i, key in enumerate(sorted(edges, key=lambda k: (str(k[1]), str(k[2]), RELATIONS.index(k[0])))):
        edge = dict(edges[key], id=f"e{i}")
        pair = frozenset((edge["from"], edge["to"]))
        k = per_pair[pair]
        per_pair[pair] += 1
        if k:
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                              "roundness": 0.18 * ((k + 1) // 2)}
        out.append(edge)
    return out


def page_data(g, focus: str | None = None, depth: int = 1, placed: dict | None = None) -> dict:
    """Everything the page shows, as plain JSON-able data, from an rdflib
    graph or from the page's parts of a graph (entities, evidence, relation
    triples, documents: :func:`graph_page_parts`).

    With ``focus``, only the entities within ``depth`` relation hops of the
    entity of that name (any of its names) are kept. ``placed`` keeps the
    positions and communities of the networks laid out before
    (:func:`placements`), kept between builds.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> from kg.model import Assertion, Entity
    >>> a, b = Entity("甲市人民医院", "Hospital"), Entity("乙县人民医院", "Hospital")
    >>> g = build_graph([], [a, b], [Assertion(a.key, "partnersWith", b.key, "d.txt", "甲乙合作。", 0, 5, "r")])
    >>> data = page_data(g)
    >>> [(n["label"], n["value"], n["community"]) for n in data["nodes"]]
    [('乙县人民医院', 1, 1), ('甲市人民医院', 1, 1)]
    >>> [(e["rel"], [ev["text"] for ev in e["evidence"]], e["more"]) for e in data["edges"]]
    [('partnersWith', ['甲乙合作。'], 0)]
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    entities, statements, triples, documents = graph_page_parts(g)
    evidence = statements if isinstance(statements, EvidenceCap) else EvidenceCap()
    if evidence is not statements:
        for key, item in statements:
            evidence.add(key, item)
    edges: dict[tuple, dict] = {}
    for rel, s, o in triples:
        if s in entities and o in entities:
            key = _edge_key(rel, s, o)
            edges.setdefault(key, {"from": str(key[1]), "to": str(key[2]), "rel": rel})
    for key, edge in edges.items():
        edge["evidence"], edge["more"] = evidence.capped(key)

    roots: list[URIRef] = []
    if focus is not None:
        roots = find_entities(entities, focus)
        keep = _neighbourhood(roots, edges, depth)
        entities = {iri: e for iri, e in entities.items() if str(iri) in keep}
        edges = {k: e for k, e in edges.items() if e["from"] in keep and e["to"] in keep}

    edge_list = _numbered_edges(edges)
    degree: dict[str, int] = defaultdict(int)
    for edge in edge_list:
        degree[edge["from"]] += 1
        if edge["to"] != edge["from"]:
            degree[edge["to"]] += 1
    nodes = [dict(e) for _, e in sorted(entities.items(), key=lambda kv: str(kv[0]))]
    node_ids = [n["id"] for n in nodes]
    pairs = [(e["from"], e["to"]) for e in edge_list]
    positions, community = placements(node_ids, pairs, placed)
    for n in nodes:
        n["value"] = degree[n["id"]]
        n["x"], n["y"] = positions[n["id"]]
        n["community"] = community[n["id"]]

    _number_nodes(nodes, edge_list)
    used_docs = {ev["doc"] for e in edge_list for ev in e["evidence"] if "doc" in ev}
    used_docs.update(d for n in nodes for d in n["docs"])
    type_counts = defaultdict(int)
    for n in nodes:
        type_counts[n["type"]] += 1
    rel_counts = defaultdict(int)
    for e in edge_list:
        rel_counts[e["rel"]] += 1
    return {
        "title": (f"{entities[roots[0]]['label']} · {depth} 跳邻域 neighbourhood" if roots
                  else "医院知识图谱 Hospital knowledge graph"),
        "types": [{"id": t, "color": TYPE_STYLE[t][0], "shape": TYPE_STYLE[t][1],
                   "label": TYPE_STYLE[t][2], "dashed": t == "Person", "count": type_counts[t],
                   "collapseVia": COLLAPSIBLE.get(t)}
                  for t in ENTITY_TYPES],
        "relations": [{"id": r, "color": RELATION_STYLE[r][0], "label": RELATION_STYLE[r][1],
                       "directed": r not in SYMMETRIC_RELATIONS, "count": rel_counts[r]}
                      for r in RELATIONS],
        "communities": _community_legend(nodes),
        "documents": {d: info for d, info in documents.items() if d in used_docs},
        "nodes": nodes,
        "edges": edge_list,
        "evidencePerEdge": EVIDENCE_PER_EDGE,
        "focus": [next(n["id"] for n in nodes if n["iri"] == str(r)) for r in roots],
        "large": len(nodes) > LARGE_GRAPH,
    }


def _number_nodes(nodes: list[dict], edges: list[dict]) -> None:
    """Number the nodes 0, 1… (their IRI moves to ``iri``) and point the
    edges at the numbers: an IRI written once, not with every edge, is a
    third of the page of a large graph."""
    number = {}
    for i, n in enumerate(nodes):
        number[n["id"]] = i
        n["iri"], n["id"] = n["id"], i
    for e in edges:
        e["from"], e["to"] = number[e["from"]], number[e["to"]]


def _community_legend(nodes: list[dict]) -> list[dict]:
    """Number, size, colour and best-connected member of every community."""
    members: dict[int, list[dict]] = defaultdict(list)
    for n in nodes:
        if n["community"]:
            members[n["community"]].append(n)
    out = []
    for number in sorted(members):
        hub = min(members[number], key=lambda n: (-n["value"], n["label"]))
        colour = COMMUNITY_COLOURS[number - 1] if number <= len(COMMUNITY_COLOURS) else OTHER_COMMUNITY
        out.append({"id": number, "size": len(members[number]), "color": colour, "hub": hub["label"]})
    return out


# --------------------------------------------------------------------------
# page data → HTML


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """A file of the page (``kg/page/``) or of the vis-network build that
    pyvis ships (``vis-network.*``)."""
    folder = (_pyvis_folder() / "lib" / "vis-9.1.2" if name.startswith("vis-")
              else resources.files("kg") / "page")
    return (folder / name).read_text(encoding="utf-8")


def _pyvis_folder() -> Path:
    """Where the pyvis package lies, found without importing it (pyvis
    imports networkx, jinja2 and IPython: 0.3 s that only its files are
    wanted for)."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: the page needs its vis-network files")
    return Path(next(iter(spec.submodule_search_locations)))


def _json_for_script(data: dict) -> str:
    """JSON that can sit inside a <script> element: no ``<``, ``>`` or ``&``
    can close it, and Chinese stays as UTF-8 text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(g, focus: str | None = None, depth: int = 1, placed: dict | None = None) -> str:
    """The page of the whole graph, or of the neighbourhood of ``focus``
    (``placed``: see :func:`page_data`).

    ``string.Template`` fills ``kg/page/index.html`` in one pass: a value
    (a title made of an entity's name, say) is never searched for fields.

    Examples
    --------
    >>> from kg.graph import build_graph
    >>> from kg.model import Entity
    >>> page = render_html(build_graph([], [Entity("甲市人民医院", "Hospital")], []))
    >>> page.startswith("<!DOCTYPE html>") and "甲市人民医院" in page
    True
    """
    data = page_data(g, focus=focus, depth=depth, placed=placed)
    return Template(_asset("index.html")).substitute(
        title=html.escape(data["title"]), vis_css=_asset("vis-network.css"),
        page_css=_asset("page.css"), vis_js=_asset("vis-network.min.js"),
        page_js=_asset("page.js"), data=_json_for_script(data))


def load_graph(graph_file: str | Path) -> Graph:
    """The graph of a file or store (the one place this module reads a graph)."""
    from kg.graphio import open_graph

    return open_graph(graph_file)


def write_html(graph_file: str | Path, out: str | Path, focus: str | None = None,
               depth: int = 1) -> Path:
    """Read a graph (a file or ``oxigraph:PATH``) and write its page (``kg html``)."""
    from kg.files import write_atomic

    return write_atomic(out, render_html(load_graph(graph_file), focus=focus, depth=depth))


def command(args) -> int:
    """``kg html [--graph FILE] [--focus NAME --depth N] [--out FILE]``."""
    import sys

    from kg.graph import slug

    from kg.graphio import GraphError

    if args.depth < 0:
        print("error: --depth must be 0 or more", file=sys.stderr)
        return 2
    out = args.out or (f"outputs/focus-{slug(args.focus)}.html" if args.focus else "outputs/graph.html")
    try:
        written = write_html(args.graph, out, focus=args.focus, depth=args.depth)
    except (LookupError, GraphError) as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 1
    print(f"wrote {written}")
    return 0
