"""Where a built graph lives between builds.

By default the graph is rdflib's in-memory store, kept between builds as
``graph.ttl``. ``--store oxigraph:PATH`` keeps it in a persistent on-disk
Oxigraph database through oxrdflib: the same rdflib ``Graph`` API, with
SPARQL answered by Oxigraph.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.graph import PREFIXES

KINDS = ("memory", "oxigraph")


class StoreError(ValueError):
    """A store spec that cannot be used."""


def parse_spec(spec: str | None) -> tuple[str, str]:
    """``None``/``memory`` → ``("memory", "")``; ``oxigraph:PATH`` → ``("oxigraph", PATH)``."""
    if not spec or spec == "memory":
        return "memory", ""
    kind, sep, path = spec.partition(":")
    if kind != "oxigraph" or not sep or not path:
        raise StoreError(f"--store wants memory or oxigraph:PATH, got {spec!r}")
    return kind, path


def open_graph(spec: str | None, create: bool = True) -> Graph:
    """An rdflib ``Graph`` over the store ``spec`` (bound to the project's prefixes)."""
    kind, path = parse_spec(spec)
    if kind == "memory":
        g = Graph()
    else:
        if not create and not Path(path).exists():
            raise StoreError(f"{path}: no such Oxigraph store")
        # the store's default graph, so that a later process finds the triples
        g = Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID)
        g.open(path, create=not Path(path).exists())
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def replace_contents(target: Graph, source: Graph) -> Graph:
    """Make ``target`` hold exactly the triples of ``source``."""
    target.remove((None, None, None))
    target.addN((s, p, o, target) for s, p, o in source)
    return target


def is_oxigraph(g: Graph) -> bool:
    return type(g.store).__name__ == "OxigraphStore"
