"""The tamper report: counts, where tampering starts and ends, score, verdict, second opinion."""

from __future__ import annotations

import pytest

from frontwire.forensics import ForensicsOptions, Sanitizer, Tables
from frontwire.forensics.report import score_and_verdict


def test_clean_text_has_a_clean_report(sanitizer: Sanitizer) -> None:
    report = sanitizer.sanitize("Troops reached the border on Monday.").report
    assert (report.verdict, report.score, report.first_paragraph) == ("clean", 0.0, None)


@pytest.mark.parametrize(
    "text",
    [
        "The cafÃ© near the station was hit.",  # mojibake
        "Troops\u200b reached the border.",  # a stray zero-width space between words
        "A soft\u00adhyphen from a web page.",
        "Troops reached the border in Kharkіv.",  # one stray look-alike
    ],
)
def test_accidents_and_stray_lookalikes_are_damage(sanitizer: Sanitizer, text: str) -> None:
    report = sanitizer.sanitize(text).report
    assert report.verdict == "damaged"
    assert 0.0 < report.score < 0.5


def test_systematic_disguises_are_deliberate(sanitizer: Sanitizer) -> None:
    text = "Тhе troops rеached thе border\n\nand the govеrnor thanked them."
    report = sanitizer.sanitize(text).report
    assert report.verdict == "deliberately_obfuscated"
    assert report.score >= 0.5
    assert report.disguises == 5
    assert (report.first_paragraph, report.last_paragraph) == (0, 1)
    assert report.counts_by_script == {"Cyrillic": 5}


def test_bidi_override_is_a_disguise(sanitizer: Sanitizer) -> None:
    text = "Open invoice\u202egnp.exe, invoice\u202egpj.exe and report\u202efdp.scr"
    report = sanitizer.sanitize(text).report
    assert report.verdict == "deliberately_obfuscated"
    assert report.counts_by_kind == {"invisible": 3}


def test_score_grows_with_disguises_and_crosses_half_at_the_threshold() -> None:
    scores = [score_and_verdict(n, 0, 3)[0] for n in range(8)]
    assert scores == sorted(scores)
    assert score_and_verdict(2, 0, 3)[1] == "damaged"
    assert score_and_verdict(3, 0, 3) == (0.5, "deliberately_obfuscated")
    assert score_and_verdict(0, 100, 3)[0] <= 0.25


def test_threshold_comes_from_the_options(tables: Tables) -> None:
    strict = Sanitizer(ForensicsOptions(detector="none", obfuscation_threshold=1), tables=tables)
    assert strict.sanitize("Troops in Kharkіv.").report.verdict == "deliberately_obfuscated"


def test_detector_disagreement_on_a_lone_lookalike(checked_sanitizer: Sanitizer) -> None:
    # confusable_homoglyphs flags mixed words ("mаn"), not a lone Cyrillic "а" word.
    result = checked_sanitizer.sanitize("Soldiers talk to а mаn near the river.")
    report = result.report
    assert report.detector == "confusable_homoglyphs"
    assert [d.span.text for d in report.disagreements] == ["a"]
    (disagreement,) = report.disagreements
    assert disagreement.span.orig_start == result.text.index(" a ") + 1
    assert "flags nothing" in disagreement.detail


def test_disagreements_are_capped_and_counted(tables: Tables) -> None:
    capped = Sanitizer(
        ForensicsOptions(detector="confusable_homoglyphs", max_disagreements=2), tables=tables
    )
    text = "Тhе trооps said а mаn and а woman saw а car and а dog at а gate."
    report = capped.sanitize(text).report
    assert len(report.disagreements) == 2
    assert report.disagreements_omitted == 3


def test_icu_detector_when_installed(tables: Tables) -> None:
    pytest.importorskip("icu")
    icu = Sanitizer(ForensicsOptions(detector="icu"), tables=tables)
    report = icu.sanitize("Він купив iPhoneом і поїхав у Кyiв.").report
    assert report.detector == "icu"
    assert any("left unchanged" in d.detail for d in report.disagreements)


def test_report_json_has_every_field(sanitizer: Sanitizer) -> None:
    data = sanitizer.sanitize("Тhе troops").report.to_json()
    assert {
        "verdict",
        "score",
        "counts_by_kind",
        "counts_by_script",
        "first_paragraph",
        "last_paragraph",
        "first_offset",
        "last_offset",
        "detector",
        "disagreements",
        "disagreements_omitted",
        "disguises",
    } <= set(data)
