"""An ordered list of stages, checked when it is built.

The check follows spaCy's pipe analysis: walk the stages in order, keeping the set of fields
available so far; a stage that needs a field nobody provided yet, or that rewrites a field an
earlier stage already read, makes the pipeline fail at once with a coded error, before a single
article is read.
"""

from __future__ import annotations

from collections.abc import Sequence

from frontwire.config import Config
from frontwire.errors import PipelineError
from frontwire.pipeline.registry import known_stages, stage_class
from frontwire.pipeline.stage import INGEST_PROVIDES, Context, Stage


class Pipeline:
    """Stages in run order.

    Args:
        stages: the stage instances, in the order they run.

    Raises:
        PipelineError: if a stage is listed twice, needs a field no earlier stage provides
            (FW202), or rewrites a field an earlier stage already read (FW203).
    """

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)
        check_order(self.stages)

    @classmethod
    def from_config(cls, config: Config, stages: Sequence[str] | None = None) -> Pipeline:
        """Build the pipeline named in ``[pipeline] stages`` (or ``stages``, if given)."""
        ctx = Context(config=config)
        names = list(stages if stages is not None else config.pipeline.stages)
        return cls([stage_class(name)(ctx) for name in names])

    @property
    def names(self) -> list[str]:
        """Stage names in run order."""
        return [stage.name for stage in self.stages]

    def setup(self) -> None:
        """Load every stage's resources (once per process)."""
        for stage in self.stages:
            stage.setup()

    def __repr__(self) -> str:
        return f"Pipeline({' -> '.join(self.names) or 'empty'})"


def check_order(stages: Sequence[Stage]) -> None:
    """Raise :class:`PipelineError` if ``stages`` cannot run in this order."""
    available = set(INGEST_PROVIDES)
    read_by: dict[str, str] = {}
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise PipelineError("FW204", stage=stage.name)
        seen.add(stage.name)
        for field in sorted(stage.requires | stage.extends):
            if field not in available:
                raise PipelineError(
                    "FW202", stage=stage.name, field=field, providers=_providers(field)
                )
        for field in sorted(stage.rewrites):
            if field in read_by:
                raise PipelineError("FW203", stage=stage.name, field=field, reader=read_by[field])
        for field in stage.requires:
            read_by.setdefault(field, stage.name)
        available |= stage.provides


def _providers(field: str) -> str:
    # Name the stages that would fix the error; importing them is cheap (heavy loading waits
    # for setup()).
    names = []
    for name in sorted(known_stages()):
        try:
            if field in stage_class(name).provides:
                names.append(name)
        except (ImportError, AttributeError, TypeError):  # a broken plugin must not hide the error
            continue
    return ", ".join(names) or "none known"
