"""One name resolver (kg/names.py): tiers, ranking, ambiguity, and the
commands that use it (``kg query --param name=``, ``kg show``, ``--focus``)."""
from __future__ import annotations

import pytest
from rdflib import Graph

from kg.cli import main
from kg.graph import build_graph
from kg.graphio import open_graph
from kg.model import Assertion, Document, Entity
from kg.names import AmbiguousName, Names, NoSuchName, normal_form

DOC = Document("a.txt", "")


def link(a: Entity, b: Entity, rel: str = "partnersWith") -> Assertion:
    return Assertion(a.key, rel, b.key, "a.txt", f"{a.name}与{b.name}合作。", 0, 5, "r", 0.9)


HUAXI = Entity("四川大学华西医院", "Hospital", {"华西"})
HUAXI_PARTY = Entity("四川大学华西医院党委", "PartyOrganization")
HESHAN = Entity("鹤山市人民医院", "Hospital")
KAIZHOU = Entity("开州区人民医院", "Hospital")
MIANYANG = Entity("绵阳市第三人民医院", "Hospital", {"绵阳三医院"})
TWIN_H = Entity("同名中心", "Hospital")
TWIN_O = Entity("同名中心", "Organization")


@pytest.fixture(scope="module")
def names() -> Names:
    ents = [HUAXI, HUAXI_PARTY, HESHAN, KAIZHOU, MIANYANG, TWIN_H, TWIN_O]
    rels = [link(HESHAN, HUAXI), link(HESHAN, MIANYANG), link(HESHAN, KAIZHOU), link(MIANYANG, HUAXI)]
    return Names.of(build_graph([DOC], ents, rels, with_ontology=False))


def labels(found) -> list[str]:
    return [e.label for e in found]


@pytest.mark.parametrize("query,expected,tier", [
    ("四川大学华西医院", "四川大学华西医院", "name"),
    ("华西", "四川大学华西医院", "alias"),
    ("四川大學 華西醫院", "四川大学华西医院", "normalised"),      # traditional, a space
    ("绵阳三醫院", "绵阳市第三人民医院", "normalised"),           # an alias, traditional
    ("华西医院", "四川大学华西医院", "part"),                     # its 党委 is named after it
    ("鹤山", "鹤山市人民医院", "part"),
])
def test_each_tier_finds_the_entity(names, query, expected, tier):
    assert labels(names.lookup(query)) == [expected]
    assert names.candidates(query)[0].tier == tier


def test_normal_form_folds_width_case_and_spaces():
    assert normal_form("ＰＣＣＭ　聯盟 ") == normal_form("pccm联盟") == "pccm联盟"


def test_one_canonical_name_of_two_types_gives_both(names):
    assert sorted(e.type for e in names.lookup("同名中心")) == ["Hospital", "Organization"]


def test_a_part_of_several_names_is_listed_not_guessed(names):
    with pytest.raises(AmbiguousName) as info:
        names.lookup("人民医院")
    # ranked: fewer added characters first, then more relations
    assert labels(info.value.candidates) == ["鹤山市人民医院", "开州区人民医院", "绵阳市第三人民医院"]
    message = str(info.value)
    assert message.startswith("'人民医院' names 3 entities; did you mean: 鹤山市人民医院 (Hospital, 3 relations)、")
    assert "开州区人民医院 (Hospital, 1 relation)" in message


def test_no_match_suggests_close_names(names):
    with pytest.raises(NoSuchName) as info:
        names.lookup("鹤山市人民病院")
    # the closest first
    assert str(info.value).startswith("no entity named '鹤山市人民病院'; did you mean: 鹤山市人民医院")
    assert labels(info.value.candidates)[0] == "鹤山市人民医院"
    with pytest.raises(NoSuchName, match=r"^no entity named 'xyz'$"):
        names.lookup("xyz")


# --- the commands ---------------------------------------------------------------

def kg(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_query_param_by_a_part_of_the_name(graph_specs, capsys):
    g = open_graph(graph_specs["ttl"])
    assert "四川大学华西医院" in {e.label for e in Names.of(g).entities.values()}
    code, out, _ = kg(capsys, "query", "--graph", graph_specs["ttl"], "-f", "partners",
                      "--param", "name=华西医院", "--format", "csv")
    assert code == 0
    rows = out.splitlines()[1:]
    assert rows and all(r.startswith("四川大学华西医院,") for r in rows)


def test_query_param_that_names_nothing_exits_1(graph_specs, capsys):
    code, out, err = kg(capsys, "query", "--graph", graph_specs["ttl"], "-f", "partners",
                        "--param", "name=协和医院")
    assert code == 1 and out == ""
    assert err.startswith("error: no entity named '协和医院'") and err.count("\n") == 1


def test_query_param_that_names_several_exits_1(graph_specs, capsys):
    code, out, err = kg(capsys, "query", "--graph", graph_specs["ttl"], "-f", "partners",
                        "--param", "name=人民医院")
    assert code == 1 and out == ""
    assert "did you mean: " in err and "绵阳市第三人民医院" in err


def test_provenance_ends_are_resolved_too(graph_specs, capsys):
    code, out, _ = kg(capsys, "query", "--graph", graph_specs["ttl"], "-f", "provenance",
                      "--param", "subject=游仙区妇幼", "--param", "object=华西二院", "--format", "csv")
    assert code == 0
    assert out.splitlines()[1].startswith("游仙区妇幼保健院,partnersWith,四川大学华西第二医院,")


def test_focus_uses_the_resolver(graph_specs):
    from kg.html import page_data
    g: Graph = open_graph(graph_specs["ttl"])
    assert page_data(g, focus="四川大學華西醫院", depth=0)["focus"] == page_data(g, focus="华西医院", depth=0)["focus"]
