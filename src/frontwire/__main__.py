"""``python -m frontwire`` runs the CLI, for environments where the ``frontwire`` script is
not on the PATH (a virtual environment that was not activated, a job runner)."""

from frontwire.cli.app import main

main()
