"""The draft of an event inside the events stage: one mention read, before merging and coarse places are
settled (shared by :mod:`frontlines.events` and :mod:`frontlines.events.coarse`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from frontlines.extract import EventMention
from frontlines.records import ActorRef, DateRef, Fatalities, PlaceRef


@dataclass(frozen=True, slots=True)
class Draft:
    mention: EventMention
    event_type: str
    sub_event_type: str
    rank: int
    actor1: ActorRef | None
    actor2: ActorRef | None
    actor2_generic: bool
    place: PlaceRef
    date: DateRef
    fatalities: Fatalities | None
    chain: tuple[str, ...]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if c.isalnum() or c == " ").lower()
    return re.sub(r"\b(?:al|el|the)\b", "", text).replace(" ", "")
