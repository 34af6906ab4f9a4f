"""JSON Lines input: fields, metadata, and a specific reject for every kind of bad line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from frontwire.ingest import IngestOptions, read_inputs
from frontwire.records import Article, Reject
from frontwire.util import article_id


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    return path


def read(path: Path, **options: Any) -> list[Article | Reject]:
    return list(read_inputs([path], IngestOptions(**options)))


def line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_fields_fill_the_source_and_the_rest_is_metadata(tmp_path: Path) -> None:
    record = line(
        id="wire-0042",
        text="Shelling hit the port on Monday.",
        url="https://wire.example/0042",
        title="Port shelled",
        published="May 16, 2022",
        outlet="Example Wire",
        language="en",
        tags=["port", "shelling"],
        extra={"desk": "east"},
    )
    (article,) = read(write_lines(tmp_path / "wire.jsonl", [record]))
    assert isinstance(article, Article)
    assert article.text == "Shelling hit the port on Monday."
    assert article.id == article_id(
        "Shelling hit the port on Monday.", "https://wire.example/0042", "Example Wire"
    )
    assert article.source.url == "https://wire.example/0042"
    assert article.source.title == "Port shelled"
    assert article.source.published == "2022-05-16"
    assert article.source.outlet == "Example Wire"
    assert article.source.path == str(tmp_path / "wire.jsonl")
    assert article.metadata == {
        "source_id": "wire-0042",
        "language": "en",
        "tags": ["port", "shelling"],
        "extra": {"desk": "east"},
        "_line": 1,
    }


def test_user_id_does_not_change_the_article_id(tmp_path: Path) -> None:
    lines = [line(id=1, text="Same report."), line(id="other", text="Same report.")]
    first, second = read(write_lines(tmp_path / "dup.jsonl", lines))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id
    assert (first.metadata["source_id"], second.metadata["source_id"]) == (1, "other")


def test_text_with_escapes_is_kept_exactly(tmp_path: Path) -> None:
    text = "Line one\r\nline two\u200b with a zero-width space\n\n\tand a tab"
    (article,) = read(write_lines(tmp_path / "raw.jsonl", [line(text=text)]))
    assert isinstance(article, Article) and article.original_text == text


def test_html_field_goes_through_extraction_and_record_fields_win(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Page title</title>"
        '<meta property="og:site_name" content="Page Outlet"></head><body><article>'
        "<p>Troops advanced along the river road on Tuesday, the defence ministry said in a "
        "statement, adding that fighting continued near two villages.</p>"
        "<p>Local officials reported damage to a bridge and a power line.</p>"
        "</article><footer>Copyright notice</footer></body></html>"
    )
    record = line(html=page, title="Record title", published="2022-05-17")
    (article,) = read(write_lines(tmp_path / "pages.ndjson", [record]))
    assert isinstance(article, Article)
    assert article.text.startswith("Troops advanced along the river road")
    assert "\n\nLocal officials reported" in article.text
    assert "Copyright notice" not in article.text
    assert article.source.title == "Record title"
    assert article.source.outlet == "Page Outlet"
    assert article.source.published == "2022-05-17"


def test_bad_date_keeps_the_article_and_the_raw_value(tmp_path: Path) -> None:
    (article,) = read(write_lines(tmp_path / "d.jsonl", [line(text="x", published="sometime")]))
    assert isinstance(article, Article)
    assert article.source.published is None
    assert article.metadata["published_raw"] == "sometime"


def test_default_published_fills_missing_and_bad_dates_only(tmp_path: Path) -> None:
    lines = [
        line(text="a", published="16 May 2022"),
        line(text="b"),
        line(text="c", published="05/06/2022"),  # ambiguous: not guessed
    ]
    items = read(write_lines(tmp_path / "d.jsonl", lines), published="2022-01-01")
    assert [item.source.published for item in items if isinstance(item, Article)] == [
        "2022-05-16",
        "2022-01-01",
        "2022-01-01",
    ]
    assert isinstance(items[2], Article) and items[2].metadata["published_raw"] == "05/06/2022"


def test_bad_lines_are_rejected_one_by_one_and_the_rest_go_on(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "mixed.jsonl",
        [
            line(text="Good one."),
            '{"text": "broken" "x"}',
            "",
            "[1, 2]",
            line(title="no text here"),
            line(text="   "),
            line(text="typed", title=5),
            line(text="typed id", id=[1]),
            line(text="typed date", published=20220516),
            line(text="Good two."),
        ],
    )
    items = read(path)
    articles = [item for item in items if isinstance(item, Article)]
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [a.text for a in articles] == ["Good one.", "Good two."]
    assert [a.metadata["_line"] for a in articles] == [1, 10]
    assert [(r.code, r.line) for r in rejects] == [
        ("FW306", 2),
        ("FW313", 4),
        ("FW307", 5),
        ("FW307", 6),
        ("FW310", 7),
        ("FW310", 8),
        ("FW310", 9),
    ]
    assert all(r.path == str(path) and r.stage == "ingest" for r in rejects)
    assert rejects[0].reason == (
        f"{path}:2: not valid JSON (Expecting ',' delimiter: line 1 column 19 (char 18))."
    )
    assert rejects[0].payload == '{"text": "broken" "x"}'
    assert "an array" in rejects[1].reason
    assert f"{path}:7: field 'title' must be a string, got 5" in rejects[4].reason
    assert len({r.id for r in rejects}) == len(rejects)


def test_line_over_the_limit_is_rejected_by_number_and_skipped(tmp_path: Path) -> None:
    long_line = line(text="x" * 500)
    path = write_lines(tmp_path / "big.jsonl", [line(text="short"), long_line, line(text="after")])
    items = read(path, max_bytes=200)
    assert [type(item).__name__ for item in items] == ["Article", "Reject", "Article"]
    reject = items[1]
    assert isinstance(reject, Reject)
    assert (reject.code, reject.line) == ("FW304", 2)
    assert f"{path}:2: {len(long_line)} bytes" in reject.reason
    assert isinstance(items[2], Article) and items[2].metadata["_line"] == 3


def test_json_extension_and_crlf_lines(tmp_path: Path) -> None:
    path = tmp_path / "win.json"
    path.write_bytes(b'{"text": "one"}\r\n\r\n{"text": "two"}\r\n')
    items = read(path)
    assert [(i.text, i.metadata["_line"]) for i in items if isinstance(i, Article)] == [
        ("one", 1),
        ("two", 3),
    ]


def test_utf8_bom_on_the_first_line_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "one"}\n')
    (article,) = read(path)
    assert isinstance(article, Article) and article.text == "one"


def test_cp1252_line_is_decoded_and_its_encoding_recorded(tmp_path: Path) -> None:
    text = "L’armée a repoussé une attaque près de la rivière, a déclaré l’état-major."
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(line(text=text).encode("cp1252") + b"\n")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == text
    assert article.metadata["encoding"] == "cp1252"


def test_pretty_printed_json_document_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"text": "a"}, {"text": "b"}], indent=2))
    (reject,) = read(path)
    assert isinstance(reject, Reject) and reject.code == "FW315"
    assert str(path) in reject.reason


def test_utf16_json_lines_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes((line(text="a") + "\n" + line(text="b") + "\n").encode("utf-16"))
    items = read(path)
    assert [item.text for item in items if isinstance(item, Article)] == ["a", "b"]


def test_binary_file_named_jsonl_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b"\x00\x01\x02garbage\n" * 100)
    (reject,) = read(path)
    assert isinstance(reject, Reject) and reject.code == "FW303"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_json_lines_file_without_lines_is_rejected_as_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "none.jsonl"
    path.write_bytes(content)
    (reject,) = read(path)
    assert isinstance(reject, Reject) and reject.code == "FW302"


def test_a_syndicated_copy_from_another_outlet_is_its_own_article(tmp_path: Path) -> None:
    text = "Shelling hit the port on Monday."
    records = [line(text=text, outlet="Example Wire"), line(text=text, outlet="Other Post")]
    first, second = read(write_lines(tmp_path / "wire.jsonl", records))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id != second.id
    again = read(write_lines(tmp_path / "again.jsonl", records[:1]))[0]
    assert isinstance(again, Article) and again.id == first.id


def test_html_records_read_for_extraction_elsewhere_finish_as_the_same_articles(
    tmp_path: Path,
) -> None:
    import json
    from dataclasses import replace

    from frontwire.ingest import HtmlCompleter, IngestOptions, is_pending, read_inputs
    from frontwire.records import Reject

    body = "<p>" + "Officials said shelling hit the bridge at dawn, wounding two. " * 8 + "</p>"
    page = (
        f"<html><head><title>Page title</title></head><body><article>{body}</article></body></html>"
    )
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "html": page, "title": "Record title"}) + "\n"
        + json.dumps({"id": "b", "html": "<html><body><script>x()</script></body></html>"}) + "\n"
        + json.dumps({"id": "c", "text": "Plain text about the bridge."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    direct = list(read_inputs([feed], IngestOptions()))
    deferred = list(read_inputs([feed], replace(IngestOptions(), defer_html=True)))
    assert sum(is_pending(a) for a in deferred if isinstance(a, Article)) == 2
    finished, failed = HtmlCompleter().complete([a for a in deferred if isinstance(a, Article)])
    assert finished == [a for a in direct if isinstance(a, Article)]
    assert finished[0].source.title == "Record title"
    assert [r.code for r in failed] == [r.code for r in direct if isinstance(r, Reject)]
