"""Count words: the number words, multipliers and vague quantities event counts are read from.

Used by the events stage's count reader (:mod:`frontwire.events.numbers`).
"""

from __future__ import annotations

#: Number words and the count each stands for ("a man", "nobody", "a dozen").
UNITS: dict[str, int] = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
    "both": 2, "couple": 2, "pair": 2, "nobody": 0, "none": 0,
    # "one was killed and another injured": one more person
    "another": 1,
}  # fmt: skip
#: Multipliers ("two hundred", "3 million").
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
#: Vague counts as (low, best, high): "dozens" is at least 12, read as 24, below 100.
VAGUE: dict[str, tuple[int, int, int]] = {
    "several": (3, 3, 9), "few": (3, 3, 5), "some": (3, 3, 9), "many": (10, 10, 99),
    "dozens": (12, 24, 99), "scores": (20, 40, 99), "tens": (10, 30, 99),
    "hundreds": (100, 200, 999), "thousands": (1000, 2000, 9999), "numerous": (10, 10, 99),
}  # fmt: skip
