"""The pipeline: files → documents → sentences → mentions → entities →
assertions, for one document (:func:`extract`) or many (:func:`build`)."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg.learned import Models, load_models
from kg.mentions import find_mentions
from kg.model import Assertion, Document, Entity, Sentence
from kg.normalise import normalise
from kg.read import ReadError, find_inputs, read_document
from kg.relations import extract_relations
from kg.resolve import merge_entities, resolve
from kg.sentences import split_sentences


@dataclass
class DocResult:
    doc: Document
    sentences: list[Sentence]
    entities: list[Entity]
    assertions: list[Assertion]


@dataclass
class BuildResult:
    docs: list[Document] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    assertions: list[Assertion] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (path, reason)
    seconds: float = 0.0
    bytes_read: int = 0


def extract(doc: Document, models: Models | None = None) -> DocResult:
    """Run every stage after reading on one document, with the shipped
    learned models unless ``models`` says otherwise (``kg.learned.NONE``:
    the grammar and rules alone).

    >>> from kg.model import Document
    >>> r = extract(Document("a.txt", "甲市人民医院与乙县人民医院签订合作协议。"))
    >>> [(a.subject[1], a.predicate, a.object[1]) for a in r.assertions]
    [('甲市人民医院', 'partnersWith', '乙县人民医院')]
    """
    doc = normalise(doc)
    sentences = split_sentences(doc)
    models = load_models() if models is None else models
    mentions = find_mentions(doc, sentences, models.tagger)
    resolution = resolve(doc, sentences, mentions)
    assertions = extract_relations(doc, sentences, resolution)
    if models.relations is not None:
        assertions = models.relations.apply(doc, sentences, resolution, assertions)
    return DocResult(doc, sentences, resolution.used_entities(assertions), assertions)


def build(inputs: Iterable[str | Path],
          progress: Callable[[int, int, str], None] | None = None,
          models: Models | None = None) -> BuildResult:
    """Read, extract and merge every document under ``inputs``. Files that
    cannot be read are reported in ``skipped``; the rest go on."""
    t0 = time.perf_counter()
    result = BuildResult()
    files = find_inputs(list(inputs))
    per_doc = []
    for i, path in enumerate(files, 1):
        if progress:
            progress(i, len(files), str(path))
        try:
            raw = read_document(path)
        except ReadError as exc:
            result.skipped.append((str(path), str(exc)))
            continue
        result.bytes_read += len(raw.text.encode("utf-8"))
        try:
            r = extract(raw, models)
        except Exception as exc:  # a bug on one odd article must not sink the build
            result.skipped.append((str(path), f"{path}: extraction failed ({type(exc).__name__}: {exc})"))
            continue
        result.docs.append(r.doc)
        per_doc.append(r)
    result.entities, result.assertions = merge_entities(per_doc)
    result.seconds = time.perf_counter() - t0
    return result
