"""Score an extractor against a gold file of hand-coded events (format: /work/shared/gold/README.md).

For each gold line the report named by ``doc`` is loaded, the extractor is run on it, and predictions are
paired one-to-one with gold events (:func:`pair_events`). Pairs give recall and precision; each pair is then
compared field by field (frontlines.evaluate.fields). Everything that went wrong is listed — misses, false
alarms, field disagreements, wrong places — because the report is read by people tuning the pipeline.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.evaluate.causes import alarm_cause, miss_cause, not_event_cause
from frontlines.evaluate.fields import GoldEvent, is_match, location_matches
from frontlines.evaluate.goldreport import FalseAlarm, GoldReport, Miss, summarise
from frontlines.evaluate.text import find_all, overlaps
from frontlines.records import Document, Event, IngestProblem

Extractor = Callable[[Document], Sequence[Event]]
DocumentLoader = Callable[[str, Path], Document]  # (gold ``doc`` reference, base folder) -> Document


@dataclass(frozen=True, slots=True)
class NotEvent:
    """A passage that looks like an event but is not (a caption, background): coding it is a false alarm."""

    text: str
    why: str


@dataclass(frozen=True, slots=True)
class GoldEntry:
    """One line of a gold file: a report and the events a careful coder would code from it."""

    doc: str
    outlet: str | None
    published: dt.date | None
    events: tuple[GoldEvent, ...]
    not_events: tuple[NotEvent, ...]


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """The pairing of one document's predictions with its gold events, before any counting."""

    entry: GoldEntry
    document: Document
    predictions: tuple[Event, ...]
    pairs: tuple[tuple[GoldEvent, Event], ...]
    misses: tuple[Miss, ...]
    false_alarms: tuple[FalseAlarm, ...]
    warnings: tuple[str, ...]

    @property
    def published(self) -> dt.date | None:
        """The reference date "D" of the gold dates: the gold file's, else the one ingest found."""
        return self.entry.published or self.document.published


# ------------------------------------------------------------------------------------------------ loading


def load_gold(path: Path) -> list[GoldEntry]:
    """Read a gold JSONL file; a malformed line raises ValueError naming the file and line."""
    entries = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entries.append(parse_gold_line(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a valid gold line: {error}") from error
    return entries


def parse_gold_line(record: dict[str, Any]) -> GoldEntry:
    """Build a :class:`GoldEntry` from one decoded gold line."""
    published = record.get("published")
    return GoldEntry(
        doc=record["doc"],
        outlet=record.get("outlet"),
        published=dt.date.fromisoformat(published) if published else None,
        events=tuple(_parse_event(index, event) for index, event in enumerate(record["events"])),
        not_events=tuple(
            NotEvent(item["text"], item.get("why", "")) for item in record.get("not_events", [])
        ),
    )


def _parse_event(index: int, event: dict[str, Any]) -> GoldEvent:
    return GoldEvent(
        index=index,
        required=bool(event.get("required", True)),
        event_type=event["event_type"],
        sub_event_type=event["sub_event_type"],
        sub_event_type_alt=tuple(event.get("sub_event_type_alt", [])),
        actor1=tuple(event.get("actor1", [])),
        actor2=tuple(event.get("actor2", [])),
        location=event["location"],
        location_alt=tuple(event.get("location_alt", [])),
        admin1=event.get("admin1"),
        geo_precision=event.get("geo_precision"),
        place_ids=tuple(event.get("place_ids", [])),
        date=str(event.get("date", "D")),
        fatalities=event.get("fatalities"),
        claimed_by=tuple(event.get("claimed_by", [])),
        evidence=event.get("evidence", ""),
    )


class IngestLoader:
    """The default :data:`DocumentLoader`: runs ``frontlines.ingest.ingest`` on the file a gold ``doc`` names.

    ``"corpus.jsonl#42"`` selects the record whose ``external_id`` is 42, ``"feed.xml#<link>"`` the entry
    whose url is the link; a reference without ``#`` must yield exactly one document. A reference with no
    "/" and no "." is an article id looked up in the corpora of ``base/articles/`` (shared/articles/dev.jsonl). Files
    are ingested once.
    """

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[list[Document], list[IngestProblem]]] = {}

    def __call__(self, doc_ref: str, base_dir: Path) -> Document:
        file_part, _, selector = doc_ref.partition("#")
        if not selector and "." not in file_part and "/" not in file_part:
            return self._by_id(doc_ref, base_dir)
        documents, problems = self._ingest(base_dir / file_part)
        chosen = [d for d in documents if selector in (d.external_id, d.url)] if selector else documents
        if len(chosen) != 1:
            why = "; ".join(p.reason for p in problems) or f"{len(chosen)} documents match"
            raise ValueError(f"gold doc {doc_ref!r} (base {base_dir}) does not name one document: {why}")
        return chosen[0]

    def _by_id(self, doc_id: str, base_dir: Path) -> Document:
        """A bare id (``"d101"``) names a record of one of the article corpora in ``base_dir/articles/``."""
        corpora = sorted((base_dir / "articles").glob("*.jsonl"))
        for corpus in corpora:
            found = [d for d in self._ingest(corpus)[0] if d.external_id == doc_id]
            if len(found) == 1:
                return found[0]
        searched = ", ".join(str(c) for c in corpora) or f"no *.jsonl in {base_dir / 'articles'}"
        raise ValueError(f"gold doc {doc_id!r} is neither a file under {base_dir} nor an id in {searched}")

    def _ingest(self, path: Path) -> tuple[list[Document], list[IngestProblem]]:
        if path not in self._cache:
            try:
                from frontlines.ingest import ingest
            except ImportError as error:
                raise RuntimeError("frontlines.ingest is not available: pass a document loader") from error
            documents: list[Document] = []
            problems: list[IngestProblem] = []
            for item in ingest([str(path)]):
                if isinstance(item, Document):
                    documents.append(item)
                elif item.fatal:
                    problems.append(item)
            self._cache[path] = (documents, problems)
        return self._cache[path]


# ------------------------------------------------------------------------------------------------ scoring


def score_gold(
    gold_path: Path,
    extractor: Extractor,
    base_dir: Path | None = None,
    loader: DocumentLoader | None = None,
) -> GoldReport:
    """Run ``extractor`` on every report of a gold file and score it.

    ``base_dir`` is the folder gold ``doc`` paths are relative to; by default the gold file's grandparent
    (shared/gold/x.jsonl -> shared/). ``loader`` turns a ``doc`` reference into a Document (default: ingest).
    """
    gold_path = Path(gold_path)
    base = Path(base_dir) if base_dir is not None else gold_path.resolve().parent.parent
    load = loader or IngestLoader()
    outcomes = []
    for entry in load_gold(gold_path):
        document = load(entry.doc, base)
        outcomes.append(score_document(entry, document, extractor(document)))
    return summarise(str(gold_path), outcomes)


def score_document(entry: GoldEntry, document: Document, predictions: Iterable[Event]) -> DocumentOutcome:
    """Pair one document's predictions with its gold events and list what went wrong."""
    predicted = tuple(predictions)
    pairs = pair_events(entry.events, predicted)
    paired_gold = {g for g, _ in pairs}
    paired_predictions = {p for _, p in pairs}
    misses = tuple(
        _miss(entry, gold, predicted)
        for g, gold in enumerate(entry.events)
        if gold.required and g not in paired_gold
    )
    regions, warnings = _not_event_regions(entry, document)
    false_alarms = tuple(
        _false_alarm(entry, event, regions)
        for p, event in enumerate(predicted)
        if p not in paired_predictions and not _matches_optional(entry, event)
    )
    matched = tuple((entry.events[g], predicted[p]) for g, p in pairs)
    return DocumentOutcome(entry, document, predicted, matched, misses, false_alarms, tuple(warnings))


def pair_events(gold_events: Sequence[GoldEvent], predicted: Sequence[Event]) -> list[tuple[int, int]]:
    """One-to-one pairing, greedy by best match: (gold position, prediction position) pairs.

    Every (gold, prediction) pair satisfying the match rule is ranked: required gold events first, then the
    exact sub-event type over an alternative, the same gazetteer id, the same event type; ties go to the
    earlier gold event and the earlier prediction. Pairs are taken in that order while both sides are free.
    """
    candidates = []
    for g, gold in enumerate(gold_events):
        for p, event in enumerate(predicted):
            if is_match(gold, event):
                rank = (
                    gold.required,
                    event.sub_event_type == gold.sub_event_type,
                    event.place.place_id is not None and event.place.place_id in gold.place_ids,
                    event.event_type == gold.event_type,
                )
                candidates.append((tuple(-int(flag) for flag in rank), g, p))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return pairs


def _matches_optional(entry: GoldEntry, event: Event) -> bool:
    """An unpaired prediction that matches an optional event is neither a hit nor a false alarm."""
    return any(not gold.required and is_match(gold, event) for gold in entry.events)


def _miss(entry: GoldEntry, gold: GoldEvent, predicted: Sequence[Event]) -> Miss:
    same_place = sorted({e.sub_event_type for e in predicted if location_matches(gold, e)})
    elsewhere = any(is_match(gold, e) for e in predicted)
    note = f"predicted at this place as: {', '.join(same_place)}" if same_place else "place not predicted"
    if elsewhere:
        note = "its matching prediction was paired with another gold event"
    cause = miss_cause(same_place, elsewhere)
    return Miss(entry.doc, gold.index, gold.location, gold.sub_event_type, gold.evidence, note, cause)


def _not_event_regions(entry: GoldEntry, document: Document) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Where each not-event passage occurs in the document, and a warning for each one not found."""
    regions: list[tuple[int, int, str]] = []
    warnings: list[str] = []
    for item in entry.not_events:
        found = find_all(document.text, item.text)
        if not found:
            warnings.append(f"{entry.doc}: not-event text not found in the document: {item.text!r}")
        regions.extend((start, end, item.why) for start, end in found)
    return regions, warnings


def _false_alarm(entry: GoldEntry, event: Event, regions: Sequence[tuple[int, int, str]]) -> FalseAlarm:
    ranges = [(event.sentence.start, event.sentence.end)]
    ranges += [(evidence.start, evidence.end) for evidence in event.claim.evidence]
    if event.place.span is not None:
        ranges.append((event.place.span.start, event.place.span.end))
    for start, end, why in regions:
        if any(overlaps(r, (start, end)) for r in ranges):
            return FalseAlarm(
                entry.doc,
                "not_event",
                event.place.location,
                event.sub_event_type,
                event.sentence.text,
                f"not an event: {why}" if why else "not an event",
                not_event_cause(why),
            )
    same_place = sorted({g.sub_event_type for g in entry.events if location_matches(g, event)})
    note = f"gold at this place: {', '.join(same_place)}" if same_place else "no gold event at this place"
    duplicate = any(is_match(gold, event) for gold in entry.events)
    if duplicate:
        note = "duplicate: the gold event it matches is paired with another prediction"
    cause = alarm_cause(
        same_place_types=same_place,
        duplicate=duplicate,
        coarse=(event.place.geo_precision or 0) >= 3,
        finer_gold_in_document=any((g.geo_precision or 3) < 3 for g in entry.events),
        resolved=event.place.place_id is not None,
    )
    return FalseAlarm(
        entry.doc, "unmatched", event.place.location, event.sub_event_type, event.sentence.text, note, cause
    )
