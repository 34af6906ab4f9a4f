"""``frontwire serve``: the HTTP API and the dashboard."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from frontwire.cli.common import ConfigOption, DbOption, _config, _fail, app
from frontwire.errors import FrontwireError


@app.command()
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
    """Serve the HTTP API and the dashboard over the store (read-only unless a token is set)."""
    import uvicorn

    from frontwire.server import ServerSettings, create_app

    try:
        cfg = _config(config)
        application = create_app(ServerSettings.from_config(cfg, db))
    except FrontwireError as exc:
        raise _fail(exc) from exc
    server = cfg.server
    uvicorn.run(
        application,
        host=host or server["host"],
        port=port or server["port"],
        log_level="warning",
        server_header=False,
    )
