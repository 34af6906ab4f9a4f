"""The command-line interface (``frontwire ...``)."""
