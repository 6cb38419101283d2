"""The `frontlines` command, as a specification: what a user types and what they get back.

Every test runs the real command (typer's CliRunner, in process) on a temporary database. Reports are written
by hand; the two sample reports in /work/shared/samples are read where they exist, never copied.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner, Result

from frontlines.cli import app
from frontlines.contract import FIELDS, check_row

# The project's shared data sits beside the checkout (in CI too); /work/shared on the developers' machines.
SAMPLES_BESIDE = Path(__file__).resolve().parents[2] / "shared" / "samples"
SAMPLES = SAMPLES_BESIDE if SAMPLES_BESIDE.is_dir() else Path("/work/shared/samples")
CLEAR_EVENT = (
    "Army retakes Khan Tuman\n\n"
    "Syrian army troops recaptured the village of Khan Tuman in southern Aleppo on Sunday, SANA reported.\n"
)
JSONL_GOOD = [
    {
        "id": "w1",
        "text": "Rebel fighters shelled the town of Nubl on Monday, local sources said.",
        "outlet": "Wire",
    },
    {
        "id": "w3",
        "text": "Kurdish forces took the village of Tal Rifaat on Wednesday, the SDF said.",
        "outlet": "Wire",
    },
]
FORMATS = ("table", "json", "jsonl", "csv")

runner = CliRunner()


def frontlines(db: Path, *args: str) -> Result:
    """Run `frontlines --db DB ARGS...`; a non-zero exit fails the test with the command's output."""
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, f"frontlines {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    return result


def parse(output: str, fmt: str) -> list[dict[str, object]]:
    """Rows of a listing in a machine format; for `table`, a check that a table was drawn."""
    if fmt == "json":
        rows = json.loads(output)
        assert isinstance(rows, list)
        return rows
    if fmt == "jsonl":
        return [json.loads(line) for line in output.splitlines() if line.strip()]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(output)))
    assert "┏" in output and "└" in output, output  # rich's table, drawn top to bottom
    return []


def write_bad_and_good_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really an image" * 10)
    (folder / "empty.txt").write_bytes(b"")
    lines = [
        json.dumps(JSONL_GOOD[0]),
        '{"id": "w2", "text": "A line cut in the middle',
        json.dumps(JSONL_GOOD[1]),
    ]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "report.txt").write_text(CLEAR_EVENT, encoding="utf-8")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="module")
def extracted_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database after `frontlines extract` of the mixed folder: documents, problems and events."""
    root = tmp_path_factory.mktemp("cli")
    write_bad_and_good_inputs(root / "inputs")
    db = root / "extracted.db"
    frontlines(db, "extract", str(root / "inputs"), "--format", "json")
    yield db


# ------------------------------------------------------------------------------------------------ ingest


def test_ingest_stores_every_valid_document_and_one_reason_per_bad_input(tmp_path: Path, db: Path) -> None:
    write_bad_and_good_inputs(tmp_path / "inputs")
    result = frontlines(db, "ingest", str(tmp_path / "inputs"))
    assert "3 new" in result.output and "3 problems" in result.output

    documents = json.loads(frontlines(db, "documents", "--format", "json").stdout)
    assert sorted(Path(d["source_uri"]).name for d in documents) == [
        "report.txt",
        "wire.jsonl#L1",
        "wire.jsonl#L3",
    ]

    problems = json.loads(frontlines(db, "errors", "--format", "json").stdout)
    by_input = {Path(p["source_uri"]).name: p for p in problems}
    assert sorted(by_input) == ["empty.txt", "photo.png", "wire.jsonl#L2"]
    assert [by_input[name]["kind"] for name in ("photo.png", "empty.txt", "wire.jsonl#L2")] == [
        "binary",
        "empty",
        "malformed_json",
    ]
    assert all(p["reason"] and p["fatal"] == 1 for p in problems)


def test_ingesting_the_same_inputs_again_stores_nothing_new(tmp_path: Path, db: Path) -> None:
    write_bad_and_good_inputs(tmp_path / "inputs")
    frontlines(db, "ingest", str(tmp_path / "inputs"))
    again = frontlines(db, "ingest", str(tmp_path / "inputs"))
    assert "0 new, 3 already stored" in again.output
    assert len(json.loads(frontlines(db, "documents", "--format", "json").stdout)) == 3
    problems = json.loads(frontlines(db, "errors", "--format", "json").stdout)
    assert [p["times_seen"] for p in problems] == [2, 2, 2]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"the shared sample reports ({SAMPLES}) are absent")
def test_ingest_of_the_shared_samples_finds_two_reports_and_their_outlets(tmp_path: Path, db: Path) -> None:
    # Read from a copy, so a file someone adds to the shared folder later does not change the test.
    folder = tmp_path / "samples"
    folder.mkdir()
    for name in ("farsnews-aleppo-south.txt", "presstv-aleppo-southwest.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    first = frontlines(db, "ingest", str(folder))
    assert "2 new, 0 already stored, 0 problems" in first.output
    documents = json.loads(frontlines(db, "documents", "--format", "json").stdout)
    assert sorted(d["outlet"] for d in documents) == ["FarsNews", "Press TV"]
    again = frontlines(db, "ingest", str(folder))
    assert "0 new, 2 already stored" in again.output


# --------------------------------------------------------------------------------------------- listings


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("command", "rows_expected"), [("documents", 3), ("events", None), ("errors", 3)])
def test_listings_parse_in_every_format(
    extracted_db: Path, command: str, rows_expected: int | None, fmt: str
) -> None:
    output = frontlines(extracted_db, command, "--format", fmt).stdout
    rows = parse(output, fmt)
    if fmt == "table":
        return
    if rows_expected is None:  # events: as many as `events --format json` lists, at least the clear one
        rows_expected = len(json.loads(frontlines(extracted_db, "events", "--format", "json").stdout))
        assert rows_expected >= 1
    assert len(rows) == rows_expected
    if command == "events":
        assert set(FIELDS) <= set(rows[0])


@pytest.mark.parametrize("fmt", FORMATS)
def test_stats_parse_in_every_format(extracted_db: Path, fmt: str) -> None:
    output = frontlines(extracted_db, "stats", "--format", fmt).stdout
    rows = parse(output, fmt)
    if fmt == "table":
        assert "documents" in output and "schema_version" in output
        return
    [stats] = rows
    assert int(str(stats["documents"])) == 3
    assert int(str(stats["fatal_problems"])) == 3
    assert str(stats["database"]) == str(extracted_db)


# -------------------------------------------------------------------------------------------- extract


def test_extract_jsonl_prints_one_contract_object_per_line(tmp_path: Path, db: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(CLEAR_EVENT, encoding="utf-8")
    result = frontlines(db, "extract", str(report), "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert lines, "the clear event gave no output line"
    for line in lines:
        row = json.loads(line)
        assert isinstance(row, dict)
        assert set(FIELDS) <= set(row), f"missing contract fields: {set(FIELDS) - set(row)}"
        assert row["doc"] == str(report)
    assert any(json.loads(line)["location"] == "Khan Tuman" for line in lines)


def test_every_extracted_event_fits_the_output_contract(extracted_db: Path) -> None:
    rows = json.loads(frontlines(extracted_db, "events", "--format", "json").stdout)
    assert rows
    for row in rows:
        check_row(row)  # types, ranges, ACLED names, the sub-event type under its own event type


def test_extract_writes_the_events_file_and_a_second_run_adds_nothing(tmp_path: Path, db: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(CLEAR_EVENT, encoding="utf-8")
    out = tmp_path / "out" / "events.jsonl"
    first = frontlines(db, "extract", str(report), "--format", "json", "--out", str(out))
    first_lines = out.read_text(encoding="utf-8").splitlines()
    assert len(first_lines) == len(json.loads(first.stdout)) >= 1
    second = frontlines(db, "extract", str(report), "--format", "json", "--out", str(out))
    assert "0 new, 1 already stored" in second.output
    assert "from 0 documents" in second.output
    assert out.read_text(encoding="utf-8").splitlines() == first_lines


def test_a_correction_shows_in_events_and_survives_a_forced_re_extraction(tmp_path: Path, db: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(CLEAR_EVENT, encoding="utf-8")
    [event, *_] = json.loads(frontlines(db, "extract", str(report), "--format", "json").stdout)
    frontlines(db, "correct", event["event_id"], "fatalities", "4", "--note", "hospital count")
    frontlines(db, "extract", "--force", "--format", "json")
    corrected = {e["event_id"]: e for e in json.loads(frontlines(db, "events", "--format", "json").stdout)}
    assert corrected[event["event_id"]]["fatalities"] == 4
    assert corrected[event["event_id"]]["corrected"] == ["fatalities"]


def test_correcting_an_unknown_field_is_refused(db: Path) -> None:
    result = runner.invoke(app, ["--db", str(db), "correct", "abc", "colour", "red"])
    assert result.exit_code == 2
    assert "unknown field 'colour'" in result.output


# ----------------------------------------------------------------------------------------------- help


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand of `frontlines`, as the words a user types (the root is ())."""
    paths: list[tuple[str, ...]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        paths.append(path)
        # A group has `commands` (typer ships its own copy of click, so no isinstance on click.Group).
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


def test_the_command_tree_is_what_the_docs_describe() -> None:
    # A guard for the walk itself: if it found nothing, the help test below would test nothing.
    assert {("ingest",), ("extract",), ("places", "add"), ("gazetteer", "load")} <= set(command_paths())


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "frontlines")
def test_every_help_has_an_example(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert "Example: frontlines" in " ".join(result.output.split())


def test_version_prints_the_package_version() -> None:
    from frontlines import __version__

    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout.strip()) == (0, f"frontlines {__version__}")


def test_an_unknown_setting_in_the_config_file_stops_the_command(tmp_path: Path, db: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("colour = true\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(db), "stats"], env={"FRONTLINES_CONFIG": str(config)})
    assert result.exit_code == 2
    assert "unknown setting(s) colour" in " ".join(result.output.split())
