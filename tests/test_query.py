"""`kg query`: query forms, sources, parameters, formats and errors.

Runs on the gold graph of the seeds (tests/query_fixtures.py) written to a
Turtle file, through the real CLI entry point."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.cli import main
from kg.query import (QueryError, QuerySyntaxError, canned_queries, format_result, parse_params,
                      prepare, run, to_term, _width)
from query_fixtures import ROOT, gold_facts, write_gold_graph

PARTNERS_OF_YOUXIAN = """SELECT ?partner WHERE {
  ?h skos:prefLabel "游仙区妇幼保健院"@zh .
  { ?h hkg:partnersWith ?p } UNION { ?p hkg:partnersWith ?h }
  ?p skos:prefLabel ?partner }"""


@pytest.fixture(scope="module")
def ttl(tmp_path_factory) -> Path:
    return write_gold_graph(tmp_path_factory.mktemp("gold") / "graph.ttl")


def kg(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_gold_fact_used_here_is_in_the_gold():
    assert ("游仙区妇幼保健院", "partnersWith", "四川大学华西第二医院",
            "003_4cfdc0bfe575c716.txt") in gold_facts()


def test_select_from_argument_as_table(ttl, capsys):
    code, out, err = kg(capsys, "query", "--graph", str(ttl), PARTNERS_OF_YOUXIAN)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].strip() == "partner"
    assert "四川大学华西第二医院" in out
    assert lines[-1] == "(1 row)"


def test_query_from_file(ttl, tmp_path, capsys):
    f = tmp_path / "q.rq"
    f.write_text(PARTNERS_OF_YOUXIAN, encoding="utf-8")
    code, out, _ = kg(capsys, "query", "--graph", str(ttl), "-f", str(f), "--format", "csv")
    assert code == 0
    assert out.splitlines() == ["partner", "四川大学华西第二医院"]


def test_query_from_stdin(ttl):
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", "--graph", str(ttl), "--format", "tsv"],
                          input=PARTNERS_OF_YOUXIAN, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["partner", "四川大学华西第二医院"]


def test_dash_reads_stdin(ttl, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("ASK { ?a hkg:coBuildsWith ?b }"))
    code, out, _ = kg(capsys, "query", "--graph", str(ttl), "-")
    assert code == 0 and out.split()[-1] == "true"


def test_canned_query_by_name_and_param(ttl, capsys):
    code, out, _ = kg(capsys, "query", "--graph", str(ttl), "-f", "partners",
                      "--param", "name=游仙区妇幼保健院", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert {"hospital": "游仙区妇幼保健院", "partner": "四川大学华西第二医院", "partnerType": "Hospital",
            "articles": "003_4cfdc0bfe575c716.txt"} in [{k: v for k, v in r.items() if k != "evidence"}
                                                         for r in rows]
    assert {r["hospital"] for r in rows} == {"游仙区妇幼保健院"}


def test_param_matches_an_alias(ttl, capsys):
    # 华西二院 is an alias of 四川大学华西第二医院 in gold 003
    code, out, _ = kg(capsys, "query", "--graph", str(ttl), "-f", "queries/partners.rq",
                      "--param", "name=华西二院", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["hospital"], r["partner"]) for r in rows] == [("四川大学华西第二医院", "游仙区妇幼保健院")]


def test_ask(ttl, capsys):
    code, out, _ = kg(capsys, "query", "--graph", str(ttl), "--format", "json",
                      'ASK { ?h hkg:awarded ?x . ?x skos:prefLabel "全国文明单位"@zh }')
    assert code == 0 and json.loads(out) == {"ask": True}


def test_construct_as_turtle(ttl, capsys):
    code, out, _ = kg(capsys, "query", "--graph", str(ttl), "--format", "turtle",
                      "CONSTRUCT { ?a hkg:coBuildsWith ?b } WHERE { ?a hkg:coBuildsWith ?b }")
    assert code == 0
    g = Graph().parse(data=out, format="turtle")
    assert len(g) == 9    # the gold's coBuildsWith pairs, optional ones included
    assert "@prefix hkg:" in out


def test_describe_as_table(ttl, capsys):
    code, out, _ = kg(capsys, "query", "--graph", str(ttl),
                      'DESCRIBE ?h WHERE { ?h skos:prefLabel "游仙区妇幼保健院"@zh }')
    assert code == 0
    assert "hkg:partnersWith" in out and "skos:prefLabel" in out
    assert out.rstrip().endswith("triples)")


def test_construct_as_json_ld(ttl, capsys):
    code, out, _ = kg(capsys, "query", "--graph", str(ttl), "--format", "json",
                      "CONSTRUCT { ?a hkg:coBuildsWith ?b } WHERE { ?a hkg:coBuildsWith ?b }")
    assert code == 0
    assert len(Graph().parse(data=out, format="json-ld")) == 9


def test_empty_result_says_so(ttl, capsys):
    # an honour has no partners: the name is known, the answer empty
    code, out, err = kg(capsys, "query", "--graph", str(ttl), "-f", "partners", "--param", "name=全国文明单位")
    assert code == 0
    assert out.strip() == "(no results)"
    code, out, err = kg(capsys, "query", "--graph", str(ttl), "-f", "partners",
                        "--param", "name=全国文明单位", "--format", "csv")
    assert code == 0
    assert out.strip() == "hospital,partner,partnerType,evidence,articles"   # header only: still valid CSV
    assert "no results" in err


def test_syntax_error_has_line_and_column_and_status_2(ttl, capsys):
    code, out, err = kg(capsys, "query", "--graph", str(ttl), "SELECT ?x WHERE {\n  ?x hkg:partnersWith ?y .\n  ?y ?z\n}")
    assert code == 2
    assert out == ""
    assert "line 3, column 3" in err
    assert "Traceback" not in err


def test_syntax_error_on_the_first_line(ttl, capsys):
    code, _, err = kg(capsys, "query", "--graph", str(ttl), "SELEC ?x WHERE { ?x ?p ?o }")
    assert code == 2 and "line 1, column 1" in err


def test_unknown_prefix_is_located(ttl, capsys):
    code, _, err = kg(capsys, "query", "--graph", str(ttl), "SELECT ?x WHERE {\n ?x foo:bar ?y }")
    assert code == 2
    assert "line 2, column 5" in err and "unknown prefix foo:" in err


def test_prefixes_are_bound_by_default():
    for prefix in ("hkg", "skos", "prov", "dcterms", "rdf", "xsd"):
        prepare(f"SELECT * WHERE {{ ?s {prefix}:x ?o }}")


@pytest.mark.parametrize("argv, message", [
    (["-f", "partners", "--param", "nosuch=1"], "no variable ?nosuch"),
    (["-f", "partners", "--param", "name"], "NAME=VALUE"),
    (["-f", "no-such-query"], "no such query file"),
    (["SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "turtle"], "turtle is for CONSTRUCT"),
    (["-f", "partners", "SELECT * WHERE {}"], "not both"),
    (["  "], "empty query"),
])
def test_usage_errors_exit_2(ttl, capsys, argv, message):
    code, out, err = kg(capsys, "query", "--graph", str(ttl), *argv)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_missing_graph_exit_2(tmp_path, capsys):
    code, _, err = kg(capsys, "query", "--graph", str(tmp_path / "none.ttl"), "ASK {}")
    assert code == 2 and "kg build" in err


def test_broken_graph_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is @ not turtle", encoding="utf-8")
    code, _, err = kg(capsys, "query", "--graph", str(bad), "ASK {}")
    assert code == 2 and "not a readable RDF file" in err


def test_list_names_every_canned_query(capsys):
    code, out, _ = kg(capsys, "query", "--list")
    assert code == 0
    for q in canned_queries():
        assert q.name in out and q.title in out
    assert "--param name=" in out


def test_to_term_and_params():
    assert to_term("<https://example.org/x>") == URIRef("https://example.org/x")
    assert to_term("3") == Literal(3)
    assert to_term("华西医院") == Literal("华西医院")
    assert parse_params(["name=a=b", "?min=2"]) == {"name": Literal("a=b"), "min": Literal(2)}
    with pytest.raises(QueryError):
        parse_params(["=x"])


def test_syntax_error_object():
    with pytest.raises(QuerySyntaxError) as info:
        prepare("SELECT ?x\nWHERE { ?x ?y }")
    assert info.value.line == 2
    assert info.value.column >= 1


def test_table_lines_up_han_columns():
    g = Graph()
    g.parse(data='@prefix s: <http://www.w3.org/2004/02/skos/core#> . '
                 '<http://e/a> s:prefLabel "华西医院"@zh . <http://e/b> s:prefLabel "ab"@zh .',
            format="turtle")
    text = format_result(run(g, "SELECT ?l ?e WHERE { ?e skos:prefLabel ?l } ORDER BY ?l"))
    lines = text.splitlines()
    # the second column starts at the same terminal column: Han counts double
    starts = {_width(line[:line.index("http")]) for line in lines[2:4]}
    assert len(starts) == 1
    assert lines[2].startswith("ab ") and lines[3].startswith("华西医院 ")
