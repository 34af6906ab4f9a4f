"""The pipeline spine: stages, their order check, and the executors that run them."""

from frontwire.pipeline.executors import CollectingSink, Executor, LocalExecutor, Sink, TeeSink
from frontwire.pipeline.pipeline import Pipeline, check_order
from frontwire.pipeline.stage import INGEST_PROVIDES, Context, Stage

__all__ = [
    "INGEST_PROVIDES",
    "CollectingSink",
    "Context",
    "Executor",
    "LocalExecutor",
    "Pipeline",
    "Sink",
    "Stage",
    "TeeSink",
    "check_order",
]
