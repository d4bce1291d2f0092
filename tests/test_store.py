"""The Oxigraph store of `kg build --store`: one named graph per document,
every build one transaction (a kill leaves the old store or the new one)."""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest
from rdflib import XSD, Graph, Literal, compare

from kg.export import update_store, write_outputs
from kg.graph import HKG, build_graph, document_iri
from kg.model import Assertion, Document, Entity
from kg.store import ONTOLOGY_GRAPH, DocumentStore

ROOT = Path(__file__).resolve().parent.parent


def synthetic(docs: int, per_doc: int, version: str = "v1"):
    """``docs`` articles of ``per_doc`` partnerships each; ``version`` changes
    every evidence sentence, so that a rebuild replaces every triple."""
    out = SimpleNamespace(docs=[], entities={}, assertions=[])
    for d in range(docs):
        doc = Document(f"{d:04d}.txt", "", sha256=f"{version}{d}")
        out.docs.append(doc)
        for i in range(per_doc):
            a, b = ("Hospital", f"甲{d % 7}市第{i}医院"), ("Hospital", f"乙{i}县人民医院")
            for key in (a, b):
                out.entities.setdefault(key, Entity(key[1], key[0])).docs.add(doc.name)
            out.assertions.append(Assertion(a, "partnersWith", b, doc.name,
                                            f"{version}：{a[1]}与{b[1]}签约。", i, i + 10, "r"))
    out.entities = list(out.entities.values())
    return out


def same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphic, taking an ``xsd:decimal`` by its value: Oxigraph keeps
    decimals as numbers and writes ``1.0`` back as ``1``."""
    def values(g: Graph) -> Graph:
        out = Graph()
        for s, p, o in g:
            if isinstance(o, Literal) and o.datatype == XSD.decimal:
                o = Literal(o.toPython().normalize(), datatype=XSD.decimal)
            out.add((s, p, o))
        return out
    return compare.isomorphic(values(a), values(b))


def quads(path: Path) -> set[str]:
    store = ox.Store(str(path))
    try:
        return {str(q) for q in store}
    finally:
        del store


def test_each_document_has_its_named_graph_and_the_union_is_the_graph(tmp_path):
    r = synthetic(3, 4)
    graph, merged = update_store(tmp_path / "db", r)
    assert not merged
    fresh = build_graph(r.docs, r.entities, r.assertions)
    assert compare.isomorphic(graph, fresh)
    db = DocumentStore(tmp_path / "db")
    try:
        names = {str(g.value) for g in db.ox.named_graphs()}
        assert names == {str(document_iri(d)) for d in r.docs} | {str(ONTOLOGY_GRAPH)}
        assert db.documents() == {d.name: d.sha256 for d in r.docs}
        # a document's graph holds its assertions and no other document's
        one = {str(q.object) for q in db.ox.quads_for_pattern(
            None, ox.NamedNode(str(HKG.evidence)), None, ox.NamedNode(str(document_iri(r.docs[1]))))}
        assert one == {f'"{a.sentence}"@zh' for a in r.assertions if a.doc == r.docs[1].name}
    finally:
        db.close()


def test_rebuilding_one_document_replaces_only_its_graph(tmp_path):
    r = synthetic(3, 4)
    update_store(tmp_path / "db", r)
    before = quads(tmp_path / "db")
    v2 = synthetic(3, 4, "v2")
    graph, merged = update_store(tmp_path / "db", SimpleNamespace(
        docs=v2.docs[:1], entities=[e for e in v2.entities if "0000.txt" in e.docs],
        assertions=[a for a in v2.assertions if a.doc == "0000.txt"]))
    assert merged
    after = quads(tmp_path / "db")
    doc0 = str(document_iri(r.docs[0]))
    assert {q for q in before if doc0 not in q} == {q for q in after if doc0 not in q}
    evidence = {str(o) for o in graph.objects(None, HKG.evidence)}
    assert {e[:3] for e in evidence} == {"v1：", "v2："}
    expected = build_graph(v2.docs[:1] + r.docs[1:], r.entities,
                           [a for a in v2.assertions if a.doc == "0000.txt"] +
                           [a for a in r.assertions if a.doc != "0000.txt"])
    assert compare.isomorphic(graph, expected)


def test_the_stores_turtle_is_streamed_by_oxigraph_and_is_the_graph(tmp_path):
    r = synthetic(3, 4)
    w = write_outputs(r, tmp_path / "out", store=f"oxigraph:{tmp_path / 'db'}")
    assert [p.name for p in w] == ["graph.ttl", "graph.html", "graph.parts.json", "manifest.json"]
    text = (tmp_path / "out" / "graph.ttl").read_bytes()
    assert same_graph(Graph().parse(data=text, format="turtle"),
                      build_graph(r.docs, r.entities, r.assertions))
    # written again from the store alone
    write_outputs(SimpleNamespace(docs=[], entities=[], assertions=[]), tmp_path / "out",
                  store=f"oxigraph:{tmp_path / 'db'}")
    assert same_graph(Graph().parse(tmp_path / "out" / "graph.ttl"),
                      Graph().parse(data=text, format="turtle"))


def test_a_store_of_the_old_layout_is_rewritten_per_document(tmp_path):
    r = synthetic(2, 3)
    old = ox.Store(str(tmp_path / "db"))     # everything in the default graph, as before
    old.load(build_graph(r.docs, r.entities, r.assertions).serialize(format="nt").encode(),
             format=ox.RdfFormat.N_TRIPLES)
    del old
    extra = synthetic(3, 3)
    graph, merged = update_store(tmp_path / "db", SimpleNamespace(
        docs=extra.docs[2:], entities=[e for e in extra.entities if "0002.txt" in e.docs],
        assertions=[a for a in extra.assertions if a.doc == "0002.txt"]))
    assert merged
    assert compare.isomorphic(graph, build_graph(extra.docs, extra.entities, extra.assertions))
    assert not any(True for _ in ox.Store(str(tmp_path / "db")).quads_for_pattern(
        None, None, None, ox.DefaultGraph()))


KILLED_BUILD = """
import sys
sys.path.insert(0, {tests!r})
from test_store import synthetic
from kg.export import update_store
r = synthetic(30, 20, "v2")
print("ready", flush=True)
update_store({db!r}, r, fresh={fresh!r})
print("done", flush=True)
"""


def named_quads(path: Path) -> set[str]:
    """The quads of a store but those with a blank node (the ontology's,
    named anew each time the ontology is written)."""
    return {q for q in quads(path) if "_:" not in q}


@pytest.mark.parametrize("fresh", [False, True], ids=["one transaction", "--fresh: bulk load, then renames"])
def test_a_build_killed_at_any_moment_leaves_the_old_store_or_the_new(tmp_path, fresh):
    from kg.store import recover

    old_db = tmp_path / "old"
    update_store(old_db, synthetic(30, 20, "v1"))
    old = named_quads(old_db)
    # the new store, and how long its update takes, from one run to the end
    shutil.copytree(old_db, tmp_path / "new")
    t0 = time.perf_counter()
    update_store(tmp_path / "new", synthetic(30, 20, "v2"), fresh=fresh)
    span = time.perf_counter() - t0
    new = named_quads(tmp_path / "new")
    assert old != new
    seen = []
    for i, fraction in enumerate((0.0, 0.4, 0.8, 1.5)):
        db = tmp_path / f"killed{i}"
        shutil.copytree(old_db, db)
        proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD.format(
            tests=str(ROOT / "tests"), db=str(db), fresh=fresh)], cwd=ROOT, stdout=subprocess.PIPE,
            text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(fraction * span)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        recover(db)   # what opening the store does first
        got = named_quads(db)
        assert got in (old, new), f"killed {fraction * span:.2f} s into the update: a mixed store"
        assert not list(tmp_path.glob(f".killed{i}.*")), "leftovers of a killed rebuild"
        seen.append("old" if got == old else "new")
    assert seen[0] == "old"


def test_a_rebuild_killed_between_its_renames_is_undone_when_the_store_is_next_opened(tmp_path):
    from kg.store import recover

    db = tmp_path / "db"
    update_store(db, synthetic(2, 2))
    before = named_quads(db)
    db.rename(tmp_path / ".db.old")                 # killed after the first rename
    (tmp_path / ".db.new-x1y2").mkdir()             # the new store, never put in place
    assert DocumentStore(db).documents().keys() == {"0000.txt", "0001.txt"}
    assert named_quads(db) == before and sorted(p.name for p in tmp_path.iterdir()) == ["db"]
    (tmp_path / ".db.old").mkdir()                  # killed after the second: the old one is left over
    recover(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db"]


def test_cli_build_into_a_store_removes_a_document_in_place(tmp_path):
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    spec = f"oxigraph:{tmp_path / 'db'}"
    from kg.pipeline import build

    r = build(seeds[:2])
    write_outputs(r, tmp_path / "out", store=spec)
    removed = write_outputs(SimpleNamespace(docs=[], entities=[], assertions=[]), tmp_path / "out",
                            store=spec, remove=[seeds[0].name])
    assert removed.merged and removed.documents == 1
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert {str(o) for o in g.objects(None, HKG.fileName)} == {seeds[1].name}
    alone = build([seeds[1]])
    assert same_graph(g, build_graph(alone.docs, alone.entities, alone.assertions))


# --- the default working graph of `kg build`: OUT/store ------------------------

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def kg_build(capsys, *args) -> str:
    from kg.cli import main

    code = main(["build", *map(str, args), "--jobs", "1"])
    said = capsys.readouterr()
    assert code == 0, said.err
    return said.out


def graphs_of(store: Path) -> dict[str, set[str]]:
    """Named graph → its quads, of the store at ``store``."""
    db = ox.Store.read_only(str(store))
    out: dict[str, set[str]] = {}
    for q in db:
        out.setdefault(str(q.graph_name), set()).add(str(q))
    return out


def doc_graph(seed: Path) -> str:
    return f"<{document_iri(Document(seed.name, ''))}>"


@pytest.fixture(scope="module")
def memory_build(tmp_path_factory) -> Path:
    """The output folder of `kg build seeds --store memory`: what a build gave before the store."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("memory")
    write_outputs(build([ROOT / "seeds"]), out, store="memory")
    return out


@pytest.fixture(scope="module")
def seeds_in_memory(memory_build) -> Graph:
    return Graph().parse(memory_build / "graph.ttl")


def test_a_default_build_keeps_its_graph_in_out_store_and_writes_the_memory_builds_graph(
        tmp_path, capsys, seeds_in_memory, memory_build):
    from test_html import embedded_data

    kg_build(capsys, ROOT / "seeds", "--out", tmp_path / "out")
    assert DocumentStore(tmp_path / "out" / "store").documents().keys() == {p.name for p in SEEDS}
    assert compare.isomorphic(Graph().parse(tmp_path / "out" / "graph.ttl"), seeds_in_memory)
    # the same bytes from a second build elsewhere (the ontology's blank nodes too)
    kg_build(capsys, ROOT / "seeds", "--out", tmp_path / "again")
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == (tmp_path / "out" / "graph.ttl").read_bytes()
    # the page, made from the store by SPARQL, shows what the memory build's shows
    page = lambda out: embedded_data((out / "graph.html").read_text(encoding="utf-8"))
    assert page(tmp_path / "out") == page(memory_build)


def test_adding_then_removing_an_article_touches_only_its_graph(tmp_path, capsys):
    out, store = tmp_path / "out", tmp_path / "out" / "store"
    kg_build(capsys, SEEDS[0], SEEDS[1], "--out", out)
    before = graphs_of(store)
    said = kg_build(capsys, SEEDS[2], "--out", out)
    assert "graph (merged with the one already there): 3 documents" in said
    after = graphs_of(store)
    new = doc_graph(SEEDS[2])
    assert new not in before and after[new]
    assert {g: q for g, q in after.items() if g != new} == before
    assert SEEDS[2].name in (out / "graph.ttl").read_text(encoding="utf-8")

    kg_build(capsys, "--remove", SEEDS[0].name, "--out", out)
    removed = graphs_of(store)
    assert doc_graph(SEEDS[0]) not in removed
    assert {g: q for g, q in removed.items()} == {g: q for g, q in after.items() if g != doc_graph(SEEDS[0])}
    g = Graph().parse(out / "graph.ttl")
    assert {str(n) for n in g.objects(None, HKG.fileName)} == {SEEDS[1].name, SEEDS[2].name}


def test_an_output_folder_of_an_older_build_is_read_into_the_store_once(tmp_path, capsys, seeds_in_memory):
    out = tmp_path / "out"
    kg_build(capsys, *SEEDS[:4], "--out", out, "--store", "memory")   # graph.ttl only, as before
    assert not (out / "store").exists()
    said = kg_build(capsys, SEEDS[4], "--out", out)
    assert "graph (merged with the one already there): 5 documents" in said
    assert DocumentStore(out / "store").documents().keys() == {p.name for p in SEEDS}
    assert compare.isomorphic(Graph().parse(out / "graph.ttl"), seeds_in_memory)
    # from now on the store is the graph: graph.ttl is not read again
    (out / "graph.ttl").write_text("this file is not read", encoding="utf-8")
    kg_build(capsys, "--remove", SEEDS[4].name, "--out", out)
    assert len(DocumentStore(out / "store").documents()) == 4
    # --fresh empties the store
    kg_build(capsys, SEEDS[0], "--out", out, "--fresh")
    assert DocumentStore(out / "store").documents().keys() == {SEEDS[0].name}
    assert {g for g in graphs_of(out / "store") if "/id/doc/" in g} == {doc_graph(SEEDS[0])}


def test_commands_read_the_store_of_an_output_folder(tmp_path, capsys):
    from kg.cli import main

    out = tmp_path / "out"
    kg_build(capsys, SEEDS[0], SEEDS[1], "--out", out)
    (out / "graph.ttl").unlink()       # what is read is the store
    query = "SELECT ?f WHERE { ?d hkg:fileName ?f } ORDER BY ?f"
    for spec in (out, out / "store", f"oxigraph:{out / 'store'}"):
        assert main(["query", query, "--graph", str(spec), "--format", "csv"]) == 0
        assert capsys.readouterr().out.split() == ["f", SEEDS[0].name, SEEDS[1].name]
    assert main(["stats", "--graph", str(out), "--format", "json"]) == 0
    assert '"entities"' in capsys.readouterr().out
    assert main(["validate", "--graph", str(out / "store")]) == 0
    assert capsys.readouterr().out.startswith(f"{out / 'store'}: conforms (")
    assert main(["html", "--graph", str(out), "--out", str(tmp_path / "page.html")]) == 0
    assert "绵阳市第三人民医院" in (tmp_path / "page.html").read_text(encoding="utf-8")
    assert main(["query", query, "--graph", str(tmp_path)]) == 2
    assert "a folder with no graph" in capsys.readouterr().err


def test_outputs_that_do_not_match_the_store_are_made_again_from_it(tmp_path, capsys):
    from kg.pipeline import build

    out = tmp_path / "out"
    kg_build(capsys, SEEDS[0], SEEDS[1], "--out", out)
    parts = json.loads((out / "graph.parts.json").read_text(encoding="utf-8"))
    assert set(parts["documents"]) == {SEEDS[0].name, SEEDS[1].name}
    # a graph.ttl edited by hand (or one build behind the store) is not spliced
    (out / "graph.ttl").write_text("# graph <urn:nothing>\n", encoding="utf-8")
    kg_build(capsys, SEEDS[2], "--out", out)
    alone = build(SEEDS[:3])
    assert same_graph(Graph().parse(out / "graph.ttl"), build_graph(alone.docs, alone.entities, alone.assertions))
    # nor are page records of another set of documents (the first build's)
    (out / "graph.parts.json").write_text(json.dumps(parts), encoding="utf-8")
    kg_build(capsys, "--remove", SEEDS[1].name, "--out", out)
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert SEEDS[0].name in page and SEEDS[2].name in page and SEEDS[1].name not in page
