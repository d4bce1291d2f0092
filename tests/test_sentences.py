"""Stage 3 alone: sentences keep character offsets into the normalised text."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Document
from kg.normalise import normalise
from kg.read import read_document
from kg.sentences import MAX_SENTENCE, split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DEV_DOCS = sorted((ROOT / "corpus" / "docs").glob("p*.txt"))     # the ten development articles


def texts(doc: Document) -> list[str]:
    return [s.text for s in split_sentences(doc)]


def test_splits_at_chinese_and_western_terminators_and_line_ends():
    doc = Document("a.txt", "甲医院获奖。乙医院签约!丙医院?丁医院;戊医院\n己医院")
    assert texts(doc) == ["甲医院获奖。", "乙医院签约!", "丙医院?", "丁医院;", "戊医院", "己医院"]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    doc = Document("a.txt", "他说:“医院获奖了。”随后签约。(完)")
    assert texts(doc) == ["他说:“医院获奖了。”", "随后签约。", "(完)"]


def test_runs_of_terminators_and_ellipses_end_one_sentence():
    doc = Document("a.txt", "真的吗?!一项项成绩……令人瞩目。")
    assert texts(doc) == ["真的吗?!", "一项项成绩……", "令人瞩目。"]


def test_commas_and_enumeration_marks_do_not_split_a_list():
    doc = Document("a.txt", "同四川大学华西医院、中南大学湘雅二院,重庆医科大学附属第一医院等建立了合作关系。")
    assert len(split_sentences(doc)) == 1


def test_blank_lines_and_surrounding_spaces_make_no_empty_sentences():
    doc = Document("a.txt", "\n\n  甲医院获奖。  \n\n\n  乙医院签约  \n")
    sentences = split_sentences(doc)
    assert [s.text for s in sentences] == ["甲医院获奖。", "乙医院签约"]
    assert [s.index for s in sentences] == [0, 1]


def test_empty_and_blank_documents_have_no_sentences():
    assert split_sentences(Document("a.txt", "")) == []
    assert split_sentences(Document("a.txt", " \n\n \n")) == []


def test_sentence_records_its_document():
    assert {s.doc for s in split_sentences(Document("x.txt", "甲。乙。"))} == {"x.txt"}


def check_offsets(doc: Document) -> None:
    sentences = split_sentences(doc)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert doc.text[s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end            # in order, never overlapping
        previous_end = s.end
    # Nothing but whitespace falls between sentences: no text is lost.
    covered = "".join(s.text for s in sentences)
    assert "".join(covered.split()) == "".join(doc.text.split())


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in SEEDS + DEV_DOCS])
def test_offsets_point_into_the_normalised_text_of_real_articles(path):
    doc = normalise(read_document(path))
    check_offsets(doc)
    assert len(split_sentences(doc)) >= 3


def test_offsets_survive_normalisation_that_changes_lengths():
    """Offsets are into the normalised text, not the raw one: readings,
    invisible characters and boilerplate removed before splitting must not
    shift them."""
    raw = "您当前位置: 首页 > 新闻\n醫(yī)院\u200b黨(dǎng)委获奖。\r\n２０１８ 年度签约!\n"
    doc = normalise(Document("a.txt", raw))
    check_offsets(doc)
    assert texts(doc) == ["医院党委获奖。", "2018年度签约!"]


def test_a_page_without_terminators_is_cut_into_bounded_pieces_at_commas():
    """A scraped page with no sentence ends must not become one huge
    sentence (later stages would slow down much faster than its length)."""
    clause = "甲市人民医院与乙县人民医院签订合作协议,"
    doc = Document("a.txt", clause * 400)          # 8,800 characters, one line
    sentences = split_sentences(doc)
    check_offsets(doc)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert len(sentences) >= len(doc.text) // MAX_SENTENCE
    assert all(s.text.endswith(",") for s in sentences)     # cut after a comma
    assert all(s.text.startswith("甲市人民医院") for s in sentences)


def test_a_long_run_with_no_comma_is_still_cut():
    doc = Document("a.txt", "医" * 2000 + "。")
    sentences = split_sentences(doc)
    check_offsets(doc)
    assert all(len(s.text) <= MAX_SENTENCE for s in sentences)
    assert "".join(s.text for s in sentences) == doc.text


def test_real_sentences_are_never_cut():
    for path in SEEDS + DEV_DOCS:
        doc = normalise(read_document(path))
        assert all(len(s.text) < MAX_SENTENCE for s in split_sentences(doc))
