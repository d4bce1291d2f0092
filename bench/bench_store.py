"""Load and query time of the two stores on a generated graph of ≥ 1M triples;
and the build's document store: a whole build vs adding or removing one document.

    .venv/bin/python bench/bench_store.py              # 1,000,000 triples
    .venv/bin/python bench/bench_store.py --triples 100000
    .venv/bin/python bench/bench_store.py --documents 200000   # the document store only
    .venv/bin/python bench/bench_store.py --canned --keep /tmp/kg1m   # queries/ as kg query runs them

``--canned`` writes the synthetic corpus as ``kg build`` writes a build
(``kg.export.write_outputs``: OUT/store, one named graph per document, and
the files) and times every canned query of ``queries/`` (or of each
``--queries DIR``: one column each) as ``kg query -f NAME --graph OUT`` runs
it (open the store, resolve ``--param`` names, answer, format the table),
without and with a name where the query takes one; with ``--keep DIR`` the
build is made once and reused by later runs.

A corpus of synthetic articles (hospitals, universities, party bodies,
honours, people; every relation type, with evidence and attributes) is made
as kg.model parts and put through kg.graph.build_graph, the graph is written
as N-Triples, and then each store loads the file and answers the same SPARQL
queries through the ordinary rdflib API:

- rdflib's in-memory store (``Graph().parse(..., format="nt")``);
- Oxigraph on disk through oxrdflib (``Graph(store="Oxigraph")``, opened on a
  folder, loaded with ``format="ox-nt"``, its bulk loader).

Prints the times and the ratios (memory / oxigraph).
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph  # noqa: E402
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID  # noqa: E402

from kg.graph import PREFIXES, build_graph  # noqa: E402
from kg.model import Assertion, Document, Entity  # noqa: E402

CITIES = "绵阳 成都 德阳 广元 南充 遂宁 宜宾 泸州 乐山 眉山 雅安 达州 巴中 资阳 内江 自贡 攀枝花 本溪 鹤山 江门".split()
SIGNATURES = [   # relation, subject type, object type
    ("partnersWith", "Hospital", "Hospital"), ("partnersWith", "Hospital", "University"),
    ("coBuildsWith", "PartyOrganization", "PartyOrganization"), ("awarded", "Hospital", "Honor"),
    ("awarded", "Person", "Honor"), ("supports", "Hospital", "Hospital"),
    ("affiliatedWith", "Hospital", "University"), ("memberOf", "Hospital", "Alliance"),
    ("subOrganizationOf", "PartyOrganization", "Hospital"), ("holdsPositionIn", "Person", "Hospital"),
]

QUERIES = {
    "count relations by type": """
        SELECT ?p (COUNT(*) AS ?n) WHERE { ?st a rdf:Statement ; rdf:predicate ?p } GROUP BY ?p""",
    "hospitals as org:Organization": """
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a org:Organization ; a hkg:Hospital }""",
    "why A partnersWith B (provenance)": """
        SELECT ?evidence ?file WHERE {
          ?a skos:prefLabel "绵阳市第1人民医院"@zh .
          ?st rdf:predicate hkg:partnersWith ; rdf:subject ?a ; rdf:object ?b ;
              hkg:evidence ?evidence ; prov:wasDerivedFrom ?doc .
          ?doc hkg:fileName ?file }""",
    "top 10 partners (2 hops, aggregate)": """
        SELECT ?name (COUNT(DISTINCT ?c) AS ?n) WHERE {
          ?a hkg:partnersWith ?b . ?b hkg:partnersWith ?c . ?a skos:prefLabel ?name }
        GROUP BY ?name ORDER BY DESC(?n) LIMIT 10""",
    "awards of 2020 with documents": """
        SELECT (COUNT(*) AS ?n) WHERE {
          ?st rdf:predicate hkg:awarded ; hkg:year "2020" ; prov:wasDerivedFrom ?d .
          ?d hkg:fileName ?f }""",
}


def corpus(n_assertions: int, seed: int = 1):
    """Synthetic documents, entities and assertions (deterministic)."""
    rnd = random.Random(seed)
    names = {
        "Hospital": [f"{c}市第{i}人民医院" for c in CITIES for i in range(1, 200)],
        "University": [f"{c}医学院{i}" for c in CITIES for i in range(1, 20)],
        "PartyOrganization": [f"{c}市第{i}人民医院第{k}党支部" for c in CITIES for i in range(1, 60)
                              for k in range(1, 6)],
        "Honor": [f"{y}年度{c}市先进集体{i}" for y in range(2015, 2024) for c in CITIES for i in range(1, 6)],
        "Person": [f"{a}{b}{c}" for a in "王李张刘陈杨赵黄周吴" for b in "建国伟明华英德清" for c in "军平强勇斌"],
        "Alliance": [f"{c}市{k}专科联盟" for c in CITIES for k in "卒中 胸痛 肾科 儿科 肿瘤".split()],
    }
    n_docs = max(1, n_assertions // 40)
    docs = [Document(f"{i:06d}_gen.txt", "", sha256=f"{i:064x}", title=f"第{i}篇报道",
                     date=f"20{15 + i % 9}-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(n_docs)]
    entities, assertions = {}, []
    for i in range(n_assertions):
        rel, st, ot = SIGNATURES[i % len(SIGNATURES)]
        s, o = rnd.choice(names[st]), rnd.choice(names[ot])
        if (st, s) == (ot, o):
            continue
        doc = docs[rnd.randrange(n_docs)].name
        for t, n in ((st, s), (ot, o)):
            e = entities.setdefault((t, n), Entity(n, t))
            e.docs.add(doc)
        start = rnd.randrange(5000)
        attrs = {"year": str(2015 + i % 9)} if rel == "awarded" else \
                {"role": rnd.choice(["院长", "党委书记", "副院长"])} if rel == "holdsPositionIn" else {}
        assertions.append(Assertion((st, s), rel, (ot, o), doc, f"{s}与{o}的关系见于此句（第{i}句）。",
                                    start, start + 30, f"gen.{rel}", 0.8, attrs))
    return docs, list(entities.values()), assertions


def bind(g: Graph) -> Graph:
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True, replace=True)
    return g


def run_queries(g: Graph) -> dict[str, tuple[float, int]]:
    out = {}
    for name, q in QUERIES.items():
        t = time.perf_counter()
        rows = list(g.query(q, initNs={p: str(ns) for p, ns in PREFIXES.items()}))
        out[name] = (time.perf_counter() - t, len(rows), [tuple(map(str, r)) for r in rows][:1])
    return out


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t, out


def bench_document_store(n_triples: int, work: Path) -> None:
    """`kg build`'s store and outputs (kg.export.write_outputs into a
    folder with its store, as kg build does after extraction): a whole build
    of a synthetic corpus, then one document added, rebuilt and removed."""
    from types import SimpleNamespace

    from kg.export import write_outputs

    docs, entities, assertions = corpus(n_triples // 13 + 1)
    last = docs[-1].name
    rest = SimpleNamespace(docs=docs[:-1], entities=entities,
                           assertions=[a for a in assertions if a.doc != last])
    one = SimpleNamespace(docs=docs[-1:], entities=[e for e in entities if last in e.docs],
                          assertions=[a for a in assertions if a.doc == last])
    out = work / "documents"
    shutil.rmtree(out, ignore_errors=True)
    spec = f"oxigraph:{out / 'store'}"
    rows = []
    for what, result, remove in (("whole build", rest, ()), ("add one document", one, ()),
                                 ("rebuild that document", one, ()),
                                 ("remove it", SimpleNamespace(docs=[], entities=[], assertions=[]),
                                  (last,))):
        seconds, written = timed(write_outputs, result, out, store=spec, remove=remove)
        rows.append((what, seconds))
    print(f"\ndocument store and outputs: {len(docs)} documents, {written.relations:,} relations")
    whole = rows[0][1]
    for what, seconds in rows:
        print(f"{what:26} {seconds:8.2f} s {seconds / whole:8.1%}")


# --param values for the canned queries that take one: names of the synthetic corpus
CANNED_PARAMS = {"partners": {"name": "绵阳市第1人民医院"}, "honours": {"name": "绵阳市第1人民医院"},
                 "party-organisations": {"name": "绵阳市第1人民医院"},
                 "provenance": {"subject": "绵阳市第1人民医院"}, "multi-article": {"min": "3"}}


def canned_build(n_triples: int, work: Path) -> Path:
    """A build's output folder (OUT/store and the files) of about
    ``n_triples`` synthetic triples, made once under ``work``."""
    from types import SimpleNamespace

    from kg.export import write_outputs
    from kg.graphio import is_store

    out = work / "build"
    if is_store(out / "store") and (out / "manifest.json").is_file():
        print(f"reusing the build in {out}", flush=True)
        return out
    shutil.rmtree(out, ignore_errors=True)
    docs, entities, assertions = corpus(n_triples // 13 + 1)
    t = time.perf_counter()
    written = write_outputs(SimpleNamespace(docs=docs, entities=entities, assertions=assertions),
                            out, store=f"oxigraph:{out / 'store'}")
    print(f"built {len(docs)} documents, {written.relations:,} relations into {out} "
          f"in {time.perf_counter() - t:.1f} s", flush=True)
    return out


def time_canned(graph: str, folders: list[Path], repeat: int, limit: float) -> dict:
    """Seconds and rows of every canned query of each of ``folders`` as
    ``kg query -f NAME --graph GRAPH`` runs it: the graph opened (once, timed
    apart: kg query opens it at every run), the ``--param`` names resolved,
    the query answered and formatted as a table; each answer stopped after
    ``limit`` seconds (kg query's ``--timeout``), the median of ``repeat``
    runs for answers under a second."""
    import statistics

    from kg.query import answer, canned_queries, load_graph, parse_params, resolve_names
    from kg.sparql_guard import Limits, QueryTimeout

    t = time.perf_counter()
    g = load_graph(graph)
    opened = time.perf_counter() - t
    print(f"open {graph} as kg query does: {opened:.1f} s ({len(g):,} triples)", flush=True)
    columns = {}
    for folder in folders:
        print(f"queries of {folder}:", flush=True)
        out = columns[str(folder)] = {}
        for q in canned_queries(folder):
            for params in ({}, CANNED_PARAMS.get(q.name)):
                if params is None:
                    continue
                label = q.name + "".join(f" {k}={v}" for k, v in params.items())
                t = time.perf_counter()
                try:
                    bound = resolve_names(g, parse_params(f"{k}={v}" for k, v in params.items()), q.text)
                except LookupError:   # a name a small corpus lacks
                    continue
                names = time.perf_counter() - t
                times, text = [], ""
                while len(times) < repeat and sum(times) < 1.0:
                    t = time.perf_counter()
                    try:
                        text, _ = answer(g, q.text, bound, limits=Limits(timeout=limit, max_rows=None))
                    except QueryTimeout:
                        times.append(float("inf"))
                        break
                    times.append(time.perf_counter() - t)
                counted = re.search(r"\((\d+) rows?\)$", text)
                out[label] = (statistics.median(times), int(counted.group(1)) if counted else 0, names)
                shown = "timeout" if out[label][0] == float("inf") else f"{out[label][0] * 1000:10.1f} ms"
                print(f"  {label:44} {shown:>13}  {out[label][1]:6} rows  (names {names * 1000:.0f} ms)",
                      flush=True)
    return columns


def bench_canned(args, work: Path) -> None:
    import statistics

    from kg.query import QUERIES_DIR

    out = canned_build(args.triples, work)
    import pyoxigraph

    n = len(pyoxigraph.Store.read_only(str(out / "store")))
    print(f"store {out / 'store'}: {n:,} quads", flush=True)
    columns = time_canned(str(out), [Path(d) for d in args.queries or [QUERIES_DIR]], args.repeat,
                          args.limit)
    names = list(dict.fromkeys(k for c in columns.values() for k in c))
    heads = [Path(c).name for c in columns]
    print(f"\n{'canned query, ms (limit ' + format(args.limit, 'g') + ' s)':44}"
          + "".join(f" {h[-16:]:>16}" for h in heads))
    for name in names:
        cells = []
        for c in columns.values():
            s, rows = c.get(name, (None, 0))[:2]
            cells.append("" if s is None else "timeout" if s == float("inf") else f"{s * 1000:.1f} ({rows})")
        print(f"{name:44}" + "".join(f" {x:>16}" for x in cells))
    print(f"{'median':44}" + "".join(
        f" {statistics.median(v[0] for v in c.values()) * 1000:>16.1f}" for c in columns.values()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="at least this many triples")
    ap.add_argument("--keep", metavar="DIR", help="keep the N-Triples file and the store here")
    ap.add_argument("--documents", type=int, metavar="N",
                    help="only the document store (kg build --store), on about N triples")
    ap.add_argument("--canned", action="store_true",
                    help="time the canned queries of queries/ as kg query runs them on a build's store")
    ap.add_argument("--queries", action="append", metavar="DIR",
                    help="with --canned: the .rq files of DIR instead (repeatable: one column each)")
    ap.add_argument("--repeat", type=int, default=5, help="with --canned: runs per query (median)")
    ap.add_argument("--limit", type=float, default=30, metavar="SECONDS",
                    help="with --canned: stop each query after SECONDS (default 30)")
    args = ap.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="bench_store."))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.documents:
            bench_document_store(args.documents, work)
            return 0
        if args.canned:
            bench_canned(args, work)
            return 0
        t = time.perf_counter()
        parts = corpus(args.triples // 13 + 1)
        graph = build_graph(*parts)
        while len(graph) < args.triples:   # top up (rare): a few more assertions
            parts = corpus(int(len(parts[2]) * 1.05) + 1)
            graph = build_graph(*parts)
        nt = work / "graph.nt"
        graph.serialize(nt, format="nt", encoding="utf-8")
        n = len(graph)
        del graph
        print(f"generated {len(parts[0])} documents, {len(parts[1])} entities, {len(parts[2])} "
              f"assertions → {n:,} triples ({nt.stat().st_size / 2**20:.0f} MiB N-Triples) "
              f"in {time.perf_counter() - t:.1f} s", flush=True)

        t = time.perf_counter()
        mem = bind(Graph())
        mem.parse(nt, format="nt")
        load_mem = time.perf_counter() - t
        print(f"rdflib memory: load {load_mem:.1f} s ({len(mem):,} triples)", flush=True)
        q_mem = run_queries(mem)
        del mem

        db = work / "oxigraph"
        shutil.rmtree(db, ignore_errors=True)
        t = time.perf_counter()
        ox = bind(Graph(store="Oxigraph", identifier=DATASET_DEFAULT_GRAPH_ID))
        ox.open(str(db), create=True)
        ox.parse(nt, format="ox-nt")
        load_ox = time.perf_counter() - t
        print(f"oxigraph (on disk): load {load_ox:.1f} s ({len(ox):,} triples)", flush=True)
        q_ox = run_queries(ox)
        ox.close()

        print(f"\n{'':38} {'memory':>9} {'oxigraph':>9} {'ratio':>7}")
        print(f"{'load ' + format(n, ',') + ' triples':38} {load_mem:8.2f}s {load_ox:8.2f}s "
              f"{load_mem / load_ox:6.1f}×")
        total_m = total_o = 0.0
        for name in QUERIES:
            (tm, nm, _), (to, no, _) = q_mem[name], q_ox[name]
            assert nm == no, f"{name}: {nm} rows in memory, {no} in oxigraph"
            total_m, total_o = total_m + tm, total_o + to
            print(f"{name:38} {tm:8.2f}s {to:8.2f}s {tm / max(to, 1e-9):6.1f}×")
        print(f"{'all queries':38} {total_m:8.2f}s {total_o:8.2f}s {total_m / max(total_o, 1e-9):6.1f}×")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
