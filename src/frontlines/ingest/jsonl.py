"""JSON corpora: JSON Lines streamed line by line, or one JSON document (an array or object of articles).

JSON Lines: line n of ``path`` gets ``source_uri = f"{path}#L{n}"``. A line that is not valid JSON, not an
object, nested deeper than ``MAX_DEPTH``, undecodable, over the size limit or without text gives one problem
naming that line; the other lines go on. A lone UTF-16 surrogate (``"\\ud800"`` escaped in JSON: half of
an emoji cut in two) is not a character: it becomes U+FFFD, with a "decode" warning.

A whole JSON document (a file starting with ``[``, or a JSON value spread over several lines, as
``json.dumps(..., indent=2)`` writes it) is read whole, up to the size limit: an array of article objects,
several objects one after the other, a single article object, or an object holding one list of articles
(``{"articles": [...]}``). Record n gets ``source_uri = f"{path}#I{n}"``. A syntax error stops the document
there with one problem naming its line and column; the records before it are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from frontlines.ingest.build import Found, Kind
from frontlines.ingest.corpus import line_warnings, open_lines, record_item
from frontlines.ingest.decode import DecodeError, decode_bytes
from frontlines.ingest.normalise import count_surrogates, replace_surrogates
from frontlines.records import IngestProblem

MAX_DEPTH = 64  # records nest no deeper than this (their meta is stored as JSON and read back)
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"


def read_jsonl(stream: IO[bytes], head: bytes, source_uri: str, max_bytes: int) -> Iterator[Found]:
    """Drafts for the records of a JSONL stream, and a problem for every line that is not one."""
    lines, problems = open_lines(stream, head, source_uri, max_bytes)
    yield from problems
    if lines is None:
        return
    for line in lines:
        number = lines.number
        uri = f"{source_uri}#L{number}"
        if number in lines.too_long:
            yield IngestProblem(uri, Kind.TOO_LARGE, f"line {number} is longer than {max_bytes:,} bytes")
        elif number in lines.undecodable:
            yield IngestProblem(
                uri, Kind.DECODE, f"line {number} has bytes that are not valid {lines.encoding}"
            )
        elif line.strip():
            warnings = line_warnings(lines, number, number, f"line {number}")
            yield record_found(_parse(line, f"line {number}"), uri, f"line {number}", warnings)


def is_json_document(head: bytes) -> bool:
    """Whether a .json/.jsonl input is one JSON document rather than JSON Lines.

    It is when it starts with ``[`` on a line of its own or on its only line (``json.dump`` of a list), or
    when its first line is not a whole JSON value (``{`` alone, as pretty-printers write it). A first line
    that is a whole value, or one nested too deeply to tell, means JSON Lines: every line is read on its own.
    """
    start = head.lstrip(b"\xef\xbb\xbf" + _WHITESPACE.encode())
    first_line, newline, _ = start.partition(b"\n")
    first_line = first_line.strip()
    if not newline or not start[len(first_line) :].strip():  # one line (or more than the head holds)
        return start.startswith(b"[")
    if not start.startswith((b"[", b"{")):
        return False
    try:
        json.loads(first_line)
    except ValueError:
        return True
    except RecursionError:
        return False
    return False


def read_json_document(data: bytes, source_uri: str) -> Iterator[Found]:
    """Drafts for the articles of one JSON document (see the module docstring)."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as err:
        yield IngestProblem(source_uri, Kind.DECODE, str(err))
        return
    if decoded.warning:
        yield IngestProblem(source_uri, Kind.DECODE, decoded.warning, fatal=False)
    text = decoded.text
    for number, value in enumerate(_values(text, source_uri), start=1):
        if isinstance(value, IngestProblem):
            yield value
            return
        uri = f"{source_uri}#I{number}"
        yield record_found(value, uri, f"item {number}", ())


class _Broken(Exception):
    """A JSON document breaks off at ``position``."""

    def __init__(self, position: int, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


def _values(text: str, source_uri: str) -> Iterator[Any]:
    """The article records of a JSON document, in order, then a problem if it breaks off."""
    try:
        yield from _decode_values(text)
    except _Broken as broken:
        yield _syntax_problem(text, broken.position, source_uri, broken.message)


def _decode_values(text: str) -> Iterator[Any]:
    position = _skip(text, 0)
    if not text.startswith("[", position):
        while position < len(text):  # one object, or several one after the other
            value, position = _one_value(text, position)
            yield from _articles_in(value)
            position = _skip(text, position)
        return
    position = _skip(text, position + 1)
    if text.startswith("]", position):
        return
    while True:
        value, position = _one_value(text, position)
        yield value
        position = _skip(text, position)
        if text.startswith("]", position):
            if _skip(text, position + 1) < len(text):
                raise _Broken(_skip(text, position + 1), "extra data after the array")
            return
        if not text.startswith(",", position):
            raise _Broken(position, "expected ',' or ']' after an item")
        position = _skip(text, position + 1)


def _one_value(text: str, position: int) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as err:
        raise _Broken(err.pos, err.msg) from None
    except RecursionError:
        raise _Broken(position, "nested too deeply to read") from None


def _articles_in(value: Any) -> list[Any]:
    """One top-level object: itself when it is an article, else the one list of objects it holds."""
    if isinstance(value, dict) and "text" not in value:
        lists = [
            item for item in value.values() if isinstance(item, list) and item and isinstance(item[0], dict)
        ]
        if len(lists) == 1:
            return list(lists[0])
    return [value]


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position


def _syntax_problem(text: str, position: int, source_uri: str, message: str) -> IngestProblem:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    reason = f"not valid JSON at line {line}, column {column} ({message}); the rest of the file is not read"
    return IngestProblem(source_uri, Kind.MALFORMED_JSON, reason)


def _parse(line: str, what: str) -> Any:
    """The JSON value of one line, or an IngestProblem (with an empty source_uri) saying why not."""
    try:
        return json.loads(line)
    except ValueError as err:
        return IngestProblem("", Kind.MALFORMED_JSON, f"{what} is not valid JSON ({err})")
    except RecursionError:
        return IngestProblem("", Kind.MALFORMED_JSON, f"{what} is nested too deeply to read")


def record_found(value: Any, uri: str, what: str, warnings: tuple[tuple[str, str], ...]) -> Found:
    """A Draft for one decoded JSON value, or the problem that says why it is not a record."""
    if isinstance(value, IngestProblem):
        return IngestProblem(uri, value.kind, value.reason)
    if not isinstance(value, dict):
        return IngestProblem(uri, Kind.MALFORMED_JSON, f"{what} is a JSON {_type_name(value)}, not an object")
    depth, surrogates = _inspect(value)
    if depth > MAX_DEPTH:
        reason = f"{what} nests values more than {MAX_DEPTH} levels deep; not an article record"
        return IngestProblem(uri, Kind.MALFORMED_JSON, reason)
    if surrogates:
        value = _without_surrogates(value)
        plural = "s" if surrogates > 1 else ""
        reason = f"{what} has {surrogates} lone surrogate escape{plural} (not characters); replaced by U+FFFD"
        warnings = (*warnings, (Kind.DECODE, reason))
    return record_item(value, uri, "jsonl", warnings)


def _type_name(value: Any) -> str:
    return {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), "null"
    )


def _inspect(record: dict[str, Any]) -> tuple[int, int]:
    """How deep ``record`` nests (1 for a flat object) and how many lone surrogates its strings hold;
    iterative, and it stops descending past MAX_DEPTH."""
    depth, surrogates = 0, 0
    stack: list[tuple[Any, int]] = [(record, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, str):
            surrogates += count_surrogates(value)
            continue
        if not isinstance(value, dict | list):
            continue
        depth = max(depth, level)
        if level > MAX_DEPTH:
            continue
        items = list(value.items()) if isinstance(value, dict) else [(None, item) for item in value]
        for key, item in items:
            if key is not None:
                surrogates += count_surrogates(key)
            stack.append((item, level + 1))
    return depth, surrogates


def _without_surrogates(value: Any) -> Any:
    """A copy of a (shallow enough) JSON value with lone surrogates replaced by U+FFFD."""
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {replace_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    return value
