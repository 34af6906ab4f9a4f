"""Where stage names in the config lead to stage classes.

Built-in stages are named here as import paths, imported only when a pipeline uses them, so
``frontwire export`` never pays for loading spaCy. Other packages add stages through the
``frontwire.stages`` entry-point group (``name = "package.module:StageClass"``).
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from frontwire.errors import PipelineError
from frontwire.pipeline.stage import Stage

BUILTIN_STAGES: dict[str, str] = {
    "sanitize": "frontwire.forensics.stage:SanitizeStage",
    "nlp": "frontwire.nlp.stage:NlpStage",
    "places": "frontwire.places.stage:PlacesStage",
    "quotes": "frontwire.quotes.stage:QuotesStage",
    "events": "frontwire.events.stage:EventsStage",
}

ENTRY_POINT_GROUP = "frontwire.stages"


def known_stages() -> dict[str, str]:
    """Every stage name and the import path of its class, plugins included."""
    stages = dict(BUILTIN_STAGES)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        stages.setdefault(ep.name, ep.value)
    return stages


def stage_class(name: str) -> type[Stage]:
    """The stage class registered under ``name``.

    Raises:
        PipelineError: FW201 if no stage has that name.
    """
    known = known_stages()
    if name not in known:
        raise PipelineError("FW201", name=name, known=", ".join(sorted(known)))
    module_name, _, class_name = known[name].partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    if not (isinstance(cls, type) and issubclass(cls, Stage)):
        raise TypeError(f"{known[name]} is not a frontwire Stage")
    return cls
