"""Who may talk to ``kg serve``: two small ASGI middlewares.

:class:`HostCheck` answers 403 to a request whose ``Host`` header is not one
of the server's own names. A web page the user visits can make its own host
name resolve to 127.0.0.1 (DNS rebinding) and then read the endpoint as if
it were same-origin; its requests still carry the page's host name, so they
are refused here. :class:`BearerToken` answers 401 without
``Authorization: Bearer TOKEN`` (or ``?access_token=TOKEN``, RFC 6750 §2.3,
so that the query page works in a browser).
"""
from __future__ import annotations

import hmac
import ipaddress
import socket
from urllib.parse import parse_qs

from starlette.responses import PlainTextResponse

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port, lower-cased.

    >>> host_name("LocalHost:8000"), host_name("[::1]:80"), host_name("example.org.")
    ('localhost', '::1', 'example.org')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    if header.count(":") == 1:
        header = header.split(":", 1)[0]
    return header.rstrip(".")


def is_loopback(host: str) -> bool:
    """Is ``host`` (a ``--host`` value) reachable only from this machine?

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def own_names(bound_host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host names the server answers to: the loopback names, the address
    it listens on (unless a wildcard), this machine's name, and ``extra``."""
    names = {*LOOPBACK_NAMES, socket.gethostname().lower(), *(host_name(e) for e in extra)}
    if bound_host not in ("0.0.0.0", "::", ""):
        names.add(host_name(f"[{bound_host}]" if ":" in bound_host else bound_host))
    return frozenset(names)


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return ""


class HostCheck:
    """403 unless the request's Host is one of ``allowed`` (see :func:`own_names`)."""

    def __init__(self, app, allowed: frozenset[str]) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            host = host_name(_header(scope, b"host"))
            if host not in self.allowed:
                refusal = PlainTextResponse(
                    f"forbidden: this server does not answer to the host name {host!r} "
                    f"(start it with --allow-host {host or 'NAME'} to allow it)\n", status_code=403)
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)


class BearerToken:
    """401 unless the request carries ``token`` (see the module's docstring)."""

    def __init__(self, app, token: str) -> None:
        self.app, self.token = app, token.encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and not self._carries_token(scope):
            refusal = PlainTextResponse("unauthorized: send 'Authorization: Bearer TOKEN'\n",
                                        status_code=401, headers={"WWW-Authenticate": "Bearer"})
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _carries_token(self, scope) -> bool:
        auth = _header(scope, b"authorization")
        given = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not given:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get("access_token") or [""])[0]
        return hmac.compare_digest(given.encode(), self.token)
