"""The capital letters of the living languages written in Cyrillic, to tell a word someone
wrote from a word someone assembled out of look-alikes.

A word in capitals made only of Cyrillic look-alikes of Latin letters ("ВІКІ", "ОЅСЕ",
"МОСКВА") is usually genuine: an acronym or a quoted name, and it is repaired only when the
document shows other disguises. But "KYIV" spelt with a Kazakh "Ү", a Ukrainian "І" and the
Church Slavonic "Ѵ" is a word no language writes: no one alphabet holds its letters. Such a word
is a disguise on its own evidence.

Alphabets from the languages' official orthographies (capital forms; Wikipedia's "Cyrillic
alphabets" table checked against each language's own article). A language missing here can
only make the check more eager: add its alphabet if genuine words of it are repaired.
"""

from __future__ import annotations

_RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"

#: Capital letters of each language, by name.
CYRILLIC_ALPHABETS: dict[str, frozenset[str]] = {
    name: frozenset(letters)
    for name, letters in {
        "Russian": _RUSSIAN,
        "Ukrainian": "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ",
        "Belarusian": "АБВГҐДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЬЭЮЯ",
        "Rusyn": "АБВГҐДЕЄЁЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЪЫЬЮЯ",
        "Bulgarian": "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ",
        "Serbian": "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
        "Montenegrin": "АБВГДЂЕЖЗЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
        "Macedonian": "АБВГДЃЕЖЗЅИЈКЛЉМНЊОПРСЌТУФХЦЧЏШ",
        "Kazakh": "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ",
        "Kyrgyz": "АБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ",
        "Mongolian": "АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ",
        "Tajik": "АБВГҒДЕЁЖЗИӢЙКҚЛМНОПРСТУӮФХҲЧҶШЪЭЮЯ",
        "Tatar": "АӘБВГДЕЁЖҖЗИЙКЛМНҢОӨПРСТУҮФХҺЦЧШЩЪЫЬЭЮЯ",
        "Bashkir": "АӘБВГҒДҘЕЁЖЗИЙКҠЛМНҢОӨПРСҪТУҮФХҺЦЧШЩЪЫЬЭЮЯ",
        "Chuvash": "АӐБВГДЕЁӖЖЗИЙКЛМНОПРСҪТУӲФХЦЧШЩЪЫЬЭЮЯ",
        "Uzbek": "АБВГДЕЁЖЗИЙКҚЛМНОПРСТУЎФХҲЦЧШЪЬЭЮЯҒ",
        "Azerbaijani": "АБВГҒДЕӘЖЗИЫЈКҜЛМНОӨПРСТУҮФХҺЧҸШ",
        "Turkmen": "АБВГДЕЁЖҖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭӘЮЯ",
        "Abkhaz": "АБВГҔДЏЕҼЖЗӠИКҚҞЛМНОҨПҦРСҬТҴУФХҲЦҶЧҾШЫҘЬӘ",
        "Ossetian": "АӔБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
        # Chechen, Ingush, Avar and other Caucasian languages: Russian plus the palochka.
        "Caucasian": _RUSSIAN + "Ӏ",
        "Komi": "АБВГДЕЁЖЗИІЙКЛМНОӦПРСТУФХЦЧШЩЪЫЬЭЮЯ",
        "Udmurt": "АБВГДЕЁЖӜЗӞИӤЙКЛМНОӦПРСТУФХЦЧӴШЩЪЫЬЭЮЯ",
        "Mari": "АӒБВГДЕЁЖЗИЙКЛМНҤОӦӨПРСТУӰФХЦЧШЩЪЫӸЬЭЮЯ",
        "Yakut": "АБВГҔДЕЁЖЗИЙКЛМНҤОӨПРСҺТУҮФХЦЧШЩЪЫЬЭЮЯ",
        "Buryat": "АБВГДЕЁЖЗИЙКЛМНОӨПРСТУҮФХҺЦЧШЩЪЫЬЭЮЯ",
        "Kalmyk": "АӘБВГҺДЕЖҖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЬЭЮЯ",
        "Tuvan": "АБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ",
        "Khakas": "АБВГҒДЕЁЖЗИЙІКЛМНҢОӦПРСТУӰФХЦЧҶШЩЪЫЬЭЮЯ",
        "Altai": "АБВГДЕЁЖЗИЙЈКЛМНҤОӦПРСТУӰФХЦЧШЩЪЫЬЭЮЯ",
        "Karakalpak": "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУЎҮФХҲЦЧШЩЪЫЬЭЮЯ",
        "Kurdish": "АБВГДЕӘЖЗИЙКЛМНОӦПҚРСТУФХҺҸЧШЩЬЭԚԜ",
    }.items()
}


def written_by_some_language(word: str) -> bool:
    """Whether one Cyrillic alphabet holds every Cyrillic letter of ``word`` (in capitals).

    Args:
        word: a word; its letters outside Cyrillic are ignored.
    """
    letters = {ch.upper() for ch in word if "\u0400" <= ch <= "\u052f"}
    return any(letters <= alphabet for alphabet in CYRILLIC_ALPHABETS.values())
