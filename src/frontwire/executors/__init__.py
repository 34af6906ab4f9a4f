"""Executors run a pipeline's stages over a stream of articles; stages never know which one."""

from frontwire.executors.base import CollectingSink, Executor, Sink, TeeSink
from frontwire.executors.local import LocalExecutor

__all__ = ["CollectingSink", "Executor", "LocalExecutor", "Sink", "TeeSink"]
