"""Reading events as control claims: who took a place, from whom, on what date, on whose word.

Rules (the `rule` of each claim; the word lists are data/words.toml):

- ``capture:actor1`` — "Government regains territory" and "Non-state actor overtakes territory": actor1 holds
  the place from the event's date, taken from actor2. A government capture with no actor named gives the
  place to the government side (``capture:side``); a non-state capture with no actor named says only that
  actor2 lost it (``capture:holder-unknown``).
- ``transfer:left`` — a "Non-violent transfer of territory" whose trigger is a leaving word (withdrew,
  evacuated, surrendered, handed over): actor1 left, the other side (actor2) holds it; with no actor2 nobody
  is known to hold it (``transfer:left-holder-unknown``).
- ``transfer:took`` — any other non-violent transfer: actor1 took the place without a fight, from actor2.
- ``fighting`` — an armed clash at a place: no change, but it makes a change just before it contested.

An event gives no claim, and is counted with the reason, when it has no resolved place (``no place``), no
date (``no date``) or only a region's point (``region only``: a capture "in Idlib province" says nothing of
which place changed hands).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from frontlines.control.model import CHANGE, FIGHTING, ControlClaim, Holder, Place
from frontlines.wordlists import load_words, word_set

_W = load_words("frontlines.control")
TERRITORY = frozenset(_W["claims"]["territory"])
FIGHTING_TYPES = frozenset(_W["claims"]["fighting"])
LEAVING = word_set(_W["claims"], "leaving")
ALLIED_SIDES = frozenset(_W["holders"]["allied_sides"])
GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
TRANSFER = "Non-violent transfer of territory"
CONTROL_TYPES = TERRITORY | FIGHTING_TYPES
"""The sub-event types the control stage reads (the store selects events by them)."""

SideOf = Callable[[str], str]
"""An actor id -> its side (government, opposition, jihadist, kurdish, ..., unknown)."""


def holder_key(actor_id: str | None, side: str) -> str:
    """What two holders must share to agree: the side for allied sides, the actor for the others."""
    if side in ALLIED_SIDES or actor_id is None:
        return f"side:{side}"
    return f"actor:{actor_id}"


def make_holder(actor_id: str | None, name: str | None, side: str) -> Holder:
    shown = name or (f"{side} side" if actor_id is None else actor_id)
    return Holder(actor_id, shown, side, holder_key(actor_id, side))


def holder_label(holder: Holder | None) -> str:
    """The holder as series and areas group it: the side for allied sides, the actor's name otherwise."""
    if holder is None:
        return "unknown"
    return holder.side if holder.key.startswith("side:") else holder.name


@dataclass
class Reading:
    """The claims read from events, the places they are about, and how many events gave none, by reason."""

    claims: list[ControlClaim] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)


def trigger_text(row: Mapping[str, Any]) -> str | None:
    """The trigger words of an event row: its `trigger` key (rows read for control), else its evidence."""
    if row.get("trigger") is not None:
        return str(row["trigger"])
    for item in row.get("evidence") or ():
        if item.get("field") == "trigger":
            return str(item.get("text"))
    return None


class _Shared:
    """Holders, dates and source chains shared between claims (a million claims name a few hundred actors)."""

    def __init__(self, side_of: SideOf) -> None:
        self.side_of = side_of
        self.holders: dict[tuple[str, str | None], Holder] = {}
        self.dates: dict[str, dt.date] = {}
        self.chains: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.ids: dict[str, str] = {}  # document and place ids, one string each

    def actor(self, row: Mapping[str, Any], id_field: str, name_field: str) -> Holder | None:
        actor_id = row.get(id_field)
        if not actor_id:
            return None
        key = (actor_id, row.get(name_field))
        found = self.holders.get(key)
        if found is None:
            found = self.holders[key] = make_holder(actor_id, key[1], self.side_of(actor_id))
        return found

    def date(self, text: str) -> dt.date:
        found = self.dates.get(text)
        if found is None:
            found = self.dates[text] = dt.date.fromisoformat(text)
        return found

    def id(self, text: str) -> str:
        return self.ids.setdefault(text, text)

    def chain(self, chain: Iterable[str] | None) -> tuple[str, ...]:
        key = tuple(chain or ())
        return self.chains.setdefault(key, key)


def _change(row: Mapping[str, Any], shared: _Shared) -> tuple[Holder | None, Holder | None, str]:
    """(holder, previous holder, rule) of a territory event."""
    actor1, actor2 = shared.actor(row, "actor1_id", "actor1"), shared.actor(row, "actor2_id", "actor2")
    sub = row["sub_event_type"]
    if sub == TRANSFER:
        trigger = " ".join((trigger_text(row) or "").lower().split())
        if trigger in LEAVING:
            return actor2, actor1, "transfer:left" if actor2 else "transfer:left-holder-unknown"
        return actor1, actor2, "transfer:took"
    if actor1 is not None:
        return actor1, actor2, "capture:actor1"
    if sub == GOVERNMENT_REGAINS:
        return make_holder(None, None, "government"), actor2, "capture:side"
    return None, actor2, "capture:holder-unknown"


def _skip_reason(row: Mapping[str, Any]) -> str | None:
    if not row.get("place_id"):
        return "no place"
    if not row.get("event_date"):
        return "no date"
    if row.get("geo_precision") == 3:
        return "region only"
    return None


def read_claims(rows: Iterable[Mapping[str, Any]], side_of: SideOf) -> Reading:
    """Control claims from event rows (contract rows, corrections applied); rows of other sub-event types are
    ignored, rows of control types that cannot be placed are counted in ``skipped`` by reason."""
    reading = Reading()
    shared = _Shared(side_of)
    for row in rows:
        sub = row["sub_event_type"]
        if sub not in CONTROL_TYPES:
            continue
        reason = _skip_reason(row)
        if reason is not None:
            reading.skipped[reason] += 1
            continue
        place_id = shared.id(row["place_id"])
        if sub in FIGHTING_TYPES:
            holder, previous, rule, kind = None, None, "fighting", FIGHTING
        else:
            holder, previous, rule = _change(row, shared)
            kind = CHANGE
        reading.claims.append(
            ControlClaim(
                event_id=row["event_id"],
                doc_id=shared.id(row["doc_id"]),
                kind=kind,
                place_id=place_id,
                date=shared.date(row["event_date"]),
                holder=holder,
                previous=previous,
                sub_event_type=sub,
                source_chain=shared.chain(row.get("source_chain")),
                confidence=float(row.get("confidence") or 0.0),
                rule=rule,
            )
        )
        if place_id not in reading.places:
            reading.places[place_id] = Place(
                place_id,
                row.get("place_name") or row.get("location") or place_id,
                row.get("admin1"),
                row.get("latitude"),
                row.get("longitude"),
            )
    return reading
