"""How articles leave frontwire: the public JSON contract and the readable summary."""

from frontwire.output.article_json import SCHEMA_ID, TOP_LEVEL_KEYS, article_to_json
from frontwire.output.summary import render_summary

__all__ = ["SCHEMA_ID", "TOP_LEVEL_KEYS", "article_to_json", "render_summary"]
