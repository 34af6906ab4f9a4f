"""Who said what: quotes, claims, their speakers, and entity resolution within an article."""

from frontwire.quotes.resolve import Resolution, resolve
from frontwire.quotes.stage import QuotesStage, extract_quotes

__all__ = ["QuotesStage", "Resolution", "extract_quotes", "resolve"]
