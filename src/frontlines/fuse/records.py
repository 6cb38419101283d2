"""The frozen records of the fuse stage: what it reads (:class:`Sighting`, one event as one report claims it)
and what it gives (:class:`Cluster`: one incident with every claim behind it, its independent sources and its
conflicts).

A sighting is built from an event's contract row (`frontlines.contract.event_row`, with analyst corrections
applied), so the store, the evaluation and tests all feed the stage the same way (:meth:`Sighting.from_row`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True, slots=True)
class Sighting:
    """One event as one report claims it: the fields fusion compares, the claim's chain and its sentence."""

    event_id: str
    doc_id: str
    doc: str  # how the contract names the report (JSONL id or source path)
    outlet: str | None
    published: dt.date | None
    event_type: str
    sub_event_type: str
    event_date: dt.date | None
    date_precision: int  # ACLED time precision: 1 day, 2 week, 3 month, 0 unknown
    date_inferred: bool  # the day is the publication day: the report gives no date words
    actor1_id: str | None
    actor1: str | None
    actor2_id: str | None
    actor2: str | None
    location: str
    place_id: str | None
    place_name: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    source_chain: tuple[str, ...]
    sentence: str  # the sentence the event was read from (for the words of holding ground)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Sighting:
        """The sighting of a contract row. Values a row may lack or hold badly (a database written by an
        older version) become unknowns: an unknown date or place links to nothing."""
        evidence = row.get("evidence") or []
        fields = {e.get("field") for e in evidence if isinstance(e, Mapping)}
        sentence = next(
            (
                str(e.get("text") or "")
                for e in evidence
                if isinstance(e, Mapping) and e.get("field") == "sentence"
            ),
            "",
        )
        lat, lon = _number(row.get("latitude")), _number(row.get("longitude"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            lat = lon = None
        precision = row.get("geo_precision")
        fatalities = row.get("fatalities")
        return cls(
            event_id=str(row["event_id"]),
            doc_id=str(row.get("doc_id") or ""),
            doc=str(row.get("doc") or ""),
            outlet=row.get("outlet") or None,
            published=_date(row.get("published")),
            event_type=str(row.get("event_type") or ""),
            sub_event_type=str(row.get("sub_event_type") or ""),
            event_date=_date(row.get("event_date")),
            date_precision=int(row.get("date_precision") or 0),
            date_inferred="date" not in fields and row.get("date_offset_days") == 0,
            actor1_id=row.get("actor1_id") or None,
            actor1=row.get("actor1") or None,
            actor2_id=row.get("actor2_id") or None,
            actor2=row.get("actor2") or None,
            location=str(row.get("location") or ""),
            place_id=row.get("place_id") or None,
            place_name=row.get("place_name") or None,
            admin1=row.get("admin1") or None,
            latitude=lat,
            longitude=lon,
            geo_precision=precision if precision in (1, 2, 3) else None,
            fatalities=fatalities if isinstance(fatalities, int) and fatalities >= 0 else None,
            source_chain=tuple(str(s) for s in row.get("source_chain") or ()),
            sentence=sentence,
        )


def first_published(s: Sighting) -> tuple[bool, int, str]:
    """Sort key: the earliest published report first (unknown dates last), then the smallest event id."""
    return (s.published is None, s.published.toordinal() if s.published else 0, s.event_id)


@dataclass(frozen=True, slots=True)
class ClusterCorrection:
    """An analyst's correction of clusters: ``merge`` (the incidents of ``event_id`` and ``other_event_id`` are
    one) or ``split`` (``event_id`` is an incident of its own). Kept apart, replayed oldest first on read."""

    id: int
    action: str  # merge | split
    event_id: str
    other_event_id: str | None
    cluster_id: str  # the cluster as the analyst named it, when the correction was made
    other_cluster_id: str | None
    author: str | None
    note: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class ClusterClaim:
    """One report's claim in a cluster: its event, the report, who says so and the independent source it
    counts as (``independent``: the source's name; ``copy_of``: the report it is a copy of, if any)."""

    event_id: str
    doc_id: str
    doc: str
    outlet: str | None
    published: dt.date | None
    source_chain: tuple[str, ...]
    independent: str
    copy_of: str | None
    sub_event_type: str
    event_date: dt.date | None
    actor1: str | None
    actor2: str | None
    location: str
    fatalities: int | None
    holder: str | None  # the actor this claim says holds the place after the incident, if it says so


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One answer the claims of a cluster give (a holder, a toll, a type, a date) and the claims that give it."""

    value: str | int
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Claims of one incident that disagree. ``kind``: holder, toll, type or date."""

    kind: str
    sides: tuple[ConflictSide, ...]


@dataclass(frozen=True, slots=True)
class Cluster:
    """One incident: every claim behind it, its independent sources and where the claims disagree.

    The headline fields (date, place, type, actors) are those of the lead claim: the most precisely placed,
    then dated, then earliest published. ``fatalities`` follows ACLED: the lowest figure any claim gives, the
    others in a toll conflict. ``corrections`` are the analysts' corrections that shaped it."""

    cluster_id: str
    event_date: dt.date | None
    date_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    location: str
    place_id: str | None
    place_name: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    claims: tuple[ClusterClaim, ...]
    independent_sources: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    corrections: tuple[ClusterCorrection, ...] = ()

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(claim.event_id for claim in self.claims)
