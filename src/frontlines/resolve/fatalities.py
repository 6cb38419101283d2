"""Fatalities: deaths only, never "casualties" or "wounded", with the rule used to read the number.

Vague quantities follow ACLED's convention for unspecified counts (documented in docs/decisions): "tens of" is
10, "dozens of" 12, "scores of" 20, "hundreds of" 100, and "a number of", "several", "some", "a few" are 3.
"""

from __future__ import annotations

import re

from frontlines.records import Fatalities, Span

VAGUE = {
    "tens of": 10,
    "dozens of": 12,
    "a dozen": 12,
    "scores of": 20,
    "hundreds of": 100,
    "thousands of": 1000,
    "a number of": 3,
    "several": 3,
    "some": 3,
    "a few": 3,
    "a handful of": 3,
    "many": 3,
}
WORDS = {
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_VAGUE = "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True))
_NUM = rf"(?:\d[\d,]*|{'|'.join(WORDS)}|{_VAGUE})"
_QUAL = r"(?:at least|more than|over|nearly|almost|around|about|some|up to)?\s*"
_WHO = r"(?:[\w\-’']+\s+){0,4}?"
DEATH = r"(?:killed|dead|died|deaths|slain|martyred|executed|lost their lives|killing|massacred|perished)"
PATTERNS = (
    # "killing at least 12 people", "killed 7 militants"
    re.compile(rf"\b(?:killing|killed|left|leaving)\s+{_QUAL}(?P<n>{_NUM})\b", re.I),
    # "12 people were killed", "dozens of militants were killed", "at least 7 dead"
    re.compile(
        rf"\b{_QUAL}(?P<n>{_NUM})\s+{_WHO}(?:were\s+|have\s+been\s+|had\s+been\s+|was\s+|are\s+)?{DEATH}\b",
        re.I,
    ),
    # "death toll rose to 30", "the death toll of 30"
    re.compile(rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at)\s+{_QUAL}(?P<n>{_NUM})\b", re.I),
)
NOT_DEATHS = re.compile(r"\b(?:casualt|wounded|injur|hurt)\w*", re.I)


def _value(word: str) -> tuple[int, str] | None:
    w = word.lower().strip()
    if w in VAGUE:
        return VAGUE[w], f"acled:{w}={VAGUE[w]}"
    if w in WORDS:
        return WORDS[w], "exact"
    digits = w.replace(",", "")
    if digits.isdigit():
        return int(digits), "exact"
    return None


def read_fatalities(sentence: str, sent_offset: int) -> Fatalities | None:
    """Deaths a sentence reports, or None when it says nothing countable about deaths."""
    for pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            number = m.group("n")
            between = sentence[m.start() : m.end()]
            if NOT_DEATHS.search(between):
                continue
            value = _value(number)
            if value is None or (value[1] == "exact" and number.lower() in ("a", "an")):
                continue
            count, rule = value
            return Fatalities(count, rule, Span(sent_offset + m.start(), sent_offset + m.end(), m.group(0)))
    return None
