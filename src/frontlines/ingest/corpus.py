"""What JSONL and CSV corpora share: decoding a byte stream line by line, and turning a record into a Draft.

A record has the fields ``id, text, title, url, published, outlet``; any other field is kept verbatim in
``Document.meta``. ``id`` becomes ``external_id``; ``published`` is parsed (``DateSource.FIELD``) and kept in
``meta["published"]`` as written when it is not a full date.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator, Mapping
from typing import IO, Any

from frontlines.ingest.build import Draft, Found, Kind
from frontlines.ingest.dates import parse_date
from frontlines.ingest.decode import DecodeError, decode_bytes, decode_line
from frontlines.records import DateSource, IngestProblem

KNOWN_FIELDS = ("id", "text", "title", "url", "published", "outlet")
REPLACEMENT = "\ufffd"  # what an undecodable UTF-16 unit becomes in a line; such a line is refused


class Lines:
    """The lines of a corpus stream as text, and what happened to each while decoding (by line number).

    Each line is decoded on its own: UTF-8 when it is valid UTF-8, else in the file's encoding (when the start
    of the file was not UTF-8) or an encoding guessed for that line, which is then listed in ``repaired``.
    A line no encoding decodes is listed in ``undecodable``; a line longer than ``limit`` bytes is skipped
    without being held in memory and listed in ``too_long`` (an empty line stands in for it).
    """

    def __init__(self, stream: IO[bytes], encoding: str, fallback: str | None, limit: int) -> None:
        self.encoding = encoding  # how the file as a whole is described in reasons
        self.number = 0  # the number of the last line read (1-based)
        self.repaired: dict[int, str] = {}
        self.undecodable: set[int] = set()
        self.too_long: set[int] = set()
        self._fallback = fallback
        self._limit = limit
        self._utf16 = encoding == "utf-16"
        self._text = io.TextIOWrapper(stream, "utf-16", errors="replace", newline="") if self._utf16 else None
        self._stream = stream

    def __iter__(self) -> Iterator[str]:
        while True:
            line = self._read()
            if line is None:
                return
            yield line

    def _read(self) -> str | None:
        return self._read_utf16(self._text) if self._text is not None else self._read_bytes()

    def _read_utf16(self, stream: io.TextIOWrapper) -> str | None:
        text = stream.readline(self._limit + 1)
        if not text:
            return None
        self.number += 1
        if len(text) > self._limit and not text.endswith("\n"):
            self.too_long.add(self.number)
            while (chunk := stream.readline(65_536)) and not chunk.endswith("\n"):
                pass
            return "\n"
        if REPLACEMENT in text:
            self.undecodable.add(self.number)
        return text

    def _read_bytes(self) -> str | None:
        raw = self._stream.readline(self._limit + 1)
        if not raw:
            return None
        self.number += 1
        if self.number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        if len(raw) > self._limit and not raw.endswith(b"\n"):
            self.too_long.add(self.number)
            while (chunk := self._stream.readline(65_536)) and not chunk.endswith(b"\n"):
                pass
            return "\n"
        try:
            text, used = decode_line(raw, self._fallback)
        except DecodeError:
            self.undecodable.add(self.number)
            return raw.decode("utf-8", errors="replace")
        if used is not None and self._fallback is None:
            self.repaired[self.number] = used
        return text


def open_lines(
    stream: IO[bytes], head: bytes, source_uri: str, limit: int
) -> tuple[Lines | None, list[IngestProblem]]:
    """The lines of ``stream`` in the encoding its first bytes show (UTF-8 unless they say otherwise)."""
    problems: list[IngestProblem] = []
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Lines(stream, "utf-16", None, limit), problems
    if _looks_utf8(head):
        return Lines(stream, "utf-8", None, limit), problems
    try:
        decoded = decode_bytes(head)
    except DecodeError as err:
        return None, [IngestProblem(source_uri, Kind.DECODE, str(err))]
    if decoded.encoding == "utf-8":  # mixed: its lines are repaired one by one, each with its own warning
        return Lines(stream, "utf-8", None, limit), problems
    if decoded.warning:
        problems.append(IngestProblem(source_uri, Kind.DECODE, decoded.warning, fatal=False))
    return Lines(stream, decoded.encoding, decoded.encoding, limit), problems


def _looks_utf8(head: bytes) -> bool:
    """Whether the head is UTF-8, give or take a few stray bytes (those lines are decoded on their own).

    JSON Lines is UTF-8 by definition; guessing another encoding for the whole file because of one bad line
    would silently garble every other line.
    """
    text = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(
        head, final=False
    )  # may end mid-char
    stray = text.count(REPLACEMENT)
    wellformed = sum(1 for char in text if ord(char) > 127) - stray
    return stray == 0 or wellformed > stray


def record_item(
    record: Mapping[str, Any], source_uri: str, fmt: str, warnings: tuple[tuple[str, str], ...] = ()
) -> Found:
    """A Draft for one corpus record, or a "no_text" problem when it has no text (or text that is not a
    string: ``{"text": 12345}`` is a number, not a report). ``warnings`` go with the document."""
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        kind = _JSON_TYPES.get(type(text), type(text).__name__)
        return IngestProblem(source_uri, Kind.NO_TEXT, f"the 'text' field is {kind}, not a string of text")
    if text is None or not text.strip():
        return IngestProblem(source_uri, Kind.NO_TEXT, "record without a 'text' field (or with an empty one)")
    meta = {key: value for key, value in record.items() if key not in KNOWN_FIELDS}
    published = parse_date(record.get("published"))
    if published is None and record.get("published") not in (None, ""):
        meta["published"] = record["published"]
    return Draft(
        source_uri=source_uri,
        fmt=fmt,
        body=text,
        title=_scalar(record.get("title")),
        outlet=_scalar(record.get("outlet")),
        url=_scalar(record.get("url")),
        published=published,
        published_source=DateSource.FIELD if published else None,
        external_id=_scalar(record.get("id")),
        meta=meta,
        warnings=warnings,
    )


_JSON_TYPES = {int: "a number", float: "a number", bool: "true or false", list: "a list", dict: "an object"}


def line_warnings(lines: Lines, first: int, last: int, what: str) -> tuple[tuple[str, str], ...]:
    """The decode warning for lines ``first``..``last`` of a record (``what``: "line 7", "row 3")."""
    repaired = sorted({lines.repaired[n] for n in range(first, last + 1) if n in lines.repaired})
    if not repaired:
        return ()
    return ((Kind.DECODE, f"{what} is not valid UTF-8; decoded as {', '.join(repaired)} (a guess)"),)


def _scalar(value: Any) -> str | None:
    """A string field: numbers become text, empty values and lists/objects become None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
