"""The pipeline spine: stage kinds, their order check and the plugin registry. The executors
that run the stages are apart, in :mod:`frontwire.executors`."""

from frontwire.pipeline.pipeline import Pipeline, check_order
from frontwire.pipeline.stage import INGEST_PROVIDES, Context, Stage

__all__ = [
    "INGEST_PROVIDES",
    "Context",
    "Pipeline",
    "Stage",
    "check_order",
]
