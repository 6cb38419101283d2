"""From groups of sightings to :class:`Cluster` records: claims, independent sources, conflicts, the toll.

``rule:conflicts``: the claims of one incident disagree, and each disagreement is kept with the claims on
each side:

- ``holder``: claims say different parties hold the place afterwards (one side says it captured the village,
  the other that it repelled the attack: Rules.holder) and the parties are not one (Rules.actor_matches);
- ``toll``: claims give different numbers of dead;
- ``type``: claims give different sub-event types (a capture against a clash; an air strike against shelling);
- ``date``: claims that date it to the day in so many words give different days (a day taken from the
  publication date is no claim about the date).

``rule:toll``: the cluster's fatalities follow ACLED: the most conservative (lowest) figure any claim gives;
the others are in the toll conflict. ``rule:lead``: the cluster's date, place, type and actors are those of
its lead claim: the most precisely placed, then the most precisely dated, then the earliest published.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from frontlines.fuse.clustering import cluster_id, replay
from frontlines.fuse.records import (
    Cluster,
    ClusterClaim,
    ClusterCorrection,
    Conflict,
    ConflictSide,
    Sighting,
    first_published,
)
from frontlines.fuse.rules import Rules
from frontlines.fuse.sources import Lookup, independent_sources, root_source, table_lookup


def _sides(values: Sequence[tuple[str | int, str]]) -> tuple[ConflictSide, ...]:
    """(value, event id) pairs grouped by value, values sorted (numbers ascending)."""
    by_value: dict[str | int, list[str]] = {}
    for value, event_id in values:
        by_value.setdefault(value, []).append(event_id)
    return tuple(
        ConflictSide(value, tuple(sorted(ids)))
        for value, ids in sorted(by_value.items(), key=lambda item: (isinstance(item[0], str), item[0]))
    )


def conflicts(claims: Sequence[Sighting], rules: Rules) -> tuple[Conflict, ...]:
    """``rule:conflicts`` among one incident's claims."""
    out: list[Conflict] = []
    holders = [(s, rules.holder(s)) for s in claims]
    held = [(s, h) for s, h in holders if h is not None]
    if any(not rules.actor_matches(a, b) for _, a in held for _, b in held):
        out.append(Conflict("holder", _sides([(s.actor1 or str(h), s.event_id) for s, h in held])))
    tolls = [(s.fatalities, s.event_id) for s in claims if s.fatalities is not None]
    if len({n for n, _ in tolls}) > 1:
        out.append(Conflict("toll", _sides([(n, e) for n, e in tolls if n is not None])))
    if len({s.sub_event_type for s in claims}) > 1:
        out.append(Conflict("type", _sides([(s.sub_event_type, s.event_id) for s in claims])))
    days = [
        (s.event_date.isoformat(), s.event_id)
        for s in claims
        if s.date_precision == 1 and s.event_date and not s.date_inferred
    ]
    if len({d for d, _ in days}) > 1:
        out.append(Conflict("date", _sides(list(days))))
    return tuple(out)


def lead(claims: Sequence[Sighting]) -> Sighting:
    """``rule:lead``: the claim whose fields head the cluster."""

    def key(s: Sighting) -> tuple[int, int, tuple[bool, int, str]]:
        return (s.geo_precision or 4, s.date_precision or 4, first_published(s))

    return min(claims, key=key)


def cluster_of(
    claims: Sequence[Sighting],
    copies: Mapping[str, str],
    rules: Rules,
    lookup: Lookup,
    corrections: Sequence[ClusterCorrection] = (),
) -> Cluster:
    """The cluster record of one incident's claims."""
    if len(claims) == 1:  # most incidents: one report, one source, nothing to disagree about
        ordered = list(claims)
        sources = [(root_source(ordered[0], rules, lookup)[1], [0])]
        disputes: tuple[Conflict, ...] = ()
    else:
        ordered = sorted(claims, key=first_published)
        sources = independent_sources(ordered, copies, rules, lookup)
        disputes = conflicts(ordered, rules)
    source_of = {i: name for name, members in sources for i in members}
    head = lead(ordered)
    tolls = [s.fatalities for s in ordered if s.fatalities is not None]
    return Cluster(
        cluster_id=cluster_id(ordered),
        event_date=head.event_date,
        date_precision=head.date_precision,
        event_type=head.event_type,
        sub_event_type=head.sub_event_type,
        actor1=head.actor1,
        actor2=head.actor2,
        location=head.location,
        place_id=head.place_id,
        place_name=head.place_name,
        admin1=head.admin1,
        latitude=head.latitude,
        longitude=head.longitude,
        geo_precision=head.geo_precision,
        fatalities=min(tolls) if tolls else None,
        claims=tuple(
            ClusterClaim(
                event_id=s.event_id,
                doc_id=s.doc_id,
                doc=s.doc,
                outlet=s.outlet,
                published=s.published,
                source_chain=s.source_chain,
                independent=source_of[i],
                copy_of=copies.get(s.doc_id),
                sub_event_type=s.sub_event_type,
                event_date=s.event_date,
                actor1=s.actor1,
                actor2=s.actor2,
                location=s.location,
                fatalities=s.fatalities,
                holder=s.actor1 if rules.holder(s) is not None else None,
            )
            for i, s in enumerate(ordered)
        ),
        independent_sources=tuple(name for name, _ in sources),
        conflicts=disputes,
        corrections=tuple(sorted(corrections, key=lambda c: c.id)),
    )


def assemble(
    sightings: Sequence[Sighting],
    partition: Mapping[str, str],
    corrections: Sequence[ClusterCorrection] = (),
    copies: Mapping[str, str] | None = None,
    rules: Rules | None = None,
    lookup: Lookup | None = None,
) -> list[Cluster]:
    """The clusters of ``sightings``: the machine's partition (event id -> cluster; an event missing from it
    is an incident of its own) with the analysts' corrections replayed (clustering.replay), in date order."""
    rules = rules or Rules.default()
    lookup = lookup or table_lookup()
    full = {s.event_id: partition.get(s.event_id, f"alone|{s.event_id}") for s in sightings}
    groups, shaped = replay(full, corrections)
    by_group: dict[int, list[Sighting]] = {}
    for s in sightings:
        by_group.setdefault(groups[s.event_id], []).append(s)
    clusters = [
        cluster_of(members, copies or {}, rules, lookup, shaped.get(number, ()))
        for number, members in by_group.items()
    ]
    clusters.sort(
        key=lambda c: (c.event_date is None, c.event_date.toordinal() if c.event_date else 0, c.cluster_id)
    )
    return clusters


def machine_partition(sightings: Sequence[Sighting], groups: Sequence[Sequence[int]]) -> dict[str, str]:
    """Event id -> cluster id of the machine's groups (positions of ``sightings``)."""
    out: dict[str, str] = {}
    for members in groups:
        chosen = [sightings[i] for i in members]
        key = cluster_id(chosen)
        for s in chosen:
            out[s.event_id] = key
    return out
