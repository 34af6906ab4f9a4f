"""Look-alike letters are repaired per word, in context, in both directions."""

from __future__ import annotations

import pytest

from frontwire.forensics import Sanitizer

ENGLISH = (
    "Soldiers reached the border after a week of fighting near the city. "
    "The governor thanked the troops and said the retreat was a defeat for the invaders."
)
UKRAINIAN = (
    "Українські військові вийшли до кордону після тижня боїв біля міста. "
    "Губернатор подякував військовим і сказав, що відступ є поразкою для загарбників."
)
GREEK = (
    "Οι στρατιώτες έφτασαν στα σύνορα μετά από μια εβδομάδα μαχών κοντά στην πόλη. "
    "Ο κυβερνήτης ευχαρίστησε τα στρατεύματα."
)


def test_cyrillic_letters_hidden_in_english_words_are_repaired(sanitizer: Sanitizer) -> None:
    text = "The governor thаnked the troops in Khаrkiv."
    result = sanitizer.sanitize(text)
    assert result.text == "The governor thanked the troops in Kharkiv."
    assert [(e.original, e.replacement, e.script) for e in result.edits] == [
        ("а", "a", "Cyrillic"),
        ("а", "a", "Cyrillic"),
    ]


def test_lone_lookalike_words_follow_disguised_neighbours(sanitizer: Sanitizer) -> None:
    # "а" and "аt" alone could be typos; with "mаn" disguised beside them they are disguises.
    text = "Soldiers talk to а mаn аt а bridge."
    assert sanitizer.sanitize(text).text == "Soldiers talk to a man at a bridge."


def test_all_lookalike_word_without_evidence_is_left_alone(sanitizer: Sanitizer) -> None:
    text = "ВІКІ is Ukrainian for WIKI, and ОЅСЕ is an acronym."
    result = sanitizer.sanitize(text)
    assert result.text == text
    assert result.report.verdict == "clean"


def test_all_lookalike_word_with_evidence_is_repaired(sanitizer: Sanitizer) -> None:
    text = "The ОЅСЕ mission reported thаt shelling continued."
    assert sanitizer.sanitize(text).text == "The OSCE mission reported that shelling continued."


def test_capitalised_mix_needs_evidence(sanitizer: Sanitizer) -> None:
    # A Ukrainian "Е" typed into a Latin band name is no disguise on its own.
    assert sanitizer.sanitize("SENSЕ - Oleg Tsedryk").text == "SENSЕ - Oleg Tsedryk"
    text = "SENSЕ played in Kharkiv, thаnks to the organisers."
    assert sanitizer.sanitize(text).text == "SENSE played in Kharkiv, thanks to the organisers."


def test_greek_symbol_in_an_identifier_stays(sanitizer: Sanitizer) -> None:
    text = "Humanized HLA-DR4.RagKO.IL2RγcKO.NOD (DRAG) mice"
    assert sanitizer.sanitize(text).text == text


def test_genuine_ukrainian_short_words_stay(sanitizer: Sanitizer) -> None:
    text = "А у нас о цій порі с полів збирають урожай, а в містах тихо."
    result = sanitizer.sanitize(text)
    assert result.text == text
    assert result.edits == ()


@pytest.mark.parametrize("text", [UKRAINIAN, GREEK, ENGLISH])
def test_clean_text_in_any_script_is_untouched(sanitizer: Sanitizer, text: str) -> None:
    result = sanitizer.sanitize(text)
    assert result.text == text
    assert result.report.verdict == "clean"


def test_latin_letters_hidden_in_ukrainian_words_are_repaired(sanitizer: Sanitizer) -> None:
    text = UKRAINIAN.replace("кордону", "кopдону").replace("міста", "мicтa")
    result = sanitizer.sanitize(text)
    assert result.text == UKRAINIAN
    assert {e.script for e in result.edits} == {"Latin"}


def test_latin_letters_hidden_in_greek_words_are_repaired(sanitizer: Sanitizer) -> None:
    text = GREEK.replace("στρατιώτες", "στpατιώτες").replace("πόλη", "πόλn")
    result = sanitizer.sanitize(text)
    # "n" has no Greek look-alike, so "πόλn" is left as it is; "p" becomes "ρ".
    assert "στρατιώτες" in result.text
    assert "πόλn" in result.text


def test_lone_latin_letter_in_ukrainian_text_needs_a_disguised_neighbour(
    sanitizer: Sanitizer,
) -> None:
    clean = "Україна i Польща"  # a Latin "i": a slip or a disguise?
    assert sanitizer.sanitize(clean).text == clean
    tampered = "Україна i Пoльща підписали угоду"
    assert sanitizer.sanitize(tampered).text == "Україна і Польща підписали угоду"


@pytest.mark.parametrize(
    "text",
    [
        "У XXI столітті Укрaїна вступить до NATO.",  # numerals and acronyms stay Latin
        "Температура 25 °C, а в Києві дощ, пишуть у Тeлеграмі.",  # units stay Latin
    ],
)
def test_latin_acronyms_and_units_in_ukrainian_text_stay(sanitizer: Sanitizer, text: str) -> None:
    result = sanitizer.sanitize(text)
    for kept in ("XXI", "NATO", "°C"):
        if kept in text:
            assert kept in result.text
    assert "Україна" in result.text or "Телеграмі" in result.text


@pytest.mark.parametrize("name", ["Łódź", "İstanbul", "Erdoğan", "Čeština", "Ελληνικά", "Kırım"])
def test_names_with_diacritics_stay(sanitizer: Sanitizer, name: str) -> None:
    text = f"Officials from {name} thаnked the volunteers."
    result = sanitizer.sanitize(text)
    assert name in result.text
    assert "thanked" in result.text


def test_word_whose_foreign_letters_have_no_lookalike_is_left_and_flagged(
    checked_sanitizer: Sanitizer,
) -> None:
    text = "Він купив новий iPhoneом вчора."
    result = checked_sanitizer.sanitize(text)
    assert result.text == text
    (disagreement,) = result.report.disagreements
    assert disagreement.span.text == "iPhoneом"
    assert "left unchanged" in disagreement.detail


def test_armenian_and_mixed_family_lookalikes_are_repaired(sanitizer: Sanitizer) -> None:
    text = "The mіssіon was ѕuccesѕful, said the օfficer in Κyiv."
    assert sanitizer.sanitize(text).text == (
        "The mission was successful, said the officer in Kyiv."
    )


def test_english_quote_inside_ukrainian_text_keeps_its_script(sanitizer: Sanitizer) -> None:
    text = "Він сказав англійською «we hаve arrived» і пішов до кордону."
    result = sanitizer.sanitize(text)
    assert "«we have arrived»" in result.text
    assert "пішов до кордону" in result.text


@pytest.mark.parametrize(
    "word",
    [
        "\u041a\u04ae\u0406\u0474",  # К Ү І Ѵ: Kazakh Ү, Ukrainian І, Church Slavonic Ѵ
        "\u041a\u0423\u0406\u0474",  # К У І Ѵ
    ],
)
def test_a_capital_word_no_language_writes_is_repaired_without_other_evidence(
    sanitizer: Sanitizer, word: str
) -> None:
    text = f"Missiles struck {word} overnight, the air force said."
    result = sanitizer.sanitize(text)
    assert result.text == "Missiles struck KYIV overnight, the air force said."
    assert [(e.original, e.replacement, e.script) for e in result.edits] == [
        (word, "KYIV", "Cyrillic")
    ]
    assert result.report.counts_by_script == {"Cyrillic": 4}
    assert result.report.disguises == 1 and result.report.verdict != "clean"


@pytest.mark.parametrize(
    "text",
    [
        "The sign read МОСКВА in large letters, and another СССР.",
        "Serbian papers printed ЈА ОВДЕ on the front page.",
        "ВІКІ is Ukrainian for WIKI.",
        "УКРАЇНА ПЕРЕМОЖЕ, the crowd chanted.",
        "Protesters held banners reading НЕТ ВОЙНЕ in Almaty, with КӨК and АҚ stripes.",
        "УКРАЇНА ПЕРЕМОЖЕ! КИЇВ ВИСТОЇТЬ.",
    ],
)
def test_legitimate_cyrillic_capitals_stay_untouched(sanitizer: Sanitizer, text: str) -> None:
    result = sanitizer.sanitize(text)
    assert result.text == text and result.edits == ()
