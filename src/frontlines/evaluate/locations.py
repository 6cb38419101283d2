"""Score event places against the event-location sentences (format: /work/shared/eval/README.md).

Each line is one sentence with ``LOCATION`` spans: the places where the annotated event happened. The
sentence is run through the extractor as a one-sentence document; the places of all extracted events are the
predictions. A gold location is found when a prediction overlaps its span or has the same normalised text; a
prediction is correct when it matches some gold location. Only one event per sentence is annotated, so
precision is a lower bound (README of the data).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.evaluate.gold import Extractor
from frontlines.evaluate.metrics import Ratio, Scores
from frontlines.evaluate.text import normalise_name, overlaps
from frontlines.records import Document, Event


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place in a sentence: its text and, when known, its character range."""

    text: str
    start: int | None = None
    end: int | None = None

    @property
    def range(self) -> tuple[int, int] | None:
        return (self.start, self.end) if self.start is not None and self.end is not None else None

    def matches(self, other: PlaceSpan) -> bool:
        """Overlapping character ranges, or the same normalised text."""
        mine, theirs = self.range, other.range
        if mine is not None and theirs is not None and overlaps(mine, theirs):
            return True
        return normalise_name(self.text) == normalise_name(other.text) != ""


@dataclass(frozen=True, slots=True)
class SentenceResult:
    """One sentence: its gold locations, the predicted places, and which of each matched."""

    id: str
    source: str
    gold: tuple[PlaceSpan, ...]
    predicted: tuple[PlaceSpan, ...]
    gold_found: tuple[bool, ...]
    predicted_correct: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class LocationReport:
    """Recall (gold locations found) and precision (predicted places that are gold locations), overall and
    per ``source`` of the sentences; ``sentences`` keeps every sentence's detail."""

    path: str
    scores: Scores
    by_source: Mapping[str, Scores]
    sentences: tuple[SentenceResult, ...]

    @property
    def f1(self) -> float | None:
        return self.scores.f1

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "event_locations",
            "path": self.path,
            **self.scores.to_dict(),
            "sentence_count": len(self.sentences),
            "by_source": {source: scores.to_dict() for source, scores in self.by_source.items()},
            "misses": [
                {"id": s.id, "text": gold.text, "start": gold.start, "end": gold.end}
                for s in self.sentences
                for gold, found in zip(s.gold, s.gold_found, strict=True)
                if not found
            ],
            "false_alarms": [
                {"id": s.id, "text": place.text, "start": place.start, "end": place.end}
                for s in self.sentences
                for place, correct in zip(s.predicted, s.predicted_correct, strict=True)
                if not correct
            ],
        }


def score_event_locations(path: Path, extractor: Extractor) -> LocationReport:
    """Run ``extractor`` on every sentence of an event-location file and score the event places."""
    results = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                document = sentence_document(record, f"{path}#L{number}")
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a valid event-location line: {error}") from error
            gold = tuple(
                PlaceSpan(span["text"], span["start"], span["end"])
                for span in record["spans"]
                if span.get("label") == "LOCATION"
            )
            predicted = predicted_places(document.text, extractor(document))
            results.append(score_sentence(document.id, str(record.get("source", "")), gold, predicted))
    return summarise_locations(str(path), results)


def sentence_document(record: Mapping[str, Any], source_uri: str) -> Document:
    """A one-sentence Document for an event-location record: id and external id are the record id."""
    record_id = str(record["id"])
    return Document(
        id=record_id, text=record["text"], source_uri=source_uri, external_id=record_id, fmt="jsonl"
    )


def predicted_places(text: str, events: Sequence[Event]) -> tuple[PlaceSpan, ...]:
    """The distinct places of the events: their span, else the first occurrence of their text, else the text
    alone. Identical places (same range, or same text without a range) are kept once."""
    places: dict[tuple[Any, ...], PlaceSpan] = {}
    for event in events:
        place = event.place
        if place.span is not None:
            found = PlaceSpan(place.span.text, place.span.start, place.span.end)
        else:
            found = _find_in_text(text, place.location)
        key = (found.start, found.end) if found.start is not None else (normalise_name(found.text),)
        places.setdefault(key, found)
    return tuple(places.values())


def _find_in_text(text: str, location: str) -> PlaceSpan:
    start = text.find(location)
    if start < 0:
        start = text.casefold().find(location.casefold())
    if start < 0 or not location:
        return PlaceSpan(location)
    return PlaceSpan(text[start : start + len(location)], start, start + len(location))


def score_sentence(
    sentence_id: str, source: str, gold: Sequence[PlaceSpan], predicted: Sequence[PlaceSpan]
) -> SentenceResult:
    """Which gold locations were found and which predictions are gold locations."""
    return SentenceResult(
        id=sentence_id,
        source=source,
        gold=tuple(gold),
        predicted=tuple(predicted),
        gold_found=tuple(any(g.matches(p) for p in predicted) for g in gold),
        predicted_correct=tuple(any(p.matches(g) for g in gold) for p in predicted),
    )


def summarise_locations(path: str, results: Sequence[SentenceResult]) -> LocationReport:
    """Add up sentences, overall and per source (sources sorted by name)."""
    recall: dict[str, Ratio] = defaultdict(lambda: Ratio(0, 0))
    precision: dict[str, Ratio] = defaultdict(lambda: Ratio(0, 0))
    for result in results:
        recall[result.source] += Ratio(sum(result.gold_found), len(result.gold))
        precision[result.source] += Ratio(sum(result.predicted_correct), len(result.predicted))
    by_source = {source: Scores(recall[source], precision[source]) for source in sorted(recall)}
    overall = Scores(
        recall=sum((s.recall for s in by_source.values()), Ratio(0, 0)),
        precision=sum((s.precision for s in by_source.values()), Ratio(0, 0)),
    )
    return LocationReport(path, overall, by_source, tuple(results))
