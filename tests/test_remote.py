"""`kg build --store http://HOST:PORT/PATH`: the document store kept in a
SPARQL server through the Graph Store Protocol, tested against a real
Oxigraph server (``oxigraph serve``, started once on 127.0.0.1)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, compare

from kg.cli import main
from kg.store import open_graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
OXIGRAPH = shutil.which("oxigraph") or str(Path(__import__("sys").executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server():
    if not Path(OXIGRAPH).exists():
        pytest.skip("no `oxigraph` command (pip install oxigraph, in the [test] extra)")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/store?default", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def server(oxigraph_server):
    """The server's endpoint, emptied for each test."""
    req = urllib.request.Request(oxigraph_server + "/update", data=b"CLEAR ALL", method="POST",
                                 headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(req, timeout=10).read()
    return oxigraph_server


def server_quads(base: str) -> bytes:
    req = urllib.request.Request(base + "/store", headers={"Accept": "application/n-quads"})
    return urllib.request.urlopen(req, timeout=30).read()


def store_quads(path: Path) -> bytes:
    store = ox.Store(str(path))
    try:
        return store.dump(format=ox.RdfFormat.N_QUADS)
    finally:
        del store


def named_graphs(nquads: bytes) -> dict:
    ds = Dataset()
    ds.parse(data=nquads.decode("utf-8"), format="nquads")
    contexts = ds.graphs() if hasattr(ds, "graphs") else ds.contexts()
    return {str(c.identifier): c for c in contexts if len(c)}


def same_dataset(a: bytes, b: bytes) -> bool:
    ga, gb = named_graphs(a), named_graphs(b)
    return ga.keys() == gb.keys() and all(compare.isomorphic(ga[k], gb[k]) for k in ga)


def build(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["build", *args, "--jobs", "1"])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_server_holds_what_an_oxigraph_store_holds_build_after_build(server, tmp_path, capsys):
    """Four articles, a fifth added, one rebuilt from other text, one removed:
    after each build the server's graphs are the on-disk store's, and so is
    the Turtle written beside; the server's other data stays."""
    urllib.request.urlopen(urllib.request.Request(
        server + "/store?graph=http://example.org/theirs", method="PUT", data=b"<http://x/a> <http://x/b> <http://x/c> .",
        headers={"Content-Type": "text/turtle"}), timeout=10).read()
    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in SEEDS[:4]:
        shutil.copy(seed, docs / seed.name)
    extra = tmp_path / "extra" / SEEDS[4].name
    extra.parent.mkdir()
    shutil.copy(SEEDS[4], extra)
    remote = ["--store", server + "/store", "--out", str(tmp_path / "r")]
    local = ["--store", f"oxigraph:{tmp_path / 'db'}", "--out", str(tmp_path / "l")]
    steps = [[str(docs)], [str(extra)], [str(docs)], ["--remove", SEEDS[1].name]]
    for i, step in enumerate(steps):
        if i == 2:   # the same article, other text: its graph is replaced whole
            (docs / SEEDS[0].name).write_bytes(SEEDS[0].read_bytes().replace("医院".encode(), "卫生院".encode(), 3))
        for where in (remote, local):
            code, _, err = build(capsys, *step, *where)
            assert code == 0, err
        mine = server_quads(server)
        theirs = [line for line in mine.splitlines() if b"example.org/theirs" in line]
        assert theirs == [b"<http://x/a> <http://x/b> <http://x/c> <http://example.org/theirs> ."]
        ours = b"\n".join(line for line in mine.splitlines() if b"example.org/theirs" not in line)
        assert same_dataset(ours, store_quads(tmp_path / "db")), f"step {i}"
        # the same triples (Oxigraph streams them in its store's order, not the same here)
        assert compare.isomorphic(Graph().parse(tmp_path / "r" / "graph.ttl"),
                                  Graph().parse(tmp_path / "l" / "graph.ttl"))
    files = {g for g in named_graphs(server_quads(server)) if "/doc/" in g}
    assert len(files) == 4   # 4 + 1 - 1; the rebuilt one counted once
    # Python code reads the server's graph of this tool as it reads a store's
    assert compare.isomorphic(open_graph(server + "/store"), Graph().parse(tmp_path / "l" / "graph.ttl"))


def test_a_server_out_of_reach_is_a_one_line_error(tmp_path, capsys):
    url = f"http://127.0.0.1:{free_port()}/store"
    code, out, err = build(capsys, str(SEEDS[0]), "--store", url, "--out", str(tmp_path / "o"))
    assert code == 1 and out == ""
    assert err.startswith(f"error: cannot write the outputs to {tmp_path / 'o'}: cannot reach the store {url}")
    assert len(err.splitlines()) == 1 and not (tmp_path / "o" / "graph.ttl").exists()


def test_a_redirect_is_not_followed(tmp_path, capsys):
    hits = []

    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(301)
            self.send_header("Location", "http://elsewhere.invalid/store")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/store"
        code, _, err = build(capsys, str(SEEDS[0]), "--store", url, "--out", str(tmp_path / "o"))
    finally:
        httpd.shutdown()
    assert code == 1 and hits == ["/store"]
    assert err.strip().endswith("redirects to http://elsewhere.invalid/store (not followed) "
                                "(no file was left half-written)")
