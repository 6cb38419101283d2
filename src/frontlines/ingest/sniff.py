"""Recognise what an input is from its first bytes, its name and (for URLs) its content type.

Two questions, asked in this order by the ingest loop:

1. :func:`binary_kind` - is this a binary file (an image, a PDF, an archive...) rather than text?
2. :func:`detect_format` - which of our formats is this text: text, html, feed, jsonl or csv?

The extension and the content type are hints; the content decides when they disagree (a ``.txt`` file that
holds an HTML page is read as HTML, a ``.xml`` file that holds an RSS feed as a feed).
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePosixPath

# Magic numbers of common binary formats, longest-lived first. https://en.wikipedia.org/wiki/List_of_file_signatures
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B))  # not tab/newline/escape

FORMATS = ("text", "html", "feed", "jsonl", "csv")
_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
}
_BY_CONTENT_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/json": "jsonl",
    "text/csv": "csv",
    "text/plain": "text",
}
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.I)  # after leading comments
_HTML_TAGS = re.compile(r"<(?:p|div|article|h1|h2|br|span|a)[\s>/]", re.IGNORECASE)


def binary_kind(head: bytes) -> str | None:
    """What binary format the first bytes show ("PNG image", ...), or None for text.

    Besides magic numbers, NUL or other control bytes in more than a few places of the head mean binary,
    except in UTF-16 with a BOM. One stray NUL does not make a corpus of text binary.
    """
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(_UTF16_BOMS):
        return None
    sample = head[:8192]
    if sample.count(0) > len(sample) // 100:  # a stray NUL in a text is removed later, with a warning
        return "data with NUL bytes"
    controls = sum(byte in _CONTROL_BYTES for byte in sample)
    if sample and controls / len(sample) > 0.05:
        return "data with control bytes"
    return None


def detect_format(name: str, content_type: str | None, head: str) -> str:
    """The format of a text input: the content wins over the extension and the content type."""
    sniffed = _sniff(head)
    if sniffed in ("feed", "html"):
        return sniffed
    hinted = _BY_CONTENT_TYPE.get((content_type or "").split(";")[0].strip().lower())
    hinted = _BY_EXTENSION.get(PurePosixPath(name).suffix.lower(), hinted)
    if hinted in ("jsonl", "csv", "text"):
        return hinted
    return sniffed or "text"


def _without_leading_comments(text: str) -> str:
    """``text`` after its leading HTML comments (a loop: a pattern like ``(?:<!--.*?-->\\s*)*`` backtracks
    exponentially on a run of comments that is not followed by a tag)."""
    text = text.lstrip()
    while text.startswith("<!--"):
        end = text.find("-->", 4)
        if end == -1:
            break
        text = text[end + 3 :].lstrip()
    return text


def _sniff(head: str) -> str | None:
    """The format the text itself shows, or None when it shows nothing special."""
    start = head.lstrip("\ufeff \t\r\n")[:4096]
    if start.startswith("<?xml") or start.startswith("<"):
        if _FEED_ROOT.search(start):
            return "feed"
        if _HTML_START.match(_without_leading_comments(start)) or _HTML_TAGS.search(start):
            return "html"
    first_line = start.split("\n", 1)[0].strip()
    if first_line.startswith("{") and '"' in first_line:
        return "jsonl"
    header = [cell.strip().strip('"').lower() for cell in first_line.split(",")]
    if len(header) > 1 and "text" in header:
        return "csv"
    return None
