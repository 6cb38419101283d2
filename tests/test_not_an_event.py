"""Marking an event as not an event, as a specification: `retract` keeps a row with its author, note and time
apart from the machine's output; every reader applies it (the events listing, every export format, fusion's
clusters, control, unresolved places); `history` shows it; `restore` undoes it; re-extraction never erases
it; an unknown event is refused with nothing written. Events are written by hand (conftest.HandEvent); one
test runs the real pipeline through `extract --force`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from conftest import HandEvent, query, store_events
from frontlines.cli import app
from frontlines.store import Store

runner = CliRunner()
GOV = ("syria-military", "Military Forces of Syria")
IS = ("islamic-state", "Islamic State")
CAPTURE, RELAY, SHELLING = "a1" * 10, "b2" * 10, "c3" * 10


def run(db: str | Path, *args: str, code: int = 0, columns: int = 200) -> Result:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": str(columns)})
    assert result.exit_code == code, (
        f"frontlines {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    )
    return result


def listed(db: str | Path, *args: str) -> dict[str, dict[str, Any]]:
    return {e["event_id"]: e for e in json.loads(run(db, "events", "-f", "json", *args).stdout)}


def correction_rows(db: str | Path) -> list[tuple[Any, ...]]:
    return query(db, "SELECT event_id, field, value, old_value, author, note FROM corrections ORDER BY id")


@pytest.fixture
def db(events_db: Callable[..., str]) -> str:
    """SANA says the army took Tal Sheikh from the Islamic State; Press TV relays SANA; a third report, of
    shelling at a place the gazetteer lacks."""
    path = events_db(
        HandEvent(CAPTURE, actor2=IS, outlet="SANA", source_chain=("SANA",)),
        HandEvent(RELAY, actor2=IS, outlet="Press TV", source_chain=("SANA", "Press TV")),
        HandEvent(
            SHELLING,
            location="Kafr Nowhere",
            place_id=None,
            latitude=None,
            longitude=None,
            admin1=None,
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            event_date="2016-03-01",
        ),
    )
    run(path, "fuse")
    return path


# ------------------------------------------------------------------------------------------- listings


def test_a_retracted_event_is_hidden_from_events_and_shown_flagged_on_request(db: str | Path) -> None:
    result = run(db, "retract", SHELLING[:8], "--note", "quotes a 2013 battle", "--author", "rima")
    assert f"retracted {SHELLING}" in result.stderr
    assert set(listed(db)) == {CAPTURE, RELAY}
    everything = listed(db, "--include-retracted")
    assert {k: v["not_an_event"] for k, v in everything.items()} == {
        CAPTURE: False,
        RELAY: False,
        SHELLING: True,
    }
    rows = list(csv.DictReader(run(db, "events", "-f", "csv", "--include-retracted").stdout.splitlines()))
    assert {r["event_id"]: r["not_an_event"] for r in rows}[SHELLING] == "True"
    table = run(db, "events", "--include-retracted").stdout
    assert table.count("(not an event)") == 1
    assert "(not an event)" not in run(db, "events").stdout


def test_the_store_hides_it_from_its_readers_and_counts_it(db: str | Path) -> None:
    run(db, "retract", SHELLING, "--note", "not news")
    run(db, "fuse")  # fuses the two others: the retracted one is not waiting for fusion
    with Store.open(db) as store:
        assert [e["event_id"] for e in store.events()] == [CAPTURE, RELAY]
        assert [e["event_id"] for e in store.events(include_retracted=True)] == [CAPTURE, RELAY, SHELLING]
        assert store.unresolved_places() == []  # its place is no longer a place to look up
        assert (store.stats().events, store.stats().not_events) == (3, 1)
        assert store.unfused_events() == 0


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "parquet"])
def test_a_retracted_event_is_not_exported(db: str | Path, tmp_path: Path, fmt: str) -> None:
    run(db, "retract", RELAY, "--note", "a copy, not a report")
    out = tmp_path / f"events.{fmt}"
    assert "exported 2 of 2 events" in run(db, "export", "--format", fmt, "--out", str(out)).stderr
    if fmt == "acled-csv":
        with out.open(encoding="utf-8", newline="") as fh:
            ids = {r["event_id_cnty"][3:] for r in csv.DictReader(fh)}
    elif fmt == "geojson":
        ids = {f["properties"]["event_id"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]}
    else:
        ids = set(pq.read_table(out).column("event_id").to_pylist())
    assert ids == {CAPTURE, SHELLING}


# ------------------------------------------------------------------------------------- fusion, control


def claims_of(db: str | Path) -> list[list[str]]:
    rows = [json.loads(line) for line in run(db, "clusters", "-f", "jsonl").stdout.splitlines()]
    return sorted(sorted(claim["event_id"] for claim in row["claims"]) for row in rows)


def test_a_retracted_event_is_no_claim_of_any_cluster(db: str | Path) -> None:
    assert claims_of(db) == [[CAPTURE, RELAY], [SHELLING]]
    run(db, "retract", RELAY, "--note", "Press TV misdated it")
    assert claims_of(db) == [[CAPTURE], [SHELLING]]  # applied on read, before any new fusion
    result = run(db, "fuse")
    assert "2 incidents" in result.stderr
    assert claims_of(db) == [[CAPTURE], [SHELLING]]
    assert "since the last fusion" not in run(db, "clusters").stderr


def holders_at(db: str | Path, date: str) -> dict[str, Any]:
    rows = json.loads(run(db, "control", "--at", date, "-f", "json").stdout)
    return {row["place_name"]: (row["holder"], [c["event_id"] for c in row["claims"]]) for row in rows}


def test_a_retracted_territory_event_decides_nothing_and_restore_brings_it_back(db: str | Path) -> None:
    assert holders_at(db, "2016-03-01")["Tal Sheikh"] == ("Military Forces of Syria", [CAPTURE, RELAY])
    run(db, "retract", RELAY, "--note", "relay")
    assert holders_at(db, "2016-03-01")["Tal Sheikh"] == ("Military Forces of Syria", [CAPTURE])
    run(db, "retract", CAPTURE, "--note", "SANA retracted the story")
    assert "Tal Sheikh" not in holders_at(db, "2016-03-01")
    assert (
        "no control claims or settings about 'geonames:1'" in run(db, "timeline", "geonames:1", code=2).stderr
    )
    run(db, "restore", CAPTURE, "--note", "confirmed by SOHR")
    assert holders_at(db, "2016-03-01")["Tal Sheikh"] == ("Military Forces of Syria", [CAPTURE])
    assert set(listed(db)) == {CAPTURE, SHELLING}


# -------------------------------------------------------------------------------------- history, undo


def test_history_shows_the_mark_and_its_undoing_with_author_note_and_time(db: str | Path) -> None:
    run(db, "retract", CAPTURE, "--note", "quotes a 2013 battle", "--author", "rima")
    run(db, "restore", CAPTURE, "--note", "a new battle", "--author", "omar")
    rows = json.loads(run(db, "history", CAPTURE, "-f", "json").stdout)
    assert [(r["field"], r["old"], r["new"], r["author"], r["note"]) for r in rows] == [
        ("not_an_event", False, True, "rima", "quotes a 2013 battle"),
        ("not_an_event", True, False, "omar", "a new battle"),
    ]
    assert all(r["time"].startswith("20") and "T" in r["time"] for r in rows)
    assert "quotes a 2013 battle" in run(db, "history", CAPTURE, columns=80).stdout
    assert set(listed(db)) == {CAPTURE, RELAY, SHELLING}
    assert listed(db)[CAPTURE].get("not_an_event") is None and listed(db)[CAPTURE].get("corrected") is None


def test_marking_twice_or_restoring_an_event_writes_nothing(db: str | Path) -> None:
    assert "nothing to do" in run(db, "restore", CAPTURE).stderr
    run(db, "retract", CAPTURE, "--note", "old news")
    assert "nothing to do" in run(db, "retract", CAPTURE, "--note", "old news again").stderr
    assert len(correction_rows(db)) == 1


def test_a_retracted_event_can_still_be_corrected_and_the_correction_shows_once_restored(
    db: str | Path,
) -> None:
    run(db, "retract", CAPTURE, "--note", "unsure")
    run(db, "correct", CAPTURE, "fatalities", "5")
    assert CAPTURE not in listed(db)
    run(db, "restore", CAPTURE)
    assert (listed(db)[CAPTURE]["fatalities"], listed(db)[CAPTURE]["corrected"]) == (5, ["fatalities"])


# -------------------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("retract", "ffffffffff", "--note", "x"), "no event with id 'ffffffffff'"),
        (("retract", "a1", "--note", "x"), "at least 4 characters"),
        (("retract", CAPTURE, "--note", "  "), "--note is blank"),
        (("restore", "ffffffffff"), "no event with id 'ffffffffff'"),
        (("correct", CAPTURE, "not_an_event", "true"), "frontlines retract"),
    ],
)
def test_a_refused_mark_says_why_exits_2_and_writes_nothing(
    db: str | Path, args: tuple[str, ...], reason: str
) -> None:
    result = run(db, *args, code=2)
    assert reason in " ".join(result.stderr.split())
    assert correction_rows(db) == []
    assert set(listed(db)) == {CAPTURE, RELAY, SHELLING}


def test_retract_without_a_note_is_refused(db: str | Path) -> None:
    assert "--note" in run(db, "retract", CAPTURE, code=2).output
    assert correction_rows(db) == []


def test_a_prefix_shared_by_two_events_is_refused(events_db: Callable[..., str]) -> None:
    db = events_db(HandEvent("abcd1111111111111111"), HandEvent("abcd2222222222222222"))
    assert "several event ids" in run(db, "retract", "abcd", "--note", "x", code=2).stderr
    assert correction_rows(db) == []


def test_retract_on_a_missing_database_creates_none(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    run(db, "retract", CAPTURE, "--note", "x", code=2)
    assert not db.exists()


# ------------------------------------------------------------------------------------- re-extraction


def test_the_mark_survives_the_event_stored_again(db: str | Path) -> None:
    run(db, "retract", CAPTURE, "--note", "old news")
    store_events(db, [HandEvent(CAPTURE, actor2=IS, fatalities=9)])  # re-extracted: same id, new reading
    assert CAPTURE not in listed(db)
    assert listed(db, "--include-retracted")[CAPTURE]["fatalities"] == 9


REPORT = (
    "Army recaptures Khan Tuman\n\nDAMASCUS, June 4, 2016 (SANA) - Syrian army troops recaptured the village of "
    "Khan Tuman in southern Aleppo on Friday, SANA reported.\n"
)


def test_end_to_end_the_mark_survives_extract_force(tmp_path: Path) -> None:
    (tmp_path / "army.txt").write_text(REPORT, encoding="utf-8")
    db = tmp_path / "e2e.db"
    run(db, "extract", str(tmp_path / "army.txt"), "-f", "jsonl")
    (event_id,) = listed(db)
    run(db, "retract", event_id[:10], "--note", "a drill, not a battle")
    run(db, "extract", "--force", "-f", "jsonl")
    assert listed(db) == {}
    assert list(listed(db, "--include-retracted")) == [event_id]
    assert json.loads(run(db, "control", "--at", "2016-06-10", "-f", "json").stdout) == []
    assert [r["new"] for r in json.loads(run(db, "history", event_id, "-f", "json").stdout)] == [True]
