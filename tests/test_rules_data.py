"""The relation rules' data files (kg/data/triggers.tsv, kg/data/rules.tsv):
each check of kg/ruledata.py on small files written here, and the shipped
files against the code."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg import rules
from kg.learned import NONE
from kg.pipeline import build
from kg.ruledata import TABLES, RuleDataError, load_rules, load_triggers
from rule_ids import check_rule_ids, rule_ids_in_code

ROOT = Path(__file__).resolve().parent.parent
RELATIONS_PY = ROOT / "kg" / "relations.py"
T_HEAD = "table\tword\tvalue\trelation\tnote\n"
R_HEAD = "rule_id\trelation\tconfidence\tdescription\n"


def write(tmp_path: Path, text: str, name: str = "t.tsv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def triggers(tmp_path, rows: str, tables=("AWARD_TRIGGERS",)):
    return load_triggers(write(tmp_path, "# a comment\n" + T_HEAD + rows), tables)


def error(fn, *args) -> str:
    with pytest.raises(RuleDataError) as e:
        fn(*args)
    return str(e.value)


# ── triggers.tsv ──

def test_tables_load_in_file_order(tmp_path):
    t = triggers(tmp_path, "AWARD_TRIGGERS\t荣获\t\tawarded\n\n# x\nAWARD_TRIGGERS\t获\t\tawarded\tbare\n"
                           "NOT_ASSERTED\t将\t\t*\nNOT_ASSERTED_EXCEPT\t将士\t将\t*\n"
                           "NOT_ASSERTED_EXCEPT\t将近\t将\t*\nSUPPORT_TRIGGERS\t托管\t托管\tsupports\n",
                 ("AWARD_TRIGGERS", "NOT_ASSERTED", "NOT_ASSERTED_EXCEPT", "SUPPORT_TRIGGERS"))
    assert t == {"AWARD_TRIGGERS": ("荣获", "获"), "NOT_ASSERTED": ("将",),
                 "NOT_ASSERTED_EXCEPT": {"将": ("将士", "将近")}, "SUPPORT_TRIGGERS": (("托管", "托管"),)}


def test_unknown_table(tmp_path):
    msg = error(triggers, tmp_path, "AWARD_TRIGGERS\t荣获\t\tawarded\nAWARD_TRIGGER\t获\t\tawarded\n")
    assert msg.startswith(f"{tmp_path / 't.tsv'}:4: unknown table 'AWARD_TRIGGER'")


def test_empty_word(tmp_path):
    assert error(triggers, tmp_path, "AWARD_TRIGGERS\t \t\tawarded\n").endswith(
        "t.tsv:3: empty word in table AWARD_TRIGGERS")


def test_duplicate_row(tmp_path):
    msg = error(triggers, tmp_path, "AWARD_TRIGGERS\t荣获\t\tawarded\nAWARD_TRIGGERS\t荣获\t\tawarded\tagain\n")
    assert msg.endswith("t.tsv:4: duplicate row: AWARD_TRIGGERS 荣获 (first at line 3)")


def test_a_word_may_be_in_two_tables(tmp_path):
    t = triggers(tmp_path, "PARTNER_TRIGGERS\t共建\t\tpartnersWith\nCOBUILD_TRIGGERS\t共建\t\tcoBuildsWith\n",
                 ("PARTNER_TRIGGERS", "COBUILD_TRIGGERS"))
    assert t == {"PARTNER_TRIGGERS": ("共建",), "COBUILD_TRIGGERS": ("共建",)}


def test_wrong_relation(tmp_path):
    assert "t.tsv:3: table AWARD_TRIGGERS serves relation 'awarded', not 'partnersWith'" in error(
        triggers, tmp_path, "AWARD_TRIGGERS\t荣获\t\tpartnersWith\n")


def test_regex_characters(tmp_path):
    assert "t.tsv:3: '荣(获' holds a regex character" in error(
        triggers, tmp_path, "AWARD_TRIGGERS\t荣(获\t\tawarded\n")


def test_values(tmp_path):
    tables = ("NOT_ASSERTED", "NOT_ASSERTED_EXCEPT", "SUPPORT_TRIGGERS", "AWARD_TRIGGERS")
    ok = "NOT_ASSERTED\t将\t\t*\nNOT_ASSERTED_EXCEPT\t将士\t将\t*\nAWARD_TRIGGERS\t荣获\t\tawarded\n"
    assert "t.tsv:6: table SUPPORT_TRIGGERS needs a value" in error(
        triggers, tmp_path, ok + "SUPPORT_TRIGGERS\t托管\t\tsupports\n", tables)
    assert "t.tsv:6: table AWARD_TRIGGERS takes no value" in error(
        triggers, tmp_path, ok + "AWARD_TRIGGERS\t获\tx\tawarded\n", tables)
    assert "t.tsv:6: '未' is not a NOT_ASSERTED word" in error(
        triggers, tmp_path, ok + "NOT_ASSERTED_EXCEPT\t未来\t未\t*\nSUPPORT_TRIGGERS\t托管\t托管\tsupports\n",
        tables)
    assert "t.tsv:6: the exception '未来' does not hold '将'" in error(
        triggers, tmp_path, ok + "NOT_ASSERTED_EXCEPT\t未来\t将\t*\nSUPPORT_TRIGGERS\t托管\t托管\tsupports\n",
        tables)


def test_columns_and_header(tmp_path):
    assert "t.tsv:3: 2 columns, at least 4" in error(triggers, tmp_path, "AWARD_TRIGGERS\t荣获\n")
    assert "t.tsv:3: 6 columns, at most 5" in error(triggers, tmp_path, "AWARD_TRIGGERS\t荣获\t\tawarded\tn\tx\n")
    assert "t.tsv:1: the header must be" in error(load_triggers, write(tmp_path, "table\tword\n"))


def test_a_table_without_rows(tmp_path):
    assert "table MEMBER_JOIN has no rows" in error(
        triggers, tmp_path, "AWARD_TRIGGERS\t荣获\t\tawarded\n", ("AWARD_TRIGGERS", "MEMBER_JOIN"))


# ── rules.tsv ──

def test_rules_load(tmp_path):
    r = load_rules(write(tmp_path, R_HEAD + "partner-with\tpartnersWith\t0.9\tA 与 B 签约\naward-x\tawarded\t1\n"))
    assert [(x.id, x.relation, x.confidence, x.line) for x in r.values()] == [
        ("partner-with", "partnersWith", 0.9, 2), ("award-x", "awarded", 1.0, 3)]


@pytest.mark.parametrize("confidence", ["0", "1.5", "-0.2", "nan"])
def test_confidence_outside_0_1(tmp_path, confidence):
    p = write(tmp_path, "# rules\n" + R_HEAD + f"partner-with\tpartnersWith\t{confidence}\tx\n")
    assert error(load_rules, p) == f"{p}:3: confidence {confidence} is outside (0, 1]"


def test_confidence_not_a_number(tmp_path):
    assert "t.tsv:2: confidence 'high' is not a number" in error(
        load_rules, write(tmp_path, R_HEAD + "partner-with\tpartnersWith\thigh\n"))


def test_duplicate_rule(tmp_path):
    assert error(load_rules, write(tmp_path, R_HEAD + "partner-with\tpartnersWith\t0.9\n"
                                              "partner-with\tpartnersWith\t0.8\n")).endswith(
        "t.tsv:3: duplicate row: rule partner-with (first at line 2)")


def test_unknown_relation_and_bad_id(tmp_path):
    assert "t.tsv:2: unknown relation 'partners'" in error(
        load_rules, write(tmp_path, R_HEAD + "partner-with\tpartners\t0.9\n"))
    assert "t.tsv:2: rule id 'Partner with'" in error(
        load_rules, write(tmp_path, R_HEAD + "Partner with\tpartnersWith\t0.9\n"))


CODE = '''
def _partners(ctx):
    ctx.rel(a, "partnersWith", b, "partner-with")
    rule = "award-given" if given else "award-quoted"
    ctx.rel(a, "awarded", h, rule, year=y)
'''


def test_rule_ids_in_code(tmp_path):
    code = write(tmp_path, CODE, "code.py")
    assert rule_ids_in_code(code) == [("partner-with", "partnersWith", 3),
                                      ("award-given", "awarded", 5), ("award-quoted", "awarded", 5)]


@pytest.mark.parametrize("rows, expected", [
    ("partner-with\tpartnersWith\t0.9\naward-given\tawarded\t0.85\n",
     "{code}:5: rule 'award-quoted' has no row in {data}"),
    ("partner-with\tpartnersWith\t0.9\naward-given\tawarded\t0.85\n"
     "award-quoted\tawarded\t0.9\nmember-name\tmemberOf\t0.6\n",
     "{data}:5: rule 'member-name' is used nowhere in {code}"),
    ("partner-with\tmemberOf\t0.9\naward-given\tawarded\t0.85\naward-quoted\tawarded\t0.9\n",
     "{code}:3: rule 'partner-with' asserts partnersWith, but {data}:2 says memberOf"),
], ids=["used-without-a-row", "row-no-code-uses", "another-relation"])
def test_rule_ids_of_the_code_against_the_rows(tmp_path, rows, expected):
    code = write(tmp_path, CODE, "code.py")
    data = write(tmp_path, R_HEAD + rows)
    assert error(check_rule_ids, load_rules(data), code, data) == expected.format(code=code, data=data)


def test_a_rule_id_the_check_cannot_read(tmp_path):
    code = write(tmp_path, "def f(ctx):\n    ctx.rel(a, 'awarded', h, RULES[0])\n", "code.py")
    assert "code.py:2: cannot read the rule id" in error(rule_ids_in_code, code)


# ── the shipped files ──

def test_shipped_files_load_into_every_table():
    t = load_triggers(rules.TRIGGERS_FILE)
    assert set(t) == set(TABLES)
    for name, value in t.items():
        assert getattr(rules, name) == value


def test_every_rule_id_of_relations_py_has_a_row():
    check_rule_ids(rules.RELATION_RULES, RELATIONS_PY, rules.RULES_FILE)
    used = {rid for rid, _, _ in rule_ids_in_code(RELATIONS_PY)}
    assert used == set(rules.RELATION_RULES)


def test_every_rule_id_made_on_the_corpus_has_a_row():
    r = build([ROOT / "corpus" / "docs"], models=NONE)
    made = {a.rule for a in r.assertions}
    assert made and made <= set(rules.RELATION_RULES)
    for a in r.assertions:
        assert a.confidence == rules.RELATION_RULES[a.rule].confidence
