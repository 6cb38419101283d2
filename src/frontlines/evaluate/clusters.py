"""Score fusion against a cluster gold: which events of different reports are one incident.

A cluster gold file (demo/gold/clusters.jsonl) has one line per incident::

    {"incident": "kafr-zita-2019-08-14", "sources": 1,
     "events": [{"doc": "corpus/text/13-kafr-zita-levant.txt", "location": "Kafr Zita",
                 "sub_event_type": "Government regains territory"}, ...]}

Each event names an event of the event gold of the same folder (a gold file with ``doc`` and ``events``) by its
report, its place (its ``location`` or one of its ``location_alt``) and, when the report has several events
there, its sub-event type. ``sources`` (optional) is the number of independent sources the incident has.

The reports are run through the extractor, their predictions paired with the event gold as the event scores
pair them (gold.pair_events), and every prediction of those reports is fused (frontlines.fuse). Each gold
event is an item: its predicted cluster is the cluster of its paired prediction (an event the extractor missed
is a cluster of its own). Scores are B-cubed (Bagga and Baldwin, 1998; Amigó et al., 2009): for each item,
precision is the share of its predicted cluster's items that are in its gold incident, recall the share of its
gold incident's items in its predicted cluster; both are averaged over the items. Incidents with ``sources``
are also checked: the predicted cluster holding all of the incident's items must count that many independent
sources.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.contract import event_row
from frontlines.evaluate.gold import (
    DocumentLoader,
    Extractor,
    GoldEntry,
    IngestLoader,
    load_gold,
    pair_events,
)
from frontlines.evaluate.metrics import Ratio, _rounded
from frontlines.evaluate.text import normalise_name
from frontlines.records import Document


@dataclass(frozen=True, slots=True)
class ClusterItem:
    """One gold event of an incident: the report, the place, the sub-event type (None: the only one there)."""

    doc: str
    location: str
    sub_event_type: str | None


@dataclass(frozen=True, slots=True)
class Incident:
    incident: str
    items: tuple[ClusterItem, ...]
    sources: int | None


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """B-cubed precision and recall of the fused clusters over the gold incidents' events."""

    path: str
    incidents: int
    items: int
    extracted: Ratio  # items with a paired prediction
    precision: float | None
    recall: float | None
    sources: Ratio  # incidents with `sources` whose predicted cluster counts that many
    errors: tuple[str, ...]  # what went wrong, one line per incident, for people tuning fusion

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "clusters",
            "path": self.path,
            "incidents": self.incidents,
            "items": self.items,
            "extracted": self.extracted.to_dict(),
            "bcubed_precision": _rounded(self.precision),
            "bcubed_recall": _rounded(self.recall),
            "bcubed_f1": _rounded(self.f1),
            "independent_sources": self.sources.to_dict(),
            "errors": list(self.errors),
        }


def is_cluster_gold(record: Any) -> bool:
    return isinstance(record, dict) and "incident" in record and "events" in record


def load_incidents(path: Path) -> list[Incident]:
    """Read a cluster gold file; a malformed line raises ValueError naming the file and line."""
    incidents = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                items = tuple(
                    ClusterItem(str(e["doc"]), str(e["location"]), e.get("sub_event_type"))
                    for e in record["events"]
                )
                sources = record.get("sources")
                if not items or (sources is not None and (not isinstance(sources, int) or sources < 1)):
                    raise ValueError("an incident has events, and `sources` is a positive number")
                incidents.append(Incident(str(record["incident"]), items, sources))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a valid cluster gold line: {error}") from error
    return incidents


def _event_gold(folder: Path, docs: set[str]) -> dict[str, GoldEntry]:
    """The event gold lines of ``docs``, from the event gold files of ``folder``."""
    found: dict[str, GoldEntry] = {}
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            first = next((line for line in lines if line.strip()), "")
        try:
            record = json.loads(first) if first else None
        except ValueError:
            continue
        if isinstance(record, dict) and "doc" in record and "events" in record:
            found.update({entry.doc: entry for entry in load_gold(path) if entry.doc in docs})
    missing = sorted(docs - set(found))
    if missing:
        raise ValueError(f"no event gold in {folder} for {', '.join(missing)}")
    return found


def _gold_index(entry: GoldEntry, item: ClusterItem) -> int:
    """The position of the item's event in its report's gold line; ValueError unless exactly one fits."""
    key = normalise_name(item.location)
    fits = [
        i
        for i, event in enumerate(entry.events)
        if key in {normalise_name(n) for n in (event.location, *event.location_alt)}
        and item.sub_event_type in (None, event.sub_event_type)
    ]
    if len(fits) != 1:
        raise ValueError(f"{item.doc}: {len(fits)} gold events at {item.location!r} ({item.sub_event_type})")
    return fits[0]


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float | None, float | None]:
    """B-cubed (precision, recall) of a predicted labelling of items against a gold labelling."""
    if not gold:
        return None, None
    precision = recall = 0.0
    for g, p in zip(gold, predicted, strict=True):
        same_predicted = [i for i, q in enumerate(predicted) if q == p]
        same_gold = [i for i, h in enumerate(gold) if h == g]
        both = sum(1 for i in same_predicted if gold[i] == g)
        precision += both / len(same_predicted)
        recall += both / len(same_gold)
    return precision / len(gold), recall / len(gold)


def score_clusters(
    path: Path, extractor: Extractor, base_dir: Path | None = None, loader: DocumentLoader | None = None
) -> ClusterReport:
    """Run the extractor on the reports a cluster gold names, fuse their events, and score the clusters."""
    from frontlines.fuse import Sighting, assemble, fuse

    path = Path(path)
    base = Path(base_dir) if base_dir is not None else path.resolve().parent.parent
    load = loader or IngestLoader()
    incidents = load_incidents(path)
    entries = _event_gold(path.resolve().parent, {item.doc for inc in incidents for item in inc.items})
    documents: dict[str, Document] = {}
    paired: dict[tuple[str, int], str] = {}  # (doc, gold index) -> predicted event id
    rows = []
    for doc, entry in entries.items():
        document = documents[doc] = load(doc, base)
        predictions = list(extractor(document))
        rows += [event_row(event, document) for event in predictions]
        for g, p in pair_events(entry.events, predictions):
            paired[(doc, g)] = predictions[p].event_id
    sightings = [Sighting.from_row(row) for row in rows]
    texts = {d.id: d.text for d in documents.values()}
    fusion = fuse(sightings, texts.get)
    clusters = assemble(sightings, fusion.partition, copies=fusion.originals)
    sources_of = {event_id: len(c.independent_sources) for c in clusters for event_id in c.event_ids}
    cluster_of = {event_id: c.cluster_id for c in clusters for event_id in c.event_ids}
    gold_labels, predicted_labels, errors = [], [], []
    sources_right = sources_total = 0
    for incident in incidents:
        found = []
        for item in incident.items:
            event_id = paired.get((item.doc, _gold_index(entries[item.doc], item)))
            gold_labels.append(incident.incident)
            predicted_labels.append(
                cluster_of[event_id] if event_id else f"missed|{item.doc}|{item.location}"
            )
            found.append(event_id)
        errors += _incident_errors(incident, found, cluster_of)
        if incident.sources is not None:
            sources_total += 1
            ids = [e for e in found if e is not None]
            if len(ids) == len(found) and len({cluster_of[e] for e in ids}) == 1:
                counted = sources_of[ids[0]]
                sources_right += counted == incident.sources
                if counted != incident.sources:
                    errors.append(
                        f"{incident.incident}: {counted} independent sources, gold {incident.sources}"
                    )
    for label, merged in _merged(gold_labels, predicted_labels).items():
        errors.append(f"cluster {label} holds events of {len(merged)} incidents: {', '.join(merged)}")
    precision, recall = bcubed(gold_labels, predicted_labels)
    extracted = sum(1 for label in predicted_labels if not label.startswith("missed|"))
    return ClusterReport(
        str(path),
        len(incidents),
        len(gold_labels),
        Ratio(extracted, len(gold_labels)),
        precision,
        recall,
        Ratio(sources_right, sources_total),
        tuple(errors),
    )


def _incident_errors(
    incident: Incident, found: Sequence[str | None], cluster_of: Mapping[str, str]
) -> list[str]:
    out = []
    missed = [item.doc for item, e in zip(incident.items, found, strict=True) if e is None]
    if missed:
        out.append(f"{incident.incident}: not extracted from {', '.join(missed)}")
    clusters = {cluster_of[e] for e in found if e is not None}
    if len(clusters) > 1:
        out.append(f"{incident.incident}: split over {len(clusters)} clusters")
    return out


def _merged(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, list[str]]:
    """Predicted clusters holding events of more than one gold incident."""
    incidents: dict[str, list[str]] = {}
    for g, p in zip(gold, predicted, strict=True):
        if g not in incidents.setdefault(p, []):
            incidents[p].append(g)
    return {p: sorted(gs) for p, gs in incidents.items() if len(gs) > 1}
