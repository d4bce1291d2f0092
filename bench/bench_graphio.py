"""Time to open a graph with ``kg.graphio.open_graph`` in each ``--graph`` form,
and to resolve names, on a generated graph.

    .venv/bin/python bench/bench_graphio.py                 # 20,000 assertions
    .venv/bin/python bench/bench_graphio.py --assertions 5000

The graph is bench_store's synthetic corpus put through kg.graph.build_graph
and written by kg.export's writers (Turtle, N-Triples, TriG, JSON-LD) and
into an Oxigraph store. Prints seconds per form and the ratio to Turtle
(taken in one run), with rdflib's own parsers (the readers before
kg.graphio) for comparison, then the time of ``Names.of`` and of three
lookups (a whole name, a part of one, an unknown name).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_store import corpus  # noqa: E402
from rdflib import Dataset, Graph  # noqa: E402

from kg.export import WRITERS, turtle  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.graphio import open_graph  # noqa: E402
from kg.names import Names  # noqa: E402
from kg.store import open_graph as open_store, replace_contents  # noqa: E402


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--assertions", type=int, default=20_000)
    args = ap.parse_args()
    g = build_graph(*corpus(args.assertions))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "graph.ttl").write_text(turtle(g), encoding="utf-8")
        for fmt in ("nt", "trig", "jsonld"):
            (folder / f"graph.{fmt}").write_text(WRITERS[fmt](g), encoding="utf-8")
        db = open_store(f"oxigraph:{folder / 'db'}")
        replace_contents(db, g)
        db.close()
        specs = {f: str(folder / f"graph.{f}") for f in ("ttl", "nt", "trig", "jsonld")}
        specs["oxigraph"] = f"oxigraph:{folder / 'db'}"
        print(f"{len(g):,} triples, {args.assertions:,} assertions")
        seconds = {}
        for form, spec in specs.items():
            seconds[form], opened = timed(lambda: open_graph(spec))
            assert len(opened) == len(g), form
        # the readers the commands had before: rdflib's parsers
        seconds["ttl, rdflib"], _ = timed(lambda: Graph().parse(specs["ttl"], format="turtle"))
        seconds["trig, rdflib"], _ = timed(lambda: _rdflib_union(specs["trig"]))
        print(f"{'form':<13} {'seconds':>8} {'/ ttl':>6}")
        for form, s in seconds.items():
            print(f"{form:<13} {s:>8.2f} {s / seconds['ttl']:>6.2f}")
        t, names = timed(lambda: Names.of(opened))
        print(f"\nNames.of: {t:.2f} s for {len(names.entities):,} entities")
        some = next(iter(names.entities.values()))
        for query in (some.label, some.label[2:], "不存在的医院"):
            t, _ = timed(lambda: _lookup(names, query))
            print(f"lookup {query!r}: {t * 1000:.1f} ms")
    return 0


def _rdflib_union(path: str) -> Graph:
    ds = Dataset(default_union=True)
    ds.parse(path, format="trig")
    g = Graph()
    g.addN((s, p, o, g) for s, p, o, _ in ds.quads((None, None, None, None)))
    return g


def _lookup(names: Names, query: str):
    try:
        return names.lookup(query)
    except LookupError as exc:
        return exc


if __name__ == "__main__":
    sys.exit(main())
