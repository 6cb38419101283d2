"""A crash mid-ingest, as a specification: killing `frontlines ingest` at any point leaves a sound
database, and running the same command again finishes the work, storing every report exactly once.

The command runs as a real process, killed with SIGKILL (no clean-up code of ours runs), while another
connection watches the database read-only; on each backend (an SQLite file, a PostgreSQL schema).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import query

REPORTS = 300
PLACES = ("Khan Tuman", "al-Eis", "Tal Hadiya", "Zitan", "Barna", "Qarassi")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def write_reports(folder: Path) -> None:
    """REPORTS small reports, each a distinct text (the store keys documents by their text)."""
    folder.mkdir()
    for i in range(REPORTS):
        place = PLACES[i % len(PLACES)]
        text = (
            f"Report {i}: fighting near {place}\n\n"
            f"Government troops shelled positions near {place} on day {i} of the offensive, and "
            f"{i % 7 + 2} fighters were killed in the clashes, a field source said.\n"
        )
        (folder / f"report-{i:03d}.txt").write_text(text, encoding="utf-8")


def ingest_command(db: str, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from frontlines.cli import main; main()",
        "--db",
        str(db),
        "ingest",
        str(folder),
    ]


def clean_env() -> dict[str, str]:
    """The test machine's environment without frontlines settings, so only --db decides where data goes."""
    return {k: v for k, v in os.environ.items() if not k.startswith("FRONTLINES_")}


def stored_documents(db: str) -> int:
    """Documents committed so far, read without taking any write lock; 0 before the schema exists."""
    if db.startswith("postgresql"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            if conn.execute("SELECT to_regclass('documents')").fetchone() == (None,):
                return 0
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])  # type: ignore[index]
    if not Path(db).exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1.0)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # no table yet, or the file is being created
        return 0


def scalar(db: str, sql: str) -> object:
    [(value,)] = query(db, sql)
    return value


def sqlite_is_sound(db: str) -> None:
    if db.startswith("postgresql"):
        return  # the server rolls back a killed client's transaction; its pages are its own business
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_a_killed_ingest_leaves_a_sound_database_and_a_rerun_completes_it(
    tmp_path: Path, database: str
) -> None:
    folder, db = tmp_path / "reports", database
    write_reports(folder)

    process = subprocess.Popen(
        ingest_command(db, folder),
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Wait for the first committed document (or for the process to end on its own), then kill it.
        while process.poll() is None and stored_documents(db) == 0:
            pass
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode in (-signal.SIGKILL, 0)  # 0: it finished before the kill landed

    sqlite_is_sound(db)
    stored = int(scalar(db, "SELECT COUNT(*) FROM documents"))  # type: ignore[call-overload]
    assert 1 <= stored <= REPORTS
    # One transaction per document: never a document without its source row, nor a source row alone.
    assert (
        scalar(
            db,
            "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS"
            " (SELECT 1 FROM document_sources s WHERE s.doc_id = d.id)",
        )
        == 0
    )
    assert (
        scalar(
            db,
            "SELECT COUNT(*) FROM document_sources s WHERE NOT EXISTS"
            " (SELECT 1 FROM documents d WHERE d.id = s.doc_id)",
        )
        == 0
    )
    assert scalar(db, "SELECT COUNT(*) FROM document_sources") == stored

    rerun = subprocess.run(
        ingest_command(db, folder), cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{REPORTS - stored} new, {stored} already stored" in rerun.stderr

    sqlite_is_sound(db)
    assert scalar(db, "SELECT COUNT(*) FROM documents") == REPORTS
    assert scalar(db, "SELECT COUNT(DISTINCT source_uri) FROM documents") == REPORTS
    assert scalar(db, "SELECT COUNT(*) FROM document_sources") == REPORTS
    names = {Path(row[0]).name for row in query(db, "SELECT source_uri FROM document_sources")}
    assert names == {f"report-{i:03d}.txt" for i in range(REPORTS)}
