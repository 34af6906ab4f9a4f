"""The NLP step: spaCy's trained English pipeline over the repaired text."""

from frontwire.nlp.stage import NlpStage, doc_of, load_pipeline

__all__ = ["NlpStage", "doc_of", "load_pipeline"]
