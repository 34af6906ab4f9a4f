"""When an event happened: explicit and relative dates resolved against the publication date.

A hand-written resolver rather than ``dateparser``: we need the *precision* of what the text
says (ACLED's ``time_precision`` 1 day, 2 week, 3 month) and the bounds checks below, which no
parser reports. Relative expressions ("on Sunday", "yesterday", "for the past week", "late
February") need the publication date; without one they resolve to nothing (an unknown date is
never invented). Dates before 1900, or after publication for an event reported as having
happened, come back as ``None`` with a flag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MIN_YEAR = 1900

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("offset", r"\b(?P<n>\d+|one|two|three|four|five|six|seven|a)\s+(?P<unit>day|week)s?\s+"
                   r"(?P<dir>before|after|earlier\s+than|prior\s+to)\s+"),
        ("iso", r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
        ("numeric", r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b"),
        ("dmy", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
                rf"(?:,?\s+(?P<year>\d{{4}}))?\b"),
        ("mdy", rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
                rf"(?:,?\s+(?P<year>\d{{4}}))?"),
        ("ago", r"\b(?P<n>\d+|one|two|three|four|five|six|seven|a)\s+"
                r"(?P<unit>day|week)s?\s+ago\b"),
        ("yesterday", r"\b(?:yesterday|last\s+(?:night|evening)|overnight)\b"),
        ("today", r"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b"),
        ("weekday", r"\b(?P<next>(?:next|coming|this\s+coming)\s+)?(?:on\s+|last\s+|this\s+"
                    r"past\s+|this\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"),
        ("weekday_abbr", r"(?-i:\b(?:[Oo]n\s+|[Ll]ast\s+)?(?P<abbr>Mon|Tues?|Wed|Thu(?:rs?)?|"
                         r"Fri|Sat|Sun))(?:\.|\b(?=\s*,?\s*(?:\d|[A-Z][a-z]{2}\.?\s+\d)))"),
        ("ordinal_day", r"\b(?:on\s+)?the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?"
                        r"(?:century|anniversary|floor|time|day|week|year|street|avenue))"),
        ("weekend", r"\b(?:over\s+the\s+|this\s+|last\s+)weekend\b"),
        ("week", r"\b(?:(?:for\s+|over\s+|during\s+|in\s+)?the\s+(?:past|last)\s+week|"
                 r"last\s+week|this\s+week|earlier\s+this\s+week)\b"),
        ("part_month", rf"\b(?P<part>early|mid|late|end\s+of|beginning\s+of|start\s+of)"
                       rf"[\s-]+{_MONTH}(?:\s+(?P<year>\d{{4}}))?\b"),
        ("month_year", rf"\b(?:in\s+)?{_MONTH}\s+(?P<year>\d{{4}})\b"),
        ("in_month", rf"\b(?:in|since|during|throughout)\s+{_MONTH}\b"),
        ("last_month", r"\b(?:last\s+month|earlier\s+this\s+month|this\s+month)\b"),
        ("year", r"\b(?:in|since|during)\s+(?P<year>1[0-9]{3}|20[0-9]{2})\b"),
        ("rel_year", r"\b(?P<which>last|this|earlier\s+this)\s+year\b"),
    )
)  # fmt: skip
_ABBR = {w[:3]: w for w in _WEEKDAYS}
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved date (``None`` when unknown), its ACLED precision, what it was read from,
    and any flag (``before_1900``, ``after_publication``, ``no_publication_date``)."""

    value: date | None
    precision: int | None
    text: str | None = None
    flag: str | None = None


UNKNOWN = EventDate(None, None)


def parse_published(published: str | None) -> date | None:
    """The publication date of an ISO 8601 date or date-time string, if it is one."""
    if not published:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, published: date | None) -> int | None:
    # A date without a year is the latest such date not after publication.
    if published is None:
        return None
    candidate = _safe_date(published.year, month, day)
    if candidate is not None and candidate > published:
        return published.year - 1
    return published.year


def resolve(text: str, published: date | None, *, future_ok: bool = False) -> EventDate:
    """The first date expression in ``text``, resolved against ``published``.

    Args:
        text: the sentence or clause.
        published: the article's publication date, if known.
        future_ok: a date after publication is allowed (planned events).
    """
    for name, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        found = _resolve_one(name, match, published)
        if found is None:
            continue
        value, precision = found
        said = match.group(0).strip()
        if value is None:
            return EventDate(None, None, said, "no_publication_date")
        if value.year < MIN_YEAR:
            return EventDate(None, None, said, "before_1900")
        if published is not None and value > published and not future_ok:
            return EventDate(None, None, said, "after_publication")
        return EventDate(value, precision, said)
    return UNKNOWN


def _numeric(groups: dict[str, str], published: date | None) -> tuple[date | None, int] | None:
    """A numeric date ("13/05/2025", "5/13/25"): day-month or month-day, whichever is a real
    date; when both are, the one not after publication and nearest to it (else day-month, the
    order of most of the world's press)."""
    a, b, year = int(groups["a"]), int(groups["b"]), int(groups["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    readings = [d for d in (_safe_date(year, b, a), _safe_date(year, a, b)) if d is not None]
    if not readings:
        return None
    if published is not None and len(readings) == 2:
        before = [d for d in readings if d <= published]
        if before:
            return max(before), 1
    return readings[0], 1


def _resolve_one(
    name: str, match: re.Match[str], published: date | None
) -> tuple[date | None, int] | None:
    groups = match.groupdict()
    if name == "iso":
        value = _safe_date(int(groups["year"]), int(groups["mnum"]), int(groups["day"]))
        return (value, 1) if value else None
    if name == "numeric":
        return _numeric(groups, published)
    if name == "offset":
        rest = resolve(match.string[match.end() : match.end() + 60], published, future_ok=True)
        if rest.value is None:
            return None
        n = _SMALL.get(groups["n"].lower()) or int(groups["n"])
        days = n * (7 if groups["unit"].lower() == "week" else 1)
        sign = 1 if groups["dir"].lower() == "after" else -1
        return rest.value + timedelta(days=sign * days), rest.precision or 1
    if name == "rel_year":
        if published is None:
            return None, 3
        last_year = published.year - 1
        if groups["which"].lower() == "last":
            return _safe_date(last_year, 7, 1), 3
        return published, 3
    if name in ("dmy", "mdy"):
        month, day = _MONTHS[groups["month"].lower()], int(groups["day"])
        year = int(groups["year"]) if groups.get("year") else _year_for(month, day, published)
        if year is None:
            return None, 1
        value = _safe_date(year, month, day)
        return (value, 1) if value else None
    if name == "part_month" or name == "month_year" or name == "in_month":
        month = _MONTHS[groups["month"].lower()]
        part = (groups.get("part") or "").lower()
        day = 5 if part.startswith(("early", "beginning", "start")) else 15
        day = 25 if part.startswith(("late", "end")) else day
        in_year = int(groups["year"]) if groups.get("year") else _year_for(month, 1, published)
        if in_year is None:
            return None, 3
        return _safe_date(in_year, month, day), 3
    if name == "year":
        return _safe_date(int(groups["year"]), 7, 1), 3
    if published is None:
        return None, 1
    if name == "ago":
        n = _SMALL.get(groups["n"].lower()) or int(groups["n"])
        days = n * (7 if groups["unit"].lower() == "week" else 1)
        return published - timedelta(days=days), 1 if groups["unit"].lower() == "day" else 2
    if name == "yesterday":
        return published - timedelta(days=1), 1
    if name == "today":
        return published, 1
    if name in ("weekday", "weekday_abbr"):
        wanted = groups.get("weekday") or _ABBR[groups["abbr"].lower()[:3]]
        if groups.get("next"):
            ahead = (_WEEKDAYS.index(wanted.lower()) - published.weekday()) % 7 or 7
            return published + timedelta(days=ahead), 1
        back = (published.weekday() - _WEEKDAYS.index(wanted.lower())) % 7
        if match.group(0).lower().startswith("last") and back == 0:
            back = 7
        return published - timedelta(days=back), 1
    if name == "ordinal_day":
        day = int(groups["day"])
        value = _safe_date(published.year, published.month, day)
        if value is None or value > published:
            last = published.replace(day=1) - timedelta(days=1)
            value = _safe_date(last.year, last.month, day)
        return (value, 1) if value else None
    if name == "weekend":
        back = (published.weekday() - 5) % 7  # the latest Saturday
        return published - timedelta(days=back), 2
    if name == "week":
        return published - timedelta(days=3), 2
    if name == "last_month":
        if "last" in match.group(0).lower():
            first = published.replace(day=1) - timedelta(days=1)
            return first.replace(day=15), 3
        return published.replace(day=min(15, published.day)), 3
    return None
