"""Specification of event dates (frontlines.resolve.dates): time expressions read against publication.

Every report here was published on Thursday 10 November 2016 unless the test says the date is unknown. The
sentences are invented; rows are (sentence, the date it gives, ACLED precision, days from the report's day).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from frontlines.records import DatePrecision, DateRef
from frontlines.resolve.dates import resolve_date

PUBLISHED = dt.date(2016, 11, 10)  # a Thursday
DAY, WEEK, MONTH, UNKNOWN = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.UNKNOWN


def _date(sentence: str, published: dt.date | None = PUBLISHED, trigger: str = "captured") -> DateRef:
    """The date of the event whose trigger word is ``trigger``, the sentence standing alone in its report."""
    at = sentence.find(trigger)
    assert at >= 0, f"{trigger!r} is not in {sentence!r}"
    return resolve_date(sentence, 0, at, published)


# --------------------------------------------------------------------------------- against a known day

RELATIVE = [
    ("Syrian troops captured Khanasir yesterday.", dt.date(2016, 11, 9), DAY, -1),
    ("Syrian troops captured Khanasir last night.", dt.date(2016, 11, 9), DAY, -1),
    ("Syrian troops captured Khanasir today.", PUBLISHED, DAY, 0),
    ("Two days ago Syrian troops captured Khanasir.", dt.date(2016, 11, 8), DAY, -2),
    # a weekday is the last such day on or before the report's day
    ("Syrian troops captured Khanasir on Sunday.", dt.date(2016, 11, 6), DAY, -4),
    ("Syrian troops captured Khanasir on Wednesday.", dt.date(2016, 11, 9), DAY, -1),
    ("Syrian troops captured Khanasir on Thursday.", PUBLISHED, DAY, 0),
    ("Syrian troops captured Khanasir early on Friday.", dt.date(2016, 11, 4), DAY, -6),
    # news style drops the "on"
    ("Syrian troops captured Khanasir Sunday, the army said.", dt.date(2016, 11, 6), DAY, -4),
    ("Monday's offensive: Syrian troops captured Khanasir.", dt.date(2016, 11, 7), DAY, -3),
    # a week or a month back, with the coarser ACLED precision
    ("Syrian troops captured Khanasir last week.", dt.date(2016, 11, 3), WEEK, -7),
    ("Syrian troops captured Khanasir last month.", dt.date(2016, 10, 11), MONTH, -30),
    # the week or month still running is the report's own, not the one before ("earlier this month" on the
    # 10th is not in the month before)
    ("Syrian troops captured Khanasir earlier this week.", PUBLISHED, WEEK, 0),
    ("Syrian troops captured Khanasir earlier this month.", PUBLISHED, MONTH, 0),
    ("Over the past week, Syrian troops captured Khanasir.", PUBLISHED, WEEK, 0),
]


@pytest.mark.parametrize(("sentence", "date", "precision", "offset"), RELATIVE)
def test_relative_expression_counts_back_from_publication(
    sentence: str, date: dt.date, precision: DatePrecision, offset: int
) -> None:
    ref = _date(sentence)
    assert (ref.date, ref.precision, ref.offset_days) == (date, precision, offset), ref


def test_no_time_expression_dates_the_event_to_the_report_day() -> None:
    ref = _date("Syrian troops captured Khanasir after fierce clashes.")
    assert (ref.date, ref.precision, ref.offset_days, ref.rule) == (PUBLISHED, DAY, 0, "publication")
    assert ref.span is None, "no words of the sentence support the date"


def test_rule_names_the_expression_read() -> None:
    assert _date("Syrian troops captured Khanasir yesterday.").rule == "relative:yesterday"
    assert _date("Syrian troops captured Khanasir on Sunday.").rule.startswith("weekday:Sunday")
    assert _date("Syrian troops captured Khanasir on 3 November 2016.").rule == "explicit"


# --------------------------------------------------------------------------------------- "a day after"


def test_event_told_after_a_day_after_is_the_day_before_the_report() -> None:
    ref = _date("The offensive came a day after Syrian troops captured Khanasir.")
    assert (ref.date, ref.precision, ref.offset_days) == (dt.date(2016, 11, 9), DAY, -1)
    assert ref.rule == "relative:a day after"


def test_two_days_after_counts_two_days_back() -> None:
    ref = _date("The counterattack came two days after Syrian troops captured Khanasir.")
    assert (ref.date, ref.offset_days) == (dt.date(2016, 11, 8), -2)


def test_event_told_before_a_day_after_is_the_reports_own_news() -> None:
    ref = _date("Syrian troops captured Khanasir a day after rebels shelled the town.")
    assert (ref.date, ref.offset_days) == (PUBLISHED, 0), "the capture is the later event of the two"


def test_a_day_after_a_dated_event_counts_back_from_that_date() -> None:
    sentence = "Syrian troops captured Khanasir on Sunday, a day after rebels shelled Hamdaniyeh."
    assert _date(sentence).date == dt.date(2016, 11, 6)
    assert _date(sentence, trigger="shelled").date == dt.date(2016, 11, 5)


# ---------------------------------------------------------------------------------------- explicit dates

EXPLICIT = [
    ("Syrian troops captured Khanasir on November 3.", dt.date(2016, 11, 3)),
    ("Syrian troops captured Khanasir on Nov. 3.", dt.date(2016, 11, 3)),
    ("Syrian troops captured Khanasir on 3 November 2016.", dt.date(2016, 11, 3)),
    ("Syrian troops captured Khanasir on the 3rd of November.", dt.date(2016, 11, 3)),
    ("Syrian troops captured Khanasir on 2016-11-03.", dt.date(2016, 11, 3)),
    ("Syrian troops captured Khanasir on March 3rd.", dt.date(2016, 3, 3)),
    # a day and month later in the year than the report are last year's
    ("Syrian troops captured Khanasir on December 3.", dt.date(2015, 12, 3)),
    # an explicit date wins over any relative expression of the sentence
    ("Syrian troops captured Khanasir yesterday, November 3.", dt.date(2016, 11, 3)),
    ("Syrian troops captured Khanasir on Sunday, 30 October.", dt.date(2016, 10, 30)),
    (
        "On 1 November, a day after the offensive began, Syrian troops captured Khanasir.",
        dt.date(2016, 11, 1),
    ),
]


@pytest.mark.parametrize(("sentence", "date"), EXPLICIT)
def test_explicit_date_is_the_event_day(sentence: str, date: dt.date) -> None:
    ref = _date(sentence)
    assert (ref.date, ref.precision, ref.rule) == (date, DAY, "explicit"), ref
    assert ref.offset_days == (date - PUBLISHED).days


def test_month_and_year_give_the_month() -> None:
    ref = _date("Syrian troops captured Khanasir in October 2016.")
    assert (ref.date, ref.precision) == (dt.date(2016, 10, 1), MONTH)


# ------------------------------------------------------------------------------- publication date unknown

OFFSET_ONLY = [
    ("Syrian troops captured Khanasir yesterday.", -1),
    ("Syrian troops captured Khanasir last week.", -7),
    ("The offensive came a day after Syrian troops captured Khanasir.", -1),
    ("Syrian troops captured Khanasir after fierce clashes.", 0),
]


@pytest.mark.parametrize(("sentence", "offset"), OFFSET_ONLY)
def test_unknown_publication_keeps_the_offset_but_no_date(sentence: str, offset: int) -> None:
    ref = _date(sentence, published=None)
    assert ref.date is None, "a date is never invented"
    assert ref.precision == UNKNOWN
    assert ref.offset_days == offset


def test_unknown_publication_keeps_the_weekday_but_no_offset() -> None:
    ref = _date("Syrian troops captured Khanasir on Sunday.", published=None)
    assert (ref.date, ref.precision) == (None, UNKNOWN)
    assert "Sunday" in ref.rule and ref.span is not None and ref.span.text == "on Sunday"


def test_unknown_publication_still_reads_a_full_explicit_date() -> None:
    ref = _date("Syrian troops captured Khanasir on 3 November 2016.", published=None)
    assert (ref.date, ref.precision, ref.offset_days) == (dt.date(2016, 11, 3), DAY, None)


def test_unknown_publication_and_a_date_without_year_is_not_the_report_day() -> None:
    ref = _date("Syrian troops captured Khanasir on November 3.", published=None)
    assert ref.date is None
    assert ref.offset_days is None


# --------------------------------------------------------------------------------------- weekday edge


def test_last_weekday_named_on_that_weekday_is_a_week_back() -> None:
    ref = _date("Syrian troops captured Khanasir last Thursday.")
    assert (ref.date, ref.offset_days) == (dt.date(2016, 11, 3), -7)


# ---------------------------------------------------------------------------------------------- evidence


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Syrian troops captured Khanasir yesterday.", "yesterday"),
        ("Syrian troops captured Khanasir on Sunday.", "on Sunday"),
        ("Syrian troops captured Khanasir on 3 November 2016.", "3 November 2016"),
        ("The offensive came a day after Syrian troops captured Khanasir.", "a day after"),
        ("Syrian troops captured Khanasir last week.", "last week"),
    ],
)
def test_date_span_indexes_the_document(sentence: str, words: str) -> None:
    lead = "Aleppo (SANA) - Fighting went on in the south.\n"
    document = lead + sentence
    ref = resolve_date(sentence, len(lead), len(lead) + sentence.find("captured"), PUBLISHED)
    assert ref.span is not None
    assert ref.span.text == words
    assert document[ref.span.start : ref.span.end] == words, "span offsets are document offsets"


def test_a_date_inside_the_day_after_clause_dates_both_events() -> None:
    sentence = "Troops captured Tadef a day after rebels shelled Bab on 3 November."
    assert _date(sentence, trigger="shelled").date == dt.date(2016, 11, 3)
    assert _date(sentence).date == dt.date(2016, 11, 4)


def test_an_added_claim_dates_only_its_own_events() -> None:
    """Rule "added claim": the time of what follows ", adding that" does not date the events told before it;
    an added claim with no time of its own takes theirs."""
    from frontlines.resolve.dates import date_reader

    sentence = (
        "During the day, militants shelled Tadef and Bab, the officer said, adding that residents reported "
        "rockets fired at Manbij on Tuesday morning."
    )
    read = date_reader(sentence, 0, PUBLISHED)
    assert read(sentence.find("shelled")).date == PUBLISHED
    assert read(sentence.find("fired")).date == dt.date(2016, 11, 8)
    undated = "Troops captured Tadef on Tuesday, the officer said, adding that rebels fled to Bab."
    read = date_reader(undated, 0, PUBLISHED)
    assert read(undated.find("captured")).date == read(undated.find("fled")).date == dt.date(2016, 11, 8)


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops shelled the town yesterday.",
        "Rebels said last WEEK that they would attack.",
        "the fighting earlier this month",
        "It happened on the same day as the raid.",
        "No time is named here, only a yesterdayish word and lastweek.",
        "Clashes went on over the weekend, two days earlier than planned.",
    ],
)
def test_the_one_search_for_relative_times_agrees_with_each_list(sentence: str) -> None:
    from frontlines.resolve.dates import ANY_RELATIVE_RE, RELATIVE

    assert all(r.pattern.flags == ANY_RELATIVE_RE.flags for r in RELATIVE)
    assert (ANY_RELATIVE_RE.search(sentence) is not None) == any(r.pattern.search(sentence) for r in RELATIVE)


@pytest.mark.parametrize(
    "sentence",
    [
        "Syrian troops have captured Khanasir since Monday.",
        "Syrian troops captured Khanasir, and will hold it until Friday.",
        "Syrian troops captured Khanasir and aim to reach Safira by Sunday.",
        "Syrian troops captured Khanasir, ahead of talks next Tuesday.",
        "Syrian troops captured Khanasir, the Monday-Friday convoy route.",
    ],
)
def test_a_weekday_that_bounds_a_stretch_or_is_to_come_is_no_event_day(sentence: str) -> None:
    assert _date(sentence).rule == "publication"


def _phrases(pattern: str) -> list[str]:
    """The phrases of a RELATIVE pattern, ``\\b(?:a|b|(?:the\\s+)?c)\\b``, as written (an optional word in)."""
    body = pattern.removeprefix(r"\b(?:").removesuffix(r")\b")
    return [p.replace(r"(?:the\s+)?", "the ") for p in re.split(r"\|(?![^()]*\))", body)]


def test_every_relative_time_holds_a_guard_word() -> None:
    """Each phrase of the relative times holds one of RELATIVE_GUARDS in lower case, so the guard passes every
    sentence that names one; a sentence with none of them is not searched, and still gets no relative time."""
    from frontlines.resolve.dates import RELATIVE, RELATIVE_GUARDS, resolve_date

    phrases = [p for r in RELATIVE for p in _phrases(r.pattern.pattern)]
    assert len(phrases) >= 25 and "the past week" in phrases
    for phrase in phrases:
        assert re.fullmatch(r"[a-z ]+", phrase), phrase  # plain words: the guard judges them
        assert any(g in phrase for g in RELATIVE_GUARDS), phrase
        for text in (f"Troops shelled the town {phrase}.", f"{phrase.upper()}, TROOPS SHELLED THE TOWN"):
            assert resolve_date(text, 0, 0, dt.date(2020, 3, 4)).rule.startswith("relative:"), text
    assert resolve_date("Troops shelled the town on 2 March.", 0, 0, dt.date(2020, 3, 4)).rule == "explicit"


def test_the_day_and_digit_guards_hide_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every weekday and "a day after" holds a DAY_GUARDS word, every explicit date a digit: sentences written
    here get the same dates with the guards as with every search run."""
    from frontlines.resolve import dates

    assert all(any(g in day for g in dates.DAY_GUARDS) for day in dates.WEEKDAYS)
    published = dt.date(2020, 3, 4)
    texts = [
        "Troops shelled the town on Sunday.",
        "TROOPS SHELLED THE TOWN LAST MONDAY.",
        "Rebels seized the crossing Friday, a day after the army shelled it.",
        "Two days after the truce, jets struck Ariha on 2 March.",
        "The offensive began in February 2020 and the town fell.",
        "The army took the town on March 3rd, 2020.",
        "The army took the village in early spring.",
        "Jets struck the town on Ṫhursday.",  # not ASCII: not judged
    ]
    guarded = [dates.resolve_date(text, 0, 0, published) for text in texts]
    monkeypatch.setattr(dates, "DAY_GUARDS", ("",))
    monkeypatch.setattr(dates, "_DIGIT", re.compile(""))
    assert guarded == [dates.resolve_date(text, 0, 0, published) for text in texts]
    assert sum(1 for found in guarded if not found.rule.startswith("publication")) >= 6
