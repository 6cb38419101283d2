"""The records of the control stage: who holds a place, the claims that say so, and a place's history.

A place's history is a list of intervals ``[start, end)`` that follow one another without gaps, each with a
holder, a status and what decided it:

- ``held``: the claims behind the change agree on who holds the place (or an analyst said so);
- ``contested``: claims made within the window disagree, or fighting was reported there after the change;
- ``unknown``: the place was left (a withdrawal with no other side named) or an analyst said nobody is known
  to hold it.

Before a place's first interval nothing is known of it. ``start`` None means "before the first report": the
side a capture was taken from held the place until then, since a date no report gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

HELD = "held"
CONTESTED = "contested"
UNKNOWN = "unknown"
STATUSES = (HELD, CONTESTED, UNKNOWN)

CHANGE = "change"
FIGHTING = "fighting"


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a place: an actor of the actor table (``actor_id`` None when the report names only a side,
    as "Government regains territory" with no actor does), its name and side, and ``key``: what two holders
    must share to agree (the side for allied sides, the actor otherwise; see data/words.toml)."""

    actor_id: str | None
    name: str
    side: str
    key: str


class ControlClaim(NamedTuple):
    """One event read as a statement about a place's control. ``kind`` is ``change`` (the place changed
    hands: ``holder`` took it from ``previous``) or ``fighting`` (fighting there, no change). ``holder`` is None
    for a withdrawal whose other side the report does not name. ``rule`` says how the event was read.

    Claims and intervals are named tuples, not frozen dataclasses: equally immutable, and three times cheaper
    to make, which counts at a million events (scripts/bench_control.py)."""

    event_id: str
    doc_id: str
    kind: str
    place_id: str
    date: dt.date
    holder: Holder | None
    previous: Holder | None
    sub_event_type: str
    source_chain: tuple[str, ...]
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class HolderSetting:
    """An analyst's statement that a place is held by ``holder`` (or contested, or of unknown holder) from
    ``start``: kept apart from machine output and applied on read, so re-extraction never erases it."""

    setting_id: int
    place_id: str
    start: dt.date
    status: str
    holder: Holder | None
    author: str | None
    note: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class Place:
    """A place with a control history: the gazetteer's facts the events (or a setting) carried."""

    place_id: str
    name: str
    admin1: str | None
    latitude: float | None
    longitude: float | None


class Interval(NamedTuple):
    """``[start, end)`` of a place's history (``start`` None: before the first report; ``end`` None: still so).
    ``claims`` are the claims behind it (the change, and fighting that made it contested); ``claimants`` the
    holders that disagreeing claims name; ``setting`` the analyst's, when one decided it; ``rule`` how it was
    decided."""

    start: dt.date | None
    end: dt.date | None
    holder: Holder | None
    status: str
    rule: str
    claims: tuple[ControlClaim, ...] = ()
    claimants: tuple[Holder, ...] = ()
    setting: HolderSetting | None = None

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class PlaceHistory:
    """A place and its intervals, oldest first, contiguous; ``claims`` every claim about it, oldest first."""

    place: Place
    intervals: tuple[Interval, ...]
    claims: tuple[ControlClaim, ...]
