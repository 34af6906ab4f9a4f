"""Score the forensics stage on ftfy's own test cases.

ftfy ships its cases as JSON lists (``original``, ``fixed``, optional ``fixed-encoding``,
``expect``). frontwire runs only ftfy's encoding fixes, so the target of a case is its
``fixed-encoding`` text when given (what ``ftfy.fix_encoding`` must return) and ``fixed``
otherwise. Cases marked ``expect: fail`` are ones ftfy itself gets wrong; they are scored but
not counted as must-fix. A case whose target is its original text is a negative: it must come
back untouched (all of ``negative.json`` but one "mostly negative" case that expects a C1
control character decoded, and the negative cases of ``synthetic.json``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from frontwire.errors import DependencyError
from frontwire.forensics import ForensicsOptions, Sanitizer

#: The folder under the shared folder that holds ftfy's cases.
CASES_DIR = Path("eval") / "forensics"


def evaluate_forensics(shared_dir: Path, options: ForensicsOptions | None = None) -> dict[str, Any]:
    """Run :func:`~frontwire.forensics.sanitize` on every case file and score it.

    Args:
        shared_dir: the shared folder (holding ``eval/forensics/*.json``).
        options: forensics options; the defaults (no spoofing detector) when None.

    Returns:
        ``{"files": {name: {...}}, "totals": {...}}``. Per file: ``cases``, ``must_fix``
        (cases marked ``expect: pass``), ``fixed`` (of those, repaired exactly),
        ``negatives`` (must-fix cases whose target is the original) and ``untouched`` (of
        those, returned unchanged), ``expected_failures`` (``expect: fail`` cases) and
        ``failures`` (label, original, expected, got) for must-fix cases that came out
        differently.

    Raises:
        DependencyError: FW603 if the folder holds no case files.
    """
    folder = Path(shared_dir) / CASES_DIR
    files = sorted(folder.glob("*.json"))
    if not files:
        raise DependencyError("FW603", path=str(folder))
    # The detector does not change the repaired text, so it is skipped for speed.
    sanitizer = Sanitizer(options or ForensicsOptions(detector="none"))
    results: dict[str, Any] = {}
    totals = {"cases": 0, "must_fix": 0, "fixed": 0, "negatives": 0, "negatives_untouched": 0}
    for path in files:
        cases: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
        must_fix = fixed = negatives = untouched = expected_failures = 0
        failures: list[dict[str, str]] = []
        for case in cases:
            original: str = case["original"]
            target: str = case.get("fixed-encoding", case["fixed"])
            got = sanitizer.sanitize(original).text
            if case.get("expect") == "fail":
                expected_failures += 1
                continue
            must_fix += 1
            if target == original:
                negatives += 1
                untouched += got == original
            if got == target:
                fixed += 1
            else:
                failures.append(
                    {
                        "label": case.get("label", ""),
                        "original": original,
                        "expected": target,
                        "got": got,
                    }
                )
        results[path.name] = {
            "cases": len(cases),
            "must_fix": must_fix,
            "fixed": fixed,
            "negatives": negatives,
            "untouched": untouched,
            "expected_failures": expected_failures,
            "failures": failures,
        }
        totals["cases"] += len(cases)
        totals["must_fix"] += must_fix
        totals["fixed"] += fixed
        totals["negatives"] += negatives
        totals["negatives_untouched"] += untouched
    return {"files": results, "totals": totals}


def format_table(scores: dict[str, Any]) -> str:
    """A Markdown table of :func:`evaluate_forensics` scores, one row per file."""
    lines = [
        "| file | cases | must fix | fixed exactly | negatives untouched | ftfy's known failures |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in scores["files"].items():
        fixed = f"{row['fixed']}/{row['must_fix']}" if row["must_fix"] else "-"
        untouched = f"{row['untouched']}/{row['negatives']}" if row["negatives"] else "-"
        lines.append(
            f"| {name} | {row['cases']} | {row['must_fix']} | {fixed} | {untouched} "
            f"| {row['expected_failures']} |"
        )
    totals = scores["totals"]
    lines.append(
        f"| **all** | {totals['cases']} | {totals['must_fix']} "
        f"| {totals['fixed']}/{totals['must_fix']} "
        f"| {totals['negatives_untouched']}/{totals['negatives']} | |"
    )
    failures = [
        (name, failure) for name, row in scores["files"].items() for failure in row["failures"]
    ]
    if failures:
        lines.append("")
        lines.append("Must-fix cases not fixed exactly:")
        for name, failure in failures:
            lines.append(
                f"- {name}: {failure['label']}: expected {failure['expected']!r}, "
                f"got {failure['got']!r}"
            )
    return "\n".join(lines)


__all__ = ["evaluate_forensics", "format_table"]
