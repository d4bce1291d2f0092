"""`kg build` end to end on the five seed articles, as a user runs it."""
from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from run_kg import kg, kg_here

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))




# The article's subject, as ANNOTATION.md names it, for each seed.
SUBJECTS = {
    "000": "绵阳市第三人民医院",
    "001": "本溪市中心医院",
    "002": "重庆大学附属三峡医院",
    "003": "游仙区妇幼保健院",
    "004": "鹤山市人民医院",
}


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "out"
    proc = kg("build", "seeds", "--out", str(out))
    return proc, out


def test_build_succeeds_and_writes_turtle_and_html(seeds_build):
    proc, out = seeds_build
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "warning" not in proc.stderr
    assert (out / "graph.ttl").stat().st_size > 1000
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and "绵阳市第三人民医院" in html
    # no temporary file left; the graph is kept in the store between builds
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.parts.json", "graph.ttl",
                                                     "manifest.json", "store"]


def test_graph_parses_and_holds_every_seed(seeds_build):
    from rdflib import Graph
    from rdflib.namespace import PROV, RDF

    from kg.graph import HKG

    _, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    files = {str(f) for f in g.objects(None, HKG.fileName)}
    assert files == {p.name for p in SEEDS}
    # Every seed gives relations: each has an assertion derived from it.
    derived = {str(g.value(doc, HKG.fileName))
               for st in g.subjects(RDF.type, RDF.Statement)
               for doc in g.objects(st, PROV.wasDerivedFrom)}
    assert derived == {p.name for p in SEEDS}


def test_graph_names_the_subject_hospital_of_every_seed(seeds_build):
    from rdflib import Graph
    from rdflib.namespace import SKOS

    _, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    labels = {str(o) for o in g.objects(None, SKOS.prefLabel)}
    missing = {seed: name for seed, name in SUBJECTS.items() if name not in labels}
    assert not missing


def test_graph_has_the_core_relations_with_evidence(seeds_build):
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    from kg.graph import HKG

    _, out = seeds_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    for rel in ("partnersWith", "coBuildsWith", "awarded"):
        assert any(True for _ in g.subject_objects(HKG[rel])), rel

    def label(node):
        return str(g.value(node, SKOS.prefLabel))

    partners = {frozenset((label(s), label(o))) for s, o in g.subject_objects(HKG.partnersWith)}
    assert frozenset(("重庆大学附属三峡医院", "四川大学华西医院")) in partners
    awards = {(label(s), label(o)) for s, o in g.subject_objects(HKG.awarded)}
    assert any(s == "重庆大学附属三峡医院" and "全国文明单位" in o for s, o in awards)
    for st in g.subjects(RDF.type, RDF.Statement):
        assert str(g.value(st, HKG.evidence)).strip()


def test_summary_reports_documents_entities_relations_and_time(seeds_build):
    proc, out = seeds_build
    lines = proc.stdout.splitlines()
    assert re.fullmatch(r"documents: 5 read, 0 skipped \([\d.]+ KB in [\d.]+ s\)", lines[0]), lines[0]
    assert re.match(r"entities: \d+ ", lines[1])
    for kind in ("Hospital", "PartyOrganization", "Honor"):
        assert re.search(rf"\b{kind} \d+", lines[1]), lines[1]
    assert re.match(r"relations: \d+ ", lines[2])
    for rel in ("partnersWith", "coBuildsWith", "awarded"):
        assert re.search(rf"\b{rel} \d+", lines[2]), lines[2]
    total = int(lines[1].split()[1])
    assert total == sum(int(n) for n in re.findall(r"[A-Za-z]+ (\d+)", lines[1].split("  ", 1)[1]))
    assert f"wrote {out / 'graph.ttl'}" in lines


def test_default_input_is_seeds_and_default_output_is_outputs(tmp_path, capsys, monkeypatch):
    """`kg build` with no argument, run in a checkout, reads seeds/ into outputs/."""
    (tmp_path / "seeds").mkdir()
    for seed in SEEDS[:2]:
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    monkeypatch.chdir(tmp_path)
    proc = kg_here(capsys, "build")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("documents: 2 read, 0 skipped")
    assert (tmp_path / "outputs" / "graph.ttl").exists()


def test_fresh_rebuild_replaces_the_graph(tmp_path, capsys):
    """Builds into a folder merge with the graph there; --fresh starts over."""
    out = tmp_path / "out"
    assert kg_here(capsys, "build", str(SEEDS[0]), "--out", str(out)).returncode == 0
    first = (out / "graph.ttl").read_text(encoding="utf-8")
    assert kg_here(capsys, "build", str(SEEDS[4]), "--out", str(out), "--fresh").returncode == 0
    second = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "绵阳市第三人民医院" in first and "绵阳市第三人民医院" not in second
    assert "鹤山市人民医院" in second


def test_progress_goes_to_stderr_only_when_asked_or_on_a_terminal(tmp_path, capsys):
    seeds = str(ROOT / "seeds")
    quiet = kg_here(capsys, "build", seeds, "--out", str(tmp_path / "a"))
    assert "[1/5]" not in quiet.stderr                      # a pipe gets no progress
    loud = kg_here(capsys, "build", seeds, "--out", str(tmp_path / "b"), "--progress")
    lines = loud.stderr.splitlines()
    assert lines[0].startswith("[1/5] ") and lines[-1].startswith("[5/5] ")
    assert "\r" not in loud.stderr                          # a log gets whole lines
    assert "[1/5]" not in loud.stdout                       # stdout stays the summary
    assert loud.stdout.splitlines()[0].startswith("documents: 5 read")


def test_progress_on_a_terminal_is_one_line_rewritten(tmp_path):
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", "seeds", "--out", str(tmp_path)],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=slave, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    err = b"".join(chunks).decode()
    assert proc.returncode == 0
    steps = re.findall(r"\r\[(\d)/5\]", err)
    assert steps == ["1", "2", "3", "4", "5"]
    assert err.rstrip("\r\n").count("\n") == 0               # one line, ended once
    assert err.endswith("\n")


# --- document identity --------------------------------------------------------

def build_in_process(capsys, *args: str) -> tuple[int, str, str]:
    from kg.cli import main

    code = main(["build", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_same_name_in_two_folders_is_two_documents(tmp_path, capsys):
    from rdflib import Graph

    from kg.graph import HKG

    for folder, seed in (("a", SEEDS[0]), ("b", SEEDS[4])):
        (tmp_path / "site" / folder).mkdir(parents=True)
        (tmp_path / "site" / folder / "news.txt").write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    code, _, err = build_in_process(capsys, str(tmp_path / "site"), "--out", str(out), "--fresh")
    assert code == 0, err
    g = Graph().parse(out / "graph.ttl")
    assert {str(n) for n in g.objects(None, HKG.fileName)} == {"a/news.txt", "b/news.txt"}
    labels = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "绵阳市第三人民医院" in labels and "鹤山市人民医院" in labels
    # the two folders given side by side name them the same way
    code, _, err = build_in_process(capsys, str(tmp_path / "site" / "a"), str(tmp_path / "site" / "b"),
                                    "--out", str(tmp_path / "two"), "--fresh")
    assert code == 0, err
    assert (tmp_path / "two" / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_the_same_content_under_two_names_is_extracted_once(tmp_path, capsys):
    from rdflib import Graph

    from kg.graph import HKG

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "first.txt").write_bytes(SEEDS[1].read_bytes())
    (tmp_path / "in" / "copy.txt").write_bytes(SEEDS[1].read_bytes())
    code, stdout, err = build_in_process(capsys, str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert code == 0
    assert err.strip() == "warning: first.txt has the same content as copy.txt: extracted once, as copy.txt"
    assert stdout.startswith("documents: 1 read, 0 skipped")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert {str(n) for n in g.objects(None, HKG.fileName)} == {"copy.txt"}


# --- one build at a time, published together, Ctrl-C, --remove, --jobs -------------

def test_a_second_build_into_a_locked_folder_fails_at_once(tmp_path, capsys):
    from kg.files import folder_lock

    out = tmp_path / "out"
    with folder_lock(out):        # this process builds into out
        proc = kg("build", str(SEEDS[0]), "--out", str(out))
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"error: another kg build is writing to {out}; wait for it to "
                                   "finish or choose another --out/--store")
    assert list(out.iterdir()) == []
    code, _, err = build_in_process(capsys, str(SEEDS[0]), "--out", str(out))   # released
    assert code == 0, err


def test_outputs_come_with_a_manifest_and_leftovers_are_cleaned(tmp_path, capsys):
    import hashlib
    import json

    out = tmp_path / "out"
    out.mkdir()
    (out / ".graph.ttl.k1ll3d.tmp").write_text("half a graph")   # a killed build's
    code, _, err = build_in_process(capsys, str(SEEDS[0]), str(SEEDS[2]), "--out", str(out),
                                    "--format", "nt")
    assert code == 0, err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == [{"name": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                                      "source": str(p.resolve())} for p in (SEEDS[0], SEEDS[2])]
    files = {o["file"]: o for o in manifest["outputs"]}
    assert set(files) == {"graph.ttl", "graph.html", "graph.nt", "graph.parts.json"}
    for name, o in files.items():
        data = (out / name).read_bytes()
        assert (o["bytes"], o["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.nt", "graph.parts.json",
                                                     "graph.ttl", "manifest.json", "store"]


def outputs_and_store(out: Path) -> tuple[dict, set]:
    """The files of an output folder, and the quads of its store."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}, {str(q) for q in store}


def test_ctrl_c_prints_one_line_exits_130_and_keeps_the_old_outputs(tmp_path, capsys):
    import signal

    out = tmp_path / "out"
    code, _, err = build_in_process(capsys, str(SEEDS[0]), "--out", str(out))
    assert code == 0, err
    before = outputs_and_store(out)
    # as a terminal does: SIGINT to the whole process group (the pool's workers too)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "seeds", "--out", str(out),
                             "--progress", "--jobs", "2"], cwd=ROOT, stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stderr.readline().startswith("[1/5]")
    os.killpg(proc.pid, signal.SIGINT)
    _, rest = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert rest.strip().splitlines() == [f"interrupted: nothing written, {out} is as it was"]
    assert outputs_and_store(out) == before


def test_remove_alone_removes_and_an_unknown_document_is_an_error(tmp_path, capsys):
    from rdflib import Graph

    from kg.graph import HKG

    out = tmp_path / "out"
    code, _, err = build_in_process(capsys, str(SEEDS[0]), str(SEEDS[1]), "--out", str(out))
    assert code == 0, err
    code, stdout, err = build_in_process(capsys, "--remove", SEEDS[0].name, "--out", str(out))
    assert code == 0, err
    g = Graph().parse(out / "graph.ttl")
    assert {str(n) for n in g.objects(None, HKG.fileName)} == {SEEDS[1].name}   # no seeds/ merged
    assert stdout.splitlines()[-1].startswith("graph (merged with the one already there): 1 documents")
    kept = (out / "graph.ttl").read_bytes()
    typo = SEEDS[1].name.replace(".txt", "x.txt")
    code, _, err = build_in_process(capsys, "--remove", typo, "--out", str(out))
    assert code == 1
    assert err.strip() == (f"error: cannot remove: no document {typo} in the store {out / 'store'} "
                           f"(close: {SEEDS[1].name})")
    assert (out / "graph.ttl").read_bytes() == kept


def test_jobs_give_the_same_graph_as_one_process():
    from kg.export import turtle
    from kg.graph import build_graph
    from kg.pipeline import build

    one, two = build(SEEDS, jobs=1), build(SEEDS, jobs=2)
    assert [d.name for d in two.docs] == [d.name for d in one.docs]
    assert turtle(build_graph(two.docs, two.entities, two.assertions)) == \
        turtle(build_graph(one.docs, one.entities, one.assertions))


def test_an_output_folder_that_is_a_file_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "taken").write_text("not a folder")
    code, _, err = build_in_process(capsys, "--remove", "x.txt", "--out", str(tmp_path / "taken"))
    assert code == 1
    assert err == f"error: cannot use {tmp_path / 'taken'} as a folder: File exists\n"


def test_a_document_built_from_another_file_of_the_same_name_is_reported(tmp_path, capsys):
    for folder, seed in (("a", SEEDS[0]), ("b", SEEDS[4])):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "news.txt").write_bytes(seed.read_bytes())
    out = str(tmp_path / "out")
    assert build_in_process(capsys, str(tmp_path / "a"), "--out", out)[0] == 0
    code, _, err = build_in_process(capsys, str(tmp_path / "a"), "--out", out)   # the same file
    assert code == 0 and err == ""
    code, _, err = build_in_process(capsys, str(tmp_path / "b"), "--out", out)
    assert code == 0
    assert err.strip() == (f"warning: news.txt from {tmp_path / 'b' / 'news.txt'} replaces the "
                           f"document of that name built from {tmp_path / 'a' / 'news.txt'} "
                           "(build their common folder to keep both)")


def test_a_document_past_its_time_budget_is_skipped_and_the_rest_built(tmp_path):
    from kg.pipeline import build

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "article.txt").write_text("甲州市第一人民医院与乙县人民医院签订合作协议。", encoding="utf-8")
    # a long page without sentence ends: far more than a second of extraction
    (folder / "huge.txt").write_text("甲州市第一人民医院与乙县人民医院签约" * 20000, encoding="utf-8")
    result = build([folder], jobs=1, budget=1.0)
    assert [d.name for d in result.docs] == ["article.txt"]
    [(path, reason)] = result.skipped
    assert path.endswith("huge.txt") and "time budget" in reason
    assert any(a.predicate == "partnersWith" for a in result.assertions)


def test_loading_the_models_is_not_charged_to_the_first_documents_time_budget(tmp_path):
    # A fresh process (as every --jobs worker is) spends seconds loading the
    # models and jieba's dictionary: with a budget shorter than that, the
    # first article must still be built.
    (tmp_path / "article.txt").write_text("甲州市第一人民医院与乙县人民医院签订合作协议。", encoding="utf-8")
    code = ("import sys; from kg.pipeline import build; r = build([sys.argv[1]], budget=0.3); "
            "print(len(r.docs), len(r.skipped))")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["1", "0"], done.stderr
