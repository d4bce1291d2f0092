"""The network page, checked without a browser: self-contained, UTF-8, the
right nodes, edges, evidence, neighbourhoods, and the ``kg html`` command.
(tests/test_html_browser.py opens it in Chromium.)"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from kg.cli import main
from kg.graph import build_graph, entity_iri
from kg.html import (EVIDENCE_PER_EDGE, LARGE_GRAPH, _entities, find_entities, page_data,
                     render_html)
from kg.model import Assertion, Document, Entity
from browser import synthetic_graph

ROOT = Path(__file__).resolve().parent.parent


HUAXI = Entity("四川大学华西医院", "Hospital", aliases={"华西医院", "华西"})
MIANYANG = Entity("绵阳市中心医院", "Hospital", aliases={"绵阳中心医院"})
XIZANG = Entity("西藏自治区人民医院", "Hospital")
LONELY = Entity("成都市第一人民医院", "Hospital", docs={"002_c.txt"})    # named, in no relation
SCU = Entity("四川大学", "University", aliases={"川大"})
HUAXI_PARTY = Entity("四川大学华西医院党委", "PartyOrganization")
MIANYANG_PARTY = Entity("绵阳市中心医院党委", "PartyOrganization")
ALLIANCE = Entity("华西医联体", "Alliance")
HEALTH = Entity("四川省卫生健康委员会", "GovernmentBody", aliases={"四川省卫健委"})
REDCROSS = Entity("中国红十字会", "Organization")
HONOUR = Entity("全国文明单位", "Honor")
PERSON = Entity("李为民", "Person")
ENTITIES = [HUAXI, MIANYANG, XIZANG, LONELY, SCU, HUAXI_PARTY, MIANYANG_PARTY, ALLIANCE,
            HEALTH, REDCROSS, HONOUR, PERSON]

DOCS = [Document("000_a.txt", "", title="华西医院与绵阳市中心医院签约", date="2023-05-01"),
        Document("001_b.txt", "", title="党建共建"),
        Document("002_c.txt", "")]


def _a(s: Entity, p: str, o: Entity, doc: str, sentence: str, start: int = 0) -> Assertion:
    return Assertion(s.key, p, o.key, doc, sentence, start, start + len(sentence), "test.rule")


ASSERTIONS = [
    _a(HUAXI, "partnersWith", MIANYANG, "000_a.txt", "华西医院与绵阳市中心医院签署合作协议。"),
    _a(HUAXI, "partnersWith", MIANYANG, "001_b.txt", "双方医院深化合作。", 40),
    # the same symmetric relation written the other way round: one edge
    _a(MIANYANG, "partnersWith", HUAXI, "002_c.txt", "绵阳市中心医院与华西医院携手合作。"),
    _a(HUAXI_PARTY, "coBuildsWith", MIANYANG_PARTY, "001_b.txt", "两院党委开展党建共建。"),
    _a(HUAXI, "awarded", HONOUR, "000_a.txt", "华西医院荣获全国文明单位称号。", 80),
    _a(HUAXI, "supports", XIZANG, "002_c.txt", "华西医院对口支援西藏自治区人民医院。", 30),
    # a second relation between the same two hospitals: a parallel edge
    _a(HUAXI, "supports", MIANYANG, "000_a.txt", "华西医院帮扶绵阳市中心医院。", 120),
    _a(HUAXI, "affiliatedWith", SCU, "000_a.txt", "华西医院是四川大学附属医院。", 160),
    _a(MIANYANG, "memberOf", ALLIANCE, "002_c.txt", "绵阳市中心医院加入华西医联体。", 60),
    _a(HUAXI_PARTY, "subOrganizationOf", HEALTH, "001_b.txt", "华西医院党委受四川省卫健委指导。", 70),
    _a(PERSON, "holdsPositionIn", HUAXI, "000_a.txt", "华西医院院长李为民出席。", 200),
    _a(REDCROSS, "supports", XIZANG, "002_c.txt", "中国红十字会捐赠物资。", 90),
]
N_EDGES = 10    # 12 assertions, three of them one symmetric edge


def sample_graph():
    """A small hand-built graph: every entity type and relation, aliases,
    evidence from three documents, an isolated entity."""
    return build_graph(DOCS, ENTITIES, ASSERTIONS)


def focus_iris(data: dict) -> list[str]:
    iri = {n["id"]: n["iri"] for n in data["nodes"]}
    return [iri[i] for i in data["focus"]]


def embedded_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "no data element"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def html() -> str:
    return render_html(sample_graph())


def test_page_is_self_contained(html):
    head = html[:300]
    assert '<meta charset="utf-8">' in head
    # nothing is loaded from anywhere: no src, no stylesheet link, no import
    assert not re.search(r"<(script|img|iframe|source|embed)\b[^>]*\ssrc=", html, re.I)
    hrefs = re.findall(r"<link\b[^>]*\bhref=\"([^\"]*)\"", html, re.I)
    assert hrefs == ["data:,"]          # the empty favicon, so none is asked for
    assert "@import" not in html
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", html)
    assert urls and all(u.startswith("data:") for u in urls)
    assert not re.search(r"cdnjs|jsdelivr|cloudflare|unpkg|bootstrap", html)
    # the only addresses in the page: entity IRIs (identifiers, never fetched),
    # the SVG namespace and the library's licence notes
    hosts = set(re.findall(r"https?://([^/\"'\s)]+)", html))
    assert hosts <= {"w3id.org", "www.w3.org", "almende.com", "opensource.org", "www.apache.org",
                     "github.com", "visjs.github.io"}, hosts
    # three scripts: the data, vis-network, the page's own
    assert html.count("</script>") == 3


def test_chinese_is_written_as_utf8_text(html):
    # raw UTF-8 text, not \\u escapes and not mojibake
    for e in ENTITIES:
        assert e.name in html
    assert "华西医院" in html and "绵阳中心医院" in html
    assert "\\u534e" not in html.lower()
    assert "å" not in html and "\ufffd" not in html
    html.encode("utf-8")


def test_nodes_types_aliases_and_degree(html):
    data = embedded_data(html)
    nodes = {n["label"]: n for n in data["nodes"]}
    assert set(nodes) == {e.name for e in ENTITIES}
    huaxi = nodes[HUAXI.name]
    assert huaxi["iri"] == str(entity_iri("Hospital", HUAXI.name))
    assert huaxi["type"] == "Hospital" and huaxi["aliases"] == ["华西", "华西医院"]
    assert huaxi["value"] == 6          # its degree: six distinct edges
    assert nodes[LONELY.name]["value"] == 0
    assert nodes[LONELY.name]["docs"] == ["002_c.txt"]     # hkg:mentionedIn
    assert nodes[PERSON.name]["type"] == "Person"
    types = {t["id"]: t for t in data["types"]}
    assert len({(t["color"], t["shape"], t["dashed"]) for t in types.values()}) == 8
    assert types["Hospital"]["count"] == 4
    assert not data["large"] and data["focus"] == []


def test_edges_evidence_and_direction(html):
    data = embedded_data(html)
    name = {n["id"]: n["label"] for n in data["nodes"]}
    edges = data["edges"]
    assert len(edges) == N_EDGES
    directed = {r["id"]: r["directed"] for r in data["relations"]}
    assert [r for r, d in directed.items() if not d] == ["partnersWith", "coBuildsWith"]
    (partners,) = [e for e in edges if e["rel"] == "partnersWith"]
    assert {name[partners["from"]], name[partners["to"]]} == {HUAXI.name, MIANYANG.name}
    assert [(ev["doc"], ev["text"]) for ev in partners["evidence"]] == [
        ("000_a.txt", "华西医院与绵阳市中心医院签署合作协议。"),
        ("001_b.txt", "双方医院深化合作。"),
        ("002_c.txt", "绵阳市中心医院与华西医院携手合作。")]
    assert partners["more"] == 0
    first = partners["evidence"][0]
    assert first["rule"] == "test.rule" and first["confidence"] == 0.8
    # each document's title and date are written once, not with every sentence
    assert data["documents"]["000_a.txt"] == {"title": "华西医院与绵阳市中心医院签约", "date": "2023-05-01"}
    assert set(data["documents"]) == {"000_a.txt", "001_b.txt", "002_c.txt"}
    (awarded,) = [e for e in edges if e["rel"] == "awarded"]
    assert (name[awarded["from"]], name[awarded["to"]]) == (HUAXI.name, HONOUR.name)
    # the second edge between 华西 and 绵阳 is bent so the two do not overlap
    (supports,) = [e for e in edges if e["rel"] == "supports" and name[e["to"]] == MIANYANG.name]
    assert partners.get("smooth") is None and supports["smooth"]["type"] == "curvedCW"


def test_names_cannot_break_out_of_the_script():
    evil = Entity("</script><script>alert(1)</script>医院", "Hospital")
    g = build_graph(DOCS, [evil, HUAXI], [_a(evil, "partnersWith", HUAXI, "000_a.txt", "<b>&amp;</b>")])
    html = render_html(g)
    assert html.count("</script>") == 3
    data = embedded_data(html)
    assert evil.name in {n["label"] for n in data["nodes"]}
    assert data["edges"][0]["evidence"][0]["text"] == "<b>&amp;</b>"


def test_neighbourhood_of_an_entity_by_any_name():
    g = sample_graph()
    depth1 = page_data(g, focus="华西", depth=1)      # an alias
    assert {n["label"] for n in depth1["nodes"]} == {
        HUAXI.name, MIANYANG.name, XIZANG.name, SCU.name, HONOUR.name, PERSON.name}
    assert focus_iris(depth1) == [str(entity_iri("Hospital", HUAXI.name))]
    assert "四川大学华西医院" in depth1["title"]
    # edges among the kept nodes only
    assert len(depth1["edges"]) == 6
    depth2 = page_data(g, focus="华西医院", depth=2)
    assert {n["label"] for n in depth2["nodes"]} == {
        HUAXI.name, MIANYANG.name, XIZANG.name, SCU.name, HONOUR.name, PERSON.name,
        ALLIANCE.name, REDCROSS.name}
    assert [n["label"] for n in page_data(g, focus="成都市第一人民医院", depth=3)["nodes"]] == [LONELY.name]
    assert [n["label"] for n in page_data(g, focus=HUAXI.name, depth=0)["nodes"]] == [HUAXI.name]


def test_unknown_focus_is_a_clear_error():
    g = sample_graph()
    with pytest.raises(LookupError, match="no entity named '协和医院'"):
        page_data(g, focus="协和医院")
    # a part of a name that picks several entities lists them
    with pytest.raises(LookupError, match="did you mean"):
        find_entities(_entities(g), "党委")
    # …and one that picks one entity is taken
    assert [n["label"] for n in page_data(g, focus="红十字", depth=0)["nodes"]] == [REDCROSS.name]


def test_layout_is_precomputed_and_large_graphs_get_no_physics():
    small = page_data(sample_graph())
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in small["nodes"])
    assert not small["large"]
    g, n_entities, _ = synthetic_graph(LARGE_GRAPH + 100)
    large = page_data(g)
    assert large["large"] and len(large["nodes"]) == n_entities
    points = {(n["x"], n["y"]) for n in large["nodes"]}
    assert len(points) == n_entities            # no two nodes on the same spot
    xs = [x for x, _ in points]
    assert max(xs) - min(xs) > 1000             # spread out in pixel space
    # deterministic: the same page every time
    assert page_data(g)["nodes"] == large["nodes"]


def test_kg_html_command(tmp_path, capsys):
    ttl = tmp_path / "graph.ttl"
    sample_graph().serialize(ttl, format="turtle")
    out = tmp_path / "page.html"
    assert main(["html", "--graph", str(ttl), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(ENTITIES) and len(data["edges"]) == N_EDGES

    focus_out = tmp_path / "focus.html"
    assert main(["html", "--graph", str(ttl), "--focus", "川大", "--depth", "2",
                 "--out", str(focus_out)]) == 0
    data = embedded_data(focus_out.read_text(encoding="utf-8"))
    assert focus_iris(data) == [str(entity_iri("University", SCU.name))]
    assert len(data["nodes"]) == 6     # 川大 → 华西 → its four other neighbours

    assert main(["html", "--graph", str(ttl), "--focus", "协和医院", "--out", str(tmp_path / "x.html")]) == 1
    assert "no entity named '协和医院'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()
    assert main(["html", "--graph", str(tmp_path / "missing.ttl")]) == 1
    assert "missing.ttl" in capsys.readouterr().err


def test_evidence_is_capped_per_edge_and_the_rest_counted():
    sentences = [f"华西医院与绵阳市中心医院第{i}次签约。" for i in range(EVIDENCE_PER_EDGE + 4)]
    g = build_graph(DOCS, [HUAXI, MIANYANG],
                    [_a(HUAXI, "partnersWith", MIANYANG, DOCS[i % 3].name, text, 10 * i)
                     for i, text in enumerate(sentences)])
    (edge,) = page_data(g)["edges"]
    assert len(edge["evidence"]) == EVIDENCE_PER_EDGE
    assert edge["more"] == len(sentences) - EVIDENCE_PER_EDGE
    # the first by document, then by place in the document
    assert [ev["doc"] for ev in edge["evidence"]] == ["000_a.txt", "000_a.txt", "000_a.txt"]
    assert [ev["text"] for ev in edge["evidence"]] == [sentences[0], sentences[3], sentences[6]]


def test_communities_colour_the_nodes():
    data = page_data(sample_graph())
    community = {n["label"]: n["community"] for n in data["nodes"]}
    assert community[LONELY.name] == 0                 # in no relation: in no community
    assert all(c > 0 for name, c in community.items() if name != LONELY.name)
    legend = data["communities"]
    assert [c["id"] for c in legend] == list(range(1, len(legend) + 1)) and len(legend) >= 2
    assert [c["size"] for c in legend] == sorted((c["size"] for c in legend), reverse=True)
    assert sum(c["size"] for c in legend) == len(ENTITIES) - 1
    assert len({c["color"] for c in legend}) == len(legend)
    # the hub of each community is its best-connected member
    assert HUAXI.name in {c["hub"] for c in legend}
    assert page_data(sample_graph())["communities"] == legend     # fixed seed


@pytest.mark.parametrize("name", ["${page_js}", "$data", "%%DATA%%", "$$", "${title}医院"])
def test_a_name_that_looks_like_a_template_field_is_only_a_name(name):
    """Issue 11, item 11: the page is filled in one pass, so a name that
    looks like one of the template's fields cannot break ``kg html --focus``."""
    odd = Entity(name, "Hospital")
    g = build_graph(DOCS, [odd, HUAXI], [_a(odd, "partnersWith", HUAXI, "000_a.txt", name + "与华西医院合作。")])
    page = render_html(g, focus=name)
    assert page.count("</script>") == 3 and page.count("vis.Network(") == 1
    data = embedded_data(page)
    assert focus_iris(data) == [str(entity_iri("Hospital", name))]
    assert name in {n["label"] for n in data["nodes"]}
    assert f"<title>{name} · 1 跳邻域 neighbourhood</title>" in page


def test_page_assets_are_package_files_installed_with_the_package():
    import tomllib
    from importlib import resources

    folder = resources.files("kg") / "page"
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert names == ["index.html", "page.css", "page.js"]
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "page/*" in package_data["kg"]
    page = render_html(sample_graph())
    for name in ("page.css", "page.js"):
        assert (folder / name).read_text(encoding="utf-8") in page
    # no field of the template is left unfilled
    assert "${" not in page.split('<script type="application/json"')[0]


def test_a_large_network_keeps_its_layout_when_a_few_entities_come_or_go():
    from kg.html import placements

    nodes = [f"n{i:04d}" for i in range(600)]
    pairs = [(nodes[i], nodes[i + 1]) for i in range(599)]
    placed: dict = {}
    fresh = placements(nodes, pairs, placed)
    # shown again (an article rebuilt, or added and removed again): the very same, as a fresh build's
    assert placements(nodes, pairs, placed) == fresh == placements(nodes, pairs)
    # three new entities: the others stay where they were, the new ones beside their neighbour
    grown = nodes + ["x1", "x2", "x3"]
    positions, community = placements(grown, pairs + [("n0100", "x1"), ("x1", "x2"), ("x2", "x3")], placed)
    assert all(positions[n] == fresh[0][n] and community[n] == fresh[1][n] for n in nodes)
    assert math.dist(positions["x1"], positions["n0100"]) < 100 and community["x1"] == community["n0100"]
    # a network far from the last one is laid out whole again
    half = nodes[:300]
    assert placements(half, pairs[:299], placed) == placements(half, pairs[:299])
