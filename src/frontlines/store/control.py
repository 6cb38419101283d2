"""The control stage's SQL: the events it reads, and the analysts' holder settings it applies on read.

`control_rows` reads only what control needs (flat columns, the trigger's words) of the events whose sub-event
type it reads, or whose sub-event type an analyst corrected, and applies every correction to them, as
`Store.events` does (an event an analyst marked as not an event is no control claim). `add_holder_setting`
records an analyst's setting (one row, one transaction); settings are keyed by place id, never by event id,
so re-extraction cannot touch them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from frontlines.store import corrections
from frontlines.store.backend import Connection
from frontlines.store.migrations import transaction

_COLUMNS = (
    "event_id, doc_id, event_type, sub_event_type, event_date, date_precision, actor1_id, actor1, actor2_id, "
    "actor2, location, place_id, place_name, admin1, latitude, longitude, geo_precision, source_chain, "
    "confidence"
)


_SETTING_COLUMNS = (
    "id, place_id, place_name, admin1, latitude, longitude, start_date, status, holder_id, holder_name, "
    "holder_side, author, note, created_at"
)


def control_rows(conn: Connection, sub_event_types: Iterable[str]) -> list[dict[str, Any]]:
    """Events of the given sub-event types (and those an analyst retyped), with their trigger's words and
    every correction applied; events marked as not an event are left out. The caller filters by the corrected
    sub-event type."""
    types = sorted(set(sub_event_types))
    marks = ", ".join("?" for _ in types)
    sql = (
        f"SELECT {_COLUMNS}, (SELECT v.text FROM evidence v WHERE v.event_id = e.event_id"  # noqa: S608
        " AND v.field = 'trigger' LIMIT 1) AS trigger"
        f" FROM events e WHERE e.sub_event_type IN ({marks}) OR e.event_id IN"
        " (SELECT c.event_id FROM corrections c WHERE c.field = 'sub_event_type') ORDER BY e.rowid"
    )
    rows = []
    for row in conn.execute(sql, types):
        record = dict(row)
        record["source_chain"] = json.loads(record["source_chain"])
        rows.append(record)
    corrections.apply(rows, corrections.by_event(conn))
    return [row for row in rows if not row.get("not_an_event")]  # an event that is none decides nothing


def add_holder_setting(conn: Connection, setting: dict[str, Any]) -> int:
    """Record one holder setting (the columns of `holder_settings` but id); returns its id."""
    columns = (
        "place_id",
        "place_name",
        "admin1",
        "latitude",
        "longitude",
        "start_date",
        "status",
        "holder_id",
        "holder_name",
        "holder_side",
        "author",
        "note",
        "created_at",
    )
    with transaction(conn) as c:
        [row] = c.execute(
            f"INSERT INTO holder_settings ({', '.join(columns)})"  # noqa: S608 (fixed column names)
            f" VALUES ({', '.join('?' for _ in columns)}) RETURNING id",
            tuple(setting.get(name) for name in columns),
        ).fetchall()
    return int(row[0])


def holder_settings(conn: Connection, place_id: str | None = None) -> list[dict[str, Any]]:
    """The analysts' settings (of one place, or all), oldest first."""
    sql = f"SELECT {_SETTING_COLUMNS} FROM holder_settings"  # noqa: S608 (fixed column names)
    if place_id is None:
        rows = conn.execute(sql + " ORDER BY id")
    else:
        rows = conn.execute(sql + " WHERE place_id = ? ORDER BY id", (place_id,))
    return [dict(r) for r in rows]


def evidence_of(conn: Connection, event_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """What a timeline shows of each event: its report (label, title, outlet, published) and the sentence."""
    out: dict[str, dict[str, Any]] = {}
    for event_id in event_ids:
        row = conn.execute(
            "SELECT e.doc_id, d.external_id, d.source_uri, d.title, d.outlet, d.published,"
            " (SELECT v.text FROM evidence v WHERE v.event_id = e.event_id AND v.field = 'sentence' LIMIT 1)"
            " AS sentence FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.event_id = ?",
            (event_id,),
        ).fetchone()
        if row is not None:
            out[event_id] = {
                "doc_id": row["doc_id"],
                "doc": row["external_id"] or row["source_uri"],
                "title": row["title"],
                "outlet": row["outlet"],
                "published": row["published"],
                "sentence": row["sentence"],
            }
    return out
