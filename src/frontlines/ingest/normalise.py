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

from frontlines.ingest.markup import strip_html, strip_md_emphasis, strip_md_links

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t\f\v"), " ")
# Removed from every text: C0 controls other than tab, newline, carriage return, form feed and vertical tab
# (those become line ends or spaces), DEL and the C1 controls (U+009B starts a terminal escape sequence).
CONTROLS = frozenset(chr(c) for c in [*range(0x00, 0x09), 0x0E, *range(0x0F, 0x20), *range(0x7F, 0xA0)])
# Bidirectional embeddings, overrides and isolates: they can make text display in another order than it is
# stored (a "Trojan Source" trick). Marks (U+200E/U+200F, U+061C) are kept: Arabic text uses them.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_REMOVED = dict.fromkeys(map(ord, CONTROLS | BIDI_CONTROLS), None)
_CLEAN = {**_ZERO_WIDTH, **_SPACES, **_REMOVED}
_SURROGATES = re.compile("[\ud800-\udfff]")  # lone halves of UTF-16 pairs (from JSON escapes): not characters
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)

_MD_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)", re.MULTILINE)  # heading/quote/list
_WHITESPACE = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[.,;:!?)\]])|(?<=[(\[]) ")  # left over where a tag was removed
_BLANK_RUNS = re.compile(r"\n{3,}")
_HEADLINE_SUFFIX = re.compile(r" ?[-|:]")  # "Army takes Tadif - SANA" is the title "Army takes Tadif" again


def clean_text(text: str) -> str:
    """Light clean-up for display and offsets: ``\\n`` line ends, plain spaces, at most one blank line.

    Control characters (but tab and line ends) and bidirectional controls are removed, lone surrogates become
    U+FFFD. Every step is linear in the length of the text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = replace_surrogates(text).translate(_CLEAN)
    text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def replace_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (such a string cannot be written as UTF-8)."""
    return _SURROGATES.sub("\ufffd", text)


def count_surrogates(text: str) -> int:
    """How many lone surrogates ``text`` holds."""
    return 0 if text.isascii() else len(_SURROGATES.findall(text))


def removed_characters(text: str) -> str | None:
    """What :func:`clean_text` removes from ``text`` that a reader should know about, or None.

    "2 bidirectional controls (U+202E) and 1 control character (U+0007)": bidirectional controls can make a
    text display in another order than it is stored, control characters are not text.
    """
    bidi = [char for char in text if char in BIDI_CONTROLS] if not text.isascii() else []
    controls = [char for char in text if char in CONTROLS]
    parts = []
    for found, name in ((bidi, "bidirectional control"), (controls, "control character")):
        if found:
            codes = ", ".join(f"U+{ord(char):04X}" for char in sorted(set(found))[:5])
            parts.append(f"{len(found)} {name}{'s' if len(found) > 1 else ''} ({codes})")
    return " and ".join(parts) or None


def compose_text(title: str | None, body: str) -> str:
    """``Document.text`` for every format: the title, a blank line, then the body.

    The title is not repeated when the body's first line is the title (HTML extractors often keep the <h1>),
    or the title followed by a separator ("Army takes Tadif - SANA"). When the title is only the start of the
    first line ("Troops captured the hill" before "Troops captured the hill of Tal Sheikh on Sunday."), the
    title gets a line of its own: otherwise that first sentence would be read as the headline and its events
    lost. Putting the title in the text keeps one id for the same report read as .txt, .html or JSONL.
    """
    body = clean_text(body)
    title = clean_text(title or "")
    if not title:
        return body
    wanted = normalise_text(title)
    first_line = normalise_text(body.split("\n", 1)[0][: 4 * len(title) + 200])
    if first_line == wanted or (
        first_line.startswith(wanted) and _HEADLINE_SUFFIX.match(first_line, len(wanted))
    ):
        return body
    return f"{title}\n\n{body}" if body else title


def normalise_text(text: str) -> str:
    """The canonical form of a text whose hash is the document id (see the module docstring)."""
    text = replace_surrogates(html.unescape(text))
    text = strip_html(text)
    text = strip_md_links(text)
    text = strip_md_emphasis(text)
    text = _MD_LINE_MARK.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_ZERO_WIDTH).translate(_REMOVED).translate(_QUOTES)
    text = _WHITESPACE.sub(" ", text).strip()
    return _SPACE_BEFORE_PUNCT.sub("", text)


def document_id(text: str) -> str:
    """The stable id of a document: sha256 (hex) of :func:`normalise_text`."""
    return hash_normalised(normalise_text(text))


def hash_normalised(normalised: str) -> str:
    """sha256 (hex) of an already normalised text."""
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
