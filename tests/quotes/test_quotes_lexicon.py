"""The shared speech lexicon: one home for cue words, read by quotes and offered to events."""

from __future__ import annotations

import pytest

from frontwire.lexicon import speech


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("Officials said ten people died.", True),
        ("Ten people died, according to the ministry.", True),
        ("The rebels reportedly seized the town.", True),
        ("The ministry claimed the strike hit a depot.", True),
        ("In a statement, the army confirmed the losses.", True),
        ("Ten people died in the strike.", False),
        ("The saying goes that war is hell.", False),
    ],
)
def test_claim_pattern_marks_claims_not_reports(text: str, claimed: bool) -> None:
    assert bool(speech.CLAIM_PATTERN.search(text)) is claimed


def test_non_speech_verbs_are_never_speech_verbs_of_their_own_kind() -> None:
    assert not speech.BELIEF_VERBS & {"say", "tell", "announce"}
    assert {"believe", "want", "find", "vote"} <= speech.NON_SPEECH_VERBS
    assert "say" in speech.SPEECH_VERBS and "say" in speech.METONYM_VERBS


def test_the_quotes_stage_reads_its_cue_words_from_the_lexicon() -> None:
    import sys

    from frontwire.quotes import attribution

    # The module, not the function of the same name that frontwire.quotes exports.
    resolve_module = sys.modules["frontwire.quotes.resolve"]
    assert attribution.speech is speech
    assert resolve_module.SPEECH_VERBS is speech.SPEECH_VERBS
