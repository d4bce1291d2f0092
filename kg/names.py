"""Finding an entity by any of its names: the one resolver of every command.

A name is looked up in tiers; the first tier with a hit decides:

1. the canonical name (``skos:prefLabel``), exactly;
2. an alias (``skos:altLabel``), exactly;
3. the normalised form of a name (:func:`normal_form`: traditional →
   simplified, full → half width, case and spaces ignored);
4. a part of a name: the normalised name starts with or contains it.
   Candidates are ranked by edit distance (for a name that contains the
   query, the number of characters it adds), then by degree (relations),
   then by name. The best one is taken when every other candidate is named
   after it (东湖医院 → 甲州大学东湖医院, not its 党委); otherwise the name
   is ambiguous.

A hit in tiers 1–3 may be several entities that carry the same canonical
name (a hospital and the organisation of the same name): they are all
returned. Hits with different canonical names are ambiguous.
Ambiguity and no match are :class:`NameLookupError`\\ s whose message lists
the candidates (``did you mean: …``); nothing is guessed.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from rdflib import Graph, URIRef

from kg.graphio import Entity, degrees, entities, relations
from kg.normalise import normalise_text

__all__ = ["NameLookupError", "NoSuchName", "AmbiguousName", "Candidate", "Names", "normal_form"]

SHOWN = 8              # candidates named in an error message
CLOSE_ENOUGH = 0.5     # difflib ratio for a "did you mean" suggestion


class NameLookupError(LookupError):
    """A name that does not pick out one entity; ``candidates`` are ranked."""

    def __init__(self, message: str, candidates: list[Entity]) -> None:
        super().__init__(message)
        self.candidates = candidates


class NoSuchName(NameLookupError):
    """No entity has the name or a name containing it."""


class AmbiguousName(NameLookupError):
    """Several entities answer the name equally well."""


def normal_form(name: str) -> str:
    """A name as the resolver compares it: the pipeline's text normalisation
    (:func:`kg.normalise.normalise_text`), case folded, without spaces.

    >>> normal_form("甲州大學 東湖醫院"), normal_form("ＰＣＣＭ 联盟")
    ('甲州大学东湖医院', 'pccm联盟')
    """
    return "".join(normalise_text(name).casefold().split())


@dataclass(frozen=True)
class Candidate:
    """An entity that a name reaches, and how well."""

    entity: Entity
    tier: str          # "name", "alias", "normalised" or "part"
    distance: int      # characters the entity's closest name adds to the query
    degree: int

    @property
    def rank(self) -> tuple:
        return (self.distance, -self.degree, self.entity.label, str(self.entity.iri))


class Names:
    """The names of a graph's entities, ready for lookups.

    >>> from kg.graph import build_graph
    >>> from kg.model import Entity as E
    >>> g = build_graph([], [E("甲州大学东湖医院", "Hospital", {"东湖"}), E("乙县人民医院", "Hospital")], [],
    ...                 with_ontology=False)
    >>> [e.label for e in Names.of(g).lookup("东湖医院")]
    ['甲州大学东湖医院']
    >>> Names.of(g).lookup("人民医院x")
    Traceback (most recent call last):
    ...
    kg.names.NoSuchName: no entity named '人民医院x'; did you mean: 乙县人民医院
    """

    def __init__(self, known: dict[URIRef, Entity], degree: dict[URIRef, int] | None = None) -> None:
        self.entities = known
        self.degree = degree or {}
        self._normal = {iri: sorted({normal_form(n) for n in e.names}) for iri, e in known.items()}

    @classmethod
    def of(cls, g: Graph) -> Names:
        """The names of the entities of ``g``, with their degrees."""
        known = entities(g)
        return cls(known, degrees(relations(g, known)))

    def candidates(self, name: str) -> list[Candidate]:
        """The entities of the first tier ``name`` reaches, best first."""
        key = normal_form(name)
        tiers = (("name", lambda e, iri: name == e.label),
                 ("alias", lambda e, iri: name in e.aliases),
                 ("normalised", lambda e, iri: key in self._normal[iri]),
                 ("part", lambda e, iri: bool(key) and any(key in n for n in self._normal[iri])))
        for tier, hit in tiers:
            found = [self._candidate(e, tier, key) for iri, e in self.entities.items() if hit(e, iri)]
            if found:
                return sorted(found, key=lambda c: c.rank)
        return []

    def _candidate(self, e: Entity, tier: str, key: str) -> Candidate:
        distance = min(len(n) - len(key) for n in self._normal[e.iri] if key in n) \
            if tier == "part" else 0
        return Candidate(e, tier, distance, self.degree.get(e.iri, 0))

    def lookup(self, name: str) -> list[Entity]:
        """The entity called ``name`` (several only when they share one
        canonical name); raises :class:`NoSuchName` or :class:`AmbiguousName`."""
        found = self.candidates(name)
        if not found:
            close = self.suggestions(name)
            hint = f"; did you mean: {_listing([e.label for e in close])}" if close else ""
            raise NoSuchName(f"no entity named {name!r}{hint}", close)
        best = [c for c in found if c.distance == found[0].distance]
        if len({c.entity.label for c in best}) > 1 or not self._named_after(found[0], found):
            shown = [f"{c.entity.label} ({c.entity.type}, {_relations(c.degree)})" for c in found]
            raise AmbiguousName(f"{name!r} names {len(found)} entities; did you mean: {_listing(shown)}",
                                [c.entity for c in found])
        return [c.entity for c in best]

    def _named_after(self, best: Candidate, found: list[Candidate]) -> bool:
        # 东湖医院 reaches 甲州大学东湖医院 and 甲州大学东湖医院党委: the
        # second is named after the first, so the first is meant
        label = normal_form(best.entity.label)
        return all(any(label in n for n in self._normal[c.entity.iri]) for c in found)

    def lookup_one(self, name: str) -> Entity:
        """The entity called ``name``; of several of one canonical name, the
        one with most relations."""
        return max(self.lookup(name), key=lambda e: (self.degree.get(e.iri, 0), str(e.iri)))

    def suggestions(self, name: str, n: int = SHOWN) -> list[Entity]:
        """Entities whose names look like ``name`` (difflib's ratio), closest first."""
        by_name = {}
        for iri, forms in self._normal.items():
            for form in forms:
                by_name.setdefault(form, iri)
        close = difflib.get_close_matches(normal_form(name), list(by_name), n=n * 2, cutoff=CLOSE_ENOUGH)
        seen = list(dict.fromkeys(by_name[c] for c in close))
        return [self.entities[iri] for iri in seen[:n]]


def _relations(n: int) -> str:
    return f"{n} relation{'s' if n != 1 else ''}"


def _listing(items: list[str]) -> str:
    return "、".join(items[:SHOWN]) + (f" … (+{len(items) - SHOWN})" if len(items) > SHOWN else "")
