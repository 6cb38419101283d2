"""How many independent sources report each event, for `frontlines export --min-sources N`.

When the database has been fused (the `fuse` stage, run by `extract`), an event's count is its incident's
independent sources exactly as `frontlines clusters` reports them
(`frontlines.fuse.stored.independent_source_counts`: the clusters read back with analysts' merges and splits
replayed and events marked as not an event left out). Fusion knows that an outlet relaying another's claim
(Press TV relaying SANA), a syndicated copy or two outlets quoting one agency are one source.

Without clusters (the database was never fused), the count falls back to **documents**
(:func:`by_documents`): the number of distinct stored reports that give an event of the same type at the same
place (place id, else the place as written) on the same day. That over-counts relays and copies (Press TV
relaying SANA counts 2), so it is an upper bound of the independent sources; `export` says which count it
used.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

CLUSTERS = "clusters"
DOCUMENTS = "documents"


def incident_key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """Events of one incident in the fallback: same event type, same place, same day."""
    place = row.get("place_id") or "as-written:" + str(row.get("location") or "").casefold()
    return (str(row.get("event_type")), place, str(row.get("event_date") or f"doc:{row.get('doc_id')}"))


def by_documents(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Each event's count of distinct documents reporting its incident (see the module's fallback)."""
    rows = list(rows)
    documents: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in rows:
        documents[incident_key(row)].add(str(row.get("doc_id")))
    return {row["event_id"]: len(documents[incident_key(row)]) for row in rows}


def independent_sources(
    rows: Iterable[Mapping[str, Any]], clusters: Mapping[str, int] | None
) -> tuple[dict[str, int], str]:
    """(event id -> independent sources, which count was used: `clusters` or `documents`). An event fusion
    did not cluster counts its documents, as in the fallback."""
    rows = list(rows)
    fallback = by_documents(rows)
    if clusters is None:
        return fallback, DOCUMENTS
    return {r["event_id"]: clusters.get(r["event_id"], fallback[r["event_id"]]) for r in rows}, CLUSTERS
