"""Output that cannot attack its reader: a terminal, a spreadsheet or a strict JSON parser.

Hostile values are written straight into the database (as a document anyone publishes, or a file name anyone
chooses, would bring them), so these tests hold whatever ingest does or does not clean.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from rich.console import Console
from typer.testing import CliRunner

from conftest import HandEvent
from frontlines.cli import app
from frontlines.display import csv_cell, printable, strict_json
from frontlines.evaluate.goldreport import DocumentScore, GoldReport, Miss
from frontlines.evaluate.metrics import Ratio, Scores
from frontlines.evaluate.report import render
from frontlines.records import IngestProblem
from frontlines.store import Store

runner = CliRunner()

# (what it is, the raw text, how a table must show it)
ATTACKS = [
    ("CSI clear screen", "\x1b[2J", "\\x1b[2J"),
    ("OSC set title", "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    ("OSC 8 hyperlink", "\x1b]8;;http://evil\x1b\\", "\\x1b]8;;http://evil\\x1b\\"),
    ("C1 CSI", "\x9b31m", "\\x9b31m"),
    ("carriage return overwrite", "ok\rEVIL", "ok\\x0dEVIL"),
    ("backspace", "ab\x08c", "ab\\x08c"),
    ("NUL", "a\x00b", "a\\x00b"),
    ("bidi override (Trojan Source)", "abc\u202edcb", "abc\\u202edcb"),
    ("bidi isolate", "\u2066x\u2069", "\\u2066x\\u2069"),
    ("zero-width space", "Tal\u200bSheikh", "Tal\\u200bSheikh"),
    ("line separator", "a\u2028b", "a\\u2028b"),
    ("lone surrogate", "a\ud800b", "a\\ud800b"),
]
# A lone surrogate cannot even be stored (SQLite takes UTF-8): it can only reach a table from memory.
STORABLE = [a for a in ATTACKS if a[0] != "lone surrogate"]
RAW = ("\x1b", "\x9b", "\x07", "\x08", "\x00", "\r", "\u202e", "\u2066", "\u200b", "\u2028")


@pytest.mark.parametrize(("what", "raw", "shown"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_printable_shows_every_control_character_as_an_escape(what: str, raw: str, shown: str) -> None:
    assert printable(raw) == shown


@pytest.mark.parametrize(
    "text",
    ["Khan Tuman", "خان طومان", "می\u200cخواهم", "al-Bab (\\ not an escape)", "Dar'a", "Ḥamāh"],
)
def test_printable_keeps_ordinary_text_in_any_script(text: str) -> None:
    assert printable(text) == text


def test_printable_turns_newlines_into_spaces_in_cells_and_keeps_them_in_messages() -> None:
    assert printable("a\nb\tc") == "a b c"
    assert printable("a\nb", newlines=True) == "a\nb"


def hostile_db(events_db: Callable[..., str], raw: str) -> str:
    """A database whose title, outlet, file name, place name and source carry ``raw``."""
    db = events_db(
        HandEvent(
            "a1b2c3d4e5f6a7b8c9d0",
            location=f"Tal {raw}Sheikh",
            title=f"Title {raw}",
            outlet=f"Outlet {raw}",
            source_uri=f"reports/file{raw}.txt",
            place_id=None,
            source_chain=(f"Source {raw}",),
        )
    )
    with Store.open(db) as store:
        store.add_problem(IngestProblem(f"inputs/bad{raw}.bin", "binary", f"reason {raw}"))
    return db


LISTINGS = [("events",), ("documents",), ("errors",), ("places", "unresolved"), ("stats",)]


@pytest.mark.parametrize(("what", "raw", "shown"), STORABLE, ids=[a[0] for a in STORABLE])
@pytest.mark.parametrize("listing", LISTINGS, ids=" ".join)
def test_tables_never_print_a_control_character_raw(
    events_db: Callable[..., str], listing: tuple[str, ...], what: str, raw: str, shown: str
) -> None:
    db = hostile_db(events_db, raw)
    result = runner.invoke(app, ["--db", str(db), *listing, "--format", "table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for char in RAW:
        assert char not in result.stdout, f"{what}: {char!r} reached the terminal in `{' '.join(listing)}`"
    # PostgreSQL's text cannot hold NUL: a column stores the replacement character (a JSON record keeps \u0000).
    alike = {shown, shown.replace("\\x00", "\ufffd")} if db.startswith("postgresql") else {shown}
    if listing != ("stats",):  # stats shows counts only
        assert any(s in result.stdout for s in alike)


def test_rich_markup_in_a_title_is_shown_not_interpreted(events_db: Callable[..., str]) -> None:
    db = events_db(HandEvent("a1b2c3d4e5f6a7b8c9d0", title="[link=http://evil]click[/link] [bold red]x"))
    result = runner.invoke(app, ["--db", str(db), "documents"], env={"COLUMNS": "200"})
    assert "[link=http://evil]click[/link]" in result.stdout


def test_the_evaluation_tables_escape_what_gold_files_say() -> None:
    raw = "\x1b]0;pwned\x07"
    scores = Scores(recall=Ratio(1, 2), precision=Ratio(1, 1))
    report = GoldReport(
        path=f"gold/{raw}.jsonl",
        scores=scores,
        predictions=1,
        optional_matched=0,
        not_event_alarms=0,
        event_type=Ratio(1, 1),
        fields={},
        place_correct=Ratio(0, 0),
        place_unresolved=Ratio(0, 0),
        documents=(DocumentScore(f"reports/{raw}.txt", scores, 1, 0, 0),),
        misses=(Miss("r1", 1, f"Kafr {raw}", "Armed clash", f"note {raw}", "place not predicted"),),
        false_alarms=(),
        field_errors=(),
        wrong_places=(),
        warnings=(f"warning {raw}",),
    )
    out = io.StringIO()
    render(report, Console(file=out, width=200, force_terminal=True), details=True)
    text = out.getvalue()
    # force_terminal: rich writes its own styling sequences (ESC [ ... m); the document's OSC must not appear.
    assert "\x1b]0;pwned" not in text and "\x07" not in text
    assert "\\x1b]0;pwned\\x07" in text


# ---------------------------------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil","click")', '\'=HYPERLINK("http://evil","click")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3.5", "'-3.5"),  # a string stays text, even when it looks like a number
        (-3.5, -3.5),  # a number stays a number
        (-2, -2),
        (0, 0),
        ("Khan Tuman", "Khan Tuman"),
        ("a = b", "a = b"),
        (None, ""),
        (["=SANA", "Press TV"], '["=SANA", "Press TV"]'),
    ],
)
def test_csv_cells_neutralise_formulas_and_keep_numbers(value: object, written: object) -> None:
    assert csv_cell(value) == written


def test_csv_listings_write_formula_like_text_as_text_and_numbers_as_numbers(
    events_db: Callable[..., str],
) -> None:
    db = events_db(
        HandEvent(
            "a1b2c3d4e5f6a7b8c9d0",
            location="@SUM(A1:A9)",
            title='=HYPERLINK("http://evil","click")',
            outlet="+SANA",
            latitude=-3.5,
            longitude=-60.25,
            source_chain=("=cmd",),
        )
    )
    [event] = list(
        csv.DictReader(io.StringIO(runner.invoke(app, ["--db", str(db), "events", "-f", "csv"]).stdout))
    )
    assert event["location"] == "'@SUM(A1:A9)"
    assert event["outlet"] == "'+SANA"
    assert (event["latitude"], event["longitude"]) == ("-3.5", "-60.25")
    assert json.loads(event["source_chain"]) == ["=cmd"]  # JSON in the cell starts with [
    [document] = list(
        csv.DictReader(io.StringIO(runner.invoke(app, ["--db", str(db), "documents", "-f", "csv"]).stdout))
    )
    assert document["title"] == '\'=HYPERLINK("http://evil","click")'


# --------------------------------------------------------------------------------------------------- JSON


def strict_loads(text: str) -> object:
    def refuse(token: str) -> object:
        raise ValueError(f"non-standard JSON token {token}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_strict_json_refuses_what_json_cannot_hold(number: float) -> None:
    with pytest.raises(ValueError):
        strict_json({"latitude": number})


def test_a_database_holding_nan_stops_the_listing_with_the_event_instead_of_printing_it(
    events_db: Callable[..., str],
) -> None:
    # A database written before values were checked: the record itself holds NaN.
    db = events_db(HandEvent("a1b2c3d4e5f6a7b8c9d0"))
    with Store.open(db) as store:
        store.conn.execute("UPDATE events SET record = replace(record, '36.1', 'NaN')")
    result = runner.invoke(app, ["--db", str(db), "events", "-f", "jsonl"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "a1b2c3d4e5f6a7b8c9d0" in result.stderr and "NaN" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_listings_are_strict_json(events_db: Callable[..., str], fmt: str) -> None:
    db = events_db(HandEvent("a1b2c3d4e5f6a7b8c9d0"), HandEvent("b1b2c3d4e5f6a7b8c9d0", latitude=None))
    out = runner.invoke(app, ["--db", str(db), "events", "-f", fmt]).stdout
    rows = strict_loads(out) if fmt == "json" else [strict_loads(line) for line in out.splitlines()]
    assert len(rows) == 2  # type: ignore[arg-type]
