"""Control at any date, fast: each place's intervals are built once, sorted, and a date is a bisect per place.

`ControlIndex.build` groups the claims by place and builds every place's history (control.history). The
interval starts of every place (day ordinals) are then laid end to end in one sorted numpy array, each place's
keyed by its position (``position * SPAN + ordinal``), so `at` does every place's bisect in one call
(`numpy.searchsorted` over the places' keys for the date); `state` bisects one place's list. Building is linear
in the claims (plus a sort per place); a query is O(places · log intervals) and touches no claim.
scripts/bench_control.py measures both over 1,000,000 events.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

from frontlines.control.claims import Reading
from frontlines.control.history import DEFAULT_WINDOW, build_history
from frontlines.control.model import ControlClaim, HolderSetting, Interval, Place, PlaceHistory

BEFORE_ALL = 0  # the ordinal that stands for "before the first report" (date ordinals start at 1)
SPAN = (
    4_000_000  # more than any date's ordinal (9999-12-31 is 3,652,059): one place's keys never reach the next
)


class PlaceState(NamedTuple):
    """A place at a date: the interval that covers it, or None when nothing is known of it yet."""

    history: PlaceHistory
    interval: Interval | None

    @property
    def place(self) -> Place:
        return self.history.place


class ControlIndex:
    """Every place's history, ready for date queries. Build with :meth:`build`."""

    def __init__(self, histories: Iterable[PlaceHistory], skipped: dict[str, int] | None = None) -> None:
        self.histories: dict[str, PlaceHistory] = {h.place.place_id: h for h in histories}
        self.skipped = dict(skipped or {})
        self._order = sorted(self.histories, key=lambda p: (self.histories[p].place.name.casefold(), p))
        self._starts = {
            place_id: [iv.start.toordinal() if iv.start else BEFORE_ALL for iv in h.intervals]
            for place_id, h in self.histories.items()
        }
        # In listing order: the histories, their governorates (folded), where each place's keys begin, the
        # keys, and every interval in the keys' order.
        self._listed = [self.histories[p] for p in self._order]
        self._admin1 = np.array([(h.place.admin1 or "").casefold() for h in self._listed], dtype=object)
        lengths = np.array([len(h.intervals) for h in self._listed], dtype=np.int64)
        self._first = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self._keys = np.array(
            [i * SPAN + s for i, p in enumerate(self._order) for s in self._starts[p]], dtype=np.int64
        )
        intervals = [iv for h in self._listed for iv in h.intervals]
        self._ends = np.array([iv.end.toordinal() if iv.end else SPAN for iv in intervals] + [SPAN], dtype=np.int64)
        # Object arrays, so that a query picks its records with numpy's fancy indexing (None: nothing known).
        self._intervals = np.empty(len(intervals) + 1, dtype=object)
        self._intervals[:-1] = intervals
        self._histories = np.empty(len(self._listed), dtype=object)
        self._histories[:] = self._listed

    @classmethod
    def build(
        cls,
        reading: Reading,
        settings: Sequence[HolderSetting] = (),
        setting_places: Iterable[Place] = (),
        window: int = DEFAULT_WINDOW,
    ) -> ControlIndex:
        """The index of the claims read from events, with the analysts' settings applied; a place that only a
        setting names comes from ``setting_places``."""
        by_place: dict[str, list[ControlClaim]] = defaultdict(list)
        for claim in reading.claims:
            by_place[claim.place_id].append(claim)
        settings_of: dict[str, list[HolderSetting]] = defaultdict(list)
        for setting in settings:
            settings_of[setting.place_id].append(setting)
        places = dict(reading.places)
        for place in setting_places:
            places.setdefault(place.place_id, place)
        histories = [
            build_history(places[place_id], by_place.get(place_id, ()), settings_of.get(place_id, ()), window)
            for place_id in set(by_place) | set(settings_of)
            if place_id in places
        ]
        return cls(histories, dict(reading.skipped))

    def __len__(self) -> int:
        return len(self.histories)

    def place_ids(self) -> list[str]:
        """Place ids in the order listings show them (by name)."""
        return list(self._order)

    def state(self, place_id: str, on: dt.date) -> PlaceState:
        history = self.histories[place_id]
        i = bisect.bisect_right(self._starts[place_id], on.toordinal()) - 1
        interval = history.intervals[i] if i >= 0 else None
        if interval is not None and not interval.covers(on):
            interval = None
        return PlaceState(history, interval)

    def at(self, on: dt.date, admin1: Iterable[str] | None = None) -> list[PlaceState]:
        """Every place (of the given governorates, matched without case) at ``on``, by name."""
        positions = np.arange(len(self._listed), dtype=np.int64)
        if admin1:
            wanted = [a.casefold() for a in admin1]
            positions = positions[np.isin(self._admin1, wanted)]
        day = on.toordinal()
        found = np.searchsorted(self._keys, positions * SPAN + day, side="right") - 1
        # A place whose first interval starts after the date is unknown (the index then points into the
        # previous place's keys); so is a date past an interval's end (never, while intervals are contiguous).
        known = (found >= self._first[positions]) & (self._ends[found] > day)
        picked = self._intervals[np.where(known, found, len(self._intervals) - 1)]
        return list(map(PlaceState, self._histories[positions].tolist(), picked.tolist()))

    def change_dates(self) -> list[dt.date]:
        """Every date on which some place's holder or status changes, sorted."""
        return sorted(
            {iv.start for h in self.histories.values() for iv in h.intervals if iv.start is not None}
        )
