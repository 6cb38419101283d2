"""The Event a draft becomes: its stable id, its evidence (the characters of every field) and its confidence."""

from __future__ import annotations

import hashlib

from frontlines.events.draft import Draft
from frontlines.events.merge import place_key
from frontlines.records import Claim, Event, Evidence, Span


def finish(doc_id: str, d: Draft, text: str, taken: set[str]) -> Event:
    """The Event of a draft of report ``doc_id`` (whose text is ``text``); ``taken``: the ids given so far."""
    start, end = d.mention.sentence.start, d.mention.sentence.end
    sentence = Span(start, end, text[start:end])
    claim = Claim(doc_id, d.chain, evidence_of(d, sentence), confidence(d))
    return Event(
        event_id(doc_id, d, taken),
        d.event_type,
        d.sub_event_type,
        d.date,
        d.actor1,
        d.actor2,
        d.place,
        d.fatalities,
        claim,
        sentence,
    )


def event_id(doc_id: str, d: Draft, taken: set[str] | None = None) -> str:
    """A stable id from what makes the event one: report, type, place (the key events merge by, so two
    events the merge keeps apart never share it), day and actors. ``taken``: the ids already given to the
    report's events; a clash (which the keys should make impossible) gets a numbered id, never a silent
    overwrite in the store."""
    where = place_key(d)
    date_key = d.date.date.isoformat() if d.date.date else f"offset:{d.date.offset_days}"
    parts = [
        doc_id,
        d.sub_event_type,
        where,
        date_key,
        d.actor1.actor_id if d.actor1 else "",
        d.actor2.actor_id if d.actor2 else "",
    ]
    event_id = hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]
    if taken is not None:
        n = 1
        base = event_id
        while event_id in taken:
            n += 1
            event_id = f"{base[:17]}-{n:02d}"
        taken.add(event_id)
    return event_id


def evidence_of(d: Draft, sentence: Span) -> tuple[Evidence, ...]:
    """Every field's words, as character spans of the report."""
    m = d.mention
    spans: list[tuple[str, Span | None]] = [
        ("sentence", sentence),
        ("trigger", Span(m.trigger.start, m.trigger.end, m.trigger.text)),
        ("place", Span(m.place.start, m.place.end, m.place.text)),
        ("actor1", d.actor1.span if d.actor1 else None),
        ("actor2", d.actor2.span if d.actor2 else None),
        ("date", d.date.span),
        ("fatalities", d.fatalities.span if d.fatalities else None),
        ("source", m.sentence.attribution.span),
    ]
    return tuple(Evidence(f, s.start, s.end, s.text) for f, s in spans if s is not None)


def confidence(d: Draft) -> float:
    """How sure the reading is, 0.05-0.99: a place the gazetteer knows, a named doer, a place noun that framed
    the name and a day-precise date raise it; a governorate-wide place lowers it."""
    score = 0.55
    score += 0.15 if d.place.place_id else 0.0
    score += 0.1 if d.actor1 is not None else 0.0
    score += 0.05 if d.mention.place.evidence in ("cue", "after-cue", "list") else 0.0
    score += 0.05 if d.date.precision == 1 else 0.0
    score -= 0.1 if d.place.geo_precision == 3 else 0.0
    return max(0.05, min(0.99, score))
