"""``kg show NAME``: one entity, everything the graph says about it.

Its names (canonical name and aliases), type and IRI; every relation it takes
part in, with the other end and, for each assertion behind it, the evidence
sentence and the article; and the articles it comes from (file, title, date).
The name is found by :mod:`kg.names` (any name, alias, normalised form or
unambiguous part of a name).
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field

from rdflib import Graph
from rdflib.namespace import DCTERMS

from kg.graph import HKG
from kg.graphio import Entity, Evidence, GraphError, entities, evidence, open_graph, relations
from kg.model import RELATIONS, SYMMETRIC_RELATIONS

__all__ = ["Profile", "profile", "format_table", "as_dict", "to_json", "command"]

EVIDENCE_WIDTH = 120     # characters of a sentence shown in a table (json has it whole)


@dataclass
class Link:
    """A relation seen from the entity: ``direction`` is ``out`` (the entity is
    the subject), ``in`` (the object) or ``both`` (a symmetric relation)."""

    relation: str
    direction: str
    other: str
    other_type: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Article:
    file: str
    title: str = ""
    date: str = ""


@dataclass
class Profile:
    entity: Entity
    links: list[Link]
    articles: list[Article]


def profile(g: Graph, e: Entity) -> Profile:
    """What ``g`` says about ``e``.

    >>> from kg.graph import build_graph
    >>> from kg.model import Assertion, Document, Entity as E
    >>> a = Assertion(("Hospital", "甲医院"), "partnersWith", ("Hospital", "乙医院"), "a.txt",
    ...               "甲医院与乙医院合作。", 0, 10, "r1", 0.9)
    >>> g = build_graph([Document("a.txt", "")], [E("甲医院", "Hospital", {"甲院"}, {"a.txt"})], [a])
    >>> p = profile(g, next(e for e in entities(g).values() if e.label == "甲医院"))
    >>> [(x.relation, x.direction, x.other, x.evidence[0].text) for x in p.links]
    [('partnersWith', 'both', '乙医院', '甲医院与乙医院合作。')]
    """
    known = entities(g)
    support = evidence(g)
    links = []
    for r in relations(g, known):
        if e.iri not in (r.subject, r.object):
            continue
        other = known[r.object if r.subject == e.iri else r.subject]
        direction = "both" if r.predicate in SYMMETRIC_RELATIONS else ("out" if r.subject == e.iri else "in")
        links.append(Link(r.predicate, direction, other.label, other.type, support.get(r, [])))
    links.sort(key=lambda x: (RELATIONS.index(x.relation), x.direction, x.other))
    files = set(e.docs) | {ev.doc for x in links for ev in x.evidence if ev.doc}
    return Profile(e, links, [_article(g, f) for f in sorted(files)])


def _article(g: Graph, file: str) -> Article:
    from rdflib import Literal

    node = g.value(None, HKG.fileName, Literal(file))
    get = lambda p: str(g.value(node, p) or "") if node is not None else ""
    return Article(file, get(DCTERMS.title), get(DCTERMS.date))


_ARROWS = {"out": "→", "in": "←", "both": "↔"}


def format_table(p: Profile) -> str:
    """The profile for people: names, then relations with evidence, then articles."""
    e = p.entity
    out = [f"{e.label}  ({e.type})", f"  iri      {e.iri}"]
    if e.aliases:
        out.append(f"  aliases  {'、'.join(e.aliases)}")
    out += ["", f"relations ({len(p.links)})"]
    for x in p.links:
        out.append(f"  {x.relation} {_ARROWS[x.direction]} {x.other}  ({x.other_type})")
        for ev in x.evidence:
            text = ev.text if len(ev.text) <= EVIDENCE_WIDTH else ev.text[:EVIDENCE_WIDTH] + "…"
            extra = "".join(f" {k}={v}" for k, v in sorted(ev.attrs.items()))
            out.append(f"    “{text}”  — {ev.doc or '(no article)'}{extra}")
    out += ["", f"articles ({len(p.articles)})"]
    out += [f"  {a.file}  {a.date or '-'}  {a.title}".rstrip() for a in p.articles]
    return "\n".join(out)


def as_dict(p: Profile) -> dict:
    """The profile as JSON-able data (evidence sentences whole)."""
    e = p.entity
    return {"iri": str(e.iri), "name": e.label, "type": e.type, "aliases": e.aliases,
            "relations": [asdict(x) for x in p.links], "articles": [asdict(a) for a in p.articles]}


def to_json(profiles: list[Profile]) -> str:
    """One profile as a JSON object; several (one name, several types) as a list."""
    data = [as_dict(p) for p in profiles]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)


def command(args, stdout=None, stderr=None) -> int:
    """``kg show NAME``: 0 when shown, 1 when the name picks out no entity or
    several, 2 when the graph cannot be read."""
    from kg.names import Names

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        g = open_graph(args.graph)
    except GraphError as exc:
        print(f"error: {exc}", file=stderr)
        return 2
    try:
        found = Names.of(g).lookup(args.name)
    except LookupError as exc:
        print(f"error: {exc.args[0]}", file=stderr)
        return 1
    shown = [profile(g, e) for e in found]
    text = to_json(shown) if args.format == "json" else "\n\n".join(map(format_table, shown))
    print(text, file=stdout)
    return 0
