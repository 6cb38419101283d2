"""The fuse stage: events of one incident told by different reports become one cluster.

Extraction gives one event per report; analysts need one incident with every report behind it. This stage
reads events (as :class:`Sighting` records built from contract rows, analyst corrections applied) and gives
:class:`Cluster` records: every claim, the independent sources they rest on, and where they disagree.

- When two events are one incident: frontlines.fuse.rules (dates, places, sub-event types, actors; the
  thresholds are package data, data/rules.toml, with a README naming their sources).
- Finding candidate pairs without comparing all pairs: frontlines.fuse.blocking (time buckets by grid cells,
  exact windows: no compatible pair is missed).
- From pairs to incidents (one event per report at most), stable cluster ids and the analysts' merges and
  splits replayed on read: frontlines.fuse.clustering.
- Independent sources (the root of each claim chain; copies of one report count once):
  frontlines.fuse.sources.
- Claims, conflicts (holder, toll, type, date) and the ACLED toll (the lowest): frontlines.fuse.incidents.

:func:`fuse` is the stage's entry point: the machine's partition (event id -> cluster id) and the copies
among the reports of each incident. :func:`assemble` turns a partition, the analysts' corrections and the
copies into clusters. Only the store writes: frontlines.fuse.stored runs the stage over a database.
See docs/decisions/0014-fusion.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from frontlines.fuse.clustering import fuse as group_sightings
from frontlines.fuse.incidents import assemble, machine_partition
from frontlines.fuse.records import (
    Cluster,
    ClusterClaim,
    ClusterCorrection,
    Conflict,
    ConflictSide,
    Sighting,
)
from frontlines.fuse.rules import Rules
from frontlines.fuse.sources import Copy, find_copies

__all__ = [
    "Cluster",
    "ClusterClaim",
    "ClusterCorrection",
    "Conflict",
    "ConflictSide",
    "Copy",
    "Fusion",
    "Rules",
    "Sighting",
    "assemble",
    "fuse",
]


@dataclass(frozen=True, slots=True)
class Fusion:
    """What the stage decides: event id -> cluster id, and doc id -> the report it is a copy of."""

    partition: dict[str, str]
    copies: dict[str, Copy]

    @property
    def originals(self) -> dict[str, str]:
        return {doc_id: copy.original_id for doc_id, copy in self.copies.items()}


def fuse(
    sightings: Sequence[Sighting],
    text_of: Callable[[str], str | None] | None = None,
    rules: Rules | None = None,
) -> Fusion:
    """Cluster the sightings into incidents; with ``text_of`` (doc id -> the report's text), find the copies
    among the reports of each incident."""
    rules = rules or Rules.default()
    groups = group_sightings(sightings, rules)
    partition = machine_partition(sightings, groups)
    copies: dict[str, Copy] = {}
    if text_of is not None:
        multi = [[sightings[i] for i in members] for members in groups if len(members) > 1]
        copies = find_copies(multi, text_of, rules)
    return Fusion(partition, copies)
