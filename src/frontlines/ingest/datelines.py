"""Publication dates a report states in its own first lines: a "Published:" line or a wire dateline.

Used only when the input gives no date of its own (page metadata, feed date, a ``published`` field); the
document then gets ``DateSource.TEXT``. Only the first lines are read (``FIRST_LINES`` non-empty lines):

* a header line alone on its line: ``Published: 3 March 2016``, ``Date: 2016-03-03``,
  ``Posted on: March 3, 2016`` (the plain-text reader removes such lines from the text; here they are read
  in the other formats, where the text is kept as given);
* a wire dateline opening a paragraph: the place (in capitals, or followed by a comma), sometimes a country
  or region, the day and month, sometimes the year and the agency in brackets, then a dash::

      DAMASCUS, Syria, March 3, 2016 (Reuters) -
      BEIRUT, Jan 5 (AFP) —
      ALEPPO, 12 May 2016 (SANA) –

A dateline without a year takes it from a partial date the input gives elsewhere (a ``published`` field
"March 2016", a line "Published: 2016"), unless that names another month. Without such a year there is no
publication date: a day and a month are not a date, and guessing the year is how wrong dates are made.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from frontlines.ingest.dates import parse_date

FIRST_LINES = 8  # datelines and date lines are looked for among the first non-empty lines only
_LONGEST_LINE = 2_000  # a header line is short; only this much of a long paragraph's start is read

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WORD = r"[A-Za-z][A-Za-z'’.\-]{0,24}"
_PLACE = rf"[A-Z][A-Za-z'’.\-]{{0,24}}(?: {_WORD}){{0,3}}"  # DAMASCUS, RAS AL-AIN, Deir ez-Zor
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE})(?:, (?P<region>{_PLACE}))?(?P<comma>,)? +"
    rf"(?:(?P<month>{_MONTH}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)? (?P<month2>{_MONTH}))"
    r"(?:,? (?P<year>(?:19|20)\d\d))? *(?:\((?P<agency>[^()\n]{1,40})\) *)?(?:--?|–|—)"
)
_DATE_LINE = re.compile(r"^(?:Published|Date|Dated|Posted)(?: on)? *: *(?P<date>.{1,80})$", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_WORD = re.compile(r"\b[A-Za-z]{3,9}\b")


def date_in_text(text: str, hints: Iterable[object] = ()) -> dt.date | None:
    """The publication date the first lines of ``text`` state (a date line, else a dateline), or None.

    ``hints`` are partial dates the input gives elsewhere (e.g. a ``published`` field that is only a month
    and year); one of them may lend its year to a dateline without one.
    """
    lines = _first_lines(text)
    partial: list[str] = [hint for hint in hints if isinstance(hint, str)]
    for line in lines:
        if dated := _DATE_LINE.match(line):
            found = parse_date(dated.group("date"))
            if found is not None:
                return found
            partial.append(dated.group("date"))
    for line in lines:
        if (dateline := _dateline(line, partial)) is not None:
            return dateline
    return None


def _first_lines(text: str) -> list[str]:
    lines: list[str] = []
    start = 0
    while len(lines) < FIRST_LINES and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start : min(end, start + _LONGEST_LINE)].strip()
        if line:
            lines.append(line.lstrip("-•* ").strip())
        start = end + 1
    return lines


def _dateline(line: str, partial: list[str]) -> dt.date | None:
    """The date of a wire dateline opening ``line``, or None."""
    match = _DATELINE.match(line)
    if match is None or not (match.group("comma") or match.group("place").isupper()):
        return None
    month = MONTHS[(match.group("month") or match.group("month2")).rstrip(".").lower()]
    day = int(match.group("day") or match.group("day2"))
    year = int(match.group("year")) if match.group("year") else _year_from(partial, month)
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 June
        return None


def _year_from(partial: list[str], month: int) -> int | None:
    """The one year that the partial dates name, unless one of them names another month than ``month``."""
    years: set[int] = set()
    for value in partial:
        years.update(int(year) for year in _YEAR.findall(value))
        named = {MONTHS[word.lower()] for word in _MONTH_WORD.findall(value) if word.lower() in MONTHS}
        if named and month not in named:
            return None
    return years.pop() if len(years) == 1 else None
