"""Training code for the models shipped with frontwire; nothing at run time imports it.

Run a trainer from the repository root, e.g. ``python -m frontwire.training.events``.
"""
