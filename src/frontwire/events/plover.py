"""PLOVER event, mode and context of a CAMEO code, through the CAMEO-to-PLOVER crosswalk.

The table ``data/cameo2plover.json`` is generated from the crosswalk by
``scripts/build_cameo_table.py``; the crosswalk and so the table are licensed CC BY-SA 4.0
(Open Event Data Alliance, PLOVER manual draft 0.8).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

#: PLOVER's quad class of each event type: 1 verbal cooperation, 2 material cooperation,
#: 3 verbal conflict, 4 material conflict (PLOVER manual; YIELD is the PLV set's name for
#: CONCEDE/RETREAT).
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2, "YIELD": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class PloverCode:
    """PLOVER's reading of one CAMEO code."""

    event: str
    mode: str | None
    context: tuple[str, ...]

    @property
    def quad_class(self) -> int | None:
        """The quad class of the event type."""
        return QUAD_CLASS.get(self.event)


def load_crosswalk() -> dict[str, PloverCode]:
    """The crosswalk table shipped in the package: ``{cameo: PloverCode}``."""
    text = resources.files("frontwire.events").joinpath("data/cameo2plover.json").read_text()
    codes: dict[str, dict[str, str]] = json.loads(text)["codes"]
    return {
        code: PloverCode(
            row["event"],
            row["mode"] or None,
            tuple(c for c in row["context"].split() if c),
        )
        for code, row in codes.items()
        if row["event"]
    }
