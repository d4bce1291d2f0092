"""The SPARQL 1.1 Protocol's side of ``kg serve``: reading the query out of a
request, and the answer in the media type the client asked for.

Reading follows the protocol: GET ``?query=``, POST
``application/sparql-query`` and POST form (``query=``); an update (POST
``application/sparql-update`` or form ``update=``) is recognised so that it
can be refused. Answers: SELECT and ASK as SPARQL JSON (the default), XML,
CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (the default), N-Triples,
RDF/XML, JSON-LD, N3 or TriG.
"""
from __future__ import annotations

from urllib.parse import parse_qs

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from kg.query import GRAPH_RESULTS, bind_prefixes, run

MAX_QUERY_BYTES = 1_000_000
RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
    "application/rdf+xml": "xml", "application/xml": "xml", "application/ld+json": "json-ld",
    "application/json": "json-ld", "text/n3": "n3", "application/trig": "trig",
}
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")


class BadRequest(Exception):
    """A request that is not a SPARQL query (status in ``status``)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def read_operation(method: str, content_type: str, query_string: str, body: bytes) -> tuple[str, str]:
    """``(query, update)`` of a request, either possibly empty.

    >>> read_operation("GET", "", "query=ASK%7B%7D", b"")
    ('ASK{}', '')
    >>> read_operation("POST", "application/sparql-update", "", b"CLEAR ALL")
    ('', 'CLEAR ALL')
    """
    form = parse_qs(query_string)
    if method == "POST":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("the request body is not UTF-8") from None
        kind = content_type.split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            return text, ""
        if kind == "application/sparql-update":
            return "", text
        if kind == "application/x-www-form-urlencoded":
            form = parse_qs(text)
    return (form.get("query") or [""])[0], (form.get("update") or [""])[0]


async def read_body(request) -> bytes:
    """The body of a Starlette request, refused (413) past :data:`MAX_QUERY_BYTES`
    before more than that is held in memory."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_QUERY_BYTES:
            raise BadRequest(f"request too large (over {MAX_QUERY_BYTES} bytes)", status=413)
        chunks.append(chunk)
    return b"".join(chunks)


def accepted(accept: str) -> list[str]:
    """Media types of an Accept header, most wanted first (ties: in order).

    >>> accepted("text/csv;q=0.5, application/sparql-results+json")
    ['application/sparql-results+json', 'text/csv']
    """
    ranked = []
    for i, part in enumerate(accept.split(",")):
        kind, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    pass
        if kind and q > 0:
            ranked.append((-q, i, kind.lower()))
    return [kind for _, _, kind in sorted(ranked)]


def answer_bytes(g: Graph, sparql: str, accept: str, limits) -> tuple[str, bytes]:
    """``(media type, body)`` of the answer to ``sparql`` (see the module's
    docstring for the types); raises :class:`kg.query.QueryError`."""
    result = run(g, sparql, None, limits)
    types = GRAPH_TYPES if result.type in GRAPH_RESULTS else RESULT_TYPES
    media = next((m for m in accepted(accept) if m in types),
                 "text/turtle" if result.type in GRAPH_RESULTS else "application/sparql-results+json")
    if result.type in GRAPH_RESULTS:
        bind_prefixes(result.graph)
    data = result.serialize(format=types[media], encoding="utf-8")
    return media, data if isinstance(data, bytes) else data.encode("utf-8")


def service_description(endpoint: str) -> str:
    """The endpoint described in Turtle (SPARQL 1.1 Service Description)."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, URIRef("http://purl.org/dc/terms/title"), Literal("hospital-kg SPARQL endpoint")))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                "SPARQL_Results_TSV", "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):
        g.add((service, SD.resultFormat, FORMATS[fmt]))
    return g.serialize(format="turtle")
