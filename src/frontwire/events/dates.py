"""When an event happened: explicit and relative dates resolved against the publication date.

A hand-written resolver rather than ``dateparser``: we need the *precision* of what the text
says (ACLED's ``time_precision`` 1 day, 2 week, 3 month) and the bounds checks below, which no
parser reports. Relative expressions ("on Sunday", "yesterday", "for the past week", "late
February") need the publication date; without one they resolve to nothing (an unknown date is
never invented). Dates before 1900, or after publication for an event reported as having
happened, come back as ``None`` with a flag.

A sentence may hold several expressions ("shot on Friday, police said on Monday"). All are
found (:func:`find_dates`); the date of the sentence (:func:`resolve`) is the most specific one
that is not the date of a report (a speech act, a dateline), the first in the text among
equals. Specificity: a calendar date, then a day relative to publication, then "overnight",
then week, month and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MIN_YEAR = 1900

_MONTH_NAMES = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec"),
)  # fmt: skip
_MONTHS = {m: i for i, names in enumerate(_MONTH_NAMES, start=1) for m in names}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Month names are matched capitalised only ("May" or "MAY", never "may"), so the modal verb in
# "as many as 30 may have died" and the word "mar" are not months.
_MONTH = (
    r"(?-i:(?P<month>"
    + "|".join(v for m in sorted(_MONTHS, key=len, reverse=True) for v in (m.title(), m.upper()))
    + r"))\.?"
)
_N = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_HOLIDAY = (
    r"(?-i:(?P<prep>(?:[Oo]n|[Aa]t|[Bb]y|[Ss]ince|[Aa]fter|[Bb]efore|[Uu]ntil|[Oo]ver)\s+)?"
    r"(?P<holiday>Christmas\s+(?:Day|Eve)|New\s+Year'?s'?\s+(?:Day|Eve)|Christmas))"
)
# (name, specificity rank, pattern). Patterns earlier in the list claim their span first, so an
# expression is read once ("a week before March 10" is one offset, not also "March 10"). The
# rank orders what a sentence's date is: 0 a calendar date, 1 a day relative to publication,
# 2 a night or a weekend ("overnight", "over the weekend"), 3 a week, 4 a month, 5 a year.
_PATTERNS: tuple[tuple[str, int, re.Pattern[str]], ...] = tuple(
    (name, rank, re.compile(pattern, re.IGNORECASE))
    for name, rank, pattern in (
        ("offset", 0, rf"\b{_N}\s+(?P<unit>day|week)s?\s+(?P<dir>before|after|earlier\s+than|"
                      r"prior\s+to)\s+"),
        ("iso", 0, r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
        ("numeric", 0, r"(?<![\d/.,])(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<year>\d{4}|\d{2})"
                       r"(?![\d/.,]\d)"),
        ("dmy", 0, rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
                   rf"(?:,?\s+(?P<year>\d{{4}}))?\b"),
        ("mdy", 0, rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:,\s*)?\d{{3}}\b)"
                   rf"(?:,?\s+(?P<year>\d{{4}}))?"),
        ("holiday", 0, rf"\b{_HOLIDAY}(?:,?\s+(?P<year>\d{{4}}))?"),
        ("before_yesterday", 1, r"\b(?:the\s+)?day\s+before\s+yesterday\b"),
        ("ago", 1, rf"\b{_N}\s+(?P<unit>day)s?\s+ago\b"),
        ("ago", 3, rf"\b{_N}\s+(?P<unit>week)s?\s+ago\b"),
        ("few_days_ago", 3, r"\b(?:a\s+few|several|some)\s+days\s+ago\b"),
        ("yesterday", 1, r"\b(?:yesterday|last\s+(?:night|evening))\b"),
        ("overnight", 2, r"\bovernight\b"),
        ("today", 1, r"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b"),
        ("weekday", 1, r"\b(?P<next>(?:next|coming|this\s+coming)\s+)?(?P<this>this\s+)?"
                       r"(?P<last>last\s+|this\s+past\s+)?(?:on\s+)?" + _WEEKDAY + r"\b"),
        ("weekday_abbr", 1, r"(?-i:\b(?P<last>[Ll]ast\s+)?(?P<abbr>Mon|Tues?|Wed|Thu(?:rs?)?|"
                            r"Fri|Sat|Sun))(?:\.|\b(?=\s*,?\s*(?:\d|[A-Z][a-z]{2}\.?\s+\d)))"),
        ("ordinal_day", 1, r"\b(?:on|since|by|until|till|from|before|after)\s+the\s+"
                           r"(?P<day>\d{1,2})(?:st|nd|rd|th)\b"),
        ("weekend", 2, r"\b(?:(?:over|at|during|throughout|through)\s+the\s+|this\s+(?:past\s+)?|"
                       r"last\s+)weekend\b|\bweekend(?=\s+(?:shootings?|attacks?|violence|raids?|"
                       r"clash(?:es)?|fighting|protests?|rall(?:y|ies)|bombings?|strikes?)\b)"),
        ("past_week", 3, r"\b(?:for\s+|over\s+|during\s+|in\s+)?the\s+(?:past|last)\s+week\b"),
        ("last_week", 3, r"\blast\s+week\b"),
        ("this_week", 3, r"\b(?:earlier\s+)?this\s+week\b"),
        ("part_month", 4, rf"\b(?P<part>early|mid|late|end\s+of|beginning\s+of|start\s+of)"
                          rf"[\s-]+{_MONTH}(?:\s+(?P<year>\d{{4}}))?\b"),
        ("part_last_month", 4, r"\b(?:the\s+)?(?P<part>early|late|end\s+of|beginning\s+of|"
                               r"start\s+of)\s+last\s+month\b"),
        ("month_year", 4, rf"\b(?:in\s+)?{_MONTH}\s+(?:of\s+)?{_YEAR}\b"),
        ("in_month", 4, rf"\b(?:in|since|during|throughout|through)\s+{_MONTH}\b"),
        ("last_month", 4, r"\blast\s+month\b"),
        ("this_month", 4, r"\b(?:earlier\s+)?this\s+month\b"),
        ("year", 5, rf"\b(?:in|since|during|(?:summer|spring|autumn|fall|winter)\s+of)\s+"
                    rf"{_YEAR}\b(?![,.]?\d)"),
        ("last_year", 5, r"\blast\s+year\b"),
        ("this_year", 5, r"\b(?:earlier\s+)?this\s+year\b"),
    )
)  # fmt: skip
_ABBR = {w[:3]: w for w in _WEEKDAYS}
_SMALL = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new years eve": (12, 31), "new years day": (1, 1)}  # fmt: skip
# A weekday that names something else: "Good Friday", "Bloody Sunday", "the Sunday Times".
_NOT_A_DAY_BEFORE = re.compile(r"(?-i:(?:Good|Black|Bloody|Super|Ash|Holy|Palm|Easter|Cyber|"
                               r"Maundy|Great)\s+)$")  # fmt: skip
_NOT_A_DAY_AFTER = re.compile(r"^(?:\s+(?:school|schools|service|services|paper|edition|"
                              r"(?-i:Times|Telegraph|Mirror|Express|Herald|Post|Tribune|Star|"
                              r"Independent|Agreement|Mass|School))\b)", re.IGNORECASE)  # fmt: skip
# Capitalised words that may stand before an abbreviated weekday at a sentence's start.
_LEADS = frozenset({"On", "Last", "Early", "Late", "Since", "By", "Until", "Before", "After"})
# An ordinal that is a unit or a count, not a day: "on the 3rd floor", "after the 21st attack".
_NOT_A_DAY_ORDINAL = re.compile(
    r"^\s+(?:(?-i:[A-Z])|(?:floor|time|times|day|week|year|century|anniversary|attack|round|"
    r"minute|hour|place|victim|case|person|death|strike|raid|blast|shooting|killing|incident|"
    r"session|straight|consecutive|brigade|battalion|division|regiment|army|corps|district|"
    r"precinct|ward|street|avenue|birthday|edition|amendment|grade|lap|inning|percentile)\b)",
    re.IGNORECASE,
)
# A date said of a speech act ("officials said on Monday", "told reporters Tuesday") or of the
# report itself ("Updated Monday"), not of the event: the text just before the expression. The
# present tense is left out: "police say early Sunday a man was shot" dates the shooting.
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|told|announced|confirmed|added|stated|tweeted|wrote|posted|declared|"
    r"insisted|warned|claimed|denied|updated|published)\b(?:\s+(?:in\s+a\s+statement|"
    r"at\s+a\s+(?:news\s+)?(?:briefing|conference)|(?:reporters|journalists|him|her|them|us|me)|(?-i:[A-Z][\w.'&-]*"
    r"(?:\s+(?:of\s+)?[A-Z][\w.'&-]*){0,4})))?\s*,?\s*(?:on\s+|late\s+|early\s+|last\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved date (``None`` when unknown), its ACLED precision, what it was read from,
    and any flag (``before_1900``, ``after_publication``, ``no_publication_date``)."""

    value: date | None
    precision: int | None
    text: str | None = None
    flag: str | None = None


@dataclass(frozen=True, slots=True)
class FoundDate:
    """One date expression of a text: where it is, how specific (0 most), whether it is the
    date of a report (a speech act or a dateline) rather than of an event, and what it
    resolves to."""

    start: int
    end: int
    rank: int
    report: bool
    date: EventDate


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


# Every pattern above matches at least one of these: a text without any holds no date, and
# most sentences are such texts, so one scan spares the thirty pattern scans (the events stage
# calls find_dates on every sentence it codes). Keep it in step with _PATTERNS.
# Month names and weekday abbreviations are matched capitalised only, as the patterns do.
_MAY_HOLD_DATE = re.compile(
    r"\d|(?i:day|week|month|year|night|evening|morning|afternoon)|Christmas"
    r"|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    r"|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC"
    r"|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
)


def _patterns_up_to(rank: int) -> int:
    """How many of _PATTERNS to run for dates of at most ``rank``: up to the last such pattern,
    since an earlier pattern of a higher rank may claim a span first and must still run."""
    return max((i + 1 for i, (_, r, _) in enumerate(_PATTERNS) if r <= rank), default=0)


_PATTERNS_BY_RANK = {rank: _patterns_up_to(rank) for rank in range(6)}


def find_dates(
    text: str, published: date | None, *, future_ok: bool = False, max_rank: int = 5
) -> list[FoundDate]:
    """Every date expression in ``text``, in text order, each resolved against ``published``.

    Args:
        text: the sentence, clause or passage.
        published: the article's publication date, if known.
        future_ok: a date after publication is allowed (planned events).
        max_rank: the least specific rank wanted (0 calendar date ... 5 year); patterns that
            can only give less specific dates are not run, which never changes the others.
    """
    taken: list[tuple[int, int]] = []
    out: list[FoundDate] = []
    if _MAY_HOLD_DATE.search(text) is None:
        return out
    for name, rank, pattern in _PATTERNS[: _PATTERNS_BY_RANK[max(0, min(max_rank, 5))]]:
        for match in pattern.finditer(text):
            start = match.start()
            if any(a < match.end() and start < b for a, b in taken):
                continue
            if not _is_a_date(name, text, match):
                continue
            found = _resolve_one(name, match, published, future_ok)
            if found is None:
                continue
            value, precision, end = found
            taken.append((start, end))
            said = text[start:end].strip()
            when = _bounded(value, precision, said, published, future_ok)
            out.append(FoundDate(start, end, rank, _is_report(text, start, end), when))
    return sorted(out, key=lambda f: f.start)


def best_date(found: list[FoundDate]) -> FoundDate | None:
    """The expression that dates the event: the most specific one that is not a report's
    date, the first in the text among equals."""
    events = [f for f in found if not f.report]
    return min(events, key=lambda f: (f.rank, f.start)) if events else None


def resolve(text: str, published: date | None, *, future_ok: bool = False) -> EventDate:
    """The date ``text`` gives its event (:func:`best_date`), resolved against ``published``.

    Args:
        text: the sentence or clause.
        published: the article's publication date, if known.
        future_ok: a date after publication is allowed (planned events).
    """
    best = best_date(find_dates(text, published, future_ok=future_ok))
    return best.date if best is not None else UNKNOWN


def _bounded(
    value: date | None, precision: int, said: str, published: date | None, future_ok: bool
) -> EventDate:
    if value is None:
        return EventDate(None, None, said, "no_publication_date")
    if value.year < MIN_YEAR:
        return EventDate(None, None, said, "before_1900")
    if published is not None and value > published and not future_ok:
        return EventDate(None, None, said, "after_publication")
    return EventDate(value, precision, said)


def _is_a_date(name: str, text: str, match: re.Match[str]) -> bool:
    if name == "weekday":
        start, end = match.start("weekday"), match.end()
        before, after = text[max(0, start - 20) : start], text[end : end + 30]
        return not _NOT_A_DAY_BEFORE.search(before) and not _NOT_A_DAY_AFTER.match(after)
    if name == "ordinal_day":
        return not _NOT_A_DAY_ORDINAL.match(text[match.end() : match.end() + 30])
    if name == "weekday_abbr" and not match.group("last"):
        # "Rising Sun.", "The Sun.": a capitalised word before the abbreviation makes it a name.
        word = re.search(r"(\w+)\s+$", text[max(0, match.start() - 30) : match.start()])
        return not (word and word.group(1)[0].isupper() and word.group(1) not in _LEADS)
    if name == "holiday" and match.group("holiday") == "Christmas":
        # "on Christmas", "before Christmas.", but not "a Christmas market" or "Christmas Island".
        return bool(match.group("prep")) or bool(
            re.match(r"\s*(?:[,.;:!?)]|$)", text[match.end() : match.end() + 40])
        )
    return True


def _is_report(text: str, start: int, end: int) -> bool:
    if _SPEECH_BEFORE.search(text[max(0, start - 60) : start]):
        return True
    # A dateline: "INDIANAPOLIS, Ind. (Jan. 20, 2016) -- Police said ...".
    return bool(
        re.search(r"\(\s*$", text[max(0, start - 3) : start])
        and re.match(r"\s*\)\s*(?:[-\u2013\u2014]|$)", text[end : end + 40])
    )


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


def _count(word: str) -> int:
    return _SMALL.get(word.lower()) or int(word)


def _weekday(wanted: str, published: date, *, forward: bool, last: bool) -> date:
    """The named weekday: the latest one not after publication (a past event on "Monday" in a
    Tuesday's paper is the day before), or the next one for "next"/"coming" and planned events;
    "last Monday" on a Monday is a week back."""
    index = _WEEKDAYS.index(wanted.lower())
    if forward:
        return published + timedelta(days=(index - published.weekday()) % 7)
    back = (published.weekday() - index) % 7
    if last and back == 0:
        back = 7
    return published - timedelta(days=back)


def _resolve_one(
    name: str, match: re.Match[str], published: date | None, future_ok: bool
) -> tuple[date | None, int, int] | None:
    """``(date or None when it needs a missing publication date, precision, end of the
    expression)``, or ``None`` when the match is not a date after all."""
    end = match.end()
    if name == "offset":
        return _offset(match, published)
    found = _resolve_fixed(name, match, published)
    if found is not None:
        return found[0], found[1], end
    if published is None:
        return None, 1, end
    found = _resolve_relative(name, match, published, future_ok)
    return (found[0], found[1], end) if found is not None else None


def _offset(match: re.Match[str], published: date | None) -> tuple[date | None, int, int] | None:
    # "a week before March 10", "three days before the vote on 20 April": the anchor is the
    # first date within a few words after the offset.
    rest = match.string[match.end() : match.end() + 40]
    anchors = [f for f in find_dates(rest, published, future_ok=True, max_rank=1) if f.rank <= 1]
    anchor = anchors[0] if anchors else None
    if anchor is None or anchor.date.value is None:
        return None
    n = _count(match.group("n"))
    days = n * (7 if match.group("unit").lower() == "week" else 1)
    sign = 1 if match.group("dir").lower() == "after" else -1
    value: date = anchor.date.value + timedelta(days=sign * days)
    return value, anchor.date.precision or 1, match.end() + anchor.end


def _resolve_fixed(
    name: str, match: re.Match[str], published: date | None
) -> tuple[date | None, int] | None:
    """Expressions that may carry their own year: ``None`` when ``name`` is not one of them."""
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if name == "iso":
        value = _safe_date(int(groups["year"]), int(groups["mnum"]), int(groups["day"]))
        return (value, 1) if value else (None, 0)
    if name == "numeric":
        return _numeric(groups, published) or (None, 0)
    if name in ("dmy", "mdy", "holiday"):
        if name == "holiday":
            key = re.sub(r"\s+", " ", groups["holiday"].lower()).replace("'", "")
            month, day = _HOLIDAYS[key]
        else:
            month, day = _MONTHS[groups["month"].lower()], int(groups["day"])
        year = year or _year_for(month, day, published)
        if year is None:
            return None, 1
        value = _safe_date(year, month, day)
        return (value, 1) if value else (None, 0)
    if name in ("part_month", "month_year", "in_month"):
        month = _MONTHS[groups["month"].lower()]
        part = (groups.get("part") or "").lower()
        day = 5 if part.startswith(("early", "beginning", "start")) else 15
        day = 25 if part.startswith(("late", "end")) else day
        year = year or _year_for(month, 1, published)
        if year is None:
            return None, 3
        return _safe_date(year, month, day), 3
    if name == "year":
        return _safe_date(int(groups["year"]), 7, 1), 3
    return None


def _resolve_relative(
    name: str, match: re.Match[str], published: date, future_ok: bool
) -> tuple[date, int] | None:
    groups = match.groupdict()
    if name == "ago":
        days = _count(groups["n"]) * (7 if groups["unit"].lower() == "week" else 1)
        return published - timedelta(days=days), 1 if groups["unit"].lower() == "day" else 2
    if name == "few_days_ago":
        return published - timedelta(days=3), 2
    if name == "before_yesterday":
        return published - timedelta(days=2), 1
    if name in ("yesterday", "overnight"):
        # "Overnight" in a report is the night before it: the event began the day before.
        return published - timedelta(days=1), 1
    if name == "today":
        return published, 1
    if name in ("weekday", "weekday_abbr"):
        wanted = groups.get("weekday") or _ABBR[groups["abbr"].lower()[:3]]
        last = bool(groups.get("last"))
        forward = bool(groups.get("next")) or (future_ok and not last)
        return _weekday(wanted, published, forward=forward, last=last), 1
    if name == "ordinal_day":
        day = int(groups["day"])
        value = _safe_date(published.year, published.month, day)
        if value is None or value > published:
            last_month = published.replace(day=1) - timedelta(days=1)
            value = _safe_date(last_month.year, last_month.month, day)
        return (value, 1) if value else None
    if name == "weekend":
        back = (published.weekday() - 5) % 7  # the latest Saturday
        return published - timedelta(days=back), 2
    if name == "past_week":
        return published - timedelta(days=3), 2  # the middle of the seven days
    if name == "last_week":
        # The Wednesday of the calendar week before publication's.
        return published - timedelta(days=published.weekday() + 5), 2
    if name == "this_week":
        # Halfway from this week's Monday to publication.
        return published - timedelta(days=published.weekday() - published.weekday() // 2), 2
    if name == "last_month":
        return (published.replace(day=1) - timedelta(days=1)).replace(day=15), 3
    if name == "part_last_month":
        day = 5 if groups["part"].lower().startswith(("early", "beginning", "start")) else 25
        return (published.replace(day=1) - timedelta(days=1)).replace(day=day), 3
    if name == "this_month":
        return published.replace(day=(published.day + 1) // 2), 3
    if name == "last_year":
        return date(published.year - 1, 7, 1), 3
    if name == "this_year":
        start = date(published.year, 1, 1)
        return start + (published - start) // 2, 3
    return None


# --- dates from the rest of the article --------------------------------------------------------

#: How far (days) a day named elsewhere in the article may lie from a vague date of the event's
#: own sentence and still be its day, by the vague date's rank: "overnight" (2) is the day
#: before or the day of the report, "the weekend" (2) its Saturday or Sunday, "last week" (3)
#: any day of that week or so. A month or a
#: year reference (4, 5) agrees with a day in that same month or year.
_REFINE_DAYS = {2: 1, 3: 7}


def _agrees(rank: int, vague: date, day: date) -> bool:
    if rank in _REFINE_DAYS:
        return abs((day - vague).days) <= _REFINE_DAYS[rank]
    if rank == 4:
        return (day.year, day.month) == (vague.year, vague.month)
    return rank == 5 and day.year == vague.year


def story_dates(text: str, published: date | None, *, recent_days: int) -> list[FoundDate]:
    """The days an article's story names: day-level dates (calendar dates and days relative to
    publication) that are not a report's date and lie at most ``recent_days`` before
    publication. Without a publication date, none: an event is never dated from a guess."""
    if published is None:
        return []
    return [
        f
        for f in find_dates(text, published, max_rank=1)
        if not f.report
        and f.rank <= 1
        and f.date.value is not None
        and (published - f.date.value).days <= recent_days
    ]


def context_date(
    start: int, end: int, own: EventDate, published: date | None, story: list[FoundDate]
) -> FoundDate | None:
    """The story day that dates an event whose evidence ``[start, end)`` states no day.

    An event with no date of its own happens on the story's current day: the last day named
    before it, or, for a headline or a lead that names its day later ("A man was shot. The
    shooting happened around 10 p.m. Wednesday"), the first day named after it. An event dated
    only vaguely ("overnight", "last week") takes the nearest named day that agrees with it.

    Args:
        start: where the event's first evidence starts in the article text.
        end: where it ends.
        own: the date the event's own sentences give (``UNKNOWN`` if none).
        published: the publication date.
        story: the article's :func:`story_dates`.
    """
    if own.value is None:
        before = [f for f in story if f.end <= start]
        if before:
            return before[-1]
        after = [f for f in story if f.start >= end]
        return after[0] if after else None
    vague = best_date(find_dates(own.text or "", published))
    if vague is None or vague.rank < 2:
        return None
    near = [
        f
        for f in story
        if f.date.value is not None and _agrees(vague.rank, own.value, f.date.value)
    ]
    return min(near, key=lambda f: abs(f.start - start)) if near else None
