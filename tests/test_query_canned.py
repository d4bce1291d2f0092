"""The canned queries of queries/, each checked against the seeds' gold.

Two graphs: the gold graph (the seeds' gold annotation put through the real
build_graph; there the answers must equal what the gold says) and the seed
graph the extractor builds (there the answers must contain gold facts the
extractor is expected to find: containment, not equality, as the extractor
keeps improving)."""
from __future__ import annotations

from collections import defaultdict

import pytest
from rdflib import Graph

from kg.graph import HKG
from kg.query import QUERIES_DIR, canned_queries, read_query_file, result_rows, run, to_term
from query_fixtures import gold_attr, gold_facts, gold_graph, seed_graph

ALL_GOLD = gold_facts(include_optional=True)     # the gold graph holds optional facts too
SYMMETRIC = {"partnersWith", "coBuildsWith"}


def ask(g: Graph, query: str, **params) -> list[dict[str, str]]:
    result = run(g, read_query_file(query), {k: to_term(str(v)) for k, v in params.items()})
    header, rows = result_rows(result, human=False)
    return [dict(zip(header, r)) for r in rows]


def neighbours(rel: str, name: str, facts=ALL_GOLD) -> set[str]:
    out = {o for s, p, o, _ in facts if p == rel and s == name}
    if rel in SYMMETRIC:
        out |= {s for s, p, o, _ in facts if p == rel and o == name}
    return out


@pytest.fixture(scope="module")
def gold() -> Graph:
    return gold_graph()


@pytest.fixture(scope="module")
def seeds() -> Graph:
    return seed_graph()


def test_every_canned_query_is_documented_and_parses(gold):
    queries = canned_queries()
    assert {q.name for q in queries} == {
        "partners", "honours", "cobuilding", "most-partners", "party-organisations",
        "provenance", "multi-article", "count"}
    readme = (QUERIES_DIR.parent / "README.md").read_text(encoding="utf-8")
    for q in queries:
        assert q.title, q.name
        assert f"queries/{q.name}.rq" in readme, f"{q.name} is not in the README"
        run(gold, q.text)          # runs without parameters too


# --- on the gold graph: answers equal the gold ------------------------------

@pytest.mark.parametrize("hospital", ["游仙区妇幼保健院", "重庆大学附属三峡医院", "绵阳市第三人民医院",
                                      "四川大学华西医院"])
def test_partners_equal_gold(gold, hospital):
    rows = ask(gold, "partners", name=hospital)
    assert {r["partner"] for r in rows} == neighbours("partnersWith", hospital)
    assert {r["hospital"] for r in rows} == {hospital}


def test_partners_without_name_lists_both_directions(gold):
    pairs = {(r["hospital"], r["partner"]) for r in ask(gold, "partners")}
    expected = {(s, o) for s, p, o, _ in ALL_GOLD if p == "partnersWith"}
    assert pairs == expected | {(o, s) for s, o in expected}


def test_honours_with_year_equal_gold(gold):
    rows = ask(gold, "honours", name="绵阳市第三人民医院")
    assert {r["honour"] for r in rows} == neighbours("awarded", "绵阳市第三人民医院")
    year = {r["honour"]: r["year"] for r in rows}
    assert gold_attr("绵阳市第三人民医院", "awarded", "2018年度改善医疗服务优秀医院", "year") == "2018"
    assert year["2018年度改善医疗服务优秀医院"] == "2018"
    assert year["2019年度群众满意医疗机构"] == "2019"
    assert year["全国文明单位"] == ""
    assert all(r["articles"] == "000_24cda9f3b73b6aea.txt" for r in rows)


def test_honours_year_from_the_relation(gold):
    # 重庆市先进基层党组织 carries year 2020 in gold 002, not in its name
    assert gold_attr("重庆大学附属三峡医院党委", "awarded", "重庆市先进基层党组织", "year") == "2020"
    rows = ask(gold, "honours", name="重庆大学附属三峡医院党委")
    assert [(r["honour"], r["year"]) for r in rows] == [("重庆市先进基层党组织", "2020")]


def test_cobuilding_pairs_and_their_hospitals_equal_gold(gold):
    rows = ask(gold, "cobuilding")
    pairs = {(r["party1"], r["party2"]) for r in rows}
    assert pairs == {(s, o) for s, p, o, _ in ALL_GOLD if p == "coBuildsWith"}
    belongs = {}
    for r in rows:
        belongs[r["party1"]] = r["belongsTo1"]
        belongs[r["party2"]] = r["belongsTo2"]
    assert belongs["游仙区妇幼保健院党支部"] == "游仙区妇幼保健院"
    # gold: 华西二院党支部 subOrganizationOf both the 党委 and the hospital; the query climbs past the 党委
    assert belongs["四川大学华西第二医院党支部"] == "四川大学华西第二医院"
    assert belongs["重庆大学附属三峡医院医技党总支"] == "重庆大学附属三峡医院"
    assert belongs["西南医科大学医学影像系党总支"] == "西南医科大学"


@pytest.mark.parametrize("query,params,ends", [
    ("partners", {"name": "游仙区妇幼保健院"}, ("hospital", "partner")),
    ("honours", {"name": "绵阳市第三人民医院"}, ("entity", "honour")),
    ("cobuilding", {}, ("party1", "party2")),
])
def test_evidence_is_the_gold_sentence_and_article(gold, query, params, ends):
    # every row carries the sentence the gold gives for that pair, and its article
    relation = {"partners": "partnersWith", "honours": "awarded", "cobuilding": "coBuildsWith"}[query]
    sentences = gold_sentences(relation)
    rows = ask(gold, query, **params)
    assert rows
    for r in rows:
        pair = frozenset((r[ends[0]], r[ends[1]]))
        assert (r["evidence"], r["articles"]) in sentences[pair], r


def gold_sentences(relation: str) -> dict[frozenset, set[tuple[str, str]]]:
    from query_fixtures import _gold_files
    out = defaultdict(set)
    for gold in _gold_files():
        ents = {e["id"]: e["name"] for e in gold["entities"]}
        for r in gold["relations"]:
            if r["p"] == relation:
                out[frozenset((ents[r["s"]], ents[r["o"]]))].add((r["evidence"], gold["doc"]))
    return out


def test_count_counts_the_statements(gold):
    from rdflib import RDF
    assert ask(gold, "count") == [{"statements": str(len(set(gold.subjects(RDF.type, RDF.Statement))))}]


def test_cobuilding_falls_back_to_the_name(gold):
    g = Graph()
    for t in gold:
        if t[1] != HKG.subOrganizationOf:
            g.add(t)
    rows = ask(g, "cobuilding")
    belongs = {r["party1"]: r["belongsTo1"] for r in rows}
    assert belongs["游仙区妇幼保健院党支部"] == "游仙区妇幼保健院"
    assert belongs["鹤山市人民医院临床第一党支部"] == "鹤山市人民医院"
    # the longest name wins: 重庆大学 (a University in gold 002) also prefixes it
    assert belongs["重庆大学附属三峡医院医技党总支"] == "重庆大学附属三峡医院"
    other = {r["party2"]: r["belongsTo2"] for r in rows}
    assert other["西南医科大学医学影像系党总支"] == "西南医科大学"       # a university, by name


def test_most_partners_counts_equal_gold(gold):
    rows = ask(gold, "most-partners")
    counts = {r["hospital"]: int(r["partners"]) for r in rows}
    hospitals = {s for s, p, o, _ in ALL_GOLD if p == "partnersWith"} | \
                {o for s, p, o, _ in ALL_GOLD if p == "partnersWith"}
    assert counts == {h: len(neighbours("partnersWith", h)) for h in hospitals}
    assert rows[0]["hospital"] == "重庆大学附属三峡医院"
    assert [int(r["partners"]) for r in rows] == sorted(counts.values(), reverse=True)


def test_party_organisations_equal_gold(gold):
    # party bodies with a subOrganizationOf path to the hospital in gold
    up = defaultdict(set)
    for s, p, o, _ in ALL_GOLD:
        if p == "subOrganizationOf":
            up[s].add(o)

    def reaches(x, target, seen=()):
        return any(y == target or (y not in seen and reaches(y, target, seen + (y,))) for y in up.get(x, ()))

    for hospital in ("绵阳市第三人民医院", "四川大学华西第二医院", "鹤山市人民医院"):
        rows = ask(gold, "party-organisations", name=hospital)
        assert {r["party"] for r in rows} == {x for x in list(up) if reaches(x, hospital)}, hospital
    rows = ask(gold, "party-organisations", name="绵阳市第三人民医院")
    assert {r["party"] for r in rows} == {"绵阳市第三人民医院党委", "绵阳市第三人民医院外科第五党支部"}


def test_provenance_of_a_partnership_equals_gold(gold):
    fact = ("游仙区妇幼保健院", "partnersWith", "四川大学华西第二医院", "003_4cfdc0bfe575c716.txt")
    assert fact in gold_facts()
    for a, b in ((fact[0], fact[2]), (fact[2], fact[0])):      # either order
        rows = ask(gold, "provenance", subject=a, object=b, relation="partnersWith")
        assert len(rows) == 1
        r = rows[0]
        assert (r["from"], r["rel"], r["to"], r["article"]) == fact
        assert r["evidence"] == "游仙区妇幼保健院与四川大学华西第二医院签订合作办医暨区域联盟医院协议"
        assert r["title"].startswith("游仙区妇幼保健院党建案例") and r["date"] == "2024-05-16"


def test_provenance_across_articles(gold):
    rows = ask(gold, "provenance", object="全国文明单位", relation="awarded")
    got = {(r["from"], r["article"]) for r in rows}
    assert got == {(s, d) for s, p, o, d in ALL_GOLD if p == "awarded" and o == "全国文明单位"}
    assert len({a for _, a in got}) == 3


def test_multi_article_equal_gold(gold):
    docs = defaultdict(set)
    for s, p, o, d in ALL_GOLD:
        docs[s].add(d)
        docs[o].add(d)
    rows = ask(gold, "multi-article")
    assert {r["entity"]: int(r["articles"]) for r in rows} == \
        {e: len(ds) for e, ds in docs.items() if len(ds) >= 2}
    assert {"全国文明单位", "四川大学华西医院"} <= {r["entity"] for r in rows}
    top = rows[0]
    assert top["entity"] == "全国文明单位" and top["articles"] == "3"
    assert set(top["files"].split()) == docs["全国文明单位"]
    assert [r["entity"] for r in ask(gold, "multi-article", min=3)] == ["全国文明单位"]


# --- on the seed graph the extractor builds: answers contain gold facts ------

def test_seed_partners_contain_gold(seeds):
    assert ("游仙区妇幼保健院", "partnersWith", "四川大学华西第二医院",
            "003_4cfdc0bfe575c716.txt") in gold_facts()
    assert "四川大学华西第二医院" in {r["partner"] for r in ask(seeds, "partners", name="游仙区妇幼保健院")}
    # and from the other side, by an alias of the partner
    assert "游仙区妇幼保健院" in {r["partner"] for r in ask(seeds, "partners", name="四川大学华西第二医院")}


def test_seed_honours_contain_gold(seeds):
    assert ("重庆大学附属三峡医院", "awarded", "全国文明单位", "002_d7ac26540f259f3d.txt") in gold_facts()
    assert "全国文明单位" in {r["honour"] for r in ask(seeds, "honours", name="重庆大学附属三峡医院")}
    rows = {r["honour"]: r["year"] for r in ask(seeds, "honours", name="绵阳市第三人民医院")}
    assert rows.get("2018年度改善医疗服务优秀医院") == "2018"


def test_seed_cobuilding_contains_gold(seeds):
    pairs = {frozenset((r["party1"], r["party2"])): r for r in ask(seeds, "cobuilding")}
    pair = frozenset(("重庆大学附属三峡医院医技党总支", "西南医科大学医学影像系党总支"))
    assert pair in {frozenset((s, o)) for s, p, o, _ in gold_facts() if p == "coBuildsWith"}
    assert pair in pairs
    r = pairs[pair]
    belongs = {r["party1"]: r["belongsTo1"], r["party2"]: r["belongsTo2"]}
    assert "重庆大学附属三峡医院" in belongs["重庆大学附属三峡医院医技党总支"]


def test_seed_most_partners_contains_gold(seeds):
    counts = {r["hospital"]: int(r["partners"]) for r in ask(seeds, "most-partners")}
    assert counts.get("游仙区妇幼保健院", 0) >= 1
    assert counts.get("重庆大学附属三峡医院", 0) >= 3
    for h, n in counts.items():   # consistent with the partners query
        assert n == len({r["partner"] for r in ask(seeds, "partners", name=h)})


def test_seed_party_organisations_contain_gold(seeds):
    assert ("绵阳市第三人民医院外科第五党支部", "subOrganizationOf", "绵阳市第三人民医院",
            "000_24cda9f3b73b6aea.txt") in gold_facts()
    rows = ask(seeds, "party-organisations", name="绵阳市第三人民医院")
    assert "绵阳市第三人民医院外科第五党支部" in {r["party"] for r in rows}


def test_seed_provenance_contains_gold(seeds):
    rows = ask(seeds, "provenance", subject="游仙区妇幼保健院", object="四川大学华西第二医院",
               relation="partnersWith")
    assert rows and {r["article"] for r in rows} == {"003_4cfdc0bfe575c716.txt"}
    assert any("四川大学华西第二医院" in r["evidence"] or "华西第二医院" in r["evidence"] for r in rows)


def test_seed_multi_article_contains_gold(seeds):
    in_gold = {d for s, p, o, d in gold_facts() if o == "全国文明单位"}
    assert len(in_gold) == 3
    rows = {r["entity"]: r for r in ask(seeds, "multi-article")}
    assert "全国文明单位" in rows
    assert set(rows["全国文明单位"]["files"].split()) <= in_gold | set()
    assert int(rows["全国文明单位"]["articles"]) >= 2
