"""Schema migrations, recorded in the database and each applied in its own transaction (as sqlite-utils does),
on either backend (SQLite or PostgreSQL, store/backend.py) with the same numbers.

A migration is a numbered list of SQL statements. `migrate` applies the ones a database has not seen, in
order, and records each in `schema_migrations` in the same transaction, so a crash leaves the schema either
before or after a migration, never half-way. Never edit a released migration: add a new one.

"Not seen" is by number, not by the highest number applied: branches developed side by side add migrations
whose numbers may land out of order (6 before 4), and a database that has 6 still gets 4 when it arrives. A
migration must therefore not depend on another one with a higher number.

Writing a migration (one text for both backends; docs/decisions/0020 has the details):

- write SQLite's DDL with types in capitals: ``TEXT``, ``INTEGER``, ``REAL``, and ``id INTEGER PRIMARY KEY``
  for an id the database assigns. PostgreSQL gets ``TEXT COLLATE "C"``, ``BIGINT``, ``DOUBLE PRECISION`` and an
  identity, and every table without an ``INTEGER PRIMARY KEY`` gets an identity column ``rowid`` (as SQLite's
  tables have one), so ``ORDER BY rowid`` means insertion order on both;
- ``CREATE INDEX``, ``ALTER TABLE ... ADD COLUMN``, ``REFERENCES ... ON DELETE CASCADE``, ``UNIQUE``, ``CHECK``
  and ``DEFAULT`` are the same on both; quote a column name that PostgreSQL reserves (``"end"``);
- no SQLite-only statements (``PRAGMA``, ``WITHOUT ROWID``, ``AUTOINCREMENT``, virtual tables) and no
  PostgreSQL-only ones; add the migration to MIGRATIONS and run the store tests, which run on both backends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from frontlines.store.backend import Connection


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents, sources, problems, events, evidence, places, corrections",
        (
            # One row per distinct report (id = sha256 of its normalised text).
            """CREATE TABLE documents (
                id TEXT PRIMARY KEY,
                text TEXT NOT NULL,
                title TEXT,
                outlet TEXT,
                url TEXT,
                published TEXT,
                published_source TEXT,
                language TEXT,
                external_id TEXT,
                fmt TEXT NOT NULL,
                meta TEXT NOT NULL DEFAULT '{}',
                source_uri TEXT NOT NULL,
                ingested_at TEXT NOT NULL
            )""",
            # Every place a document was seen: copies of one report from several files/outlets.
            """CREATE TABLE document_sources (
                doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                source_uri TEXT NOT NULL,
                outlet TEXT,
                url TEXT,
                first_seen TEXT NOT NULL,
                PRIMARY KEY (doc_id, source_uri)
            )""",
            # Why an input (or part of one) was not ingested, or a warning about a stored document.
            """CREATE TABLE ingest_problems (
                id INTEGER PRIMARY KEY,
                source_uri TEXT NOT NULL,
                kind TEXT NOT NULL,
                reason TEXT NOT NULL,
                fatal INTEGER NOT NULL,
                doc_id TEXT,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                times_seen INTEGER NOT NULL DEFAULT 1,
                UNIQUE (source_uri, kind, reason)
            )""",
            # Which documents the current pipeline has processed: a crashed run resumes from here.
            """CREATE TABLE extractions (
                doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
                pipeline_version TEXT NOT NULL,
                extracted_at TEXT NOT NULL,
                n_events INTEGER NOT NULL
            )""",
            # One row per event claimed by one report. Flat columns for querying, `record` for the full
            # detail.
            """CREATE TABLE events (
                event_id TEXT PRIMARY KEY,
                doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                event_type TEXT NOT NULL,
                sub_event_type TEXT NOT NULL,
                event_date TEXT,
                date_precision INTEGER NOT NULL,
                date_offset_days INTEGER,
                actor1_id TEXT,
                actor1 TEXT,
                actor2_id TEXT,
                actor2 TEXT,
                location TEXT NOT NULL,
                place_id TEXT,
                place_name TEXT,
                admin1 TEXT,
                latitude REAL,
                longitude REAL,
                geo_precision INTEGER,
                fatalities INTEGER,
                source_chain TEXT NOT NULL,
                confidence REAL NOT NULL,
                record TEXT NOT NULL
            )""",
            "CREATE INDEX events_doc ON events(doc_id)",
            "CREATE INDEX events_place ON events(place_id)",
            "CREATE INDEX events_date ON events(event_date)",
            # The characters that support each field of an event.
            """CREATE TABLE evidence (
                event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
                field TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL
            )""",
            "CREATE INDEX evidence_event ON evidence(event_id)",
            # Places users added (`frontlines places add`, `frontlines gazetteer load`); they win over
            # package data.
            """CREATE TABLE user_places (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                record TEXT NOT NULL,
                origin TEXT NOT NULL,
                added_at TEXT NOT NULL
            )""",
            # Analyst corrections: kept apart from machine output and applied on read, so re-runs never
            # erase them.
            """CREATE TABLE corrections (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL,
                field TEXT NOT NULL,
                value TEXT NOT NULL,
                author TEXT,
                note TEXT,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX corrections_event ON corrections(event_id)",
        ),
    ),
    Migration(
        2,
        "corrections: the value before, and the field whose correction brought this one along",
        (
            # JSON of the value the analyst saw before the correction (NULL: recorded before this migration).
            "ALTER TABLE corrections ADD COLUMN old_value TEXT",
            # The field the analyst corrected when this row came along with it (a place id brings its
            # coordinates); NULL when the analyst set this field.
            "ALTER TABLE corrections ADD COLUMN via TEXT",
        ),
    ),
    Migration(
        3,
        "extraction claims (a lease per document, shared by concurrent extract runs); problems by document",
        (
            # Which `extract` process is working on a document, until when (seconds since the epoch); see
            # store/claims.py. A row lives only while a run works on the document.
            """CREATE TABLE extraction_claims (
                doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
                holder TEXT NOT NULL,
                claimed_at REAL NOT NULL,
                expires_at REAL NOT NULL
            )""",
            "CREATE INDEX extraction_claims_holder ON extraction_claims(holder)",
            # A document's stage errors are cleared when it is extracted: found by document.
            "CREATE INDEX ingest_problems_doc ON ingest_problems(doc_id)",
        ),
    ),
    Migration(
        4,
        "fusion: the machine's clusters, copies among reports, fusion runs, analysts' cluster corrections",
        (
            # The machine's incidents, as the last `frontlines fuse` (or `extract`) left them: the cluster of
            # each event. Replaced whole by each run; no foreign key, since re-extraction replaces events.
            """CREATE TABLE cluster_members (
                event_id TEXT PRIMARY KEY,
                cluster_id TEXT NOT NULL
            )""",
            "CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id)",
            # Reports that are copies of another (syndicated, republished): they add no independent source.
            """CREATE TABLE document_copies (
                doc_id TEXT PRIMARY KEY,
                original_id TEXT NOT NULL,
                containment REAL NOT NULL
            )""",
            # When fusion ran and what it found.
            """CREATE TABLE fusion_runs (
                id INTEGER PRIMARY KEY,
                fused_at TEXT NOT NULL,
                events INTEGER NOT NULL,
                clusters INTEGER NOT NULL,
                multi_report INTEGER NOT NULL,
                seconds REAL NOT NULL
            )""",
            # Analysts' merges and splits of clusters, kept apart and replayed on read (oldest first), keyed
            # by event ids so that they survive re-extraction and re-fusion.
            """CREATE TABLE cluster_corrections (
                id INTEGER PRIMARY KEY,
                action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
                event_id TEXT NOT NULL,
                other_event_id TEXT,
                cluster_id TEXT NOT NULL,
                other_cluster_id TEXT,
                author TEXT,
                note TEXT,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX cluster_corrections_event ON cluster_corrections(event_id)",
        ),
    ),
    Migration(
        5,
        "holder settings (analysts set a place's holder from a date); events by sub-event type",
        (
            # An analyst's statement that a place is held by an actor or side (or contested, or of unknown
            # holder) from a date: kept apart from machine output, applied on read by frontlines.control, so
            # re-extraction never erases it. The place's facts are copied from the gazetteer when it is set.
            """CREATE TABLE holder_settings (
                id INTEGER PRIMARY KEY,
                place_id TEXT NOT NULL,
                place_name TEXT NOT NULL,
                admin1 TEXT,
                latitude REAL,
                longitude REAL,
                start_date TEXT NOT NULL,
                status TEXT NOT NULL,
                holder_id TEXT,
                holder_name TEXT,
                holder_side TEXT,
                author TEXT,
                note TEXT,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX holder_settings_place ON holder_settings(place_id)",
            # The control stage reads territory and fighting events by their sub-event type.
            "CREATE INDEX events_sub_event_type ON events(sub_event_type)",
        ),
    ),
    Migration(
        6,
        "slant: the spans of propaganda techniques of each report, and the tone of the labels of event actors",
        (
            # The slant stage ran on this document (with this model and data version) and counted its words
            # (for rates per 1,000 words). No row: extracted with the `slant` setting off, or not yet.
            """CREATE TABLE slant_documents (
                doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
                words INTEGER NOT NULL,
                version TEXT NOT NULL
            )""",
            # Every span the slant stage found in a document: text[start:end] uses technique (PTC's names).
            """CREATE TABLE slant_spans (
                doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                technique TEXT NOT NULL,
                start INTEGER NOT NULL,
                "end" INTEGER NOT NULL,
                text TEXT NOT NULL,
                score REAL NOT NULL,
                rule TEXT NOT NULL
            )""",
            "CREATE INDEX slant_spans_doc ON slant_spans(doc_id)",
            # The words an event's report gives each side, with their tone in the labels table (NULL: unknown).
            """CREATE TABLE event_labels (
                event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
                doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                label TEXT NOT NULL,
                tone TEXT,
                rule TEXT NOT NULL,
                PRIMARY KEY (event_id, role)
            )""",
            "CREATE INDEX event_labels_doc ON event_labels(doc_id)",
        ),
    ),
    Migration(
        7,
        "the REST API's event listing: events by date and id, newest first (keyset pages)",
        (
            # `GET /api/events` lists events by (event date or '', event id), descending, a page starting
            # after the last key of the page before (store/listing.py): this index gives that order and the
            # page without a sort, date ranges without a scan, and holds the columns the other filters read,
            # so that a count scans the index, never the rows (with their JSON records).
            "CREATE INDEX events_listing ON events(COALESCE(event_date, ''), event_id, sub_event_type, admin1,"
            " longitude, latitude, actor1_id, actor2_id, actor1, actor2, source_chain, doc_id)",
            # A governorate or a sub-event type, then the listing's order: their pages and counts are ranges.
            "CREATE INDEX events_admin1_listing ON events(admin1, COALESCE(event_date, ''), event_id,"
            " sub_event_type, longitude, latitude, actor1_id, actor2_id, actor1, actor2)",
            "CREATE INDEX events_type_listing ON events(sub_event_type, COALESCE(event_date, ''), event_id, admin1,"
            " longitude, latitude, actor1_id, actor2_id, actor1, actor2)",
            # A source filter also matches the report's outlet: the reports of an outlet, without reading texts.
            "CREATE INDEX documents_outlet ON documents(outlet)",
        ),
    ),
)


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """One write transaction (see Connection.transaction): committed at the end of the block, rolled back on any
    error. Only one writer at a time, on either backend."""
    with conn.transaction():
        yield conn


def current_version(conn: Connection) -> int:
    """The highest migration applied (0 for a new database)."""
    return max(applied_versions(conn), default=0)


_MIGRATIONS_TABLE = (
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


def applied_versions(conn: Connection) -> set[int]:
    """The migrations this database has seen. Not only the highest: numbers may have gaps (a migration
    numbered below one already applied, added by a branch merged later, is still applied)."""
    if not conn.has_table("schema_migrations"):
        with transaction(conn):
            if not conn.has_table("schema_migrations"):  # another process may have made it meanwhile
                conn.execute(conn.ddl(_MIGRATIONS_TABLE))
    return {int(row[0]) for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: Connection, migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Apply pending migrations (default: MIGRATIONS), in order of their numbers, each in its own transaction.
    A migration is pending when this database has not recorded its number, whatever higher numbers it has.
    Returns the versions applied."""
    applied: list[int] = []
    for migration in sorted(MIGRATIONS if migrations is None else migrations, key=lambda m: m.version):
        if migration.version in applied_versions(conn):
            continue
        with transaction(conn):
            if migration.version in applied_versions(conn):  # another process got there first
                continue
            for statement in migration.statements:
                conn.execute(conn.ddl(statement))
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
        applied.append(migration.version)
    return applied
