"""Fetch an http(s) source with urllib: a per-read timeout, an overall deadline and a size cap.

* ``timeout_s`` bounds the connection and every single read;
* ``deadline_s`` bounds the whole fetch: a watchdog thread shuts the connection's socket down when it passes,
  so a server that trickles a few bytes a second (each read well within the timeout) cannot hold ingest
  forever. The fetch then gives a "fetch_timeout" problem and ingest reads the next source;
* ``max_bytes`` bounds the body as received and, for a gzip/deflate ``Content-Encoding``, as decompressed
  (a small compressed response can inflate a thousandfold).

Every failure becomes an ``IngestProblem`` (fetch, fetch_timeout, too_large, unsupported), never an exception.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import io
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
import zlib
from email.message import Message
from typing import Any

from frontlines.ingest.build import Kind
from frontlines.ingest.sources import HEAD_BYTES, RawInput, too_large
from frontlines.records import IngestProblem

CHUNK_BYTES = 65_536
_DECODERS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class Watchdog:
    """Shuts down the sockets of one fetch when its deadline passes, so no read can outlast it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket | None) -> None:
        with self._lock:
            if sock is None:
                return
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, watchdog: Watchdog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watchdog = watchdog

    def connect(self) -> None:
        super().connect()
        self.watchdog.watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, watchdog: Watchdog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watchdog = watchdog

    def connect(self) -> None:
        super().connect()
        self.watchdog.watch(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watchdog: Watchdog) -> None:
        super().__init__()
        self.watchdog = watchdog

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_WatchedHTTPConnection, watchdog=self.watchdog)
        return self.do_open(connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: Watchdog) -> None:
        super().__init__()
        self.watchdog = watchdog

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_WatchedHTTPSConnection, watchdog=self.watchdog)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


def fetch_url(
    url: str, timeout_s: float, user_agent: str, max_bytes: int, deadline_s: float = 60.0
) -> RawInput | IngestProblem:
    """GET ``url``; the whole body (at most ``max_bytes``, decompressed) is kept in memory."""
    headers = {"User-Agent": user_agent, "Accept": "*/*", "Accept-Encoding": "gzip, deflate"}
    request = urllib.request.Request(url, headers=headers)
    with Watchdog(deadline_s) as watchdog:
        opener = urllib.request.build_opener(_HTTPHandler(watchdog), _HTTPSHandler(watchdog))
        try:
            fetched = _get(opener, request, url, timeout_s, max_bytes, watchdog)
        except urllib.error.HTTPError as err:
            return IngestProblem(url, Kind.FETCH, f"HTTP error {err.code} {err.reason} when fetching")
        except urllib.error.URLError as err:
            if watchdog.expired or isinstance(err.reason, TimeoutError):
                return _timed_out(url, timeout_s, watchdog)
            return IngestProblem(url, Kind.FETCH, f"cannot fetch: {err.reason}")
        except (TimeoutError, OSError, ValueError, http.client.HTTPException) as err:
            if watchdog.expired or isinstance(err, TimeoutError):
                return _timed_out(url, timeout_s, watchdog)
            return IngestProblem(url, Kind.FETCH, f"cannot fetch: {err}")
        if watchdog.expired and not isinstance(fetched, IngestProblem):
            return _timed_out(url, timeout_s, watchdog)  # the body may have ended only because it was cut
    return fetched


def _get(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    url: str,
    timeout_s: float,
    max_bytes: int,
    watchdog: Watchdog,
) -> RawInput | IngestProblem:
    with opener.open(request, timeout=timeout_s) as response:  # only http(s): see sources.is_url
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            return too_large(url, int(length), max_bytes)
        encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
        if encoding not in _DECODERS and encoding != "identity":
            return IngestProblem(url, Kind.UNSUPPORTED, f"unsupported Content-Encoding {encoding!r}")
        body = _read_body(response, max_bytes, _DECODERS.get(encoding), watchdog)
        headers: Message = response.headers
        final_url = response.geturl()
    if body is None:
        what = "decompressed body" if encoding in _DECODERS else "body"
        return IngestProblem(url, Kind.TOO_LARGE, f"too large ({what} over the limit of {max_bytes:,} bytes)")
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


def _read_body(response: Any, max_bytes: int, wbits: int | None, watchdog: Watchdog) -> bytes | None:
    """The body, decompressed when ``wbits`` is given; None when it is over ``max_bytes``."""
    decompressor = zlib.decompressobj(wbits) if wbits is not None else None
    parts: list[bytes] = []
    size = 0
    while not watchdog.expired:
        chunk = response.read1(CHUNK_BYTES) if hasattr(response, "read1") else response.read(CHUNK_BYTES)
        if not chunk:
            break
        if decompressor is not None:
            try:
                chunk = decompressor.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as err:
                raise ValueError(f"the compressed body is corrupt ({err})") from err
            if decompressor.unconsumed_tail:  # more output than the room left
                return None
        parts.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return None
    return b"".join(parts)


def _timed_out(url: str, timeout_s: float, watchdog: Watchdog) -> IngestProblem:
    if watchdog.expired:
        reason = f"stopped after {watchdog.seconds:g} s, the deadline for one fetch (the server is too slow)"
    else:
        reason = f"timed out after {timeout_s:g} s when fetching (no answer)"
    return IngestProblem(url, Kind.FETCH_TIMEOUT, reason)
