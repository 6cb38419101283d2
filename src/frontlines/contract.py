"""The output contract: the flat event record other tools read (`frontlines extract --format jsonl`).

Keep it stable. New fields may be added; existing ones are never renamed or given another meaning. The
fields are documented in docs/output-contract.md (a test checks that every field is documented).
"""

from __future__ import annotations

from typing import Any

from frontlines.records import Document, Event, to_dict

CONTRACT_VERSION = "1"

FIELDS: tuple[str, ...] = (
    "doc",
    "doc_id",
    "event_id",
    "event_date",
    "date_precision",
    "date_offset_days",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor1_id",
    "actor1_label",
    "actor2",
    "actor2_id",
    "actor2_label",
    "location",
    "place_id",
    "place_name",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_rule",
    "source_chain",
    "outlet",
    "published",
    "evidence",
    "confidence",
)


def doc_label(doc: Document) -> str:
    """How the contract names a document: the JSONL/CSV record's `id` when it has one, else the source path."""
    return doc.external_id if doc.external_id else doc.source_uri


def event_row(event: Event, doc: Document) -> dict[str, Any]:
    """The flat, JSON-ready contract row for one event of one document."""
    a1, a2, place = event.actor1, event.actor2, event.place
    return {
        "doc": doc_label(doc),
        "doc_id": doc.id,
        "event_id": event.event_id,
        "event_date": event.date.date.isoformat() if event.date.date else None,
        "date_precision": int(event.date.precision),
        "date_offset_days": event.date.offset_days,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": a1.name if a1 else None,
        "actor1_id": a1.actor_id if a1 else None,
        "actor1_label": a1.label if a1 else None,
        "actor2": a2.name if a2 else None,
        "actor2_id": a2.actor_id if a2 else None,
        "actor2_label": a2.label if a2 else None,
        "location": place.location,
        "place_id": place.place_id,
        "place_name": place.place_name,
        "admin1": place.admin1,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": place.geo_precision,
        "fatalities": event.fatalities.count if event.fatalities else None,
        "fatalities_rule": event.fatalities.rule if event.fatalities else None,
        "source_chain": list(event.claim.source_chain),
        "outlet": doc.outlet,
        "published": doc.published.isoformat() if doc.published else None,
        "evidence": [to_dict(e) for e in event.claim.evidence],
        "confidence": round(event.claim.confidence, 3),
    }
