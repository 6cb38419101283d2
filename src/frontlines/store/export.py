"""The exports' SQL: when each document was last extracted, and fusion's independent-source counts if any."""

from __future__ import annotations

import datetime as dt
import sqlite3


def extraction_times(conn: sqlite3.Connection) -> dict[str, int]:
    """Document id -> when it was last extracted, as Unix seconds (ACLED's `timestamp`)."""
    out = {}
    for doc_id, when in conn.execute("SELECT doc_id, extracted_at FROM extractions"):
        try:
            stamp = dt.datetime.fromisoformat(when)
        except (TypeError, ValueError):
            continue
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=dt.UTC)
        out[doc_id] = int(stamp.timestamp())
    return out


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}


def cluster_counts(conn: sqlite3.Connection) -> dict[str, int] | None:
    """Event id -> its cluster's independent sources, from fusion's tables; None when the database has no
    clusters in the expected shape (`clusters` with `independent_sources` and `cluster_id` or `id`,
    `cluster_events` with `cluster_id` and `event_id`)."""
    clusters, links = _columns(conn, "clusters"), _columns(conn, "cluster_events")
    if "independent_sources" not in clusters or not {"cluster_id", "event_id"} <= links:
        return None
    key = "cluster_id" if "cluster_id" in clusters else "id" if "id" in clusters else None
    if key is None:
        return None
    rows = conn.execute(
        f"SELECT l.event_id, c.independent_sources FROM cluster_events l"  # noqa: S608 (a fixed column name)
        f" JOIN clusters c ON c.{key} = l.cluster_id"
    )
    return {str(event_id): int(count or 0) for event_id, count in rows}
