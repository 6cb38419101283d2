"""Where inputs come from: expand sources into inputs, then open each input as bytes.

* a folder is walked recursively in sorted order, skipping hidden files and folders (names starting with .);
* a file is read from disk; JSONL/CSV corpora are streamed, other files must fit in ``max_bytes``;
* an http(s) URL is fetched by fetch.py (timeouts, a deadline, at most ``max_bytes``).

Every failure becomes an ``IngestProblem`` (not_found, unreadable, too_large), never an exception.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from frontlines.ingest.build import Kind
from frontlines.records import IngestProblem

HEAD_BYTES = 65_536  # how much of an input is read to recognise it


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input, opened: its first bytes for recognition, and how to read all of it."""

    uri: str  # the source_uri of what it yields
    name: str  # file name or URL path, whose extension hints at the format
    head: bytes
    size: int | None  # in bytes, when known before reading
    open: Callable[[], IO[bytes]]  # a fresh binary stream over the whole input
    content_type: str | None = None  # from the HTTP response
    charset: str | None = None  # from the HTTP response
    page_url: str | None = None  # the URL fetched (after redirects)


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme.lower() in ("http", "https")


def expand(source: str) -> Iterator[str | Path | IngestProblem]:
    """The inputs a source names: itself (a URL or a file), or every visible file under a folder."""
    if is_url(source):
        yield source
        return
    path = Path(source)
    if path.is_dir():
        yield from _walk(path)
    elif path.exists():
        yield path
    else:
        yield IngestProblem(source, Kind.NOT_FOUND, "no such file, folder or URL")


def _walk(folder: Path, visited: frozenset[Path] = frozenset()) -> Iterator[Path | IngestProblem]:
    """Visible files under ``folder``, depth first, in sorted path order (symlink loops are not followed)."""
    here = folder.resolve()
    if here in visited:
        return
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as err:
        yield IngestProblem(str(folder), Kind.UNREADABLE, f"cannot list this folder: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, visited | {here})
        elif entry.is_file():
            yield entry


def open_file(path: Path) -> RawInput | IngestProblem:
    """The file at ``path`` as a RawInput (only its head is read now)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        size = path.stat().st_size
    except PermissionError:
        return IngestProblem(str(path), Kind.UNREADABLE, "permission denied: cannot read this file")
    except OSError as err:
        return IngestProblem(str(path), Kind.UNREADABLE, f"cannot read this file: {err.strerror or err}")
    return RawInput(uri=str(path), name=path.name, head=head, size=size, open=lambda: path.open("rb"))


def too_large(uri: str, size: int | None, max_bytes: int) -> IngestProblem:
    size_text = f"{size:,} bytes" if size is not None else f"over {max_bytes:,} bytes"
    return IngestProblem(uri, Kind.TOO_LARGE, f"too large ({size_text}; the limit is {max_bytes:,} bytes)")
