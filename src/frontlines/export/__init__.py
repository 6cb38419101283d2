"""Exports: the stored events (analyst corrections applied) as files other tools open.

- `acled-csv` (:mod:`frontlines.export.acled`): ACLED's 31 columns in ACLED's order, cells neutralised against
  formula injection (`frontlines.display.csv_cell`), so that ACLED users' scripts and spreadsheets read it;
- `geojson` (:mod:`frontlines.export.geojson`): one Point feature per event, the contract row as properties;
- `parquet` (:mod:`frontlines.export.parquet`): the contract rows with a fixed, documented Arrow schema.

Filters (:class:`EventFilter`) select by date range, governorate, actor, sub-event type, source and the
minimum number of independent sources (:mod:`frontlines.export.sources`). Every format is described in
docs/exports.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EventFilter", "select"]


def _folded(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(v.casefold().strip() for v in values or () if v.strip())


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to export. Every given criterion must hold; within one criterion any value may match.
    Names (governorates, actors, sources) match without case; an actor matches actor1 or actor2 by id or
    name; a source matches any element of the claim chain or the outlet. ``since``/``until`` are inclusive
    and leave out events of unknown date."""

    since: dt.date | None = None
    until: dt.date | None = None
    admin1: frozenset[str] = field(default_factory=frozenset)
    actors: frozenset[str] = field(default_factory=frozenset)
    sub_event_types: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    min_sources: int | None = None

    @classmethod
    def of(
        cls,
        since: dt.date | None = None,
        until: dt.date | None = None,
        admin1: Iterable[str] | None = None,
        actors: Iterable[str] | None = None,
        sub_event_types: Iterable[str] | None = None,
        sources: Iterable[str] | None = None,
        min_sources: int | None = None,
    ) -> EventFilter:
        return cls(
            since,
            until,
            _folded(admin1),
            _folded(actors),
            frozenset(sub_event_types or ()),
            _folded(sources),
            min_sources,
        )

    def matches(self, row: Mapping[str, Any], independent_sources: int | None = None) -> bool:
        if (self.since or self.until) and not self._in_range(row.get("event_date")):
            return False
        if self.admin1 and (row.get("admin1") or "").casefold() not in self.admin1:
            return False
        if self.sub_event_types and row.get("sub_event_type") not in self.sub_event_types:
            return False
        if self.actors and not self.actors & _folded(
            str(row[k]) for k in ("actor1", "actor1_id", "actor2", "actor2_id") if row.get(k)
        ):
            return False
        if self.sources and not self.sources & _folded(
            [*(row.get("source_chain") or ()), row.get("outlet") or ""]
        ):
            return False
        return self.min_sources is None or (independent_sources or 0) >= self.min_sources

    def _in_range(self, date: str | None) -> bool:
        if not date:
            return False
        day = dt.date.fromisoformat(date)
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)


def select(
    rows: Sequence[Mapping[str, Any]],
    selection: EventFilter,
    independent: Mapping[str, int] | None = None,
) -> list[Mapping[str, Any]]:
    """The rows the filter keeps, in order; ``independent`` gives each event's independent sources."""
    counts = independent or {}
    return [row for row in rows if selection.matches(row, counts.get(row["event_id"]))]
