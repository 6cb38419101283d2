"""JSON Lines corpora: one JSON object per line, read as a stream (constant memory for any file size).

Line n of ``path`` gets ``source_uri = f"{path}#L{n}"``. A malformed line, a line that is not an object, a
line with undecodable bytes or without text gives one problem for that line; the other lines go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from frontlines.ingest.build import Found, Kind
from frontlines.ingest.corpus import open_text_stream, record_item, undecodable
from frontlines.records import IngestProblem


def read_jsonl(stream: IO[bytes], head: bytes, source_uri: str, max_bytes: int) -> Iterator[Found]:
    """Drafts for the records of a JSONL stream, and a problem for every line that is not one."""
    lines, problems = open_text_stream(stream, head, source_uri)
    yield from problems
    if lines is None:
        return
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield IngestProblem(
            source_uri, Kind.UNSUPPORTED, "a JSON array, not JSON Lines (one object per line)"
        )
        return
    for number, line in enumerate(lines, start=1):
        uri = f"{source_uri}#L{number}"
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield IngestProblem(uri, Kind.TOO_LARGE, f"line {number} is longer than {max_bytes} characters")
        elif undecodable(line):
            yield IngestProblem(
                uri, Kind.DECODE, f"line {number} has bytes that are not valid {lines.encoding}"
            )
        else:
            yield _line_item(line, uri, number)


def _line_item(line: str, uri: str, number: int) -> Found:
    try:
        record = json.loads(line)
    except ValueError as err:
        return IngestProblem(uri, Kind.MALFORMED_JSON, f"line {number} is not valid JSON ({err})")
    if not isinstance(record, dict):
        kind = type(record).__name__
        return IngestProblem(uri, Kind.MALFORMED_JSON, f"line {number} is a JSON {kind}, not an object")
    return record_item(record, uri, "jsonl")
