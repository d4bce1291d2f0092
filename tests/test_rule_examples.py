"""Every relation rule of kg/data/rules.tsv is produced by at least one
invented sentence of tests/rule_examples.tsv, under its own id."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.model import Document
from kg.pipeline import extract
from kg.rules import RELATION_RULES

EXAMPLES_FILE = Path(__file__).parent / "rule_examples.tsv"


def _examples() -> list[dict]:
    with open(EXAMPLES_FILE, encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


EXAMPLES = _examples()


def test_every_relation_rule_has_an_example():
    assert sorted(set(RELATION_RULES) - {e["rule"] for e in EXAMPLES}) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e["rule"])
def test_the_example_gives_its_triple_under_its_rule(example):
    result = extract(Document("example.txt", example["text"].replace("\\n", "\n")))
    made = {(a.subject[1], a.predicate, a.object[1]): a.rule for a in result.assertions}
    assert made.get((example["subject"], example["predicate"], example["object"])) == example["rule"], made
