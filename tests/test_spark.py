"""`kg build --engine spark`: the documents extracted in Spark's executors
(``local[2]``, one Spark session for the whole test session) give the graph
a local build gives."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, compare

from kg.cli import main

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs a Java runtime (17+): none on PATH nor JAVA_HOME", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "docs"


@pytest.fixture(scope="session")
def spark():
    from kg.spark import start_session

    session = start_session("local[2]")   # the builds below run in it
    yield session
    session.stop()


def build(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["build", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_spark_builds_the_graph_of_a_local_build(spark, tmp_path, capsys):
    # a quarter of corpus/: still a partition per two or three articles
    # (kg.spark._collect), and a build that takes seconds, not tens of them
    docs = tmp_path / "docs"
    docs.mkdir()
    for article in sorted(CORPUS.glob("*.txt"))[::4]:
        shutil.copy(article, docs)
    local, clustered = tmp_path / "local", tmp_path / "spark"
    assert build(capsys, str(docs), "--jobs", "1", "--out", str(local))[0] == 0
    code, out, err = build(capsys, str(docs), "--engine", "spark", "--master", "local[2]",
                           "--out", str(clustered))
    assert code == 0, err
    assert out.startswith("documents: 21 read, 0 skipped")
    a = Graph().parse(local / "graph.ttl", format="turtle")
    b = Graph().parse(clustered / "graph.ttl", format="turtle")
    assert len(a) > 2_000 and compare.isomorphic(a, b)
    # the same merge in the same order: the very bytes too
    assert (local / "graph.ttl").read_bytes() == (clustered / "graph.ttl").read_bytes()


def test_unreadable_files_are_reported_as_a_local_build_reports_them(spark, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes(sorted((ROOT / "seeds").glob("*.txt"))[0].read_bytes())
    (docs / "empty.txt").write_bytes(b"")
    code, out, err = build(capsys, str(docs), "--engine", "spark", "--out", str(tmp_path / "out"))
    assert code == 0
    assert out.startswith("documents: 1 read, 1 skipped")
    assert err.strip().startswith("warning: skipped") and err.strip().endswith("empty.txt: empty file")


def test_master_without_the_spark_engine_is_a_usage_error(tmp_path, capsys):
    code, _, err = build(capsys, "seeds", "--master", "local[2]", "--out", str(tmp_path))
    assert code == 2 and err == "error: --master goes with --engine spark\n"
