"""Migrations as a specification: a migration is applied when the database has not recorded its number, even
if higher numbers are recorded (branches number their migrations ahead of the ones merged later), and never
twice."""

from __future__ import annotations

import sqlite3

import pytest

from frontlines.store import Store
from frontlines.store.migrations import MIGRATIONS, Migration, applied_versions, migrate


def test_numbers_may_have_gaps() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == sorted(set(versions))  # increasing, no number twice
    with Store.open(":memory:") as store:
        assert applied_versions(store.conn) == set(versions)
        assert store.schema_version() == versions[-1]


def test_a_migration_numbered_below_an_applied_one_is_applied_later(monkeypatch: pytest.MonkeyPatch) -> None:
    first = Migration(1, "one", ("CREATE TABLE one (x INTEGER)",))
    third = Migration(3, "three", ("CREATE TABLE three (x INTEGER)",))
    second = Migration(2, "merged later", ("CREATE TABLE two (x INTEGER)",))
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        monkeypatch.setattr("frontlines.store.migrations.MIGRATIONS", (first, third))
        assert migrate(conn) == [1, 3]
        monkeypatch.setattr("frontlines.store.migrations.MIGRATIONS", (first, second, third))
        assert migrate(conn) == [2]
        assert migrate(conn) == []  # never twice
        assert applied_versions(conn) == {1, 2, 3}
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'two'").fetchone()
    finally:
        conn.close()
