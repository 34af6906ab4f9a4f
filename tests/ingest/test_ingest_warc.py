"""WARC input: one article per HTML response, other records counted, broken records rejected."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from frontwire.ingest import IngestOptions, read_inputs
from frontwire.records import Article, Reject


def page(i: int) -> bytes:
    return (
        f"<html><head><title>Report {i}</title></head><body><article>"
        f"<p>Shelling hit the market in district {i} on Tuesday morning, officials said, and "
        f"rescue teams worked through the night to reach people under the rubble.</p>"
        f"</article></body></html>"
    ).encode()


def response(writer: WARCWriter, url: str, body: bytes, ctype: str = "text/html; charset=utf-8",
             status: str = "200 OK", date: str = "2022-05-16T10:00:00Z") -> None:  # fmt: skip
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )  # fmt: skip
    writer.write_record(record)


def build(path: Path, n: int, *, gz: bool, extras: bool = False) -> list[int]:
    """Write ``n`` HTML responses (and, with ``extras``, records that are not articles);
    return each response's byte offset."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    offsets = []
    if extras:
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
    for i in range(n):
        offsets.append(buf.tell())
        response(writer, f"https://news.example.org/{i}", page(i))
        if extras:
            request = writer.create_warc_record(
                f"https://news.example.org/{i}", "request",
                payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
            )  # fmt: skip
            writer.write_record(request)
    if extras:
        response(writer, "https://news.example.org/logo.png", b"\x89PNG....", ctype="image/png")
        response(writer, "https://news.example.org/gone", page(99), status="404 Not Found")
        meta = writer.create_warc_record(
            "https://news.example.org/0", "metadata", payload=io.BytesIO(b"fetchTimeMs: 12\r\n"),
            warc_content_type="application/warc-fields",
        )  # fmt: skip
        writer.write_record(meta)
    path.write_bytes(buf.getvalue())
    return offsets


def read(path: Path) -> tuple[list[Article], list[Reject], Counter[str]]:
    skipped: Counter[str] = Counter()
    items = list(read_inputs([path], IngestOptions(), skipped=skipped))
    articles = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    return articles, rejects, skipped


def test_each_html_response_becomes_an_article_with_the_record_url_and_date(tmp_path: Path) -> None:
    for gz in (False, True):
        path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
        build(path, 3, gz=gz, extras=True)
        articles, rejects, skipped = read(path)
        assert rejects == []
        assert [a.source.url for a in articles] == [
            f"https://news.example.org/{i}" for i in range(3)
        ]
        assert all(a.source.published == "2022-05-16T10:00:00Z"[:10] or
                   a.source.published.startswith("2022-05-16") for a in articles)  # type: ignore[union-attr]  # fmt: skip
        assert "district 1" in articles[1].text
        assert articles[0].source.path == str(path) and articles[0].source.title == "Report 0"
        assert articles[0].metadata["warc_date"] == "2022-05-16T10:00:00Z"
        assert skipped == Counter({"warcinfo": 1, "request": 3, "non-html": 1, "http-status": 1,
                                   "metadata": 1})  # fmt: skip


def test_a_truncated_gzip_warc_keeps_the_whole_records_and_rejects_the_cut_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cut.warc.gz"
    offsets = build(path, 3, gz=True)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[2] + (len(data) - offsets[2]) // 2])
    articles, rejects, _ = read(path)
    assert [a.source.url for a in articles] == [
        "https://news.example.org/0",
        "https://news.example.org/1",
    ]
    assert len(rejects) == 1
    reject = rejects[0]
    assert reject.code == "FW316" and reject.path == str(path)
    assert f"byte {offsets[2]}" in reject.reason and str(path) in reject.reason


def test_a_corrupt_record_in_the_middle_is_rejected_and_the_records_after_it_are_read(
    tmp_path: Path,
) -> None:
    for gz in (False, True):
        path = tmp_path / ("mid.warc.gz" if gz else "mid.warc")
        offsets = build(path, 3, gz=gz)
        data = bytearray(path.read_bytes())
        # Garble the second record from a little after its start to well inside it.
        for k in range(offsets[1] + 12, offsets[1] + 60):
            data[k] = ord("#")
        path.write_bytes(bytes(data))
        articles, rejects, _ = read(path)
        assert [a.source.url for a in articles] == [
            "https://news.example.org/0", "https://news.example.org/2"
        ]  # fmt: skip
        assert [r.code for r in rejects] == ["FW316"]
        assert f"byte {offsets[1]}" in rejects[0].reason


def test_a_header_cut_short_at_the_end_is_a_reject_not_silence(tmp_path: Path) -> None:
    path = tmp_path / "short.warc"
    offsets = build(path, 2, gz=False)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[1] + 40])
    articles, rejects, _ = read(path)
    assert len(articles) == 1
    assert [r.code for r in rejects] == ["FW316"] and f"byte {offsets[1]}" in rejects[0].reason


def test_warc_files_in_a_directory_are_read_with_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    build(folder / "a.warc.gz", 2, gz=True)
    (folder / "b.txt").write_text("Officials said the bridge was hit.", encoding="utf-8")
    articles, rejects, _ = read(folder)
    assert len(articles) == 3 and rejects == []


def test_records_read_for_extraction_elsewhere_finish_as_the_same_articles(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from frontwire.ingest import HtmlCompleter, is_pending

    path = tmp_path / "crawl.warc.gz"
    build(path, 4, gz=True, extras=True)
    direct, direct_rejects, _ = read(path)
    deferred = list(read_inputs([path], replace(IngestOptions(), defer_html=True)))
    raw = [i for i in deferred if isinstance(i, Article)]
    assert raw and all(is_pending(a) for a in raw)
    finished, failed = HtmlCompleter().complete(raw)
    assert finished == direct
    assert [r for r in deferred if isinstance(r, Reject)] + failed == direct_rejects
