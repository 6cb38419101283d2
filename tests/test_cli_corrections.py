"""Correcting events from the command line, as a specification: `correct` refuses what breaks the output contract
(exit 2, nothing written), brings along what follows a field, accepts the id as the events table shows it;
`history` shows who changed what; commands that only read never create a database; the events table fits 80
columns. Events are written by hand (conftest.HandEvent): no spaCy here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import HandEvent, query, store_events
from frontlines.cli import app
from frontlines.store import Store
from frontlines.store.migrations import MIGRATIONS

runner = CliRunner()
E1 = "a1b2c3d4e5f6a7b8c9d0"
E2 = "f0e1d2c3b4a596877869"


def run(db: str | Path, *args: str, code: int = 0, columns: int = 200) -> Result:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": str(columns)})
    assert result.exit_code == code, (
        f"frontlines {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    )
    return result


def events(db: str | Path) -> dict[str, dict[str, object]]:
    return {e["event_id"]: e for e in json.loads(run(db, "events", "-f", "json").stdout)}


def corrections(db: str | Path) -> int:
    [(n,)] = query(db, "SELECT COUNT(*) FROM corrections")
    return int(n)


@pytest.fixture
def db(events_db: Callable[..., str]) -> str:
    return events_db(HandEvent(E1), HandEvent(E2, location="Nubl", fatalities=None))


# ---------------------------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("ffffffffff", "fatalities", "4"), "no event with id 'ffffffffff'"),
        (("a1b", "fatalities", "4"), "at least 4 characters"),
        ((E1, "colour", "red"), "unknown field 'colour'"),
        ((E1, "fatalities", "a lot"), "fatalities = 'a lot': Input should be a valid integer"),
        ((E1, "fatalities", "-3"), "greater than or equal to 0"),
        ((E1, "latitude", '{"lat": 36}'), "Input should be a valid number"),
        ((E1, "latitude", "NaN"), "Input should be a valid number"),
        ((E1, "latitude", "Infinity"), "Input should be a valid number"),
        ((E1, "latitude", "-Infinity"), "Input should be a valid number"),
        ((E1, "latitude", "1e400"), "finite number"),
        ((E1, "latitude", "999"), "less than or equal to 90"),
        ((E1, "event_id", E2), "event_id cannot be corrected"),
        ((E1, "event_date", "2016-02-30"), "not a calendar date"),
        ((E1, "sub_event_type", "Battle"), "not an ACLED sub-event type"),
        ((E1, "event_type", "Protests"), "correct sub_event_type instead"),
        ((E1, "place_id", "user:nowhere"), "no place with id 'user:nowhere'"),
        ((E1, "actor1_id", "nobody"), "no actor with id 'nobody'"),
        ((E1, "actor1", "Hezbollah"), "actor1 follows actor1_id"),
        ((E1, "source_chain", '["SANA", ""]'), "source_chain[1] = ['SANA', '']: should not be blank"),
    ],
)
def test_a_correction_outside_the_contract_is_refused_and_writes_nothing(
    db: str | Path, args: tuple[str, ...], reason: str
) -> None:
    before = events(db)
    result = run(db, "correct", *args, code=2)
    assert "refused" in result.stderr and reason in " ".join(result.stderr.split())
    assert corrections(db) == 0
    assert events(db) == before


def test_a_prefix_shared_by_two_events_is_refused(events_db: Callable[..., str]) -> None:
    db = events_db(HandEvent("abcd1111111111111111"), HandEvent("abcd2222222222222222"))
    result = run(db, "correct", "abcd", "fatalities", "4", code=2)
    assert "several event ids" in result.stderr
    assert corrections(db) == 0


def test_after_a_refused_nan_the_events_are_still_strict_json(db: str | Path) -> None:
    run(db, "correct", E1, "latitude", "NaN", code=2)
    run(db, "correct", E1, "longitude", "1e999", code=2)

    def refuse(token: str) -> object:
        raise ValueError(token)

    lines = run(db, "events", "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line, parse_constant=refuse)["latitude"] for line in lines] == [36.1, 36.1]


# ---------------------------------------------------------------------------------------------- accepted


def test_a_correction_by_table_prefix_sets_the_field_and_says_what_changed(db: str | Path) -> None:
    result = run(db, "correct", E1[:8], "fatalities", "4", "--author", "rima", "--note", "hospital count")
    assert f"corrected {E1}.fatalities: 2 -> 4" in result.stderr
    assert events(db)[E1]["fatalities"] == 4 and events(db)[E1]["corrected"] == ["fatalities"]
    assert events(db)[E2].get("corrected") is None


def test_a_negative_value_is_a_value_not_an_option(db: str | Path) -> None:
    run(db, "correct", E1, "longitude", "-3.5")
    assert events(db)[E1]["longitude"] == -3.5


def test_a_corrected_place_id_brings_the_places_name_and_coordinates(db: str | Path) -> None:
    run(db, "places", "add", "Tal Xeta", "--lat", "35.93", "--lon", "36.63", "--admin1", "Idlib")
    run(db, "correct", E1, "place_id", "user:tal-xeta")
    event = events(db)[E1]
    assert (event["place_id"], event["place_name"], event["admin1"]) == ("user:tal-xeta", "Tal Xeta", "Idlib")
    assert (event["latitude"], event["longitude"], event["geo_precision"]) == (35.93, 36.63, 1)
    assert event["corrected"] == [
        "place_id",
        "place_name",
        "admin1",
        "latitude",
        "longitude",
    ]  # precision was 1


def test_a_sub_event_type_brings_its_acled_event_type(db: str | Path) -> None:
    run(db, "correct", E1, "sub_event_type", "Air/drone strike")
    event = events(db)[E1]
    assert (event["event_type"], event["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )


def test_a_correction_to_the_value_the_event_already_has_writes_nothing(db: str | Path) -> None:
    result = run(db, "correct", E1, "fatalities", "2")
    assert "nothing to correct" in result.stderr
    assert corrections(db) == 0


def test_a_correction_survives_re_extraction_of_the_same_event(db: str | Path) -> None:
    run(db, "correct", E1, "fatalities", "9")
    store_events(db, [HandEvent(E1, fatalities=1)])  # re-extracted: the same event, another machine reading
    assert events(db)[E1]["fatalities"] == 9


# ----------------------------------------------------------------------------------------------- history


def test_history_lists_each_change_with_author_note_time_old_and_new(db: str | Path) -> None:
    run(db, "places", "add", "Tal Xeta", "--lat", "35.93", "--lon", "36.63")
    run(db, "correct", E1, "fatalities", "4", "--author", "rima", "--note", "hospital count")
    run(db, "correct", E1, "place_id", "user:tal-xeta", "--author", "omar")
    rows = json.loads(run(db, "history", E1[:8], "-f", "json").stdout)
    assert [(r["field"], r["old"], r["new"], r["via"], r["author"]) for r in rows] == [
        ("fatalities", 2, 4, None, "rima"),
        ("place_id", "geonames:1", "user:tal-xeta", None, "omar"),
        ("place_name", "Tal Sheikh", "Tal Xeta", "place_id", "omar"),
        ("admin1", "Aleppo", None, "place_id", "omar"),
        ("latitude", 36.1, 35.93, "place_id", "omar"),
        ("longitude", 37.1, 36.63, "place_id", "omar"),
    ]
    assert rows[0]["note"] == "hospital count" and rows[0]["event_id"] == E1
    assert all(r["time"].startswith("20") and "T" in r["time"] for r in rows)
    table = run(db, "history", E1, columns=80).stdout
    assert "rima" in table and "hospital count" in table and "(with" in table and "→ 35.93" in table
    assert max(len(line) for line in table.splitlines()) <= 80


def test_history_of_an_event_without_corrections_says_so(db: str | Path) -> None:
    assert "has no corrections" in run(db, "history", E2).stderr
    assert json.loads(run(db, "history", E2, "-f", "json").stdout) == []


def test_history_of_an_unknown_event_is_refused(db: str | Path) -> None:
    assert "no event with id" in run(db, "history", "ffffffff", code=2).stderr


def test_corrections_made_before_old_values_were_kept_still_show(tmp_path: Path) -> None:
    # A database at schema version 1 with one correction, as frontlines 0.1 wrote it.
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0].statements:
        conn.execute(statement)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT)"
    )
    conn.execute("INSERT INTO schema_migrations VALUES (1, 'v1', '2024-01-01')")
    conn.execute(
        "INSERT INTO corrections (event_id, field, value, author, note, created_at)"
        " VALUES (?, 'fatalities', '4', 'rima', NULL, '2024-01-01T00:00:00+00:00')",
        (E1,),
    )
    conn.commit()
    conn.close()
    [row] = json.loads(run(path, "history", E1, "-f", "json").stdout)
    assert (row["field"], row["old"], row["new"], row["author"]) == ("fatalities", None, 4, "rima")
    with Store.open(path) as store:
        assert store.schema_version() == MIGRATIONS[-1].version


# --------------------------------------------------------------------------------------------- places add


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("Tal X", "--lat", "999", "--lon", "36"), "lat = 999.0: Input should be less than or equal to 90"),
        (("Tal X", "--lat", "nan", "--lon", "36"), "lat = nan: Input should be a finite number"),
        (("Tal X", "--lat", "35", "--lon", "inf"), "lon = inf: Input should be a finite number"),
        (("", "--lat", "35", "--lon", "36"), "name = '': should not be blank"),
        (("Tal\x1b[2J", "--lat", "35", "--lon", "36", "--id", "user:x"), "control character U+001B"),
        (("Tal X", "--lat", "35", "--lon", "36", "--id", "user x"), "one word"),
    ],
)
def test_places_add_refuses_a_place_outside_the_contract_and_adds_nothing(
    tmp_path: Path, args: tuple[str, ...], reason: str
) -> None:
    db = tmp_path / "p.db"
    result = run(db, "places", "add", *args, code=2)
    assert reason in " ".join(result.stderr.split())
    with Store.open(db) as store:
        assert store.user_places() == []


def geonames_line(gid: str, name: str, lat: str, lon: str) -> str:
    cols = [
        gid,
        name,
        name,
        "",
        lat,
        lon,
        "P",
        "PPL",
        "SY",
        "",
        "09",
        "",
        "",
        "",
        "0",
        "",
        "300",
        "Asia/Damascus",
    ]
    return "\t".join([*cols, "2020-01-01"])


def test_a_gazetteer_file_with_one_bad_place_is_refused_whole(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(
        geonames_line("9000001", "Tal Good", "36.1", "37.1")
        + "\n"
        + geonames_line("9000002", "Tal Bad", "nan", "37.2"),
        encoding="utf-8",
    )
    db = tmp_path / "g.db"
    result = run(db, "gazetteer", "load", str(dump), "--format", "geonames", code=2)
    assert "geonames:9000002" in result.stderr and "finite" in result.stderr
    with Store.open(db) as store:
        assert store.user_places() == []


# ------------------------------------------------------------------------------------ read-only commands

READ_ONLY = [
    ("events",),
    ("documents",),
    ("errors",),
    ("stats",),
    ("places", "unresolved"),
    ("history", E1),
    ("correct", E1, "fatalities", "4"),
    ("events", "--format", "jsonl"),
]


@pytest.mark.parametrize("command", READ_ONLY, ids=" ".join)
def test_a_command_that_only_reads_never_creates_a_database(tmp_path: Path, command: tuple[str, ...]) -> None:
    db = tmp_path / "not" / "there.db"
    result = run(db, *command, code=2)
    assert f"no database at {db}" in " ".join(result.stderr.split())
    assert not db.exists() and not db.parent.exists()
    assert result.stdout == ""


def test_evaluate_does_not_create_a_database_either(tmp_path: Path) -> None:
    db = tmp_path / "there.db"
    run(db, "evaluate", str(tmp_path / "missing.jsonl"), code=2)
    assert not db.exists()


def test_a_file_that_is_not_a_database_is_named_not_overwritten(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("my notes, not SQLite " * 100, encoding="utf-8")
    result = run(db, "events", code=2)
    assert "is not a frontlines database" in " ".join(result.stderr.split())
    assert db.read_text(encoding="utf-8").startswith("my notes")


# ------------------------------------------------------------------------------------------- events table


def test_the_events_table_fits_80_columns_and_shows_ids_correct_accepts(
    events_db: Callable[..., str],
) -> None:
    db = events_db(
        HandEvent(
            E1,
            sub_event_type="Non-state actor overtakes territory",
            actor1=("unidentified", "Unidentified Armed Group (Syria)"),
            actor2=("syria-military", "Military Forces of Syria"),
            location="Kafr Naha (Tall Kafr Naha al-Kabir)",
            fatalities=1200,
            source_chain=("Syrian Observatory for Human Rights", "Press TV"),
        ),
        HandEvent(
            E2,
            place_id=None,
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
        ),
        HandEvent("a1b2c3d4ffffffffffff"),  # shares 8 characters with E1: the table must show more
    )
    table = run(db, "events", columns=80).stdout
    assert max(len(line) for line in table.splitlines()) <= 80, table
    assert E1[:9] in table and "a1b2c3d4f" in table and E2[:9] in table
    # Words are never broken: the longest word of any sub-event type keeps its line.
    assert all(word in table for word in "Non-state actor overtakes territory".split())
    assert "Shelling/artillery/missile" in table
    assert "(unresolved)" in table and "1200" in table
    run(db, "correct", E1[:9], "fatalities", "1300")
    assert events(db)[E1]["fatalities"] == 1300
