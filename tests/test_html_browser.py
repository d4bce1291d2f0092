"""The network page in a real browser: Debian's Chromium, headless, driven by
Playwright, opened from ``file://`` the way a person double-clicks it.

Three pages: the hand-made sample graph of test_html.py, the graph of the
annotated corpus (``corpus/docs``, built once per session in-process) and a
generated graph of 10,000 entities. One browser for the module; each test
opens its page afresh. The tests skip, saying why, only where there is no
Chromium at all (``make test`` installs Debian's as root); under CI (``CI``
set) a missing browser fails instead. Timings are in bench/bench_html.py.
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from browser import (RECORD_CANVAS_TEXT, corpus_graph, drawn_text_at_fit, launch, overlapping_pairs,
                     synthetic_graph)
from kg.graph import entity_iri
from kg.html import render_html
from test_html import (ENTITIES, HONOUR, HUAXI, LONELY, MIANYANG, N_EDGES, PERSON, sample_graph)

LARGE = 10_000


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have a browser: `make test` installs it)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing: pip install -e '.[test]'")
    with sync_playwright() as p:
        b = launch(p)
        if b is None:
            _unavailable("no Chromium on this machine: install Debian's chromium "
                         "(`make test` does, as root), or set KG_CHROMIUM")
        yield b
        b.close()


class Opened:
    """A page opened from a file, with what it asked the network for, every
    error it reported, and every text it draws on its canvas."""

    def __init__(self, browser, path: Path, wait_ready: bool = True):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.url = path.resolve().as_uri()
        self.context.on("request", lambda r: self.requests.append(r.url))
        # anything but the page itself is recorded above, then refused
        self.context.route("**/*", lambda route: route.continue_() if route.request.url == self.url
                           else route.abort())
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.add_init_script(RECORD_CANVAS_TEXT)
        self.page.goto(self.url)
        if wait_ready:
            self.page.wait_for_function("window.kg && window.kg.ready", timeout=120_000, polling=50)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def node_id(self, iri: str) -> int:
        return self.js("iri => kg.data.nodes.find(n => n.iri === iri).id", iri)

    def dom_point(self, x: float, y: float) -> tuple[float, float]:
        """Page coordinates of a point of the network's canvas space."""
        return tuple(self.js("""([x, y]) => {
            const d = kg.network.canvasToDOM({x, y});
            const r = document.querySelector('#network canvas').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y]; }""", [x, y]))

    def node_point(self, node_id) -> tuple[float, float]:
        pos = self.js("id => kg.network.getPositions([id])[id]", node_id)
        return self.dom_point(pos["x"], pos["y"])

    def shown_labels(self) -> set[str]:
        return {n["label"] for n in self.js("kg.shown().map(id => kg.data.nodes[id])")}

    def close(self):
        self.context.close()


def _write(folder: Path, name: str, html: str) -> Path:
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    return _write(tmp_path_factory.mktemp("html"), "graph.html", render_html(sample_graph()))


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    return _write(tmp_path_factory.mktemp("corpus"), "graph.html", render_html(corpus_graph()))


@pytest.fixture(scope="module")
def large_file(tmp_path_factory) -> Path:
    g, _, _ = synthetic_graph(LARGE)
    return _write(tmp_path_factory.mktemp("large"), "graph.html", render_html(g))


@pytest.fixture
def opened(browser, sample_file):
    page = Opened(browser, sample_file)
    yield page
    page.close()


@pytest.fixture
def corpus(browser, corpus_file):
    page = Opened(browser, corpus_file)
    yield page
    page.close()


HUAXI_IRI = str(entity_iri("Hospital", HUAXI.name))


def test_opens_offline_with_every_entity_drawn(opened):
    # not one request but the page's own file: no CDN, no font, no favicon
    assert opened.requests == [opened.url]
    assert opened.errors == []
    assert opened.js("kg.network.body.nodeIndices.length") == len(ENTITIES)
    assert opened.js("kg.network.body.edgeIndices.length") == N_EDGES
    # every node has a place on the canvas, and the physics has stopped
    assert len(opened.js("Object.values(kg.network.getPositions())")) == len(ENTITIES)
    assert opened.js("kg.network.physics.options.enabled") is False
    # the Chinese names arrive intact, drawn on the canvas and in the search menu
    drawn = {t["text"] for t in drawn_text_at_fit(opened.page)}
    assert HUAXI.name in drawn and MIANYANG.name in drawn
    options = opened.js("[...document.querySelectorAll('#names option')].map(o => o.value)")
    assert {"四川大学华西医院", "华西医院", "华西", "绵阳中心医院"} <= set(options)
    legend = opened.page.inner_text("#filters")
    assert "医院 Hospital" in legend and "合作 partnersWith" in legend
    # arrows only on directed relations
    arrows = opened.js("Object.fromEntries(kg.edges.get().map(e => [e.rel, e.arrows.to.enabled]))")
    assert arrows["partnersWith"] is False and arrows["coBuildsWith"] is False
    assert arrows["awarded"] is True and arrows["supports"] is True


def test_search_finds_and_focuses_an_entity_by_alias(opened):
    page = opened.page
    huaxi = opened.node_id(HUAXI_IRI)
    page.fill("#search", "华西")                       # an alias of 四川大学华西医院
    page.press("#search", "Enter")
    page.wait_for_function("kg.focused !== null")
    assert opened.js("kg.focused") == huaxi
    assert opened.js("kg.network.getSelectedNodes()") == [huaxi]
    # the view moves to the node
    page.wait_for_function("""id => {
        const p = kg.network.getPositions([id])[id], v = kg.network.getViewPosition();
        return Math.hypot(p.x - v.x, p.y - v.y) < 2; }""", arg=huaxi, timeout=5000)
    details = page.inner_text("#details")
    assert details.startswith(HUAXI.name)
    assert "Hospital" in details and "华西医院" in details
    assert MIANYANG.name in details and HONOUR.name in details
    # a name that is nobody's
    page.fill("#search", "协和医院")
    page.press("#search", "Enter")
    assert "miss" in page.get_attribute("#search", "class")
    assert "未找到" in page.inner_text("#status")
    assert opened.errors == []


def test_click_and_hover_show_details_and_evidence(opened):
    page = opened.page
    x, y = opened.node_point(opened.node_id(HUAXI_IRI))
    page.mouse.move(x, y)
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert HUAXI.name in text and "Hospital" in text and "华西医院" in text and "partnersWith" in text

    page.mouse.click(x, y)
    page.wait_for_function("document.querySelector('#details h2') !== null")
    details = page.inner_text("#details")
    assert details.startswith(HUAXI.name) and "别名 Aliases" in details and "华西" in details
    assert "关系 Relations (6)" in details

    # an edge: click the middle of the partnership's line
    edge_id = opened.js("kg.data.edges.find(e => e.rel === 'partnersWith').id")
    mid = opened.js("id => kg.network.body.edges[id].edgeType.getPoint(0.5)", edge_id)
    page.mouse.click(*opened.dom_point(mid["x"], mid["y"]))
    page.wait_for_function("document.querySelector('#details blockquote') !== null")
    details = page.inner_text("#details")
    assert "partnersWith" in details
    assert "华西医院与绵阳市中心医院签署合作协议。" in details
    assert "000_a.txt 《华西医院与绵阳市中心医院签约》 2023-05-01" in details
    assert "绵阳市中心医院与华西医院携手合作。" in details and "002_c.txt" in details
    assert opened.errors == []


def test_type_and_relation_filters_hide_what_they_name(opened):
    page = opened.page
    hospitals = set(opened.js("kg.data.nodes.filter(n => n.type === 'Hospital').map(n => n.id)"))
    assert len(hospitals) == 4
    page.uncheck("#type-filter input[data-type='Hospital']")
    hidden = set(opened.js("kg.nodes.get().filter(n => n.hidden).map(n => n.id)"))
    assert hidden == hospitals
    # and the drawing agrees: vis has them hidden, with their edges
    assert opened.js("ids => ids.every(id => kg.network.body.nodes[id].options.hidden)", list(hospitals))
    touching = opened.js("""ids => kg.data.edges.filter(e => ids.includes(e.from) || ids.includes(e.to))
                                       .every(e => kg.edges.get(e.id).hidden)""", list(hospitals))
    assert touching
    assert f"{len(ENTITIES) - 4}/{len(ENTITIES)}" in page.inner_text("#counts")

    # what the hidden hospitals leave without a relation goes too, on request
    page.check("#hide-unconnected")
    assert opened.shown_labels() == {"四川大学华西医院党委", "绵阳市中心医院党委", "四川省卫生健康委员会"}
    page.uncheck("#hide-unconnected")
    page.check("#type-filter input[data-type='Hospital']")
    assert opened.js("kg.nodes.get().filter(n => n.hidden).length") == 0

    page.uncheck("#relation-filter input[data-rel='supports']")
    hidden_edges = opened.js("kg.edges.get().filter(e => e.hidden).map(e => e.rel)")
    assert hidden_edges == ["supports"] * 3
    assert opened.js("kg.nodes.get().filter(n => n.hidden).length") == 0
    # an entity in no relation at all is unconnected too
    page.check("#hide-unconnected")
    assert LONELY.name not in opened.shown_labels()
    assert opened.errors == []


def test_honours_and_people_fold_into_their_holder(opened):
    page = opened.page
    assert not page.is_checked("#collapse")            # a small graph opens unfolded
    page.check("#collapse")
    shown = opened.shown_labels()
    assert HONOUR.name not in shown and PERSON.name not in shown
    assert len(shown) == len(ENTITIES) - 2
    # the holder says how many it holds, on the canvas and in its details
    drawn = {t["text"] for t in drawn_text_at_fit(page)}
    assert f"{HUAXI.name} ＋2" in drawn
    opened.js("id => kg.showNode(id)", opened.node_id(HUAXI_IRI))
    details = page.inner_text("#details")
    assert "荣誉与人物 Honours & people (2)" in details and HONOUR.name in details and PERSON.name in details
    page.uncheck("#collapse")
    assert opened.shown_labels() == {e.name for e in ENTITIES}


def test_click_shows_the_neighbourhood(opened):
    page = opened.page
    huaxi = opened.node_id(HUAXI_IRI)
    page.select_option("#hops", "1")
    page.mouse.click(*opened.node_point(huaxi))
    page.wait_for_function("kg.shown().length < kg.data.nodes.length")
    assert opened.shown_labels() == {HUAXI.name, MIANYANG.name, "西藏自治区人民医院", "四川大学",
                                     HONOUR.name, PERSON.name}
    page.select_option("#hops", "2")                  # the same entity, one hop further
    assert opened.shown_labels() == {HUAXI.name, MIANYANG.name, "西藏自治区人民医院", "四川大学",
                                     HONOUR.name, PERSON.name, "华西医联体", "中国红十字会"}
    page.click("#show-all")
    assert len(opened.shown_labels()) == len(ENTITIES)
    assert opened.errors == []


def test_communities_colour_the_nodes(opened):
    page = opened.page
    assert page.is_hidden("#community-legend")
    page.select_option("#colour-by", "community")
    assert page.is_visible("#community-legend")
    expected = opened.js("""() => Object.fromEntries(kg.data.nodes.map(n => [n.id,
        (kg.data.communities.find(c => c.id === n.community) || {color: 'grey'}).color]))""")
    drawn = opened.js("Object.fromEntries(kg.nodes.get().map(n => [n.id, n.color.background]))")
    communities = {c for c in expected.values() if c != "grey"}
    assert len(communities) >= 2
    assert {k: v for k, v in drawn.items() if expected[k] != "grey"} == \
           {k: v for k, v in expected.items() if v != "grey"}
    buttons = page.locator("#community-legend button")
    assert buttons.count() == len(communities)
    buttons.first.click()                              # selects the community's members
    members = opened.js("kg.data.nodes.filter(n => n.community === 1).map(n => n.id)")
    assert sorted(opened.js("kg.network.getSelectedNodes()")) == sorted(members)
    page.select_option("#colour-by", "type")
    hospital = opened.js("kg.data.types.find(t => t.id === 'Hospital').color")
    assert opened.js("id => kg.nodes.get(id).color.background", opened.node_id(HUAXI_IRI)) == hospital


def test_table_view_sorts_filters_and_downloads_csv(opened):
    page = opened.page
    page.click("#show-table")
    assert page.is_hidden("#network") and page.is_visible("#relations-table")
    rows = page.locator("#relations-table tbody tr")
    assert rows.count() == 12                          # 10 relations, one with 3 sentences
    # sort by date, newest first: the dated document's rows lead
    page.click("th[data-column='date']")
    page.click("th[data-column='date']")
    assert page.get_attribute("th[data-column='date']", "aria-sort") == "descending"
    dates = [d for d in page.locator("#relations-table td.date").all_inner_texts()]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2023-05-01"
    # filter rows by any text
    page.fill("#table-filter", "党委")
    assert rows.count() == 2
    assert "2 行 rows / 12" in page.inner_text("#table-count")
    page.fill("#table-filter", "")
    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename == "relations.csv"
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == 12
    assert list(table[0]) == ["subject", "relation", "object", "evidence", "document", "date", "more"]
    assert table[0]["date"] == "2023-05-01"              # in the order shown
    assert {"subject": HUAXI.name, "relation": "partnersWith 合作", "object": MIANYANG.name,
            "evidence": "华西医院与绵阳市中心医院签署合作协议。", "document": "000_a.txt",
            "date": "2023-05-01", "more": "0"} in [dict(r) for r in table]
    page.click("#show-network")
    assert page.is_visible("#network canvas")
    assert opened.errors == []


def test_focus_page_selects_its_entity(browser, tmp_path):
    path = _write(tmp_path, "focus.html", render_html(sample_graph(), focus="华西医院", depth=1))
    page = Opened(browser, path)
    try:
        assert page.js("kg.network.body.nodeIndices.length") == 6
        assert page.js("kg.network.getSelectedNodes()") == [page.node_id(HUAXI_IRI)]
        assert page.page.inner_text("#details").startswith(HUAXI.name)
        assert page.requests == [page.url] and page.errors == []
    finally:
        page.close()


def test_corpus_page_labels_never_overlap_at_fit_zoom(corpus):
    assert corpus.requests == [corpus.url] and corpus.errors == []
    n_nodes = corpus.js("kg.data.nodes.length")
    assert n_nodes > 300
    drawn = drawn_text_at_fit(corpus.page)
    assert overlapping_pairs(drawn) == []
    # far more than the four labels of the old page, the best-connected first
    names = {t["text"].split(" ＋")[0] for t in drawn}
    assert len(names) >= 25
    degrees = corpus.js("""() => { const shown = new Set(kg.shown());
        return kg.data.nodes.filter(n => shown.has(n.id)).map(n => [n.label, n.value]); }""")
    hub = max(degrees, key=lambda d: d[1])[0]
    assert hub in names
    labelled = sorted(v for name, v in degrees if name in names)
    assert labelled[len(labelled) // 2] > sorted(v for _, v in degrees)[len(degrees) // 2]
    # zooming in makes room for more labels, still without overlaps
    corpus.js("kg.network.moveTo({scale: kg.network.getScale() * 2.5})")
    zoomed = corpus.js("""() => new Promise(resolve => {
        kg.network.once("afterDrawing", () => requestAnimationFrame(() => resolve(window.__drawnText)));
        kg.network.redraw(); })""")
    assert overlapping_pairs(zoomed) == []
    # the legend wraps instead of scrolling sideways
    assert corpus.js("(() => { const f = document.getElementById('filters'); "
                     "return f.scrollWidth <= f.clientWidth; })()")


def test_corpus_page_search_folding_communities_and_table(corpus):
    page = corpus.page
    # the whole corpus opens with honours and people folded into their holders
    assert page.is_checked("#collapse")
    honours = corpus.js("kg.data.nodes.filter(n => n.type === 'Honor' && kg.holdersOf.has(n.id)).length")
    assert honours > 0
    assert corpus.js("kg.shown().filter(id => kg.holdersOf.has(id)).length") == 0
    # search by an alias focuses its entity, even a folded honour
    target = corpus.js("kg.data.nodes.filter(n => n.aliases.length).sort((a, b) => b.value - a.value)[0]")
    page.fill("#search", target["aliases"][0])
    page.press("#search", "Enter")
    page.wait_for_function("kg.focused !== null")
    focused = corpus.js("kg.data.nodes[kg.focused]")
    assert target["aliases"][0] in [focused["label"], *focused["aliases"]]
    assert page.inner_text("#details").startswith(focused["label"])
    honour = corpus.js("kg.data.nodes.find(n => n.type === 'Honor' && kg.holdersOf.has(n.id))")
    page.fill("#search", honour["label"])
    page.press("#search", "Enter")
    page.wait_for_function("id => kg.focused === id", arg=honour["id"])
    assert honour["id"] in corpus.js("kg.shown()") and not page.is_checked("#collapse")
    # communities
    page.select_option("#colour-by", "community")
    assert corpus.js("new Set(kg.nodes.get().map(n => n.color.background)).size") >= 5
    # the table holds every relation's evidence sentences, as capped in the page
    page.click("#show-table")
    expected = corpus.js("kg.data.edges.reduce((s, e) => s + Math.max(1, e.evidence.length), 0)")
    assert f"{expected} 行 rows" in page.inner_text("#table-count")
    assert page.locator("#relations-table tbody tr").count() == 100      # one page of rows
    page.click("#table-next")
    assert page.inner_text("#table-page").startswith("2/")
    assert corpus.errors == []


def test_large_graph_is_usable_and_readable(browser, large_file):
    page = Opened(browser, large_file)
    try:
        assert page.js("kg.data.nodes.length") == LARGE
        # drawn: all but the honours and people folded into their holders
        folded = page.js("kg.holdersOf.size")
        assert folded > 0 and page.page.is_checked("#collapse")
        assert page.js("kg.network.body.nodeIndices.length") == LARGE - folded == len(page.js("kg.shown()"))
        # no physics at all: the computed layout is drawn as it is
        assert page.js("kg.network.physics.options.enabled") is False
        drawn = page.js("Object.entries(kg.network.getPositions()).slice(0, 50)")
        given = page.js("Object.fromEntries(kg.data.nodes.map(n => [n.id, [n.x, n.y]]))")
        for node_id, pos in drawn:
            # (getPositions rounds to whole pixels)
            assert abs(pos["x"] - given[node_id][0]) <= 1 and abs(pos["y"] - given[node_id][1]) <= 1
        assert page.requests == [page.url] and page.errors == []
        texts = drawn_text_at_fit(page.page)
        assert overlapping_pairs(texts) == []
        assert len(texts) >= 10
        # search still works at this size
        target = page.js("kg.data.nodes[1234]")
        page.page.fill("#search", target["aliases"][0])
        page.page.press("#search", "Enter")
        page.page.wait_for_function("kg.focused !== null")
        assert page.js("kg.focused") == target["id"]
        assert page.page.inner_text("#details").startswith(target["label"])
    finally:
        page.close()


def test_the_request_check_catches_a_page_that_reaches_out(browser, tmp_path):
    """The check of the first test is not vacuous: pyvis's own page, even with
    ``cdn_resources="in_line"``, asks a CDN for Bootstrap."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    net.add_node(1, label="华西医院")
    net.add_node(2, label="绵阳市中心医院")
    net.add_edge(1, 2)
    page = Opened(browser, _write(tmp_path, "pyvis.html", net.generate_html()), wait_ready=False)
    try:
        assert any("cdn.jsdelivr.net" in url for url in page.requests), page.requests
    finally:
        page.close()


def test_the_overlap_measure_finds_overlapping_labels(browser, tmp_path):
    """The overlap check is not vacuous: vis-network's own labels, drawn for
    every node of the corpus page, do overlap at fit zoom."""
    page = Opened(browser, _write(tmp_path, "g.html", render_html(corpus_graph())))
    try:
        page.js("kg.network.off('afterDrawing'); kg.nodes.update(kg.data.nodes.map(n => ({id: n.id, label: n.label})))")
        page.page.wait_for_timeout(100)
        assert len(overlapping_pairs(drawn_text_at_fit(page.page))) > 10
    finally:
        page.close()
