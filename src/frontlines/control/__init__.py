"""Control stage: who holds each place on any date, and on whose word.

Reads: event rows (the output contract, analyst corrections applied) of the territory sub-event types
("Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory",
withdrawals among them) and armed clashes; the analysts' holder settings.
Writes: nothing. It is computed on read, so corrections, settings and re-extractions are always reflected.

1. claims (:mod:`frontlines.control.claims`): each territory event is a control claim (place, holder, from
   whom, date, source chain, confidence, rule);
2. history (:mod:`frontlines.control.history`): each place's claims become contiguous intervals ``[start, end)``
   with a holder, a status (held, contested, unknown) and the claims behind each change; analysts' settings
   are applied as changes of their own;
3. index (:mod:`frontlines.control.index`): control at a date is a bisect per place;
4. areas (:mod:`frontlines.control.areas`): a Voronoi tessellation of the places, clipped to Syria, and square
   kilometres per holder over time.

Records are in :mod:`frontlines.control.model`. See docs/decisions/0015-territorial-control-and-exports.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from frontlines.control.claims import CONTROL_TYPES, SideOf, make_holder, read_claims
from frontlines.control.history import DEFAULT_WINDOW
from frontlines.control.index import ControlIndex, PlaceState
from frontlines.control.model import STATUSES, UNKNOWN, HolderSetting, Place

__all__ = [
    "CONTROL_TYPES",
    "DEFAULT_WINDOW",
    "ControlIndex",
    "PlaceState",
    "build_index",
    "load_index",
    "side_lookup",
    "settings_from_rows",
]


def side_lookup(side: Callable[[str], str | None]) -> SideOf:
    """A side lookup that answers ``unknown`` for actors the table does not know, cached per actor."""
    cache: dict[str, str] = {}

    def side_of(actor_id: str) -> str:
        found = cache.get(actor_id)
        if found is None:
            found = cache[actor_id] = side(actor_id) or UNKNOWN
        return found

    return side_of


def settings_from_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[list[HolderSetting], list[Place]]:
    """Holder settings (and the places they name) from the store's `holder_settings` rows."""
    settings, places = [], []
    for row in rows:
        holder = None
        if row["holder_side"] is not None:
            holder = make_holder(row["holder_id"], row["holder_name"], row["holder_side"])
        if row["status"] not in STATUSES:
            continue  # written by a later version with a status this one does not know
        settings.append(
            HolderSetting(
                row["id"],
                row["place_id"],
                dt.date.fromisoformat(row["start_date"]),
                row["status"],
                holder,
                row["author"],
                row["note"],
                row["created_at"],
            )
        )
        places.append(
            Place(row["place_id"], row["place_name"], row["admin1"], row["latitude"], row["longitude"])
        )
    return settings, places


def build_index(
    rows: Iterable[Mapping[str, Any]],
    side_of: SideOf,
    setting_rows: Iterable[Mapping[str, Any]] = (),
    window: int = DEFAULT_WINDOW,
) -> ControlIndex:
    """The control index of event rows and holder-setting rows."""
    settings, places = settings_from_rows(setting_rows)
    return ControlIndex.build(read_claims(rows, side_of), settings, places, window)


def load_index(store: Any, side_of: SideOf, window: int = DEFAULT_WINDOW) -> ControlIndex:
    """The control index of a database (a `frontlines.store.Store`): its events and settings, corrected."""
    from frontlines.store import control as sql

    rows = sql.control_rows(store.conn, CONTROL_TYPES)
    return build_index(rows, side_of, sql.holder_settings(store.conn), window)
