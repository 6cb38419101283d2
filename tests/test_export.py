"""`frontlines export` as a specification: the ACLED CSV has ACLED's 31 columns in ACLED's order and reads back
with csv; GeoJSON with json; Parquet with pyarrow and its documented schema; filters select; formula-like cells
are neutralised. Events are written by hand (conftest.HandEvent)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from conftest import HandEvent
from frontlines.cli import app
from frontlines.contract import FIELDS
from frontlines.export.acled import COLUMNS, disorder_type, interaction
from frontlines.export.parquet import schema

runner = CliRunner()
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
).split(",")
E1, E2, E3, E4 = "a1" * 10, "b2" * 10, "c3" * 10, "d4" * 10


def run(db: str | Path, *args: str, code: int = 0) -> Result:
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == code, (
        f"frontlines {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    )
    return result


@pytest.fixture
def db(events_db: Callable[..., str]) -> str:
    return events_db(
        HandEvent(
            E1,
            actor2=("islamic-state", "Islamic State"),
            source_chain=("SANA", "Press TV"),
            outlet="Press TV",
            fatalities=None,
        ),
        HandEvent(
            E2, event_date="2016-02-07", source_chain=("SOHR",), outlet="SOHR", source_uri="reports/b.txt"
        ),
        HandEvent(
            E3,
            location='=HYPERLINK("http://evil")',
            place_id=None,
            latitude=None,
            longitude=None,
            admin1="Idlib",
            event_date="2016-03-01",
            event_type="Violence against civilians",
            sub_event_type="Attack",
            actor1=("islamic-state", "Islamic State"),
            actor2=("civilians", "Civilians"),
            fatalities=7,
            source_chain=("@activist",),
            outlet="-outlet",
        ),
        HandEvent(
            E4,
            location="Nubl",
            place_id="geonames:2",
            admin1="Aleppo",
            event_date="2016-04-01",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            actor1=("protesters", "Protesters"),
            fatalities=None,
            source_chain=("Enab Baladi",),
            outlet="Enab Baladi",
        ),
    )


def acled(db: str | Path, tmp_path: Path, *args: str) -> list[dict[str, str]]:
    out = tmp_path / "acled.csv"
    run(db, "export", "--format", "acled-csv", "--out", str(out), *args)
    with out.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_acled_csv_header_is_exactly_acleds_31_columns(db: str | Path, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    run(db, "export", "--format", "acled-csv", "--out", str(out))
    with out.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ACLED_HEADER == list(COLUMNS) and len(header) == 31


def test_the_acled_rows_fill_what_frontlines_knows(db: str | Path, tmp_path: Path) -> None:
    rows = {r["event_id_cnty"]: r for r in acled(db, tmp_path)}
    capture = rows["SYR" + E1]
    assert {
        k: capture[k] for k in ("event_date", "year", "time_precision", "disorder_type", "event_type")
    } == {
        "event_date": "2016-02-07",
        "year": "2016",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Battles",
    }
    assert (
        capture["actor1"],
        capture["inter1"],
        capture["actor2"],
        capture["inter2"],
        capture["interaction"],
    ) == ("Military Forces of Syria", "1", "Islamic State", "2", "12")
    assert (capture["iso"], capture["region"], capture["country"]) == ("760", "Middle East", "Syria")
    assert (capture["admin1"], capture["location"], capture["latitude"], capture["geo_precision"]) == (
        "Aleppo",
        "Tal Sheikh",
        "36.1",
        "1",
    )
    assert capture["source"] == "SANA; Press TV"
    assert capture["fatalities"] == "0"  # none reported: 0, as ACLED does
    assert capture["notes"].startswith("Government troops captured the village of Tal Sheikh")
    assert capture["tags"] == "confidence=0.8" and capture["civilian_targeting"] == ""
    assert int(capture["timestamp"]) > 1_600_000_000
    attack = rows["SYR" + E3]
    assert (attack["civilian_targeting"], attack["inter2"], attack["interaction"], attack["fatalities"]) == (
        "Civilian targeting",
        "7",
        "27",
        "7",
    )
    protest = rows["SYR" + E4]
    assert (protest["disorder_type"], protest["inter1"], protest["interaction"]) == (
        "Demonstrations",
        "6",
        "60",
    )


def test_formula_like_cells_are_neutralised(db: str | Path, tmp_path: Path) -> None:
    attack = {r["event_id_cnty"]: r for r in acled(db, tmp_path)}["SYR" + E3]
    assert attack["location"] == '\'=HYPERLINK("http://evil")'
    assert attack["source"] == "'@activist"
    assert attack["latitude"] == ""  # unresolved: no coordinates


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ((1, 2), 12),
        ((2, 1), 12),
        ((7, 1), 17),
        ((1, None), 10),
        ((None, 6), 60),
        ((None, None), None),
        ((3, 3), 33),
    ],
)
def test_interaction_is_the_two_codes_sorted_or_one_code_and_zero(
    codes: tuple[Any, Any], expected: Any
) -> None:
    assert interaction(*codes) == expected


@pytest.mark.parametrize(
    ("event_type", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Non-violent transfer of territory", "Strategic developments"),
    ],
)
def test_disorder_type_follows_acled(event_type: str, sub: str, expected: str) -> None:
    assert disorder_type(event_type, sub) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), {E1, E2, E3, E4}),
        (("--since", "2016-03-01"), {E3, E4}),
        (("--until", "2016-03-01"), {E1, E2, E3}),
        (("--since", "2016-02-08", "--until", "2016-03-31"), {E3}),
        (("--admin1", "idlib"), {E3}),
        (("--admin1", "Idlib", "--admin1", "Aleppo"), {E1, E2, E3, E4}),
        (("--actor", "islamic-state"), {E1, E3}),
        (("--actor", "Civilians"), {E3}),
        (("--sub-event-type", "Attack", "--sub-event-type", "Peaceful protest"), {E3, E4}),
        (("--source", "sana"), {E1}),
        (("--source", "Press TV"), {E1}),
        (("--min-sources", "2"), {E1, E2}),  # two reports of the same capture (documents counted)
        (("--min-sources", "2", "--source", "SOHR"), {E2}),
    ],
)
def test_filters_select_events(
    db: str | Path, tmp_path: Path, args: tuple[str, ...], expected: set[str]
) -> None:
    assert {r["event_id_cnty"][3:] for r in acled(db, tmp_path, *args)} == expected


def exported_sources(db: str | Path, tmp_path: Path) -> dict[str, int]:
    """Event id -> the `independent_sources` the GeoJSON export gives it."""
    out = tmp_path / "sources.geojson"
    run(db, "export", "--format", "geojson", "--out", str(out))
    return {f["id"]: f["properties"]["independent_sources"] for f in json.loads(out.read_text())["features"]}


def clusters_sources(db: str | Path) -> dict[str, int]:
    """Event id -> its incident's `independent_source_count` as `frontlines clusters` reports it."""
    listed = [json.loads(line) for line in run(db, "clusters", "-f", "jsonl").stdout.splitlines()]
    return {claim["event_id"]: c["independent_source_count"] for c in listed for claim in c["claims"]}


def min_sources(db: str | Path, tmp_path: Path, n: int) -> set[str]:
    return {r["event_id_cnty"][3:] for r in acled(db, tmp_path, "--min-sources", str(n))}


def test_min_sources_counts_a_relay_as_one_source_once_fused(
    events_db: Callable[..., str], tmp_path: Path
) -> None:
    """Press TV and Al-Alam both relay SANA's capture of Tal Sheikh: two reports, one source."""
    db = events_db(
        HandEvent(E1, outlet="Press TV", source_chain=("SANA", "Press TV")),
        HandEvent(
            E2,
            outlet="Al-Alam",
            source_chain=("SANA", "Al-Alam"),
            text="Syrian army units took Tal Sheikh after clashes with militants, SANA reported.",
            source_uri="reports/b.txt",
        ),
    )
    never_fused = run(db, "export", "-f", "acled-csv", "--out", str(tmp_path / "x.csv"), "--min-sources", "2")
    assert "exported 2 of 2 events" in never_fused.stderr and "counted documents" in never_fused.stderr
    run(db, "fuse")
    assert clusters_sources(db) == exported_sources(db, tmp_path) == {E1: 1, E2: 1}
    result = run(
        db, "export", "--format", "acled-csv", "--out", str(tmp_path / "x.csv"), "--min-sources", "2"
    )
    assert "exported 0 of 2 events" in result.stderr and "counted documents" not in result.stderr
    assert min_sources(db, tmp_path, 1) == {E1, E2}
    out = tmp_path / "e.parquet"
    run(db, "export", "--format", "parquet", "--out", str(out))
    assert pq.read_schema(out).metadata[b"independent_sources_from"] == b"clusters"


def test_min_sources_keeps_two_independent_sources_and_follows_analysts_corrections(
    events_db: Callable[..., str], tmp_path: Path
) -> None:
    """SANA and SOHR each report the capture on their own word: two sources, until an analyst splits the
    incident or marks one report as not an event."""
    db = events_db(
        HandEvent(E1, outlet="SANA", source_chain=("SANA",)),
        HandEvent(
            E2,
            outlet="SOHR",
            source_chain=("SOHR",),
            text="Regime forces seized Tal Sheikh in the Aleppo countryside, the Observatory documented.",
            source_uri="reports/b.txt",
        ),
    )
    run(db, "fuse")
    assert clusters_sources(db) == exported_sources(db, tmp_path) == {E1: 2, E2: 2}
    assert min_sources(db, tmp_path, 2) == {E1, E2}
    run(db, "clusters", "split", E2, "--note", "a different day")
    assert clusters_sources(db) == exported_sources(db, tmp_path) == {E1: 1, E2: 1}
    assert min_sources(db, tmp_path, 2) == set()


def test_min_sources_does_not_count_a_retracted_report(events_db: Callable[..., str], tmp_path: Path) -> None:
    db = events_db(
        HandEvent(E1, outlet="SANA", source_chain=("SANA",)),
        HandEvent(
            E2,
            outlet="SOHR",
            source_chain=("SOHR",),
            text="Regime forces seized Tal Sheikh in the Aleppo countryside, the Observatory documented.",
            source_uri="reports/b.txt",
        ),
    )
    run(db, "fuse")
    run(db, "retract", E2, "--note", "quotes a 2013 battle")
    assert clusters_sources(db) == exported_sources(db, tmp_path) == {E1: 1}
    assert min_sources(db, tmp_path, 2) == set()


def test_the_geojson_reads_back_with_json(db: str | Path, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    result = run(db, "export", "--format", "geojson", "--out", str(out), "--since", "2016-02-01")
    assert "exported 4 of 4 events" in result.output
    collection = json.loads(out.read_text(encoding="utf-8"))
    features = {f["id"]: f for f in collection["features"]}
    assert collection["type"] == "FeatureCollection" and set(features) == {E1, E2, E3, E4}
    assert features[E1]["geometry"] == {"type": "Point", "coordinates": [37.1, 36.1]}
    assert features[E3]["geometry"] is None  # unresolved place: kept, without a point
    assert features[E1]["properties"]["source_chain"] == ["SANA", "Press TV"]
    assert features[E1]["properties"]["independent_sources"] == 2
    assert collection["frontlines"]["independent_sources_from"] == "documents"


def test_the_parquet_reads_back_with_pyarrow_with_its_schema(db: str | Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    run(db, "export", "--format", "parquet", "--out", str(out))
    table = pq.read_table(out)
    assert table.schema.equals(schema("documents"), check_metadata=False)
    assert table.column_names == [*FIELDS, "corrected", "independent_sources"]
    rows = {r["event_id"]: r for r in table.to_pylist()}
    assert rows[E1]["event_date"].isoformat() == "2016-02-07"
    assert rows[E1]["source_chain"] == ["SANA", "Press TV"]
    assert rows[E1]["fatalities"] is None and rows[E3]["fatalities"] == 7
    assert rows[E1]["evidence"][0]["field"] == "sentence"
    assert rows[E1]["corrected"] == [] and rows[E1]["independent_sources"] == 2
    assert table.schema.metadata[b"frontlines_contract_version"] == b"1"


def test_corrections_are_exported(db: str | Path, tmp_path: Path) -> None:
    run(db, "correct", E2, "fatalities", "5", "--note", "SOHR count")
    row = {r["event_id_cnty"]: r for r in acled(db, tmp_path)}["SYR" + E2]
    assert row["fatalities"] == "5" and row["tags"] == "confidence=0.8; corrected=fatalities"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--sub-event-type", "Skirmish"), "is not an ACLED sub-event type"),
        (("--since", "2016-02-30"), "is not a date"),
        (("--min-sources", "0"), "greater than or equal to 1"),
    ],
)
def test_bad_filters_say_why_and_write_nothing(
    db: str | Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "x.csv"
    assert message in run(db, "export", "--format", "acled-csv", "--out", str(out), *args, code=2).output
    assert not out.exists()


def test_export_creates_no_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    assert (
        "no database" in run(missing, "export", "-f", "geojson", "--out", str(tmp_path / "x"), code=2).output
    )
    assert not missing.exists() and not (tmp_path / "x").exists()
