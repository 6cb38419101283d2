"""Paged, filtered listings (the REST API's SQL): events and documents by keyset, the names stored events use,
and a change counter.

Events are listed newest event date first (undated events last), then by event id, both descending: the sort
key of an event is ``(COALESCE(event_date, ''), event_id)`` and a page starts after the key of the last event
of the page before (keyset pagination, indexed by migration 7). The filters here read the flat columns of
the machine's events; events an analyst corrected are left out (``WHERE NOT corrected``) and read whole by
:func:`corrected_records`, so that the caller filters them with their corrections applied. Every value is a
parameter; the SQL text is built only from fixed fragments.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from frontlines.display import strict_json
from frontlines.store import corrections, slant
from frontlines.store.backend import Connection

SORT_KEY = "COALESCE(e.event_date, '')"
CORRECTED_IDS = "SELECT c.event_id FROM corrections c"

Key = tuple[str, str]  # (event date or '', event id)
# What stands before and after an element of a JSON array: written by strict_json (", ") or compactly (",").
_EDGES = tuple((before, after) for before in ("[", ", ", ",") for after in (",", "]"))


@dataclass(frozen=True, slots=True)
class EventWhere:
    """Filters over the stored columns. Name filters hold the exact stored values to match (the caller maps
    what users type to them, see :func:`vocabulary`); an empty tuple means no filter, ``None`` inside a
    filter's place means "match nothing" (a name no event uses)."""

    since: str | None = None
    until: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    admin1: tuple[str, ...] | None = ()
    actors: tuple[str, ...] | None = ()
    sub_event_types: tuple[str, ...] | None = ()
    sources: tuple[str, ...] | None = ()  # names in the claim chain
    outlets: tuple[str, ...] | None = ()  # the report's outlet (a source filter matches either)

    def sql(self, kind: str = "sqlite") -> tuple[str, list[Any]]:
        """The WHERE clause (machine events not corrected, matching every filter) and its parameters, for a
        backend's ``kind`` (its name for "the position of a text in another": SQLite's ``instr``, PostgreSQL's
        ``strpos``)."""
        found = "instr(e.source_chain, ?) > 0" if kind == "sqlite" else "strpos(e.source_chain, ?) > 0"
        where = [f"e.event_id NOT IN ({CORRECTED_IDS})"]
        params: list[Any] = []
        if self.since is not None:
            where.append(f"{SORT_KEY} >= ?")
            params.append(self.since)
        if self.until is not None:
            where.append(f"{SORT_KEY} <= ? AND {SORT_KEY} > ''")
            params.append(self.until)
        if self.bbox is not None:
            where.append("e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?")
            min_lon, min_lat, max_lon, max_lat = self.bbox
            params += [min_lon, max_lon, min_lat, max_lat]
        for values, columns in (
            (self.admin1, ("e.admin1",)),
            (self.sub_event_types, ("e.sub_event_type",)),
            (self.actors, ("e.actor1_id", "e.actor2_id", "e.actor1", "e.actor2")),
        ):
            if values is None:
                where.append("1 = 0")
            elif values:
                marks = _marks(values)
                where.append("(" + " OR ".join(f"{c} IN ({marks})" for c in columns) + ")")
                params += list(values) * len(columns)
        if self.sources is None and self.outlets is None:
            where.append("1 = 0")
        elif self.sources or self.outlets:
            either = []
            if self.sources:
                # The chain is stored as JSON text: a name is one of its elements where, JSON-quoted as it
                # is stored, it stands between an array's bracket or comma and a comma or bracket (inside a
                # string, a quote is always escaped, so no string can hold such a run).
                # One cheap test first (the quoted name anywhere), the element test on the rows that pass it.
                for name in self.sources:
                    quoted = strict_json(name)
                    edges = " OR ".join(found for _ in _EDGES)
                    either.append(f"({found} AND ({edges}))")
                    params += [quoted] + [f"{before}{quoted}{after}" for before, after in _EDGES]
            if self.outlets:
                marks = _marks(self.outlets)
                either.append(f"e.doc_id IN (SELECT d.id FROM documents d WHERE d.outlet IN ({marks}))")  # noqa: S608
                params += list(self.outlets)
            where.append("(" + " OR ".join(either) + ")")
        return " AND ".join(where), params


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def event_page(
    conn: Connection, where: EventWhere, after: Key | None, limit: int
) -> list[tuple[Key, Record]]:
    """Up to ``limit`` uncorrected events matching ``where`` whose key comes after ``after``, in order, each with
    its key and its contract row (as stored JSON text when it is complete, see :func:`record`)."""
    clause, params = where.sql(conn.kind)
    if after is not None:
        clause += f" AND ({SORT_KEY}, e.event_id) < (?, ?)"
        params += list(after)
    sql = (
        f"SELECT {SORT_KEY} AS k, e.event_id, e.record FROM events e WHERE {clause}"  # noqa: S608 (fixed SQL)
        f" ORDER BY {SORT_KEY} DESC, e.event_id DESC LIMIT ?"
    )
    rows = conn.execute(sql, [*params, limit]).fetchall()
    return [((r[0], r[1]), record(r[2])) for r in rows]


Record = dict[str, Any] | str
"""A contract row: decoded, or the stored JSON text of a complete row (readers that only pass rows on need not
decode them; :func:`decoded` gives the dict)."""

_LATEST_KEYS = ('"actor1_label_tone": ', '"actor2_label_tone": ', '"slant": ')  # as strict_json writes keys


def record(text: str) -> Record:
    """A stored record as it can be passed on: its text when it has every field (a quote in a value is always
    escaped, so these runs are keys), else decoded with the fields added since it was stored."""
    if all(key in text for key in _LATEST_KEYS):
        return text
    return slant.with_defaults(json.loads(text))


def decoded(row: Record) -> dict[str, Any]:
    return slant.with_defaults(json.loads(row)) if isinstance(row, str) else row


def event_count(conn: Connection, where: EventWhere) -> int:
    """How many uncorrected events match ``where``."""
    clause, params = where.sql(conn.kind)
    row = conn.execute(f"SELECT COUNT(*) FROM events e WHERE {clause}", params).fetchone()  # noqa: S608
    return int(row[0])


def event_keys(conn: Connection, where: EventWhere) -> list[Key]:
    """The keys of every uncorrected event matching ``where``, in order (for filters the caller applies in
    Python, such as independent sources)."""
    clause, params = where.sql(conn.kind)
    sql = (
        f"SELECT {SORT_KEY}, e.event_id FROM events e WHERE {clause}"  # noqa: S608 (fixed SQL)
        f" ORDER BY {SORT_KEY} DESC, e.event_id DESC"
    )
    return [(r[0], r[1]) for r in conn.execute(sql, params)]


def records(conn: Connection, event_ids: Sequence[str]) -> dict[str, Record]:
    """Contract rows of the given (uncorrected) events, by id."""
    out: dict[str, Record] = {}
    for start in range(0, len(event_ids), 500):
        chunk = list(event_ids[start : start + 500])
        sql = f"SELECT event_id, record FROM events WHERE event_id IN ({_marks(chunk)})"  # noqa: S608
        for event_id, text in conn.execute(sql, chunk):
            out[event_id] = record(text)
    return out


def corrected_records(conn: Connection) -> list[dict[str, Any]]:
    """Contract rows of every event an analyst corrected (or marked), corrections applied; those marked as
    not an event carry `not_an_event`."""
    rows = conn.execute(
        f"SELECT record FROM events WHERE event_id IN ({CORRECTED_IDS}) ORDER BY rowid"  # noqa: S608
    ).fetchall()
    found = [slant.with_defaults(json.loads(r[0])) for r in rows]
    corrections.apply(found, corrections.by_event(conn))
    return found


def vocabulary(conn: Connection) -> dict[str, set[str]]:
    """The names stored events use: governorates (`admin1`), actors (ids and names, `actors`), claim-chain
    sources (`sources`) and report outlets (`outlets`)."""
    actors: set[str] = set()
    for column in ("actor1_id", "actor2_id", "actor1", "actor2"):
        sql = f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL"  # noqa: S608 (fixed names)
        actors |= {r[0] for r in conn.execute(sql)}
    return {
        "admin1": {r[0] for r in conn.execute("SELECT DISTINCT admin1 FROM events WHERE admin1 IS NOT NULL")},
        "actors": actors,
        "sources": {
            source
            for r in conn.execute("SELECT DISTINCT source_chain FROM events WHERE source_chain IS NOT NULL")
            for source in json.loads(r[0])
            if isinstance(source, str)
        },
        "outlets": {
            r[0] for r in conn.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL")
        },
    }


def data_version(conn: Connection) -> int | str:
    """A value that changes whenever another connection commits. On SQLite, its change counter of this
    connection (``PRAGMA data_version``). On PostgreSQL, the current snapshot (``xmin:xmax:in-progress ids``):
    it moves when a transaction that wrote starts or ends, anywhere in the server, and stays put while nothing
    is written; so a cached view may be recomputed for another database's write, never kept past one of ours."""
    if conn.kind == "sqlite":
        return int(conn.execute("PRAGMA data_version").fetchone()[0])
    return str(conn.execute("SELECT pg_current_snapshot()::text").fetchone()[0])


# ---------------------------------------------------------------------------------------------- documents

_DOCUMENT_COLUMNS = (
    "d.rowid AS position, d.id, d.title, d.outlet, d.url, d.published, d.published_source, d.language, d.fmt,"
    " d.source_uri, length(d.text) AS chars,"
    " (SELECT COUNT(*) FROM document_sources s WHERE s.doc_id = d.id) AS sources,"
    " (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events"
)


def document_page(conn: Connection, after: int | None, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` documents (no text) in ingestion order after the one at position ``after``."""
    rows = conn.execute(
        f"SELECT {_DOCUMENT_COLUMNS} FROM documents d WHERE d.rowid > ?"  # noqa: S608 (fixed SQL)
        " ORDER BY d.rowid LIMIT ?",
        (after if after is not None else 0, limit),
    )
    return [dict(r) for r in rows]


def document_count(conn: Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])


def document_detail(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    """One document's listing fields with its text, external id, meta and events (not-events left out)."""
    row = conn.execute(
        f"SELECT {_DOCUMENT_COLUMNS}, d.text, d.external_id, d.meta FROM documents d"  # noqa: S608
        " WHERE d.id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["meta"] = json.loads(out["meta"])
    out["event_ids"] = [
        r[0]
        for r in conn.execute(
            "SELECT event_id FROM events WHERE doc_id = ? AND event_id NOT IN"  # noqa: S608 (fixed SQL)
            f" ({corrections.RETRACTED_IDS}) ORDER BY rowid",
            (doc_id,),
        )
    ]
    return out


def place_row(conn: Connection, place_id: str) -> tuple[dict[str, Any] | None, int]:
    """A place as the events that name it give it (place_id, place_name, admin1, latitude, longitude), and how
    many events name it; (None, 0) when none does."""
    row = conn.execute(
        "SELECT place_id, place_name, admin1, latitude, longitude FROM events WHERE place_id = ? LIMIT 1",
        (place_id,),
    ).fetchone()
    if row is None:
        return None, 0
    count = conn.execute(
        "SELECT COUNT(*) FROM events WHERE place_id = ? AND event_id NOT IN"  # noqa: S608 (fixed SQL)
        f" ({corrections.RETRACTED_IDS})",
        (place_id,),
    ).fetchone()[0]
    return dict(row), int(count)
