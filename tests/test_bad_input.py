"""Bad input never stops a build: each bad file gets a one-line warning that
names it, the rest go on, and the exit status is non-zero only when no
document at all could be read. Outputs are replaced atomically."""
from __future__ import annotations

import os
import random
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kg.files import write_atomic
from kg.read import MAX_BYTES, ReadError, read_document
from run_kg import kg, kg_here

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))





def bad_files(folder: Path) -> dict[str, str]:
    """Write one file of each kind of bad input; return name → expected reason."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    (folder / "bom-only.txt").write_bytes(b"\xef\xbb\xbf\r\n")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(2000))
    (folder / "noise.txt").write_bytes(bytes(b or 1 for b in rng.randbytes(3000)))
    (folder / "latin1.txt").write_bytes("Café crème, déjà vu: naïve façade. ".encode("latin-1") * 20)
    (folder / "scripts.html").write_bytes(b"<html><head><script>var a = 1;</script></head>"
                                          b"<body><nav>Home</nav></body></html>")
    with open(folder / "huge.txt", "wb") as f:      # sparse: costs no disk
        f.truncate(MAX_BYTES + 1)
    return {"empty.txt": "empty", "blank.txt": "empty", "bom-only.txt": "empty", "image.txt": "binary",
            "noise.txt": "decode", "latin1.txt": "decode", "scripts.html": "no text",
            "huge.txt": "too large"}


# -- read_document on each kind of bad file ---------------------------------

def test_each_bad_file_raises_a_read_error_naming_file_and_reason(tmp_path):
    for name, reason in bad_files(tmp_path).items():
        with pytest.raises(ReadError) as info:
            read_document(tmp_path / name)
        message = str(info.value)
        assert str(tmp_path / name) in message, message
        assert reason in message, message
        assert "\n" not in message


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(10 * MAX_BYTES)                 # 500 MB, sparse
    with pytest.raises(ReadError, match="too large"):
        read_document(path)


def test_missing_file_and_folder_given_as_file_are_read_errors(tmp_path):
    with pytest.raises(ReadError, match="nowhere.txt"):
        read_document(tmp_path / "nowhere.txt")
    with pytest.raises(ReadError, match="unreadable"):
        read_document(tmp_path)


def test_a_file_just_under_the_limit_is_read(tmp_path):
    line = "甲市人民医院与乙县人民医院签订合作协议。\n".encode()
    path = tmp_path / "big.txt"
    path.write_bytes(line * (2 * 1024 * 1024 // len(line)))
    assert read_document(path).text.count("合作协议") > 30_000


# -- write_atomic -----------------------------------------------------------

def test_write_atomic_replaces_content_and_creates_folders(tmp_path):
    target = tmp_path / "out" / "deep" / "graph.ttl"
    write_atomic(target, "第一版")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.ttl"]


def test_write_that_fails_midway_leaves_old_file_and_no_temp_file(tmp_path):
    """A real mid-write failure (the file size limit, as on a full disk): the
    old graph stays whole and no temporary file is left beside it."""
    target = tmp_path / "graph.ttl"
    target.write_text("@prefix old: <x:> .\n", encoding="utf-8")
    code = ("import resource, sys\n"
            "from kg.files import write_atomic\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, resource.RLIM_INFINITY))\n"
            "try:\n"
            "    write_atomic(sys.argv[1], '医' * 2_000_000)\n"
            "except OSError as exc:\n"
            "    print('failed', exc.errno)\n"
            "    sys.exit(3)\n")
    proc = subprocess.run([sys.executable, "-c", code, str(target)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 3, proc.stderr
    assert target.read_text(encoding="utf-8") == "@prefix old: <x:> .\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_write_interrupted_by_an_exception_leaves_old_file(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(target, ["not", "bytes"])      # fails after the temp file exists
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_written_file_has_ordinary_permissions(tmp_path):
    """Not the owner-only 0600 of a temporary file: what open() would give,
    or what the replaced file had."""
    umask = os.umask(0o022)
    os.umask(umask)
    fresh = write_atomic(tmp_path / "new.ttl", "x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.ttl"
    kept.write_text("old")
    kept.chmod(0o640)
    write_atomic(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


# -- the build and the command ------------------------------------------------

def test_build_skips_bad_files_and_reads_the_rest(tmp_path):
    from kg.pipeline import build

    expected = bad_files(tmp_path / "in")
    for seed in SEEDS[:2]:
        shutil.copy(seed, tmp_path / "in" / seed.name)
    result = build([tmp_path / "in"])
    assert sorted(d.name for d in result.docs) == sorted(s.name for s in SEEDS[:2])
    skipped = {Path(path).name: reason for path, reason in result.skipped}
    assert set(skipped) == set(expected)
    for name, reason in expected.items():
        assert reason in skipped[name]
    assert result.entities and result.assertions


def test_command_warns_once_per_bad_file_and_succeeds(tmp_path, capsys):
    expected = bad_files(tmp_path / "in")
    shutil.copy(SEEDS[2], tmp_path / "in")
    proc = kg_here(capsys, "build", str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(expected), proc.stderr
    for name in expected:
        assert sum(name in w for w in warnings) == 1, (name, warnings)
    assert "Traceback" not in proc.stderr
    assert f"1 read, {len(expected)} skipped" in proc.stdout
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0


def test_command_fails_with_a_message_when_nothing_could_be_read(tmp_path, capsys):
    bad_files(tmp_path / "bad")
    proc = kg_here(capsys, "build", str(tmp_path / "bad"), "--out", str(tmp_path / "out"))
    assert proc.returncode != 0
    assert "no document could be read" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize("make", ["empty folder", "folder of images", "missing path"])
def test_command_fails_on_a_folder_with_no_text(tmp_path, capsys, make):
    target = tmp_path / "in"
    if make != "missing path":
        target.mkdir()
    if make == "folder of images":
        (target / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        (target / "b.pdf").write_bytes(b"%PDF-1.4")
    proc = kg_here(capsys, "build", str(target), "--out", str(tmp_path / "out"))
    assert proc.returncode != 0
    assert "no document could be read" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_interrupted_build_keeps_the_previous_graph(tmp_path):
    """The output write fails midway (file size limit): the build fails, the
    graph.ttl of the previous build is still there, whole, and no temporary
    file is left behind."""
    import resource

    out = tmp_path / "out"
    out.mkdir()
    old = "@prefix hkg: <https://w3id.org/hospital-kg/ontology#> .\n"
    (out / "graph.ttl").write_text(old, encoding="utf-8")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))

    proc = kg("build", str(ROOT / "seeds"), "--out", str(out), preexec_fn=limit)
    assert proc.returncode != 0
    assert "error: cannot write" in proc.stderr and "Traceback" not in proc.stderr
    assert (out / "graph.ttl").read_text(encoding="utf-8") == old
    assert sorted(p.name for p in out.iterdir()) in (["graph.ttl"], ["graph.html", "graph.ttl"])
    assert not any(p.name.endswith(".tmp") for p in out.iterdir())


# -- every command, given bad arguments ---------------------------------------

def bad_command_lines(tmp: Path, good_graph: Path) -> list[tuple[list[str], int]]:
    """``(argv, documented exit status)``: 2 for a usage error, a bad query or
    an unreadable graph, 1 for a failure at run time (html: no such entity)."""
    not_rdf = tmp / "not-rdf.ttl"
    not_rdf.write_text("this is not turtle", encoding="utf-8")
    binary = tmp / "binary.ttl"
    binary.write_bytes(b"\x00\x01\x02garbage\xff")
    missing = str(tmp / "missing.ttl")
    g = str(good_graph)
    return [
        (["query", "--graph", missing, "ASK {}"], 2),
        (["query", "--graph", str(not_rdf), "ASK {}"], 2),
        (["query", "--graph", str(binary), "ASK {}"], 2),
        (["query", "--graph", g, 'SELECT ?x WHERE { BIND(REGEX("a", "(") AS ?x) }'], 2),
        (["query", "--graph", g, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], 2),
        (["query", "--graph", g, "SELEC ?x"], 2),
        (["query", "--graph", g, "--timeout", "-1", "ASK {}"], 2),
        (["query", "--graph", g, "--timeout", "soon", "ASK {}"], 2),
        (["query", "--graph", g, "--param", "novalue", "ASK {}"], 2),
        (["query", "--graph", g, "-f", str(tmp / "none.rq")], 2),
        (["query", "--bogus"], 2),
        (["stats", "--graph", missing], 2),
        (["stats", "--graph", str(not_rdf)], 2),
        (["stats", "--graph", g, "--top", "-3"], 2),
        (["stats", "--graph", g, "--format", "xml"], 2),
        (["html", "--graph", missing], 1),
        (["html", "--graph", g, "--focus", "没有这家医院", "--out", str(tmp / "f.html")], 1),
        (["html", "--graph", g, "--focus", "医院", "--depth", "-1"], 2),
        (["validate", missing], 2),
        (["validate", str(not_rdf)], 2),
        (["validate", str(binary)], 2),
        (["serve", "--graph", missing], 2),
        (["serve", "--graph", str(not_rdf)], 2),
        (["serve", "--graph", g, "--port", "99999"], 2),
        (["serve", "--graph", g, "--workers", "0"], 2),
        (["serve", "--graph", g, "--timeout", "-5"], 2),
        (["serve", "--graph", g, "--port", "eighty"], 2),
        (["eval", str(tmp / "no-gold")], 2),
        (["eval", str(ROOT / "tests" / "gold"), "--graph", str(not_rdf)], 2),
        (["build", str(tmp / "nowhere"), "--out", str(tmp / "o1")], 1),
        (["build", str(ROOT / "seeds" / SEEDS[0].name), "--out", str(tmp / "o2"), "--format", "zzz"], 2),
        (["build", "--nope"], 2),
        (["nonsense"], 2),
    ]


def test_every_command_fails_in_one_message_with_its_exit_status(tmp_path, capsys):
    from kg.cli import main
    from query_fixtures import write_gold_graph

    good = write_gold_graph(tmp_path / "graph.ttl")
    for argv, status in bad_command_lines(tmp_path, good):
        try:
            code = main(argv)
        except SystemExit as exc:        # argparse's usage errors
            code = exc.code
        captured = capsys.readouterr()
        said = captured.err + captured.out
        assert code == status, (argv, code, said)
        assert "Traceback" not in said, (argv, said)
        assert "error:" in said.splitlines()[-1] or "error:" in said.splitlines()[0], (argv, said)


def test_html_of_an_unreadable_graph_is_one_message(tmp_path, capsys):
    from kg.cli import main

    not_rdf = tmp_path / "not-rdf.ttl"
    not_rdf.write_text("this is not turtle", encoding="utf-8")
    try:
        code = main(["html", "--graph", str(not_rdf), "--out", str(tmp_path / "g.html")])
    except SystemExit as exc:
        code = exc.code
    assert code in (1, 2)
    assert "error:" in capsys.readouterr().err
