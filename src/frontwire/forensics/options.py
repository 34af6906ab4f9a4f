"""The switches of the forensics stage, read from the ``[forensics]`` config section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from frontwire.config import Config, check_choice

DetectorName = Literal["auto", "icu", "confusable_homoglyphs", "none"]
_DETECTORS: tuple[str, ...] = ("auto", "icu", "confusable_homoglyphs", "none")


@dataclass(frozen=True, slots=True)
class ForensicsOptions:
    """Which repairs run, and how the tamper report is made.

    Attributes:
        fix_mojibake: repair text decoded with the wrong encoding (ftfy's encoding fixes).
        remove_invisible: remove zero-width, bidi and control characters.
        fix_compatibility: turn fullwidth, mathematical and enclosed letters, and odd spaces,
            into plain ones.
        fix_homoglyphs: repair look-alike letters from other scripts.
        mark_boilerplate: mark image credits and captions as boilerplate.
        detector: the independent spoofing detector for the report's disagreements: "icu"
            (PyICU's SpoofChecker), "confusable_homoglyphs", "none", or "auto" (ICU when
            installed, else confusable_homoglyphs).
        obfuscation_threshold: disguises (look-alike letters, compatibility letters, hidden
            characters inside words) from which the verdict is "deliberately_obfuscated".
        max_disagreements: disagreements listed in the report; the rest are only counted.
    """

    fix_mojibake: bool = True
    remove_invisible: bool = True
    fix_compatibility: bool = True
    fix_homoglyphs: bool = True
    mark_boilerplate: bool = True
    detector: DetectorName = "auto"
    obfuscation_threshold: int = 3
    max_disagreements: int = 50

    @classmethod
    def from_config(cls, config: Config) -> ForensicsOptions:
        """Options from the ``[forensics]`` section; keys it does not set keep their defaults.

        Raises:
            ConfigError: FW105 if ``detector`` names no known detector.
        """
        section: Mapping[str, Any] = config.forensics
        values = {name: section[name] for name in cls.__dataclass_fields__ if name in section}
        check_choice("forensics.detector", values.get("detector", "auto"), _DETECTORS)
        return cls(**values)


__all__ = ["DetectorName", "ForensicsOptions"]
