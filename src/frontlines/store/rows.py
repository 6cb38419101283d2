"""How records become the store's rows and back: an event's columns (the flat ones for querying, its contract row
as JSON in `record`) and a stored document."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from frontlines.display import strict_json
from frontlines.records import DateSource, Document

INSERT_EVENT = (
    "INSERT INTO events (event_id, doc_id, event_type, sub_event_type, event_date, date_precision,"
    " date_offset_days, actor1_id, actor1, actor2_id, actor2, location, place_id, place_name, admin1, latitude,"
    " longitude, geo_precision, fatalities, source_chain, confidence, record)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
FLAT = (
    "event_type", "sub_event_type", "event_date", "date_precision", "date_offset_days", "actor1_id", "actor1",
    "actor2_id", "actor2", "location", "place_id", "place_name", "admin1", "latitude", "longitude",
    "geo_precision", "fatalities",
)  # fmt: skip


def event_values(row: dict[str, Any], doc_id: str) -> tuple[Any, ...]:
    """The `events` columns of a contract row, in INSERT_EVENT's order."""
    return (
        row["event_id"],
        doc_id,
        *(row[name] for name in FLAT),
        strict_json(row["source_chain"]),
        row["confidence"],
        strict_json(row),
    )


def document_of(row: Any) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        source_uri=row["source_uri"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        published_source=DateSource(row["published_source"]) if row["published_source"] else None,
        language=row["language"],
        external_id=row["external_id"],
        fmt=row["fmt"],
        meta=json.loads(row["meta"]),
    )
