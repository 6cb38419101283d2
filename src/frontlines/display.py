"""Showing untrusted text safely: to people in a terminal, and to spreadsheets in CSV.

Titles, outlets, place names, file names and error messages come from documents anyone can write. Printed raw,
an ESC sequence can rewrite the terminal (move the cursor, change the title, hide lines, OSC 8 links), a
carriage return can overwrite what was printed, a bidi override can make text read backwards (Trojan Source),
and rich markup (``[red]``) can restyle output. In a spreadsheet, a CSV cell starting with ``=``, ``+``, ``-``
or ``@`` is a formula that runs. This module is the one place that defuses both:

- :func:`printable` makes every control character visible as a Python-style escape (``\\x1b``, ``\\u202e``);
  :func:`cell` builds a rich ``Text`` from it (``Text`` is never parsed for markup). Every table renderer
  (``cli/output.py``, ``evaluate/report.py``) and every message printed to standard error goes through them.
- :func:`csv_cell` neutralises formula-like strings as OWASP advises ("CSV Injection"): a leading ``'`` before
  a string starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return. Numbers are written as numbers, so
  ``-3.5`` in a numeric column stays numeric; only strings are ever prefixed.
- :func:`strict_json` writes JSON that strict parsers accept: ``NaN`` and ``Infinity`` raise instead of being
  written as the non-standard tokens Python's ``json`` emits by default.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from rich.text import Text

# Characters that are not controls by their category but reorder or hide text (Unicode bidi controls).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Format characters that scripts need to render (zero-width non-joiner and joiner in Arabic, Persian, emoji).
KEPT_FORMAT = frozenset("\u200c\u200d")
# Categories escaped: controls (C0, DEL, C1), format characters (zero-width and invisible ones), line and
# paragraph separators, lone surrogates (which cannot even be encoded).
ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
# OWASP, CSV Injection: cells starting with these are read as formulas by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _unsafe(char: str) -> bool:
    if char in BIDI_CONTROLS:
        return True
    return unicodedata.category(char) in ESCAPED_CATEGORIES and char not in KEPT_FORMAT


def printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with every control, invisible-format and bidi character shown as an escape (``\\x1b``).

    Backslashes are kept as they are (a visible character). With ``newlines``, ``\\n`` is kept (messages that
    span lines); otherwise newlines and tabs become spaces (one table cell, one line of text).
    """
    if text.isprintable():  # the common case, checked in C (controls, format characters are not printable)
        return text
    out: list[str] = []
    for char in text:
        if char == "\n" and newlines:
            out.append(char)
        elif char in "\n\t":
            out.append(" ")
        elif _unsafe(char):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def cell(value: Any, width: int | None = 60) -> Text:
    """One table cell: ``None`` is empty, lists and objects are JSON, a tuple is one line per item, long text
    is cut at ``width`` (per line) with an ellipsis, and the text is :func:`printable` and never read as
    markup."""
    if isinstance(value, tuple):
        return Text("\n").join(cell(item, width) for item in value if item is not None)
    if value is None:
        return Text("")
    if isinstance(value, list | dict):
        value = strict_json(value)
    text = printable(str(value))
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return Text(text)


def csv_cell(value: Any) -> Any:
    """A value as a CSV writer should receive it: ``None`` empty, lists and objects JSON-encoded, strings that
    a spreadsheet would run as a formula prefixed with ``'``; numbers and booleans unchanged."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return strict_json(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def strict_json(value: Any, indent: int | None = None) -> str:
    """JSON text strict parsers accept (no ``NaN``/``Infinity``: ValueError instead); UTF-8 kept as is, dates
    and other non-JSON values written as their ``str``."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent, default=str)
