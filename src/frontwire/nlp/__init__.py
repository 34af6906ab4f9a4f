"""The NLP step: spaCy's trained English pipeline over the repaired text."""

from frontwire.nlp.stage import NlpStage, load_pipeline

__all__ = ["NlpStage", "load_pipeline"]
