"""The store on either backend, as a team uses it: two processes writing at once lose nothing, and the CLI runs
its whole round (ingest, extract, events, corrections, export, control) with ``--db`` an SQLite file or a
``postgresql://`` URL. Each test runs once per backend (the `database` fixture, tests/conftest.py)."""

from __future__ import annotations

import csv
import json
import multiprocessing
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import HandEvent, hand_records, query
from frontlines.cli import app
from frontlines.store import Store, Unreachable
from frontlines.store.backend import redact

runner = CliRunner()
REPORTS = 24
MARKED = range(0, REPORTS, 6)  # the analyst also marks these as not an event


def _reports() -> list[tuple[Any, Any]]:
    places = ("Tal Sheikh", "Nubl", "Khan Tuman", "Hajin")
    return [
        hand_records(HandEvent(f"{i:04d}" + "c" * 16, location=places[i % 4], fatalities=i % 3))
        for i in range(REPORTS)
    ]


def _extraction(db: str, started: Any, analyst_done: Any, rounds: Any) -> None:
    """Re-extract every report, over and over while the analyst works, then once more."""
    reports = _reports()
    with Store.open(db) as store:
        n = 0
        while True:
            last = analyst_done.is_set() and n >= 2
            for doc, event in reports:
                store.replace_events(doc, [event], f"v{n}")
            started.set()
            n += 1
            if last:
                break
    rounds.value = n


def _analyst(db: str, started: Any, analyst_done: Any) -> None:
    """Correct every report's event (fatalities) and mark some as not an event, while extraction runs."""
    reports = _reports()
    started.wait(timeout=120)
    with Store.open(db) as store:
        for i, (_doc, event) in enumerate(reports):
            store.add_correction(event.event_id, "fatalities", 100 + i, author="rima", note="from the morgue")
            if i in MARKED:
                store.mark_not_an_event(event.event_id, author="rima", note="a rumour")
    analyst_done.set()


def test_an_extraction_and_an_analysts_corrections_at_once_lose_nothing(database: str) -> None:
    with Store.open(database) as store:
        for doc, event in _reports():
            store.add_document(doc)
            store.replace_events(doc, [event], "v-first")
    ctx = multiprocessing.get_context("spawn")  # fresh interpreters: no connection or lock state is shared
    started, analyst_done, rounds = ctx.Event(), ctx.Event(), ctx.Value("i", 0)
    children = [
        ctx.Process(target=_extraction, args=(database, started, analyst_done, rounds)),
        ctx.Process(target=_analyst, args=(database, started, analyst_done)),
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=300)
    assert [child.exitcode for child in children] == [0, 0]
    assert rounds.value >= 3  # extraction ran before, while and after the analyst wrote
    with Store.open(database) as store:
        records = {r["event_id"]: r for r in store.events(include_retracted=True)}
        assert len(records) == REPORTS
        for i, (_doc, event) in enumerate(_reports()):
            row = records[event.event_id]
            assert row["fatalities"] == 100 + i and row["corrected"] == ["fatalities"]
            assert row.get("not_an_event", False) == (i in MARKED)
        assert store.stats().corrections == REPORTS + len(MARKED)
        assert store.pending_extraction(f"v{rounds.value - 1}") == []
    [(evidence,)] = query(database, "SELECT COUNT(*) FROM evidence")
    assert evidence == 2 * REPORTS  # no extraction left half a document behind (sentence, place per event)


# -------------------------------------------------------------------------------------------------- the CLI

REPO = Path(__file__).resolve().parents[1]
DEMO = [
    REPO / "demo" / "corpus" / "text" / name
    for name in ("04-khalsa-army-claim.txt", "05-khalsa-rebel-claim.txt")
]


def run(db: str, *args: str, code: int = 0) -> Result:
    result = runner.invoke(app, ["--db", db, *args], env={"COLUMNS": "200"})
    assert result.exit_code == code, (
        f"frontlines {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    )
    return result


def cli_round(db: str, out: Path) -> dict[str, Any]:
    """Every command of a team's day on the database ``db``; what each answered (ids and paths as given)."""
    run(db, "ingest", *map(str, DEMO))
    run(db, "extract")
    events = json.loads(run(db, "events", "-f", "json").stdout)
    capture = next(e["event_id"] for e in events if e["sub_event_type"] == "Government regains territory")
    run(db, "correct", capture[:8], "fatalities", "3", "--author", "rima", "--note", "checked")
    strike = next(e["event_id"] for e in events if e["sub_event_type"] == "Air/drone strike")
    run(db, "retract", strike[:8], "--author", "rima", "--note", "a rumour")
    out.mkdir(parents=True, exist_ok=True)
    run(db, "export", "--format", "acled-csv", "--out", str(out / "acled.csv"))
    with (out / "acled.csv").open(encoding="utf-8", newline="") as fh:
        exported = list(csv.DictReader(fh))
    stats = json.loads(run(db, "stats", "-f", "json").stdout)[0]
    return {
        "documents": [d["id"] for d in json.loads(run(db, "documents", "-f", "json").stdout)],
        "events": json.loads(run(db, "events", "-f", "json").stdout),
        "history": [
            {k: v for k, v in change.items() if k != "time"}
            for change in json.loads(run(db, "history", capture, "-f", "json").stdout)
        ],
        "exported": [{k: v for k, v in row.items() if k != "timestamp"} for row in exported],
        "control": json.loads(run(db, "control", "--at", "2016-06-12", "-f", "json").stdout),
        "clusters": json.loads(run(db, "clusters", "-f", "json").stdout),
        "stats": {k: v for k, v in stats.items() if k not in ("database", "settings", "seconds")},
        "capture": capture,
        "strike": strike,
    }


def test_the_cli_runs_its_whole_round_on_either_backend(database: str, tmp_path: Path) -> None:
    answers = cli_round(database, tmp_path / "out")
    assert len(answers["documents"]) == 2
    events = {e["event_id"]: e for e in answers["events"]}
    assert answers["strike"] not in events  # retracted: hidden
    assert events[answers["capture"]]["fatalities"] == 3
    assert [(h["field"], h["new"], h["author"]) for h in answers["history"]] == [("fatalities", 3, "rima")]
    assert len(answers["exported"]) == len(events)
    khalsa = [p for p in answers["control"] if p["place_id"] == "C8046"]
    assert khalsa and answers["capture"] in {c["event_id"] for c in khalsa[0]["claims"]}
    assert (answers["stats"]["documents"], answers["stats"]["corrections"]) == (2, 2)


def test_both_backends_give_the_same_answers(pg_server: str, tmp_path: Path) -> None:
    from conftest import pg_schema

    on_sqlite = cli_round(str(tmp_path / "same.db"), tmp_path / "sqlite")
    schemas = pg_schema(pg_server)
    url = next(schemas)
    try:
        on_postgresql = cli_round(url, tmp_path / "postgresql")
    finally:
        schemas.close()
    for what in on_sqlite:
        assert on_postgresql[what] == on_sqlite[what], what


def test_a_read_only_command_on_an_empty_database_says_so_and_creates_nothing(database: str) -> None:
    assert "nothing has been ingested there" in run(database, "events", code=2).stderr
    if database.startswith("postgresql"):
        [(tables,)] = _server_tables(database)
        assert tables == 0
    else:
        assert not Path(database).exists()


def _server_tables(url: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return list(conn.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()"))


def test_an_unreachable_server_is_a_clear_error_without_the_password(pg_server: str) -> None:
    url = "postgresql://analyst:s3cret@127.0.0.1:1/frontlines"  # port 1: nothing listens there
    started = time.monotonic()
    result = runner.invoke(app, ["--db", url, "events"])
    assert result.exit_code == 2
    assert "cannot connect to postgresql://analyst:***@127.0.0.1:1/frontlines" in result.stderr
    assert "s3cret" not in result.output
    assert time.monotonic() - started < 30
    with pytest.raises(Unreachable):
        Store.open(url)
    assert redact(url) == "postgresql://analyst:***@127.0.0.1:1/frontlines"


def test_a_writer_kept_waiting_too_long_fails_with_a_database_failure(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other writer's lock outlasts the wait: an error the workflow stops on (Store.failures), not one it
    records against a document; once the lock is gone, writing works."""
    from frontlines.records import IngestProblem

    monkeypatch.setattr("frontlines.store.backend.LOCK_SECONDS", 0.3)
    problem = IngestProblem("a.png", "binary", "binary file")
    with Store.open(database) as holder, Store.open(database) as waiter:
        with holder.conn.transaction():
            holder.conn.execute("SELECT COUNT(*) FROM ingest_problems").fetchall()  # the lock is held by now
            started = time.monotonic()
            with pytest.raises(waiter.failures):
                waiter.add_problem(problem)
            assert time.monotonic() - started < 10
        waiter.add_problem(problem)
        assert [p["source_uri"] for p in waiter.problems()] == ["a.png"]
