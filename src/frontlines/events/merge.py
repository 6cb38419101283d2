"""Merging the drafts of one report: one event per place, day and actor pair (ADR 0013), an event whose doer
its sentence does not name folded into the one event of its place, day and type whose doer is named
(ADR 0021)."""

from __future__ import annotations

from dataclasses import replace

from frontlines.events.draft import Draft, norm


def place_key(d: Draft) -> str:
    """Two mentions are the same place when they resolve to the same gazetteer entry exactly, or have the same
    name ("Aleppo Citadel" and "Aleppo" both fall back to Aleppo city, but are not one place)."""
    if d.place.place_id and d.place.geo_precision == 1:
        return d.place.place_id
    return norm(d.place.location)


def _merge_key(d: Draft) -> tuple[object, ...]:
    return (place_key(d), d.date.date, d.date.offset_days, d.actor1.actor_id if d.actor1 else None)


VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
REMOTE = "Explosions/Remote violence"


def _one_kind(a: Draft, b: Draft) -> bool:
    """Two readings can be one event: both political violence (a capture told as clashes, a strike told as
    a killing) or both of one event type; an arrest or a protest is never the same event as a strike."""
    if a.event_type == REMOTE == b.event_type and a.sub_event_type != b.sub_event_type:
        return False  # an air strike and shelling are two events
    return a.event_type == b.event_type or (a.event_type in VIOLENCE and b.event_type in VIOLENCE)


def merge(drafts: list[Draft]) -> list[Draft]:
    """One event per place, day and actor pair; a generic actor2 ("terrorists") is compatible with any."""
    kept: list[Draft] = []
    by_key: dict[tuple[object, ...], list[int]] = {}  # merge key -> indices into kept, in order
    for d in drafts:
        key = _merge_key(d)
        for i in by_key.get(key, ()):
            k = kept[i]
            same_pair = (
                d.actor2 is None
                or k.actor2 is None
                or d.actor2_generic
                or k.actor2_generic
                or d.actor2.actor_id == k.actor2.actor_id
            )
            if same_pair and _one_kind(d, k):
                best, other = (d, k) if d.rank > k.rank else (k, d)
                actor2 = best.actor2 or other.actor2
                if best.actor2_generic and other.actor2 is not None and not other.actor2_generic:
                    actor2 = other.actor2
                kept[i] = replace(
                    best,
                    actor2=actor2,
                    fatalities=best.fatalities or other.fatalities,
                    actor2_generic=best.actor2_generic and other.actor2_generic,
                )
                break
        else:
            by_key.setdefault(key, []).append(len(kept))
            kept.append(d)
    return kept


def absorb_unknown_doers(drafts: list[Draft]) -> list[Draft]:
    """Rule "unknown doer": an event whose actor1 the sentence does not name is the event of the same place,
    day and event type whose actor1 another sentence names ("Warplanes hit A on Sunday ... The army's jets
    struck A"), not a second one: it gives that event its actor2 and fatalities when that has none."""
    known: dict[tuple[object, ...], list[int]] = {}
    for i, d in enumerate(drafts):
        if d.actor1 is not None:
            known.setdefault(_merge_key(d)[:3] + (d.event_type,), []).append(i)
    out = list(drafts)
    absorbed: set[int] = set()
    for i, d in enumerate(drafts):
        if d.actor1 is not None:
            continue
        hosts = known.get(_merge_key(d)[:3] + (d.event_type,), [])
        if len(hosts) != 1:
            continue  # no event to be, or several doers to choose from
        host = out[hosts[0]]
        out[hosts[0]] = replace(
            host,
            actor2=host.actor2 or d.actor2,
            actor2_generic=host.actor2_generic if host.actor2 is not None else d.actor2_generic,
            fatalities=host.fatalities or d.fatalities,
        )
        absorbed.add(i)
    return [d for i, d in enumerate(out) if i not in absorbed]
