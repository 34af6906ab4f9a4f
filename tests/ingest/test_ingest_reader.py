"""read_inputs and count_inputs over real files in tmp_path: formats, bad input, ids, laziness."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontwire.errors import InputError
from frontwire.ingest import IngestOptions, count_inputs, read_inputs
from frontwire.ingest import reader as reader_module
from frontwire.records import Article, Reject
from frontwire.util import article_id

REPORT = (
    "Artillery struck residential districts on the northern edge of the city overnight, "
    "local officials said on Monday.\n\n"
    "Emergency crews worked through the morning to clear debris; two people were injured.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Shelling hits northern suburbs | The Border Courier</title>
<meta property="og:title" content="Shelling hits northern suburbs">
<meta property="og:site_name" content="The Border Courier">
<meta property="og:url" content="https://courier.example/2022/05/16/shelling">
<meta property="article:published_time" content="2022-05-16T08:30:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/subscribe">Subscribe now</a></nav></header>
<main><article>
<h1>Shelling hits northern suburbs</h1>
<p>Artillery struck residential districts on the northern edge of the city overnight, local
officials said on Monday, damaging several apartment blocks and a school.</p>
<p>Emergency crews worked through the morning to clear debris. The regional governor said two
people were injured and taken to hospital, and that power had been restored by noon.</p>
<p>Residents described hearing explosions for more than an hour before the shelling stopped
shortly after dawn.</p>
</article></main>
<footer><p>Copyright 2022 The Border Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>
"""


def read(paths: list[Any], **options: Any) -> list[Article | Reject]:
    return list(read_inputs(paths, IngestOptions(**options)))


def only_article(items: list[Article | Reject]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def only_reject(items: list[Article | Reject]) -> Reject:
    assert len(items) == 1, items
    assert isinstance(items[0], Reject), items[0]
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


# --- plain text -----------------------------------------------------------------------------


def test_text_file_becomes_one_article_with_its_exact_text(tmp_path: Path) -> None:
    path = write(tmp_path / "report.txt", REPORT)
    article = only_article(read([path], published="2022-05-16"))
    assert article.original_text == REPORT
    assert article.text == REPORT
    assert article.id == article_id(REPORT)
    assert article.source.path == str(path)
    assert article.source.title is None
    assert article.source.published == "2022-05-16"
    assert "encoding" not in article.metadata


def test_text_is_not_normalised_in_any_way(tmp_path: Path) -> None:
    text = "Line one\r\nline two\rline three \t\n\n  indented\u00a0space\u200b\n"
    path = write(tmp_path / "raw.txt", text)
    assert only_article(read([path])).original_text == text


def test_path_is_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "data" / "a.txt", REPORT)
    monkeypatch.chdir(tmp_path)
    assert only_article(read(["./data/a.txt"])).source.path == "./data/a.txt"


def test_published_option_is_normalised_to_iso(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", REPORT)
    assert only_article(read([path], published="16 May 2022")).source.published == "2022-05-16"


def test_malformed_published_option_fails_the_whole_run_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_inputs([tmp_path / "a.txt"], IngestOptions(published="last Tuesday"))
    assert caught.value.code == "FW312"


# --- HTML -----------------------------------------------------------------------------------


def test_html_page_yields_main_text_without_boilerplate(tmp_path: Path) -> None:
    article = only_article(read([write(tmp_path / "page.html", PAGE)]))
    assert "Artillery struck residential districts" in article.text
    assert "shortly after dawn." in article.text
    for boilerplate in ("Subscribe now", "Copyright 2022", "Privacy policy", "Cookie settings"):
        assert boilerplate not in article.text
    assert article.original_text == article.text
    assert article.id == article_id(article.text, article.source.url, article.source.outlet)


def test_html_paragraphs_are_separated_by_blank_lines(tmp_path: Path) -> None:
    article = only_article(read([write(tmp_path / "page.htm", PAGE)]))
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4  # the headline and three paragraphs
    assert paragraphs[1].startswith("Artillery struck")
    assert paragraphs[2].startswith("Emergency crews")


def test_html_metadata_fills_the_source(tmp_path: Path) -> None:
    article = only_article(read([write(tmp_path / "page.html", PAGE)], published="2020-01-01"))
    assert article.source.title == "Shelling hits northern suburbs"
    assert article.source.published == "2022-05-16"  # the page's own date wins over the default
    assert article.source.url == "https://courier.example/2022/05/16/shelling"
    assert article.source.outlet == "The Border Courier"


def test_html_without_a_date_takes_the_published_option(tmp_path: Path) -> None:
    undated = PAGE.replace(
        '<meta property="article:published_time" content="2022-05-16T08:30:00+00:00">', ""
    ).replace("2022/05/16/", "")  # htmldate also reads dates from the URL
    assert "2022" not in undated.replace("Copyright 2022", "")
    article = only_article(read([write(tmp_path / "p.html", undated)], published="2022-06-01"))
    assert article.source.published == "2022-06-01"


def test_html_without_main_text_is_rejected_with_the_page_kept(tmp_path: Path) -> None:
    page = "<html><head><title>Empty</title></head><body><script>var x = 1;</script></body></html>"
    reject = only_reject(read([write(tmp_path / "empty.html", page)]))
    assert reject.code == "FW308"
    assert str(tmp_path / "empty.html") in reject.reason
    assert reject.payload == page


# --- directories, order, sniffing -----------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "z.txt"]:
        write(root / name, f"Report {name}: fighting continued near the river.\n")
    write(root / ".hidden.txt", "hidden report\n")
    write(root / ".git" / "e.txt", "hidden directory\n")
    paths = [item.source.path for item in read([root]) if isinstance(item, Article)]
    expected = ["a.txt", "b.txt", "sub/c.txt", "sub/deeper/d.txt", "z.txt"]
    assert paths == [os.path.join(str(root), *name.split("/")) for name in expected]


def test_unknown_extensions_are_sniffed(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    write(root / "a.md", REPORT)
    write(root / "b.dat", '{"text": "Shelling near the bridge."}\n{"text": "Drone strike."}\n')
    write(root / "c.page", PAGE)
    items = read([root])
    assert all(isinstance(item, Article) for item in items), items
    texts = [item.text for item in items if isinstance(item, Article)]
    assert texts[0] == REPORT
    assert texts[1:3] == ["Shelling near the bridge.", "Drone strike."]
    assert texts[3].startswith("Shelling hits northern suburbs\n\nArtillery")


def test_input_format_option_forces_the_format_of_unknown_extensions(tmp_path: Path) -> None:
    path = write(tmp_path / "lines.dat", '{"text": "Shelling near the bridge."}\n')
    article = only_article(read([path], input_format="txt"))
    assert article.text == '{"text": "Shelling near the bridge."}\n'


def test_known_extension_wins_over_content(tmp_path: Path) -> None:
    text = '{"text": "this is a text file that happens to hold JSON"}\n'
    assert only_article(read([write(tmp_path / "a.txt", text)])).text == text


def test_symlink_loop_in_directory_ends(tmp_path: Path) -> None:
    root = tmp_path / "loop"
    write(root / "a.txt", REPORT)
    (root / "again").symlink_to(root, target_is_directory=True)
    items = read([root])
    assert [item.source.path for item in items if isinstance(item, Article)] == [
        str(root / "a.txt")
    ]


# --- stdin ----------------------------------------------------------------------------------


def test_stdin_text(tmp_path: Path) -> None:
    items = list(read_inputs(["-"], IngestOptions(), stdin=io.BytesIO(REPORT.encode())))
    article = only_article(items)
    assert article.text == REPORT
    assert article.source.path == "<stdin>"


def test_stdin_json_lines_are_sniffed() -> None:
    data = b'\n{"text": "First report.", "title": "One"}\n{"text": "Second report."}\n'
    items = list(read_inputs(["-"], IngestOptions(), stdin=io.BytesIO(data)))
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.text for a in articles] == ["First report.", "Second report."]
    assert [a.metadata["_line"] for a in articles] == [2, 3]
    assert articles[0].source.title == "One"


def test_stdin_html_is_sniffed() -> None:
    items = list(read_inputs(["-"], IngestOptions(), stdin=io.BytesIO(PAGE.encode())))
    assert only_article(items).source.outlet == "The Border Courier"


def test_stdin_mixed_with_files_keeps_order(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt", "First report of shelling.\n")
    items = list(
        read_inputs([first, "-"], IngestOptions(), stdin=io.BytesIO(b"From standard input.\n"))
    )
    assert [item.source.path for item in items if isinstance(item, Article)] == [
        str(first),
        "<stdin>",
    ]


def test_stdin_over_the_limit_is_rejected_without_reading_on() -> None:
    # A stream may never end, so its size is not measured by reading the rest of it.
    stream = io.BytesIO(b"word " * 100)
    reject = only_reject(list(read_inputs(["-"], IngestOptions(max_bytes=100), stdin=stream)))
    assert reject.code == "FW321"
    assert "more than 100 bytes" in reject.reason
    assert stream.tell() <= 101


# --- bad input ------------------------------------------------------------------------------


def test_missing_path_is_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", REPORT)
    missing = tmp_path / "missing.txt"
    items = read([missing, good])
    assert isinstance(items[0], Reject) and items[0].code == "FW301"
    assert items[0].path == str(missing)
    assert str(missing) in items[0].reason
    assert isinstance(items[1], Article) and items[1].text == REPORT


def test_empty_file_is_rejected(tmp_path: Path) -> None:
    reject = only_reject(read([write(tmp_path / "empty.txt", b"")]))
    assert reject.code == "FW302"
    assert reject.stage == "ingest"
    assert str(tmp_path / "empty.txt") in reject.reason


def test_whitespace_only_file_is_rejected_with_its_payload(tmp_path: Path) -> None:
    reject = only_reject(read([write(tmp_path / "blank.txt", " \n\t\n")]))
    assert reject.code == "FW309"
    assert reject.payload == " \n\t\n"


def test_binary_file_is_rejected_naming_the_nul_bytes(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    reject = only_reject(read([write(tmp_path / "image.txt", data)]))
    assert reject.code == "FW303"
    assert "NUL bytes" in reject.reason
    assert reject.payload is None


def test_random_bytes_never_become_an_article(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    for index in range(5):
        data = bytes(rng.randrange(256) for _ in range(4000))
        reject = only_reject(read([write(tmp_path / f"noise{index}.txt", data)]))
        assert reject.code in {"FW303", "FW305"}


def test_high_bytes_that_are_no_encoding_are_rejected(tmp_path: Path) -> None:
    import random

    rng = random.Random(11)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    reject = only_reject(read([write(tmp_path / "high.txt", data)]))
    assert reject.code in {"FW303", "FW305"}
    assert str(tmp_path / "high.txt") in reject.reason


def test_file_over_max_bytes_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "x" * 1001)
    reject = only_reject(read([path], max_bytes=1000))
    assert reject.code == "FW304"
    assert "1001 bytes" in reject.reason and "1000 bytes" in reject.reason
    assert only_article(read([write(tmp_path / "fits.txt", "x" * 1000)], max_bytes=1000))


def test_fifty_megabyte_file_is_rejected_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dump.txt"
    line = b"Shelling was reported near the front line overnight, officials said.\n"
    block = line * (1024 * 1024 // len(line) + 1)
    with path.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(block)
    size = path.stat().st_size

    reads: list[int] = []

    class Spy(io.BufferedReader):
        def read(self, size: int | None = -1, /) -> bytes:
            reads.append(-1 if size is None else size)
            return super().read(size)

        def readline(self, size: int | None = -1, /) -> bytes:
            reads.append(-1 if size is None else size)
            return super().readline(size)

    def spy_open(file: str, mode: str = "r") -> io.BufferedReader:
        assert mode == "rb"
        return Spy(io.FileIO(file, "r"))

    monkeypatch.setattr(reader_module, "open", spy_open, raising=False)
    reject = only_reject(read([path]))
    assert reject.code == "FW304"
    assert f"{size} bytes" in reject.reason
    assert reads == []


def test_unreadable_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt", REPORT)

    def refuse(file: str, mode: str = "r") -> io.BufferedReader:
        raise PermissionError(13, "Permission denied", file)

    monkeypatch.setattr(reader_module, "open_regular", refuse)
    reject = only_reject(read([path]))
    assert reject.code == "FW311"
    assert "Permission denied" in reject.reason and str(path) in reject.reason


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_file_without_read_permission_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", REPORT)
    path.chmod(0)
    try:
        assert only_reject(read([path])).code == "FW311"
    finally:
        path.chmod(0o600)


def test_large_payload_is_not_kept(tmp_path: Path) -> None:
    reject = only_reject(read([write(tmp_path / "blank.txt", " " * 50)], keep_payload_chars=10))
    assert reject.code == "FW309"
    assert reject.payload is None


def test_rejecting_the_same_input_twice_gives_the_same_reject_id(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    assert only_reject(read([path])).id == only_reject(read([path])).id
    other = write(tmp_path / "other.txt", b"")
    assert only_reject(read([other])).id != only_reject(read([path])).id


# --- ids ------------------------------------------------------------------------------------


def test_ids_are_stable_across_reads(tmp_path: Path) -> None:
    root = tmp_path / "c"
    write(root / "a.txt", REPORT)
    write(root / "b.html", PAGE)
    write(root / "c.jsonl", '{"text": "A line report.", "id": 7}\n')
    first = [item.id for item in read([root])]
    second = [item.id for item in read([root])]
    assert first == second and len(set(first)) == 3


def test_same_text_in_two_files_gives_the_same_id(tmp_path: Path) -> None:
    one = only_article(read([write(tmp_path / "one.txt", REPORT)]))
    two = only_article(read([write(tmp_path / "sub" / "two.text", REPORT)]))
    assert one.id == two.id
    assert one.source.path != two.source.path


# --- laziness -------------------------------------------------------------------------------


def test_later_paths_are_not_touched_before_the_first_article_is_taken(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt", "First report.\n")
    second = tmp_path / "second.txt"
    asked: list[str] = []

    def paths() -> Iterator[Path]:
        asked.append("first")
        yield first
        asked.append("second")
        yield second

    stream = read_inputs(paths(), IngestOptions())
    assert asked == []  # nothing is read before the first article is asked for
    taken = next(stream)
    assert isinstance(taken, Article) and taken.text == "First report.\n"
    assert asked == ["first"]
    second.write_text("Second report, written only after the first was taken.\n")
    later = next(stream)
    assert isinstance(later, Article) and later.text.startswith("Second report")


def test_json_lines_are_read_one_at_a_time(tmp_path: Path) -> None:
    path = write(tmp_path / "grow.jsonl", '{"text": "First."}\n')
    stream = read_inputs([path], IngestOptions())
    first = next(stream)
    assert isinstance(first, Article) and first.text == "First."
    with path.open("a") as handle:  # appended after the first line was taken
        handle.write('{"text": "Second."}\n')
    second = next(stream)
    assert isinstance(second, Article) and second.text == "Second."


# --- count_inputs ---------------------------------------------------------------------------


def test_count_inputs_counts_files_and_json_lines(tmp_path: Path) -> None:
    root = tmp_path / "c"
    write(root / "a.txt", REPORT)
    write(root / "b.html", PAGE)
    write(root / "lines.jsonl", '{"text": "a"}\n{"text": "b"}\n{"text": "c"}')
    write(root / "sniffed.dat", '{"text": "a"}\n{"text": "b"}\n')
    write(root / ".hidden.txt", REPORT)
    missing = tmp_path / "missing.txt"
    assert count_inputs([root, missing]) == 1 + 1 + 3 + 2 + 1
    assert count_inputs([root]) == len(read([root]))


def test_count_inputs_is_unknown_with_stdin(tmp_path: Path) -> None:
    assert count_inputs([write(tmp_path / "a.txt", REPORT), "-"]) is None


# --- the shared example, read in place ------------------------------------------------------


def test_seed_article_is_ingested_byte_for_byte(seed_article_path: Path) -> None:
    article = only_article(read([seed_article_path]))
    assert article.original_text == seed_article_path.read_bytes().decode("utf-8-sig")
