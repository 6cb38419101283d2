"""The result of scoring a gold file: headline figures, per-field accuracy, per-document rows, and the lists
of misses, false alarms and disagreements that people tuning the pipeline read.

:func:`summarise` turns the per-document pairings made by frontlines.evaluate.gold into a :class:`GoldReport`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontlines.evaluate.fields import SCORED_FIELDS, describe_field, expected_field, field_checks
from frontlines.evaluate.metrics import Ratio, Scores

if TYPE_CHECKING:
    from frontlines.evaluate.gold import DocumentOutcome


@dataclass(frozen=True, slots=True)
class Miss:
    """A required gold event no prediction was paired with."""

    doc: str
    event_index: int
    location: str
    sub_event_type: str
    evidence: str
    note: str
    cause: str = ""  # one of frontlines.evaluate.causes.MISS_CAUSES


@dataclass(frozen=True, slots=True)
class FalseAlarm:
    """A prediction paired with no gold event. ``kind`` is "not_event" when it codes a gold not-event
    passage, "unmatched" otherwise."""

    doc: str
    kind: str
    location: str
    sub_event_type: str
    sentence: str
    note: str
    cause: str = ""  # one of frontlines.evaluate.causes.ALARM_CAUSES


@dataclass(frozen=True, slots=True)
class FieldError:
    """A field on which a paired prediction disagrees with its gold event."""

    doc: str
    event_index: int
    location: str
    field: str
    expected: str
    predicted: str


@dataclass(frozen=True, slots=True)
class WrongPlace:
    """A paired prediction resolved to a gazetteer id that is not one of the gold event's place ids."""

    doc: str
    event_index: int
    location: str
    place_ids: tuple[str, ...]
    predicted_place_id: str
    predicted_place_name: str | None


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """The headline figures of one report."""

    doc: str
    scores: Scores
    predictions: int
    optional_matched: int
    not_event_alarms: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            **self.scores.to_dict(),
            "predictions": self.predictions,
            "optional_matched": self.optional_matched,
            "not_event_alarms": self.not_event_alarms,
        }


@dataclass(frozen=True, slots=True)
class GoldReport:
    """Scores of one gold file.

    ``scores.recall``: required gold events found / required gold events. ``scores.precision``: predictions
    paired with a required event / (those + false alarms); predictions matching optional events count in
    neither. ``event_type`` and ``fields`` are accuracies over all paired predictions (optional ones too).
    ``place_correct``: paired gold events with place ids whose prediction has one of them;
    ``place_unresolved``: paired predictions whose place stayed unresolved (``place_id`` None).
    """

    path: str
    scores: Scores
    predictions: int
    optional_matched: int
    not_event_alarms: int
    event_type: Ratio
    fields: Mapping[str, Ratio]
    place_correct: Ratio
    place_unresolved: Ratio
    documents: tuple[DocumentScore, ...]
    misses: tuple[Miss, ...]
    false_alarms: tuple[FalseAlarm, ...]
    field_errors: tuple[FieldError, ...]
    wrong_places: tuple[WrongPlace, ...]
    warnings: tuple[str, ...]

    @property
    def f1(self) -> float | None:
        return self.scores.f1

    def causes(self) -> dict[str, int]:
        """Errors by cause: misses ("miss: wrong type"), false alarms ("false alarm: background") and field
        disagreements of matched events ("field: actor1"), most frequent first."""
        counts: Counter[str] = Counter()
        counts.update(f"miss: {m.cause}" for m in self.misses)
        counts.update(f"false alarm: {a.cause}" for a in self.false_alarms)
        counts.update(f"field: {e.field}" for e in self.field_errors)
        counts.update("field: place id" for _ in self.wrong_places)
        return dict(counts.most_common())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values: every figure with its counts, every list item as a flat object."""
        return {
            "kind": "gold",
            "path": self.path,
            **self.scores.to_dict(),
            "predictions": self.predictions,
            "optional_matched": self.optional_matched,
            "not_event_alarms": self.not_event_alarms,
            "event_type": self.event_type.to_dict(),
            "fields": {name: ratio.to_dict() for name, ratio in self.fields.items()},
            "place_correct": self.place_correct.to_dict(),
            "place_unresolved": self.place_unresolved.to_dict(),
            "documents": [document.to_dict() for document in self.documents],
            "misses": [_flat(item) for item in self.misses],
            "false_alarms": [_flat(item) for item in self.false_alarms],
            "field_errors": [_flat(item) for item in self.field_errors],
            "wrong_places": [_flat(item) for item in self.wrong_places],
            "causes": self.causes(),
            "warnings": list(self.warnings),
        }


def _flat(item: Any) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in _fields(item).items()}


def _fields(item: Any) -> dict[str, Any]:
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}


# ---------------------------------------------------------------------------------------------- counting


def summarise(path: str, outcomes: Sequence[DocumentOutcome]) -> GoldReport:
    """Count the pairings of every document into one report."""
    event_type = Ratio(0, 0)
    fields = dict.fromkeys(SCORED_FIELDS, Ratio(0, 0))
    place_correct = place_unresolved = Ratio(0, 0)
    field_errors: list[FieldError] = []
    wrong_places: list[WrongPlace] = []
    documents = []
    for outcome in outcomes:
        doc = outcome.entry.doc
        for gold, event in outcome.pairs:
            event_type += Ratio(int(event.event_type == gold.event_type), 1)
            for name, ok in field_checks(gold, event, outcome.published).items():
                fields[name] += Ratio(int(ok), 1)
                if not ok:
                    field_errors.append(
                        FieldError(
                            doc,
                            gold.index,
                            gold.location,
                            name,
                            expected_field(name, gold),
                            describe_field(name, event),
                        )
                    )
            place_id = event.place.place_id
            place_unresolved += Ratio(int(place_id is None), 1)
            if gold.place_ids:
                place_correct += Ratio(int(place_id in gold.place_ids), 1)
                if place_id is not None and place_id not in gold.place_ids:
                    wrong_places.append(
                        WrongPlace(
                            doc, gold.index, gold.location, gold.place_ids, place_id, event.place.place_name
                        )
                    )
        documents.append(_document_score(outcome))
    return GoldReport(
        path=path,
        scores=Scores(
            recall=sum((d.scores.recall for d in documents), Ratio(0, 0)),
            precision=sum((d.scores.precision for d in documents), Ratio(0, 0)),
        ),
        predictions=sum(d.predictions for d in documents),
        optional_matched=sum(d.optional_matched for d in documents),
        not_event_alarms=sum(d.not_event_alarms for d in documents),
        event_type=event_type,
        fields=fields,
        place_correct=place_correct,
        place_unresolved=place_unresolved,
        documents=tuple(documents),
        misses=tuple(miss for outcome in outcomes for miss in outcome.misses),
        false_alarms=tuple(alarm for outcome in outcomes for alarm in outcome.false_alarms),
        field_errors=tuple(field_errors),
        wrong_places=tuple(wrong_places),
        warnings=tuple(warning for outcome in outcomes for warning in outcome.warnings),
    )


def _document_score(outcome: DocumentOutcome) -> DocumentScore:
    required_total = sum(gold.required for gold in outcome.entry.events)
    required_found = sum(gold.required for gold, _ in outcome.pairs)
    false_alarms = len(outcome.false_alarms)
    return DocumentScore(
        doc=outcome.entry.doc,
        scores=Scores(
            recall=Ratio(required_found, required_total),
            precision=Ratio(required_found, required_found + false_alarms),
        ),
        predictions=len(outcome.predictions),
        optional_matched=len(outcome.predictions) - required_found - false_alarms,
        not_event_alarms=sum(alarm.kind == "not_event" for alarm in outcome.false_alarms),
    )
