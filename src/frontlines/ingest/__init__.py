"""Ingest: read news reports from files, folders and http(s) URLs into ``Document`` records.

    for item in ingest(["reports/", "https://example.org/feed.xml"]):
        if isinstance(item, Document): ...
        else: ...  # an IngestProblem: a human-readable reason why (part of) an input was not read

Ingest never writes anywhere and never raises for a bad input: one bad input (or one bad line, row or feed
entry) gives an ``IngestProblem`` and the rest goes on. Everything is a generator, so a large corpus streams.
The formats and problem kinds are described in README.md next to this file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.ingest.build import Draft, Found, Item, Kind, finish
from frontlines.ingest.csvrows import read_csv
from frontlines.ingest.decode import DecodeError, decode_bytes
from frontlines.ingest.feed import read_feed
from frontlines.ingest.fetch import fetch_url
from frontlines.ingest.htmlpage import read_html_page
from frontlines.ingest.jsonl import is_json_document, read_json_document, read_jsonl, record_found
from frontlines.ingest.normalise import document_id, normalise_text
from frontlines.ingest.plaintext import read_text_report
from frontlines.ingest.sniff import binary_kind, detect_format
from frontlines.ingest.sources import RawInput, expand, open_file
from frontlines.records import Document, IngestProblem

__all__ = ["IngestOptions", "Kind", "document_id", "ingest", "ingest_record", "normalise_text"]

STREAMED_FORMATS = ("jsonl", "csv")  # read line by line, so max_bytes applies per record, not per file


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How ingest reads its inputs."""

    max_bytes: int = 20_000_000  # files/responses over this are refused with kind "too_large"
    timeout_s: float = 20.0  # http(s): longest wait for the connection or for any one read
    deadline_s: float = 60.0  # http(s): longest time for a whole fetch (a server trickling bytes is cut off)
    user_agent: str = "frontlines/0.1"
    default_outlet: str | None = None  # outlet when the input names none


def ingest(
    sources: Iterable[str], options: IngestOptions = IngestOptions()
) -> Iterator[Document | IngestProblem]:
    """Documents and problems from every source (file, folder or http(s) URL), lazily, in input order.

    An input named twice (a file given alone and inside a folder) is read once, and the same
    (id, source_uri) pair is never yielded twice (both are remembered: ~150 bytes per document).
    """
    if isinstance(sources, str):  # ingest("report.txt") means one source, not one per character
        sources = [sources]
    seen_inputs: set[str] = set()
    seen_documents: set[tuple[str, str]] = set()
    for source in sources:
        for target in expand(str(source)):
            if isinstance(target, IngestProblem):
                yield target
                continue
            key = str(target.resolve()) if isinstance(target, Path) else target
            if key in seen_inputs:
                continue
            seen_inputs.add(key)
            yield from _unique(_read_input(target, options), seen_documents)


def ingest_record(
    record: Mapping[str, Any], source_uri: str, options: IngestOptions = IngestOptions()
) -> list[Document | IngestProblem]:
    """One report given as a JSON object (the REST API's `POST /api/documents`): read exactly as one record of
    a JSONL corpus (fields `text`, `title`, `outlet`, `url`, `published`, `id`; others kept in `meta`), with
    the same checks: a record over ``max_bytes`` of text is refused (too_large), one without text gives a
    no_text problem."""
    text = record.get("text")
    if isinstance(text, str) and len(text.encode("utf-8", errors="replace")) > options.max_bytes:
        reason = f"text too large (over {options.max_bytes:,} bytes, the limit)"
        return [IngestProblem(source_uri, Kind.TOO_LARGE, reason)]
    found = record_found(dict(record), source_uri, "the record", ())
    if not isinstance(found, Draft):
        return [found]
    try:
        return list(finish(found, options.default_outlet))
    except Exception as err:  # a library failing on hostile input: recorded, never raised
        return [_internal(source_uri, "this record could not be read", err)]


def _unique(items: Iterator[Item], seen: set[tuple[str, str]]) -> Iterator[Item]:
    """``items`` without documents whose (id, source_uri) was yielded before, nor their warnings."""
    repeated: set[tuple[str | None, str]] = set()
    for item in items:
        if isinstance(item, Document):
            if (item.id, item.source_uri) in seen:
                repeated.add((item.id, item.source_uri))
                continue
            seen.add((item.id, item.source_uri))
        elif (item.doc_id, item.source_uri) in repeated:
            continue
        yield item


def _read_input(target: str | Path, options: IngestOptions) -> Iterator[Item]:
    """Everything one file or URL yields; a "no_text" problem when it yields nothing at all.

    An unexpected error (a bug, or a library failing on hostile input) while reading one record becomes an
    "internal" problem for that record, and one while reading the input stops only that input: the batch
    always goes on.
    """
    if isinstance(target, Path):
        raw = open_file(target)
    else:
        raw = fetch_url(target, options.timeout_s, options.user_agent, options.max_bytes, options.deadline_s)
    if isinstance(raw, IngestProblem):
        yield raw
        return
    found_something = False
    items = _parse(raw, options)
    while True:
        try:
            item = next(items)
        except StopIteration:
            break
        except Exception as err:  # recorded with its reason; the batch goes on
            yield _internal(raw.uri, "reading this input stopped", err)
            found_something = True
            break
        if isinstance(item, Draft):
            try:
                finished = list(finish(item, options.default_outlet))
            except Exception as err:  # as above, for one record
                finished = [_internal(item.source_uri, "this record could not be read", err)]
            found_something = True
            yield from finished
        else:
            found_something = found_something or item.fatal
            yield item
    if not found_something:
        yield IngestProblem(raw.uri, Kind.NO_TEXT, "no document found in this input")


def _internal(uri: str, what: str, err: Exception) -> IngestProblem:
    message = str(err)[:200]
    detail = f" ({message})" if message else ""
    return IngestProblem(uri, Kind.INTERNAL, f"{what}: unexpected {type(err).__name__}{detail}")


def _parse(raw: RawInput, options: IngestOptions) -> Iterator[Found]:
    """Recognise one input and hand it to its format reader."""
    if raw.size == 0 or not raw.head:
        yield IngestProblem(raw.uri, Kind.EMPTY, "empty file (0 bytes)")
        return
    if binary := binary_kind(raw.head):
        yield IngestProblem(raw.uri, Kind.BINARY, f"binary file ({binary}), not a text report")
        return
    if not raw.head.strip() and raw.size == len(raw.head):
        yield IngestProblem(raw.uri, Kind.EMPTY, "only whitespace, no text")
        return
    utf16 = raw.head.startswith((b"\xff\xfe", b"\xfe\xff"))
    head_text = raw.head[:4096].decode("utf-16" if utf16 else "utf-8", errors="replace")
    fmt = detect_format(raw.name, raw.content_type, head_text)
    if fmt in STREAMED_FORMATS:
        yield from _parse_stream(raw, fmt, options.max_bytes)
        return
    if raw.size is not None and raw.size > options.max_bytes:
        reason = f"too large ({raw.size:,} bytes; the limit is {options.max_bytes:,} bytes)"
        yield IngestProblem(raw.uri, Kind.TOO_LARGE, reason)
        return
    try:
        with raw.open() as stream:
            data = stream.read(options.max_bytes + 1)
        decoded = decode_bytes(data, raw.charset)
    except OSError as err:
        yield IngestProblem(raw.uri, Kind.UNREADABLE, f"cannot read this file: {err.strerror or err}")
        return
    except DecodeError as err:
        yield IngestProblem(raw.uri, Kind.DECODE, str(err))
        return
    if decoded.warning:
        yield IngestProblem(raw.uri, Kind.DECODE, decoded.warning, fatal=False)
    if not decoded.text.strip():
        yield IngestProblem(raw.uri, Kind.EMPTY, "only whitespace, no text")
        return
    if fmt == "html":
        yield from read_html_page(decoded.text, raw.uri, raw.page_url)
    elif fmt == "feed":
        yield from read_feed(decoded.text, raw.uri)
    else:
        yield from read_text_report(decoded.text, raw.uri)


def _parse_stream(raw: RawInput, fmt: str, max_bytes: int) -> Iterator[Found]:
    """JSONL and CSV corpora: streamed record by record from the file (or the fetched body); a JSON
    document (an array of articles, a pretty-printed object) is read whole, up to ``max_bytes``."""
    whole = fmt == "jsonl" and is_json_document(raw.head)
    if whole and raw.size is not None and raw.size > max_bytes:
        reason = (
            f"a JSON document is read whole, and this one is too large ({raw.size:,} bytes; the limit is "
            f"{max_bytes:,} bytes): write it as JSON Lines (one object per line) to stream it"
        )
        yield IngestProblem(raw.uri, Kind.TOO_LARGE, reason)
        return
    try:
        stream = raw.open()
    except OSError as err:
        yield IngestProblem(raw.uri, Kind.UNREADABLE, f"cannot read this file: {err.strerror or err}")
        return
    with stream:
        if whole:
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield IngestProblem(raw.uri, Kind.TOO_LARGE, f"a JSON document over {max_bytes:,} bytes")
                return
            yield from read_json_document(data, raw.uri)
        elif fmt == "jsonl":
            yield from read_jsonl(stream, raw.head, raw.uri, max_bytes)
        else:
            yield from read_csv(stream, raw.head, raw.uri, max_bytes)
