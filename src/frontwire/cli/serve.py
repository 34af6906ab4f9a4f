"""``frontwire serve``: the HTTP API and the dashboard."""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import Annotated, Optional

import typer

from frontwire.cli.common import ConfigOption, DbOption, _config, _fail, app
from frontwire.errors import ApiError, FrontwireError


@app.command(
    epilog=(
        "Needs no extra: FastAPI and uvicorn install with frontwire. From a source checkout, "
        "build the dashboard first: cd web && npm ci && npm run build."
    )
)
def serve(
    db: DbOption = None,
    host: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--host", help="Address to listen on (default: \\[server] host, 127.0.0.1)."),
    ] = None,
    port: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--port", help="Port to listen on (default: \\[server] port, 8000)."),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Serve the HTTP API and the dashboard over the store, and print the URL. The store stays
    free for `frontwire ingest` meanwhile (the server reads a snapshot of it); POST /ingest
    writes only with a token set."""
    import uvicorn

    from frontwire.server import ServerSettings, create_app

    try:
        cfg = _config(config)
        address = host or cfg.server["host"]
        number = cfg.server["port"] if port is None else port
        if not 1 <= number <= 65535:
            raise ApiError("FW715", port=number)
        # Bound before the app loads, so a busy port is one clear line, not a traceback
        # after start-up; uvicorn then serves on this very socket.
        sock = bind(address, number)
        try:
            application = create_app(ServerSettings.from_config(cfg, db, host=address))
        except BaseException:
            sock.close()
            raise
    except FrontwireError as exc:
        raise _fail(exc) from exc
    bound = sock.getsockname()[1]
    sys.stdout.write(f"frontwire serving at {url(address, bound)} (Ctrl+C to stop)\n")
    sys.stdout.flush()
    server = uvicorn.Server(uvicorn.Config(application, log_level="warning", server_header=False))
    server.run(sockets=[sock])


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port``.

    Raises:
        ApiError: FW716 when the address cannot be had (port in use, address not local).
    """
    try:
        family, kind, proto, _, where = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ApiError("FW716", host=host, port=port, detail=exc.strerror or str(exc)) from exc
    try:
        # As uvicorn does: a restarted server may reuse a port still in TIME_WAIT, while a
        # port another process listens on still fails to bind.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(where)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        detail = "the port is in use" if exc.errno == 98 else (exc.strerror or str(exc))
        raise ApiError("FW716", host=host, port=port, detail=detail) from exc
    sock.set_inheritable(True)
    return sock


def url(host: str, port: int) -> str:
    """The address to open in a browser (a wildcard address is reached via 127.0.0.1)."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return f"http://{host}:{port}/"
    if address.is_unspecified:
        return f"http://127.0.0.1:{port}/ (listening on every address)"
    return f"http://[{address}]:{port}/" if address.version == 6 else f"http://{address}:{port}/"
