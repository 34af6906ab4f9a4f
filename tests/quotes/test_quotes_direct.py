"""Quote marks: every style, split and multi-paragraph quotes, broken marks, linear time."""

from __future__ import annotations

import time

from frontwire.quotes.direct import find_marked_quotes


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_marked_quotes(text)]


def test_every_common_quote_style_is_found() -> None:
    text = (
        'A said “curly double.” B said "straight double." C said ‘curly single.’ '
        "D said «guillemets». E said „low high“ and F said „low closing”."
    )
    assert _texts(text) == [
        "curly double.",
        "straight double.",
        "curly single.",
        "guillemets",
        "low high",
        "low closing",
    ]


def test_split_quote_gives_both_halves() -> None:
    assert _texts("“We will win,” he said, “whatever it costs.”") == [
        "We will win,",
        "whatever it costs.",
    ]


def test_apostrophes_do_not_close_single_quotes() -> None:
    assert _texts("She said ‘I don’t know, it’s late,’ and left.") == ["I don’t know, it’s late,"]


def test_nested_quote_stays_inside_the_outer_one() -> None:
    assert _texts("He said “they call it a ‘special operation’ here.”") == [
        "they call it a ‘special operation’ here."
    ]


def test_multi_paragraph_quote_runs_until_its_closing_mark() -> None:
    text = "“The first paragraph opens.\n\n“The second goes on.\n\n“The third ends.” she said."
    quotes = find_marked_quotes(text)
    assert len(quotes) == 1
    assert quotes[0].paragraphs == 3
    assert text[quotes[0].start : quotes[0].end].endswith("The third ends.")


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = "He said “this never closes.\n\nThe next paragraph is the reporter's own."
    quotes = find_marked_quotes(text)
    assert len(quotes) == 1
    assert not quotes[0].closed
    assert text[quotes[0].start : quotes[0].end] == "this never closes."


def test_only_opening_marks_never_swallow_the_article() -> None:
    text = "\n".join(f"Paragraph {i} opens “and never closes" for i in range(50))
    quotes = find_marked_quotes(text)
    assert len(quotes) == 50
    assert all("\n" not in text[q.start : q.end] for q in quotes)


def test_hundreds_of_marks_in_a_huge_paragraph_take_linear_time() -> None:
    small = ("word “" * 300 + "x ") * 10 + "y" * 20_000
    big = ("word “" * 3000 + "x ") * 10 + "y" * 200_000
    started = time.perf_counter()
    find_marked_quotes(small)
    t_small = time.perf_counter() - started
    started = time.perf_counter()
    quotes = find_marked_quotes(big)
    t_big = time.perf_counter() - started
    assert len(big) > 200_000
    # Ten times the text may cost about ten times the time, never a hundred (quadratic).
    assert t_big < max(t_small, 0.002) * 40
    assert all(q.end - q.start <= len(big) for q in quotes)


def test_mixed_unbalanced_single_and_straight_marks_do_not_crash() -> None:
    text = ('‘ " ’ “ » « „ ‚ ‹ ' * 5000) + "\n" + '"' * 1000
    find_marked_quotes(text)


def test_a_second_opening_mark_ends_an_unclosed_quote_at_its_last_sentence() -> None:
    text = "“We held the line… She wrote on Telegram, “Nobody retreated!”"
    quotes = find_marked_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["We held the line…", "Nobody retreated!"]
    assert not quotes[0].closed and quotes[1].closed


def test_a_closing_mark_without_an_opening_one_starts_a_quote_of_its_own() -> None:
    text = "“We are rebuilding the bridge.” Every day, crews must clear mines,” she said."
    quotes = find_marked_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [
        "We are rebuilding the bridge.",
        "Every day, crews must clear mines,",
    ]
