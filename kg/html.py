"""The interactive network page: one self-contained HTML file for offline use.

The page draws the entity network with vis-network, the library that pyvis
ships (``pyvis/lib/vis-9.1.2``). It does not use pyvis's own page template:
that one links Bootstrap from a CDN whatever ``cdn_resources`` says, and its
tom-select menu garbles UTF-8. Here the library, the styles, the page's own
script and the graph (as UTF-8 JSON) are all inlined, so the file opens from
``file://`` with no network request at all.

What the page offers:

* node colour and shape per entity type, with a legend that doubles as a type
  filter; node size by degree; Chinese labels drawn in a CJK font;
* edges coloured and labelled by relation, arrows only on directed relations,
  a relation filter;
* hover a node or an edge for a tooltip, click it for the details panel (type,
  aliases, relations; evidence sentences and source documents);
* a search box that finds an entity by any of its names and focuses it;
* layout: positions precomputed with networkx; up to ``LARGE_GRAPH`` nodes the
  physics refines them, stabilises, then freezes; above it physics stays off
  so a graph of thousands of nodes is usable at once.

``window.kg`` exposes the network and its state (``ready``, ``readyAt``,
``focused``) for tests and benchmarks.
"""
from __future__ import annotations

import json
import math
import shutil
from collections import defaultdict, deque
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.graph import HKG, entity_nodes
from kg.model import ENTITY_TYPES, RELATIONS, SYMMETRIC_RELATIONS

# Graphs with more nodes than this get no physics in the browser: the
# networkx layout is final, so the page is usable as soon as it is drawn.
LARGE_GRAPH = 500

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
TYPE_COLOURS = {t: style[0] for t, style in TYPE_STYLE.items()}

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

# Flags for Debian's Chromium in tests, benchmarks and the README screenshot:
# headless, and nothing that reaches out to the network on its own.
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
)


def find_chromium() -> str | None:
    """Path of a Chromium to drive, or None: ``$KG_CHROMIUM``, else Debian's."""
    import os

    for candidate in (os.environ.get("KG_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


# --------------------------------------------------------------------------
# graph → page data


def _local(iri) -> str | None:
    text = str(iri)
    return text[len(str(HKG)):] if text.startswith(str(HKG)) else None


def _entities(g: Graph) -> dict[URIRef, dict]:
    """Every entity of the graph: a node with an entity type and a prefLabel."""
    out: dict[URIRef, dict] = {}
    for s, name, type_ in entity_nodes(g):
        aliases = sorted({str(a) for a in g.objects(s, SKOS.altLabel)} - {name})
        docs = sorted({str(g.value(d, HKG.fileName) or str(d).rsplit("/", 1)[-1])
                       for d in g.objects(s, HKG.mentionedIn)})
        out[s] = {"id": str(s), "label": name, "type": type_,
                  "aliases": aliases, "docs": docs}
    return out


def _edge_key(rel: str, s, o) -> tuple:
    if rel in SYMMETRIC_RELATIONS:
        s, o = sorted((s, o))
    return (rel, s, o)


def _evidence(g: Graph) -> dict[tuple, list[dict]]:
    """Evidence of every relation triple, from its rdf:Statement nodes."""
    out: dict[tuple, list[dict]] = defaultdict(list)
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        rel = _local(p) if p is not None else None
        if rel not in RELATIONS or s is None or o is None:
            continue
        text = g.value(st, HKG.evidence)
        doc = g.value(st, PROV.wasDerivedFrom)
        item = {"text": str(text) if text is not None else ""}
        if doc is not None:
            file_name = g.value(doc, HKG.fileName)
            item["doc"] = str(file_name) if file_name is not None else str(doc).rsplit("/", 1)[-1]
            for key, prop in (("title", DCTERMS.title), ("date", DCTERMS.date)):
                value = g.value(doc, prop)
                if value is not None:
                    item[key] = str(value)
        for key, prop in (("rule", HKG.rule), ("confidence", HKG.confidence),
                          ("start", HKG.start), ("year", HKG.year), ("role", HKG.role)):
            value = g.value(st, prop)
            if value is None:
                continue
            try:
                item[key] = {"confidence": float, "start": int}.get(key, str)(value)
            except ValueError:
                item[key] = str(value)
        out[_edge_key(rel, s, o)].append(item)
    return out


def find_entities(entities: dict[URIRef, dict], name: str) -> list[URIRef]:
    """Entities called ``name``, found by :mod:`kg.names` (any name, alias,
    normalised form or unambiguous part of a name); LookupError otherwise."""
    from kg.graphio import Entity
    from kg.names import Names

    known = {iri: Entity(iri, e["label"], e["type"], e["aliases"]) for iri, e in entities.items()}
    degree = {iri: e.get("degree", 0) for iri, e in entities.items()}
    return sorted(e.iri for e in Names(known, degree).lookup(name))


def _layout(node_ids: list[str], edges: list[dict]) -> dict[str, tuple[float, float]]:
    """Positions in vis-network's pixel space. Deterministic.

    Up to ``LARGE_GRAPH`` nodes: networkx's spring layout (the browser's
    physics refines it). Above: networkx's own layouts cost 10–40 s at 3,000
    nodes (all-pairs repulsion), so the same Fruchterman–Reingold model runs
    with repulsion cut off at a few ideal edge lengths (pairs found with a k-d
    tree) and a little gravity that keeps components together: well under a
    second at 3,000 nodes."""
    import networkx as nx

    n = len(node_ids)
    if n == 0:
        return {}
    if n == 1:
        return {node_ids[0]: (0.0, 0.0)}
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from((e["from"], e["to"]) for e in edges if e["from"] != e["to"])
    if n <= LARGE_GRAPH:
        scale = 45 * math.sqrt(n) + 120
        pos = nx.spring_layout(graph, seed=7, scale=scale)
        return {k: (round(float(x), 1), round(float(y), 1)) for k, (x, y) in pos.items()}
    xy = _cutoff_spring_layout(nx.to_scipy_sparse_array(graph, nodelist=node_ids, format="coo"))
    xy *= 70.0    # one ideal edge length → 70 px
    return {k: (round(float(x), 1), round(float(y), 1)) for k, (x, y) in zip(node_ids, xy)}


def _cutoff_spring_layout(adjacency, iterations: int = 80, seed: int = 7):
    """Fruchterman–Reingold on a sparse adjacency matrix, ideal edge length 1,
    repulsion only between nodes closer than ``cutoff`` (as in the original
    paper's grid variant), plus gravity toward the centre."""
    import numpy as np
    from scipy.spatial import cKDTree

    n = adjacency.shape[0]
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    mask = adjacency.row < adjacency.col
    src, dst = adjacency.row[mask], adjacency.col[mask]
    cutoff, gravity = 2.0, 0.02
    temperature = side / 8
    cool = temperature / (iterations + 1)

    def scatter(index_a, index_b, force):
        out = np.zeros((n, 2))
        for dim in (0, 1):
            out[:, dim] += np.bincount(index_a, weights=force[:, dim], minlength=n)
            out[:, dim] -= np.bincount(index_b, weights=force[:, dim], minlength=n)
        return out

    for _ in range(iterations):
        pairs = cKDTree(pos).query_pairs(cutoff, output_type="ndarray")
        disp = np.zeros((n, 2))
        if len(pairs):
            a, b = pairs[:, 0], pairs[:, 1]
            delta = pos[a] - pos[b]
            dist2 = np.maximum((delta ** 2).sum(axis=1), 1e-4)
            disp += scatter(a, b, delta / dist2[:, None])             # k²/d along delta/d
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.sqrt((delta ** 2).sum(axis=1))
            disp -= scatter(src, dst, delta * dist[:, None])            # d²/k along delta/d
        disp -= gravity * pos * np.sqrt((pos ** 2).sum(axis=1, keepdims=True) + 1)
        length = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature -= cool
    return pos - pos.mean(axis=0)


def page_data(g: Graph, focus: str | None = None, depth: int = 1) -> dict:
    """Everything the page shows, as plain JSON-able data.

    With ``focus``, only the entities within ``depth`` relation hops of the
    entity of that name (any of its names) are kept."""
    entities = _entities(g)
    evidence = _evidence(g)
    edges: dict[tuple, dict] = {}
    for rel in RELATIONS:
        for s, o in g.subject_objects(HKG[rel]):
            if s in entities and o in entities:
                key = _edge_key(rel, s, o)
                edges.setdefault(key, {"from": str(key[1]), "to": str(key[2]), "rel": rel})
    for key, edge in edges.items():
        items = evidence.get(key, [])
        items.sort(key=lambda i: (i.get("doc", ""), i.get("start", 0), i["text"]))
        seen, edge["evidence"] = set(), []
        for item in items:
            if (item.get("doc"), item["text"]) not in seen:
                seen.add((item.get("doc"), item["text"]))
                edge["evidence"].append(item)

    roots: list[URIRef] = []
    if focus is not None:
        roots = find_entities(entities, focus)
        if depth < 0:
            raise ValueError("depth must be 0 or more")
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
        entities = {iri: e for iri, e in entities.items() if str(iri) in keep}
        edges = {k: e for k, e in edges.items() if e["from"] in keep and e["to"] in keep}

    edge_list = []
    per_pair: dict[frozenset, int] = defaultdict(int)
    degree: dict[str, int] = defaultdict(int)
    for i, key in enumerate(sorted(edges, key=lambda k: (str(k[1]), str(k[2]), RELATIONS.index(k[0])))):
        edge = dict(edges[key], id=f"e{i}")
        pair = frozenset((edge["from"], edge["to"]))
        k = per_pair[pair]
        per_pair[pair] += 1
        if k:   # parallel edges between the same two nodes: bend them apart
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                              "roundness": 0.18 * ((k + 1) // 2)}
        degree[edge["from"]] += 1
        if edge["to"] != edge["from"]:
            degree[edge["to"]] += 1
        edge_list.append(edge)

    nodes = [dict(e) for _, e in sorted(entities.items(), key=lambda kv: str(kv[0]))]
    positions = _layout([n["id"] for n in nodes], edge_list)
    for n in nodes:
        n["value"] = degree[n["id"]]
        n["x"], n["y"] = positions[n["id"]]

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
                   "label": TYPE_STYLE[t][2], "dashed": t == "Person", "count": type_counts[t]}
                  for t in ENTITY_TYPES],
        "relations": [{"id": r, "color": RELATION_STYLE[r][0], "label": RELATION_STYLE[r][1],
                       "directed": r not in SYMMETRIC_RELATIONS, "count": rel_counts[r]}
                      for r in RELATIONS],
        "nodes": nodes,
        "edges": edge_list,
        "focus": [str(r) for r in roots],
        "large": len(nodes) > LARGE_GRAPH,
    }


# --------------------------------------------------------------------------
# page data → HTML


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """A file of the vis-network build that pyvis ships."""
    return (resources.files("pyvis") / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def _json_for_script(data: dict) -> str:
    """JSON that can sit inside a <script> element: no ``<``, ``>`` or ``&``
    can close it, and Chinese stays as UTF-8 text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_html(g: Graph, focus: str | None = None, depth: int = 1) -> str:
    """The page of the whole graph, or of the neighbourhood of ``focus``."""
    data = page_data(g, focus=focus, depth=depth)
    return (_TEMPLATE
            .replace("%%TITLE%%", _escape(data["title"]))
            .replace("%%VIS_CSS%%", _asset("vis-network.css"))
            .replace("%%PAGE_CSS%%", _PAGE_CSS)
            .replace("%%VIS_JS%%", _asset("vis-network.min.js"))
            .replace("%%PAGE_JS%%", _PAGE_JS)
            .replace("%%DATA%%", _json_for_script(data)))


def write_html(graph_file: str | Path, out: str | Path, focus: str | None = None,
               depth: int = 1) -> Path:
    """Read a graph (a file or ``oxigraph:PATH``) and write its page (``kg html``)."""
    from kg.files import write_atomic

    from kg.graphio import open_graph

    return write_atomic(out, render_html(open_graph(graph_file), focus=focus, depth=depth))


_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%%TITLE%%</title>
<link rel="icon" href="data:,">
<style>%%VIS_CSS%%</style>
<style>%%PAGE_CSS%%</style>
</head>
<body>
<header id="top">
  <h1 id="title">%%TITLE%%</h1>
  <form id="search-form" role="search" autocomplete="off">
    <input id="search" type="search" list="names" placeholder="搜索实体 Find an entity" aria-label="Search an entity by any of its names">
    <button type="submit">搜索 Find</button>
  </form>
  <datalist id="names"></datalist>
  <button id="fit" type="button" title="Show the whole graph">全图 Fit</button>
  <label class="toggle" title="Let the layout move again"><input id="physics" type="checkbox"> 物理 Physics</label>
  <span id="status" role="status">加载中 loading…</span>
</header>
<main>
  <aside id="filters">
    <fieldset id="type-filter"><legend>实体类型 Entity types</legend></fieldset>
    <fieldset id="relation-filter"><legend>关系 Relations</legend></fieldset>
    <p id="counts"></p>
  </aside>
  <div id="network" aria-label="entity network"></div>
  <aside id="details" aria-live="polite"><p class="hint">点击节点或关系查看详情。<br>Click a node or an edge for its details; hover for a summary.</p></aside>
</main>
<script type="application/json" id="kg-data">%%DATA%%</script>
<script>%%VIS_JS%%</script>
<script>%%PAGE_JS%%</script>
</body>
</html>
"""

_PAGE_CSS = r"""
:root { --font: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
        "WenQuanYi Micro Hei", "Noto Sans", sans-serif; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: var(--font); font-size: 14px; color: #222; }
body { display: flex; flex-direction: column; }
#top { display: flex; align-items: center; gap: 10px; padding: 6px 12px; border-bottom: 1px solid #ddd;
       background: #fafafa; flex-wrap: wrap; }
#top h1 { font-size: 17px; margin: 0 12px 0 0; font-weight: 600; }
#search-form { display: flex; gap: 4px; }
#search { width: 280px; padding: 4px 8px; font: inherit; border: 1px solid #bbb; border-radius: 4px; }
#search.miss { border-color: #c0392b; background: #fdecea; }
button { font: inherit; padding: 3px 10px; border: 1px solid #bbb; border-radius: 4px; background: #fff; cursor: pointer; }
button:hover { background: #f0f0f0; }
#status { color: #666; margin-left: auto; }
main { flex: 1; display: flex; min-height: 0; }
#filters { width: 270px; flex: none; padding: 8px; overflow-y: auto; border-right: 1px solid #ddd; }
#filters fieldset { border: 1px solid #ddd; border-radius: 4px; margin: 0 0 10px; padding: 4px 8px 8px; }
#filters legend { font-weight: 600; padding: 0 4px; }
#filters label { display: flex; align-items: center; gap: 6px; padding: 2px 0; cursor: pointer; white-space: nowrap; }
#filters label .n { color: #888; margin-left: auto; font-size: 12px; }
#filters label.empty { color: #aaa; }
#counts { color: #666; font-size: 12px; margin: 4px 2px; }
#network { flex: 1; min-width: 0; position: relative; background: #fff; }
#details { width: 330px; flex: none; padding: 10px 12px; overflow-y: auto; border-left: 1px solid #ddd; background: #fcfcfc; }
#details h2 { font-size: 18px; margin: 2px 0 6px; }
#details h3 { font-size: 13px; margin: 12px 0 4px; color: #555; }
#details ul { margin: 0; padding-left: 18px; }
#details li { margin: 3px 0; }
#details .type { display: inline-flex; align-items: center; gap: 6px; color: #444; }
#details blockquote { margin: 6px 0 2px; padding: 4px 8px; border-left: 3px solid #ccc; background: #fff; }
#details cite { display: block; font-style: normal; color: #666; font-size: 12px; margin-bottom: 8px; }
#details .rel { font-weight: 600; }
#details .hint { color: #777; }
.link { border: none; background: none; padding: 0; color: #1f6fb2; cursor: pointer; text-align: left; }
.link:hover { text-decoration: underline; background: none; }
div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font-family: var(--font); font-size: 13px;
                  line-height: 1.45; padding: 6px 8px; }
"""

_PAGE_JS = r"""
(function () {
"use strict";
const DATA = JSON.parse(document.getElementById("kg-data").textContent);
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
const TYPES = Object.fromEntries(DATA.types.map(t => [t.id, t]));
const RELS = Object.fromEntries(DATA.relations.map(r => [r.id, r]));
const byId = new Map(DATA.nodes.map(n => [n.id, n]));
const edgeById = new Map(DATA.edges.map(e => [e.id, e]));
const edgesOf = new Map(DATA.nodes.map(n => [n.id, []]));
for (const e of DATA.edges) {
  edgesOf.get(e.from).push(e);
  if (e.to !== e.from) edgesOf.get(e.to).push(e);
}
const $ = id => document.getElementById(id);
const status = text => { $("status").textContent = text; };
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v; else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

// ---- tooltips (plain text: vis shows strings with innerText) ----
function relationLine(e, id) {
  const r = RELS[e.rel], other = byId.get(e.from === id ? e.to : e.from).label;
  if (!r.directed) return e.rel + " " + r.label + " — " + other;
  return e.from === id ? e.rel + " " + r.label + " → " + other : "← " + e.rel + " " + r.label + " ← " + other;
}
function nodeTitle(n) {
  const t = TYPES[n.type], es = edgesOf.get(n.id);
  const lines = [n.label, "类型 type: " + t.label + " " + n.type];
  if (n.aliases.length) lines.push("别名 aliases: " + n.aliases.join("、"));
  lines.push("关系 relations: " + es.length);
  for (const e of es.slice(0, 8)) lines.push("  " + relationLine(e, n.id));
  if (es.length > 8) lines.push("  … +" + (es.length - 8));
  return lines.join("\n");
}
function edgeTitle(e) {
  const r = RELS[e.rel];
  const lines = [byId.get(e.from).label + (r.directed ? " → " : " — ") + byId.get(e.to).label,
                 "关系 relation: " + e.rel + " " + r.label];
  for (const ev of e.evidence.slice(0, 3)) lines.push("“" + ev.text + "”\n    — " + (ev.doc || "?"));
  if (e.evidence.length > 3) lines.push("… +" + (e.evidence.length - 3) + " 条证据 more evidence");
  return lines.join("\n");
}

// ---- the network ----
const visNodes = new vis.DataSet(DATA.nodes.map(n => ({
  id: n.id, label: n.label, group: n.type, value: n.value, x: n.x, y: n.y, title: nodeTitle(n),
})));
const visEdges = new vis.DataSet(DATA.edges.map(e => {
  const r = RELS[e.rel];
  const edge = {
    id: e.id, from: e.from, to: e.to, label: e.rel, title: edgeTitle(e),
    color: {color: r.color, highlight: r.color, hover: r.color, opacity: 0.85},
    font: {color: r.color},
    arrows: {to: {enabled: r.directed, scaleFactor: 0.6}},
  };
  if (e.smooth) edge.smooth = e.smooth;
  return edge;
}));
function shade(hex, f) {
  const n = parseInt(hex.slice(1), 16), c = [n >> 16, (n >> 8) & 255, n & 255].map(v => Math.round(v * f));
  return "#" + c.map(v => v.toString(16).padStart(2, "0")).join("");
}
const groups = {};
for (const t of DATA.types) groups[t.id] = {
  shape: t.shape,
  color: {background: t.color, border: shade(t.color, 0.7),
          highlight: {background: t.color, border: "#111"}, hover: {background: t.color, border: "#111"}},
  shapeProperties: {borderDashes: t.dashed ? [3, 2] : false},
  borderWidth: t.dashed ? 2.5 : 1.5,
};
const large = DATA.large;
const options = {
  groups,
  nodes: {
    font: {face: FONT, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff"},
    scaling: {min: 8, max: 36, label: {enabled: true, min: 13, max: 24, drawThreshold: 7, maxVisible: 40}},
  },
  edges: {
    width: 1.3, selectionWidth: 1.5, hoverWidth: 0.8,
    font: {face: FONT, size: 10, align: "middle", strokeWidth: 3, strokeColor: "#ffffff"},
    smooth: large ? false : {enabled: true, type: "continuous", roundness: 0.3},
  },
  interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: large, hideEdgesOnZoom: large},
  layout: {improvedLayout: false, randomSeed: 7},
  physics: large ? {enabled: false} : {
    enabled: true, solver: "forceAtlas2Based", minVelocity: 1,
    forceAtlas2Based: {gravitationalConstant: -60, centralGravity: 0.012, springLength: 110,
                       springConstant: 0.07, damping: 0.5, avoidOverlap: 0.35},
    stabilization: {enabled: true, iterations: 200, updateInterval: 25, fit: true},
  },
};
const network = new vis.Network($("network"), {nodes: visNodes, edges: visEdges}, options);
const kg = window.kg = {network, nodes: visNodes, edges: visEdges, data: DATA,
                        ready: false, readyAt: null, focused: null, search, focusNode, setTypeVisible,
                        setRelationVisible};

function markReady() {
  if (kg.ready) return;
  kg.ready = true;
  kg.readyAt = performance.now();
  document.body.dataset.ready = "true";
  status(DATA.nodes.length + " 个实体 entities · " + DATA.edges.length + " 条关系 relations");
  if (DATA.focus.length) { network.selectNodes(DATA.focus); showNode(DATA.focus[0]); kg.focused = DATA.focus[0]; }
}
if (!DATA.nodes.length) { status("图为空 the graph is empty"); kg.ready = true; kg.readyAt = performance.now(); document.body.dataset.ready = "true"; }
else if (large) network.once("afterDrawing", markReady);
else {
  network.on("stabilizationProgress", p => status("布局中 laying out… " + Math.round(100 * p.iterations / p.total) + "%"));
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({physics: {enabled: false}});   // stabilised: freeze
    network.once("afterDrawing", markReady);
    network.redraw();
  });
}
$("physics").addEventListener("change", ev => network.setOptions({physics: {enabled: ev.target.checked}}));
$("fit").addEventListener("click", () => network.fit({animation: {duration: 300}}));

// ---- legend + filters ----
function shapeIcon(t) {
  const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "-8 -8 16 16");
  const pts = {
    triangle: "0,-7 7,5 -7,5", triangleDown: "0,7 7,-5 -7,-5", diamond: "0,-7 7,0 0,7 -7,0",
    hexagon: "7,0 3.5,6 -3.5,6 -7,0 -3.5,-6 3.5,-6",
    star: "0,-7.5 2,-2.5 7.5,-2.5 3,1 4.6,6.5 0,3.2 -4.6,6.5 -3,1 -7.5,-2.5 -2,-2.5",
  }[t.shape];
  let s;
  if (pts) { s = document.createElementNS(ns, "polygon"); s.setAttribute("points", pts); }
  else if (t.shape === "square") { s = document.createElementNS(ns, "rect"); ["x", "y"].forEach(a => s.setAttribute(a, "-6")); s.setAttribute("width", "12"); s.setAttribute("height", "12"); }
  else { s = document.createElementNS(ns, "circle"); s.setAttribute("r", "6"); }
  s.setAttribute("fill", t.color); s.setAttribute("stroke", shade(t.color, 0.7)); s.setAttribute("stroke-width", t.dashed ? "2" : "1.2");
  if (t.dashed) s.setAttribute("stroke-dasharray", "2 1.5");
  svg.append(s);
  return svg;
}
function lineIcon(r) {
  const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", "26"); svg.setAttribute("height", "12");
  const line = document.createElementNS(ns, "line");
  Object.entries({x1: 1, y1: 6, x2: r.directed ? 18 : 25, y2: 6, stroke: r.color, "stroke-width": 2.5}).forEach(([k, v]) => line.setAttribute(k, v));
  svg.append(line);
  if (r.directed) { const a = document.createElementNS(ns, "polygon"); a.setAttribute("points", "17,1 25,6 17,11"); a.setAttribute("fill", r.color); svg.append(a); }
  return svg;
}
const hiddenTypes = new Set(), hiddenRels = new Set();
for (const t of DATA.types) {
  $("type-filter").append(el("label", {class: t.count ? "" : "empty", title: t.id},
    el("input", {type: "checkbox", checked: "", dataset: {type: t.id},
                 onchange: ev => setTypeVisible(t.id, ev.target.checked)}),
    shapeIcon(t), t.label + " " + t.id, el("span", {class: "n"}, String(t.count))));
}
for (const r of DATA.relations) {
  $("relation-filter").append(el("label", {class: r.count ? "" : "empty", title: r.directed ? "directed" : "symmetric"},
    el("input", {type: "checkbox", checked: "", dataset: {rel: r.id},
                 onchange: ev => setRelationVisible(r.id, ev.target.checked)}),
    lineIcon(r), r.label + " " + r.id, el("span", {class: "n"}, String(r.count))));
}
function applyFilters() {
  const nodeUpdates = [], edgeUpdates = [];
  for (const n of DATA.nodes) {
    const hidden = hiddenTypes.has(n.type);
    if (!!visNodes.get(n.id).hidden !== hidden) nodeUpdates.push({id: n.id, hidden});
  }
  for (const e of DATA.edges) {
    const hidden = hiddenRels.has(e.rel) || hiddenTypes.has(byId.get(e.from).type) || hiddenTypes.has(byId.get(e.to).type);
    if (!!visEdges.get(e.id).hidden !== hidden) edgeUpdates.push({id: e.id, hidden});
  }
  if (nodeUpdates.length) visNodes.update(nodeUpdates);
  if (edgeUpdates.length) visEdges.update(edgeUpdates);
  const shownNodes = DATA.nodes.filter(n => !hiddenTypes.has(n.type)).length;
  const shownEdges = visEdges.get({filter: e => !e.hidden}).length;
  $("counts").textContent = "显示 showing " + shownNodes + "/" + DATA.nodes.length + " 实体 entities, " +
                            shownEdges + "/" + DATA.edges.length + " 关系 relations";
}
function setTypeVisible(type, visible) {
  visible ? hiddenTypes.delete(type) : hiddenTypes.add(type);
  document.querySelector('#type-filter input[data-type="' + type + '"]').checked = visible;
  applyFilters();
}
function setRelationVisible(rel, visible) {
  visible ? hiddenRels.delete(rel) : hiddenRels.add(rel);
  document.querySelector('#relation-filter input[data-rel="' + rel + '"]').checked = visible;
  applyFilters();
}
applyFilters();

// ---- search ----
const norm = s => s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
const index = [];   // [normalised name, node id]
const options_ = document.createDocumentFragment();
for (const n of DATA.nodes) {
  for (const name of [n.label, ...n.aliases]) {
    index.push([norm(name), n.id]);
    options_.append(el("option", {value: name, label: name === n.label ? TYPES[n.type].label : "→ " + n.label}));
  }
}
$("names").append(options_);
function search(query) {
  const key = norm(query || "");
  $("search").classList.remove("miss");
  if (!key) return null;
  const rank = id => -edgesOf.get(id).length;
  let hits = [...new Set(index.filter(([name]) => name === key).map(([, id]) => id))];
  if (!hits.length) {
    hits = [...new Set(index.filter(([name]) => name.includes(key)).map(([, id]) => id))];
    hits.sort((a, b) => (norm(byId.get(a).label).startsWith(key) ? 0 : 1) - (norm(byId.get(b).label).startsWith(key) ? 0 : 1) || rank(a) - rank(b));
  } else hits.sort((a, b) => rank(a) - rank(b));
  if (!hits.length) { $("search").classList.add("miss"); status("未找到 no entity named “" + query + "”"); return null; }
  focusNode(hits[0]);
  status("找到 found " + byId.get(hits[0]).label + (hits.length > 1 ? "（共 " + hits.length + " 个匹配 matches）" : ""));
  return hits[0];
}
$("search-form").addEventListener("submit", ev => { ev.preventDefault(); search($("search").value); });
$("search").addEventListener("change", ev => { if (index.some(([name]) => name === norm(ev.target.value))) search(ev.target.value); });
function focusNode(id) {
  const n = byId.get(id);
  if (!n) return;
  if (hiddenTypes.has(n.type)) setTypeVisible(n.type, true);
  network.selectNodes([id]);
  network.focus(id, {scale: Math.max(network.getScale(), 1.3), animation: {duration: 400, easingFunction: "easeInOutQuad"}});
  kg.focused = id;
  showNode(id);
}

// ---- details panel ----
function typeBadge(type) { const t = TYPES[type]; return el("span", {class: "type"}, shapeIcon(t), t.label + " " + type); }
function nodeLink(id) { return el("button", {class: "link", type: "button", onclick: () => focusNode(id)}, byId.get(id).label); }
function showNode(id) {
  const n = byId.get(id), es = edgesOf.get(id);
  const docs = [...new Set([...(n.docs || []), ...es.flatMap(e => e.evidence.map(ev => ev.doc).filter(Boolean))])].sort();
  $("details").replaceChildren(
    el("h2", null, n.label), typeBadge(n.type),
    el("h3", null, "别名 Aliases"),
    n.aliases.length ? el("ul", {class: "aliases"}, ...n.aliases.map(a => el("li", null, a))) : el("p", {class: "hint"}, "无 none"),
    el("h3", null, "关系 Relations (" + es.length + ")"),
    es.length ? el("ul", {class: "relations"}, ...es.map(e => {
      const r = RELS[e.rel], other = e.from === id ? e.to : e.from;
      const arrow = !r.directed ? " — " : (e.from === id ? " → " : " ← ");
      return el("li", null, el("button", {class: "link rel", type: "button", onclick: () => showEdge(e.id)}, r.label + " " + e.rel), arrow, nodeLink(other));
    })) : el("p", {class: "hint"}, "无 none"),
    el("h3", null, "来源文档 Documents"),
    docs.length ? el("ul", {class: "docs"}, ...docs.map(d => el("li", null, d))) : el("p", {class: "hint"}, "无 none"));
}
function showEdge(eid) {
  const e = edgeById.get(eid), r = RELS[e.rel];
  network.selectEdges([eid]);
  $("details").replaceChildren(
    el("h2", null, r.label + " " + e.rel),
    el("p", null, nodeLink(e.from), r.directed ? " → " : " — ", nodeLink(e.to)),
    el("h3", null, "证据 Evidence (" + e.evidence.length + ")"),
    ...(e.evidence.length ? e.evidence.flatMap(ev => [
      el("blockquote", {class: "evidence"}, ev.text),
      el("cite", null, "文档 document: " + (ev.doc || "?") + (ev.title ? " 《" + ev.title + "》" : "") + (ev.date ? " " + ev.date : "") +
                       (ev.rule ? " · rule " + ev.rule : "") + (ev.confidence !== undefined ? " · " + ev.confidence : "")),
    ]) : [el("p", {class: "hint"}, "无 none")]));
}
network.on("click", p => {
  if (p.nodes.length) showNode(p.nodes[0]);
  else if (p.edges.length) showEdge(p.edges[0]);
});
kg.showNode = showNode; kg.showEdge = showEdge;
})();
"""


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
