"""Measure how well an extractor codes events: ``frontlines evaluate`` calls :func:`evaluate`.

Two kinds of reference file are understood, told apart by their fields:

- gold files (``doc`` + ``events``, see /work/shared/gold/README.md): whole reports with hand-coded events,
  scored by :func:`frontlines.evaluate.gold.score_gold` (event recall/precision/F1 and per-field accuracy);
- event-location files (``text`` + ``spans`` labelled ``LOCATION``): single sentences, scored by
  :func:`frontlines.evaluate.locations.score_event_locations` (place recall/precision/F1);
- cluster gold files (``incident`` + ``events``): the events of different reports that are one incident,
  scored by :func:`frontlines.evaluate.clusters.score_clusters` (B-cubed precision and recall of fusion).
- PTC files (``text`` + ``spans`` with a ``technique``): articles of the Propaganda Techniques Corpus, on which
  the slant stage is scored by :func:`frontlines.evaluate.ptc.score_with_slant` (SemEval-2020 Task 11's span
  metric, per technique and overall).

An extractor is any ``Callable[[Document], Sequence[Event]]``, so tests can score hand-built events.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.evaluate.clusters import ClusterReport, is_cluster_gold, score_clusters
from frontlines.evaluate.gold import DocumentLoader, Extractor, IngestLoader, load_gold, score_gold
from frontlines.evaluate.goldreport import GoldReport
from frontlines.evaluate.locations import LocationReport, score_event_locations
from frontlines.evaluate.metrics import Ratio, Scores
from frontlines.evaluate.ptc import Finder, PTCReport, is_ptc_record, score_with_slant

__all__ = [
    "ClusterReport",
    "DocumentLoader",
    "EvaluationReport",
    "Extractor",
    "GoldReport",
    "IngestLoader",
    "LocationReport",
    "PTCReport",
    "Ratio",
    "Scores",
    "detect_kind",
    "evaluate",
    "load_gold",
    "score_event_locations",
    "score_gold",
]


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """The reports of every file evaluated, in the order given."""

    reports: tuple[GoldReport | LocationReport | ClusterReport | PTCReport, ...]

    @property
    def gold(self) -> tuple[GoldReport, ...]:
        return tuple(r for r in self.reports if isinstance(r, GoldReport))

    @property
    def locations(self) -> tuple[LocationReport, ...]:
        return tuple(r for r in self.reports if isinstance(r, LocationReport))

    @property
    def clusters(self) -> tuple[ClusterReport, ...]:
        return tuple(r for r in self.reports if isinstance(r, ClusterReport))

    def to_dict(self) -> dict[str, Any]:
        return {"reports": [report.to_dict() for report in self.reports]}


def detect_kind(path: Path) -> str:
    """``"gold"``, ``"event_locations"``, ``"clusters"`` or ``"ptc"``, read from the fields of the file's first
    record."""
    with Path(path).open(encoding="utf-8") as lines:
        first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise ValueError(f"{path}: empty file, nothing to evaluate")
    try:
        record = json.loads(first)
    except ValueError as error:
        raise ValueError(f"{path}: the first line is not JSON: {error}") from error
    if isinstance(record, dict) and "doc" in record and "events" in record:
        return "gold"
    if is_cluster_gold(record):
        return "clusters"
    if is_ptc_record(record):
        return "ptc"
    spans = record.get("spans") if isinstance(record, dict) else None
    if isinstance(spans, list) and "text" in record and all("label" in span for span in spans):
        return "event_locations"
    raise ValueError(
        f"{path}: neither a gold file (fields doc, events), an event-location file "
        "(fields text, spans with labels) nor a cluster gold file (fields incident, events) nor a PTC file (fields "
        "text, spans with techniques)"
    )


def evaluate(
    paths: Sequence[Path],
    extractor: Extractor,
    *,
    base_dir: Path | None = None,
    loader: DocumentLoader | None = None,
    slant: Finder | None = None,
) -> EvaluationReport:
    """Score ``extractor`` on each file; ``base_dir`` and ``loader`` apply to gold and cluster gold files (see
    score_gold), and ``slant`` (default: the slant stage) to PTC files."""
    reports: list[GoldReport | LocationReport | ClusterReport | PTCReport] = []
    shared_loader = loader or IngestLoader()
    for path in paths:
        kind = detect_kind(Path(path))
        if kind == "gold":
            reports.append(score_gold(Path(path), extractor, base_dir=base_dir, loader=shared_loader))
        elif kind == "clusters":
            reports.append(score_clusters(Path(path), extractor, base_dir=base_dir, loader=shared_loader))
        elif kind == "ptc":
            reports.append(score_with_slant(Path(path), slant))
        else:
            reports.append(score_event_locations(Path(path), extractor))
    return EvaluationReport(tuple(reports))
