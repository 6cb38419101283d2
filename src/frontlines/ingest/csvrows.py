"""CSV corpora with a header row, read as a stream (constant memory for any file size).

Data row n (the header is not counted, so the first record is R1) gets ``source_uri = f"{path}#R{n}"``.
The delimiter is a comma, or a semicolon/tab when the header uses that instead. A row with bad quoting,
a different number of cells than the header, undecodable bytes or no text gives one problem for that row.
A cell over the csv module's field size limit (128 KiB) is bad CSV too; the global limit is left alone. A
line with bytes that are not UTF-8 is decoded on its own in a guessed encoding, with a warning (corpus.py).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from frontlines.ingest.build import Found, Kind
from frontlines.ingest.corpus import Lines, line_warnings, open_lines, record_item
from frontlines.records import IngestProblem


def read_csv(stream: IO[bytes], head: bytes, source_uri: str, max_bytes: int) -> Iterator[Found]:
    """Drafts for the rows of a CSV stream, and a problem for every row that is not a record."""
    lines, problems = open_lines(stream, head, source_uri, max_bytes)
    yield from problems
    if lines is None:
        return
    rows = iter(lines)
    first_line = next(rows, "")
    delimiter = max(",;\t", key=first_line.count)
    try:
        header = [cell.strip().lower() for cell in next(csv.reader([first_line], delimiter=delimiter))]
    except (StopIteration, csv.Error):
        header = []
    if "text" not in header:
        yield IngestProblem(source_uri, Kind.MALFORMED_CSV, "CSV header has no 'text' column")
        return
    reader = csv.reader(rows, delimiter=delimiter, strict=True)
    number = 0
    while True:
        number += 1
        uri = f"{source_uri}#R{number}"
        first = lines.number + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield IngestProblem(uri, Kind.MALFORMED_CSV, f"row {number} is not valid CSV ({err})")
            continue
        item = _row_item(row, header, lines, first, number, uri)
        if item is None:
            number -= 1  # blank lines are not rows
        else:
            yield item


def _row_item(
    row: list[str], header: list[str], lines: Lines, first: int, number: int, uri: str
) -> Found | None:
    """The record or problem of one row (read from lines ``first``..``lines.number``); None for a blank line."""
    read = range(first, lines.number + 1)
    if any(line in lines.too_long for line in read):
        return IngestProblem(uri, Kind.TOO_LARGE, f"row {number} has a line longer than the size limit")
    if any(line in lines.undecodable for line in read):
        return IngestProblem(uri, Kind.DECODE, f"row {number} has bytes that are not valid {lines.encoding}")
    if not any(cell.strip() for cell in row):
        return None
    if len(row) != len(header):
        reason = f"row {number} has {len(row)} cells but the header has {len(header)}"
        return IngestProblem(uri, Kind.MALFORMED_CSV, reason)
    warnings = line_warnings(lines, first, lines.number, f"row {number}")
    return record_item(dict(zip(header, row, strict=True)), uri, "csv", warnings)
