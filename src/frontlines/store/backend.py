"""The two database backends behind `Store`: SQLite (the default, one file, no server) and PostgreSQL (a server a
team shares, ``postgresql://...``), with one connection interface (ADR 0020).

The store's SQL is written once, in a neutral dialect that both backends run:

- parameters are ``?`` (PostgreSQL's connection turns them into psycopg's ``%s``, outside quoted text);
- upserts are ``INSERT ... ON CONFLICT (key) DO NOTHING`` / ``DO UPDATE SET c = excluded.c`` (never SQLite's
  ``INSERT OR IGNORE`` / ``OR REPLACE``), a new row's id is ``INSERT ... RETURNING id`` (never ``lastrowid``);
- functions are the ones both have (``COALESCE``, ``substr``, ``length``, ``lower``, ``replace``, ``MAX``...),
  JSON is stored as TEXT and read in Python (no JSON functions);
- identifiers that PostgreSQL reserves are quoted (``"end"``); ``ORDER BY rowid`` is insertion order on both
  (see below), and a table's rows are read by naming their columns (``SELECT *`` shows PostgreSQL's extra
  ``rowid``);
- DDL (migrations only) writes types in capitals, ``TEXT``, ``INTEGER``, ``REAL``, ``INTEGER PRIMARY KEY`` for
  an id the database assigns: :func:`postgres_ddl` maps them to ``TEXT COLLATE "C"`` (SQLite's byte order, so
  listings sort alike), ``BIGINT``, ``DOUBLE PRECISION`` and an identity, and gives every table without an
  ``INTEGER PRIMARY KEY`` an identity column ``rowid``, as SQLite gives every table one.

Transactions are :meth:`Connection.transaction`: one writer at a time on both backends (SQLite's BEGIN
IMMEDIATE; on PostgreSQL a transaction-scoped advisory lock of the store's schema), readers never wait. Both
wait up to :data:`LOCK_SECONDS` for the writer before them, then fail with one of :attr:`Connection.failures`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import sqlite3
import urllib.parse
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

LOCK_SECONDS = 30.0  # how long a write waits for the one before it (SQLite's busy timeout, PostgreSQL's lock)
SERVER_SCHEMES = ("postgresql://", "postgres://")


class NoDatabase(FileNotFoundError):
    """A command that only reads was given a database where there is none (nothing is created)."""


class NotADatabase(ValueError):
    """The file at the database path is not an SQLite database."""


class Unreachable(ConnectionError):
    """The database server cannot be reached or refused the connection (the message names it, no password)."""


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(ABC):
    """One connection to a store's database. Rows read by either backend are indexed by position and by
    column name, and ``dict(row)`` maps names to values (sqlite3.Row's interface)."""

    kind: str  # "sqlite" or "postgresql"
    failures: tuple[type[BaseException], ...]  # the database itself failed: unreachable, locked, full

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor: ...

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None: ...

    @abstractmethod
    def transaction(self) -> Any:
        """A context manager: one write transaction, committed at its end, rolled back on any error."""

    @abstractmethod
    def ddl(self, statement: str) -> str:
        """A migration's statement (neutral dialect) as this backend runs it."""

    @abstractmethod
    def has_table(self, name: str) -> bool: ...

    @abstractmethod
    def close(self) -> None: ...


def is_server(address: str | Path) -> bool:
    """Whether ``address`` names a database server (a ``postgresql://`` URL) rather than an SQLite file."""
    return str(address).startswith(SERVER_SCHEMES)


def redact(address: str) -> str:
    """The address as it may be shown: a URL's password replaced by ``***``."""
    if not is_server(address):
        return address
    parts = urllib.parse.urlsplit(address)
    if parts.password is None:
        return address
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def connect(address: str | Path, *, create: bool = True) -> Connection:
    """A connection to the database at ``address``: a ``postgresql://`` URL, or an SQLite file (created, with
    its folder, unless ``create`` is False: then a missing file raises NoDatabase)."""
    address = str(address)
    if is_server(address):
        return PostgresConnection.open(address)
    return SqliteConnection.open(address, create=create)


# ------------------------------------------------------------------------------------------------- SQLite


class SqliteConnection(Connection):
    kind = "sqlite"
    failures = (sqlite3.OperationalError,)

    def __init__(self, raw: sqlite3.Connection) -> None:
        self.raw = raw

    @classmethod
    def open(cls, path: str, *, create: bool = True) -> SqliteConnection:
        if path == ":memory:":
            raw = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        elif create:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            raw = sqlite3.connect(path, isolation_level=None, timeout=LOCK_SECONDS, check_same_thread=False)
        else:
            if not Path(path).is_file():
                raise NoDatabase(f"no database at {path}")
            uri = "file:" + urllib.parse.quote(str(Path(path).resolve())) + "?mode=rw"
            try:  # mode=rw: never creates the file, even if it vanished since the check above
                raw = sqlite3.connect(
                    uri, uri=True, isolation_level=None, timeout=LOCK_SECONDS, check_same_thread=False
                )
            except sqlite3.OperationalError as exc:
                raise NoDatabase(f"no database at {path} ({exc})") from exc
        try:
            raw.row_factory = sqlite3.Row
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("PRAGMA synchronous=NORMAL")
            raw.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raw.close()
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            raise NotADatabase(f"{path} is not a frontlines database ({exc})") from exc
        return cls(raw)

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor:
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None:
        self.raw.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[SqliteConnection]:
        self.raw.execute("BEGIN IMMEDIATE")  # the write lock now, not at the first write: no deadlock
        try:
            yield self
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        self.raw.execute("COMMIT")

    def ddl(self, statement: str) -> str:
        return statement  # the neutral dialect's DDL is SQLite's

    def has_table(self, name: str) -> bool:
        found = self.raw.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return found.fetchone() is not None

    def close(self) -> None:
        self.raw.close()


# --------------------------------------------------------------------------------------------- PostgreSQL


class Row:
    """A PostgreSQL row read by position or by column name, like sqlite3.Row."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._index[key] if isinstance(key, str) else key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=False))!r})"


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    index = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, index)


@functools.lru_cache(maxsize=2048)
def to_pyformat(sql: str) -> str:
    """The neutral dialect's ``?`` parameters as psycopg's ``%s`` (``?`` inside quotes is left alone, and every
    ``%`` is doubled, as psycopg reads ``%`` everywhere in a query given parameters)."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if ch == "%":
            out.append("%%")
            continue
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            ch = "%s"
        out.append(ch)
    return "".join(out)


_PG_TYPES = (
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b(?! GENERATED)"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
)


def postgres_ddl(statement: str) -> str:
    """A migration's statement (neutral dialect: SQLite's DDL, types in capitals) as PostgreSQL runs it."""
    out = statement
    for pattern, replacement in _PG_TYPES:
        out = pattern.sub(replacement, out)
    create_table = re.match(r"\s*CREATE TABLE\b", statement)
    if create_table and "INTEGER PRIMARY KEY" not in statement:
        body = out.rstrip()
        if not body.endswith(")"):
            raise ValueError(f"a CREATE TABLE statement must end with its column list: {statement[:80]!r}")
        out = body[:-1].rstrip() + ",\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY\n)"
    return out


def storable(params: Sequence[Any]) -> tuple[Any, ...]:
    """Parameters as PostgreSQL can store them: its text cannot hold U+0000, which becomes U+FFFD (the
    replacement character; ingest removes NUL from texts already, so only a stray one in a name gets here)."""
    return tuple(
        value.replace("\x00", "\ufffd") if isinstance(value, str) and "\x00" in value else value
        for value in params
    )


class PostgresConnection(Connection):
    kind = "postgresql"

    def __init__(self, raw: Any, lock_key: int) -> None:
        import psycopg

        self.raw = raw
        self.lock_key = lock_key
        self.failures = (psycopg.OperationalError, psycopg.InterfaceError)
        self.pipelined = psycopg.Pipeline.is_supported()  # libpq 14 or later (the binary wheels bring it)

    @classmethod
    def open(cls, url: str) -> PostgresConnection:
        try:
            import psycopg
        except ImportError as exc:  # the optional extra is not installed
            raise Unreachable(
                "a postgresql:// database needs psycopg: pip install 'frontlines[postgresql]'"
            ) from exc
        try:
            raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise Unreachable(f"cannot connect to {redact(url)}: {reason}") from exc
        try:
            raw.execute("SELECT set_config('lock_timeout', %s, false)", (f"{int(LOCK_SECONDS * 1000)}ms",))
            found = raw.execute("SELECT current_schema()").fetchone()
        except BaseException:
            raw.close()
            raise
        schema = found[0] if found is not None else None
        if schema is None:
            raw.close()
            raise Unreachable(f"{redact(url)}: no schema of its search_path exists (CREATE SCHEMA it first)")
        digest = hashlib.sha256(f"frontlines:{schema}".encode()).digest()
        return cls(raw, int.from_bytes(digest[:8], "big", signed=True))

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Cursor:
        cursor: Cursor = self.raw.execute(to_pyformat(sql), storable(params))
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]], /) -> None:
        with self.raw.cursor() as cursor:
            cursor.executemany(to_pyformat(sql), [storable(row) for row in rows])

    @contextmanager
    def transaction(self) -> Iterator[PostgresConnection]:
        """The transaction's statements are pipelined: sent without waiting for each answer (a read waits for
        the answers before it), so a write of several statements is about one round trip to the server, and
        an error is raised at the latest when the block ends, before anything is committed."""
        try:
            with self.raw.pipeline() if self.pipelined else contextlib.nullcontext():
                self.raw.execute("BEGIN")
                # One writer at a time, as on SQLite: every transaction's reads and writes act as if alone.
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (self.lock_key,))
                yield self
                self.raw.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(*self.failures):  # a connection that is gone: the error says why
                self.raw.execute("ROLLBACK")
            raise

    def ddl(self, statement: str) -> str:
        return postgres_ddl(statement)

    def has_table(self, name: str) -> bool:
        found = self.raw.execute("SELECT to_regclass(%s)", (name,)).fetchone()
        return found is not None and found[0] is not None

    def close(self) -> None:
        self.raw.close()
