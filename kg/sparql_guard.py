"""What a SPARQL query may do: no fetching, a bounded answer, a time limit.

rdflib's evaluator fetches whatever a query names: ``SERVICE <http://…>``
and ``SERVICE <file:///…>`` go through ``urlopen`` (``evalServiceQuery``),
and ``FROM <url>`` / ``FROM NAMED <url>`` are parsed from the web when the
graph is a dataset (``QueryContext.load``). :func:`refuse_remote` looks at
the parsed algebra before anything runs and refuses each of them unless its
IRI starts with a prefix the operator allowed (``--allow-service``).

:func:`materialise` runs the (lazy) evaluation to the end inside the caller's
error handling and stops at ``max_rows``; :func:`call_with_time_limit` runs a
function in a forked worker process and kills it at the limit, since rdflib
cannot be interrupted inside a thread and a regular expression cannot be
interrupted at all. The worker also refuses any network connection through
an audit hook, a second lock behind :func:`refuse_remote`.
"""
from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Iterator

from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result
from rdflib.term import URIRef

from kg.query import QueryError

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
# Audit events of anything that reaches out of the worker (see the table of
# audit events in the Python docs): refused in a query's worker process.
_OUTBOUND_EVENTS = frozenset({"urllib.Request", "socket.connect", "socket.getaddrinfo",
                              "socket.gethostbyname", "http.client.connect", "ftplib.connect",
                              "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn"})


class RemoteAccessRefused(QueryError):
    """The query names a SERVICE or a FROM graph that is not allowed."""


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped."""


class WorkerStopped(QueryError):
    """The query's worker process died or was killed (the server is stopping)."""


class TooManyRows(QueryError):
    """The answer has more rows (or triples) than the limit."""


@dataclass(frozen=True)
class Limits:
    """What one query may cost.

    ``timeout`` in seconds and ``max_rows`` (rows of a SELECT, triples of a
    CONSTRUCT or DESCRIBE); 0 or None for no limit. ``allow_service``: IRI
    prefixes that SERVICE and FROM may name.

    >>> Limits().timeout, Limits().max_rows
    (10.0, 10000)
    """

    timeout: float | None = DEFAULT_TIMEOUT
    max_rows: int | None = DEFAULT_MAX_ROWS
    allow_service: tuple[str, ...] = ()


NO_LIMITS = Limits(timeout=None, max_rows=None)


# --- no fetching -----------------------------------------------------------

def remote_sources(algebra: CompValue) -> Iterator[tuple[str, str]]:
    """``(kind, iri)`` of every SERVICE, FROM and FROM NAMED of a parsed
    query; a SERVICE named by a variable gives ``?name``.

    >>> from rdflib.plugins.sparql import prepareQuery
    >>> q = prepareQuery("SELECT * FROM <http://a/> WHERE { SERVICE <http://b/> { ?s ?p ?o } }")
    >>> sorted(remote_sources(q.algebra))
    [('FROM', 'http://a/'), ('SERVICE', 'http://b/')]
    """
    for clause in algebra.get("datasetClause") or ():
        for key, kind in (("default", "FROM"), ("named", "FROM NAMED")):
            if key in clause:
                yield kind, str(clause[key])
    stack: list[Any] = [algebra]
    while stack:   # the algebra can nest deeper than Python's recursion allows
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                term = node.get("term")
                yield "SERVICE", str(term) if isinstance(term, URIRef) else f"?{term}"
            stack.extend(v for k, v in node.items() if k != "datasetClause")
        elif isinstance(node, (list, tuple)):
            stack.extend(node)


def refuse_remote(algebra: CompValue, allow: tuple[str, ...] = ()) -> None:
    """Raise :class:`RemoteAccessRefused` for the first SERVICE or FROM whose
    IRI does not start with one of ``allow`` (a variable never does).

    >>> from rdflib.plugins.sparql import prepareQuery
    >>> q = prepareQuery("SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }")
    >>> refuse_remote(q.algebra)
    Traceback (most recent call last):
    ...
    kg.sparql_guard.RemoteAccessRefused: SERVICE <file:///etc/passwd> refused: queries may not fetch anything (allow a prefix with --allow-service)
    >>> refuse_remote(q.algebra, allow=("file:///etc/",))
    """
    for kind, iri in remote_sources(algebra):
        if iri.startswith("?") or not any(iri.startswith(p) for p in allow if p):
            shown = iri if iri.startswith("?") else f"<{iri}>"
            raise RemoteAccessRefused(f"{kind} {shown} refused: queries may not fetch anything "
                                      f"(allow a prefix with --allow-service)")


# --- a bounded answer --------------------------------------------------------

def materialise(result: Result, max_rows: int | None = None) -> Result:
    """Evaluate ``result`` to the end (rdflib evaluates lazily, so a failing
    REGEX would otherwise fail later, while printing), stopping with
    :class:`TooManyRows` after ``max_rows`` rows or triples.

    >>> from rdflib import Graph
    >>> materialise(Graph().query("SELECT ?x WHERE { VALUES ?x { 1 2 3 } }"), 2)
    Traceback (most recent call last):
    ...
    kg.sparql_guard.TooManyRows: more than 2 rows: add a LIMIT or raise the limit (--max-rows)
    """
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        n = len(result.graph)
    elif result.type == "SELECT":
        # iterating stores the rows; a full pass leaves the result re-iterable
        n = sum(1 for _ in islice(result, max_rows + 1 if max_rows else None))
    else:
        return result
    if max_rows and n > max_rows:
        unit = "rows" if result.type == "SELECT" else "triples"
        raise TooManyRows(f"more than {max_rows} {unit}: add a LIMIT or raise the limit (--max-rows)")
    return result


# --- a time limit ------------------------------------------------------------

_workers: set = set()
_workers_lock = threading.Lock()


def call_with_time_limit(fn: Callable[..., Any], args: tuple = (), timeout: float | None = None) -> Any:
    """``fn(*args)`` run in a forked worker process, killed after ``timeout``
    seconds (:class:`QueryTimeout`). ``fn`` and ``args`` are inherited by the
    fork, not pickled (a loaded graph costs nothing to pass); the value comes
    back pickled. A :class:`QueryError` raised by ``fn`` is raised here with
    its message; any other exception becomes a QueryError.

    >>> call_with_time_limit(sum, ([1, 2, 3],), timeout=30)
    6
    """
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_work, args=(send, fn, args), daemon=True)
    with _workers_lock:
        worker.start()
        _workers.add(worker)
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryTimeout(f"query stopped after {timeout:g} s, its time limit "
                               f"(--timeout); make it narrower or add a LIMIT")
        try:
            ok, value = receive.recv()
        except EOFError:
            raise WorkerStopped("the query's worker process was stopped "
                             "(out of memory, or the server is shutting down)") from None
    finally:
        worker.kill()
        worker.join()
        receive.close()
        with _workers_lock:
            _workers.discard(worker)
    if ok:
        return value
    kind, message = value
    raise {c.__name__: c for c in (RemoteAccessRefused, TooManyRows, QueryError)}.get(
        kind, QueryError)(message)


def stop_all_workers() -> None:
    """Kill every running query worker (the server is stopping)."""
    with _workers_lock:
        for worker in list(_workers):
            worker.kill()


def _work(send, fn: Callable[..., Any], args: tuple) -> None:
    # the parent's handlers (uvicorn's) must not keep the worker alive
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.addaudithook(_refuse_outbound)
    try:
        reply = (True, fn(*args))
    except QueryError as exc:
        reply = (False, (type(exc).__name__, str(exc)))
    except Exception as exc:   # rdflib raises bare Exceptions for evaluation errors
        reply = (False, ("QueryError", f"query failed: {exc}"))
    send.send(reply)
    send.close()


def _refuse_outbound(event: str, args: tuple) -> None:
    if event in _OUTBOUND_EVENTS:
        raise RemoteAccessRefused(f"refused: a query may not reach out ({event})")
