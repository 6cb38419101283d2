"""Text clean-up for ``Document.text`` and the normalisation behind ``Document.id``.

Two different jobs, kept apart on purpose:

* :func:`clean_text` is applied to every ``Document.text``. It is light (line endings, no-break spaces,
  zero-width characters, trailing spaces, runs of blank lines) so that the text still reads exactly as the
  outlet wrote it: quotes, dashes and case are kept, because later stages quote it back as evidence.
* :func:`normalise_text` is only used to compute the id. It is heavy (markup remnants, NFKC, one kind of
  quote and dash, all whitespace collapsed) so that two copies of a report that differ only in whitespace
  or markup get one id. Case is NOT folded: "US" and "us" are different words.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v"), " ")
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)

_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")  # [text](url) -> text
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|~~)(?=\S)(.+?)(?<=\S)\1")  # **bold**, *it*, __bold__, ~~x~~
_MD_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)", re.MULTILINE)  # heading/quote/list
_WHITESPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[.,;:!?)\]])|(?<=[(\[]) ")  # left over where a tag was removed
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Light clean-up for display and offsets: ``\\n`` line ends, plain spaces, at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_ZERO_WIDTH).translate(_SPACES)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def compose_text(title: str | None, body: str) -> str:
    """``Document.text`` for every format: the title, a blank line, then the body.

    The title is not repeated when the body already starts with it (HTML extractors often keep the <h1>).
    Putting the title in the text keeps one id for the same report read as .txt, .html or a JSONL record.
    """
    body = clean_text(body)
    title = clean_text(title or "")
    if not title or normalise_text(body[: 4 * len(title) + 64]).startswith(normalise_text(title)):
        return body
    return f"{title}\n\n{body}" if body else title


def normalise_text(text: str) -> str:
    """The canonical form of a text whose hash is the document id (see the module docstring)."""
    text = html.unescape(text)
    text = _HTML_TAG.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_LINE_MARK.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_ZERO_WIDTH).translate(_QUOTES)
    text = _WHITESPACE.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCT.sub("", text)


def document_id(text: str) -> str:
    """The stable id of a document: sha256 (hex) of :func:`normalise_text`."""
    return hash_normalised(normalise_text(text))


def hash_normalised(normalised: str) -> str:
    """sha256 (hex) of an already normalised text."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
