"""Build ``src/frontwire/events/data/cameo2plover.json`` from the CAMEO-to-PLOVER crosswalk.

The crosswalk (``cameo2plover.txt``, PLOVER manual draft 0.8, Open Event Data Alliance) is
licensed CC BY-SA 4.0; the generated table is a derivative and carries the same licence (its
``_licence`` key says so). Run from the repository root:

    python scripts/build_cameo_table.py ../shared/eval/events/cameo2plover.txt
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path("src/frontwire/events/data/cameo2plover.json")


def parse(text: str) -> dict[str, dict[str, str]]:
    """``{cameo: {event, mode, context, text}}`` from the crosswalk's lines."""
    table: dict[str, dict[str, str]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        code, _, rest = line.partition(":")
        body, _, comment = rest.partition("#")
        parts = [p.strip() for p in body.split(",")]
        parts += [""] * (3 - len(parts))
        table.setdefault(
            code.strip(),
            {"event": parts[0], "mode": parts[1], "context": parts[2], "text": comment.strip()},
        )
    return table


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/events/cameo2plover.txt")
    table = parse(source.read_text("utf-8"))
    body = {
        "_licence": "CC BY-SA 4.0; derived from the PLOVER CAMEO-to-PLOVER crosswalk "
        "(Open Event Data Alliance, PLOVER manual draft 0.8)",
        "codes": table,
    }
    OUT.write_text(json.dumps(body, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {len(table)} CAMEO codes to {OUT}")


if __name__ == "__main__":
    main()
