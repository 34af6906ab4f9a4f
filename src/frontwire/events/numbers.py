"""Counts of the dead, injured, arrested and of crowds, in words or digits.

"ten civilians", "at least 3,000", "dozens", "between 5 and 7", "two to three hundred": each
count is read as ``low``/``best``/``high``; ACLED's figure is the most conservative (``low``).
Vague words follow ACLED's coding practice: "several"/"a few" = 3, "dozens" = 12 (low) to 36,
"scores" = 20, "hundreds" = 100 (low), "thousands" = 1,000 (low). No library reads English
number phrases with ranges and hedges into bounds, so this is our own small grammar.

Counts above :data:`MAX_COUNT` ("10^12 killed", "a million million") are bounded: the value is
dropped (``None``) and the count carries the ``implausible`` flag, never an invented figure.
"""

from __future__ import annotations

import re

from frontwire.lexicon.counts import SCALES as _SCALES
from frontwire.lexicon.counts import UNITS as _UNITS
from frontwire.lexicon.counts import VAGUE as _VAGUE
from frontwire.records import Count

#: No single event in the record has more dead than this (the largest single-day battle and
#: bombing tolls are in the low hundreds of thousands); above it a count is implausible.
MAX_COUNT = 1_000_000

_NUM_WORDS = "|".join(sorted([*_UNITS, *_SCALES, *_VAGUE], key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s*\^\s*\d+|e\d+)?"
_TOKEN = rf"(?:{_DIGITS}|(?:{_NUM_WORDS})\b)"
# A number phrase: tokens joined by spaces, hyphens or "and" ("two hundred and fifty").
# "and" joins only after a scale word: "five hundred and ten" is one number, "5 and 7" two.
NUMBER = rf"(?:{_TOKEN}(?:(?:\s+|-|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+){_TOKEN})*)"
_HEDGE_LOW = r"(?:at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|in\s+excess\s+of)"
_HEDGE_HIGH = r"(?:up\s+to|as\s+many\s+as|nearly|almost|fewer\s+than|less\s+than|under)"
_HEDGE_ABOUT = r"(?:about|around|some|roughly|approximately|an\s+estimated|estimated)"
# Words that mark a count as more people beside ones already counted ("killed two and injured
# another 14", "an additional 5", "other twelve"): skipped, the number after them is the count.
_MORE = r"(?:another|an?\s+(?:additional|further)|a\s+further|other)"
# An age is no count: "the death of 38-year-old X", "a 7-year-old boy", "aged 20 years old".
_AGE = r"(?![\w-]*-(?:year|month|week|day)s?\b|\s+(?:years?|months?)[\s-]+old\b)"
QUANTITY = (
    rf"(?:{_MORE}\s+(?=(?:{_HEDGE_LOW}|{_HEDGE_HIGH}|{_HEDGE_ABOUT}|{_DIGITS})\b|(?:{_NUM_WORDS})\b))?"
    rf"(?:(?P<hedge>{_HEDGE_LOW}|{_HEDGE_HIGH}|{_HEDGE_ABOUT})\s+)?"
    rf"(?:between\s+)?(?P<a>{NUMBER})(?:\s*(?:-|–|to|and|or)\s*(?P<b>{NUMBER}))?{_AGE}"
)


def parse_number(phrase: str) -> tuple[int, int, int] | None:
    """``(low, best, high)`` of a number phrase, or None if it is not one.

    >>> parse_number("two hundred and fifty")
    (250, 250, 250)
    >>> parse_number("3,000")
    (3000, 3000, 3000)
    """
    text = phrase.lower().strip()
    power = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:\^\s*|e)(\d+)", text)
    if power:
        value = int(float(power.group(1)) * 10 ** min(int(power.group(2)), 30))
        return value, value, value
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", text):
        value = int(float(text.replace(",", "")))
        return value, value, value
    if text in _VAGUE:
        return _VAGUE[text]
    if text.startswith("another ") and text != "another":
        text = text[len("another ") :]  # "another two": the two are the count
    if text.startswith("no ") or text == "no":  # "no one", "no"
        return 0, 0, 0
    total = current = 0
    seen = False
    words = [w for w in re.split(r"[\s-]+", text) if w not in ("and", "")]
    for i, word in enumerate(words):
        if word in ("a", "an") and i + 1 < len(words) and words[i + 1] not in (*_SCALES, "dozen"):
            continue  # "a 67-year-old": the article of what follows, not a count of one
        if word == "dozen":
            current = max(current, 1) * 12  # "a dozen", "two dozen": a multiplier
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word in _VAGUE:
            current += _VAGUE[word][0]
        elif re.fullmatch(r"\d+", word):
            current += int(word)
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return value, value, value


def read_quantity(match: re.Match[str]) -> Count | None:
    """The :class:`Count` of a :data:`QUANTITY` match."""
    first = parse_number(match.group("a"))
    if first is None:
        return None
    low, best, high = first
    if match.group("b"):
        second = parse_number(match.group("b"))
        if second is not None:
            low, high = min(low, second[0]), max(high, second[2])
            best = (low + high) // 2
    hedge = (match.group("hedge") or "").lower()
    if hedge and re.fullmatch(_HEDGE_LOW, hedge):
        high = max(high, best)
    elif hedge and re.fullmatch(_HEDGE_HIGH, hedge):
        low = 0 if hedge.startswith(("fewer", "less", "under")) else low
    if high > MAX_COUNT:
        return Count(None, None, None, match.group(0), implausible=True)
    return Count(low, best, high, match.group(0))


# The people a count counts, plural and singular: "a man was killed" is a count of one as
# much as "two men were killed" is of two ("one" and "a" were half of all fatality misses).
_VICTIM = (
    # "a number of elders" is no count of one
    r"(?:(?:(?!(?:number|lot|handful|third|quarter|half|fraction)\b)[A-Za-z'()-]+\s+){0,4}?"
    r"(?:people|persons?|civilians?|soldiers?|troops|fighters?|"
    r"militants?|rebels?|insurgents?|residents?|villagers?|protesters?|demonstrators?|"
    r"child(?:ren)?|wom[ae]n|m[ae]n|boys?|girls?|teen(?:ager)?s?|toddlers?|infants?|babies|baby|"
    r"police(?:m[ae]n|\s+officers?)?|officers?|personnel|members?|servicem[ae]n|workers?|"
    r"students?|others|bod(?:y|ies)|individuals?|passengers?|worshippers?|farmers?|miners?|"
    r"pilgrims?|attackers?|gunm[ae]n|militiam[ae]n|guards?|journalists?|staff|casualties|"
    r"victims?|drivers?|teachers?|employees?|suspects?|shooters?|hostages?|tourists?|"
    r"refugees?|sailors?|tribesm[ae]n|elders?|officials?|recruits?|contractors?|peacekeepers?|"
    r"guerrillas?|jihadists?|terrorists?|assailants?|bystanders?|cadets?|citizens?|civilians?|"
    r"nationals?|locals|shoppers?|commuters?|spectators?|crew|relatives?|leaders?|commanders?|"
    r"more|killed|dead))"
)
_KILL_VERB = (
    r"(?:killed|killing|kills|dead|died|dies|die|dying|slain|massacred?|massacres|murdered|"
    r"shot\s+dead|gunned\s+down|slaughter(?:ed|ing|s)?|executes?|executing|beheads?|beheading|"
    # "two deaths", "one death" (not a death toll, row, sentence or threat)
    r"deaths?(?!\s+(?:toll|row|threats?|squads?|sentences?|penalty|certificates?))|"
)
_KILL_VERB += r"lost\s+their\s+lives|perished|executed|beheaded|lynched|burned\s+to\s+death)"
_INJURE_VERB = (
    r"(?:injured|injuring|injures|injuries|wounded|wounding|wounds|hurt|maimed|hospitali[sz]ed)"
)
_ARREST_VERB = r"(?:arrested|arresting|detained|detaining|held|apprehended|rounded\s+up|nabbed)"


# What a number right after a harm verb may be followed by and still not count people: "shot 3
# times", "killed a number of", "wounded a third of".
_NOT_PEOPLE = (
    r"(?!(?:times?|years?|months?|weeks?|days?|hours?|minutes?|seconds?|km|kilomet\w+|miles?|"
    r"met(?:re|er)s?|percent|per\s+cent|number|lot|third|quarter|half|fifth|tenth)\b)"
)


def _patterns(verb: str, noun: str, any_object: bool = False) -> tuple[re.Pattern[str], ...]:
    q = QUANTITY
    # "killed 37 Iraqi refugees", "massacred 34 bus passengers": whatever noun follows the
    # number that follows a killing or wounding verb, the number counts people (only for those
    # verbs: "held 5 meetings" is not five arrests).
    anything = (rf"\b{verb}\s+(?:a\s+total\s+of\s+|all\s+)?{q}\s+{_NOT_PEOPLE}[A-Za-z]",)
    return tuple(
        re.compile(p, re.IGNORECASE)
        for p in (
            # "killing 6 civilians", "killed at least ten people", "killing all 90 people"
            rf"\b{verb}\s+(?:a\s+total\s+of\s+|all\s+)?{q}\s+{_VICTIM}",
            # "6 civilians were killed", "ten people died", "3 dead"
            # "9 (5 soldiers and 4 civilians) were injured", "3 seriously wounded", "two people
            # were left injured"
            # "19 people, including a minister, were killed"
            rf"\b{q}\s+{_VICTIM}?\s*(?:\([^()]{{0,80}}\)\s*)?"
            rf"(?:,\s*(?:including|among\s+them|mostly)\b[^,.;]{{0,80}},?\s*)?(?:(?:were|was|have\s+been|"
            rf"had\s+been|are|is|been|also|all|left|[a-z]+ly)\s+)*{verb}\b",
            # "killing one and wounding two", "killed 3."
            rf"\b{verb}\s+(?:a\s+total\s+of\s+)?{q}(?=\s*(?:[,.;:|\n]|and\b|in\b|at\b|on\b|of\b|$))",
            # "death toll rose to 12", "toll of 12"
            rf"\b{noun}\s+(?:\w+\s+){{0,3}}?(?:to|of|at|is|was|stands\s+at|reached)\s+{q}",
            # "12 killed", "3 dead"
            rf"\b{q}\s+{verb}\b",
            *(anything if any_object else ()),
        )
    )


_KILLED = (
    *_patterns(_KILL_VERB, r"(?:death\s+toll|toll|fatalities|deaths)", any_object=True),
    # "caused the death of one person", "resulted in the deaths of 6"
    re.compile(rf"\bdeaths?\s+of\s+{QUANTITY}", re.IGNORECASE),
)
# "Two men were shot": people hit by gunfire, of whom those not killed are injured.
_SHOT_VERB = r"(?:shot|wounded\s+by\s+gunfire)(?!\s+(?:dead|to\s+death|and\s+killed|at|down))"
_SHOT = _patterns(_SHOT_VERB, r"(?:victims)")[:2]
_INJURED = _patterns(_INJURE_VERB, r"(?:injuries|injury|injured|wounded)", any_object=True)
_ARRESTED = _patterns(_ARREST_VERB, r"(?:arrests)")
_CROWD = (
    re.compile(
        rf"\b{QUANTITY}\s+(?:of\s+)?(?:people|protesters|demonstrators|supporters|students|workers|"
        rf"farmers|residents|women|marchers)\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\bcrowds?\s+of\s+{QUANTITY}", re.IGNORECASE),
)


# Words one of whose forms every pattern of a kind needs: a cheap test before the patterns.
_NEEDS = {
    "killed": re.compile(r"kill|dead|die|dying|slain|massacr|murder|lives|perish|execut|behead|"
                         r"lynch|death|toll|fatalit|gunned|slaughter", re.IGNORECASE),
    "injured": re.compile(r"injur|wound|hurt|maim|hospital", re.IGNORECASE),
    "arrested": re.compile(r"arrest|detain|held|apprehend|rounded|nabbed", re.IGNORECASE),
}  # fmt: skip


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> Count | None:
    found: list[tuple[int, Count]] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            count = read_quantity(match)
            if count is not None:
                found.append((match.start(), count))
                if count.value != 0:
                    break
    if not found:
        return None
    # Several phrases may read the same count; the earliest is the one the sentence leads with,
    # unless it is a zero beside a figure ("no police officers were killed but nine people died").
    found.sort(key=lambda item: (item[1].value == 0, item[0]))
    return found[0][1]


_ANY_HARM = re.compile(
    r"kill|dead|die|dying|slain|murder|death|toll|injur|wound|hurt|hospital|shot|stabb|execut|"
    r"behead|massacr|slaughter|lynch|perish|gunned|lives|maim",
    re.IGNORECASE,
)


def may_count(text: str) -> bool:
    """Whether ``text`` may report killed or injured people (a cheap test before the parse)."""
    return _ANY_HARM.search(text) is not None


def killed(text: str) -> Count | None:
    """The number of dead reported in ``text``, if any."""
    if not _NEEDS["killed"].search(text):
        return None
    return _first(_KILLED, text)


def injured(text: str) -> Count | None:
    """The number of injured reported in ``text``, if any."""
    if not _NEEDS["injured"].search(text):
        return None
    return _first(_INJURED, text)


def shot(text: str) -> Count | None:
    """The number of people shot in ``text`` (killed or not), if given as a number."""
    if "shot" not in text.lower():
        return None
    return _first(_SHOT, text)


def arrested(text: str) -> Count | None:
    """The number of people arrested or detained in ``text``, if any."""
    if not _NEEDS["arrested"].search(text):
        return None
    return _first(_ARRESTED, text)


_COUNTED_ELSEWHERE = re.compile(rf"(?:{_ARREST_VERB}|{_KILL_VERB}|{_INJURE_VERB})\s+$", re.I)


def crowd(text: str) -> Count | None:
    """The size of a crowd in ``text``, if given: "a crowd of 5,000" first, else a number of
    people that is not the number arrested, killed or injured."""
    explicit = _first(_CROWD[1:], text)
    if explicit is not None:
        return explicit
    for match in _CROWD[0].finditer(text):
        if not _COUNTED_ELSEWHERE.search(text[max(0, match.start() - 30) : match.start()]):
            return read_quantity(match)
    return None
