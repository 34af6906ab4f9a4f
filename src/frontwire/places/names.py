"""Name keys that survive transliteration, renaming and the way news writes regions.

Two keys per name: :func:`name_key` (casefolded, diacritics stripped with ``unicodedata``,
Ukrainian/Russian Cyrillic transliterated, punctuation dropped) is the exact tier; and
:func:`skeleton` (the consonant outline after the variant rules below) is the fallback tier that
makes Kharkiv/Kharkov, Kyiv/Kiev, Izyum/Izium and Severodonetsk/Sievierodonetsk meet.

The transliteration table is our own, not a library: the candidates (``unidecode``,
``transliterate``) are GPL or unmaintained, and a 40-letter table for the two scripts that
matter for this news is easy to check by eye.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

AdminHint = Literal["region", "district", "city"]

# Ukrainian and Russian Cyrillic to Latin, close to the Ukrainian national system (2010) and
# BGN/PCGN for Russian; the variant rules of :func:`skeleton` absorb where the systems differ.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ё": "e", "ы": "y",
    "э": "e", "ъ": "", "ў": "u",
}  # fmt: skip
# Russian writes г for the sound Ukrainian writes as h; GeoNames' English names are mostly
# transliterated from Russian ("Belgorod"), so г -> h and г -> g both occur: the skeleton maps
# both to one letter.
_TRANSLIT = str.maketrans(CYRILLIC)

# Words that say what kind of place a name is; dropped from the key, kept as a hint.
REGION_WORDS = frozenset(
    {"oblast", "oblasti", "region", "province", "governorate", "krai", "kray", "state",
     "republic", "territory", "prefecture", "voivodeship", "canton", "oblasts", "regions"}
)  # fmt: skip
DISTRICT_WORDS = frozenset({"raion", "rayon", "district", "county", "parish", "municipality"})
CITY_WORDS = frozenset({"city", "town", "village", "settlement"})
_DROP_LEADING = frozenset({"the"})

_PUNCT = re.compile(r"[\u2019\u2018'`\u02bc\u02b9\u02bb\u00b4]")
_SEP = re.compile(r"[^0-9a-z]+")
# The longest name worth looking up; longer strings are not place names (and are cut, so a
# 10,000-character "name" costs no more than this).
MAX_KEY_CHARS = 80


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The exact-tier key: ``"Kharkiv"``, ``"KHARKIV"`` and ``"Харків"`` -> ``"kharkiv"``."""
    text = name[: MAX_KEY_CHARS * 2].casefold()
    if not text.isascii():  # most names in English news are ASCII: skip the Unicode work
        text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _PUNCT.sub("", text)
    text = text.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("ł", "l")
    return _SEP.sub(" ", text).strip()[:MAX_KEY_CHARS]


_VARIANTS = (
    ("shch", "sh"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("ck", "k"), ("tz", "ts"),
    ("w", "v"), ("j", "y"), ("x", "ks"),
)  # fmt: skip
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """The fallback-tier key of a :func:`name_key`: variant spellings collapse.

    Rules: kh/h, g/h (Russian and Ukrainian renderings of г), w/v, j/y, doubled letters, and
    vowels after the first letter of each word dropped, so ie/e, y/i and -iv/-ov meet
    (``"kharkiv"`` and ``"kharkov"`` -> ``"hrkv"``, ``"kyiv"`` and ``"kiev"`` -> ``"kv"``).
    """
    words = []
    for word in key.split():
        for old, new in _VARIANTS:
            word = word.replace(old, new)
        word = word.replace("g", "h")
        head, tail = word[:1], _VOWELS.sub("", word[1:])
        if head in "aeiouy":  # Izyum and Изюм ("yzium") start alike
            head = "a"
        words.append(_DOUBLE.sub(r"\1", head + tail))
    return " ".join(words)


# Adjectival endings of Ukrainian/Russian region names as ISO 3166-2 writes them
# ("Kharkivska oblast", "Donetska oblast", "Belgorodskaya oblast'"): the stem is the capital's.
_ADJECTIVAL = ("skaya", "skyi", "skiy", "ska", "aya", "yi", "iy", "a")


def region_stems(key: str) -> list[str]:
    """``"kharkivska"`` -> ``["kharkiv", "kharkivsk"]``: the stems a region name may have."""
    words = key.split()
    if not words:
        return []
    last, out = words[-1], []
    for ending in _ADJECTIVAL:
        if last.endswith(ending) and len(last) > len(ending) + 2:
            out.append(" ".join([*words[:-1], last[: -len(ending)]]))
    return out


@lru_cache(maxsize=65536)
def split_hint(key: str) -> tuple[str, AdminHint | None]:
    """Drop a leading "the" and a kind word from a key, returning the kind as a hint.

    ``"the donetsk region"`` -> ``("donetsk", "region")``; ``"city of donetsk"`` ->
    ``("donetsk", "city")``; ``"laurel county"`` -> ``("laurel", "district")``.
    """
    words = key.split()
    hint: AdminHint | None = None
    while words and words[0] in _DROP_LEADING:
        words = words[1:]
    if len(words) >= 3 and words[0] in CITY_WORDS and words[1] == "of":
        return " ".join(words[2:]), "city"
    if len(words) >= 3 and words[0] in REGION_WORDS and words[1] == "of":
        return " ".join(words[2:]), "region"
    if len(words) >= 2:
        if words[-1] in REGION_WORDS:
            hint, words = "region", words[:-1]
        elif words[-1] in DISTRICT_WORDS:
            hint, words = "district", words[:-1]
        elif words[-1] in CITY_WORDS:
            hint, words = "city", words[:-1]
    return " ".join(words), hint
