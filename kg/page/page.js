// The network page of hospital-kg: draws DATA (kg/html.py: page_data) with
// vis-network, and adds what vis does not do: labels placed by importance so
// that none overlaps another, colours by type or community, honours and
// people folded into their holders, a neighbourhood view, filters, search,
// and a sortable table of every relation that downloads as CSV.
(function () {
"use strict";
const DATA = JSON.parse(document.getElementById("kg-data").textContent);
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
// Whole graphs above this many entities open with honours and people folded.
const FOLD_ABOVE = 100;
// Labels: drawn between these screen sizes (px), at most this many at once;
// edge labels only once they would be at least EDGE_LABEL_PX high.
const LABEL_MIN_PX = 11, LABEL_MAX_PX = 20, MAX_LABELS = 400, EDGE_LABEL_PX = 9, LABEL_GAP = 2;
const TABLE_PAGE = 100;

const TYPES = Object.fromEntries(DATA.types.map(t => [t.id, t]));
const RELS = Object.fromEntries(DATA.relations.map(r => [r.id, r]));
const COMMUNITIES = new Map(DATA.communities.map(c => [c.id, c]));
const byId = new Map(DATA.nodes.map(n => [n.id, n]));
const edgeById = new Map(DATA.edges.map(e => [e.id, e]));
const edgesOf = new Map(DATA.nodes.map(n => [n.id, []]));
for (const e of DATA.edges) {
  edgesOf.get(e.from).push(e);
  if (e.to !== e.from) edgesOf.get(e.to).push(e);
}
const maxDegree = DATA.nodes.reduce((m, n) => Math.max(m, n.value), 1);
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
const other = (e, id) => e.from === id ? e.to : e.from;
const docLine = ev => {
  const d = DATA.documents[ev.doc] || {};
  return (ev.doc || "?") + (d.title ? " 《" + d.title + "》" : "") + (d.date ? " " + d.date : "");
};

// What is shown (applyFilters below keeps these up to date).
const state = {hiddenTypes: new Set(), hiddenRels: new Set(), fold: !DATA.focus.length && DATA.nodes.length > FOLD_ABOVE,
               hideUnconnected: false, hops: 0, around: null, colourBy: "type"};
let [shownNodes, shownEdges] = [new Set(), new Set()];   // set below, before the datasets

// ---- folding: an honour or a person hangs on the entities that hold it ----
const holdersOf = new Map();    // folded node id → holder ids
const foldedInto = new Map();   // holder id → folded node ids
for (const n of DATA.nodes) {
  const via = TYPES[n.type].collapseVia;
  if (!via) continue;
  const holders = edgesOf.get(n.id).filter(e => e.rel === via).map(e => other(e, n.id)).filter(h => h !== n.id);
  if (!holders.length) continue;
  holdersOf.set(n.id, holders);
  for (const h of holders) { if (!foldedInto.has(h)) foldedInto.set(h, []); foldedInto.get(h).push(n.id); }
}

// ---- tooltips (plain text: vis shows strings with innerText) ----
function relationLine(e, id) {
  const r = RELS[e.rel], name = byId.get(other(e, id)).label;
  if (!r.directed) return e.rel + " " + r.label + " — " + name;
  return e.from === id ? e.rel + " " + r.label + " → " + name : "← " + e.rel + " " + r.label + " ← " + name;
}
function nodeTitle(n) {
  const t = TYPES[n.type], es = edgesOf.get(n.id);
  const lines = [n.label, "类型 type: " + t.label + " " + n.type];
  if (n.aliases.length) lines.push("别名 aliases: " + n.aliases.join("、"));
  if (n.community) lines.push("社区 community: #" + n.community);
  lines.push("关系 relations: " + es.length);
  for (const e of es.slice(0, 8)) lines.push("  " + relationLine(e, n.id));
  if (es.length > 8) lines.push("  … +" + (es.length - 8));
  return lines.join("\n");
}
function edgeTitle(e) {
  const r = RELS[e.rel];
  const lines = [byId.get(e.from).label + (r.directed ? " → " : " — ") + byId.get(e.to).label,
                 "关系 relation: " + e.rel + " " + r.label];
  for (const ev of e.evidence) lines.push("“" + ev.text + "”\n    — " + docLine(ev));
  if (e.more) lines.push("… +" + e.more + " 条证据 more evidence");
  return lines.join("\n");
}

// ---- the network: vis draws nodes and edges, the label layer below draws every label ----
function shade(hex, f) {
  const n = parseInt(hex.slice(1), 16), c = [n >> 16, (n >> 8) & 255, n & 255].map(v => Math.round(v * f));
  return "#" + c.map(v => v.toString(16).padStart(2, "0")).join("");
}
const nodeColour = c => ({background: c, border: shade(c, 0.7),
                          highlight: {background: c, border: "#111"}, hover: {background: c, border: "#111"}});
const communityColour = n => (COMMUNITIES.get(n.community) || {color: "#b0b0b0"}).color;
[shownNodes, shownEdges] = visibility();   // given to vis from the start: hiding later costs seconds
const visNodes = new vis.DataSet(DATA.nodes.map(n => {
  const t = TYPES[n.type];
  return {id: n.id, value: n.value, x: n.x, y: n.y, title: nodeTitle(n), shape: t.shape, hidden: !shownNodes.has(n.id),
          color: nodeColour(t.color), borderWidth: t.dashed ? 2.5 : 1.5,
          shapeProperties: {borderDashes: t.dashed ? [3, 2] : false}};
}));
const visEdges = new vis.DataSet(DATA.edges.map(e => {
  const r = RELS[e.rel];
  const edge = {
    id: e.id, from: e.from, to: e.to, rel: e.rel, title: edgeTitle(e), hidden: !shownEdges.has(e.id),
    color: {color: r.color, highlight: r.color, hover: r.color, opacity: 0.85},
    arrows: {to: {enabled: r.directed, scaleFactor: 0.6}},
  };
  if (e.smooth) edge.smooth = e.smooth;
  return edge;
}));
const large = DATA.large;
const options = {
  nodes: {scaling: {min: 8, max: 36, label: {enabled: false}}},
  edges: {
    width: 1.3, selectionWidth: 1.5, hoverWidth: 0.8,
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
performance.mark("kg:datasets");
const network = new vis.Network($("network"), {nodes: visNodes, edges: visEdges}, options);
performance.mark("kg:network");
const kg = window.kg = {network, nodes: visNodes, edges: visEdges, data: DATA, labels: [],
                        ready: false, readyAt: null, focused: null};

// ---- labels: most connected first, each placed only where it overlaps no other ----
// Labels are drawn in screen pixels (readable at any zoom); a label that would
// overlap one already placed is left out, and zooming in makes room for more.
const byImportance = DATA.nodes.map(n => n.id)
  .sort((a, b) => byId.get(b).value - byId.get(a).value || (byId.get(a).label < byId.get(b).label ? -1 : 1));
const widthAt100 = new Map();   // text → width at 100px
function textWidth(ctx, text, px) {
  let w = widthAt100.get(text);
  if (w === undefined) { ctx.font = "100px " + FONT; w = ctx.measureText(text).width; widthAt100.set(text, w); }
  return w * px / 100;
}
function labelText(id) {
  const n = byId.get(id), folded = state.fold ? (foldedInto.get(id) || []).filter(f => shownNodes.has(f) === false) : [];
  return folded.length ? n.label + " ＋" + folded.length : n.label;
}
class Boxes {   // placed label boxes, in a grid of 64 px cells for quick overlap tests
  constructor() { this.cells = new Map(); this.list = []; }
  cellsOf(b) {
    const out = [];
    for (let i = Math.floor(b.x0 / 64); i <= Math.floor(b.x1 / 64); i++)
      for (let j = Math.floor(b.y0 / 64); j <= Math.floor(b.y1 / 64); j++) out.push(i * 100003 + j);
    return out;
  }
  free(b) {
    for (const k of this.cellsOf(b)) for (const o of this.cells.get(k) || [])
      if (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1) return false;
    return true;
  }
  add(b) {
    for (const k of this.cellsOf(b)) { if (!this.cells.has(k)) this.cells.set(k, []); this.cells.get(k).push(b); }
    this.list.push(b);
  }
}
function drawLabels(ctx) {
  const scale = network.getScale(), view = network.getViewPosition();
  const canvas = network.canvas.frame.canvas, w = canvas.clientWidth, h = canvas.clientHeight;
  const toScreen = (x, y) => [(x - view.x) * scale + w / 2, (y - view.y) * scale + h / 2];
  const boxes = new Boxes();
  ctx.save();
  ctx.setTransform(network.canvas.pixelRatio, 0, 0, network.canvas.pixelRatio, 0, 0);
  ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
  const place = (text, cx, top, px, colour, weight) => {
    const width = textWidth(ctx, text, px);
    const box = {text, x0: cx - width / 2 - LABEL_GAP, x1: cx + width / 2 + LABEL_GAP,
                 y0: top - LABEL_GAP, y1: top + px * 1.3 + LABEL_GAP};
    if (box.x1 < 0 || box.x0 > w || box.y1 < 0 || box.y0 > h || !boxes.free(box)) return;
    boxes.add(box);
    ctx.font = weight + px + "px " + FONT;
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.strokeText(text, cx, top);
    ctx.fillStyle = colour; ctx.fillText(text, cx, top);
  };
  const selected = network.getSelectedNodes();
  const first = [...selected, ...selected.flatMap(id => (edgesOf.get(id) || []).map(e => other(e, id)))];
  for (const id of new Set([...first, ...byImportance])) {
    if (boxes.list.length >= MAX_LABELS) break;
    if (!shownNodes.has(id)) continue;
    const body = network.body.nodes[id];
    const [sx, sy] = toScreen(body.x, body.y);
    if (sx < -200 || sx > w + 200 || sy < -50 || sy > h + 50) continue;
    const n = byId.get(id);
    const px = Math.min(LABEL_MAX_PX, Math.max(LABEL_MIN_PX, (13 + 9 * n.value / maxDegree) * scale));
    place(labelText(id), sx, sy + body.options.size * scale + LABEL_GAP, px, "#222",
          selected.includes(id) ? "bold " : "");
  }
  const edgePx = 10 * scale;
  if (edgePx >= EDGE_LABEL_PX) for (const e of DATA.edges) {
    if (boxes.list.length >= MAX_LABELS) break;
    if (!shownEdges.has(e.id)) continue;
    const a = network.body.nodes[e.from], b = network.body.nodes[e.to];
    const [mx, my] = toScreen((a.x + b.x) / 2, (a.y + b.y) / 2);
    if (mx < 0 || mx > w || my < 0 || my > h) continue;
    const p = network.body.edges[e.id].edgeType.getPoint(0.5);
    const [ex, ey] = toScreen(p.x, p.y);
    const px = Math.min(13, edgePx);
    place(RELS[e.rel].label, ex, ey - px * 0.65, px, RELS[e.rel].color, "");
  }
  ctx.restore();
  kg.labels = boxes.list;
}
network.on("afterDrawing", drawLabels);

function markReady() {
  if (kg.ready) return;
  kg.ready = true;
  kg.readyAt = performance.now();
  document.body.dataset.ready = "true";
  status(DATA.nodes.length + " 个实体 entities · " + DATA.edges.length + " 条关系 relations");
  if (DATA.focus.length) { network.selectNodes(DATA.focus); showNode(DATA.focus[0]); kg.focused = DATA.focus[0]; }
}
// (markReady waits for the end of this script: a drawing can happen inside it)
function fitThenReady() { network.fit(); network.once("afterDrawing", () => setTimeout(markReady, 0)); network.redraw(); }
if (!DATA.nodes.length) { status("图为空 the graph is empty"); setTimeout(markReady, 0); }
else if (large) fitThenReady();   // the layout is final: fit it at once
else {
  network.on("stabilizationProgress", p => status("布局中 laying out… " + Math.round(100 * p.iterations / p.total) + "%"));
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({physics: {enabled: false}});   // stabilised: freeze
    fitThenReady();
  });
}
$("physics").addEventListener("change", ev => network.setOptions({physics: {enabled: ev.target.checked}}));
$("fit").addEventListener("click", () => network.fit({animation: {duration: 300}}));

// ---- what is shown: filters, folding, neighbourhood, unconnected ----
function neighbourhood(root, hops, usable) {
  const seen = new Set([root]);
  let frontier = [root];
  for (let k = 0; k < hops; k++) {
    const next = [];
    for (const id of frontier) for (const e of edgesOf.get(id)) {
      const there = other(e, id);
      if (usable(e) && !seen.has(there)) { seen.add(there); next.push(there); }
    }
    frontier = next;
  }
  return seen;
}
// The entities and relations to show, given the filters, folding, the
// neighbourhood and "hide unconnected".
function visibility() {
  const nodeOk = n => !state.hiddenTypes.has(n.type) && !(state.fold && holdersOf.has(n.id));
  const edgeOk = e => !state.hiddenRels.has(e.rel) && nodeOk(byId.get(e.from)) && nodeOk(byId.get(e.to));
  const nodes = new Set(DATA.nodes.filter(nodeOk).map(n => n.id));
  if (state.around !== null) {
    const near = neighbourhood(state.around, state.hops, edgeOk);
    for (const id of nodes) if (!near.has(id)) nodes.delete(id);
  }
  const edges = DATA.edges.filter(e => !state.hiddenRels.has(e.rel) && nodes.has(e.from) && nodes.has(e.to));
  if (state.hideUnconnected) {
    const linked = new Set(edges.flatMap(e => [e.from, e.to]));
    for (const id of nodes) if (!linked.has(id)) nodes.delete(id);
  }
  return [nodes, new Set(edges.map(e => e.id))];
}
function applyFilters() {
  const [nodes, edges] = visibility();
  const nodeUpdates = DATA.nodes.filter(n => nodes.has(n.id) !== shownNodes.has(n.id))
    .map(n => ({id: n.id, hidden: !nodes.has(n.id)}));
  const edgeUpdates = DATA.edges.filter(e => edges.has(e.id) !== shownEdges.has(e.id))
    .map(e => ({id: e.id, hidden: !edges.has(e.id)}));
  shownNodes = nodes; shownEdges = edges;
  if (nodeUpdates.length) visNodes.update(nodeUpdates);
  if (edgeUpdates.length) visEdges.update(edgeUpdates);
  $("counts").textContent = "显示 showing " + nodes.size + "/" + DATA.nodes.length + " 实体 entities, " +
                            edges.size + "/" + DATA.edges.length + " 关系 relations";
  $("show-all").hidden = state.around === null;
}
function setTypeVisible(type, visible) {
  visible ? state.hiddenTypes.delete(type) : state.hiddenTypes.add(type);
  document.querySelector('#type-filter input[data-type="' + type + '"]').checked = visible;
  applyFilters();
}
function setRelationVisible(rel, visible) {
  visible ? state.hiddenRels.delete(rel) : state.hiddenRels.add(rel);
  document.querySelector('#relation-filter input[data-rel="' + rel + '"]').checked = visible;
  applyFilters();
}
function setFold(on) { state.fold = on; $("collapse").checked = on; applyFilters(); }
function setHideUnconnected(on) { state.hideUnconnected = on; $("hide-unconnected").checked = on; applyFilters(); }
function setHops(hops) { state.hops = hops; $("hops").value = String(hops); if (!hops) showAround(null); }
function showAround(id) {
  state.around = id && state.hops ? id : null;
  applyFilters();
  if (state.around !== null) network.fit({nodes: [...shownNodes], animation: {duration: 300}});
}
function colourBy(mode) {
  state.colourBy = mode;
  $("colour-by").value = mode;
  visNodes.update(DATA.nodes.map(n => ({id: n.id, color: nodeColour(mode === "community" ? communityColour(n) : TYPES[n.type].color)})));
  $("community-legend").hidden = mode !== "community";
}
Object.assign(kg, {setTypeVisible, setRelationVisible, setFold, setHideUnconnected, setHops, showAround, colourBy,
                   shown: () => [...shownNodes], holdersOf, foldedInto});
$("collapse").checked = state.fold;
$("collapse").addEventListener("change", ev => setFold(ev.target.checked));
$("hide-unconnected").addEventListener("change", ev => setHideUnconnected(ev.target.checked));
$("hops").addEventListener("change", ev => { setHops(Number(ev.target.value)); if (kg.focused) showAround(kg.focused); });
$("show-all").addEventListener("click", () => showAround(null));
$("colour-by").addEventListener("change", ev => colourBy(ev.target.value));

// ---- legend ----
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
for (const t of DATA.types) {
  $("type-filter").append(el("label", {class: t.count ? "" : "empty", title: t.id},
    el("input", {type: "checkbox", checked: "", dataset: {type: t.id},
                 onchange: ev => setTypeVisible(t.id, ev.target.checked)}),
    shapeIcon(t), el("span", null, t.label + " " + t.id), el("span", {class: "n"}, String(t.count))));
}
for (const r of DATA.relations) {
  $("relation-filter").append(el("label", {class: r.count ? "" : "empty", title: r.directed ? "directed" : "symmetric"},
    el("input", {type: "checkbox", checked: "", dataset: {rel: r.id},
                 onchange: ev => setRelationVisible(r.id, ev.target.checked)}),
    lineIcon(r), el("span", null, r.label + " " + r.id), el("span", {class: "n"}, String(r.count))));
}
const LEGEND_COMMUNITIES = 16;
for (const c of DATA.communities.slice(0, LEGEND_COMMUNITIES)) {
  $("community-legend").append(el("button", {class: "link", type: "button", dataset: {community: c.id},
    title: "Select the members of this community",
    onclick: () => {
      const ids = DATA.nodes.filter(n => n.community === c.id && shownNodes.has(n.id)).map(n => n.id);
      network.selectNodes(ids);
      network.fit({nodes: ids, animation: {duration: 300}});
    }}, el("span", {class: "swatch", style: "background:" + c.color}), "#" + c.id + " · " + c.size + " · " + c.hub));
}
if (DATA.communities.length > LEGEND_COMMUNITIES)
  $("community-legend").append(el("p", {class: "hint"}, "… +" + (DATA.communities.length - LEGEND_COMMUNITIES) + " (grey)"));
performance.mark("kg:legend");
applyFilters();
performance.mark("kg:filters");

// ---- search ----
const norm = s => s.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
const index = [];   // [normalised name, node id]
const names = document.createDocumentFragment();
for (const n of DATA.nodes) {
  for (const name of [n.label, ...n.aliases]) {
    index.push([norm(name), n.id]);
    names.append(el("option", {value: name, label: name === n.label ? TYPES[n.type].label : "→ " + n.label}));
  }
}
$("names").append(names);
performance.mark("kg:search");
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
  showView("network");
  if (state.hiddenTypes.has(n.type)) setTypeVisible(n.type, true);
  if (state.fold && holdersOf.has(id)) setFold(false);
  if (state.hops) showAround(id);
  else if (!shownNodes.has(id)) { state.hideUnconnected = false; $("hide-unconnected").checked = false; applyFilters(); }
  network.selectNodes([id]);
  network.focus(id, {scale: Math.max(network.getScale(), 1.3), animation: {duration: 400, easingFunction: "easeInOutQuad"}});
  kg.focused = id;
  showNode(id);
}
Object.assign(kg, {search, focusNode});

// ---- details panel ----
function typeBadge(type) { const t = TYPES[type]; return el("span", {class: "type"}, shapeIcon(t), t.label + " " + type); }
function nodeLink(id) { return el("button", {class: "link", type: "button", onclick: () => focusNode(id)}, byId.get(id).label); }
function showNode(id) {
  const n = byId.get(id), es = edgesOf.get(id);
  const docs = [...new Set([...(n.docs || []), ...es.flatMap(e => e.evidence.map(ev => ev.doc).filter(Boolean))])].sort();
  const folded = foldedInto.get(id) || [];
  $("details").replaceChildren(
    el("h2", null, n.label), typeBadge(n.type),
    n.community ? el("p", {class: "hint"}, "社区 community #" + n.community) : null,
    el("h3", null, "别名 Aliases"),
    n.aliases.length ? el("ul", {class: "aliases"}, ...n.aliases.map(a => el("li", null, a))) : el("p", {class: "hint"}, "无 none"),
    folded.length ? el("h3", null, "荣誉与人物 Honours & people (" + folded.length + ")") : null,
    folded.length ? el("ul", {class: "folded"}, ...folded.map(f => el("li", null, nodeLink(f)))) : null,
    el("h3", null, "关系 Relations (" + es.length + ")"),
    es.length ? el("ul", {class: "relations"}, ...es.map(e => {
      const r = RELS[e.rel];
      const arrow = !r.directed ? " — " : (e.from === id ? " → " : " ← ");
      return el("li", null, el("button", {class: "link rel", type: "button", onclick: () => showEdge(e.id)}, r.label + " " + e.rel), arrow, nodeLink(other(e, id)));
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
    el("h3", null, "证据 Evidence (" + (e.evidence.length + e.more) + ")"),
    ...(e.evidence.length ? e.evidence.flatMap(ev => [
      el("blockquote", {class: "evidence"}, ev.text),
      el("cite", null, "文档 document: " + docLine(ev) +
                       (ev.rule ? " · rule " + ev.rule : "") + (ev.confidence !== undefined ? " · " + ev.confidence : "")),
    ]) : [el("p", {class: "hint"}, "无 none")]),
    e.more ? el("p", {class: "hint more"}, "… +" + e.more + " 条证据 more evidence, all of them: ",
                el("code", null, "kg query -f provenance --param subject=" + byId.get(e.from).label +
                                 " --param object=" + byId.get(e.to).label + " --param relation=" + e.rel)) : null);
}
network.on("click", p => {
  if (p.nodes.length) { kg.focused = p.nodes[0]; showNode(p.nodes[0]); if (state.hops) showAround(p.nodes[0]); }
  else if (p.edges.length) showEdge(p.edges[0]);
});
Object.assign(kg, {showNode, showEdge});

// ---- table view: every relation with its evidence; sortable, filterable, CSV ----
const COLUMNS = [["subject", "主体 Subject"], ["relation", "关系 Relation"], ["object", "客体 Object"],
                 ["evidence", "证据 Evidence"], ["document", "文档 Document"], ["date", "日期 Date"],
                 ["more", "其余证据 More evidence"]];
let rows = null;                   // built on first use
const table = {sort: null, descending: false, filter: "", page: 0, shown: []};
function tableRows() {
  if (rows) return rows;
  rows = [];
  for (const e of DATA.edges) {
    const base = {subject: byId.get(e.from).label, relation: e.rel + " " + RELS[e.rel].label,
                  object: byId.get(e.to).label, more: e.more};
    const items = e.evidence.length ? e.evidence : [{text: "", doc: ""}];
    for (const ev of items) rows.push(Object.assign({}, base, {
      evidence: ev.text, document: ev.doc || "", date: (DATA.documents[ev.doc] || {}).date || ""}));
  }
  return rows;
}
const collator = new Intl.Collator("zh-CN", {numeric: true});
function refreshTable() {
  const key = norm(table.filter);
  let shown = tableRows().filter(r => !key || COLUMNS.some(([c]) => norm(String(r[c])).includes(key)));
  if (table.sort) {
    const c = table.sort, sign = table.descending ? -1 : 1;
    shown = shown.slice().sort((a, b) => sign * (c === "more" ? a.more - b.more : collator.compare(a[c], b[c])));
  }
  table.shown = shown;
  const pages = Math.max(1, Math.ceil(shown.length / TABLE_PAGE));
  table.page = Math.min(table.page, pages - 1);
  const slice = shown.slice(table.page * TABLE_PAGE, (table.page + 1) * TABLE_PAGE);
  document.querySelector("#relations-table thead").replaceChildren(el("tr", null, ...COLUMNS.map(([c, title]) =>
    el("th", {dataset: {column: c}, "aria-sort": table.sort === c ? (table.descending ? "descending" : "ascending") : "none",
              onclick: () => sortTable(c)}, title))));
  document.querySelector("#relations-table tbody").replaceChildren(...slice.map(r => el("tr", null,
    ...COLUMNS.map(([c]) => el("td", {class: c}, c === "more" ? (r.more ? "+" + r.more : "") : r[c])))));
  $("table-count").textContent = shown.length + " 行 rows" + (shown.length < tableRows().length ? " / " + tableRows().length : "") +
    " · " + DATA.evidencePerEdge + " 条证据/关系 evidence per relation at most";
  $("table-page").textContent = (table.page + 1) + "/" + pages;
}
function sortTable(column) {
  table.descending = table.sort === column ? !table.descending : false;
  table.sort = column;
  refreshTable();
}
function csv() {
  const quote = v => { const s = String(v); return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
  const lines = [COLUMNS.map(([c]) => c).join(",")];
  for (const r of table.shown) lines.push(COLUMNS.map(([c]) => quote(r[c])).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";   // the BOM lets Excel read the UTF-8
}
function downloadCsv() {
  const url = URL.createObjectURL(new Blob([csv()], {type: "text/csv;charset=utf-8"}));
  const a = el("a", {href: url, download: "relations.csv"});
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
function showView(view) {
  const tableView = view === "table";
  if (tableView) refreshTable();
  $("table-view").hidden = !tableView;
  $("network").hidden = tableView;
  if (!tableView) { network.canvas.setSize(); network.redraw(); }
  $("show-table").setAttribute("aria-selected", String(tableView));
  $("show-network").setAttribute("aria-selected", String(!tableView));
}
$("show-table").addEventListener("click", () => showView("table"));
$("show-network").addEventListener("click", () => showView("network"));
$("table-filter").addEventListener("input", ev => { table.filter = ev.target.value; table.page = 0; refreshTable(); });
$("table-prev").addEventListener("click", () => { table.page = Math.max(0, table.page - 1); refreshTable(); });
$("table-next").addEventListener("click", () => { table.page += 1; refreshTable(); });
$("download-csv").addEventListener("click", downloadCsv);
Object.assign(kg, {showView, sortTable, table});
})();
