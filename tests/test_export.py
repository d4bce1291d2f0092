"""Exports (N-Triples, JSON-LD, TriG, GraphML, GEXF), incremental builds and
the Oxigraph store."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pytest
from rdflib import RDF, Dataset, Graph, compare
from rdflib.namespace import ORG, PROV, SKOS

from kg.export import WRITERS, parse_formats, write_outputs
from kg.graph import HKG, document_iri, entity_iri, relation_triples
from kg.model import RELATIONS, Assertion, Document, Entity
from kg.store import open_graph
from kg.validate import validate
from query_fixtures import _gold_parts
from test_store import same_graph

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]


def result(docs, entities, assertions):
    return SimpleNamespace(docs=list(docs), entities=list(entities), assertions=list(assertions))


def gold_split():
    """The gold parts, per document."""
    docs, entities, assertions = _gold_parts()
    per = {}
    for d in docs:
        ents = [e for e in entities if d.name in e.docs]
        per[d.name] = (d, ents, [a for a in assertions if a.doc == d.name])
    return per


def ttl(path: Path) -> bytes:
    return (path / "graph.ttl").read_bytes()


# --- exports parse back ----------------------------------------------------------

@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    written = write_outputs(result(*_gold_parts()), out, formats=["all"], fresh=True)
    assert {p.name for p in written} == {"graph.ttl", "graph.html", "graph.nt", "graph.jsonld",
                                         "graph.trig", "graph.graphml", "graph.gexf", "manifest.json"}
    return out, Graph().parse(out / "graph.ttl", format="turtle")


@pytest.mark.parametrize("name,fmt", [("graph.nt", "nt"), ("graph.jsonld", "json-ld")])
def test_rdf_exports_parse_back_to_the_turtle_graph(exported, name, fmt):
    out, g = exported
    back = Graph().parse(out / name, format=fmt)
    assert len(back) == len(g)
    assert compare.isomorphic(back, g)


def test_trig_has_one_named_graph_per_document_and_their_union_is_the_graph(exported):
    out, g = exported
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert compare.isomorphic(union, g)
    docs = set(g.subjects(HKG.fileName, None))
    named = {c.identifier: c for c in ds.graphs() if c.identifier in docs}
    assert set(named) == docs and len(docs) == 5
    for doc, ctx in named.items():
        statements = set(ctx.subjects(RDF.type, RDF.Statement))
        assert statements
        assert all(ctx.value(st, PROV.wasDerivedFrom) == doc for st in statements)
        # the triples the document states are in its graph
        for st in statements:
            assert (ctx.value(st, RDF.subject), ctx.value(st, RDF.predicate),
                    ctx.value(st, RDF.object)) in ctx


@pytest.mark.parametrize("name,read", [("graph.graphml", nx.read_graphml),
                                       ("graph.gexf", nx.read_gexf)])
def test_network_exports_parse_back_with_networkx(exported, name, read):
    out, g = exported
    net = read(out / name)
    entities = {str(s) for s in g.subjects(SKOS.prefLabel, None)}
    assert set(net.nodes) == entities
    assert net.number_of_edges() == len({(s, r, o) for r in RELATIONS
                                         for s, o in g.subject_objects(HKG[r])})
    s, o = str(entity_iri("Hospital", "绵阳市第三人民医院")), str(entity_iri("Hospital", "四川大学华西医院"))
    edges = net.get_edge_data(s, o) or net.get_edge_data(o, s)
    edges = list(edges.values()) if net.is_multigraph() else [edges]
    data = next(d for d in edges if d["relation"] == "partnersWith")
    assert data["assertions"] >= 1 and "技术合作关系" in data["evidence"]
    assert net.nodes[s]["label"] == "绵阳市第三人民医院"


def test_parse_formats():
    assert parse_formats(["nt,trig", "gexf", "ttl"]) == ["nt", "trig", "gexf"]
    assert parse_formats(["all"]) == list(WRITERS)
    with pytest.raises(ValueError):
        parse_formats(["xml"])


# --- incremental builds -------------------------------------------------------------

def test_adding_documents_one_by_one_gives_the_fresh_build(tmp_path):
    per = gold_split()
    names = sorted(per)
    fresh, inc = tmp_path / "fresh", tmp_path / "inc"
    write_outputs(result(*_gold_parts()), fresh, fresh=True, formats=["trig"])
    for name in names:
        d, ents, asserts = per[name]
        w = write_outputs(result([d], ents, asserts), inc)
        assert w.merged == (name != names[0])
    assert ttl(inc) == ttl(fresh)
    # the TriG written at the start was kept up to date on every build
    write_outputs(result(*_gold_parts()), inc, formats=["trig"], fresh=True)
    assert (inc / "graph.trig").read_bytes() == (fresh / "graph.trig").read_bytes()


def test_building_a_document_again_replaces_its_assertions(tmp_path):
    per = gold_split()
    name = "000_24cda9f3b73b6aea.txt"
    write_outputs(result(*_gold_parts()), tmp_path, fresh=True)
    before = Graph().parse(tmp_path / "graph.ttl")
    d, ents, asserts = per[name]
    hospital, huaxi = ("Hospital", "绵阳市第三人民医院"), ("Hospital", "四川大学华西医院")
    # the new version of the article no longer states one partnership, and
    # states another with other words
    dropped = [a for a in asserts if {a.subject, a.object} == {hospital, huaxi}]
    assert dropped
    kept = [a for a in asserts if a not in dropped]
    changed = dataclasses.replace(kept[0], sentence="改写后的句子。", start=1, end=8, rule="v2")
    new = [changed] + kept[1:]
    write_outputs(result([d], ents, new), tmp_path)
    g = Graph().parse(tmp_path / "graph.ttl")
    assert validate(g).conforms
    doc = document_iri(d)
    statements = [st for st in g.subjects(PROV.wasDerivedFrom, doc)]
    assert len(statements) == len(new)                      # no duplicates, no stale ones
    assert "改写后的句子。" in {str(g.value(st, HKG.evidence)) for st in statements}
    s, o = entity_iri(*hospital), entity_iri(*huaxi)
    still = any(a.doc != name for a in _gold_parts()[2] if {a.subject, a.object} == {hospital, huaxi})
    assert ((s, HKG.partnersWith, o) in g or (o, HKG.partnersWith, s) in g) == still
    # the other documents are untouched
    for other in per:
        if other != name:
            od = document_iri(per[other][0])
            assert set(before.subjects(PROV.wasDerivedFrom, od)) == set(g.subjects(PROV.wasDerivedFrom, od))


def test_an_entity_goes_with_its_last_assertion_and_removal_drops_a_document(tmp_path):
    a_doc, b_doc = Document("a.txt", "", sha256="a" * 64), Document("b.txt", "", sha256="b" * 64)
    A, B, C = ("Hospital", "甲医院"), ("Hospital", "乙医院"), ("Hospital", "丙医院")
    lonely = Entity("丁医院", "Hospital")                   # supported by no document
    ab = Assertion(A, "partnersWith", B, "a.txt", "甲医院与乙医院合作。", 0, 10, "r")
    bc = Assertion(B, "partnersWith", C, "b.txt", "乙医院与丙医院合作。", 0, 10, "r")
    ents = [Entity(n, t) for t, n in (A, B, C)] + [lonely]
    write_outputs(result([a_doc, b_doc], ents, [ab, bc]), tmp_path, fresh=True)
    g = Graph().parse(tmp_path / "graph.ttl")
    assert relation_triples(g) == [("乙医院", "partnersWith", "丙医院"), ("甲医院", "partnersWith", "乙医院")]
    # b.txt built again without its relation: 丙医院 loses its last assertion
    write_outputs(result([b_doc], [], []), tmp_path)
    g = Graph().parse(tmp_path / "graph.ttl")
    assert relation_triples(g) == [("甲医院", "partnersWith", "乙医院")]
    labels = {str(o) for o in g.objects(None, SKOS.prefLabel)}
    assert labels == {"甲医院", "乙医院", "丁医院"}
    assert validate(g).conforms
    # a.txt removed: its document node, its assertion and 甲/乙 go
    write_outputs(result([], [], []), tmp_path, remove=["a.txt"])
    g = Graph().parse(tmp_path / "graph.ttl")
    assert relation_triples(g) == []
    assert {str(o) for o in g.objects(None, SKOS.prefLabel)} == {"丁医院"}
    assert {str(o) for o in g.objects(None, HKG.fileName)} == {"b.txt"}
    assert not set(g.subjects(RDF.type, RDF.Statement))


def test_cli_incremental_build_of_seeds(tmp_path, capsys):
    from kg.cli import main

    seeds = sorted((ROOT / "seeds").glob("*.txt"))

    def run(*args):       # kg build in this process: the same command, no interpreter start
        code = main(["build", *map(str, args), "--out", str(tmp_path), "--jobs", "1"])
        said = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=said.out, stderr=said.err)

    r = run(seeds[0])
    assert r.returncode == 0, r.stderr
    r = run(seeds[1], "--format", "nt")
    assert r.returncode == 0 and "merged" in r.stdout, r.stdout + r.stderr
    g = Graph().parse(tmp_path / "graph.ttl")
    assert {str(o) for o in g.objects(None, HKG.fileName)} == {seeds[0].name, seeds[1].name}
    first = ttl(tmp_path)
    r = run(seeds[1])                                       # the same article again
    assert r.returncode == 0, r.stderr
    assert ttl(tmp_path) == first
    back = Graph().parse(tmp_path / "graph.nt", format="nt")
    assert compare.isomorphic(back, g)


# --- the Oxigraph store ----------------------------------------------------------------

def test_oxigraph_store_keeps_the_graph_between_builds(tmp_path):
    per = gold_split()
    names = sorted(per)
    db, mem = tmp_path / "db", tmp_path / "mem"
    spec = f"oxigraph:{db}"
    for name in names[:2]:
        write_outputs(result(*[[x] if i == 0 else x for i, x in enumerate(per[name])]),
                      tmp_path / "ox", store=spec)
        write_outputs(result(*[[x] if i == 0 else x for i, x in enumerate(per[name])]), mem)
    # the same graph; the store's Turtle is written by Oxigraph (its own order)
    assert same_graph(Graph().parse(tmp_path / "ox" / "graph.ttl"), Graph().parse(mem / "graph.ttl"))
    # a later process opens the store with the ordinary rdflib API
    code = ("from kg.store import open_graph; g = open_graph(%r); "
            "print(len(g)); print(len(list(g.query('SELECT ?x WHERE { ?x a org:Organization }', "
            "initNs={'org': 'http://www.w3.org/ns/org#'}))))" % spec)
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    n, orgs = map(int, r.stdout.split())
    g = Graph().parse(mem / "graph.ttl")
    assert n == len(g)
    assert orgs == len(set(g.subjects(RDF.type, ORG.Organization))) > 0
    # the store itself merged: removing a document through it
    write_outputs(result([], [], []), tmp_path / "ox", store=spec, remove=[names[0]])
    store = open_graph(spec)
    try:
        assert {str(o) for o in store.objects(None, HKG.fileName)} == {names[1]}
    finally:
        store.close()
