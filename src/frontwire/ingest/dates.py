"""Published dates: every form we accept becomes ISO 8601, and nothing is guessed.

ISO 8601 is read with the standard library; other common forms ("16 May 2022", "May 16, 2022",
RFC 2822 "Mon, 16 May 2022 08:30:00 +0000") with ``dateutil``. A date is accepted only when it
is complete and unambiguous: "May 2022" lacks a day and "05/06/2022" reads as two different
days, so both give ``None`` rather than a date that may be wrong.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as date_parser  # type: ignore[import-untyped]

# Two defaults that differ in every field: a field the text does not give comes from the default,
# so parsing with both shows which fields were actually present.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)
# Year first ("2022/05/16") is read year-month-day everywhere; dayfirst must not swap it.
_YEAR_FIRST = re.compile(r"\s*\d{4}\D")


def normalise_date(value: str) -> str | None:
    """The ISO 8601 form of a published date, or ``None`` if ``value`` is not a clear date.

    Args:
        value: a date as found in the input, e.g. ``"16 May 2022"`` or ``"2022-05-16T08:30Z"``.

    Returns:
        ``"YYYY-MM-DD"`` when only a date is given, the full ``datetime.isoformat()`` (with the
        offset, if one was given) when a time is given too; ``None`` for a value that is not a
        date, lacks a day, month or year, or could be read with day and month either way round.
    """
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    return _free_form(text)


def _free_form(text: str) -> str | None:
    try:
        month_first = date_parser.parse(text, default=_DEFAULT_A, dayfirst=False)
        other_default = date_parser.parse(text, default=_DEFAULT_B, dayfirst=False)
        day_first = date_parser.parse(text, default=_DEFAULT_A, dayfirst=True)
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError
        return None
    if month_first.date() != other_default.date():
        return None  # a day, month or year came from the default: the value is incomplete
    if month_first.date() != day_first.date() and not _YEAR_FIRST.match(text):
        return None  # "05/06/2022": 5 June or May 6, nothing in the value says which
    if month_first.hour == other_default.hour:  # the hour was given, so the time is meaningful
        return str(month_first.isoformat())
    return str(month_first.date().isoformat())


__all__ = ["normalise_date"]
