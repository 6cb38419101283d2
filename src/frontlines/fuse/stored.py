"""The fuse stage over a database: run it (:func:`fuse_store`), read its clusters with the analysts'
corrections replayed (:func:`read_clusters`), and record those corrections (:func:`merge`, :func:`split`).

Fusion reads the stored events with the analysts' event corrections applied (a corrected place or date is
fused where the analyst put it) and only the store writes. A cluster is named by its id or a unique start of
it (at least four characters), as tables show it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from frontlines.contract import ContractError
from frontlines.fuse import fuse
from frontlines.fuse.incidents import assemble
from frontlines.fuse.records import Cluster, ClusterCorrection, Sighting
from frontlines.fuse.rules import Rules
from frontlines.store import Store

MIN_PREFIX = 4


@dataclass(frozen=True, slots=True)
class FuseSummary:
    events: int
    clusters: int
    multi_report: int  # clusters told by more than one report
    copies: int  # reports found to be copies of another
    seconds: float


def sightings(store: Store) -> list[Sighting]:
    """The stored events, corrections applied, as the fuse stage reads them."""
    return [Sighting.from_row(row) for row in store.events()]


def fuse_store(store: Store, rules: Rules | None = None) -> FuseSummary:
    """Fuse every stored event into incidents and store the result (replacing the last run's)."""
    started = time.perf_counter()
    seen = sightings(store)
    fusion = fuse(seen, store.document_text, rules)
    sizes: dict[str, int] = {}
    for cluster in fusion.partition.values():
        sizes[cluster] = sizes.get(cluster, 0) + 1
    multi = sum(1 for n in sizes.values() if n > 1)
    seconds = time.perf_counter() - started
    store.replace_fusion(
        fusion.partition,
        [(c.doc_id, c.original_id, c.containment) for c in fusion.copies.values()],
        {"events": len(seen), "clusters": len(sizes), "multi_report": multi, "seconds": round(seconds, 3)},
    )
    return FuseSummary(len(seen), len(sizes), multi, len(fusion.copies), seconds)


def corrections(store: Store) -> list[ClusterCorrection]:
    return [
        ClusterCorrection(
            id=row["id"],
            action=row["action"],
            event_id=row["event_id"],
            other_event_id=row["other_event_id"],
            cluster_id=row["cluster_id"],
            other_cluster_id=row["other_cluster_id"],
            author=row["author"],
            note=row["note"],
            created_at=row["created_at"],
        )
        for row in store.cluster_corrections()
    ]


def read_clusters(store: Store, rules: Rules | None = None) -> list[Cluster]:
    """The stored incidents: the last run's clusters (events extracted since are incidents of their own until
    the next run), the analysts' corrections replayed, summaries computed from the events as corrected."""
    return assemble(
        sightings(store),
        store.cluster_partition(),
        corrections(store),
        store.document_copies(),
        rules,
    )


def independent_source_counts(store: Store) -> dict[str, int] | None:
    """Event id -> its incident's independent sources, exactly as `frontlines clusters` reports them (the
    clusters of :func:`read_clusters`: analysts' merges and splits replayed, events marked as not an event
    left out); None when the database has never been fused."""
    if store.fusion_run() is None:
        return None
    return {event_id: len(c.independent_sources) for c in read_clusters(store) for event_id in c.event_ids}


def find(clusters: Sequence[Cluster], given: str) -> Cluster:
    """The cluster ``given`` names (its id or a unique start of it); ContractError otherwise."""
    given = given.strip().lower()
    exact = [c for c in clusters if c.cluster_id == given]
    if exact:
        return exact[0]
    if len(given) < MIN_PREFIX:
        raise ContractError(f"give at least {MIN_PREFIX} characters of the cluster id, not {given!r}")
    found = [c for c in clusters if c.cluster_id.startswith(given)]
    if not found:
        raise ContractError(f"no cluster with id {given!r} in this database (see `frontlines clusters`)")
    if len(found) > 1:
        raise ContractError(f"{given!r} is the start of several cluster ids: give more characters")
    return found[0]


def _anchor_event(cluster: Cluster) -> str:
    """The event a correction names a cluster by: its anchor (clustering.anchor's order)."""
    first = min(
        cluster.claims,
        key=lambda c: (c.published is None, c.published.toordinal() if c.published else 0, c.event_id),
    )
    return first.event_id


def merge(store: Store, first: str, second: str, author: str | None, note: str | None) -> ClusterCorrection:
    """Record that the incidents ``first`` and ``second`` (cluster ids or unique starts) are one."""
    clusters = read_clusters(store)
    a, b = find(clusters, first), find(clusters, second)
    if a.cluster_id == b.cluster_id:
        raise ContractError(f"{first!r} and {second!r} name the same cluster {a.cluster_id}")
    row = store.add_cluster_correction(
        "merge", _anchor_event(a), _anchor_event(b), a.cluster_id, b.cluster_id, author=author, note=note
    )
    return corrections_by_id(store)[row["id"]]


def split(store: Store, event_id: str, author: str | None, note: str | None) -> ClusterCorrection:
    """Record that the event ``event_id`` (its id or a unique start) is an incident of its own."""
    clusters = read_clusters(store)
    given = event_id.strip().lower()
    if len(given) < MIN_PREFIX:
        raise ContractError(f"give at least {MIN_PREFIX} characters of the event id, not {given!r}")
    holding = [(c, e) for c in clusters for e in c.event_ids if e == given or e.startswith(given)]
    if not holding:
        raise ContractError(f"no event with id {given!r} in this database (see `frontlines clusters`)")
    if len({e for _, e in holding}) > 1:
        raise ContractError(f"{given!r} is the start of several event ids: give more characters")
    cluster, full_id = holding[0]
    if len(cluster.claims) < 2:
        raise ContractError(
            f"event {full_id} is already an incident of its own (cluster {cluster.cluster_id})"
        )
    row = store.add_cluster_correction("split", full_id, None, cluster.cluster_id, author=author, note=note)
    return corrections_by_id(store)[row["id"]]


def corrections_by_id(store: Store) -> dict[int, ClusterCorrection]:
    return {c.id: c for c in corrections(store)}


__all__ = [
    "FuseSummary",
    "find",
    "fuse_store",
    "independent_source_counts",
    "merge",
    "read_clusters",
    "split",
]
