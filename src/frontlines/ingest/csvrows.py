"""CSV corpora with a header row, read as a stream (constant memory for any file size).

Data row n (the header is not counted, so the first record is R1) gets ``source_uri = f"{path}#R{n}"``.
The delimiter is a comma, or a semicolon/tab when the header uses that instead. A row with bad quoting,
a different number of cells than the header, undecodable bytes or no text gives one problem for that row.
A cell over the csv module's field size limit (128 KiB) is bad CSV too; the global limit is left alone.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from frontlines.ingest.build import Found, Kind
from frontlines.ingest.corpus import open_text_stream, record_item, undecodable
from frontlines.records import IngestProblem


def read_csv(stream: IO[bytes], head: bytes, source_uri: str) -> Iterator[Found]:
    """Drafts for the rows of a CSV stream, and a problem for every row that is not a record."""
    lines, problems = open_text_stream(stream, head, source_uri)
    yield from problems
    if lines is None:
        return
    first_line = lines.readline()
    delimiter = max(",;\t", key=first_line.count)
    try:
        header = [cell.strip().lower() for cell in next(csv.reader([first_line], delimiter=delimiter))]
    except (StopIteration, csv.Error):
        header = []
    if "text" not in header:
        yield IngestProblem(source_uri, Kind.MALFORMED_CSV, "CSV header has no 'text' column")
        return
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    number = 0
    while True:
        number += 1
        uri = f"{source_uri}#R{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield IngestProblem(uri, Kind.MALFORMED_CSV, f"row {number} is not valid CSV ({err})")
            continue
        if not any(cell.strip() for cell in row):
            number -= 1  # blank lines are not rows
        elif len(row) != len(header):
            reason = f"row {number} has {len(row)} cells but the header has {len(header)}"
            yield IngestProblem(uri, Kind.MALFORMED_CSV, reason)
        elif undecodable(row):
            yield IngestProblem(
                uri, Kind.DECODE, f"row {number} has bytes that are not valid {lines.encoding}"
            )
        else:
            yield record_item(dict(zip(header, row, strict=True)), uri, "csv")
