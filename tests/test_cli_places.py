"""Fixing places: a name the gazetteer lacks is listed by `places unresolved`; `places add` or
`gazetteer load` fixes it for every later run."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from frontlines.cli import app

REPORT = (
    "Army retakes Kafr Zibdawi\n\nSyrian army troops recaptured the village of Kafr Zibdawi in southern Aleppo "
    "on Sunday after heavy fighting with militants, SANA reported.\n"
)


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def events(db: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in run(db, "events", "--format", "jsonl").splitlines() if line.strip()]


def test_unresolved_then_added_place_resolves(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = tmp_path / "f.db"
    run(db, "extract", str(report), "--format", "jsonl")
    [event] = [e for e in events(db) if e["location"] == "Kafr Zibdawi"]
    assert event["place_id"] is None
    assert event["admin1"] == "Aleppo"  # falls back to the area the report names
    unresolved = json.loads(run(db, "places", "unresolved", "--format", "json"))
    assert [u["location"] for u in unresolved] == ["Kafr Zibdawi"]
    assert "recaptured" in unresolved[0]["example"]

    run(db, "places", "add", "Kafr Zibdawi", "--lat", "36.1", "--lon", "37.1", "--admin1", "Aleppo")
    run(db, "extract", "--force", "--format", "jsonl")
    [event] = [e for e in events(db) if e["location"] == "Kafr Zibdawi"]
    assert event["place_id"] == "user:kafr-zibdawi"
    assert (event["latitude"], event["longitude"]) == (36.1, 37.1)
    assert json.loads(run(db, "places", "unresolved", "--format", "json")) == []


def test_gazetteer_load_ocha_table(tmp_path: Path) -> None:
    table = tmp_path / "ocha.csv"
    table.write_text(
        "admin1Name_en,admin1Pcode,admin2Name_en,admin2Pcode,admin3Name_en,admin3Pcode,admin4Name_en,"
        "admin4Pcode,latitude,longitude\n"
        "Aleppo,SY02,Jebel Saman,SY0200,Zarbah,SY020004,Kafr Zibdawi,C9999,36.05,37.05\n",
        encoding="utf-8",
    )
    db = tmp_path / "f.db"
    run(db, "gazetteer", "load", str(table), "--format", "ocha")
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    run(db, "extract", str(report), "--format", "jsonl")
    [event] = [e for e in events(db) if e["location"] == "Kafr Zibdawi"]
    assert event["place_id"] == "C9999"
