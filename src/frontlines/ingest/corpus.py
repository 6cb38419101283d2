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
from frontlines.ingest.decode import DecodeError, decode_bytes
from frontlines.records import DateSource, IngestProblem

KNOWN_FIELDS = ("id", "text", "title", "url", "published", "outlet")
REPLACEMENT = "\ufffd"  # what an undecodable byte becomes in a line; such a line is refused


def open_text_stream(
    stream: IO[bytes], head: bytes, source_uri: str
) -> tuple[io.TextIOWrapper | None, list[IngestProblem]]:
    """A text stream over ``stream`` in the encoding the first bytes show (UTF-8 unless they say otherwise).

    Undecodable bytes become U+FFFD so one bad line cannot stop the file; readers refuse such lines.
    """
    problems: list[IngestProblem] = []
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif _looks_utf8(head):
        encoding = "utf-8-sig"
    else:
        try:
            decoded = decode_bytes(head)
        except DecodeError as err:
            return None, [IngestProblem(source_uri, Kind.DECODE, str(err))]
        encoding = decoded.encoding
        if decoded.warning:
            problems.append(IngestProblem(source_uri, Kind.DECODE, decoded.warning, fatal=False))
    return io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=""), problems


def _looks_utf8(head: bytes) -> bool:
    """Whether the head is UTF-8, give or take a few stray bytes (those lines will be refused, not guessed).

    JSON Lines is UTF-8 by definition; guessing another encoding for the whole file because of one bad line
    would silently garble every other line.
    """
    text = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(
        head, final=False
    )  # may end mid-char
    stray = text.count(REPLACEMENT)
    wellformed = sum(1 for char in text if ord(char) > 127) - stray
    return stray == 0 or wellformed > stray


def record_item(record: Mapping[str, Any], source_uri: str, fmt: str) -> Found:
    """A Draft for one corpus record, or a "no_text" problem when it has no usable text."""
    text = record.get("text")
    if isinstance(text, int | float) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
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
    )


def undecodable(values: Iterator[str] | list[str] | str) -> bool:
    """Whether a line (or the cells of a row) held bytes the stream's encoding could not decode."""
    if isinstance(values, str):
        return REPLACEMENT in values
    return any(REPLACEMENT in value for value in values)


def _scalar(value: Any) -> str | None:
    """A string field: numbers become text, empty values and lists/objects become None."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None
