"""Training and cross-validation of the learned parts on annotated folders.

An annotated folder is a ``gold/`` folder of ANNOTATION.md files beside a
``docs/`` folder of the articles they describe (``corpus/`` in this
repository); a gold file's ``doc`` names its article.

* :func:`train` writes the mention tagger (and, when asked, the relation
  model) into a folder; ``kg train`` rebuilds the shipped one in
  ``kg/data/model/``. The relation model is not shipped: cross-validated on
  ``corpus/`` it does not beat the rules alone (README, "How the extractor
  works"); ``--relation-model`` trains and measures it on other data.
* :func:`cross_validate` splits the documents into K folds, trains on K−1,
  extracts the held-out fold with those models and scores every fold's
  graph together: the figure to steer by.
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from kg.classify import candidates, train_relations
from kg.evaluate import EvalError, GoldDoc, Scores, evaluate, load_gold, normalise_name
from kg.learned import RELATIONS_FILE, SHIPPED, TAGGER_FILE, Models, load_models
from kg.mentions import find_mentions, sentence_mentions
from kg.model import SYMMETRIC_RELATIONS, Document
from kg.normalise import normalise
from kg.read import ReadError, read_document
from kg.relations import extract_relations
from kg.resolve import resolve
from kg.sentences import split_sentences
from kg.tagger import Tagger, char_features, gold_spans, hints_of, labels_of, train_tagger

__all__ = ["Annotated", "load_annotated", "train", "cross_validate", "cross_validated_graph", "folds"]


@dataclass
class Annotated:
    """One annotated article: the raw document and its gold."""

    raw: Document
    gold: GoldDoc

    @property
    def name(self) -> str:
        return self.raw.name


def load_annotated(gold_dirs: Iterable[str | Path], docs_dir: str | Path | None = None) -> list[Annotated]:
    """Every gold file of ``gold_dirs`` with its article, read from
    ``docs_dir`` or else the ``docs/`` folder beside each gold folder."""
    out = []
    for gold_dir in map(Path, gold_dirs):
        docs = Path(docs_dir) if docs_dir else gold_dir.parent / "docs"
        for g in load_gold(gold_dir):
            path = docs / g.doc
            try:
                out.append(Annotated(read_document(path), g))
            except ReadError as exc:
                raise EvalError(f"article of gold file {g.doc} cannot be read: {exc}") from exc
    if not out:
        raise EvalError("no annotated article found")
    return sorted(out, key=lambda a: a.name)


def folds(items: list[Annotated], k: int) -> list[list[Annotated]]:
    """K folds by document, dealt in name order (deterministic)."""
    if not 2 <= k <= len(items):
        raise EvalError(f"--cv needs 2 ≤ K ≤ {len(items)} (the number of annotated articles), got {k}")
    return [items[i::k] for i in range(k)]


def _tagger_examples(items: Iterable[Annotated], cache: dict | None = None):
    """The (features, labels) sentences of ``items``, in order; with a
    ``cache`` (article name → its sentences) each article's are computed once
    however many models train on it (cross-validation: K − 1 of K folds)."""
    for a in items:
        if cache is None:
            yield from _article_examples(a)
            continue
        if a.name not in cache:
            cache[a.name] = list(_article_examples(a))
        yield from cache[a.name]


def _article_examples(a: Annotated):
    doc = normalise(a.raw)
    names = [(n, e.type) for e in a.gold.entities.values() for n in [e.name, *e.aliases]]
    spans = gold_spans(doc.text, names)
    for s in split_sentences(doc):
        found = sentence_mentions(s)
        mine = [(x - s.start, y - s.start, t) for x, y, t in spans if s.start <= x and y <= s.end]
        # Party bodies are scoped by the grammar (their gold name holds the
        # parent's), so its own spans stand in where the gold has none.
        mine += [(m.start - s.start, m.end - s.start, m.type) for m in found
                 if m.type == "PartyOrganization"
                 and not any(x < m.end - s.start and m.start - s.start < y for x, y, _ in mine)]
        yield char_features(s.text, hints_of(found, s.start)), labels_of(len(s.text), mine)


def _relation_examples(items: Iterable[Annotated], tagger):
    """Candidates of the training articles, labelled by their gold: true when
    a required gold triple joins the two ends, left out when only an
    optional one does."""
    for a in items:
        doc = normalise(a.raw)
        sentences = split_sentences(doc)
        r = resolve(doc, sentences, find_mentions(doc, sentences, tagger))
        made = extract_relations(doc, sentences, r)
        ids_of = _gold_ids(a.gold)
        required, optional = set(), set()
        for rel in a.gold.relations:
            triples = {(rel["s"], rel["p"], rel["o"])}
            if rel["p"] in SYMMETRIC_RELATIONS:
                triples.add((rel["o"], rel["p"], rel["s"]))
            (optional if rel.get("optional") else required).update(triples)
        for c in candidates(doc, sentences, r, made):
            pairs = {(x, c.predicate, y) for x in ids_of(r, c.subject) for y in ids_of(r, c.object)}
            if pairs & required:
                yield c, True
            elif not pairs & optional:
                yield c, False


def _gold_ids(gold: GoldDoc):
    by_name = {}
    for e in gold.entities.values():
        for n in e.names:
            by_name.setdefault(n, set()).add(e.id)

    def ids_of(r, key) -> set[str]:
        e = r.entities.get(key)
        names = {key[1]} | (e.aliases if e else set())
        return set().union(*(by_name.get(normalise_name(n), set()) for n in names))
    return ids_of


def train(items: list[Annotated], out: str | Path = SHIPPED, relation_model: bool = False,
          features: dict | None = None) -> Models:
    """Train the learned parts on ``items`` into the folder ``out``: the
    mention tagger, and with ``relation_model`` the relation classifier
    (without it, a relation model left in ``out`` is removed).

    ``features``, a dict kept between calls, holds each article's tagger
    features once computed (the model is the same, byte for byte).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / (TAGGER_FILE + ".tmp")
    train_tagger(_tagger_examples(items, features), tmp)
    tmp.replace(out / TAGGER_FILE)
    if relation_model:
        model = train_relations(_relation_examples(items, Tagger(out / TAGGER_FILE)))
        tmp = out / (RELATIONS_FILE + ".tmp")
        model.save(tmp)
        tmp.replace(out / RELATIONS_FILE)
    else:
        (out / RELATIONS_FILE).unlink(missing_ok=True)
    load_models.cache_clear()
    return load_models(out)


def cross_validated_graph(items: list[Annotated], k: int = 5,
                          progress: Callable[[str], None] | None = None,
                          relation_model: bool = False):
    """The graph of ``items`` in which each of K folds is extracted by models
    trained on the other folds (document-level K-fold cross-validation)."""
    from kg.graph import build_graph
    from kg.pipeline import extract
    from kg.resolve import merge_entities

    results, features = [], {}
    with tempfile.TemporaryDirectory(prefix="kg-cv-") as tmp:
        for i, held in enumerate(folds(items, k)):
            if progress:
                progress(f"fold {i + 1}/{k}: training on {len(items) - len(held)}, scoring {len(held)}")
            names = {a.name for a in held}
            rest = [a for a in items if a.name not in names]
            models = train(rest, Path(tmp) / f"fold{i}", relation_model, features)
            results += [extract(a.raw, models) for a in held]
    entities, assertions = merge_entities(results)
    return build_graph([r.doc for r in results], entities, assertions)


def cross_validate(items: list[Annotated], k: int = 5,
                   progress: Callable[[str], None] | None = None,
                   relation_model: bool = False) -> Scores:
    """Scores of :func:`cross_validated_graph` against the items' gold: the
    figure to steer by."""
    return evaluate(cross_validated_graph(items, k, progress, relation_model), [a.gold for a in items])


def command(args) -> int:
    """``kg train [GOLD_DIR ...] [--docs DIR] [--out DIR] [--relation-model]``."""
    try:
        items = load_annotated(args.gold or ["corpus/gold"], args.docs)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else SHIPPED
    train(items, out, args.relation_model)
    print(f"trained on {len(items)} articles")
    for name in (TAGGER_FILE, RELATIONS_FILE)[:1 + args.relation_model]:
        written = (out / name).resolve()
        print(f"wrote {written.relative_to(Path.cwd()) if written.is_relative_to(Path.cwd()) else written}")
    return 0
