"""`control`, `timeline` and `set-holder` from the command line, as a specification: a capture changes the
holder on its date and the claims behind each holder are shown; opposite claims about one village are
contested; an analyst's holder survives re-extraction; refusals write nothing; read-only commands create no
database. Most events are written by hand (conftest.HandEvent); one test runs the pipeline on reports we
wrote."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import HandEvent, query
from frontlines.cli import app

runner = CliRunner()
GOV = ("syria-military", "Military Forces of Syria")
IS = ("islamic-state", "Islamic State")
HTS = ("hts", "Hayat Tahrir al-Sham")


def run(db: str | Path, *args: str, code: int = 0, columns: int = 200) -> Result:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": str(columns)})
    assert result.exit_code == code, (
        f"frontlines {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    )
    return result


def control_at(db: str | Path, date: str, *args: str) -> dict[str, dict[str, Any]]:
    rows = json.loads(run(db, "control", "--at", date, "-f", "json", *args).stdout)
    return {row["place_name"]: row for row in rows}


def capture(
    event_id: str, date: str, actor1: tuple[str, str], actor2: tuple[str, str] | None = None, **kw: Any
) -> HandEvent:
    return HandEvent(event_id, event_date=date, actor1=actor1, actor2=actor2, **kw)


@pytest.fixture
def db(events_db: Callable[..., str]) -> str:
    return events_db(
        capture("a1" * 10, "2016-02-07", GOV, IS, outlet="SANA", source_chain=("SANA",)),
        capture(
            "b2" * 10,
            "2016-05-01",
            HTS,
            None,
            location="Nubl",
            place_id="geonames:2",
            latitude=36.37,
            longitude=37.0,
            sub_event_type="Non-state actor overtakes territory",
            outlet="Orient News",
            source_chain=("rebel commander", "Orient News"),
            admin1="Idlib",
        ),
        capture(
            "c3" * 10,
            "2016-05-02",
            GOV,
            HTS,
            location="Nubl",
            place_id="geonames:2",
            latitude=36.37,
            longitude=37.0,
            outlet="SANA",
            source_chain=("SANA",),
            admin1="Idlib",
            text="Government troops repelled the terrorists and hold Nubl, SANA said.",
        ),
    )


def test_control_before_and_after_a_capture_gives_different_holders_each_with_its_claims(
    db: str | Path,
) -> None:
    before = control_at(db, "2016-02-06")["Tal Sheikh"]
    after = control_at(db, "2016-02-07")["Tal Sheikh"]
    assert (before["holder"], before["status"], before["since"], before["rule"]) == (
        "Islamic State",
        "held",
        None,
        "from-whom",
    )
    assert (after["holder"], after["status"], after["since"]) == (
        "Military Forces of Syria",
        "held",
        "2016-02-07",
    )
    for row in (before, after):  # each holder with the claim that supports it, on whose word
        (claim,) = row["claims"]
        assert claim["event_id"] == "a1" * 10 and claim["source_chain"] == ["SANA"]
        assert claim["says"] == "Military Forces of Syria took it from Islamic State"


def test_two_opposite_claims_about_one_village_show_as_contested(db: str | Path) -> None:
    nubl = control_at(db, "2016-05-10")["Nubl"]
    assert (nubl["status"], nubl["holder"], nubl["rule"]) == ("contested", None, "claims-disagree")
    assert sorted(nubl["claimants"]) == ["Hayat Tahrir al-Sham", "Military Forces of Syria"]
    assert sorted(c["event_id"] for c in nubl["claims"]) == ["b2" * 10, "c3" * 10]
    table = run(db, "control", "--at", "2016-05-10", columns=80).stdout
    assert "(contested since" in table and "Hayat Tahrir al-Sham or" in table
    assert max(len(line) for line in table.splitlines()) <= 80


def test_admin1_keeps_only_that_governorates_places(db: str | Path) -> None:
    assert list(control_at(db, "2016-05-10", "--admin1", "idlib")) == ["Nubl"]


def test_the_geojson_has_every_place_and_the_areas_that_trace_to_their_claims(db: str | Path) -> None:
    collection = json.loads(run(db, "control", "--at", "2016-05-10", "-f", "geojson").stdout)
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert (
        collection["type"] == "FeatureCollection" and kinds.count("place") == 2 and kinds.count("area") == 2
    )
    areas = {
        tuple(f["properties"]["place_ids"]): f["properties"]
        for f in collection["features"]
        if f["properties"]["kind"] == "area"
    }
    assert areas[("geonames:1",)]["claims"] == ["a1" * 10] and areas[("geonames:1",)]["label"] == "government"
    assert areas[("geonames:2",)]["status"] == "contested"
    assert abs(sum(a["area_km2"] for a in areas.values()) - 185_865) < 200


def test_the_series_gives_square_km_per_holder_adding_up_to_the_country(db: str | Path) -> None:
    rows = json.loads(
        run(
            db,
            "control",
            "--series",
            "--from",
            "2016-01-01",
            "--to",
            "2016-06-01",
            "--step",
            "60",
            "-f",
            "json",
        ).stdout
    )
    dates = sorted({r["date"] for r in rows})
    assert dates == ["2016-01-01", "2016-03-01", "2016-04-30"]
    for date in dates:
        assert abs(sum(r["share"] for r in rows if r["date"] == date) - 1) < 0.001
    assert {r["holder"] for r in rows if r["date"] == "2016-03-01"} == {"government", "unknown"}


def test_the_timeline_shows_each_change_with_its_report_outlet_and_sentence(db: str | Path) -> None:
    history = json.loads(run(db, "timeline", "tal sheikh", "-f", "json").stdout)
    assert history["place_id"] == "geonames:1"
    assert [(iv["since"], iv["holder"]) for iv in history["intervals"]] == [
        (None, "Islamic State"),
        ("2016-02-07", "Military Forces of Syria"),
    ]
    claim = history["intervals"][1]["claims"][0]
    assert claim["outlet"] == "SANA" and claim["doc"] == "reports/a.txt"
    assert claim["sentence"].startswith("Government troops captured the village of Tal Sheikh")
    wide = run(db, "timeline", "geonames:2", columns=160).stdout
    assert "repelled the terrorists" in wide and "Orient News" in wide
    narrow = run(db, "timeline", "geonames:2", columns=80).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 80 and "Orient News" in narrow


@pytest.mark.parametrize("spelling", ["Tell Sheikh", "Tal al-Shaikh", "TAL SHAYKH"])
def test_the_timeline_finds_a_place_by_a_spelling_variant(db: str | Path, spelling: str) -> None:
    history = json.loads(run(db, "timeline", spelling, "-f", "json").stdout)
    assert history["place_id"] == "geonames:1" and history["place_name"] == "Tal Sheikh"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("control",), "give --at DATE"),
        (("control", "--at", "2016-13-01"), "is not a date"),
        (("control", "--series", "--from", "2016-01-01"), "--series needs --from and --to"),
        (("control", "--series", "--from", "2016-02-01", "--to", "2016-01-01"), "--to is before --from"),
        (("timeline", "Atlantis"), "no control claims or settings about 'Atlantis'"),
        (("timeline", "Tal Rifaat"), "no control claims or settings about 'Tal Rifaat'"),  # another Tal
    ],
)
def test_bad_requests_say_why_and_exit_2(db: str | Path, args: tuple[str, ...], message: str) -> None:
    assert message in run(db, *args, code=2).output


def settings_count(db: str | Path) -> int:
    [(n,)] = query(db, "SELECT COUNT(*) FROM holder_settings")
    return int(n)


def test_an_analyst_sets_a_holder_from_a_date_and_the_timeline_says_who_and_why(db: str | Path) -> None:
    run(
        db,
        "set-holder",
        "Nubl",
        "syria-military",
        "--from",
        "2016-05-20",
        "--note",
        "ISW map",
        "--author",
        "ana",
    )
    nubl = control_at(db, "2016-06-01")["Nubl"]
    assert (nubl["holder"], nubl["status"], nubl["rule"], nubl["since"]) == (
        "Military Forces of Syria",
        "held",
        "analyst",
        "2016-05-20",
    )
    assert (nubl["setting"]["author"], nubl["setting"]["note"]) == ("ana", "ISW map")
    assert control_at(db, "2016-05-10")["Nubl"]["status"] == "contested"  # before the setting: as reported
    run(db, "set-holder", "geonames:2", "contested", "--from", "2016-07-01")
    assert control_at(db, "2016-07-02")["Nubl"]["status"] == "contested"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Nubl", "the-martians", "--from", "2016-05-20"), "no actor id of the actor table"),
        (("Nubl", "sdf", "--from", "yesterday"), "is not a date"),
        (("Atlantis", "sdf", "--from", "2016-05-20"), "no control claims or settings about 'Atlantis'"),
    ],
)
def test_a_refused_setting_writes_nothing(db: str | Path, args: tuple[str, ...], message: str) -> None:
    assert message in run(db, "set-holder", *args, code=2).output
    assert settings_count(db) == 0


def test_read_only_commands_create_no_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    for args in (
        ("control", "--at", "2016-01-01"),
        ("timeline", "Nubl"),
        ("set-holder", "Nubl", "sdf", "--from", "2016-01-01"),
    ):
        assert "no database" in run(missing, *args, code=2).output
    assert not missing.exists()


def test_an_analysts_holder_survives_extract_force(db: str | Path) -> None:
    run(db, "set-holder", "geonames:1", "sdf", "--from", "2016-03-01", "--note", "checked")
    run(db, "extract", "--force", "-f", "jsonl")  # the pipeline re-reads every report; events may change
    assert settings_count(db) == 1
    rows = control_at(db, "2016-03-02")
    assert (rows["Tal Sheikh"]["holder"], rows["Tal Sheikh"]["rule"]) == (
        "Syrian Democratic Forces",
        "analyst",
    )


REPORTS = {
    "nusra.txt": "Nusra Front fighters seize Khan Tuman\n\nALEPPO, May 6, 2016 (Orient News) - Jabhat al-Nusra "
    "fighters captured the village of Khan Tuman in southern Aleppo on Thursday after heavy clashes with "
    "government forces, a rebel commander said.\n",
    "army.txt": "Army recaptures Khan Tuman\n\nDAMASCUS, June 4, 2016 (SANA) - Syrian army troops recaptured the "
    "village of Khan Tuman in southern Aleppo on Friday, SANA reported.\n",
}


def test_end_to_end_reports_of_a_capture_and_a_recapture_change_the_holder(tmp_path: Path) -> None:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "e2e.db"
    run(db, "extract", str(tmp_path / "nusra.txt"), str(tmp_path / "army.txt"), "-f", "jsonl")
    (may,) = control_at(db, "2016-05-20").values()
    (june,) = control_at(db, "2016-06-10").values()
    assert may["place_name"].casefold() == "khan tuman"
    assert (may["holder_side"], may["status"]) == ("jihadist", "held")
    assert (june["holder"], june["status"], june["since"]) == (
        "Military Forces of Syria",
        "held",
        "2016-06-04",
    )
    assert may["claims"][0]["source_chain"] == ["rebel commander", "Orient News"]
    assert june["claims"][0]["source_chain"] == ["SANA"]


def test_a_name_that_several_places_bear_is_refused_with_their_ids(events_db: Callable[..., str]) -> None:
    db = events_db(
        capture("a1" * 10, "2016-02-07", GOV, location="Tal Sheikh", place_id="geonames:1"),
        capture("b2" * 10, "2016-02-07", GOV, location="Tal Sheikh", place_id="geonames:9", latitude=35.0),
    )
    message = run(db, "timeline", "Tal Sheikh", code=2).output
    assert "several places are called 'Tal Sheikh'" in message and "geonames:1, geonames:9" in message
    assert json.loads(run(db, "timeline", "geonames:9", "-f", "json").stdout)["latitude"] == 35.0
