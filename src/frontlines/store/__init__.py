"""The store: the only stage that writes. SQLite in WAL mode by default, one file; or PostgreSQL, a server a
team shares, when the database is a ``postgresql://`` URL (store/backend.py, ADR 0020).

All SQL of frontlines lives in this package (parameterised, never formatted from data), written once in a
neutral dialect that both backends run (see store/backend.py). Every write is one transaction: killing the
process at any point leaves the database as it was before or after a whole document, never half-way, and
running the same command again completes the work (documents already stored are skipped, unfinished
extractions are redone).

Nothing outside the output contract is stored: JSON is written strictly (no NaN or infinity), and analyst
corrections and user places are checked against the contract (`frontlines.corrections`,
`frontlines.contract.check_place`) before they are written; a refusal is a ContractError and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.contract import check_place, event_row
from frontlines.corrections import Lookups
from frontlines.display import strict_json
from frontlines.records import STAGE_ERROR, Document, Event, IngestProblem
from frontlines.store import claims, corrections, fusion
from frontlines.store import slant as slant_tables
from frontlines.store.backend import (
    Connection,
    NoDatabase,
    NotADatabase,
    Unreachable,
    connect,
    redact,
)
from frontlines.store.migrations import migrate, transaction
from frontlines.store.rows import INSERT_EVENT, document_of, event_values

__all__ = ["Store", "AddResult", "StoreStats", "NoDatabase", "NotADatabase", "Unreachable"]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class AddResult:
    """What storing one document did: `new` is False when the same text was already stored (then only the
    extra source was recorded)."""

    doc_id: str
    new: bool


@dataclass(frozen=True, slots=True)
class StoreStats:
    documents: int
    document_sources: int
    problems: int
    fatal_problems: int
    extracted_documents: int
    events: int
    events_by_type: dict[str, int]
    unresolved_places: int
    outlets: dict[str, int]
    languages: dict[str, int]
    corrections: int
    not_events: int  # events analysts marked as not an event (counted in `events`, hidden from listings)


class Store:
    """A frontlines database. Open with `Store.open(path)`; use as a context manager to close it."""

    def __init__(self, conn: Connection, path: str) -> None:
        self.conn = conn
        self.path = path  # as it may be shown: a server URL's password is left out

    # ------------------------------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (and migrate) the database at ``path``: an SQLite file, or a ``postgresql://`` URL. With
        ``create=False`` a missing file raises NoDatabase and nothing is created (commands that only read); a
        file that is not SQLite raises NotADatabase, a server that cannot be reached Unreachable."""
        conn = connect(path, create=create)
        try:
            if not create and conn.kind != "sqlite" and not conn.has_table("schema_migrations"):
                raise NoDatabase(f"no frontlines database at {redact(str(path))}")
            migrate(conn)
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.DatabaseError) and "locked" not in str(exc):
                raise NotADatabase(f"{path} is not a frontlines database ({exc})") from exc
            raise
        return cls(conn, redact(str(path)))

    @property
    def failures(self) -> tuple[type[BaseException], ...]:
        """The errors that mean the database itself failed (unreachable, locked, full), not one record: a run
        stops on them instead of recording every document as failed."""
        return self.conn.failures

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # ------------------------------------------------------------------------------------------ documents

    def add_document(self, doc: Document) -> AddResult:
        """Store a document, or record one more source of an already stored one. One transaction."""
        now = _now()
        with transaction(self.conn) as c:
            inserted = c.execute(
                "INSERT INTO documents (id, text, title, outlet, url, published, published_source,"
                " language, external_id, fmt, meta, source_uri, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
                (
                    doc.id,
                    doc.text,
                    doc.title,
                    doc.outlet,
                    doc.url,
                    doc.published.isoformat() if doc.published else None,
                    doc.published_source.value if doc.published_source else None,
                    doc.language,
                    doc.external_id,
                    doc.fmt,
                    strict_json(dict(doc.meta)),
                    doc.source_uri,
                    now,
                ),
            )
            c.execute(
                "INSERT INTO document_sources (doc_id, source_uri, outlet, url, first_seen)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (doc.id, doc.source_uri, doc.outlet, doc.url, now),
            )
            new = inserted.fetchall()  # the document's id when it was not stored before
        return AddResult(doc.id, bool(new))

    def add_problem(self, problem: IngestProblem) -> None:
        """Record why an input was not (fully) ingested. Seeing the same problem again bumps its counter."""
        now = _now()
        with transaction(self.conn) as c:
            c.execute(
                "INSERT INTO ingest_problems (source_uri, kind, reason, fatal, doc_id, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (source_uri, kind, reason) DO UPDATE SET"
                " last_seen = excluded.last_seen, times_seen = ingest_problems.times_seen + 1",
                (
                    problem.source_uri,
                    problem.kind,
                    problem.reason,
                    int(problem.fatal),
                    problem.doc_id,
                    now,
                    now,
                ),
            )

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return document_of(row) if row else None

    def iter_documents(self, doc_ids: Sequence[str] | None = None) -> Iterator[Document]:
        """Documents in ingestion order (all, or those with the given ids)."""
        if doc_ids is None:
            for row in self.conn.execute("SELECT * FROM documents ORDER BY rowid"):
                yield document_of(row)
            return
        for doc_id in doc_ids:
            doc = self.get_document(doc_id)
            if doc is not None:
                yield doc

    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        """A listing of stored documents (no text), newest ingestion last."""
        sql = (
            "SELECT d.id, d.title, d.outlet, d.published, d.published_source, d.language, d.fmt,"
            " d.source_uri, length(d.text) AS chars,"
            " (SELECT COUNT(*) FROM document_sources s WHERE s.doc_id = d.id) AS sources,"
            " (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events"
            " FROM documents d ORDER BY d.rowid"
        )
        rows = self.conn.execute(sql) if limit is None else self.conn.execute(sql + " LIMIT ?", (limit,))
        return [dict(r) for r in rows]

    def problems(self, include_warnings: bool = True) -> list[dict[str, Any]]:
        sql = "SELECT source_uri, kind, reason, fatal, doc_id, times_seen, last_seen FROM ingest_problems"
        if not include_warnings:
            sql += " WHERE fatal = 1"
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY id")]

    # --------------------------------------------------------------------------------------------- events

    def pending_extraction(self, pipeline_version: str) -> list[str]:
        """Ids of documents not yet extracted by this pipeline version (all of them after an upgrade)."""
        rows = self.conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN extractions x ON x.doc_id = d.id"
            " WHERE x.doc_id IS NULL OR x.pipeline_version != ? ORDER BY d.rowid",
            (pipeline_version,),
        )
        return [r[0] for r in rows]

    def claim(
        self, doc_id: str, holder: str, pipeline_version: str, lease_seconds: float, force: bool = False
    ) -> bool:
        """Claim a stored document for extraction by ``holder`` (see store/claims.py): False when another
        live run holds it or this pipeline version already extracted it (unless ``force``)."""
        return claims.claim(self.conn, doc_id, holder, pipeline_version, lease_seconds, force)

    def renew_claims(self, holder: str, lease_seconds: float) -> None:
        claims.renew(self.conn, holder, lease_seconds)

    def release_claims(self, holder: str, doc_id: str | None = None) -> None:
        """End the holder's claim on one document, or all of its claims."""
        claims.release(self.conn, holder, doc_id)

    def replace_events(self, doc: Document, events: Sequence[Event], pipeline_version: str) -> None:
        """Replace a document's machine events with a new extraction, in one transaction. Corrections are
        keyed by event id and kept apart, so they survive. The document's claim ends and its stage errors
        (the failures of earlier runs) are cleared in the same transaction."""
        latest: dict[str, Event] = {}
        for event in events:  # a later event with the same id wins, and is listed last
            latest.pop(event.event_id, None)
            latest[event.event_id] = event
        values = [event_values(event_row(event, doc), doc.id) for event in latest.values()]
        evidence = [
            (event.event_id, e.field, e.start, e.end, e.text)
            for event in latest.values()
            for e in event.claim.evidence
        ]
        with transaction(self.conn) as c:
            c.execute("DELETE FROM extraction_claims WHERE doc_id = ?", (doc.id,))
            c.execute("DELETE FROM ingest_problems WHERE doc_id = ? AND kind = ?", (doc.id, STAGE_ERROR))
            c.execute("DELETE FROM events WHERE doc_id = ?", (doc.id,))
            if values:  # in a batch: one round trip per statement on a server, not per event
                c.executemany("DELETE FROM events WHERE event_id = ?", [(event_id,) for event_id in latest])
                c.executemany(INSERT_EVENT, values)
            if evidence:
                c.executemany(
                    'INSERT INTO evidence (event_id, field, start, "end", text) VALUES (?, ?, ?, ?, ?)', evidence
                )
            slant_tables.replace(c, doc, events)
            c.execute(
                "INSERT INTO extractions (doc_id, pipeline_version, extracted_at, n_events) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (doc_id) DO UPDATE SET pipeline_version = excluded.pipeline_version,"
                " extracted_at = excluded.extracted_at, n_events = excluded.n_events",
                (doc.id, pipeline_version, _now(), len(events)),
            )

    def events(
        self, doc_ids: Iterable[str] | None = None, *, include_retracted: bool = False
    ) -> list[dict[str, Any]]:
        """Contract rows of stored events, with analyst corrections applied on read. Events an analyst marked
        as not an event are left out, unless ``include_retracted`` (then they carry `not_an_event`: true)."""
        if doc_ids is None:
            rows = self.conn.execute("SELECT record FROM events ORDER BY rowid").fetchall()
        else:
            rows = []
            for doc_id in doc_ids:
                rows += self.conn.execute(
                    "SELECT record FROM events WHERE doc_id = ? ORDER BY rowid", (doc_id,)
                ).fetchall()
        records = [slant_tables.with_defaults(json.loads(r[0])) for r in rows]
        corrections.apply(records, corrections.by_event(self.conn))
        return records if include_retracted else [r for r in records if not r.get("not_an_event")]

    def event_id_length(self, minimum: int = 8) -> int:
        """How many leading characters of an event id tell every stored event apart (at least ``minimum``)."""
        return corrections.prefix_length(self.conn, minimum)

    # ------------------------------------------------------------------------------------------ slant

    def slant_spans(self, doc_id: str) -> list[dict[str, Any]]:
        """The spans the slant stage found in a stored document, in text order."""
        return slant_tables.spans(self.conn, doc_id)

    def outlet_profiles(self, period: str = "year") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(span rates, actor labels) per outlet and period ("year" or "month" of publication), see
        store/slant.py."""
        return slant_tables.rates(self.conn, period), slant_tables.labels(self.conn, period)

    # ------------------------------------------------------------------------------------- corrections

    def add_correction(
        self,
        event_id: str,
        field: str,
        value: Any,
        author: str | None = None,
        note: str | None = None,
        lookups: Lookups | None = None,
    ) -> list[dict[str, Any]]:
        """Check a correction against the contract and the event as it stands, and record it with the fields
        it brings along (see frontlines.corrections); ``event_id`` may be a unique prefix. Returns the changes
        written ({event_id, field, old, new}); ContractError, with nothing written, when refused."""
        return corrections.add(
            self.conn,
            event_id,
            field,
            value,
            author=author,
            note=note,
            lookups=lookups or Lookups(),
            now=_now(),
        )

    def mark_not_an_event(
        self, event_id: str, not_an_event: bool = True, author: str | None = None, note: str | None = None
    ) -> tuple[str, bool]:
        """Mark an event (its id or a unique prefix) as not an event, or with ``not_an_event=False`` undo
        that; returns (its full id, whether anything changed). ContractError, nothing written, for no event."""
        return corrections.mark(self.conn, event_id, not_an_event, author=author, note=note, now=_now())

    def history(self, event_id: str) -> tuple[str, list[dict[str, Any]]]:
        """An event's full id and its corrections, oldest first (time, author, field, old, new, via, note)."""
        return corrections.history(self.conn, event_id)

    # ------------------------------------------------------------------------------------------- fusion

    def replace_fusion(
        self, partition: dict[str, str], copies: Iterable[tuple[str, str, float]], run: dict[str, Any]
    ) -> None:
        """Store a fusion run (frontlines.fuse): event id -> cluster id, (doc, original, containment) copies
        and the run's figures (events, clusters, multi_report, seconds), replacing the last run's, in one
        transaction. Analysts' cluster corrections are kept apart and survive."""
        fusion.replace(self.conn, partition, copies, {**run, "fused_at": _now()})

    def cluster_partition(self) -> dict[str, str]:
        """Event id -> the machine's cluster id, as the last fusion run left them."""
        return fusion.partition(self.conn)

    def document_copies(self) -> dict[str, str]:
        """Doc id -> the report it is a copy of (found by the last fusion run)."""
        return fusion.copies(self.conn)

    def fusion_run(self) -> dict[str, Any] | None:
        """The last fusion run (fused_at, events, clusters, multi_report, seconds), or None."""
        return fusion.last_run(self.conn)

    def unfused_events(self) -> int:
        """How many stored events no fusion run has seen yet."""
        return fusion.unfused(self.conn)

    def add_cluster_correction(
        self,
        action: str,
        event_id: str,
        other_event_id: str | None,
        cluster_id: str,
        other_cluster_id: str | None = None,
        author: str | None = None,
        note: str | None = None,
    ) -> dict[str, Any]:
        """Record an analyst's merge (two events' incidents are one) or split (an event is an incident of
        its own); ContractError, with nothing written, when refused (see store/fusion.py)."""
        return fusion.add_correction(
            self.conn,
            action,
            event_id,
            other_event_id,
            cluster_id,
            other_cluster_id,
            author=author,
            note=note,
            now=_now(),
        )

    def cluster_corrections(self) -> list[dict[str, Any]]:
        """Analysts' cluster corrections, oldest first."""
        return fusion.corrections(self.conn)

    def document_text(self, doc_id: str) -> str | None:
        return fusion.document_text(self.conn, doc_id)

    # ------------------------------------------------------------------------------------------ places

    def add_user_places(self, places: Iterable[tuple[str, str, dict[str, Any]]], origin: str) -> int:
        """Store user gazetteer entries (id, name, full record as a dict); a later entry replaces an
        earlier one. Every entry is checked first (contract.check_place): one bad entry refuses them all with
        a ContractError naming it, and nothing is written."""
        rows = list(places)
        for _place_id, _name, record in rows:
            check_place(record)
        now = _now()
        with transaction(self.conn) as c:
            for place_id, name, record in rows:
                c.execute("DELETE FROM user_places WHERE id = ?", (place_id,))  # the later entry, listed last
                c.execute(
                    "INSERT INTO user_places (id, name, record, origin, added_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (place_id, name, strict_json(record), origin, now),
                )
        return len(rows)

    def user_places(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.conn.execute("SELECT record FROM user_places ORDER BY rowid")]

    def unresolved_places(self) -> list[dict[str, Any]]:
        """Place names the geocoder could not resolve, most frequent first, with an example sentence."""
        rows = self.conn.execute(
            "SELECT e.location, COUNT(*) AS count, MIN(e.event_id) AS example_event"  # noqa: S608 (fixed SQL)
            " FROM events e WHERE e.place_id IS NULL AND e.event_id NOT IN"
            f" ({corrections.RETRACTED_IDS}) GROUP BY e.location ORDER BY count DESC, e.location"
        ).fetchall()
        out = []
        for r in rows:
            record = json.loads(
                self.conn.execute(
                    "SELECT record FROM events WHERE event_id = ?", (r["example_event"],)
                ).fetchone()[0]
            )
            example = next((e["text"] for e in record["evidence"] if e["field"] == "sentence"), "")
            out.append({"location": r["location"], "count": r["count"], "example": example})
        return out

    # ------------------------------------------------------------------------------------------- stats

    def stats(self) -> StoreStats:
        def scalar(sql: str) -> int:
            return int(self.conn.execute(sql).fetchone()[0] or 0)

        def grouped(sql: str) -> dict[str, int]:
            return {str(k): int(v) for k, v in self.conn.execute(sql).fetchall()}

        return StoreStats(
            documents=scalar("SELECT COUNT(*) FROM documents"),
            document_sources=scalar("SELECT COUNT(*) FROM document_sources"),
            problems=scalar("SELECT COUNT(*) FROM ingest_problems"),
            fatal_problems=scalar("SELECT COUNT(*) FROM ingest_problems WHERE fatal = 1"),
            extracted_documents=scalar("SELECT COUNT(*) FROM extractions"),
            events=scalar("SELECT COUNT(*) FROM events"),
            events_by_type=grouped(
                "SELECT sub_event_type, COUNT(*) FROM events GROUP BY sub_event_type ORDER BY 2 DESC"
            ),
            unresolved_places=scalar("SELECT COUNT(DISTINCT location) FROM events WHERE place_id IS NULL"),
            outlets=grouped(
                "SELECT COALESCE(outlet, '(unknown)'), COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
            ),
            languages=grouped(
                "SELECT COALESCE(language, '(unknown)'), COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC"
            ),
            corrections=scalar("SELECT COUNT(*) FROM corrections"),
            not_events=len(corrections.retracted(self.conn)),
        )
