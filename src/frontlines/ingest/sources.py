"""Where inputs come from: expand sources into inputs, then open each input as bytes.

* a folder is walked recursively in sorted order, skipping hidden files and folders (names starting with .);
* a file is read from disk; JSONL/CSV corpora are streamed, other files must fit in ``max_bytes``;
* an http(s) URL is fetched with urllib (timeout, user agent, at most ``max_bytes``).

Every failure becomes an ``IngestProblem`` (not_found, unreadable, fetch, too_large), never an exception.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
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


def fetch_url(url: str, timeout_s: float, user_agent: str, max_bytes: int) -> RawInput | IngestProblem:
    """GET ``url``; the whole body (at most ``max_bytes``) is kept in memory."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # only http(s): see is_url
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                return _too_large(url, int(length), max_bytes)
            body = response.read(max_bytes + 1)
            headers: Message = response.headers
            final_url = response.geturl()
    except urllib.error.HTTPError as err:
        return IngestProblem(url, Kind.FETCH, f"HTTP error {err.code} {err.reason} when fetching")
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            return IngestProblem(url, Kind.FETCH, f"timed out after {timeout_s:g} s when fetching")
        return IngestProblem(url, Kind.FETCH, f"cannot fetch: {reason}")
    except TimeoutError:
        return IngestProblem(url, Kind.FETCH, f"timed out after {timeout_s:g} s when fetching")
    except (OSError, ValueError) as err:
        return IngestProblem(url, Kind.FETCH, f"cannot fetch: {err}")
    if len(body) > max_bytes:
        return _too_large(url, None, max_bytes)
    return RawInput(
        uri=url,
        name=urllib.parse.urlsplit(final_url).path,
        head=body[:HEAD_BYTES],
        size=len(body),
        open=lambda: io.BytesIO(body),
        content_type=headers.get_content_type() if headers.get("Content-Type") else None,
        charset=headers.get_content_charset(),
        page_url=final_url,
    )


def _too_large(uri: str, size: int | None, max_bytes: int) -> IngestProblem:
    size_text = f"{size:,} bytes" if size is not None else f"over {max_bytes:,} bytes"
    return IngestProblem(uri, Kind.TOO_LARGE, f"too large ({size_text}; the limit is {max_bytes:,} bytes)")
