"""Property tests: obfuscating and repairing gives the original back; clean text is kept.

Texts are paragraphs of words drawn from small word lists written for these tests (English,
Ukrainian, Greek). The obfuscator substitutes letters with look-alikes taken straight from the
Unicode confusables data (``confusable_homoglyphs``), not from frontwire's tables: for a letter,
the letters of the other script listed as confusable with it, with the same case. For the
reverse direction (Latin letters hidden in Ukrainian and Greek words) it uses only letters that
are the first of their script listed for their Latin look-alike, since that is the letter a
repair picks (Greek "σ" and "ο" both look like "o"; a Latin "o" becomes "ο").

What is and is not recoverable follows the repair's rules: in each paragraph at least one word
keeps some of its own letters (a mixed word, the evidence that the paragraph is tampered with);
other words may be disguised completely.
"""

from __future__ import annotations

import bisect

import pytest
from confusable_homoglyphs import categories, confusables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwire.forensics import Sanitized, Sanitizer


def _words(text: str) -> list[str]:
    return text.split()


ENGLISH_WORDS = _words(
    "troops reached the border near city after week of heavy shelling and officials said "
    "that a convoy carried food water medicine to people who stayed in their homes while "
    "drones attacked power stations across region governor reported two injured civilians "
    "rescue teams worked through night bridge was destroyed I saw smoke over river"
)
UKRAINIAN_WORDS = _words(
    "війська дійшли до кордону біля міста після тижня важких обстрілів і посадовці сказали "
    "що колона везла їжу воду та ліки людям які залишилися в своїх домівках а дрони "
    "атакували електростанції губернатор повідомив про двох поранених рятувальники "
    "працювали всю ніч міст зруйновано я бачив дим над річкою у селі о п'ятій ранку"
)
GREEK_WORDS = _words(
    "τα στρατεύματα έφτασαν στα σύνορα κοντά στην πόλη μετά από μια εβδομάδα βομβαρδισμών "
    "και οι αξιωματούχοι είπαν ότι η φάλαγγα μετέφερε τρόφιμα νερό φάρμακα στους ανθρώπους "
    "που έμειναν στα σπίτια τους ο κυβερνήτης ανέφερε δύο τραυματίες"
)


def _confusable_letters(letter: str, script: str) -> list[str]:
    """Letters of ``script`` that the confusables data lists for ``letter``, same case."""
    out = []
    for entry in confusables.confusables_data.get(letter, []):
        other = entry["c"]
        if (
            len(other) == 1
            and other.isalpha()
            and categories.alias(other) == script
            and other.isupper() == letter.isupper()
            and other.islower() == letter.islower()
        ):
            out.append(other)
    return out


def _attack_map(script: str) -> dict[str, list[str]]:
    letters = {c for w in ENGLISH_WORDS for c in (w + w.capitalize())}
    return {c: found for c in letters if (found := _confusable_letters(c, script))}


def _reverse_map(words: list[str]) -> dict[str, str]:
    """Letters of ``words`` mapped to a Latin look-alike whose first listed letter they are."""
    out: dict[str, str] = {}
    letters = {c for w in words for c in (w + w.capitalize())}
    for letter in letters:
        script = categories.alias(letter)
        for latin in _confusable_letters(letter, "LATIN"):
            if latin.isascii() and _confusable_letters(latin, script)[:1] == [letter]:
                out[letter] = latin
                break
    return out


ATTACKS = {name: _attack_map(name) for name in ("CYRILLIC", "GREEK", "ARMENIAN")}
REVERSE = {"uk": _reverse_map(UKRAINIAN_WORDS), "el": _reverse_map(GREEK_WORDS)}
WORDS = {"en": ENGLISH_WORDS, "uk": UKRAINIAN_WORDS, "el": GREEK_WORDS}


@st.composite
def paragraphs(draw: st.DrawFn, language: str) -> list[list[str]]:
    words = WORDS[language]
    return draw(
        st.lists(
            st.lists(st.sampled_from(words), min_size=4, max_size=25),
            min_size=1,
            max_size=4,
        )
    )


def _join(paras: list[list[str]]) -> str:
    out = []
    for para in paras:
        sentence = " ".join(para)
        out.append(sentence[0].upper() + sentence[1:] + ".")
    return "\n\n".join(out)


@st.composite
def obfuscated(draw: st.DrawFn, language: str) -> tuple[str, str]:
    """(original, obfuscated) for a random text in ``language``."""
    paras = draw(paragraphs(language))
    original = _join(paras)
    if language == "en":
        mapping = ATTACKS[draw(st.sampled_from(sorted(ATTACKS)))]
        choose = lambda c: draw(st.sampled_from(mapping[c]))  # noqa: E731
        subs = set(mapping)
    else:
        reverse = REVERSE[language]
        choose = lambda c: reverse[c]  # noqa: E731
        subs = set(reverse)
    out_paras: list[str] = []
    for block in original.split("\n\n"):
        words = block.split(" ")
        # One word keeps some of its letters and loses others: a mixed word, the evidence.
        candidates = [
            i
            for i, w in enumerate(words)
            if sum(c in subs for c in w) >= 1 and sum(c.isalpha() for c in w) >= 2
        ]
        if not candidates:
            out_paras.append(block)
            continue
        anchor = draw(st.sampled_from(candidates))
        for i, word in enumerate(words):
            positions = [j for j, c in enumerate(word) if c in subs]
            if not positions:
                continue
            if i == anchor:
                keep_one = [j for j, c in enumerate(word) if c.isalpha() and j not in positions]
                limit = len(positions) if keep_one else len(positions) - 1
                picked = (
                    draw(
                        st.lists(
                            st.sampled_from(positions), min_size=1, max_size=limit, unique=True
                        )
                    )
                    if limit
                    else []
                )
            elif draw(st.booleans()):
                picked = draw(st.lists(st.sampled_from(positions), unique=True))
            else:
                continue
            letters = list(word)
            for j in picked:
                letters[j] = choose(letters[j])
            words[i] = "".join(letters)
        out_paras.append(" ".join(words))
    return original, "\n\n".join(out_paras)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("language", ["en", "uk", "el"])
@SETTINGS
@given(data=st.data())
def test_obfuscated_text_is_restored_exactly(
    sanitizer: Sanitizer, language: str, data: st.DataObject
) -> None:
    # English with letters from any other script; Ukrainian and Greek with hidden Latin letters.
    original, attacked = data.draw(obfuscated(language))
    result = sanitizer.sanitize(attacked)
    assert result.text == original
    _check_offsets(attacked, result)


@SETTINGS
@given(st.sampled_from(["en", "uk", "el"]).flatmap(paragraphs))
def test_clean_text_is_left_unchanged(sanitizer: Sanitizer, paras: list[list[str]]) -> None:
    text = _join(paras)
    result = sanitizer.sanitize(text)
    assert result.text == text
    assert result.edits == ()
    assert result.report.verdict == "clean"


@SETTINGS
@given(obfuscated("en"), st.data())
def test_hidden_characters_and_wide_letters_are_removed_too(
    sanitizer: Sanitizer, case: tuple[str, str], data: st.DataObject
) -> None:
    original, attacked = case
    # Zero-width spaces inside words and fullwidth or mathematical letters on top.
    chars = list(attacked)
    for i in sorted(
        data.draw(st.lists(st.integers(0, len(chars) - 1), max_size=5, unique=True)),
        reverse=True,
    ):
        if chars[i].isascii() and chars[i].isalpha():
            chars[i] = data.draw(
                st.sampled_from(
                    [
                        chr(ord(chars[i]) + 0xFEE0),  # fullwidth
                        chars[i] + "\u200b",
                        "\u00ad" + chars[i],
                    ]
                )
            )
    result = sanitizer.sanitize("".join(chars))
    assert result.text == original
    _check_offsets("".join(chars), result)


def _check_offsets(original: str, result: Sanitized) -> None:
    """Offsets map both ways at every edit boundary, and text between edits lines up."""
    offsets = result.offsets
    repaired = result.text
    delta = 0
    for edit in result.edits:
        new_start = edit.orig_start + delta
        new_end = new_start + len(edit.replacement)
        assert repaired[new_start:new_end] == edit.replacement
        assert original[edit.orig_start : edit.orig_end] == edit.original
        assert offsets.to_repaired(edit.orig_start, "start") == new_start or (
            edit.orig_start == edit.orig_end
        )
        assert offsets.to_original(new_start, "start") == edit.orig_start or new_start == new_end
        assert offsets.to_original(new_end, "end") == edit.orig_end or new_start == new_end
        delta += len(edit.replacement) - (edit.orig_end - edit.orig_start)
    starts = [e.orig_start for e in result.edits]
    for pos in range(0, len(original), max(1, len(original) // 50)):
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < result.edits[i].orig_end:
            continue  # inside an edit
        mapped = offsets.to_repaired(pos)
        assert repaired[mapped] == original[pos]
        assert offsets.to_original(mapped) == pos
