"""`frontlines slant` and `frontlines outlets`, as a user runs them (typer's CliRunner, in process), on reports
written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from frontlines.cli import app

runner = CliRunner()
RECORDS = [
    {
        "id": "pr-1",
        "text": "Heroic Syrian army troops liberated the village of Tal Sheikh from Takfiri terrorists on Sunday.",
        "outlet": "Press TV",
        "published": "2016-02-08",
    },
    {
        "id": "op-1",
        "text": "Regime forces shelled the town of Nubl on Monday, killing three civilians, activists said.",
        "outlet": "Orient",
        "published": "2016-03-02",
    },
]


def frontlines(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, f"frontlines {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    return result


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    return path


def test_slant_prints_one_json_line_per_span_named_by_the_records_id(tmp_path: Path, wire: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Our nation will never forget the heroic martyrs.\n", encoding="utf-8")
    result = frontlines(
        "--db", str(tmp_path / "unused.db"), "slant", str(wire), str(report), "--format", "jsonl"
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(
        set(row) == {"doc", "technique", "start", "end", "text", "score", "rule"} for row in rows
    )
    texts = {(row["doc"], row["text"].lower()) for row in rows}
    assert {("pr-1", "liberated"), ("pr-1", "takfiri terrorists"), (str(report), "our nation")} <= texts
    by_doc = {r["id"]: r["text"] for r in RECORDS} | {str(report): report.read_text(encoding="utf-8")}
    for row in rows:
        assert by_doc[row["doc"]][row["start"] : row["end"]] == row["text"]
        assert 0 <= row["score"] <= 1 and row["rule"]
    assert not (tmp_path / "unused.db").exists()  # nothing is stored


def test_slant_draws_a_table_and_names_inputs_it_cannot_read(tmp_path: Path, wire: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = frontlines("slant", str(wire), str(tmp_path / "empty.txt"))
    assert "┏" in result.stdout and "liberated" in result.stdout
    assert "empty.txt" in result.output


def test_outlets_profiles_the_stored_reports_outlets(tmp_path: Path, wire: Path) -> None:
    db = str(tmp_path / "war.db")
    frontlines("--db", db, "extract", str(wire), "--format", "jsonl")
    rows = [
        json.loads(line)
        for line in frontlines("--db", db, "outlets", "--format", "jsonl").stdout.splitlines()
    ]
    assert [(r["outlet"], r["period"]) for r in rows] == [("Orient", "2016"), ("Press TV", "2016")]
    orient, press = rows
    labels = {(x["label"], x["actor_id"], x["tone"]) for x in orient["labels"]}
    assert ("regime forces", "syria-military", "pejorative") in labels
    assert press["reports"] == 1 and press["words"] > 10
    assert press["loaded_language_per_1000_words"] > 0 and press["name_calling_per_1000_words"] > 0
    monthly = frontlines("--db", db, "outlets", "--by", "month", "--format", "json").stdout
    assert {r["period"] for r in json.loads(monthly)} == {"2016-02", "2016-03"}
    table = frontlines("--db", db, "outlets").stdout
    assert "Press TV" in table and "Orient" in table


def test_outlets_without_a_database_stops_and_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", str(tmp_path / "none.db"), "outlets"])
    assert result.exit_code == 2 and "no database" in result.output
    assert not (tmp_path / "none.db").exists()
