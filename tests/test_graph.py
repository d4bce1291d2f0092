"""The graph stage: ontology, identity, provenance, SHACL, determinism."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph
from rdflib.namespace import ORG, PROV, SKOS

from kg.graph import (HKG, ONTOLOGY_FILE, build_graph, entity_iri, graph_parts,
                      ontology, relation_triples, slug)
from kg.model import ENTITY_TYPES, RELATIONS, SYMMETRIC_RELATIONS, Assertion, Document
from kg.validate import validate
from query_fixtures import _gold_parts, gold_facts, gold_graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KG = [sys.executable, "-m", "kg.cli"]


# --- ontology ----------------------------------------------------------------

def test_ontology_declares_every_type_and_relation_in_two_languages():
    onto = Graph().parse(ONTOLOGY_FILE, format="turtle")
    for name in ENTITY_TYPES + RELATIONS:
        node = HKG[name]
        kind = OWL.Class if name in ENTITY_TYPES else OWL.ObjectProperty
        assert (node, RDF.type, kind) in onto, name
        langs = {lit.language for lit in onto.objects(node, RDFS.label)}
        assert {"zh", "en"} <= langs, name
        assert {lit.language for lit in onto.objects(node, RDFS.comment)} >= {"zh", "en"}, name
    for rel in RELATIONS:
        assert onto.value(HKG[rel], RDFS.domain) is not None, rel
        assert onto.value(HKG[rel], RDFS.range) is not None, rel
        symmetric = (HKG[rel], RDF.type, OWL.SymmetricProperty) in onto
        assert symmetric == (rel in SYMMETRIC_RELATIONS), rel


def test_ontology_aligns_with_schema_org_org_and_prov():
    onto = ontology()
    sup = lambda t: set(onto.transitive_objects(HKG[t], RDFS.subClassOf))
    assert {URI("https://schema.org/Hospital"), ORG.Organization} <= sup("Hospital")
    assert ORG.OrganizationalUnit in sup("PartyOrganization")
    assert ORG.OrganizationalCollaboration in sup("Alliance")
    assert URI("https://schema.org/Person") in sup("Person")
    assert PROV.Entity in sup("Document")
    assert (HKG.subOrganizationOf, RDFS.subPropertyOf, ORG.subOrganizationOf) in onto


def URI(s):
    from rdflib import URIRef
    return URIRef(s)


def test_built_graph_holds_the_ontology_and_org_organization_finds_hospitals():
    g = gold_graph()
    assert (HKG.partnersWith, RDF.type, OWL.SymmetricProperty) in g
    rows = g.query("SELECT ?name WHERE { ?x a org:Organization ; skos:prefLabel ?name }")
    names = {str(r.name) for r in rows}
    assert "绵阳市第三人民医院" in names                 # a Hospital
    universities = {str(o) for s in g.subjects(RDF.type, HKG.University)
                    for o in g.objects(s, SKOS.prefLabel)}
    assert universities and universities <= names
    assert any(n.endswith("党委") or n.endswith("党支部") for n in names)   # party bodies
    honours_and_people = {str(o) for t in ("Honor", "Person")
                          for s in g.subjects(RDF.type, HKG[t]) for o in g.objects(s, SKOS.prefLabel)}
    assert honours_and_people and not (names & honours_and_people)


# --- identity ------------------------------------------------------------------

def test_entity_iris_are_readable_and_derived_from_type_and_name():
    assert str(entity_iri("Hospital", "华西医院")) == "https://w3id.org/hospital-kg/id/hospital/华西医院"
    assert entity_iri("Hospital", "“华西医院”") == entity_iri("Hospital", "华西医院")
    assert entity_iri("Hospital", "华西医院") != entity_iri("University", "华西医院")
    assert slug("绵阳市基层党建“3+2”书记项目") == "绵阳市基层党建3%2B2书记项目"
    assert slug("a b/c_d") == "ab%2Fc%5Fd"
    # every IRI of the gold graph survives a Turtle round trip unchanged
    g = gold_graph()
    back = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert set(back.subjects(SKOS.prefLabel, None)) == set(g.subjects(SKOS.prefLabel, None))


def test_every_entity_has_exactly_one_entity_type_and_label():
    g = gold_graph()
    types = {HKG[t] for t in ENTITY_TYPES}
    entities = set(g.subjects(SKOS.prefLabel, None))
    assert len(entities) > 50
    for e in entities:
        assert len([t for t in g.objects(e, RDF.type) if t in types]) == 1, e
        assert len(list(g.objects(e, SKOS.prefLabel))) == 1, e


def test_graph_does_not_depend_on_the_order_of_its_parts():
    docs, entities, assertions = _gold_parts()
    a = build_graph(docs, entities, assertions).serialize(format="turtle")
    b = build_graph(docs[::-1], entities[::-1], assertions[::-1]).serialize(format="turtle")
    assert a == b


def test_graph_parts_read_back_what_build_graph_wrote():
    docs, entities, assertions = _gold_parts()
    g = build_graph(docs, entities, assertions)
    d2, e2, a2 = graph_parts(g)
    assert build_graph(d2, e2, a2).serialize(format="turtle") == g.serialize(format="turtle")
    assert {(a.subject, a.predicate, a.object, a.doc, a.sentence, a.attrs.get("year"))
            for a in a2} == {(a.subject, a.predicate, a.object, a.doc, a.sentence, a.attrs.get("year"))
                             for a in assertions}


def test_an_assertion_about_an_unlisted_entity_still_gives_a_typed_labelled_entity():
    doc = Document("x.txt", "甲医院与乙医院合作。")
    a = Assertion(("Hospital", "甲医院"), "partnersWith", ("Hospital", "乙医院"), "x.txt",
                  "甲医院与乙医院合作。", 0, 10, "r1")
    g = build_graph([doc], [], [a])
    assert relation_triples(g) == [("甲医院", "partnersWith", "乙医院")]
    assert validate(g).conforms


# --- provenance ------------------------------------------------------------------

def why_query() -> str:
    """The "why does the graph say A partnersWith B?" query of the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- why-query -->\s*```sparql\n(.*?)```", text, re.S)
    assert m, "README lost its provenance query"
    return m.group(1)


def test_readme_provenance_query_returns_the_sentence_and_document_of_a_seed_relation():
    a, b = "绵阳市第三人民医院", "四川大学华西医院"
    facts = {f for f in gold_facts() if f[1] == "partnersWith" and {f[0], f[2]} == {a, b}}
    assert facts, "the seed relation is no longer in the gold"
    query = why_query()
    assert '"绵阳市第三人民医院"' in query and '"四川大学华西医院"' in query
    # asked both ways round: partnersWith is symmetric
    for x, y in ((a, b), (b, a)):
        q = query.replace('"绵阳市第三人民医院"', '"X"').replace('"四川大学华西医院"', '"Y"')
        q = q.replace('"X"', f'"{x}"').replace('"Y"', f'"{y}"')
        rows = list(gold_graph().query(q))
        assert rows, (x, y)
        files = {str(r.file) for r in rows}
        assert files == {f[3] for f in facts}
        evidence = " ".join(str(r.evidence) for r in rows)
        assert "四川大学华西医院" in evidence and "技术合作关系" in evidence
        assert all(str(r.rule) == "gold" for r in rows)


def test_every_relation_triple_has_an_assertion_with_full_provenance():
    g = gold_graph()
    n = 0
    for rel in RELATIONS:
        for s, o in g.subject_objects(HKG[rel]):
            sts = [st for st in g.subjects(RDF.subject, s)
                   if (st, RDF.predicate, HKG[rel]) in g and (st, RDF.object, o) in g]
            assert sts, (s, rel, o)
            for st in sts:
                doc = g.value(st, PROV.wasDerivedFrom)
                assert g.value(doc, HKG.fileName) is not None
                assert len(str(g.value(doc, HKG.sha256))) == 64
                assert g.value(st, HKG.evidence) and g.value(st, HKG.rule)
                assert g.value(st, HKG.start).toPython() <= g.value(st, HKG.end).toPython()
            n += 1
    assert n > 50


def test_attributes_sit_on_the_assertion():
    g = gold_graph()
    years = list(g.subject_objects(HKG.year))
    roles = list(g.subject_objects(HKG.role))
    assert years and roles
    assert all((st, RDF.type, RDF.Statement) in g for st, _ in years + roles)
    assert HKG.awarded in {g.value(st, RDF.predicate) for st, _ in years}
    assert HKG.holdsPositionIn in {g.value(st, RDF.predicate) for st, _ in roles}


# --- SHACL -----------------------------------------------------------------------

def test_gold_graph_conforms_to_the_shapes():
    report = validate(gold_graph())
    assert report.conforms, "\n".join(map(str, report.violations[:20]))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """``kg build seeds --format all`` twice, in two processes with different
    hash seeds."""
    outs = []
    for seed in ("1", "2"):
        out = tmp_path_factory.mktemp(f"build{seed}")
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run(KG + ["build", str(SEEDS), "--out", str(out), "--format", "all"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stderr
        outs.append(out)
    return outs


def test_kg_build_writes_a_graph_that_conforms(two_builds, capsys):
    out = two_builds[0]
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert relation_triples(g)
    report = validate(g)
    assert report.conforms, "\n".join(map(str, report.violations[:20]))

    from kg.cli import main
    assert main(["validate", str(out / "graph.ttl")]) == 0
    assert "conforms" in capsys.readouterr().out


def test_two_builds_are_byte_identical(two_builds):
    a, b = two_builds
    for name in ("graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph.graphml", "graph.gexf"):
        da, db = (a / name).read_bytes(), (b / name).read_bytes()
        assert hashlib.sha256(da).digest() == hashlib.sha256(db).digest(), name
