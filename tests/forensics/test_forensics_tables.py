"""The look-alike and compatibility tables come from Unicode data, with case kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from frontwire.forensics import Tables
from frontwire.forensics.tables import PLAIN_ASCII, has_astral, present_chars


def test_to_latin_maps_cyrillic_greek_and_armenian_lookalikes(tables: Tables) -> None:
    assert tables.to_latin["а"] == "a"  # CYRILLIC SMALL LETTER A
    assert tables.to_latin["Ο"] == "O"  # GREEK CAPITAL LETTER OMICRON
    assert tables.to_latin["օ"] == "o"  # ARMENIAN SMALL LETTER OH
    assert len(tables.to_latin) > 200  # taken from the data, not typed by hand


def test_to_latin_keeps_the_case_the_skeleton_drops(tables: Tables) -> None:
    # UTS #39 lists Cyrillic "І" with Latin "l"; a repair must give a capital "I".
    assert tables.to_latin["І"] == "I"
    assert tables.to_latin["і"] == "i"
    assert all(
        (k.isupper() == v.isupper()) or not (k.isupper() or k.islower())
        for k, v in tables.to_latin.items()
    )


def test_genuine_letters_have_no_latin_lookalike(tables: Tables) -> None:
    for letter in "лджшщюяїєбгґпцч" + "λδξπφψωζθ":
        if letter in tables.to_latin:  # "г" looks like "r" in UTS #39
            continue
        assert tables.is_genuine(letter)
    assert not tables.is_genuine("а")
    assert not tables.is_genuine("é")


def test_from_latin_inverts_to_latin(tables: Tables) -> None:
    assert tables.from_latin["CYRILLIC"]["a"] == "а"
    assert tables.from_latin["CYRILLIC"]["I"] == "І"
    assert tables.from_latin["GREEK"]["o"] == "ο"  # omicron, listed before sigma
    for mapping in tables.from_latin.values():
        for latin, letter in mapping.items():
            assert tables.to_latin[letter] == latin


def test_compat_covers_disguising_forms_only(tables: Tables) -> None:
    assert tables.compat["Ａ"] == "A"  # fullwidth
    assert tables.compat["𝐚"] == "a"  # mathematical bold
    assert tables.compat["ℎ"] == "h"  # planck constant, the italic h of the math alphabet
    assert tables.compat["ⓐ"] == "a"  # circled
    for ordinary in "½№℃™①，！ｶ":
        assert ordinary not in tables.compat


def test_script_of_names_unicode_scripts(tables: Tables) -> None:
    assert tables.script_of("a") == "LATIN"
    assert tables.script_of("ł") == "LATIN"
    assert tables.script_of("ж") == "CYRILLIC"
    assert tables.script_of("λ") == "GREEK"
    assert tables.script_of("-") == "COMMON"


def test_has_astral_sees_characters_beyond_the_bmp() -> None:
    assert not has_astral("Україна and English")
    assert has_astral("a 👍")
    assert has_astral("𝐚")
    assert not has_astral("lone \ud800 surrogate")


def test_char_class_patterns_agree_on_bmp_text(tables: Tables) -> None:
    text = "plain аnd Ελληνικά ｗｏｒｄ"
    for cls in (tables.lookalike, tables.genuine, tables.nonlatin, tables.compat_one):
        assert [m.group() for m in cls.bmp.finditer(text)] == [
            m.group() for m in cls.any.finditer(text)
        ]


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=60))
def test_present_chars_holds_exactly_the_characters_beyond_plain_ascii(text: str) -> None:
    # Every pass decides from this short string whether it has work: it must miss nothing.
    present = present_chars(text)
    assert set(present) == {ch for ch in text if ch not in PLAIN_ASCII}
    assert len(present) == len(set(present))


def test_present_chars_keeps_lone_surrogates_and_control_characters() -> None:
    assert set(present_chars("a\ud800b\x00c\x1bd\u200b")) == {"\ud800", "\x00", "\x1b", "\u200b"}
