"""Graphs for the query, stats and serve tests.

``gold_graph()`` is the seed graph as the seeds' gold files say it should be:
the seed articles read and normalised by the real stages, and the gold
entities and relations put through the real :func:`kg.graph.build_graph`.
``seed_graph()`` is the graph the extractor builds from ``seeds/``.
``gold_facts()`` lists the gold relations by name, so a test can check that
a fact it expects is really in the gold before it looks for it in an answer.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from kg.graph import build_graph
from kg.model import Assertion, Document, Entity

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SEEDS = ROOT / "seeds"
ATTRS = ("year", "role", "kind", "rank", "times", "unit")


def _gold_files() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


@lru_cache(maxsize=None)
def gold_facts(include_optional: bool = False) -> frozenset[tuple[str, str, str, str]]:
    """``(subject name, relation, object name, document)`` of every gold relation."""
    facts = set()
    for gold in _gold_files():
        ents = {e["id"]: e for e in gold["entities"]}
        for r in gold["relations"]:
            if r.get("optional") and not include_optional:
                continue
            facts.add((ents[r["s"]]["name"], r["p"], ents[r["o"]]["name"], gold["doc"]))
    return frozenset(facts)


def gold_attr(subject: str, relation: str, obj: str, key: str) -> str | None:
    for gold in _gold_files():
        ents = {e["id"]: e for e in gold["entities"]}
        for r in gold["relations"]:
            if (ents[r["s"]]["name"], r["p"], ents[r["o"]]["name"]) == (subject, relation, obj):
                if key in r:
                    return str(r[key])
    return None


def _seed_document(name: str) -> Document:
    from kg.normalise import normalise
    from kg.read import read_document
    return normalise(read_document(SEEDS / name))


@lru_cache(maxsize=None)
def _gold_parts() -> tuple[list[Document], list[Entity], list[Assertion]]:
    docs, entities, assertions = [], {}, []
    for gold in _gold_files():
        doc = _seed_document(gold["doc"])
        docs.append(doc)
        ents = {e["id"]: e for e in gold["entities"]}
        for e in gold["entities"]:
            ent = entities.setdefault((e["type"], e["name"]), Entity(e["name"], e["type"]))
            ent.aliases.update(e.get("aliases", []))
            ent.docs.add(doc.name)
        for r in gold["relations"]:
            s, o = ents[r["s"]], ents[r["o"]]
            start = max(doc.text.find(r["evidence"]), 0)
            assertions.append(Assertion(
                subject=(s["type"], s["name"]), predicate=r["p"], object=(o["type"], o["name"]),
                doc=doc.name, sentence=r["evidence"], start=start, end=start + len(r["evidence"]),
                rule="gold", confidence=1.0,
                attrs={k: str(r[k]) for k in ATTRS if k in r}))
    return docs, list(entities.values()), assertions


def gold_graph() -> Graph:
    """A fresh graph of the gold annotation of the seeds (callers may modify it)."""
    return build_graph(*_gold_parts())


def write_gold_graph(path: Path) -> Path:
    path.write_text(gold_graph().serialize(format="turtle"), encoding="utf-8")
    return path


def seed_graph() -> Graph:
    """The graph the extractor builds from ``seeds/`` (the real pipeline)."""
    from kg.pipeline import build
    result = build([SEEDS])
    return build_graph(result.docs, result.entities, result.assertions)
