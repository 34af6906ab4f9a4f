import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from frontwire.events.dates import UNKNOWN, context_date, parse_published, resolve, story_dates
from frontwire.records import Article

Code = Callable[..., Article]

MONDAY = date(2023, 3, 6)


def test_weekday_resolves_to_the_latest_such_day_before_publication() -> None:
    found = resolve("Artillery hit the depot on Saturday.", MONDAY)
    assert found.value == date(2023, 3, 4) and found.precision == 1


def test_relative_week_and_month_parts_get_coarser_precision() -> None:
    week = resolve("Fighting has gone on for the past week.", MONDAY)
    assert week.precision == 2 and week.value is not None and week.value < MONDAY
    late = resolve("after failing to capture the city in late January", MONDAY)
    assert late.value == date(2023, 1, 25) and late.precision == 3


def test_explicit_dates_with_and_without_a_year() -> None:
    assert resolve("On 12 February 2023, troops shelled the port.", MONDAY).value == date(
        2023, 2, 12
    )
    # A day and month after the publication date is last year's.
    assert resolve("on April 2 a convoy was ambushed", MONDAY).value == date(2022, 4, 2)


def test_no_publication_date_leaves_relative_dates_unknown() -> None:
    found = resolve("The market was shelled yesterday.", None)
    assert found.value is None and found.precision is None
    assert found.flag == "no_publication_date"


def test_dates_before_1900_and_after_publication_are_flagged() -> None:
    assert resolve("the fort was stormed in 1854", MONDAY).flag == "before_1900"
    assert resolve("troops entered the town on 20 March 2023", MONDAY).flag == "after_publication"
    assert resolve("talks will resume on 20 March 2023", MONDAY, future_ok=True).value == date(
        2023, 3, 20
    )


def test_publication_dates_are_read_from_iso_dates_and_date_times() -> None:
    assert parse_published("2023-03-06T10:00:00Z") == MONDAY
    assert parse_published("March 6") is None
    assert parse_published(None) is None


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("shelled on 13/05/2025", "2025-05-13", 1),  # day-month: 13 cannot be a month
        ("raided on Tues. morning", "2025-05-20", 1),
        ("seen on Fri. night", "2025-05-16", 1),
        ("the raid on the 15th", "2025-05-15", 1),
        ("a blast last evening", "2025-05-19", 1),
        ("overnight shelling", "2025-05-19", 1),  # the night before the morning's report
        ("a week before March 10", "2025-03-03", 1),
        ("attacked this Friday afternoon", "2025-05-16", 1),
        ("fighting last year", "2024-07-01", 3),
    ],
)
def test_more_date_expressions_resolve_against_a_tuesday(
    text: str, expected: str, precision: int
) -> None:
    found = resolve(text, date(2025, 5, 20))
    assert found.value is not None and found.value.isoformat() == expected
    assert found.precision == precision


def test_next_weekday_looks_forward_for_planned_events_only() -> None:
    assert resolve("talks next Monday", date(2025, 5, 20), future_ok=True).value == date(
        2025, 5, 26
    )
    assert resolve("talks next Monday", date(2025, 5, 20)).flag == "after_publication"


# --- the hand-written set of date expressions -------------------------------------------------

DATA = Path(__file__).parent / "data" / "date_expressions.tsv"
#: The share of the set resolved exactly (date and precision; for a row that states no usable
#: date, nothing). Measured 1.000 (0.800 before the resolver read every expression of a
#: sentence). The last 32 rows were written after that resolver, unseen by it, and first scored
#: 0.969. Raise the floor when the resolver improves; never lower it silently.
EXACT_FLOOR = 0.97


def _expression_rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _exact(row: dict[str, str]) -> bool:
    published = date.fromisoformat(row["published"]) if row["published"] else None
    found = resolve(row["text"], published, future_ok=row["mode"] == "planned")
    if not row["expected"]:
        return found.value is None
    return found.value == date.fromisoformat(row["expected"]) and found.precision == int(
        row["precision"]
    )


def test_the_expression_set_covers_every_class_and_hard_negatives() -> None:
    rows = _expression_rows()
    assert len(rows) >= 120
    classes = {r["class"] for r in rows}
    for needed in (
        "weekday",
        "weekday next",
        "overnight",
        "yesterday",
        "last week",
        "this month",
        "ordinal day",
        "numeric",
        "weekday abbr",
        "last night",
        "this weekday",
        "offset",
        "year",
        "negative",
        "before 1900",
        "after publication",
    ):
        assert needed in classes, needed


def test_date_expressions_resolve_to_the_exact_day() -> None:
    rows = _expression_rows()
    misses = [r["text"] for r in rows if not _exact(r)]
    rate = 1 - len(misses) / len(rows)
    assert rate >= EXACT_FLOOR, misses


# --- dates from the rest of the article (the events stage, real parse) ------------------------


def test_a_headline_event_takes_the_day_its_lead_names(code: Code) -> None:
    article = code(
        "Teenager shot dead near apartment complex | Channel 4\n\n"
        "A 17-year-old boy was shot dead in the parking lot of an apartment complex. "
        "The shooting happened around 10 p.m. Wednesday, police said.",
        published="2023-03-10",
    )
    first = article.events[0]
    assert first.date == "2023-03-08"


def test_a_speech_date_does_not_date_the_event(code: Code) -> None:
    article = code(
        "A man who shot a neighbour dead during a quarrel was charged with murder, the sheriff "
        "said on Monday. The neighbour was shot twice outside his home on Saturday evening.",
        published="2023-03-06",
    )
    dates = {e.date for e in article.events if e.event_type == "Violence against civilians"}
    assert dates == {"2023-03-04"}


def test_a_vague_date_takes_the_named_day_that_agrees_with_it(code: Code) -> None:
    article = code(
        "Overnight shooting leaves one man wounded | News 8\n\n"
        "Police are investigating an early Wednesday morning shooting that left one man "
        "wounded. Officers found the victim just before 2:30 a.m.",
        published="2023-03-08",
    )
    assert article.events[0].date == "2023-03-08"


def test_story_dates_leave_out_report_dates_old_dates_and_articles_without_a_date() -> None:
    text = (
        "TULSA, Okla. (March 6, 2023) – A man was shot on Saturday night, police said on "
        "Monday. His brother was killed in 2019."
    )
    story = story_dates(text, MONDAY, recent_days=31)
    assert [f.date.text for f in story] == ["on Saturday"]
    assert story_dates(text, None, recent_days=31) == []


def test_an_undated_event_takes_the_last_day_before_it_or_else_the_first_after() -> None:
    text = (
        "Man shot outside bar\n\nThe shooting happened on Friday. On Sunday a second man was hurt."
    )
    story = story_dates(text, MONDAY, recent_days=31)
    headline = context_date(0, 20, UNKNOWN, MONDAY, story)
    assert headline is not None and headline.date.value == date(2023, 3, 3)
    later = context_date(len(text) - 5, len(text), UNKNOWN, MONDAY, story)
    assert later is not None and later.date.value == date(2023, 3, 5)


def test_a_vague_date_is_refined_only_by_a_day_that_agrees_with_it() -> None:
    text = "Fighting flared last week. The worst clash came on Tuesday. Talks failed in 2019."
    story = story_dates(text, MONDAY, recent_days=31)
    week = resolve("Fighting flared last week.", MONDAY)
    found = context_date(0, 26, week, MONDAY, story)
    assert found is not None and found.date.value == date(2023, 2, 28)
    year = resolve("Talks failed in 2019.", MONDAY)
    assert context_date(60, 81, year, MONDAY, story) is None
    day = resolve("The attack came on Sunday.", MONDAY)
    assert context_date(0, 26, day, MONDAY, story) is None


def test_running_only_the_specific_patterns_finds_the_same_specific_dates() -> None:
    from frontwire.events.dates import find_dates

    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    passage = " ".join(row["text"] for row in rows)  # one long text, as an article is read
    published = date(2025, 5, 20)
    every = [f for f in find_dates(passage, published) if f.rank <= 1]
    some = [f for f in find_dates(passage, published, max_rank=1) if f.rank <= 1]
    assert every and some == every
