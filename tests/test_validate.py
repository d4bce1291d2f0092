"""The SHACL shapes catch what a broken graph gets wrong; ``kg validate``."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDF, Literal
from rdflib.namespace import PROV, SKOS

from kg.graph import HKG, assertion_iri, build_graph, entity_iri
from kg.model import Assertion, Document, Entity
from kg.validate import validate

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]
DOC = Document("a.txt", "", sha256="0" * 64, title="标题", date="2021-06-30")
A, B = ("Hospital", "甲医院"), ("Hospital", "乙医院")
AB = Assertion(A, "partnersWith", B, "a.txt", "甲医院与乙医院合作。", 0, 10, "r1", 0.9)


def small():
    honour = Assertion(A, "awarded", ("Honor", "全国文明单位"), "a.txt", "甲医院荣获全国文明单位。",
                       11, 23, "r2", 0.8, {"year": "2020"})
    return build_graph([DOC], [Entity("甲医院", "Hospital", {"甲院"}, {"a.txt"})], [AB, honour])


def messages(g) -> str:
    report = validate(g)
    assert not report.conforms
    return "\n".join(map(str, report.violations))


def test_a_small_well_formed_graph_conforms():
    assert validate(small()).conforms


def test_relation_without_provenance():
    g = small()
    g.remove((assertion_iri(AB), None, None))
    assert "has no assertion derived from a document" in messages(g)


def test_assertion_without_document():
    g = small()
    g.remove((assertion_iri(AB), PROV.wasDerivedFrom, None))
    text = messages(g)
    assert "derived from exactly one document" in text and "no assertion derived" in text


def test_entity_with_two_types_or_two_labels():
    g = small()
    g.add((entity_iri(*A), RDF.type, HKG.University))
    assert "exactly one entity type" in messages(g)
    g = small()
    g.add((entity_iri(*A), SKOS.prefLabel, Literal("别名", lang="zh")))
    assert "skos:prefLabel" in messages(g)


@pytest.mark.parametrize("subject,relation,obj,expect", [
    (("Hospital", "甲医院"), "partnersWith", ("Honor", "全国文明单位"), "two institutions"),
    (("Hospital", "甲医院"), "coBuildsWith", ("PartyOrganization", "乙医院党委"), "CoBuildsWith"),
    (("Honor", "全国文明单位"), "awarded", ("Honor", "全国文明单位二"), "NotHonour"),
    (("Person", "张三"), "memberOf", ("Alliance", "某联盟"), "MemberOf"),
    (("Person", "张三"), "holdsPositionIn", ("Honor", "全国文明单位"), "person to an organisation"),
])
def test_relations_connect_the_right_types(subject, relation, obj, expect):
    a = Assertion(subject, relation, obj, "a.txt", "句子。", 0, 3, "r9")
    report = validate(build_graph([DOC], [], [a]))
    assert not report.conforms
    assert any(expect in v.message + v.shape for v in report.violations), report.violations


def test_dangling_assertion_and_bad_offsets():
    g = small()
    g.remove((entity_iri(*A), HKG.partnersWith, entity_iri(*B)))
    text = messages(g)
    assert "not in the graph" in text
    g = small()
    node = assertion_iri(AB)
    g.set((node, HKG.start, Literal(50)))
    assert "hkg:start" in messages(g)


def test_kg_validate_command(tmp_path):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.ttl"
    good.write_text(small().serialize(format="turtle"), encoding="utf-8")
    g = small()
    g.remove((assertion_iri(AB), None, None))
    bad.write_text(g.serialize(format="turtle"), encoding="utf-8")
    run = lambda *a: subprocess.run(KG + ["validate", *map(str, a)], cwd=ROOT,
                                    capture_output=True, text=True, timeout=300)
    r = run(good)
    assert r.returncode == 0 and "conforms" in r.stdout, r.stdout + r.stderr
    r = run(bad)
    assert r.returncode == 1 and "has no assertion derived" in r.stdout
    r = run(tmp_path / "missing.ttl")
    assert r.returncode == 2 and "no such graph" in r.stderr
