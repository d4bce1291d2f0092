"""`kg serve`: started as a real process on a free loopback port, queried
over HTTP with httpx (SPARQL 1.1 Protocol and the query page), stopped."""
from __future__ import annotations

import csv
import io
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Graph

from query_fixtures import ROOT, write_gold_graph

HOST = "127.0.0.1"
PARTNERS = """SELECT ?partner WHERE {
  ?h skos:prefLabel "游仙区妇幼保健院"@zh .
  { ?h hkg:partnersWith ?p } UNION { ?p hkg:partnersWith ?h }
  ?p skos:prefLabel ?partner }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIME_LIMIT = 4


def start(graph: Path, port: int, *options: str) -> subprocess.Popen:
    # the server's log goes to a file beside the graph, so a full pipe can never block it
    log = open(graph.with_suffix(".log"), "w+", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", "--graph", str(graph), "--host", HOST, "--port", str(port),
         *options],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, text=True)
    proc.log = log
    return proc


def log_of(proc: subprocess.Popen) -> str:
    proc.log.seek(0)
    return proc.log.read()


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    proc.log.close()


def wait_until_up(proc: subprocess.Popen, client: httpx.Client) -> None:
    for _ in range(120):                     # at most ~60 s for a cold start on a busy machine
        if proc.poll() is not None:
            pytest.fail(f"kg serve exited: {log_of(proc)}")
        try:
            client.get("/sparql", headers={"Accept": "text/turtle"})
            return
        except httpx.TransportError:
            time.sleep(0.5)
    pytest.fail("kg serve did not start")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    graph = write_gold_graph(tmp_path_factory.mktemp("serve") / "graph.ttl")
    port = free_port()
    proc = start(graph, port, "--timeout", str(TIME_LIMIT))
    base = f"http://{HOST}:{port}"
    client = httpx.Client(base_url=base, timeout=30, trust_env=False)
    try:
        wait_until_up(proc, client)
        yield client
    finally:
        client.close()
        stop(proc)
    assert proc.returncode is not None


def test_get_query_json_results(server):
    r = server.get("/sparql", params={"query": PARTNERS},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    data = r.json()
    assert data["head"]["vars"] == ["partner"]
    assert [b["partner"]["value"] for b in data["results"]["bindings"]] == ["四川大学华西第二医院"]


def test_post_sparql_query_csv(server):
    r = server.post("/sparql", content=PARTNERS.encode(),
                    headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert r.status_code == 200
    assert list(csv.reader(io.StringIO(r.text))) == [["partner"], ["四川大学华西第二医院"]]


def test_post_form_with_a_canned_query(server):
    text = (ROOT / "queries" / "most-partners.rq").read_text(encoding="utf-8")
    r = server.post("/sparql", data={"query": text},
                    headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    rows = r.json()["results"]["bindings"]
    assert rows[0]["hospital"]["value"] == "重庆大学附属三峡医院"


def test_ask_and_construct(server):
    r = server.get("/sparql", params={"query": "ASK { ?a hkg:coBuildsWith ?b }"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json()["boolean"] is True
    r = server.get("/sparql", params={"query": "CONSTRUCT { ?a hkg:coBuildsWith ?b } WHERE { ?a hkg:coBuildsWith ?b }"},
                   headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert len(Graph().parse(data=r.text, format="turtle")) == 9


def test_bad_query_is_a_400(server):
    r = server.get("/sparql", params={"query": "SELEC ?x"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 400


def test_query_page_is_offline(server):
    r = server.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<form" in page and 'name="query"' in page
    assert "<script" not in page
    # nothing loaded from elsewhere: no src/href to another host
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    for name in ("partners", "honours", "provenance"):
        assert f'href="/?canned={name}"' in page


def test_query_page_runs_a_canned_query_with_a_parameter(server):
    r = server.get("/", params={"canned": "partners"})
    assert r.status_code == 200
    assert "partnersWith" in r.text and "name=" in r.text
    text = (ROOT / "queries" / "partners.rq").read_text(encoding="utf-8")
    r = server.get("/", params={"query": text, "params": "name=华西二院"})
    assert r.status_code == 200
    cells = re.findall(r"<td>(.*?)</td>", r.text)
    assert cells[:3] == ["四川大学华西第二医院", "游仙区妇幼保健院", "Hospital"]
    assert "签订合作办医" in cells[3] and cells[4] == "003_4cfdc0bfe575c716.txt"   # evidence, article
    r = server.get("/", params={"query": text, "params": "name=协和医院"})     # the one name resolver
    assert r.status_code == 200 and "no entity named" in r.text


def test_query_page_shows_errors_and_empty_results(server):
    r = server.get("/", params={"query": "SELECT ?x WHERE {\n ?x ?y }"})
    assert r.status_code == 200
    assert "line 2" in r.text and "column" in r.text
    r = server.get("/", params={"query": 'SELECT ?x WHERE { ?x skos:prefLabel "无"@zh }'})
    assert "No results." in r.text


def test_an_expensive_query_is_stopped_while_others_are_answered(server):
    slow = {}

    def ask_slow():
        started = time.monotonic()
        slow["response"] = server.get("/sparql", params={"query": SLOW})
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=ask_slow)
    thread.start()
    time.sleep(0.5)
    answered = 0
    while thread.is_alive() and answered < 3:      # the server keeps answering meanwhile
        r = server.get("/sparql", params={"query": PARTNERS}, headers={"Accept": "text/csv"})
        assert r.status_code == 200 and "四川大学华西第二医院" in r.text
        answered += 1
    assert answered == 3 and thread.is_alive()
    thread.join(timeout=60)
    assert slow["response"].status_code == 400
    assert "time limit" in slow["response"].text
    assert TIME_LIMIT <= slow["seconds"] < TIME_LIMIT + 20


def test_sigterm_stops_the_server_during_a_query(tmp_path):
    graph = write_gold_graph(tmp_path / "graph.ttl")
    port = free_port()
    proc = start(graph, port, "--timeout", "300")
    client = httpx.Client(base_url=f"http://{HOST}:{port}", timeout=60, trust_env=False)
    try:
        wait_until_up(proc, client)
        reply = {}
        thread = threading.Thread(target=lambda: reply.update(r=client.get("/sparql", params={"query": SLOW})))
        thread.start()
        time.sleep(1)
        proc.terminate()
        proc.wait(timeout=20)          # not the query's 300 s
        thread.join(timeout=20)
        assert reply["r"].status_code == 503
    finally:
        client.close()
        stop(proc)


def test_port_in_use_exits_1(tmp_path):
    graph = write_gold_graph(tmp_path / "graph.ttl")
    with socket.socket() as s:
        s.bind((HOST, 0))
        s.listen(1)
        proc = start(graph, s.getsockname()[1])
        try:
            proc.wait(timeout=60)
            assert "cannot serve" in log_of(proc)
        finally:
            stop(proc)
    assert proc.returncode == 1


def test_missing_graph_exits_2(tmp_path):
    proc = start(tmp_path / "none.ttl", free_port())
    try:
        proc.wait(timeout=60)
        assert "no such graph" in log_of(proc)
    finally:
        stop(proc)
    assert proc.returncode == 2
