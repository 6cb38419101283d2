"""What an analyst may correct, and what a correction brings along: the one check every correction passes.

A correction sets one field of one event. :func:`check_correction` decides, before anything is written, what it
changes: the value must have the contract's type and range (`frontlines.contract.FIELD_TYPES`), the field must
be one an analyst may correct, and fields that follow another come along with it:

- `sub_event_type` brings its ACLED `event_type`; `event_type` alone is accepted only when the event's
  sub-event type belongs to it.
- `place_id` must be a place of the gazetteer (packaged, settings' files, `places add`) and brings its
  `place_name`, `admin1`, `latitude`, `longitude` and `geo_precision`; `null` (the place is not known) clears
  the name, the coordinates and the precision, since the contract gives no coordinates without a place.
- `actor1_id` / `actor2_id` must be in the actor alias table and bring the actor's name on the event's date.

Fields that are the report's own words or metadata (`location`, actor labels, `outlet`, `evidence`, ...) and
the event's identity (`event_id`) cannot be corrected; the refusal says why and what to correct instead. The
store (`Store.add_correction`) runs this check inside the transaction that writes, so a refused correction
writes nothing.

An analyst may also mark a whole event as not an event (the report did not tell of one: a quote of an old
battle, a denial read as a claim): a correction of the pseudo-field :data:`NOT_AN_EVENT` to true (`frontlines
retract`), undone by setting it back to false (`frontlines restore`). It is kept with the other corrections,
shown by `history`, and applied on read: such an event is hidden from every reader (listings, exports,
fusion, control) unless a reader asks for it, and then carries ``"not_an_event": true``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from frontlines.contract import EVENT_TYPE_OF, FIELDS, TAXONOMY, ContractError, check_value


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    """What a corrected `place_id` brings along from the gazetteer."""

    name: str
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None


@dataclass(frozen=True, slots=True)
class Lookups:
    """The tables corrections are checked against: `place(place_id)` (None: no such place) and
    `actor_name(actor_id, on)` (None: no such actor). Without one, corrections of that id are refused."""

    place: Callable[[str], PlaceFacts | None] | None = None
    actor_name: Callable[[str, dt.date | None], str | None] | None = None


FIXED: Mapping[str, str] = {
    "doc": "it names the report the event was read from",
    "doc_id": "it is the id of the report the event was read from",
    "event_id": "it is the event's identity (corrections are keyed by it)",
    "outlet": "it is the report's metadata, not the event's",
    "published": "it is the report's metadata, not the event's",
    "evidence": "it points at the report's own characters",
    "confidence": "it is the pipeline's measure of its own reading",
    "fatalities_rule": "it says how the report's words were read; correct `fatalities`",
    "date_offset_days": "it is what the report says relative to publication; correct `event_date`",
    "location": "it is the place as the report wrote it; correct `place_id`",
    "actor1_label": "it is the report's words for the actor; correct `actor1_id`",
    "actor2_label": "it is the report's words for the actor; correct `actor2_id`",
    "actor1_label_tone": "it is the labels table's tone of the report's words (slant/data/labels.toml)",
    "actor2_label_tone": "it is the labels table's tone of the report's words (slant/data/labels.toml)",
    "slant": "it points at the report's own characters, as the slant stage read them",
}
"""Fields no correction may set, with the reason shown to the analyst."""

FOLLOWS: Mapping[str, str] = {
    "actor1": "actor1_id",
    "actor2": "actor2_id",
    "place_name": "place_id",
    "admin1": "place_id",
}
"""Fields that come along with another one (names follow the alias table and the gazetteer)."""

NOT_NULL: Mapping[str, str] = {
    "latitude": "correct `place_id` to null to remove the place and its coordinates",
    "longitude": "correct `place_id` to null to remove the place and its coordinates",
    "geo_precision": "coordinates always have a precision (1, 2 or 3)",
}

CORRECTABLE: tuple[str, ...] = tuple(f for f in FIELDS if f not in FIXED and f not in FOLLOWS)
"""The fields `frontlines correct` accepts."""

Changes = list[tuple[str, Any]]

NOT_AN_EVENT = "not_an_event"
"""The correction that marks an event as not an event (value true) or undoes that (false); not a contract
field, so `correct` refuses it and names the commands that set it."""


def check_field(field: str) -> None:
    """ContractError unless ``field`` is a field of the contract that an analyst may correct."""
    if field == NOT_AN_EVENT:
        raise ContractError(
            f"{NOT_AN_EVENT} is set with `frontlines retract EVENT_ID --note WHY` and undone with "
            "`frontlines restore EVENT_ID`"
        )
    if field not in FIELDS:
        raise ContractError(
            f"unknown field {field!r}; fields that can be corrected: {', '.join(CORRECTABLE)}"
        )
    if field in FIXED:
        raise ContractError(f"{field} cannot be corrected: {FIXED[field]}")
    if field in FOLLOWS:
        raise ContractError(f"{field} follows {FOLLOWS[field]}: correct {FOLLOWS[field]} and it comes along")


def check_correction(record: Mapping[str, Any], field: str, value: Any, lookups: Lookups) -> Changes:
    """The (field, new value) pairs that correcting ``field`` of the event ``record`` (its current values,
    earlier corrections applied) to ``value`` sets, the corrected field first. ContractError says why a
    correction is refused."""
    check_field(field)
    if value is None and field in NOT_NULL:
        raise ContractError(f"{field} cannot be null: {NOT_NULL[field]}")
    value = check_value(field, value)
    changes: Changes = [(field, value)]
    if field == "sub_event_type":
        changes.append(("event_type", EVENT_TYPE_OF[value]))
    elif field == "event_type":
        sub = record.get("sub_event_type")
        if sub not in TAXONOMY[value]:
            raise ContractError(
                f"event_type {value!r} does not hold this event's sub_event_type {sub!r}: correct "
                "sub_event_type instead (its event type comes along)"
            )
    elif field == "place_id":
        changes += _place_changes(value, lookups)
    elif field in ("actor1_id", "actor2_id"):
        changes += _actor_changes(field, value, record.get("event_date"), lookups)
    return changes


def _place_changes(place_id: str | None, lookups: Lookups) -> Changes:
    if place_id is None:
        return [("place_name", None), ("latitude", None), ("longitude", None), ("geo_precision", None)]
    if lookups.place is None:
        raise ContractError("place_id cannot be checked: no gazetteer was given")
    facts = lookups.place(place_id)
    if facts is None:
        raise ContractError(
            f"no place with id {place_id!r} in the gazetteer: add it with `frontlines places add` first"
        )
    brought = [
        ("place_name", facts.name),
        ("admin1", facts.admin1),
        ("latitude", facts.latitude),
        ("longitude", facts.longitude),
        ("geo_precision", facts.geo_precision if facts.latitude is not None else None),
    ]
    for name, value in brought:
        try:
            check_value(name, value)
        except ContractError as exc:
            raise ContractError(f"the gazetteer's place {place_id!r} breaks the contract: {exc}") from exc
    return brought


def _actor_changes(field: str, actor_id: str | None, event_date: Any, lookups: Lookups) -> Changes:
    name_field = field.removesuffix("_id")
    if actor_id is None:
        return [(name_field, None)]
    if lookups.actor_name is None:
        raise ContractError(f"{field} cannot be checked: no actor table was given")
    on = dt.date.fromisoformat(event_date) if isinstance(event_date, str) else None
    name = lookups.actor_name(actor_id, on)
    if name is None:
        raise ContractError(
            f"no actor with id {actor_id!r} in the actor table (the packaged aliases and the `actors_file` "
            "setting)"
        )
    return [(name_field, name)]
