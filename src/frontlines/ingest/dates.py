"""Parse publication dates without ever inventing one.

``dateutil`` fills in whatever a string leaves out (day, month, even year) from a default date. We parse
twice with two different defaults: when the results differ, part of the date was missing, so there is no
date. Times and time zones are dropped: the date is the calendar day as written by the source.
"""

from __future__ import annotations

import datetime as dt

from dateutil import parser

_DEFAULT_A = dt.datetime(1901, 1, 1)
_DEFAULT_B = dt.datetime(1902, 2, 2)
_EARLIEST = dt.date(1900, 1, 1)


def parse_date(value: object) -> dt.date | None:
    """A full calendar date from ``value`` (str, date or datetime), or None when it is missing or partial."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    try:
        first = parser.parse(value, default=_DEFAULT_A, ignoretz=True)
        second = parser.parse(value, default=_DEFAULT_B, ignoretz=True)
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date() or first.date() < _EARLIEST:
        return None
    return first.date()
