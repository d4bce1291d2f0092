"""``--store http://HOST:PORT/PATH``: the document store kept in any SPARQL
1.1 server through its Graph Store Protocol endpoint (Oxigraph's
``/store``, Fuseki's ``/DATASET``, GraphDB's ``/repositories/REPO/rdf-graphs/service``).

The layout is :mod:`kg.store`'s: one named graph per document, the ontology
and the shared entities in graphs of their own. A build reads the server's
graphs of this layout once (a ``GET`` of the endpoint, the whole dataset as
N-Quads; other graphs and the default graph are left alone and unread), then
changes the server with one request per graph: ``PUT`` replaces a
document's graph whole, ``DELETE`` drops a removed one, ``POST`` adds the
new shared entities. Each request is atomic on the server; the build as a
whole is not (the protocol has no transaction over several graphs): a build
stopped half-way leaves some documents new and the rest old, each whole, and
building again completes it.

Only the server the user names is contacted: no proxy from the environment,
no redirect followed.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable

import pyoxigraph as ox
from rdflib import URIRef

from kg.graph import HKG
from kg.store import ONTOLOGY_GRAPH, SHARED_GRAPH, DocumentStore

TIMEOUT_S = 60
TURTLE = "text/turtle; charset=utf-8"


class RemoteError(OSError):
    """The server cannot be reached, or refused a request."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None   # urllib then raises the 3xx as an HTTPError: reported, not followed


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def graph_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph.

    >>> graph_url("http://h:7878/store", "https://w3id.org/x#a")
    'http://h:7878/store?graph=https%3A%2F%2Fw3id.org%2Fx%23a'
    """
    return endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode({"graph": graph})


def request(method: str, url: str, body: bytes | None = None, accept: str | None = None) -> bytes:
    """One HTTP request; the answer's body, or :class:`RemoteError` saying
    what went wrong in one line."""
    headers = {"Content-Type": TURTLE} if body is not None else {}
    if accept:
        headers["Accept"] = accept
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with _OPENER.open(req, timeout=TIMEOUT_S) as answer:
            return answer.read()
    except urllib.error.HTTPError as exc:
        where = exc.headers.get("Location") if 300 <= exc.code < 400 else None
        why = f"redirects to {where} (not followed)" if where else \
            f"{exc.code} {exc.reason}: {exc.read(300).decode('utf-8', 'replace').strip()}"
        raise RemoteError(f"the store {url} answered {method} with {why}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise RemoteError(f"cannot reach the store {url}: {getattr(reason, 'strerror', None) or reason}"
                          ) from None


class RemoteStore(DocumentStore):
    """The graphs of this tool's layout on a SPARQL server, mirrored in memory
    for reading (:class:`~kg.store.DocumentStore`'s queries run on the
    mirror); :meth:`replace` writes to the server.
    """

    def __init__(self, endpoint: str) -> None:
        self.path = self.endpoint = endpoint
        self.ox = ox.Store()
        dataset = request("GET", endpoint, accept="application/n-quads")
        if dataset.strip():
            self.ox.load(dataset, format=ox.RdfFormat.N_QUADS)
        docs = {str(q.graph_name.value) for q in self.ox.quads_for_pattern(
            None, ox.NamedNode(str(HKG.fileName)), None) if isinstance(q.graph_name, ox.NamedNode)}
        self.ours = docs | {str(ONTOLOGY_GRAPH), str(SHARED_GRAPH)}
        for g in list(self.ox.named_graphs()):   # the server's other data: not ours to read
            if str(g.value) not in self.ours:
                self.ox.remove_graph(g)
        self.ox.clear_graph(ox.DefaultGraph())

    def close(self) -> None:
        del self.ox

    def legacy_graph(self):
        return None   # no release kept everything in a server's default graph

    def replace(self, graphs: dict[URIRef, str], drop: Iterable[URIRef] = (),
                add: dict[URIRef, str] | None = None, clear: bool = False) -> None:
        """On the server: drop this tool's graphs (``clear``) and those of
        ``drop``, ``PUT`` each graph of ``graphs`` (replaced whole), ``POST``
        the triples of ``add`` into their graphs."""
        present = {str(g.value) for g in self.ox.named_graphs()}
        gone = (present & self.ours if clear else set()) | {str(g) for g in drop}
        for name in sorted(gone & present - {str(g) for g in graphs}):
            request("DELETE", graph_url(self.endpoint, name))
        for name, lines in graphs.items():
            request("PUT", graph_url(self.endpoint, str(name)), lines.encode("utf-8"))
        for name, lines in (add or {}).items():
            if lines.strip():
                request("POST", graph_url(self.endpoint, str(name)), lines.encode("utf-8"))
