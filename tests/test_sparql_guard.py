"""Queries fetch nothing, stop at their limits and fail in one line: through
``kg query`` (in-process) and the endpoint's app (Starlette's TestClient),
against a real local HTTP server that counts the requests it gets."""
from __future__ import annotations

import http.server
import io
import threading
import time

import pytest
from starlette.testclient import TestClient

from kg.cli import make_parser
from kg.http_guard import own_names
from kg.query import QueryError, answer
from kg.serve import Settings, make_app
from kg.sparql_guard import Limits, call_with_time_limit
from query_fixtures import gold_graph, write_gold_graph

EMPTY_RESULTS = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture
def listener():
    """A real HTTP server on 127.0.0.1 that answers every GET and POST with an
    empty SPARQL result and counts them in ``.hits``."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            self.server.hits += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(EMPTY_RESULTS)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.hits = 0
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def probes(url: str) -> list[str]:
    return [f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ OPTIONAL {{ SERVICE SILENT <{url}x> {{ ?s ?p ?o }} }} }}",
            "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
            f"SELECT * FROM <{url}g.ttl> WHERE {{ ?s ?p ?o }}",
            f"SELECT * FROM NAMED <{url}g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}"]


def kg_query(*argv: str) -> tuple[int, str, str]:
    from kg.query import command

    out, err = io.StringIO(), io.StringIO()
    code = command(make_parser().parse_args(["query", *argv]), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    return write_gold_graph(tmp_path_factory.mktemp("guard") / "graph.ttl")


@pytest.fixture(scope="module")
def client():
    settings = Settings(limits=Limits(timeout=20, max_rows=5), hosts=own_names("127.0.0.1"))
    with TestClient(make_app(gold_graph(), "gold", settings), base_url="http://127.0.0.1:8000") as c:
        yield c


def test_kg_query_fetches_nothing(listener, graph_file):
    for sparql in probes(listener.url):
        code, out, err = kg_query("--graph", str(graph_file), sparql)
        assert code == 2, (sparql, out, err)
        assert err.startswith("error: ") and "refused" in err and err.count("\n") == 1, err
    assert listener.hits == 0


def test_endpoint_and_page_fetch_nothing(listener, client):
    for sparql in probes(listener.url):
        r = client.get("/sparql", params={"query": sparql})
        assert r.status_code == 400 and "refused" in r.text, (sparql, r.text)
        r = client.post("/sparql", content=sparql, headers={"Content-Type": "application/sparql-query"})
        assert r.status_code == 400
        page = client.get("/", params={"query": sparql})
        assert page.status_code == 200 and "refused" in page.text
    assert listener.hits == 0


def test_allow_service_opens_only_the_prefix_given(listener, graph_file):
    # the same listener sees the fetch once it is allowed: the zero above is real
    code, _, err = kg_query("--graph", str(graph_file), "--allow-service", listener.url,
                            f"SELECT * WHERE {{ SERVICE <{listener.url}sparql> {{ ?s ?p ?o }} }}")
    assert code == 0, err
    assert listener.hits == 1
    code, _, err = kg_query("--graph", str(graph_file), "--allow-service", listener.url + "other/",
                            f"SELECT * WHERE {{ SERVICE <{listener.url}sparql> {{ ?s ?p ?o }} }}")
    assert code == 2 and "refused" in err
    assert listener.hits == 1


def test_a_query_worker_cannot_connect_anywhere(listener):
    # the audit hook behind the algebra check: even code that is not a
    # SERVICE cannot open a connection from a query's worker process
    from urllib.request import urlopen

    with pytest.raises(QueryError, match="refused"):
        call_with_time_limit(lambda: urlopen(listener.url).read(), timeout=20)
    assert listener.hits == 0


@pytest.mark.parametrize("sparql, message", [
    ('SELECT ?x WHERE { BIND(REGEX("a", "(") AS ?x) }', "query failed"),
    ('SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }', "query failed"),
    ("SELECT ?x WHERE {\n ?x ?y }", "line 2"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "syntax error"),
])
def test_bad_queries_are_one_line_and_exit_2(graph_file, client, sparql, message):
    code, out, err = kg_query("--graph", str(graph_file), sparql)
    assert code == 2 and out == "" and message in err and "Traceback" not in err, err
    r = client.get("/sparql", params={"query": sparql})
    assert r.status_code == 400 and message in r.text and r.text.count("\n") == 1, r.text


def test_updates_are_refused(client):
    update = "INSERT DATA { <a:b> <a:c> <a:d> }"
    r = client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403 and "read-only" in r.text
    r = client.post("/sparql", data={"update": update})
    assert r.status_code == 403
    r = client.get("/sparql", params={"query": "ASK { <a:b> <a:c> <a:d> }"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.json()["boolean"] is False


def test_answers_past_the_row_limit_are_refused(client, graph_file):
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s a hkg:Hospital }"})
    assert r.status_code == 400 and "more than 5 rows" in r.text
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s a hkg:Hospital } LIMIT 5"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 5
    code, _, err = kg_query("--graph", str(graph_file), "--max-rows", "5",
                            "CONSTRUCT { ?s a hkg:Hospital } WHERE { ?s a hkg:Hospital }")
    assert code == 2 and "more than 5 triples" in err


def test_kg_query_timeout_stops_the_query(graph_file):
    started = time.monotonic()
    code, _, err = kg_query("--graph", str(graph_file), "--timeout", "1", SLOW)
    assert code == 2 and "time limit" in err
    assert time.monotonic() - started < 30
    # within the limit, the answer is the one without a limit
    assert answer(gold_graph(), "ASK { ?h a hkg:Hospital }", fmt="json",
                  limits=Limits(timeout=30)) == ('{"ask": true}', False)


def test_host_header_must_name_this_server(client):
    for host in ("evil.example", "attacker.example:8000", "127.0.0.1.nip.io"):
        r = client.get("/", headers={"Host": host})
        assert r.status_code == 403, host
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host


def test_cors_is_off_unless_an_origin_is_given():
    origin = {"Origin": "https://tools.example"}
    ask = {"query": "ASK {}"}
    with TestClient(make_app(gold_graph(), "gold")) as plain:
        r = plain.get("/sparql", params=ask, headers=origin)
        assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    with TestClient(make_app(gold_graph(), "gold", Settings(cors=("https://tools.example",)))) as open_:
        r = open_.get("/sparql", params=ask, headers=origin)
        assert r.headers["access-control-allow-origin"] == "https://tools.example"
        r = open_.get("/sparql", params=ask, headers={"Origin": "https://other.example"})
        assert "access-control-allow-origin" not in r.headers


def test_token_is_required_when_set():
    app = make_app(gold_graph(), "gold", Settings(token="s3cret"))
    with TestClient(app) as c:
        assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 401
        assert c.get("/sparql", params={"query": "ASK {}"},
                     headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = c.get("/sparql", params={"query": "ASK {}"}, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200
        # the page carries the token in its form and links, so a browser can use it
        page = c.get("/", params={"access_token": "s3cret"})
        assert page.status_code == 200
        assert 'name="access_token" value="s3cret"' in page.text
        assert "canned=partners&amp;access_token=s3cret" in page.text


def test_a_huge_request_is_refused_before_it_is_read_whole(client):
    r = client.post("/sparql", content=b"ASK {}" + b" " * 2_000_000,
                    headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413 and "too large" in r.text
