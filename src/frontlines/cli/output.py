"""Printing rows as a table (for people) or as json, jsonl, csv (for programs).

Text from articles and file names is untrusted: table cells go through `frontlines.display.cell` (control
characters shown as escapes, rich markup never interpreted), CSV cells through `display.csv_cell` (formula-like
strings neutralised) and JSON through `display.strict_json` (no NaN or infinity, which strict parsers reject).
"""

from __future__ import annotations

import csv
import enum
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from frontlines.display import cell, csv_cell, printable, strict_json


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def json_lines(rows: Sequence[dict[str, Any]], fmt: Format) -> list[str]:
    """The JSON text of the rows; a value JSON cannot hold (NaN, infinity, from a database written before
    values were checked) stops the command with the row that holds it, before anything is printed."""
    try:
        if fmt is Format.json:
            return [strict_json(list(rows), indent=2)]
        return [strict_json(row) for row in rows]
    except ValueError as exc:
        bad = next(i for i, row in enumerate(rows) if not _strict_ok(row))
        label = rows[bad].get("event_id") or rows[bad].get("id") or f"row {bad + 1}"
        Console(stderr=True).print(
            printable(f"cannot write {label}: it holds NaN or infinity, which JSON does not allow ({exc})"),
            markup=False,
            highlight=False,
        )
        raise typer.Exit(1) from exc


def _strict_ok(row: dict[str, Any]) -> bool:
    try:
        strict_json(row)
    except ValueError:
        return False
    return True


def emit(
    rows: Sequence[dict[str, Any]],
    fmt: Format,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    console: Console | None = None,
    layout: Mapping[str, Mapping[str, Any]] | None = None,
    show_lines: bool = False,
) -> None:
    """Print ``rows``: ``columns`` are the CSV columns and the table's (default: the first row's keys).
    For tables, ``layout`` gives rich column options by column (``no_wrap`` for ids people copy, ``ratio``,
    ``justify``), ``show_lines`` rules between rows; a tuple value is a cell of several lines."""
    columns = list(columns or (rows[0].keys() if rows else []))
    if fmt in (Format.json, Format.jsonl):
        for line in json_lines(rows, fmt):
            sys.stdout.write(line + "\n")
    elif fmt is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
    else:
        table = Table(title=title, show_lines=show_lines)
        for column in columns:
            table.add_column(column, **{"overflow": "fold", **(layout or {}).get(column, {})})
        for row in rows:
            table.add_row(*(cell(row.get(c)) for c in columns))
        (console or Console()).print(table)
