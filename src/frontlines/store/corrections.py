"""Analyst corrections in the database: kept apart from machine output, applied on read, checked on write.

A correction is one row per field it sets, with the value before (`old_value`), who and why (`author`,
`note`), when, and `via` (the field the analyst corrected when this one came along with it). The rows of one
correction are written in one transaction, after :func:`frontlines.corrections.check_correction` accepted it
against the event as it stands, so a refused correction writes nothing. Events are named by their id or a
unique prefix of it (at least :data:`MIN_PREFIX` characters), as the events table shows them.

Marking an event as not an event (:func:`mark`) is a row of the same table, field
:data:`~frontlines.corrections.NOT_AN_EVENT`, value true (undone by a later row with false): the latest row
decides. :data:`RETRACTED_IDS` is that decision as SQL, for readers that count or select events in SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from frontlines.contract import ContractError
from frontlines.corrections import NOT_AN_EVENT, Lookups, check_correction
from frontlines.display import strict_json
from frontlines.store.backend import Connection
from frontlines.store.migrations import transaction

MIN_PREFIX = 4

RETRACTED_IDS = (
    "SELECT r.event_id FROM corrections r WHERE r.field = 'not_an_event' AND r.value = 'true' AND r.id ="
    " (SELECT MAX(l.id) FROM corrections l WHERE l.event_id = r.event_id AND l.field = 'not_an_event')"
)
"""The ids of the events an analyst marked as not an event (and did not restore since)."""


def retracted(conn: Connection) -> set[str]:
    """The ids of the events marked as not an event."""
    return {r[0] for r in conn.execute(RETRACTED_IDS)}


def by_event(conn: Connection) -> dict[str, list[tuple[str, Any]]]:
    """Every event's corrections as (field, value), oldest first."""
    out: dict[str, list[tuple[str, Any]]] = {}
    for row in conn.execute("SELECT event_id, field, value FROM corrections ORDER BY id"):
        out.setdefault(row[0], []).append((row[1], json.loads(row[2])))
    return out


def apply(records: Iterable[dict[str, Any]], corrections: dict[str, list[tuple[str, Any]]]) -> None:
    """Apply corrections to contract rows in place; a corrected row lists its corrected fields once each in
    `corrected`, in the order they were first corrected. An event marked as not an event gets
    ``"not_an_event": True`` (the latest mark decides; that mark is not listed in `corrected`)."""
    for record in records:
        for field, value in corrections.get(record["event_id"], []):
            if field == NOT_AN_EVENT:
                if value is True:
                    record[NOT_AN_EVENT] = True
                else:
                    record.pop(NOT_AN_EVENT, None)
                continue
            record[field] = value
            corrected = record.setdefault("corrected", [])
            if field not in corrected:
                corrected.append(field)


def resolve_id(conn: Connection, given: str, *, with_corrections: bool = False) -> str:
    """The full id of the event ``given`` names (its id or a unique prefix). With ``with_corrections``, ids
    that only corrections still name (an event a re-extraction no longer finds) count too. ContractError when
    no event, or more than one, matches."""
    given = given.strip()
    exact = "SELECT 1 FROM events WHERE event_id = ?"
    if with_corrections:
        exact += " UNION SELECT 1 FROM corrections WHERE event_id = ?"
    if conn.execute(exact, (given,) * (2 if with_corrections else 1)).fetchone():
        return given
    given = given.lower()
    if len(given) < MIN_PREFIX:
        raise ContractError(f"give at least {MIN_PREFIX} characters of the event id, not {given!r}")
    sql = "SELECT event_id FROM events WHERE substr(event_id, 1, ?) = ?"
    if with_corrections:
        sql += " UNION SELECT event_id FROM corrections WHERE substr(event_id, 1, ?) = ?"
    params = (len(given), given) * (2 if with_corrections else 1)
    found = [r[0] for r in conn.execute(sql + " LIMIT 3", params)]
    if not found:
        raise ContractError(f"no event with id {given!r} in this database (see `frontlines events`)")
    if len(found) > 1:
        raise ContractError(f"{given!r} is the start of several event ids: give more characters")
    return str(found[0])


def current(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """The event's contract row with its corrections applied, or None."""
    row = conn.execute("SELECT record FROM events WHERE event_id = ?", (event_id,)).fetchone()
    if row is None:
        return None
    record: dict[str, Any] = json.loads(row[0])
    apply([record], {event_id: by_event_of(conn, event_id)})
    return record


def by_event_of(conn: Connection, event_id: str) -> list[tuple[str, Any]]:
    rows = conn.execute("SELECT field, value FROM corrections WHERE event_id = ? ORDER BY id", (event_id,))
    return [(r[0], json.loads(r[1])) for r in rows]


def add(
    conn: Connection,
    given_id: str,
    field: str,
    value: Any,
    *,
    author: str | None,
    note: str | None,
    lookups: Lookups,
    now: str,
) -> list[dict[str, Any]]:
    """Check and record one correction in one transaction; returns the changes written as {event_id, field,
    old, new} (none when the event already has these values). ContractError, with nothing written, when the
    event does not exist or the contract refuses the value."""
    with transaction(conn) as c:
        event_id = resolve_id(c, given_id)
        record = current(c, event_id)
        assert record is not None  # resolve_id found it in this transaction
        changes = check_correction(record, field, value, lookups)
        written = []
        for name, new in changes:
            old = record.get(name)
            if old == new and type(old) is type(new):
                continue
            c.execute(
                "INSERT INTO corrections (event_id, field, value, old_value, via, author, note, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    name,
                    strict_json(new),
                    strict_json(old),
                    None if name == field else field,
                    author,
                    note,
                    now,
                ),
            )
            written.append({"event_id": event_id, "field": name, "old": old, "new": new})
    return written


def mark(
    conn: Connection,
    given_id: str,
    not_an_event: bool,
    *,
    author: str | None,
    note: str | None,
    now: str,
) -> tuple[str, bool]:
    """Mark the event ``given_id`` names (its id or a unique prefix) as not an event, or undo that, in one
    transaction; returns (its full id, whether a row was written: False when it already was so).
    ContractError, with nothing written, when no stored event (or several) match."""
    with transaction(conn) as c:
        event_id = resolve_id(c, given_id)
        was = c.execute(
            "SELECT value FROM corrections WHERE event_id = ? AND field = ? ORDER BY id DESC LIMIT 1",
            (event_id, NOT_AN_EVENT),
        ).fetchone()
        before = was is not None and json.loads(was[0]) is True
        if before == not_an_event:
            return event_id, False
        c.execute(
            "INSERT INTO corrections (event_id, field, value, old_value, via, author, note, created_at)"
            " VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
            (event_id, NOT_AN_EVENT, strict_json(not_an_event), strict_json(before), author, note, now),
        )
    return event_id, True


def history(conn: Connection, given_id: str) -> tuple[str, list[dict[str, Any]]]:
    """The full event id and its corrections, oldest first: time, author, field, old, new, via, note."""
    event_id = resolve_id(conn, given_id, with_corrections=True)
    rows = conn.execute(
        "SELECT created_at, author, field, old_value, value, via, note FROM corrections"
        " WHERE event_id = ? ORDER BY id",
        (event_id,),
    )
    out = [
        {
            "time": r["created_at"],
            "author": r["author"],
            "field": r["field"],
            "old": json.loads(r["old_value"]) if r["old_value"] is not None else None,
            "new": json.loads(r["value"]),
            "via": r["via"],
            "note": r["note"],
        }
        for r in rows
    ]
    return event_id, out


def prefix_length(conn: Connection, minimum: int = 8) -> int:
    """The shortest prefix length (at least ``minimum``) at which every stored event id is unique: the
    events table shows ids cut there, and `correct` and `history` accept them."""
    ids = sorted(r[0] for r in conn.execute("SELECT event_id FROM events"))
    longest = 0
    for a, b in zip(ids, ids[1:], strict=False):
        common = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            common += 1
        longest = max(longest, common)
    return max(minimum, longest + 1)
