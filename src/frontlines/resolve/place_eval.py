"""Scoring place resolution against gold events (the ``gold/*.jsonl`` format).

A predicted (location text, place_id) pair belongs to a gold event when its text is the event's
``location`` or one of its ``location_alt`` spellings (case and punctuation folded). Three figures:

- ``hit_rate``: of the gold events that have ``place_ids``, the share whose predicted place_id is one of them;
- ``unresolved_rate``: of all gold events with a location, the share predicted with no place_id (or missing);
- ``wrong``: gold events with ``place_ids`` resolved to another village/neighbourhood/town (the worst
  error: it puts an event on the map where it did not happen).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from frontlines.resolve.placenames import fold

POINT_KINDS_PREFIXES = ("C", "N", "geonames:")  # ids of villages, neighbourhoods and towns


@dataclass(frozen=True, slots=True)
class PlaceScore:
    gold_with_ids: int
    hits: int
    gold_places: int
    unresolved: int
    wrong: tuple[tuple[str, str, tuple[str, ...]], ...]  # (location, predicted id, gold ids)

    @property
    def hit_rate(self) -> float:
        return self.hits / self.gold_with_ids if self.gold_with_ids else 0.0

    @property
    def unresolved_rate(self) -> float:
        return self.unresolved / self.gold_places if self.gold_places else 0.0


def gold_events(docs: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """All events of gold documents (lines of a gold JSONL file, parsed)."""
    return [e for d in docs for e in d.get("events", ()) if e.get("location")]


def _spellings(event: Mapping[str, Any]) -> set[str]:
    return {fold(s) for s in (event["location"], *event.get("location_alt", ()))}


def score_places(
    events: Sequence[Mapping[str, Any]], predicted: Iterable[tuple[str, str | None]]
) -> PlaceScore:
    """Score predicted (location text, place_id) pairs against gold events."""
    by_text: dict[str, list[str | None]] = {}
    for text, place_id in predicted:
        by_text.setdefault(fold(text), []).append(place_id)
    hits = unresolved = with_ids = 0
    wrong = []
    for event in events:
        ids = [i for t in _spellings(event) for i in by_text.get(t, ())]
        resolved = [i for i in ids if i]
        gold_ids = tuple(event.get("place_ids") or ())
        if not resolved:
            unresolved += 1
        if gold_ids:
            with_ids += 1
            if any(i in gold_ids for i in resolved):
                hits += 1
            else:
                bad = next((i for i in resolved if i.startswith(POINT_KINDS_PREFIXES)), None)
                if bad:
                    wrong.append((str(event["location"]), bad, gold_ids))
    return PlaceScore(with_ids, hits, len(events), unresolved, tuple(wrong))
