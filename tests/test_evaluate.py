"""kg eval: hand-made gold files and hand-built graphs with known scores."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main
from kg.evaluate import evaluate, format_scores, load_gold, normalise_name
from kg.graph import HKG, build_graph, entity_iri
from kg.model import Assertion, Document, Entity

GOLD = Path(__file__).parent / "gold"

# Predicted entities: names differ from the gold on purpose.
H1 = Entity("市三医院", "Hospital")                                    # gold alias
H2 = Entity("华西医院", "Hospital", {"四川大学华西医院"})                 # gold name as altLabel
H3 = Entity("丁医院", "Hospital")                                      # not in gold
H7 = Entity("丙医院", "Hospital")
HONOR = Entity("２０１８ 年度“改善医疗服务优秀医院”", "Honor")            # full-width, space, quotes
P1 = Entity("绵阳市第三人民医院外科第五党支部", "PartyOrganization")
P2 = Entity("华西医院党支部", "PartyOrganization")                       # mis-named branch


def assertion(s: Entity, p: str, o: Entity, rule: str, doc: str = "a.txt",
              sentence: str = "证据句") -> Assertion:
    return Assertion(s.key, p, o.key, doc, sentence, 0, len(sentence), rule)


PREDICTED = [
    assertion(H2, "partnersWith", H1, "pw"),            # gold has it the other way round: TP
    assertion(H2, "partnersWith", H1, "pw", sentence="再说一次"),   # same triple again: counted once
    assertion(H1, "partnersWith", H7, "pw"),            # optional gold: neither TP nor FP
    assertion(H1, "awarded", HONOR, "award"),           # TP through normalisation
    assertion(H3, "awarded", HONOR, "award", sentence="丁医院获奖"),   # FP
    assertion(P1, "coBuildsWith", P2, "cobuild"),       # strict FP + FN, loose TP
    assertion(P1, "subOrganizationOf", H1, "suborg"),   # TP
]

GOLD_A = {
    "doc": "a.txt",
    "entities": [
        {"id": "e1", "name": "绵阳市第三人民医院", "type": "Hospital", "aliases": ["市三医院"]},
        {"id": "e2", "name": "四川大学华西医院", "type": "Hospital", "aliases": []},
        {"id": "e3", "name": "乙县人民医院", "type": "Hospital", "aliases": []},
        {"id": "e4", "name": "「2018年度」改善医疗服务优秀医院", "type": "Honor", "aliases": []},
        {"id": "e5", "name": "绵阳市第三人民医院外科第五党支部", "type": "PartyOrganization",
         "aliases": []},
        {"id": "e6", "name": "四川大学华西医院第一党支部", "type": "PartyOrganization", "aliases": []},
        {"id": "e7", "name": "丙医院", "type": "Hospital", "aliases": []},
    ],
    "relations": [
        {"s": "e1", "p": "partnersWith", "o": "e2", "evidence": "市三医院与华西医院合作"},
        {"s": "e1", "p": "partnersWith", "o": "e3", "evidence": "市三医院与乙县人民医院合作"},
        {"s": "e1", "p": "partnersWith", "o": "e7", "evidence": "丙", "optional": True},
        {"s": "e1", "p": "awarded", "o": "e4", "evidence": "获评"},
        {"s": "e5", "p": "coBuildsWith", "o": "e6", "evidence": "结对共建"},
        {"s": "e5", "p": "subOrganizationOf", "o": "e1", "evidence": "外科第五党支部"},
    ],
}


def write_gold(folder: Path, *golds: dict) -> Path:
    folder.mkdir(exist_ok=True)
    for g in golds:
        (folder / (Path(g["doc"]).stem + ".json")).write_text(
            json.dumps(g, ensure_ascii=False), encoding="utf-8")
    return folder


def graph(assertions, docs=("a.txt",)) -> Graph:
    ents = {e.key: e for e in (H1, H2, H3, H7, HONOR, P1, P2)}
    return build_graph([Document(d, "") for d in docs], ents.values(), assertions)


@pytest.fixture
def scores(tmp_path):
    return evaluate(graph(PREDICTED), write_gold(tmp_path / "gold", GOLD_A))


def pr(c) -> tuple:
    return (c.tp, c.fp, c.fn, round(c.precision, 3), round(c.recall, 3), round(c.f1, 3))


def test_normalise_name():
    assert normalise_name("２０１８ 年度“改善医疗服务优秀医院”") == "2018年度改善医疗服务优秀医院"
    assert normalise_name("「3+2」书记\u3000项目『A』\"x\"'y'") == "3+2书记项目Axy"
    assert normalise_name("绵阳市第三人民医院") == "绵阳市第三人民医院"


def test_strict_scores_per_relation(scores):
    r = scores.relations
    # alias + altLabel match, reversed symmetric order, duplicate once, optional ignored
    assert pr(r["partnersWith"]) == (1, 0, 1, 1.0, 0.5, 0.667)
    # full-width / space / quotes normalised; 丁医院 is a false positive
    assert pr(r["awarded"]) == (1, 1, 0, 0.5, 1.0, 0.667)
    assert pr(r["coBuildsWith"]) == (0, 1, 1, 0.0, 0.0, 0.0)
    assert pr(r["subOrganizationOf"]) == (1, 0, 0, 1.0, 1.0, 1.0)
    assert pr(r["supports"]) == (0, 0, 0, 0.0, 0.0, 0.0)
    assert pr(scores.core) == (2, 2, 2, 0.5, 0.5, 0.5)
    assert pr(scores.extended) == (1, 0, 0, 1.0, 1.0, 1.0)


def test_loose_maps_party_bodies_to_their_hospitals(scores):
    # gold: e5 via subOrganizationOf → e1, e6 via name prefix → e2;
    # predicted: P1 via hkg:subOrganizationOf → H1, P2 via the prefix 华西医院 → H2
    assert pr(scores.loose["coBuildsWith"]) == (1, 0, 0, 1.0, 1.0, 1.0)
    assert pr(scores.loose_core) == (3, 1, 1, 0.75, 0.75, 0.75)


def test_errors_and_rules(scores):
    assert [(t.s, t.p, t.o, t.rules) for t in scores.false_positives] == [
        ("丁医院", "awarded", "２０１８ 年度“改善医疗服务优秀医院”", ("award",)),
        ("绵阳市第三人民医院外科第五党支部", "coBuildsWith", "华西医院党支部", ("cobuild",))]
    assert scores.false_positives[0].evidence == "丁医院获奖"
    assert sorted((t.s, t.o, t.evidence) for t in scores.false_negatives) == [
        ("绵阳市第三人民医院", "乙县人民医院", "市三医院与乙县人民医院合作"),
        ("绵阳市第三人民医院外科第五党支部", "四川大学华西医院第一党支部", "结对共建")]
    rules = {r: (c.tp, c.fp, round(c.precision, 2)) for r, c in scores.rules.items()}
    assert rules == {"pw": (1, 0, 1.0), "award": (1, 1, 0.5), "cobuild": (0, 1, 0.0),
                     "suborg": (1, 0, 1.0)}
    text = format_scores(scores, verbose=True)
    assert "FP [award] awarded: 丁医院 → ２０１８ 年度“改善医疗服务优秀医院” (a.txt)" in text
    assert "FN partnersWith: 绵阳市第三人民医院 ↔ 乙县人民医院 (a.txt)" in text
    assert "丁医院获奖" in text and "市三医院与乙县人民医院合作" in text
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines()[1:10] if line.strip()}
    assert rows["supports"] == ["0", "0", "0", "n/a", "n/a", "n/a"]       # nothing to score
    assert rows["coBuildsWith"] == ["0", "1", "1", "0.000", "0.000", "0.000"]   # a real zero


def test_direction_matters_for_asymmetric_relations(tmp_path):
    g = graph([assertion(HONOR, "awarded", H1, "award")])
    s = evaluate(g, write_gold(tmp_path / "gold", GOLD_A))
    assert pr(s.relations["awarded"]) == (0, 1, 1, 0.0, 0.0, 0.0)


def test_optional_gold_triple_alone(tmp_path):
    gold = write_gold(tmp_path / "gold", GOLD_A)
    s = evaluate(graph([assertion(H1, "partnersWith", H7, "pw")]), gold)
    assert pr(s.relations["partnersWith"]) == (0, 0, 2, 0.0, 0.0, 0.0)   # never a FN either


def test_documents_are_scored_separately(tmp_path):
    gold_b = {"doc": "b.html", "entities": [], "relations": []}
    folder = write_gold(tmp_path / "gold", GOLD_A, gold_b)
    preds = [assertion(H1, "partnersWith", H2, "pw", doc="b.txt"),    # right pair, wrong doc
             assertion(H1, "partnersWith", H3, "pw", doc="c.txt")]    # doc without gold: ignored
    s = evaluate(graph(preds, docs=("a.txt", "b.txt", "c.txt")), folder)
    assert pr(s.relations["partnersWith"]) == (0, 1, 2, 0.0, 0.0, 0.0)
    assert s.false_positives[0].doc == "b.txt"


def test_triples_without_provenance_score_against_the_union(tmp_path):
    g = graph([])
    g.add((entity_iri(*H1.key), HKG.partnersWith, entity_iri(*H2.key)))
    g.add((entity_iri(*H1.key), HKG.partnersWith, entity_iri(*H3.key)))
    s = evaluate(g, write_gold(tmp_path / "gold", GOLD_A))
    assert pr(s.relations["partnersWith"]) == (1, 1, 1, 0.5, 0.5, 0.5)
    assert s.rules == {"(none)": s.rules["(none)"]} and s.rules["(none)"].tp == 1


def gold_graph(folder: Path) -> Graph:
    """The gold files themselves as a graph, entities merged across documents."""
    docs, ents, assertions = [], {}, []
    for gold in load_gold(folder):
        docs.append(Document(gold.doc, ""))
        for e in gold.entities.values():
            ents.setdefault((e.type, e.name), Entity(e.name, e.type)).aliases.update(e.aliases)
        for r in gold.relations:
            s, o = gold.entities[r["s"]], gold.entities[r["o"]]
            assertions.append(Assertion((s.type, s.name), r["p"], (o.type, o.name), gold.doc,
                                        r.get("evidence", ""), 0, 0, "gold"))
    return build_graph(docs, ents.values(), assertions)


def test_gold_graph_scores_perfectly():
    s = evaluate(gold_graph(GOLD), GOLD)
    n = sum(1 for d in load_gold(GOLD) for r in d.relations if not r.get("optional"))
    assert s.core.tp + s.extended.tp <= n          # duplicates within a doc count once
    assert s.core.f1 == s.extended.f1 == s.loose_core.f1 == 1.0
    assert not s.false_positives and not s.false_negatives


def test_cli(tmp_path, capsys):
    gold = write_gold(tmp_path / "gold", GOLD_A)
    ttl = tmp_path / "g.ttl"
    ttl.write_text(graph(PREDICTED).serialize(format="turtle"), encoding="utf-8")

    assert main(["eval", str(gold), "--graph", str(ttl)]) == 0
    out = capsys.readouterr().out
    assert "partnersWith" in out and "core (loose)" in out

    assert main(["eval", str(gold), "--graph", str(ttl), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["core"] == {"tp": 2, "fp": 2, "fn": 2, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    # a graph file given where articles go is read as the graph
    assert main(["eval", str(gold), str(ttl), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["core"] == data["core"]
    assert data["loose_core"]["tp"] == 3 and data["rules"]["award"]["fp"] == 1

    assert main(["eval", str(tmp_path / "nope"), "--graph", str(ttl)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: gold folder not found") and err.count("\n") == 1

    assert main(["eval", str(gold), "--graph", str(tmp_path / "missing.ttl")]) == 2
    assert capsys.readouterr().err.startswith("error: graph file not found")


def test_loose_falls_back_to_gold_organisation_names(tmp_path):
    # the graph knows no 四川大学华西医院 entity; the branch still maps through the gold's name
    branch = Entity("四川大学华西医院第二党支部", "PartyOrganization")
    g = build_graph([Document("a.txt", "")], [P1, branch, H1],
                    [assertion(P1, "coBuildsWith", branch, "cobuild")])
    s = evaluate(g, write_gold(tmp_path / "gold", GOLD_A))
    assert pr(s.relations["coBuildsWith"]) == (0, 1, 1, 0.0, 0.0, 0.0)
    assert pr(s.loose["coBuildsWith"]) == (1, 0, 0, 1.0, 1.0, 1.0)


def test_end_to_end_on_the_seeds(capsys):
    """The real extractor on seeds/: every required gold triple is a TP or a FN."""
    from kg.evaluate import graph_of_inputs

    perfect = evaluate(gold_graph(GOLD), GOLD)
    s = evaluate(graph_of_inputs([Path(__file__).parent.parent / "seeds"]), GOLD)
    for rel, c in perfect.relations.items():
        assert s.relations[rel].tp + s.relations[rel].fn == c.tp, rel
    assert s.core.tp > 0
    seeds = str(Path(__file__).parent.parent / "seeds")
    assert main(["eval", str(GOLD), seeds, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["core"]["tp"] == s.core.tp
