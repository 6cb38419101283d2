"""Control at any date, fast: each place's intervals are built once, sorted, and a date is a bisect per place.

`ControlIndex.build` groups the claims by place and builds every place's history (control.history); `at` finds,
for each place, the interval that covers a date with one `bisect` over the interval starts (day ordinals,
precomputed). Building is linear in the claims (plus a sort per place); a query is O(places · log intervals)
and touches no claim. scripts/bench_control.py measures both over 1,000,000 events.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from frontlines.control.claims import Reading
from frontlines.control.history import DEFAULT_WINDOW, build_history
from frontlines.control.model import ControlClaim, HolderSetting, Interval, Place, PlaceHistory

BEFORE_ALL = 0  # the ordinal that stands for "before the first report" (date ordinals start at 1)


@dataclass(frozen=True, slots=True)
class PlaceState:
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
        wanted = {a.casefold() for a in admin1} if admin1 else None
        out = []
        for place_id in self._order:
            if wanted is not None:
                place_admin1 = self.histories[place_id].place.admin1
                if place_admin1 is None or place_admin1.casefold() not in wanted:
                    continue
            out.append(self.state(place_id, on))
        return out

    def change_dates(self) -> list[dt.date]:
        """Every date on which some place's holder or status changes, sorted."""
        return sorted(
            {iv.start for h in self.histories.values() for iv in h.intervals if iv.start is not None}
        )
