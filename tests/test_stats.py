"""`kg stats`: network analysis of the entity graph, checked on the gold graph
of the seeds (and, once the extractor is complete, on the seed graph)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from kg.graph import HKG, new_graph
from kg.query import load_graph, result_rows, run
from kg.stats import analyse, entity_network
from query_fixtures import _gold_files, gold_graph, seed_graph, write_gold_graph


def gold_triples() -> set[tuple[str, str, str]]:
    out = set()
    for gold in _gold_files():
        ents = {e["id"]: e["name"] for e in gold["entities"]}
        out |= {(ents[r["s"]], r["p"], ents[r["o"]]) for r in gold["relations"]}
    return out


@pytest.fixture(scope="module")
def stats():
    return analyse(gold_graph())


@pytest.fixture()
def ttl(tmp_path) -> Path:
    return write_gold_graph(tmp_path / "graph.ttl")


def by_name(st, name):
    (node,) = [n for n in st.nodes.values() if n.name == name]
    return node


def test_counts_per_type_and_relation_equal_gold(stats):
    types = {}
    for gold in _gold_files():
        for e in gold["entities"]:
            types[(e["type"], e["name"])] = e["type"]
    assert stats.types == Counter(types.values())
    assert stats.relations == Counter(p for _, p, _ in gold_triples())
    assert stats.edges == len(gold_triples())


def test_degree_is_the_number_of_relations(stats):
    triples = gold_triples()
    for name in ("绵阳市第三人民医院", "游仙区妇幼保健院", "全国文明单位", "黄霞"):
        assert by_name(stats, name).degree == sum(name in (s, o) for s, _, o in triples), name
    top = stats.top("degree", 3)
    assert top[0].name == "绵阳市第三人民医院" and top[0].degree == 27
    assert [n.degree for n in top] == sorted((n.degree for n in top), reverse=True)


def test_betweenness_finds_the_bridges(stats):
    # 全国文明单位 links the articles 000, 001 and 002: it lies on shortest paths between them
    assert by_name(stats, "全国文明单位").betweenness > 0.1
    assert by_name(stats, "黄霞").betweenness == 0      # a leaf
    top = {n.name for n in stats.top("betweenness", 4)}
    assert {"绵阳市第三人民医院", "重庆大学附属三峡医院", "全国文明单位"} <= top


def test_components(stats):
    where = {stats.nodes[i].name: k for k, comp in enumerate(stats.components) for i in comp}
    # 000 and 002 share 四川大学华西医院, 000/001/002 share 全国文明单位
    assert where["绵阳市第三人民医院"] == where["重庆大学附属三峡医院"] == where["本溪市中心医院"] == 0
    assert where["游仙区妇幼保健院"] == where["四川大学华西第二医院"] != 0
    assert where["鹤山市人民医院"] not in (0, where["游仙区妇幼保健院"])
    assert where["黄霞"] == where["全国优秀共产党员"]
    sizes = [len(c) for c in stats.components]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == len(stats.nodes)


def test_louvain_communities(stats):
    comp_of = {i: k for k, comp in enumerate(stats.components) for i in comp}
    for members in stats.communities:        # a community never spans two components
        assert len({comp_of[i] for i in members}) == 1
    assert sum(len(c) for c in stats.communities) == len(stats.nodes)
    # the big component splits: 三医院 and 三峡医院 head different communities
    assert by_name(stats, "绵阳市第三人民医院").community != by_name(stats, "重庆大学附属三峡医院").community
    assert by_name(stats, "游仙区妇幼保健院").community == by_name(stats, "四川大学华西第二医院").community
    assert 0.3 < stats.modularity < 1
    again = analyse(gold_graph())             # fixed seed: same answer every run
    assert [sorted(c) for c in again.communities] == [sorted(c) for c in stats.communities]


def test_empty_graph():
    st = analyse(new_graph())
    assert st.nodes == {} and st.components == [] and st.communities == []


def test_documents_are_not_entities():
    net = entity_network(gold_graph())
    assert not any("/doc/" in n for n in net)


def test_cli_table(ttl, capsys):
    assert main(["stats", "--graph", str(ttl), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("entities: 111")
    assert "relations: 108" in out and "partnersWith 10" in out
    assert "top 3 by degree" in out and "top 3 by betweenness" in out
    assert "Louvain" in out and "connected components" in out
    degree_table = out.split("top 3 by degree")[1].split("\n\n")[0]
    assert "绵阳市第三人民医院" in degree_table.splitlines()[3]


def test_cli_json(ttl, capsys):
    assert main(["stats", "--graph", str(ttl), "--format", "json", "--top", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["top_degree"][0]["name"] == "绵阳市第三人民医院"
    assert len(data["top_betweenness"]) == 2
    assert ["黄霞", "全国优秀共产党员"] in data["components"] or \
        ["全国优秀共产党员", "黄霞"] in data["components"]


def test_cli_write_adds_degree_and_community_for_sparql(ttl, capsys):
    before = len(load_graph(ttl))
    for _ in range(2):   # idempotent: a second run replaces, never adds
        assert main(["stats", "--graph", str(ttl), "--write"]) == 0
    err = capsys.readouterr().err
    assert "wrote hkg:degree and hkg:community of 111 entities" in err
    g = load_graph(ttl)
    assert len(g) == before + 2 * 111
    rows = result_rows(run(g, """SELECT ?d ?c WHERE {
        ?h skos:prefLabel "绵阳市第三人民医院"@zh ; hkg:degree ?d ; hkg:community ?c }"""), human=False)[1]
    assert len(rows) == 1 and rows[0][0] == "27"
    same = result_rows(run(g, """SELECT ?name WHERE {
        ?a skos:prefLabel "游仙区妇幼保健院"@zh ; hkg:community ?c .
        ?b skos:prefLabel ?name ; hkg:community ?c }"""), human=False)[1]
    assert ["四川大学华西第二医院"] in same


def test_cli_write_to_another_file(ttl, tmp_path, capsys):
    target = tmp_path / "with-metrics.ttl"
    assert main(["stats", "--graph", str(ttl), "--write", str(target)]) == 0
    assert not list(load_graph(ttl).triples((None, HKG.degree, None)))
    assert len(list(Graph().parse(target).triples((None, HKG.community, None)))) == 111


def test_cli_errors(tmp_path, ttl, capsys):
    assert main(["stats", "--graph", str(tmp_path / "none.ttl")]) == 2
    assert "no such graph" in capsys.readouterr().err
    assert main(["stats", "--graph", str(ttl), "--top", "0"]) == 2
    capsys.readouterr()
    # --write writes Turtle: it never overwrites a dataset or a store with it
    assert main(["stats", "--graph", str(tmp_path / "graph.trig"), "--write"]) == 2
    assert "name a .ttl file" in capsys.readouterr().err


def test_seed_graph_stats():
    st = analyse(seed_graph())
    assert st.relations["partnersWith"] >= 1 and st.relations["awarded"] >= 1
    hubs = {n.name for n in st.top("degree", 5)}
    # the subject hospitals of the articles with the most relations in gold
    assert hubs & {"绵阳市第三人民医院", "重庆大学附属三峡医院"}
