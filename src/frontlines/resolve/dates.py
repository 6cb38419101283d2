"""Event dates from time expressions, anchored on the report's publication date.

An explicit date wins ("on November 3, 2016"); then relative expressions ("yesterday", "on Sunday", "a day
after ...", "last week"); else the event is dated to the report's day. When the publication date is unknown the
date stays unknown but the offset from the report date is kept, so "a day after" is still recorded. Dates in
photo captions and background sentences are never event dates (the caller does not ask for them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateutil import parser as dateparser

from frontlines.records import DatePrecision, DateRef, Span
from frontlines.wordlists import ascii_lower, may_hold

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTHS_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_M = rf"(?:{MONTHS}|(?:{MONTHS_SHORT})\.?)"

EXPLICIT_RE = re.compile(
    rf"\b(?:{_M}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}(?:,?\s+(?:19|20)\d\d)?|"
    rf"(?:19|20)\d\d-\d\d-\d\d)\b"
)
MONTH_YEAR_RE = re.compile(rf"\b(?:in|during|since)\s+({_M})\s+((?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class _Relative:
    pattern: re.Pattern[str]
    offset: int
    precision: DatePrecision
    rule: str


RELATIVE: tuple[_Relative, ...] = (
    _Relative(
        re.compile(
            r"\b(?:yesterday|a day earlier|the previous day|the day before|one day earlier|last night)\b",
            re.I,
        ),
        -1,
        DatePrecision.DAY,
        "relative:yesterday",
    ),
    _Relative(
        re.compile(r"\b(?:two days ago|two days earlier|the day before yesterday)\b", re.I),
        -2,
        DatePrecision.DAY,
        "relative:two days before",
    ),
    _Relative(
        re.compile(r"\b(?:three days ago|three days earlier)\b", re.I),
        -3,
        DatePrecision.DAY,
        "relative:three days before",
    ),
    _Relative(
        re.compile(
            r"\b(?:today|this morning|this afternoon|this evening|tonight|earlier today|on the same day)\b",
            re.I,
        ),
        0,
        DatePrecision.DAY,
        "relative:today",
    ),
    _Relative(
        re.compile(r"\b(?:last week|a week ago|over the weekend|last weekend)\b", re.I),
        -7,
        DatePrecision.WEEK,
        "relative:week",
    ),
    # the week or month still running: the report's own week or month, not the one before it
    _Relative(
        re.compile(r"\b(?:earlier this week|this week|(?:the\s+)?past week)\b", re.I),
        0,
        DatePrecision.WEEK,
        "relative:this week",
    ),
    _Relative(
        re.compile(r"\b(?:last month|a month ago)\b", re.I),
        -30,
        DatePrecision.MONTH,
        "relative:month",
    ),
    _Relative(
        re.compile(r"\b(?:earlier this month|this month|(?:the\s+)?past month)\b", re.I),
        0,
        DatePrecision.MONTH,
        "relative:this month",
    ),
)
# Does any of them occur? One search instead of one per phrase list (most sentences name no relative time);
# they share its flags, so it matches where one of them does (tests/test_resolve_dates.py).
ANY_RELATIVE_RE = re.compile("|".join(f"(?:{r.pattern.pattern})" for r in RELATIVE), re.I)
# Words one of which every phrase of them holds (a test checks each phrase): a sentence whose lower case holds
# none names no relative time, and the search is not run (`frontlines.wordlists.may_hold`).
RELATIVE_GUARDS = (
    *("yesterday", "day earlier", "previous day", "day before", "same day", "days", "today", "night"),
    *("morning", "afternoon", "evening", "week", "month"),
)
# "X came a day after Y": events told after the phrase happened N days before the report's day.
DAY_AFTER_RE = re.compile(r"\b(a|one|two|three|a couple of) days? after\b", re.I)
_NUMBER = {"a": 1, "one": 1, "two": 2, "three": 3, "a couple of": 2}
WEEKDAY_RE = re.compile(r"\b(?:on|last|this|late|early)\s+(?:the\s+)?(" + "|".join(WEEKDAYS) + r")\b", re.I)
# News style drops the "on": "rebels seized the crossing Monday", "Monday's attack". A weekday of its own, with
# its capital, is the day of the events told with it, unless a word puts it at the end or start of a stretch
# or in the days to come ("since Monday", "until Friday", "by Sunday", "next Tuesday").
BARE_WEEKDAY_RE = re.compile(
    r"(?<![\w-])(?<!since )(?<!until )(?<!till )(?<!by )(?<!next )(?<!from )(?<!through )"
    r"(" + "|".join(w.title() for w in WEEKDAYS) + r")\b(?!-)"
)


# Every weekday and "a day after" holds "day": a sentence whose lower case holds none is not searched for them
DAY_GUARDS = ("day",)
_DIGIT = re.compile(r"\d")


def _span(sentence: str, offset: int, m: re.Match[str]) -> Span:
    return Span(offset + m.start(), offset + m.end(), m.group(0))


def _parse_explicit(text: str, published: dt.date | None) -> tuple[dt.date, bool] | None:
    default = dt.datetime(published.year if published else 1900, 1, 1)
    try:
        parsed = dateparser.parse(text, default=default, fuzzy=True).date()
    except (ValueError, OverflowError):
        return None
    has_year = bool(re.search(r"(?:19|20)\d\d", text))
    if not has_year:
        if published is None:
            return None
        if parsed > published:  # "March 3" in a report of 2 February is last year's March
            parsed = parsed.replace(year=parsed.year - 1)
    return parsed, has_year


def _shifted(anchor: DateRef, days: int, published: dt.date | None, rule: str, span: Span) -> DateRef:
    """``anchor`` moved by ``days`` (the publication day when the anchor is only that)."""
    if anchor.rule.startswith("publication"):
        anchor = DateRef(
            published, DatePrecision.DAY if published else DatePrecision.UNKNOWN, 0, "publication"
        )
    moved = anchor.date + dt.timedelta(days=days) if anchor.date else None
    offset = anchor.offset_days + days if anchor.offset_days is not None else None
    return DateRef(moved, anchor.precision if moved else DatePrecision.UNKNOWN, offset, rule, span)


def states_a_date(text: str) -> bool:
    """Does the text give a time of its own ("on Monday", "yesterday", "on 3 November")?"""
    return not resolve_date(text, 0, 0, None).rule.startswith("publication")


def _day_after(sentence: str, lower: str | None = None) -> tuple[re.Match[str] | None, int]:
    """The sentence's "a day after" (if any) and where the clause it opens ends (``lower``: its `ascii_lower`,
    if made already)."""
    lower = ascii_lower(sentence) if lower is None else lower
    m = DAY_AFTER_RE.search(sentence) if may_hold(lower, DAY_GUARDS) else None
    clause_end = len(sentence)
    lead = sentence[: m.start()].strip() if m else ""
    if m and (not lead or (lead.endswith(",") and len(lead.split()) <= 4)):
        # "On 1 November, a day after the offensive began, troops captured A": an aside up to the next comma
        comma = sentence.find(",", m.end())
        clause_end = comma if comma >= 0 else len(sentence)
    return m, clause_end


def date_reader(sentence: str, sent_offset: int, published: dt.date | None) -> Callable[[int], DateRef]:
    """``resolve_date`` for any trigger of one sentence, reading the sentence once (twice with "a day
    after"): the trigger's offset only decides which side of "a day after" it is on."""
    m, clause_end = _day_after(sentence)
    if m is None:
        added = ADDING_RE.search(sentence)
        if added is not None:
            return _added_claim_reader(sentence, sent_offset, published, added.start())
        date = resolve_date(sentence, sent_offset, sent_offset, published)
        return lambda trigger_offset: date
    lo, hi = sent_offset + m.end(), sent_offset + clause_end
    inside = resolve_date(sentence, sent_offset, lo, published)
    outside = resolve_date(sentence, sent_offset, sent_offset - 1, published)
    return lambda trigger_offset: inside if lo <= trigger_offset < hi else outside


# "..., Kupchishin said, adding that residents reported shells fired at A on Sunday morning": what follows is
# another claim, whose time is its own; it does not date the events told before it.
ADDING_RE = re.compile(r",\s+adding\s+that\b", re.I)


def _added_claim_reader(
    sentence: str, sent_offset: int, published: dt.date | None, boundary: int
) -> Callable[[int], DateRef]:
    """Rule "added claim": a trigger before ", adding that" takes the date of the words before it; one after,
    the date of the words after it, else the one before."""
    before = resolve_date(
        sentence[:boundary] + " " * (len(sentence) - boundary), sent_offset, sent_offset, published
    )
    after = resolve_date(" " * boundary + sentence[boundary:], sent_offset, sent_offset, published)
    if after.rule.startswith("publication"):
        after = before
    return lambda trigger_offset: before if trigger_offset < sent_offset + boundary else after


def resolve_date(sentence: str, sent_offset: int, trigger_offset: int, published: dt.date | None) -> DateRef:
    """The date of an event told in ``sentence`` (which starts at ``sent_offset`` in the document); the
    trigger's position decides which side of "a day after" the event is on."""
    lower = ascii_lower(sentence)
    m, clause_end = _day_after(sentence, lower)
    if m:
        days = _NUMBER.get(m.group(1).lower(), 1)
        # The two events' own dates: each side with the other blanked out (offsets kept).
        earlier_part = " " * m.end() + sentence[m.end() : clause_end] + " " * (len(sentence) - clause_end)
        later_part = sentence[: m.start()] + " " * (clause_end - m.start()) + sentence[clause_end:]
        earlier = resolve_date(earlier_part, sent_offset, sent_offset, published)
        later = resolve_date(later_part, sent_offset, sent_offset, published)
        if sent_offset + m.end() <= trigger_offset < sent_offset + clause_end:
            # "captured A on Sunday, a day after rebels shelled B": B is a day before A's date
            if not earlier.rule.startswith("publication"):
                return earlier  # "a day after rebels shelled B on 3 November": B's own date
            return _shifted(
                later, -days, published, f"relative:{m.group(0).lower()}", _span(sentence, sent_offset, m)
            )
        if later.rule.startswith("publication") and not earlier.rule.startswith("publication"):
            # "troops captured A a day after rebels shelled B on 3 November": A on 4 November
            return _shifted(
                earlier, days, published, f"relative:{m.group(0).lower()}", _span(sentence, sent_offset, m)
            )
        return later
    digits = _DIGIT.search(sentence) is not None  # (every explicit date and month's year has one)
    for found in EXPLICIT_RE.finditer(sentence) if digits else ():
        if published is None and not re.search(r"(?:19|20)\d\d", found.group(0)):
            # "on November 3" with no year and no publication date: a date we cannot place, not the report's day
            return DateRef(
                None, DatePrecision.UNKNOWN, None, "explicit:no-year", _span(sentence, sent_offset, found)
            )
        parsed = _parse_explicit(found.group(0), published)
        if parsed is not None:
            day, _ = parsed
            offset = (day - published).days if published else None
            return DateRef(day, DatePrecision.DAY, offset, "explicit", _span(sentence, sent_offset, found))
    date: dt.date | None
    named = may_hold(lower, RELATIVE_GUARDS) and ANY_RELATIVE_RE.search(sentence)
    for rel in RELATIVE if named else ():
        m = rel.pattern.search(sentence)
        if m:
            date = published + dt.timedelta(days=rel.offset) if published else None
            return DateRef(
                date,
                rel.precision if published else DatePrecision.UNKNOWN,
                rel.offset,
                rel.rule,
                _span(sentence, sent_offset, m),
            )
    m = (
        (WEEKDAY_RE.search(sentence) or BARE_WEEKDAY_RE.search(sentence))
        if may_hold(lower, DAY_GUARDS)
        else None
    )
    if m:
        weekday = WEEKDAYS.index(m.group(1).lower())
        if published is None:
            return DateRef(
                None,
                DatePrecision.UNKNOWN,
                None,
                f"weekday:{m.group(1).title()}<=D",
                _span(sentence, sent_offset, m),
            )
        back = (published.weekday() - weekday) % 7
        if back == 0 and m.group(0).lower().startswith("last"):
            back = 7  # "last Thursday" in a Thursday report is a week ago
        return DateRef(
            published - dt.timedelta(days=back),
            DatePrecision.DAY,
            -back,
            f"weekday:{m.group(1).title()}<=D",
            _span(sentence, sent_offset, m),
        )
    m = MONTH_YEAR_RE.search(sentence) if digits else None
    if m:
        date = dateparser.parse(f"1 {m.group(1)} {m.group(2)}").date()
        offset = (date - published).days if published else None
        return DateRef(date, DatePrecision.MONTH, offset, "explicit:month", _span(sentence, sent_offset, m))
    if published is None:
        return DateRef(None, DatePrecision.UNKNOWN, 0, "publication:unknown")
    return DateRef(published, DatePrecision.DAY, 0, "publication")
