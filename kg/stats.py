"""Network analysis of the entity graph with networkx.

The network has one node per entity (an IRI with ``skos:prefLabel`` and an
``hkg:`` type) and one edge per relation triple between two entities,
direction dropped (``partnersWith`` and ``coBuildsWith`` are symmetric and
the others read just as well both ways for "who is connected to whom").

- degree: the number of relations an entity takes part in;
- betweenness: normalised betweenness centrality of the simple graph (exact
  up to ``EXACT_BETWEENNESS`` nodes, estimated from that many sampled
  sources above it, with a fixed seed);
- connected components of the network;
- communities: Louvain (``networkx.community.louvain_communities``, fixed
  seed, so the same graph gives the same communities), numbered from 1 by
  size, largest first.

``write_metrics`` puts ``hkg:degree`` and ``hkg:community`` on every entity
so that SPARQL and the HTML page can use them.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import XSD, Graph, Literal, URIRef

from kg.graph import HKG
from kg.graphio import GraphError, bind_prefixes, entities, open_graph, relations

SEED = 0
EXACT_BETWEENNESS = 2000


@dataclass
class Node:
    iri: str
    name: str
    type: str
    degree: int = 0
    betweenness: float = 0.0
    community: int = 0


@dataclass
class NetworkStats:
    types: Counter = field(default_factory=Counter)        # entities per type
    relations: Counter = field(default_factory=Counter)    # triples per relation
    nodes: dict[str, Node] = field(default_factory=dict)   # by IRI
    edges: int = 0
    components: list[list[str]] = field(default_factory=list)   # IRIs, largest first
    communities: list[list[str]] = field(default_factory=list)  # IRIs, community i+1
    modularity: float = 0.0

    def top(self, key: str, n: int = 10) -> list[Node]:
        """The ``n`` entities with the highest ``key`` (``degree`` or ``betweenness``)."""
        return sorted(self.nodes.values(), key=lambda x: (-getattr(x, key), x.name))[:n]


def entity_network(g: Graph) -> nx.MultiGraph:
    """The entity network of ``g``: nodes are entity IRIs (``name``, ``type``
    attributes), edges the relation triples (``relation`` attribute)."""
    net = nx.MultiGraph()
    known = entities(g)
    for e in known.values():
        net.add_node(str(e.iri), name=e.label, type=e.type)
    for r in relations(g, known):
        net.add_edge(str(r.subject), str(r.object), relation=r.predicate)
    return net


def analyse(g: Graph) -> NetworkStats:
    net = entity_network(g)
    st = NetworkStats()
    st.nodes = {n: Node(n, d["name"], d["type"]) for n, d in net.nodes(data=True)}
    st.types = Counter(x.type for x in st.nodes.values())
    st.relations = Counter(d["relation"] for _, _, d in net.edges(data=True))
    st.edges = net.number_of_edges()
    for n, deg in net.degree():
        st.nodes[n].degree = deg
    simple = nx.Graph()
    simple.add_nodes_from(net)
    for u, v in net.edges():
        if u != v:
            w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
            simple.add_edge(u, v, weight=w + 1)
    if len(simple):
        k = None if len(simple) <= EXACT_BETWEENNESS else EXACT_BETWEENNESS
        for n, b in nx.betweenness_centrality(simple, k=k, seed=SEED).items():
            st.nodes[n].betweenness = b
    by_name = lambda members: sorted(members, key=lambda n: (-st.nodes[n].degree, st.nodes[n].name))
    st.components = sorted((by_name(c) for c in nx.connected_components(simple)),
                           key=lambda c: (-len(c), st.nodes[c[0]].name))
    if simple.number_of_edges():
        parts = nx.community.louvain_communities(simple, weight="weight", seed=SEED)
        st.modularity = nx.community.modularity(simple, parts, weight="weight")
    else:
        parts = [{n} for n in simple]
    st.communities = sorted((by_name(c) for c in parts), key=lambda c: (-len(c), st.nodes[c[0]].name))
    for i, members in enumerate(st.communities, 1):
        for n in members:
            st.nodes[n].community = i
    return st


def write_metrics(g: Graph, st: NetworkStats) -> Graph:
    """Replace ``hkg:degree`` and ``hkg:community`` on every entity of ``g``."""
    g.remove((None, HKG.degree, None))
    g.remove((None, HKG.community, None))
    for node in st.nodes.values():
        g.add((URIRef(node.iri), HKG.degree, Literal(node.degree, datatype=XSD.integer)))
        g.add((URIRef(node.iri), HKG.community, Literal(node.community, datatype=XSD.integer)))
    return g


# --- presenting ------------------------------------------------------------

def _members(st: NetworkStats, iris: list[str], n: int = 4) -> str:
    names = [st.nodes[i].name for i in iris[:n]]
    return "、".join(names) + (f" … (+{len(iris) - n})" if len(iris) > n else "")


def format_table(st: NetworkStats, top: int = 10) -> str:
    from kg.query import render_table

    out = [
        f"entities: {sum(st.types.values())}  " + "  ".join(f"{t} {n}" for t, n in sorted(st.types.items())),
        f"relations: {st.edges}  " + "  ".join(f"{r} {n}" for r, n in sorted(st.relations.items())),
        f"components: {len(st.components)} (largest {len(st.components[0]) if st.components else 0} entities)"
        f"  communities: {len(st.communities)} (Louvain, modularity {st.modularity:.3f})",
    ]
    for key, fmt in (("degree", "{}"), ("betweenness", "{:.4f}")):
        rows = [[str(i), x.name, x.type, fmt.format(getattr(x, key)), str(x.community)]
                for i, x in enumerate(st.top(key, top), 1)]
        out += ["", f"top {len(rows)} by {key}",
                render_table(["#", "entity", "type", key, "community"], rows)]
    shown = st.components[:top]
    out += ["", f"connected components (largest {len(shown)} of {len(st.components)})",
            render_table(["#", "size", "entities (by degree)"],
                         [[str(i), str(len(c)), _members(st, c)] for i, c in enumerate(shown, 1)])]
    shown = st.communities[:top]
    out += ["", f"communities (largest {len(shown)} of {len(st.communities)})",
            render_table(["community", "size", "entities (by degree)"],
                         [[str(i), str(len(c)), _members(st, c)] for i, c in enumerate(shown, 1)])]
    return "\n".join(out)


def to_json(st: NetworkStats, top: int = 10) -> str:
    node = lambda x: {"iri": x.iri, "name": x.name, "type": x.type, "degree": x.degree,
                      "betweenness": round(x.betweenness, 6), "community": x.community}
    names = lambda iris: [st.nodes[i].name for i in iris]
    return json.dumps({
        "entities": dict(sorted(st.types.items())),
        "relations": dict(sorted(st.relations.items())),
        "edges": st.edges,
        "top_degree": [node(x) for x in st.top("degree", top)],
        "top_betweenness": [node(x) for x in st.top("betweenness", top)],
        "components": [names(c) for c in st.components],
        "communities": [names(c) for c in st.communities],
        "modularity": round(st.modularity, 6),
    }, ensure_ascii=False, indent=2)


def command(args, stdout=None, stderr=None) -> int:
    """``kg stats``: 0 on success, 2 when the graph cannot be read or
    ``--write`` has nowhere to write."""
    from kg.files import write_atomic

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    target = Path(args.write or args.graph) if args.write is not None else None
    try:
        if args.top < 1:
            raise GraphError("--top wants a positive number")
        if target is not None and target.suffix != ".ttl":
            raise GraphError(f"--write writes Turtle: name a .ttl file (--write OUT.ttl), not {target}")
        g = open_graph(args.graph)
    except GraphError as exc:
        print(f"error: {exc}", file=stderr)
        return 2
    st = analyse(g)
    print(format_table(st, args.top) if args.format == "table" else to_json(st, args.top), file=stdout)
    if target is not None:
        write_atomic(target, bind_prefixes(write_metrics(g, st)).serialize(format="turtle"))
        print(f"wrote hkg:degree and hkg:community of {len(st.nodes)} entities to {target} "
              f"(the next kg build drops them: run kg stats --write again after it)", file=stderr)
    return 0
