"""One graph reader: every form of ``--graph`` gives the same graph, and every
command reads every form (the seeds built once, tests/conftest.py)."""
from __future__ import annotations

import json

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from conftest import GRAPH_FORMS
from kg.cli import main
from kg.graph import HKG
from kg.graphio import GraphError, entities, evidence, open_graph, relation_key, relations
from kg.model import SYMMETRIC_RELATIONS


@pytest.fixture(scope="module")
def turtle(graph_specs) -> Graph:
    """The Turtle file as rdflib's own parser reads it: the reference."""
    return Graph().parse(graph_specs["ttl"], format="turtle")


def kg(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_every_form_reads_the_same_graph(graph_specs, turtle, form):
    g = open_graph(graph_specs[form])
    assert len(g) == len(turtle) > 1000
    assert isomorphic(g, turtle)
    assert dict(g.namespaces())["hkg"] == URIRef(str(HKG))


def test_a_dataset_is_the_union_of_its_graphs(graph_specs, turtle):
    # the TriG export keeps each article's relations in the article's graph
    from rdflib import Dataset
    ds = Dataset()
    ds.parse(graph_specs["trig"], format="trig")
    default = len(ds.default_graph) if hasattr(ds, "default_graph") else len(ds.default_context)
    assert default < len(turtle)
    assert len(relations(open_graph(graph_specs["trig"]))) == len(relations(turtle)) > 50


def test_a_store_folder_and_an_output_folder_read_as_the_store(seeds_build, turtle, tmp_path):
    assert isomorphic(open_graph(seeds_build / "db"), turtle)      # no oxigraph: needed
    (tmp_path / "store").symlink_to(seeds_build / "db")            # a build's OUT holds OUT/store
    assert isomorphic(open_graph(tmp_path), turtle)
    (tmp_path / "old").mkdir()                                     # an older build's: graph.ttl only
    (tmp_path / "old" / "graph.ttl").write_bytes((seeds_build / "graph.ttl").read_bytes())
    assert isomorphic(open_graph(tmp_path / "old"), turtle)
    with pytest.raises(GraphError, match="a folder with no graph"):
        open_graph(seeds_build.parent)


def test_a_store_is_read_as_the_union_of_its_named_graphs(tmp_path):
    import pyoxigraph as ox
    path = tmp_path / "db"
    store = ox.Store(str(path))
    a, b = ox.NamedNode("urn:a"), ox.NamedNode("urn:b")
    p = ox.NamedNode(str(HKG.partnersWith))
    store.add(ox.Quad(a, p, b, ox.NamedNode("urn:doc1")))
    store.add(ox.Quad(b, p, a, ox.NamedNode("urn:doc2")))
    store.add(ox.Quad(a, p, b, ox.DefaultGraph()))
    store.add(ox.Quad(a, ox.NamedNode(str(RDF.type)), ox.Literal("甲", language="zh"), ox.NamedNode("urn:doc1")))
    del store   # releases the lock
    g = open_graph(f"oxigraph:{path}")
    assert set(g) == {(URIRef("urn:a"), HKG.partnersWith, URIRef("urn:b")),
                      (URIRef("urn:b"), HKG.partnersWith, URIRef("urn:a")),
                      (URIRef("urn:a"), RDF.type, g.value(URIRef("urn:a"), RDF.type))}
    assert g.value(URIRef("urn:a"), RDF.type).language == "zh"


def test_symmetric_relations_are_keyed_once(turtle):
    rels = relations(turtle)
    assert len(rels) == len(set(rels))
    pairs = [frozenset((r.subject, r.object)) for r in rels if r.predicate in SYMMETRIC_RELATIONS]
    assert pairs and len(pairs) == len(set(pairs))
    g = Graph()
    for t in turtle:
        g.add(t)
    r = next(r for r in rels if r.predicate == "partnersWith")
    g.add((r.object, HKG.partnersWith, r.subject))    # the same pair stored the other way too
    assert len(relations(g)) == len(rels)
    assert relation_key("partnersWith", r.object, r.subject) == r


def test_entities_and_evidence(turtle):
    known = entities(turtle)
    huaxi = next(e for e in known.values() if e.label == "四川大学华西第二医院")
    assert huaxi.type == "Hospital" and "华西二院" in huaxi.aliases and huaxi.docs
    support = evidence(turtle)
    statements = set(turtle.subjects(RDF.type, RDF.Statement))
    assert sum(len(v) for v in support.values()) == len(statements)
    for rel in relations(turtle, known):
        items = support[rel]
        assert items and all(ev.text and ev.doc.endswith(".txt") and ev.rule for ev in items)


@pytest.mark.parametrize("name,message", [
    ("missing.ttl", "no such graph"),
    ("graph.xyz", "unknown graph format"),
    ("broken.ttl", "not a readable RDF file"),
    ("broken.trig", "not a readable RDF file"),
])
def test_unreadable_graphs_are_one_line_errors(tmp_path, name, message):
    (tmp_path / "graph.xyz").write_text("x", encoding="utf-8")
    (tmp_path / "broken.ttl").write_text("this is @ not turtle", encoding="utf-8")
    (tmp_path / "broken.trig").write_text("<urn:g> { <urn:a> <urn:b> ", encoding="utf-8")
    with pytest.raises(GraphError, match=message) as info:
        open_graph(tmp_path / name)
    assert "\n" not in str(info.value)
    with pytest.raises(GraphError, match="no such Oxigraph store"):
        open_graph(f"oxigraph:{tmp_path / name}")


# --- every command on every form --------------------------------------------------

@pytest.fixture(scope="module")
def expected(graph_specs) -> dict[str, str]:
    """The answers on the Turtle file, that every other form must give."""
    from kg.stats import analyse, format_table
    g = open_graph(graph_specs["ttl"])
    return {"stats": format_table(analyse(g), 5)}


@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_query_reads_every_form(graph_specs, capsys, form):
    code, out, _ = kg(capsys, "query", "--graph", graph_specs[form], "-f", "partners",
                      "--param", "name=游仙区妇幼保健院", "--format", "csv")
    assert code == 0
    assert out.splitlines()[1].startswith("游仙区妇幼保健院,四川大学华西第二医院,Hospital,")


@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_stats_reads_every_form(graph_specs, expected, capsys, form):
    code, out, _ = kg(capsys, "stats", "--graph", graph_specs[form], "--top", "5")
    assert code == 0
    assert out.strip() == expected["stats"]
    assert "relations: 0" not in out


@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_show_reads_every_form(graph_specs, capsys, form):
    code, out, _ = kg(capsys, "show", "华西二院", "--graph", graph_specs[form], "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "四川大学华西第二医院"
    assert "游仙区妇幼保健院" in {x["other"] for x in data["relations"]}


# SHACL takes seconds a graph: the forms are isomorphic (above), and the
# Turtle file is validated by the build tests already
@pytest.mark.parametrize("form", ["trig", "jsonld", "oxigraph"])
def test_validate_reads_every_form(graph_specs, turtle, capsys, form):
    code, out, _ = kg(capsys, "validate", "--graph", graph_specs[form])
    assert code == 0
    assert out.strip() == f"{graph_specs[form]}: conforms ({len(turtle)} triples)"


@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_html_reads_every_form(graph_specs, tmp_path, capsys, form):
    from kg.html import page_data
    page = tmp_path / "page.html"
    code, out, _ = kg(capsys, "html", "--graph", graph_specs[form], "--focus", "华西二院", "--out", page)
    assert code == 0 and out.strip() == f"wrote {page}"
    text = page.read_text(encoding="utf-8")
    focus = page_data(open_graph(graph_specs["ttl"]), focus="华西二院")
    assert len(focus["nodes"]) > 1
    assert all(json.dumps(n["label"], ensure_ascii=False)[1:-1] in text for n in focus["nodes"])


@pytest.mark.parametrize("form", GRAPH_FORMS)
def test_serve_reads_every_form(graph_specs, form):
    from starlette.testclient import TestClient

    from kg.query import load_graph
    from kg.serve import make_app
    with TestClient(make_app(load_graph(graph_specs[form]), graph_specs[form]),
                    base_url="http://127.0.0.1:8000") as client:
        r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a hkg:partnersWith ?b }"},
                       headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 5


@pytest.mark.parametrize("command", ["query", "stats", "show", "html", "validate"])
def test_a_missing_store_is_a_clear_error(tmp_path, capsys, command):
    argv = {"query": ["ASK {}"], "show": ["华西"], "stats": [], "html": [], "validate": []}[command]
    code, out, err = kg(capsys, command, *argv, "--graph", f"oxigraph:{tmp_path / 'none'}")
    assert code in (1, 2) and out == ""
    assert err.startswith("error: ") and "no such Oxigraph store" in err and err.count("\n") == 1
