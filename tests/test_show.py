"""``kg show NAME``: one entity with its names, relations, evidence and articles."""
from __future__ import annotations

import json

import pytest
from rdflib import RDF

from kg.cli import main
from kg.graph import HKG
from kg.graphio import entities, open_graph, relations
from kg.model import SYMMETRIC_RELATIONS
from query_fixtures import gold_facts, write_gold_graph

NAME = "游仙区妇幼保健院"


@pytest.fixture(scope="module")
def gold_ttl(tmp_path_factory):
    return write_gold_graph(tmp_path_factory.mktemp("gold") / "graph.ttl")


def kg(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def key(s: str, p: str, o: str, doc: str) -> tuple:
    return (p, frozenset((s, o)) if p in SYMMETRIC_RELATIONS else (s, o), doc)


def test_json_holds_every_gold_relation_with_its_sentence(gold_ttl, capsys):
    code, out, _ = kg(capsys, "show", NAME, "--graph", gold_ttl, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["name"], data["type"]) == (NAME, "Hospital")
    facts = {key(*f) for f in gold_facts(include_optional=True) if NAME in (f[0], f[2])}
    assert facts
    shown = set()
    for x in data["relations"]:
        s, o = (x["other"], NAME) if x["direction"] == "in" else (NAME, x["other"])
        for ev in x["evidence"]:
            shown.add(key(s, x["relation"], o, ev["doc"]))
            assert ev["text"] and ev["title"] and ev["date"]
    assert shown == facts
    assert [a["file"] for a in data["articles"]] == ["003_4cfdc0bfe575c716.txt"]


def test_table_lists_names_relations_evidence_and_articles(gold_ttl, capsys):
    g = open_graph(gold_ttl)
    e = next(x for x in entities(g).values() if x.label == "四川大学华西第二医院")
    n = sum(1 for r in relations(g) if e.iri in (r.subject, r.object))
    code, out, _ = kg(capsys, "show", "华西二院", "--graph", gold_ttl)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "四川大学华西第二医院  (Hospital)"
    assert any(line.startswith("  aliases  ") and "华西二院" in line for line in lines)
    assert f"relations ({n})" in lines
    assert "  partnersWith ↔ 游仙区妇幼保健院  (Hospital)" in lines
    evidence = [line for line in lines if line.startswith("    “")]
    assert len(evidence) >= n and all(line.endswith(".txt") or "=" in line for line in evidence)
    assert any(line.startswith("  003_4cfdc0bfe575c716.txt  2024-05-16  ") for line in lines)


def test_directed_relations_show_their_direction(gold_ttl, capsys):
    g = open_graph(gold_ttl)
    party = next(s for s, o in g.subject_objects(HKG.subOrganizationOf))
    label = entities(g)[party].label
    code, out, _ = kg(capsys, "show", label, "--graph", gold_ttl)
    assert code == 0 and any(line.startswith("  subOrganizationOf → ") for line in out.splitlines())


def test_unknown_and_ambiguous_names_exit_1(gold_ttl, capsys):
    code, out, err = kg(capsys, "show", "协和医院", "--graph", gold_ttl)
    assert (code, out) == (1, "") and err.startswith("error: no entity named '协和医院'")
    code, out, err = kg(capsys, "show", "党支部", "--graph", gold_ttl)
    assert (code, out) == (1, "") and "did you mean: " in err


def test_missing_graph_exits_2(tmp_path, capsys):
    code, out, err = kg(capsys, "show", NAME, "--graph", tmp_path / "none.ttl")
    assert (code, out) == (2, "") and "no such graph" in err


def test_seed_build_shows_every_statement_of_the_entity(graph_specs, capsys):
    g = open_graph(graph_specs["ttl"])
    iri = next(e.iri for e in entities(g).values() if e.label == "绵阳市第三人民医院")
    statements = {st for st in g.subjects(RDF.type, RDF.Statement)
                  if iri in (g.value(st, RDF.subject), g.value(st, RDF.object))}
    code, out, _ = kg(capsys, "show", "绵阳市第三人民医院", "--graph", graph_specs["trig"], "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert sum(len(x["evidence"]) for x in data["relations"]) == len(statements) > 10


def test_a_reader_that_goes_away_is_no_traceback(gold_ttl):
    # `kg show NAME | head -1`: the one subprocess test of kg show
    import subprocess
    import sys
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "show", NAME, "--graph", str(gold_ttl)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()          # the reader is gone before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 1
    assert "Traceback" not in err and err == ""
