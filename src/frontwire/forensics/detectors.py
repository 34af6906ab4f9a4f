"""Independent spoofing detectors: a second opinion on the words the repair looked at.

ICU's spoof checker (PyICU, the optional ``icu`` extra) is preferred: it implements UTS #39
restriction levels and mixed-script confusable detection without any of our context rules.
Without it, ``confusable_homoglyphs.confusables.is_dangerous`` (mixed-script and confusable)
stands in. Either answers one question per word: does it look like spoofing, and why.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol

from confusable_homoglyphs import confusables as _confusables

from frontwire.errors import DependencyError


class Detector(Protocol):
    """A spoofing detector asked about one word at a time."""

    name: str

    def flags(self, word: str) -> str | None:
        """Why ``word`` looks like spoofing, or None when it does not."""


class IcuDetector:
    """ICU's ``SpoofChecker`` with its default checks (restriction level highly restrictive,
    mixed-script confusables, invisible characters)."""

    name = "icu"

    def __init__(self, icu: Any) -> None:
        self._checker = icu.SpoofChecker()
        # The description of each result bit mask met so far (there are at most 256).
        self._described: dict[int, str] = {}
        self._errors: tuple[type[BaseException], ...] = (icu.ICUError, UnicodeError)
        self._names = sorted(
            (
                (int(getattr(icu.USpoofChecks, attr)), attr)
                for attr in dir(icu.USpoofChecks)
                if attr.isupper() and attr not in ("ALL_CHECKS", "AUX_INFO")
            ),
        )

    def flags(self, word: str) -> str | None:
        """The names of the checks ``word`` fails, or None."""
        try:
            result = int(self._checker.check(word))
        except self._errors:
            return None
        if not result:
            return None
        described = self._described.get(result)
        if described is None:
            names = [name for bit, name in self._names if result & bit]
            described = ", ".join(names) if names else str(result)
            self._described[result] = described
        return described


class ConfusablesDetector:
    """``confusable_homoglyphs``: flags words that mix scripts with confusable letters."""

    name = "confusable_homoglyphs"

    def flags(self, word: str) -> str | None:
        """ "mixed-script confusable" when the package calls ``word`` dangerous, else None."""
        if _confusables.is_dangerous(word):
            return "mixed-script confusable"
        return None


def make_detector(name: str) -> Detector | None:
    """The detector configured as ``name`` ("auto", "icu", "confusable_homoglyphs", "none").

    Raises:
        DependencyError: FW602 when "icu" is asked for and PyICU is not installed.
    """
    if name == "none":
        return None
    if name in ("auto", "icu"):
        try:
            icu = importlib.import_module("icu")
        except ImportError as exc:
            if name == "icu":
                raise DependencyError(
                    "FW602",
                    feature='The ICU spoofing detector ([forensics] detector = "icu")',
                    package="pyicu",
                    extra="frontwire[icu]",
                ) from exc
        else:
            return IcuDetector(icu)
    return ConfusablesDetector()


__all__ = ["ConfusablesDetector", "Detector", "IcuDetector", "make_detector"]
