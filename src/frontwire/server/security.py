"""Response headers and the Host check that let ``frontwire serve`` face a browser safely.

- :class:`SecurityHeaders` adds a strict Content-Security-Policy (scripts only from this
  origin, never inline), ``X-Content-Type-Options``, ``Referrer-Policy`` and
  ``frame-ancestors`` to every answer.
- :class:`HostCheck` refuses a request whose ``Host`` header names another site (FW713). A page
  on ``attacker.example`` whose name is re-pointed at 127.0.0.1 (DNS rebinding) reaches the
  server with ``Host: attacker.example``; refusing it keeps the store out of that page's reach.
- :class:`BodyLimit` refuses bodies over the limit with a readable 413 (FW703).

All three are plain ASGI middleware (not Starlette's ``BaseHTTPMiddleware``), so streamed
exports stay streamed.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException as StarletteHTTPException

from frontwire.errors import ApiError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Extra host names the server answers to, comma-separated (e.g. a reverse proxy's name).
HOSTS_ENV = "FRONTWIRE_ALLOWED_HOSTS"

# The dashboard: its one script and its stylesheet come from /static; Leaflet's marker images
# are bundled as data: URLs; it calls only this origin's API. Leaflet positions map panes
# through element.style (CSSOM), which style-src does not govern, so no 'unsafe-inline'.
DASHBOARD_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The API docs (Swagger UI, ReDoc from npm): still no inline or foreign script, but both
# render with injected <style> elements, and ReDoc runs its search index in a blob: worker.
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; worker-src 'self' blob:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_DOCS_PATHS = ("/docs", "/redoc")


def _json_answer(status: int, code: str, message: str) -> tuple[dict[str, Any], bytes]:
    body = json.dumps({"code": code, "message": message}).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    return start, body


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP answer."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        csp = DOCS_CSP if path.startswith(_DOCS_PATHS) else DASHBOARD_CSP
        extra = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def allowed_hosts(host: str, extra: Iterable[str] = ()) -> frozenset[str] | None:
    """The host names a server bound to ``host`` answers to (lower case, without port).

    A loopback address answers to the loopback names; a named address to that name; a
    wildcard address (``0.0.0.0``, ``::``) to any IP literal plus this machine's name, since
    the names users reach it by are unknown (add them with FRONTWIRE_ALLOWED_HOSTS). ``None``
    means any IP literal and the returned names (see :func:`host_allowed`).

    Args:
        host: the address the server binds.
        extra: further names to accept.
    """
    names = {h.strip().lower().strip("[]") for h in extra if h.strip()}
    names |= {h.strip().lower() for h in os.environ.get(HOSTS_ENV, "").split(",") if h.strip()}
    bare = host.strip("[]").lower()
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        names.add(bare)
        if bare == "localhost":
            names |= {"127.0.0.1", "::1"}
        return frozenset(names)
    names.add(str(address))
    if address.is_loopback:
        names |= {"localhost", "127.0.0.1", "::1"}
    if address.is_unspecified:
        names |= {"localhost", socket.gethostname().lower()}
    return frozenset(names)


def host_allowed(header: str, names: frozenset[str], *, any_ip: bool) -> bool:
    """Whether a ``Host`` header value names this server.

    Args:
        header: the header's value (``name``, ``name:port``, ``[v6]:port``).
        names: the accepted names (from :func:`allowed_hosts`).
        any_ip: accept every IP literal (a wildcard bind).
    """
    value = header.strip().lower()
    if value.startswith("["):
        name = value[1 : value.find("]")] if "]" in value else value
    else:
        name = value.rsplit(":", 1)[0] if value.count(":") == 1 else value
    name = name.rstrip(".")
    if name in names:
        return True
    if any_ip:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


class HostCheck:
    """ASGI middleware refusing requests whose ``Host`` is not this server's (FW713, 421)."""

    def __init__(self, app: App, host: str, extra: Iterable[str] = ()) -> None:
        self.app = app
        self.names = allowed_hosts(host, extra) or frozenset()
        try:
            self.any_ip = ipaddress.ip_address(host.strip("[]")).is_unspecified
        except ValueError:
            self.any_ip = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = ""
        for name, value in scope.get("headers", ()):
            if name == b"host":
                header = value.decode("latin-1")
                break
        # No Host at all is an HTTP/1.0 client, never a browser (browsers always send one).
        if not header or host_allowed(header, self.names, any_ip=self.any_ip):
            await self.app(scope, receive, send)
            return
        err = ApiError("FW713", status=421, host=header[:100])
        start, body = _json_answer(err.status, err.code, err.message)
        await send(start)
        await send({"type": "http.response.body", "body": body})


class _TooLarge(StarletteHTTPException):
    """Raised from ``receive`` once the body passes the limit (and the rest was drained).

    An HTTP exception, because FastAPI turns any other error met while reading a body into a
    400; this one reaches the app's handler, which answers FW703.
    """

    def __init__(self) -> None:
        super().__init__(status_code=413)


#: Past the limit, this much more of a body is read and thrown away so that a client still
#: uploading (urllib, curl) reads the 413 instead of a connection reset; reading costs
#: bandwidth, never memory. A body declared or sent beyond it gets the 413 and a closed
#: connection.
DRAIN_CAP = 256 * 1024 * 1024


class BodyLimit:
    """ASGI middleware refusing request bodies over ``limit`` bytes with FW703 (413).

    A declared Content-Length over the limit is refused before the app sees a byte; a body
    sent without one (chunked) is counted as it arrives and refused as soon as it passes the
    limit, so the server never holds more than ``limit`` bytes of it. Either way the rest of
    the body is read and dropped (up to :data:`DRAIN_CAP`) before the answer, so the client
    gets a readable 413.
    """

    def __init__(self, app: App, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.limit:
                    if 0 <= declared <= DRAIN_CAP:
                        await _drain(receive, DRAIN_CAP)
                    await self._refuse(send, close=not 0 <= declared <= DRAIN_CAP)
                    return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    if message.get("more_body", False):
                        await _drain(receive, DRAIN_CAP)
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if started:
                raise
            await self._refuse(send, close=False)

    async def _refuse(self, send: Send, *, close: bool) -> None:
        err = ApiError("FW703", status=413, limit=self.limit)
        start, body = _json_answer(413, err.code, err.message)
        if close:
            start["headers"].append((b"connection", b"close"))
        await send(start)
        await send({"type": "http.response.body", "body": body})


async def _drain(receive: Receive, cap: int) -> None:
    """Read and drop the rest of a request body, up to ``cap`` bytes."""
    read = 0
    while read <= cap:
        message = await receive()
        if message["type"] != "http.request":
            return
        read += len(message.get("body", b""))
        if not message.get("more_body", False):
            return
