"""The ``frontwire`` command line: a thin Typer layer over :mod:`frontwire.api`.

The commands live in modules by topic (``articles``, ``results``, ``evaluate``, ``places``,
``serve``); importing them registers them on the one Typer app of ``common``.

Exit codes: 0 when at least one article was processed (rejects are reported, not fatal);
1 when nothing could be processed; 2 when the command cannot run at all (bad config, unusable
store, missing dependency, wrong arguments); 3 on an internal error (a bug: one line with FW800,
the traceback only with ``frontwire --debug``).
"""

from __future__ import annotations

import os
import sys
import traceback

from frontwire.cli import article, articles, evaluate, places, results, serve, stories  # noqa: F401
from frontwire.cli.common import _DEBUG, EXIT_INTERNAL, _err, _say, app
from frontwire.config import default_config_text
from frontwire.errors import InternalError

__all__ = ["app", "main"]


@app.command("config")
def show_config() -> None:
    """Print the commented default configuration (copy it to start your own)."""
    sys.stdout.write(default_config_text())


def main() -> None:
    """Entry point of the ``frontwire`` command.

    An exception frontwire did not expect is a bug: it exits 3 with one line (FW800) instead
    of a traceback, which ``--debug`` shows (before the command: ``frontwire --debug stats``).
    """
    _DEBUG["on"] = "--debug" in sys.argv[1:]
    try:
        app()
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one place every unexpected error ends up
        if _DEBUG["on"]:
            traceback.print_exc()
        detail = " ".join(str(exc).split())[:300] or "no message"
        error = InternalError("FW800", kind=type(exc).__name__, detail=detail)
        _say(_err(), "error", "bold red", str(error))
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
