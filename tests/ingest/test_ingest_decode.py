"""Decoding: UTF-8 first, byte-order marks, detected legacy encodings, binary refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwire.errors import InputError
from frontwire.ingest import IngestOptions, read_inputs
from frontwire.ingest.decode import MAX_CONTROL_SHARE, decode_bytes
from frontwire.records import Article

FRENCH = (
    "Les forces ont repoussé une attaque près de la rivière lundi, a déclaré l’état-major. "
    "« Nous tenons nos positions », a-t-il ajouté, précisant que deux soldats ont été blessés.\n"
)
GERMAN = (
    "Die Armee meldete am Montag schwere Kämpfe südlich der Stadt. Drei Gebäude wurden "
    "beschädigt, teilte die Verwaltung mit; über Verletzte ist nichts bekannt.\n"
)
POLISH = (
    "Armia poinformowała w poniedziałek o ciężkich walkach na południe od miasta. Według władz "
    "uszkodzone zostały trzy budynki, nie ma informacji o rannych.\n"
)
RUSSIAN = (
    "Украинские войска отразили атаку под Харьковом, заявил генеральный штаб в понедельник. "
    "По словам военных, противник понёс потери.\n"
)


def read_file(path: Path) -> Article:
    (item,) = read_inputs([path], IngestOptions())
    assert isinstance(item, Article), item
    return item


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "cp1252"),
        (GERMAN, "latin-1"),
        (GERMAN, "cp1252"),
        (POLISH, "cp1250"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (FRENCH, "utf-16"),
        (RUSSIAN, "utf-32"),
    ],
)
def test_legacy_and_wide_encodings_are_detected(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    article = read_file(path)
    assert article.original_text == text
    assert article.metadata["encoding"]  # recorded whenever the file was not UTF-8


def test_cp1252_is_recorded_by_its_codec_name(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    assert read_file(path).metadata["encoding"] == "cp1252"


def test_utf16_without_byte_order_mark_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "le.txt"
    path.write_bytes(GERMAN.encode("utf-16-le"))
    article = read_file(path)
    assert article.original_text == GERMAN
    assert article.metadata["encoding"] == "utf-16-le"


def test_one_utf8_byte_order_mark_is_removed_and_not_recorded(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ("\ufeff" + FRENCH).encode("utf-8"))
    article = read_file(path)
    assert article.original_text == "\ufeff" + FRENCH  # only the first mark is a byte-order mark
    assert "encoding" not in article.metadata


def test_utf8_is_tried_before_detection() -> None:
    decoded = decode_bytes(FRENCH.encode("utf-8"), "a.txt")
    assert decoded.text == FRENCH and decoded.encoding is None


def test_byte_order_mark_with_invalid_body_is_not_text() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(b"\xef\xbb\xbf\xff\xfe\xfd text", "a.txt")
    assert caught.value.code == "FW305"
    assert "a.txt" in caught.value.message


def test_nul_bytes_outside_wide_text_mean_binary() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(b"Report\x00\x00\x00 more text \x00 here and a bit more", "blob.bin")
    assert caught.value.code == "FW303"
    assert "4 NUL bytes, the first at byte 6" in caught.value.message


def test_many_control_characters_mean_binary() -> None:
    data = b"text\x01\x02\x03\x04\x05\x06 more text"
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "ctl.dat")
    assert caught.value.code == "FW303"
    assert "control characters" in caught.value.message


def test_a_few_stray_control_characters_are_still_text() -> None:
    text = FRENCH + "\x1a"  # an old DOS end-of-file mark
    assert len("\x1a") / len(text) < MAX_CONTROL_SHARE
    assert decode_bytes(text.encode("utf-8"), "dos.txt").text == text


# Western news in windows-1252 with the characters that detectors misread on short texts: curly
# quotes and apostrophes, a pound sign before a number, dashes, a diaeresis in a name.
WESTERN_NEWS = (
    "The club paid \u00a334m for the striker, his agent said on Tuesday \u2013 a fee that "
    "\u201cnobody expected\u201d. Isma\u00ebl Diallo\u2019s wife\u2019s family watched "
    "from the stand.\n"
)
CZECH = (
    "Praha: P\u0159es noc se situace na hranici zhor\u0161ila, \u0159ekl mluv\u010d\u00ed "
    "ministerstva. \u010cty\u0159i lid\u00e9 byli zran\u011bni a d\u016fm byl po\u0161kozen.\n"
)
# Greek that windows-1253 and ISO-8859-7 read differently only in "Ά" (0xA2): the other reads
# it as a closing quote at the start of the word. Nothing in the bytes tells them apart.
GREEK_AMBIGUOUS = "Ο \u0386ρης είπε ότι οι εκλογές θα γίνουν τον Ιούνιο.\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(WESTERN_NEWS, "cp1252"), (CZECH, "cp1250"), (GREEK_AMBIGUOUS, "iso8859-7")],
)
def test_legacy_news_decodes_to_the_text_a_reader_sees(text: str, encoding: str) -> None:
    decoded = decode_bytes(text.encode(encoding), "news.txt")
    assert decoded.text == text
    if encoding != "iso8859-7":
        assert decoded.doubt is None


def test_two_equally_good_readings_are_flagged_not_guessed_silently(tmp_path: Path) -> None:
    path = tmp_path / "greek.txt"
    path.write_bytes(GREEK_AMBIGUOUS.encode("cp1253"))
    article = read_file(path)
    doubt = article.metadata["encoding_doubt"]
    assert {doubt["chosen"], doubt["rival"]} == {"cp1253", "iso8859-7"}
    assert doubt["margin"] < 1.5
    assert "ρης" in doubt["sample"]


def test_encoding_doubt_reaches_the_tamper_report(tmp_path: Path, config) -> None:  # type: ignore[no-untyped-def]
    from frontwire.forensics.stage import SanitizeStage
    from frontwire.pipeline import Context

    path = tmp_path / "greek.txt"
    path.write_bytes(GREEK_AMBIGUOUS.encode("cp1253"))
    article = SanitizeStage(Context(config=config)).process(read_file(path))
    assert article.forensics is not None
    assert article.forensics.verdict != "clean"  # no edits, yet never a silent "clean"
    assert article.forensics.to_json()["encoding_doubt"]["rival"]


def test_declared_charset_decides_between_close_readings(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-7"><title>Εκλογές</title></head><body><p>'
        + GREEK_AMBIGUOUS
        + "</p></body></html>"
    )
    decoded = decode_bytes(page.encode("iso8859-7"), "page.html")
    assert decoded.encoding == "iso8859-7"
    assert decoded.doubt is None
    assert GREEK_AMBIGUOUS.strip() in decoded.text


def test_iso_8859_1_label_means_windows_1252_as_browsers_read_it() -> None:
    data = WESTERN_NEWS.encode("cp1252")
    assert decode_bytes(data, "p.html", declared="ISO-8859-1").text == WESTERN_NEWS


@pytest.mark.slow
def test_every_legacy_file_of_wikiref220_reads_as_windows_1252(shared_dir: Path) -> None:
    """The English news files that are not UTF-8 are windows-1252: each must read as such."""
    folder = shared_dir / "eval" / "dedup" / "wikiref220"
    wrong = []
    legacy = 0
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
            continue
        except UnicodeDecodeError:
            legacy += 1
        decoded = decode_bytes(data, path.name)
        if decoded.text != data.decode("cp1252"):
            wrong.append((path.name, decoded.encoding))
    assert legacy > 100
    assert wrong == []
