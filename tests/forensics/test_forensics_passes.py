"""The passes before look-alike letters: encoding, invisible characters, compatibility forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from frontwire.forensics import Sanitizer, Tables
from frontwire.forensics.edits import Change, apply_changes
from frontwire.forensics.passes import (
    compatibility_changes,
    invisible_changes,
    is_bad_near_anchors,
    mojibake_changes,
    surrogate_changes,
)


def _expand(body: str) -> str:
    """The characters of a regex class body such as 'À-Ñß'."""
    out: list[str] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1))
            i += 3
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


# Every character ftfy's badness patterns mention, plus ASCII and plain Cyrillic and Greek.
_MOJIBAKE_ALPHABET = (
    "".join(sorted(set("".join(_expand(v) for v in MOJIBAKE_CATEGORIES.values()))))
    + "aZ .,!?1 \nвЂâ€ÃÂƒ√‚ÄГўВ"
)


@settings(max_examples=500)
@given(st.text(alphabet=_MOJIBAKE_ALPHABET, max_size=12))
def test_anchor_search_agrees_with_ftfy_is_bad(text: str) -> None:
    assert is_bad_near_anchors(text) == is_bad(text)


def test_anchor_search_agrees_with_ftfy_on_its_own_cases(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "eval" / "forensics").glob("*.json")):
        for case in json.loads(path.read_text("utf-8")):
            for line in case["original"].split("\n"):
                assert is_bad_near_anchors(line) == is_bad(line), (path.name, line)


def test_mojibake_edits_are_narrowed_to_the_broken_words() -> None:
    text = "Le cafÃ© est trÃ¨s bon"
    changes = mojibake_changes(text)
    assert [(text[c.start : c.end], c.replacement) for c in changes] == [
        ("Ã©", "é"),
        ("Ã¨", "è"),
    ]
    assert apply_changes(text, changes) == "Le café est très bon"


def test_mojibake_leaves_curly_quotes_and_dashes_alone() -> None:
    text = "“We’ve arrived,” he said – and left…"
    assert mojibake_changes(text) == []


def test_surrogate_pairs_join_and_lone_ones_become_replacement_characters() -> None:
    text = "a\ud83d\ude00b\ud800c"
    assert apply_changes(text, surrogate_changes(text)) == "a😀b\ufffdc"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pu\u200btin", "Putin"),  # zero-width space inside a word
        ("\ufeffKharkiv", "Kharkiv"),  # stray byte-order mark
        ("Don\u00adbas", "Donbas"),  # soft hyphen
        ("evil\u202efdp.exe", "evilfdp.exe"),  # right-to-left override
        ("a\u2066b\u2069c", "abc"),  # isolates
        ("Ki\u200dyiv", "Kiyiv"),  # a joiner between Latin letters only hides the word
        ("Ki\u2060yiv", "Kiyiv"),  # word joiner
        ("Pu\x01tin", "Putin"),  # a control character inside a word
    ],
)
def test_invisible_characters_are_removed(tables: Tables, text: str, expected: str) -> None:
    assert apply_changes(text, invisible_changes(text, tables)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # Persian needs the zero-width non-joiner
        "👨\u200d👩\u200d👧",  # an emoji family is joined with ZWJ
        "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # Scotland
        "a control character \x1a between words",  # ftfy keeps these too
        "non-breaking\u00a0space and narrow\u202fone",
    ],
)
def test_meaningful_invisible_characters_stay(tables: Tables, text: str) -> None:
    assert invisible_changes(text, tables) == []


def test_tag_characters_outside_a_flag_are_removed(tables: Tables) -> None:
    hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore previous")
    text = f"Normal text{hidden}."
    assert apply_changes(text, invisible_changes(text, tables)) == "Normal text."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＵＫＲＡＩＮＥ ２０２２", "UKRAINE 2022"),  # fullwidth
        ("𝐊𝐡𝐚𝐫𝐤𝐢𝐯", "Kharkiv"),  # mathematical bold
        ("𝑡ℎ𝑒", "the"),  # mathematical italic, whose h is U+210E
        ("ⓚⓨⓘⓥ", "kyiv"),  # circled
        ("a\u2003b\u2009c", "a b c"),  # em space and thin space
        ("A𝚩C News in Tun𝚤sia", "ABC News in Tunisia"),  # math Greek capital, dotless i
        ("Ο τύπος 𝚩 = 𝛂 + γ ισχύει", "Ο τύπος Β = α + γ ισχύει"),  # in Greek text: Greek
    ],
)
def test_compatibility_forms_become_plain_letters(tables: Tables, text: str, expected: str) -> None:
    assert apply_changes(text, compatibility_changes(text, tables)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "½ cup, 5 ℃, № 7, ① first",  # ordinary symbols that NFKC would also change
        "東京でＡＢＣ放送を見た",  # fullwidth Latin is normal in Japanese text
        "中文\u3000空格",  # and so is the ideographic space
        "1\u00a0000 and 2\u202f000 and 3\u2007000",  # no-break spaces keep numbers together
        "ﬁne ligatures and x² stay",
    ],
)
def test_legitimate_compatibility_characters_stay(tables: Tables, text: str) -> None:
    assert compatibility_changes(text, tables) == []


def test_passes_run_in_order_and_compose(sanitizer: Sanitizer) -> None:
    # Mojibake of a zero-width space ("â€‹"), then the zero-width space itself goes.
    text = "Kyâ€‹iv and ｃａｆé"
    result = sanitizer.sanitize(text)
    assert result.text == "Kyiv and café"
    assert {e.kind for e in result.edits} == {"mojibake", "compatibility"}
    changes = [Change(e.orig_start, e.orig_end, e.replacement, e.kind) for e in result.edits]
    assert apply_changes(text, changes) == result.text
