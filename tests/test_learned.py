"""The learned parts: the mention tagger, the (optional) relation model,
``kg train`` and ``kg eval --cv``, and the cross-validated accuracy floor on
corpus/."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.learned import RELATIONS_FILE, SHIPPED, TAGGER_FILE, load_models
from kg.mentions import sentence_mentions
from kg.model import Document, Sentence
from kg.pipeline import extract
from kg.tagger import hints_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# The cross-validated figures on corpus/ (kg eval --cv 5 corpus/gold) when
# the shipped model was last trained; a change that costs more than
# FLOOR_MARGIN of either fails.
CV_CORE_F1 = 0.935
CV_EXTENDED_F1 = 0.835
FLOOR_MARGIN = 0.03


def tagged(text: str) -> list[tuple[str, str]]:
    s = Sentence("t.txt", 0, 0, len(text), text)
    spans = load_models().tagger.spans(text, hints_of(sentence_mentions(s), 0))
    return [(text[a:b], t) for a, b, t, p in spans if p >= 0.5]


def test_tagger_finds_hospital_person_and_honour():
    assert tagged("甲省乙市第二人民医院院长赵大明荣获“全国五一劳动奖章”。") == [
        ("甲省乙市第二人民医院", "Hospital"), ("赵大明", "Person"), ("全国五一劳动奖章", "Honor")]


def test_tagger_finds_a_government_body_and_a_hospital():
    assert tagged("近日,丙县人民政府与丁市中心医院签订战略合作协议。") == [
        ("丙县人民政府", "GovernmentBody"), ("丁市中心医院", "Hospital")]


def test_tagger_finds_persons_and_an_unquoted_honour():
    assert tagged("护士长赵晓燕、医生周大伟获评全国优秀共产党员。") == [
        ("赵晓燕", "Person"), ("周大伟", "Person"), ("全国优秀共产党员", "Honor")]


def test_a_tagged_name_is_not_cut_short():
    got = extract(Document("t.txt", "王小红同志荣获“乙省优秀护士”称号。")).assertions
    assert [(a.subject[1], a.object[1]) for a in got if a.predicate == "awarded"] == [("王小红", "乙省优秀护士")]


def test_grammar_alone_still_runs_without_models():
    from kg.learned import NONE

    r = extract(Document("a.txt", "甲市人民医院与乙县人民医院签订合作协议。"), NONE)
    assert [(a.subject[1], a.predicate, a.object[1]) for a in r.assertions] == [
        ("甲市人民医院", "partnersWith", "乙县人民医院")]


def test_shipped_models_load_quickly_and_are_small():
    import time

    load_models.cache_clear()
    t0 = time.perf_counter()
    models = load_models()
    assert time.perf_counter() - t0 < 1.0
    assert models.tagger is not None
    assert models.relations is None          # not shipped: it does not beat the rules (README)
    assert (SHIPPED / TAGGER_FILE).stat().st_size < 2_000_000


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """Six annotated articles in the gold/ + docs/ layout."""
    root = tmp_path_factory.mktemp("annotated")
    (root / "gold").mkdir()
    (root / "docs").mkdir()
    for gold in sorted((CORPUS / "gold").glob("*.json"))[:6]:
        shutil.copy(gold, root / "gold")
        doc = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        shutil.copy(CORPUS / "docs" / doc, root / "docs")
    return root


@pytest.fixture(scope="module")
def small_models(small_corpus, tmp_path_factory) -> Path:
    """The folder ``train`` writes from :func:`small_corpus`, with the relation
    model (trained once: the tests below compare with it or copy it)."""
    from kg.train import load_annotated, train

    out = tmp_path_factory.mktemp("small-models")
    train(load_annotated([small_corpus / "gold"]), out, relation_model=True)
    return out


def test_kg_train_writes_models_that_load(small_models):
    models = load_models(small_models)
    assert models.relations is not None
    r = extract(Document("x.txt", "甲市人民医院院长王小明介绍。"), models)
    assert ("王小明", "holdsPositionIn", "甲市人民医院") in {
        (a.subject[1], a.predicate, a.object[1]) for a in r.assertions}


def test_training_again_without_the_relation_model_removes_it(small_models, small_corpus, tmp_path):
    from kg.train import load_annotated, train

    out = tmp_path / "m"
    shutil.copytree(small_models, out)
    one = load_annotated([small_corpus / "gold"])[:1]     # what it is trained on does not matter here
    assert train(one, out).relations is None
    assert not (out / RELATIONS_FILE).exists()
    assert (out / TAGGER_FILE).read_bytes() != (small_models / TAGGER_FILE).read_bytes()


def test_kg_train_and_eval_cv_commands(small_corpus, small_models, tmp_path, capsys):
    from kg.cli import main

    assert main(["train", str(small_corpus / "gold"), "--out", str(tmp_path / "m"), "--relation-model"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "trained on 6 articles", f"wrote {tmp_path / 'm' / TAGGER_FILE}", f"wrote {tmp_path / 'm' / RELATIONS_FILE}"]
    # deterministic: the same articles give the same files as the fixture's training
    for name in (TAGGER_FILE, RELATIONS_FILE):
        assert (tmp_path / "m" / name).read_bytes() == (small_models / name).read_bytes()

    assert main(["eval", "--cv", "2", str(small_corpus / "gold")]) == 0
    out = capsys.readouterr()
    rows = {line.split()[0]: line.split() for line in out.out.splitlines() if line.strip()}
    assert {"core", "extended", "partnersWith", "awarded"} <= rows.keys()
    assert "fold 2/2" in out.err

    assert main(["eval", "--cv", "7", str(small_corpus / "gold")]) == 2
    assert "2 ≤ K ≤ 6" in capsys.readouterr().err


@pytest.fixture(scope="module")
def corpus_items():
    from kg.train import load_annotated

    return load_annotated([CORPUS / "gold"])


def test_shipped_models_are_what_kg_train_makes_of_the_corpus(corpus_items, tmp_path):
    from kg.train import train

    train(corpus_items, tmp_path)
    assert (tmp_path / TAGGER_FILE).read_bytes() == (SHIPPED / TAGGER_FILE).read_bytes(), \
        "the shipped model is stale: run `kg train` and commit kg/data/model/"
    assert sorted(p.name for p in SHIPPED.iterdir()) == [TAGGER_FILE]


def test_cross_validated_accuracy_floor(corpus_items):
    from kg.train import cross_validate

    scores = cross_validate(corpus_items, 5)
    assert len(corpus_items) >= 84
    assert scores.core.f1 >= CV_CORE_F1 - FLOOR_MARGIN, scores.core
    assert scores.extended.f1 >= CV_EXTENDED_F1 - FLOOR_MARGIN, scores.extended
