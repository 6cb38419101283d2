"""Leases on documents, so that several `frontlines extract` processes on one database share the work.

Before extracting a document, a process claims it: in one write transaction (BEGIN IMMEDIATE, so two claims of
one document are serialised) it checks that the document still waits for this pipeline version and that no
other live process holds it, then records itself as its holder until an expiry time. Storing the document's
events ends the claim in the same transaction; a failure releases it; a run releases whatever it still holds
when it ends. A holder renews its claims while it makes progress. A claim whose holder died is taken over once
it expires, or at once when the holder was a process of this machine that no longer runs (so re-running a
killed `extract` finishes its work without waiting for the lease to run out).
"""

from __future__ import annotations

import os
import socket
import time
import uuid

from frontlines.store.backend import Connection
from frontlines.store.migrations import transaction


def new_holder() -> str:
    """A holder name unique to this run: host, process id and a random part (``host:pid:hex``)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def holder_is_alive(holder: str) -> bool:
    """False only when the holder is sure to be gone: a process of this host that no longer exists."""
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return True  # another machine's process: only its lease's expiry tells
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, run by another user
        return True
    return True


def claim(
    conn: Connection,
    doc_id: str,
    holder: str,
    pipeline_version: str,
    lease_seconds: float,
    force: bool = False,
    now: float | None = None,
) -> bool:
    """Claim a document for extraction; False when another live holder has it, when it is already extracted
    by this pipeline version (unless ``force``), or when it is not stored."""
    now = time.time() if now is None else now
    with transaction(conn) as c:
        if c.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
            return False
        row = c.execute(
            "SELECT holder, expires_at FROM extraction_claims WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        if row is not None and row[0] != holder and row[1] > now and holder_is_alive(row[0]):
            return False
        if not force:
            done = c.execute(
                "SELECT 1 FROM extractions WHERE doc_id = ? AND pipeline_version = ?",
                (doc_id, pipeline_version),
            ).fetchone()
            if done is not None:
                return False
        c.execute(
            "INSERT INTO extraction_claims (doc_id, holder, claimed_at, expires_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (doc_id) DO UPDATE SET holder = excluded.holder, claimed_at = excluded.claimed_at,"
            " expires_at = excluded.expires_at",
            (doc_id, holder, now, now + lease_seconds),
        )
    return True


def renew(conn: Connection, holder: str, lease_seconds: float, now: float | None = None) -> None:
    """Push back the expiry of every claim the holder has."""
    now = time.time() if now is None else now
    with transaction(conn) as c:
        c.execute(
            "UPDATE extraction_claims SET expires_at = ? WHERE holder = ?", (now + lease_seconds, holder)
        )


def release(conn: Connection, holder: str, doc_id: str | None = None) -> None:
    """End the holder's claim on one document, or on all of them."""
    with transaction(conn) as c:
        if doc_id is None:
            c.execute("DELETE FROM extraction_claims WHERE holder = ?", (holder,))
        else:
            c.execute("DELETE FROM extraction_claims WHERE holder = ? AND doc_id = ?", (holder, doc_id))
