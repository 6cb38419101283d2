"""The exports' SQL: when each document was last extracted (fusion's independent-source counts are read with the
clusters, frontlines.fuse.stored.independent_source_counts)."""

from __future__ import annotations

import datetime as dt

from frontlines.store.backend import Connection


def extraction_times(conn: Connection) -> dict[str, int]:
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
