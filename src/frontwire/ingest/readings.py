"""Choosing among the readings of legacy-encoded bytes the way a reader would.

charset_normalizer proposes the encodings that decode the bytes without error and scores each
reading for "mess" (odd characters, odd runs) and for "coherence" (letter frequencies of some
language). Alone it misreads short Western news: a few curly quotes and one "£" in an English
article are as little mess in cp775 or cp932 as in windows-1252, and it picked those, so
"£34m" became "｣34m" and "Ismaël" "Ismaļl". A person reading the bytes weighs three things,
and so does :func:`choose_reading`, in log-odds ("nats") added per reading:

1. **How likely the encoding is for the text's script, and what the source declared.** Legacy
   Latin-script news is overwhelmingly windows-1252 (the WHATWG Encoding Standard makes it the
   default for every Western locale, and ISO-8859-1 labels mean it); Central European text is
   next (windows-1250), DOS and Mac code pages are rare on the web. :data:`PRIORS` holds those
   odds per script; a charset declared by the source (HTTP header, ``<meta charset>``) adds
   :data:`DECLARED_BONUS` to the encoding it names.
2. **Decoded words are words.** Each non-ASCII character is judged in its place: a letter of
   the text's own script is fine, a letter of another script, a symbol or a control character
   inside a word is not, an upper-case letter right after a lower-case one is odd (KOI8-R read
   as windows-1251 swaps the case of every letter), and the accented letters of the whole text
   should belong to one language's alphabet (:data:`ORTHOGRAPHIES`): Czech read as windows-1252
   gives "Pøes ... mluvèí", letters no single language uses together.
3. **charset_normalizer's coherence,** a small weight, as the language-level evidence.

When the best two readings give different text and stay within :data:`DOUBT_MARGIN` of each
other, the choice is a guess: it is returned with a :class:`Doubt` that the ingest step keeps
in ``Article.metadata["encoding_doubt"]`` and the sanitize stage turns into the tamper report.

The weights are round numbers chosen from what each piece of evidence is worth to a reader (one
misplaced symbol costs about as much as the step from the likeliest encoding to a rare one), and
checked against the cases in ``tests/ingest/test_ingest_decode.py``; re-run those tests and the
wikiref220 encoding test (slow) after changing any of them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Log-odds of an encoding among the legacy readings of a text in each script. 0 is the likeliest;
# each step of about 2 is "several times less common on the web". Encodings not listed for the
# script take UNLISTED_PRIOR. Names are Python codec names (codecs.lookup(...).name).
PRIORS: dict[str, dict[str, float]] = {
    "LATIN": {
        "cp1252": 0.0,
        "iso8859-1": -0.5,  # reads like cp1252 except 0x80-0x9F, which it makes control characters
        "iso8859-15": -1.5,
        "cp1250": -2.0,
        "iso8859-2": -3.0,
        "cp1254": -3.0,
        "iso8859-9": -3.0,
        "cp1257": -4.0,
        "iso8859-13": -4.0,
        "iso8859-16": -4.0,
        "mac-roman": -5.0,
        "cp437": -5.0,
        "cp850": -5.0,
        "cp852": -5.0,
    },
    "CYRILLIC": {
        "cp1251": 0.0,
        "koi8-r": -1.0,
        "koi8-u": -1.5,
        "cp866": -2.5,
        "iso8859-5": -3.5,
        "mac-cyrillic": -4.0,
    },
    "GREEK": {"cp1253": 0.0, "iso8859-7": 0.0, "cp737": -4.0, "mac-greek": -4.0},
    "ARABIC": {"cp1256": 0.0, "iso8859-6": -1.0, "cp720": -3.0},
    "HEBREW": {"cp1255": 0.0, "iso8859-8": -1.0, "cp862": -3.0},
    "THAI": {"cp874": 0.0, "tis-620": 0.0, "iso8859-11": 0.0},
    "CJK": {
        "cp932": 0.0,
        "shift_jis": 0.0,
        "euc_jp": -0.5,
        "gb18030": 0.0,
        "gbk": 0.0,
        "gb2312": 0.0,
        "big5": -0.5,
        "cp949": 0.0,
        "euc_kr": 0.0,
        "iso2022_jp": -1.0,
    },
}
UNLISTED_PRIOR = -7.0
# A declared charset is strong evidence but not proof: pages are re-saved in other encodings
# and keep their old <meta>. Worth more than any prior step, less than two misplaced symbols.
DECLARED_BONUS = 5.0
# Two readings closer than this (odds below about 4.5 to 1) are a guess either way: recorded as
# a Doubt. It sits below the prior step from windows-1252 to windows-1250 (about 8 to 1 on the
# web), so that step alone decides, while equal priors with no other evidence are flagged.
DOUBT_MARGIN = 1.5
COHERENCE_WEIGHT = 2.0

# Costs, in nats, of non-ASCII characters that a reader would stumble on.
OTHER_SCRIPT_LETTER = 3.0  # a Greek or katakana letter among Latin words
CASE_BREAK = 2.0  # "wifeÆs": an upper-case letter right after a lower-case one
LETTER_DIGIT = 2.0  # "Ł30m": an accented letter glued to a number
INNER_SYMBOL = 3.0  # a symbol, digit-like sign or odd punctuation between two letters
LOOSE_SYMBOL = 1.0  # a symbol elsewhere ("©", "°" are fine in news, but rare)
CONTROL = 3.0  # C1 controls, private use, unassigned
ODD_SPACE = 0.2
FOREIGN_LETTER = 2.0  # an accented letter outside the alphabet that covers the others
# Punctuation that does sit between letters in real text.
_INNER_PUNCTUATION = frozenset("’‘ʼ'‐‑–—·")
# Lower-case accented Latin letters of the languages written in Latin script that legacy code
# pages serve, from each language's alphabet. A reading whose accented letters all fit one of
# these reads as that language; letters outside the best fit cost FOREIGN_LETTER each.
ORTHOGRAPHIES: dict[str, str] = {
    "French": "àâæçéèêëîïôœùûüÿ",
    "German": "äöüß",
    "Spanish": "áéíñóúü",
    "Portuguese": "áâãàçéêíóôõú",
    "Italian": "àèéìíîòóùú",
    "Catalan": "àçèéíïòóúü",
    "Dutch": "áéèëïóöü",
    "Danish and Norwegian": "åæøé",
    "Swedish and Finnish": "åäöé",
    "Icelandic": "áðéíóúýþæö",
    "Polish": "ąćęłńóśźż",
    "Czech": "áčďéěíňóřšťúůýž",
    "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Slovene and Croatian": "čćđšž",
    "Hungarian": "áéíóöőúüű",
    "Romanian": "ăâîșțşţ",
    "Turkish": "çğıöşüâî",
    "Albanian": "çë",
    "Latvian": "āčēģīķļņšūž",
    "Lithuanian": "ąčęėįšųūž",
    "Estonian": "äõöüšž",
    "Welsh": "âêîôûŵŷ",
}
_ORTHOGRAPHY_SETS = tuple(frozenset(letters) for letters in ORTHOGRAPHIES.values())
# Punctuation that closes or stands alone; opening a word it is out of place ("¿" and "¡" are
# Po too, and do open Spanish words).
_CLOSING = frozenset({"Pf", "Pe", "Po"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
# Markup, URLs and the odd English word make up much of a page in another script, so ASCII
# letters count for a twentieth of a letter when deciding the script.
ASCII_WEIGHT = 20
# Characters judged per reading: enough to tell encodings apart, cheap on a 20 MB input.
SCORE_CHARS = 100_000
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "HALFWIDTH": "CJK"}


@dataclass(frozen=True, slots=True)
class Doubt:
    """Two readings of the same bytes that stay close: the chosen one and its rival.

    Attributes:
        chosen: the codec whose reading was kept.
        rival: the runner-up codec, whose reading differs.
        margin: how much more likely the chosen reading was judged, in nats (below
            :data:`DOUBT_MARGIN`).
        sample: the first word that the two readings spell differently, as ``"kept | rival"``.
    """

    chosen: str
    rival: str
    margin: float
    sample: str

    def to_json(self) -> dict[str, Any]:
        """The form kept in article metadata."""
        return {
            "chosen": self.chosen,
            "rival": self.rival,
            "margin": round(self.margin, 2),
            "sample": self.sample,
        }


@dataclass(frozen=True, slots=True)
class Detected:
    """The chosen reading of legacy-encoded bytes."""

    text: str
    encoding: str
    doubt: Doubt | None = None


@dataclass(slots=True)
class _Reading:
    text: str
    names: list[str]
    coherence: float
    score: float = 0.0
    encoding: str = ""


def choose_reading(data: bytes, matches: Iterable[Any], declared: str | None = None) -> Detected:
    """The likeliest reading among charset_normalizer's ``matches`` of ``data``.

    Args:
        data: the raw bytes.
        matches: charset_normalizer's results for ``data`` (at least one).
        declared: the charset the source declared, if any (any label Python knows).

    Returns:
        The chosen text and codec name, with a :class:`Doubt` when the runner-up is close.
    """
    declared_name = canonical_codec(declared) if declared else None
    readings: dict[str, _Reading] = {}
    for match in matches:
        text = str(match)
        names = [_codec_name(name) for name in match.could_be_from_charset]
        _add_reading(readings, text, names, float(match.coherence))
    # The likeliest encodings of the common scripts, and the declared one, are always weighed,
    # even when the detector dropped them early for a little more "mess".
    for name in ("cp1252", "cp1250", "cp1251", declared_name):
        if name and not any(name in r.names for r in readings.values()):
            try:
                text = data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
            _add_reading(readings, text, [name], 0.0)
    for reading in readings.values():
        script = main_script(reading.text[:SCORE_CHARS])
        priors = PRIORS.get(script, {})
        best_name = max(reading.names, key=lambda n: _prior(priors, n, declared_name))
        reading.encoding = best_name
        reading.score = (
            _prior(priors, best_name, declared_name)
            - word_cost(reading.text[:SCORE_CHARS], script)
            + COHERENCE_WEIGHT * reading.coherence
        )
    ranked = sorted(readings.values(), key=lambda r: r.score, reverse=True)
    best = ranked[0]
    doubt = None
    if len(ranked) > 1 and best.score - ranked[1].score < DOUBT_MARGIN:
        rival = ranked[1]
        doubt = Doubt(
            chosen=best.encoding,
            rival=rival.encoding,
            margin=best.score - rival.score,
            sample=_first_difference(best.text, rival.text),
        )
    return Detected(best.text, best.encoding, doubt)


def canonical_codec(label: str) -> str | None:
    """Python's codec name for a charset label, with the WHATWG rule that labels of ISO-8859-1
    and ASCII mean windows-1252 (browsers have read them so since the 1990s); ``None`` when
    Python knows no such codec."""
    label = label.strip().strip("\"'").lower()
    if label in {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "ascii", "us-ascii"}:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def main_script(text: str) -> str:
    """The script of ``text`` as far as its legacy encoding goes (``"LATIN"``, ``"CYRILLIC"``,
    ``"CJK"``...): the script most non-ASCII letters are in, unless ASCII letters outnumber them
    more than ASCII_WEIGHT to one, as in English news with one "µ". A Greek page in Latin
    markup still counts as Greek."""
    counts: dict[str, int] = {"LATIN": len(_ASCII_LETTERS.findall(text)) // ASCII_WEIGHT}
    for match in _NON_ASCII.finditer(text):
        char = match.group()
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__)


def word_cost(text: str, script: str) -> float:
    """What the non-ASCII characters of ``text`` cost a reader of ``script`` (see the module
    docstring, point 2)."""
    cost = 0.0
    accented: dict[str, int] = {}
    length = len(text)
    for match in _NON_ASCII.finditer(text):
        index = match.start()
        char = match.group()
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < length else " "
        category = unicodedata.category(char)
        kind = category[0]
        if kind == "L":
            own = _script(char)
            if own != script or (own != "LATIN" and (_latin(before) or _latin(after))):
                cost += OTHER_SCRIPT_LETTER  # or a word mixing scripts: "Ismaлl"
            elif category == "Lu" and before.islower():
                cost += CASE_BREAK
            elif before.isdigit() or after.isdigit():
                cost += LETTER_DIGIT
            elif script == "LATIN":
                lower = char.lower()
                accented[lower] = accented.get(lower, 0) + 1
        elif kind == "M":
            if not before.isalpha():
                cost += INNER_SYMBOL
        elif kind == "P":
            if before.isalpha() and after.isalpha():
                if char not in _INNER_PUNCTUATION:
                    cost += INNER_SYMBOL
            elif (
                after.isalpha()
                and not before.isalnum()
                and category in _CLOSING
                and char not in "¿¡"
            ):
                cost += LOOSE_SYMBOL  # a closing quote or a "¶" opening a word: "’ρης"
        elif kind in "SN":
            if before.isalpha() and after.isalpha():
                cost += INNER_SYMBOL
            elif category == "Sc" and (after.isdigit() or before.isdigit() or before == " "):
                pass  # "£34m", "34 €"
            else:
                cost += LOOSE_SYMBOL
        elif category == "Zs":
            cost += ODD_SPACE
        else:
            cost += CONTROL
    if accented:
        covered = max(
            sum(n for letter, n in accented.items() if letter in letters)
            for letters in _ORTHOGRAPHY_SETS
        )
        cost += FOREIGN_LETTER * (sum(accented.values()) - covered)
    return cost


def _add_reading(
    readings: dict[str, _Reading], text: str, names: list[str], coherence: float
) -> None:
    known = readings.get(text)
    if known is None:
        readings[text] = _Reading(text, names, coherence)
    else:
        known.names.extend(n for n in names if n not in known.names)
        known.coherence = max(known.coherence, coherence)


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _prior(priors: dict[str, float], name: str, declared: str | None) -> float:
    value = priors.get(name, UNLISTED_PRIOR)
    return value + DECLARED_BONUS if name == declared else value


def _script(char: str) -> str:
    if ord(char) < 0x250:
        return "LATIN"  # Latin-1 Supplement and Latin Extended-A/B, "µ" and "ª" included
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    if first == "CJK" or name.startswith("IDEOGRAPHIC"):
        return "CJK"
    return _SCRIPT_GROUPS.get(first, first)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _first_difference(kept: str, rival: str) -> str:
    limit = min(len(kept), len(rival))
    index = next((i for i in range(limit) if kept[i] != rival[i]), limit)
    start = index
    while start > 0 and not kept[start - 1].isspace() and index - start < 20:
        start -= 1
    kept_word = kept[start:].split(None, 1)[0][:40] if kept[start:].strip() else ""
    rival_word = rival[start:].split(None, 1)[0][:40] if rival[start:].strip() else ""
    return f"{kept_word} | {rival_word}"


__all__ = [
    "DOUBT_MARGIN",
    "ORTHOGRAPHIES",
    "PRIORS",
    "Detected",
    "Doubt",
    "canonical_codec",
    "choose_reading",
    "main_script",
    "word_cost",
]
