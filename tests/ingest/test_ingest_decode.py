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
