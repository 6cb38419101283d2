"""Fusion in the database: the machine's clusters, copies among reports, runs, and analysts' cluster
corrections (migration 4).

The machine's clusters are replaced whole by each fusion run, in one transaction. Analysts' corrections are
kept apart, keyed by event ids (never by cluster ids, which follow the events), and replayed on read by
frontlines.fuse; a correction naming an event that does not exist, or a merge of an incident with itself,
is refused with nothing written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from frontlines.contract import ContractError
from frontlines.store.backend import Connection
from frontlines.store.corrections import RETRACTED_IDS
from frontlines.store.migrations import transaction

ACTIONS = ("merge", "split")
_CORRECTION_COLUMNS = (
    "id, action, event_id, other_event_id, cluster_id, other_cluster_id, author, note, created_at"
)


def replace(
    conn: Connection,
    partition: Mapping[str, str],
    copies: Iterable[tuple[str, str, float]],
    run: Mapping[str, Any],
) -> None:
    """Replace the machine's clusters and copies with a new run's, and record the run, in one transaction."""
    with transaction(conn) as c:
        c.execute("DELETE FROM cluster_members")
        c.executemany(
            "INSERT INTO cluster_members (event_id, cluster_id) VALUES (?, ?)", sorted(partition.items())
        )
        c.execute("DELETE FROM document_copies")
        c.executemany(
            "INSERT INTO document_copies (doc_id, original_id, containment) VALUES (?, ?, ?)", list(copies)
        )
        c.execute(
            "INSERT INTO fusion_runs (fused_at, events, clusters, multi_report, seconds) VALUES (?, ?, ?, ?, ?)",
            (run["fused_at"], run["events"], run["clusters"], run["multi_report"], run["seconds"]),
        )


def partition(conn: Connection) -> dict[str, str]:
    """Event id -> the machine's cluster id, as the last run left them."""
    return {r[0]: r[1] for r in conn.execute("SELECT event_id, cluster_id FROM cluster_members")}


def copies(conn: Connection) -> dict[str, str]:
    """Doc id -> the report it is a copy of."""
    return {r[0]: r[1] for r in conn.execute("SELECT doc_id, original_id FROM document_copies")}


def last_run(conn: Connection) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT fused_at, events, clusters, multi_report, seconds FROM fusion_runs ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return dict(row) if row is not None else None


def unfused(conn: Connection) -> int:
    """How many stored events the last run did not see (extracted since); events marked as not an event
    are no claims, so fusion never sees them and they are not counted."""
    row = conn.execute(
        "SELECT COUNT(*) FROM events e LEFT JOIN cluster_members m ON m.event_id = e.event_id"  # noqa: S608
        f" WHERE m.event_id IS NULL AND e.event_id NOT IN ({RETRACTED_IDS})"
    ).fetchone()
    return int(row[0])


def add_correction(
    conn: Connection,
    action: str,
    event_id: str,
    other_event_id: str | None,
    cluster_id: str,
    other_cluster_id: str | None,
    *,
    author: str | None,
    note: str | None,
    now: str,
) -> dict[str, Any]:
    """Record one cluster correction; returns it as stored. ContractError, with nothing written, for an
    unknown action, an event that is not stored, or a merge without a second event."""
    if action not in ACTIONS:
        raise ContractError(f"unknown cluster correction {action!r}: {' or '.join(ACTIONS)}")
    if action == "merge" and (other_event_id is None or other_cluster_id is None):
        raise ContractError("a merge names two clusters")
    if action == "merge" and other_event_id == event_id:
        raise ContractError("a cluster cannot be merged with itself")
    with transaction(conn) as c:
        for given in (event_id, other_event_id):
            if (
                given is not None
                and c.execute("SELECT 1 FROM events WHERE event_id = ?", (given,)).fetchone() is None
            ):
                raise ContractError(f"no event with id {given!r} in this database")
        [row] = c.execute(
            "INSERT INTO cluster_corrections (action, event_id, other_event_id, cluster_id, other_cluster_id,"  # noqa: S608
            f" author, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING {_CORRECTION_COLUMNS}",
            (action, event_id, other_event_id, cluster_id, other_cluster_id, author, note, now),
        ).fetchall()
    return dict(row)


def corrections(conn: Connection) -> list[dict[str, Any]]:
    """Every cluster correction, oldest first."""
    sql = f"SELECT {_CORRECTION_COLUMNS} FROM cluster_corrections ORDER BY id"  # noqa: S608 (fixed columns)
    return [dict(r) for r in conn.execute(sql)]


def document_text(conn: Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return str(row[0]) if row is not None else None
