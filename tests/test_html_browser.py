"""The network page in a real browser: Debian's Chromium, headless, driven by
Playwright, opened from ``file://`` the way a person double-clicks it.

One browser for the module; each test opens the page afresh. The tests skip,
saying why, only where there is no Chromium at all (``make test`` installs
Debian's as root); under CI (``CI`` set) a missing browser fails instead.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.graph import entity_iri
from kg.html import CHROMIUM_ARGS, LARGE_GRAPH, find_chromium, render_html
from test_html import (ENTITIES, HONOUR, HUAXI, MIANYANG, N_EDGES, sample_graph,
                       synthetic_graph)


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must have a browser: `make test` installs it)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    chromium = find_chromium()
    if chromium is None:
        _unavailable("no Chromium on this machine: install Debian's chromium "
                     "(`make test` does, as root), or set KG_CHROMIUM")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing: pip install -e '.[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


class Opened:
    """A page opened from a file, with what it asked the network for and
    every error it reported."""

    def __init__(self, browser, path: Path, wait_ready: bool = True):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
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
        self.page.goto(self.url)
        if wait_ready:
            self.page.wait_for_function("window.kg && window.kg.ready", timeout=60_000, polling=50)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def dom_point(self, x: float, y: float) -> tuple[float, float]:
        """Page coordinates of a point of the network's canvas space."""
        return tuple(self.js("""([x, y]) => {
            const d = kg.network.canvasToDOM({x, y});
            const r = document.querySelector('#network canvas').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y]; }""", [x, y]))

    def node_point(self, node_id: str) -> tuple[float, float]:
        pos = self.js("id => kg.network.getPositions([id])[id]", node_id)
        return self.dom_point(pos["x"], pos["y"])

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    path.write_text(render_html(sample_graph()), encoding="utf-8")
    return path


@pytest.fixture
def opened(browser, sample_file):
    page = Opened(browser, sample_file)
    yield page
    page.close()


HUAXI_ID = str(entity_iri("Hospital", HUAXI.name))


def test_opens_offline_with_every_entity_drawn(opened):
    # not one request but the page's own file: no CDN, no font, no favicon
    assert opened.requests == [opened.url]
    assert opened.errors == []
    assert opened.js("kg.network.body.nodeIndices.length") == len(ENTITIES)
    assert opened.js("kg.network.body.edgeIndices.length") == N_EDGES
    # every node has a place on the canvas, and the physics has stopped
    positions = opened.js("Object.values(kg.network.getPositions())")
    assert len(positions) == len(ENTITIES)
    assert opened.js("kg.network.physics.options.enabled") is False
    # the Chinese names arrive intact, in the network and in the search menu
    labels = opened.js("kg.nodes.get().map(n => n.label)")
    assert sorted(labels) == sorted(e.name for e in ENTITIES)
    options = opened.js("[...document.querySelectorAll('#names option')].map(o => o.value)")
    assert {"四川大学华西医院", "华西医院", "华西", "绵阳中心医院"} <= set(options)
    legend = opened.page.inner_text("#filters")
    assert "医院 Hospital" in legend and "合作 partnersWith" in legend
    # arrows only on directed relations
    arrows = opened.js("Object.fromEntries(kg.edges.get().map(e => [e.label, e.arrows.to.enabled]))")
    assert arrows["partnersWith"] is False and arrows["coBuildsWith"] is False
    assert arrows["awarded"] is True and arrows["supports"] is True


def test_search_finds_and_focuses_an_entity_by_alias(opened):
    page = opened.page
    page.fill("#search", "华西")                       # an alias of 四川大学华西医院
    page.press("#search", "Enter")
    page.wait_for_function("kg.focused !== null")
    assert opened.js("kg.focused") == HUAXI_ID
    assert opened.js("kg.network.getSelectedNodes()") == [HUAXI_ID]
    # the view moves to the node
    page.wait_for_function("""id => {
        const p = kg.network.getPositions([id])[id], v = kg.network.getViewPosition();
        return Math.hypot(p.x - v.x, p.y - v.y) < 2; }""", arg=HUAXI_ID, timeout=5000)
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
    x, y = opened.node_point(HUAXI_ID)
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
    assert "华西医院与绵阳市中心医院签署合作协议。" in details and "000_a.txt" in details
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

    page.check("#type-filter input[data-type='Hospital']")
    assert opened.js("kg.nodes.get().filter(n => n.hidden).length") == 0

    page.uncheck("#relation-filter input[data-rel='supports']")
    hidden_edges = opened.js("kg.edges.get().filter(e => e.hidden).map(e => e.label)")
    assert hidden_edges == ["supports"] * 3
    assert opened.js("kg.nodes.get().filter(n => n.hidden).length") == 0
    assert opened.errors == []


def test_focus_page_selects_its_entity(browser, tmp_path):
    path = tmp_path / "focus.html"
    path.write_text(render_html(sample_graph(), focus="华西医院", depth=1), encoding="utf-8")
    page = Opened(browser, path)
    try:
        assert page.js("kg.network.body.nodeIndices.length") == 6
        assert page.js("kg.network.getSelectedNodes()") == [HUAXI_ID]
        assert page.page.inner_text("#details").startswith(HUAXI.name)
        assert page.requests == [page.url] and page.errors == []
    finally:
        page.close()


def test_large_graph_is_usable_at_once(browser, tmp_path):
    g, n_entities, _ = synthetic_graph(LARGE_GRAPH + 300)
    path = tmp_path / "large.html"
    path.write_text(render_html(g), encoding="utf-8")
    page = Opened(browser, path)
    try:
        assert page.js("kg.network.body.nodeIndices.length") == n_entities
        # no physics at all: the networkx layout is drawn as it is
        assert page.js("kg.network.physics.options.enabled") is False
        drawn = page.js("Object.entries(kg.network.getPositions()).slice(0, 50)")
        given = page.js("Object.fromEntries(kg.data.nodes.map(n => [n.id, [n.x, n.y]]))")
        for node_id, pos in drawn:
            # (getPositions rounds to whole pixels)
            assert abs(pos["x"] - given[node_id][0]) <= 1 and abs(pos["y"] - given[node_id][1]) <= 1
        assert page.requests == [page.url] and page.errors == []
        # search still works at this size
        target = page.js("kg.data.nodes[123]")
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
    path = tmp_path / "pyvis.html"
    path.write_text(net.generate_html(), encoding="utf-8")
    page = Opened(browser, path, wait_ready=False)
    try:
        assert any("cdn.jsdelivr.net" in url for url in page.requests), page.requests
    finally:
        page.close()
