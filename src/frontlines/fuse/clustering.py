"""From compatible pairs to incidents, and the analysts' corrections replayed on them.

``rule:links``: every compatible pair (blocking.candidate_pairs, then Rules.why_not) is a link, ranked
strongest first: the nearest places, then the more precise ones, then the closer dates, then the same
sub-event type, then the same actors (event ids break ties, so the order of the input never matters).
``rule:one-event-per-report``: links are taken in that order, joining two groups only when no report has an
event in both: a report's own events are distinct events (one per place, day and actor pair), so an incident
holds at most one event of each report. (A report that tells of a capture and of the clash before it at one
village joins the incident through the event that fits the other reports best.)

``rule:cluster-id``: a cluster's id is derived from its anchor event: the event of the earliest published
report (then the smallest event id). Event ids are stable across re-runs, so cluster ids are too; a report
that joins an incident later keeps its id unless it was published earlier than every report before it.

``rule:corrections``: analysts' corrections are replayed on the machine's clusters oldest first: a merge joins
the clusters holding its two events, a split takes its event out of its cluster (the rest stay together).
Corrections naming events that no longer exist are skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

from frontlines.fuse.blocking import candidate_pairs
from frontlines.fuse.records import ClusterCorrection, Sighting, first_published
from frontlines.fuse.rules import Rules

Rank = tuple[float, int, int, int, int, str, str]


def _rank(s: Sighting, t: Sighting, distance: float, rules: Rules) -> Rank:
    ds, dt_ = rules.days(s), rules.days(t)
    assert ds is not None and dt_ is not None
    gap = abs((ds[0] + ds[1]) - (dt_[0] + dt_[1]))
    same_actors = {s.actor1_id, s.actor2_id} == {t.actor1_id, t.actor2_id}
    low, high = sorted((s.event_id, t.event_id))
    return (
        round(distance, 1),
        max(s.geo_precision or 4, t.geo_precision or 4),
        gap,
        int(s.sub_event_type != t.sub_event_type),
        int(not same_actors),
        low,
        high,
    )


def links(
    sightings: Sequence[Sighting], rules: Rules, pairs: Iterable[tuple[int, int]] | None = None
) -> list[tuple[Rank, int, int]]:
    """The compatible pairs among ``pairs`` (default: the blocking's candidates), strongest first."""
    out = []
    for i, j in candidate_pairs(sightings, rules) if pairs is None else pairs:
        s, t = sightings[i], sightings[j]
        if rules.why_not(s, t) is None:
            distance = rules.place_distance(s, t)
            assert distance is not None
            out.append((_rank(s, t, distance, rules), i, j))
    out.sort()
    return out


def group(sightings: Sequence[Sighting], ranked: Sequence[tuple[Rank, int, int]]) -> list[list[int]]:
    """Groups of positions: links taken strongest first, never joining two events of one report."""
    parent = list(range(len(sightings)))
    docs: dict[int, set[str]] = {i: {s.doc_id} for i, s in enumerate(sightings)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in ranked:
        a, b = root(i), root(j)
        if a == b or not docs[a].isdisjoint(docs[b]):
            continue
        if len(docs[a]) < len(docs[b]):
            a, b = b, a
        parent[b] = a
        docs[a] |= docs.pop(b)
    groups: dict[int, list[int]] = {}
    for i in range(len(sightings)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def fuse(sightings: Sequence[Sighting], rules: Rules | None = None) -> list[list[int]]:
    """The machine's incidents: groups of positions of ``sightings``."""
    rules = rules or Rules.default()
    return group(sightings, links(sightings, rules))


def anchor(members: Iterable[Sighting]) -> Sighting:
    """The event a cluster's id derives from: earliest published report, then smallest event id."""
    return min(members, key=first_published)


def cluster_id(members: Iterable[Sighting]) -> str:
    """``rule:cluster-id``: 16 hex characters of the sha256 of the anchor event's id."""
    return hashlib.sha256(f"cluster|{anchor(members).event_id}".encode()).hexdigest()[:16]


def replay(
    partition: Mapping[str, str], corrections: Sequence[ClusterCorrection]
) -> tuple[dict[str, int], dict[int, list[ClusterCorrection]]]:
    """Analysts' corrections replayed on a partition (event id -> machine cluster): the corrected groups
    (event id -> group number) and, per group, the corrections that shaped it."""
    numbers: dict[str, int] = {}
    members: dict[int, set[str]] = {}
    for event_id, machine in sorted(partition.items(), key=lambda item: (item[1], item[0])):
        number = numbers.setdefault(machine, len(numbers))
        members.setdefault(number, set()).add(event_id)
    of: dict[str, int] = {e: numbers[m] for e, m in partition.items()}
    shaped: dict[int, list[ClusterCorrection]] = {}
    for fix in corrections:
        if fix.event_id not in of:
            continue  # the event is gone (a re-extraction no longer finds it)
        if fix.action == "split":
            here = of[fix.event_id]
            if len(members[here]) > 1:
                members[here].discard(fix.event_id)
                alone = max(members) + 1
                members[alone] = {fix.event_id}
                of[fix.event_id] = alone
                shaped.setdefault(here, []).append(fix)
                shaped.setdefault(alone, []).append(fix)
        elif fix.action == "merge" and fix.other_event_id in of:
            a, b = of[fix.event_id], of[fix.other_event_id]
            if a != b:
                for event_id in members.pop(b):
                    of[event_id] = a
                    members[a].add(event_id)
                shaped.setdefault(a, []).extend(shaped.pop(b, []))
            shaped.setdefault(a, []).append(fix)
    return of, shaped
