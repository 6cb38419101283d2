"""Ingest from http(s) URLs, against a local server on 127.0.0.1 (no test touches the internet).

All report texts here are invented for the tests.
"""

from __future__ import annotations

import datetime as dt
import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from frontlines.ingest import IngestOptions, ingest
from frontlines.records import DateSource, Document, IngestProblem

ARTICLE = b"""<!DOCTYPE html><html><head><title>Troops enter Tadif</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2016-08-15T07:00:00Z"></head>
<body><article><h1>Troops enter Tadif</h1>
<p>Government troops entered the town of Tadif on Monday after clashes with militants, the army said.</p>
<p>Two soldiers were killed and five were wounded, according to a military source.</p>
</article></body></html>"""

FEED = b"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Shelling hits Kafr Halab</title><link>https://wire.example.org/1</link>
<pubDate>Mon, 15 Aug 2016 10:00:00 +0000</pubDate>
<description>Militants shelled the village of Kafr Halab, killing two civilians.</description></item>
<item><title>Army advances near Zitan</title><link>https://wire.example.org/2</link>
<description>Government troops advanced toward Zitan after an overnight assault.</description></item>
</channel></rss>"""

REPORT = b"Army advances near Zitan\n\nGovernment troops advanced toward Zitan after an overnight assault."

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/news/tadif": (200, "text/html; charset=utf-8", ARTICLE),
    "/feed": (200, "application/rss+xml", FEED),
    "/report": (200, "text/plain; charset=utf-8", REPORT),
    "/map.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    "/empty": (200, "text/plain", b""),
    "/big": (200, "text/plain", REPORT * 50),
}


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


COMPRESSED: dict[str, bytes] = {
    "/gzipped": _gzip(REPORT),
    "/gzip-bomb": _gzip(b"Army advances near Zitan\n\n" + b" " * 5_000_000),  # ~5 KB on the wire
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path.startswith("/trickle"):
            self._trickle()
            return
        if self.path in COMPRESSED:
            body = COMPRESSED[self.path]
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news/tadif")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/html", b"<h1>Not found</h1>"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self) -> None:
        """A byte every 20 ms (50 bytes a second), each read well within any timeout, for up to 20 s: in the
        headers for /trickle-headers, in the body for /trickle."""
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
            if self.path == "/trickle":
                self.wfile.write(b"\r\n")
            for _ in range(1_000):
                self.wfile.write(b"X-Slow: a\r\n" if self.path == "/trickle-headers" else b"a")
                self.wfile.flush()
                time.sleep(0.02)
        except OSError:  # the client hung up: what the deadline should make it do
            pass

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(*urls: str, **options: object) -> list[Document | IngestProblem]:
    return list(ingest(list(urls), IngestOptions(**options)))  # type: ignore[arg-type]


def test_html_page_by_url(server: str) -> None:
    [doc] = run(f"{server}/news/tadif")
    assert isinstance(doc, Document)
    assert (doc.fmt, doc.source_uri, doc.url) == ("html", f"{server}/news/tadif", f"{server}/news/tadif")
    assert (doc.title, doc.outlet) == ("Troops enter Tadif", "Example News")
    assert (doc.published, doc.published_source) == (dt.date(2016, 8, 15), DateSource.METADATA)
    assert "Two soldiers were killed" in doc.text


def test_redirect_is_followed_and_the_final_url_kept(server: str) -> None:
    [doc] = run(f"{server}/moved")
    assert isinstance(doc, Document)
    assert (doc.source_uri, doc.url) == (f"{server}/moved", f"{server}/news/tadif")


def test_feed_by_url_content_type_decides(server: str) -> None:
    first, second = run(f"{server}/feed")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.fmt, first.outlet, first.source_uri) == ("feed", "Example Wire", f"{server}/feed#E1")
    assert (first.published, first.published_source) == (dt.date(2016, 8, 15), DateSource.FEED)
    assert (second.url, second.published) == ("https://wire.example.org/2", None)


def test_plain_text_by_url(server: str) -> None:
    [doc] = run(f"{server}/report")
    assert isinstance(doc, Document)
    assert (doc.fmt, doc.title) == ("text", "Army advances near Zitan")


@pytest.mark.parametrize(
    ("path", "kind", "reason_part"),
    [
        ("/missing", "fetch", "HTTP error 404"),
        ("/map.png", "binary", "binary file (PNG image), not a text report"),
        ("/empty", "empty", "empty"),
    ],
)
def test_bad_urls(server: str, path: str, kind: str, reason_part: str) -> None:
    [problem] = run(server + path)
    assert isinstance(problem, IngestProblem)
    assert (problem.source_uri, problem.kind, problem.fatal) == (server + path, kind, True)
    assert reason_part in problem.reason


def test_response_over_max_bytes(server: str) -> None:
    [problem] = run(f"{server}/big", max_bytes=500)
    assert isinstance(problem, IngestProblem) and problem.kind == "too_large"


def test_connection_refused() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago, with nobody listening on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    [problem] = run(f"http://127.0.0.1:{port}/news")
    assert isinstance(problem, IngestProblem)
    assert problem.kind == "fetch" and "cannot fetch" in problem.reason


def test_timeout() -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        [problem] = run(f"http://127.0.0.1:{silent.getsockname()[1]}/slow", timeout_s=0.3)
    assert isinstance(problem, IngestProblem)
    assert problem.kind == "fetch_timeout" and "timed out after 0.3 s" in problem.reason


def test_bad_url_does_not_stop_the_batch(server: str) -> None:
    items = run(f"{server}/missing", f"{server}/report")
    assert [type(item).__name__ for item in items] == ["IngestProblem", "Document"]


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_a_trickling_server_is_cut_off_at_the_deadline_and_the_next_source_is_read(
    server: str, path: str
) -> None:
    # The deadline is the same for the good source: 1.5 s leaves it room on a loaded machine, and the trickle
    # (up to 20 s; 50 header lines a second, http.client allows 100) is still cut off by it.
    problem, doc = run(f"{server}{path}", f"{server}/report", timeout_s=5, deadline_s=1.5)
    assert isinstance(problem, IngestProblem)
    assert (problem.source_uri, problem.kind, problem.fatal) == (f"{server}{path}", "fetch_timeout", True)
    assert "stopped after 1.5 s" in problem.reason
    assert isinstance(doc, Document) and doc.title == "Army advances near Zitan"


def test_a_gzip_encoded_response_is_decompressed(server: str) -> None:
    [doc] = run(f"{server}/gzipped")
    assert isinstance(doc, Document) and doc.text == REPORT.decode()


def test_the_size_cap_applies_to_the_decompressed_body(server: str) -> None:
    problem, doc = run(f"{server}/gzip-bomb", f"{server}/report", max_bytes=100_000)
    assert isinstance(problem, IngestProblem) and problem.kind == "too_large"
    assert "decompressed" in problem.reason
    assert isinstance(doc, Document)
