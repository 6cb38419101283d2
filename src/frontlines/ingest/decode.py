"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, a declared charset, then a guess.

A guessed encoding is reported as a non-fatal problem, so users can see which documents may hold wrongly
decoded characters. When nothing fits, the input is refused with kind "decode".
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

try:  # charset-normalizer is a dependency of trafilatura; ingest still works without it
    import charset_normalizer

    HAVE_DETECTOR = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_DETECTOR = False

_DECLARED = re.compile(
    rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding=["']([A-Za-z0-9_.:-]+)""", re.I
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used, and a warning when that encoding was only a guess."""

    text: str
    encoding: str
    warning: str | None = None


_NON_LATIN_SCRIPTS = (
    "Cyrillic",
    "Arabic",
    "Greek",
    "Hebrew",
    "CJK",
    "Hiragana",
    "Katakana",
    "Hangul",
    "Thai",
)


class DecodeError(ValueError):
    """No encoding could decode the bytes; the message says why."""


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is a charset named by the HTTP header, if any.

    Order: UTF-16 with BOM, UTF-8 (BOM stripped), the declared charset (HTTP header, <meta charset> or the
    XML declaration), then charset-normalizer's guess (or cp1252 when it is not installed).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as err:
            raise DecodeError(
                f"starts with a UTF-16 byte-order mark but is not valid UTF-16 ({err.reason})"
            ) from err
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    for charset in (declared, _declared_in(data)):
        if charset:
            try:
                return Decoded(data.decode(charset), charset.lower())
            except (LookupError, UnicodeDecodeError):
                continue
    return _guess(data)


def _declared_in(data: bytes) -> str | None:
    """The charset an HTML <meta> or an XML declaration names in the first 4 KiB."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _guess(data: bytes) -> Decoded:
    if not HAVE_DETECTOR:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return Decoded(text, encoding, f"not valid UTF-8; decoded as {encoding} (no charset detector)")
    else:
        best = charset_normalizer.from_bytes(data).best()
        if best is not None and best.encoding:
            encoding = best.encoding
            if not any(script in alphabet for alphabet in best.alphabets for script in _NON_LATIN_SCRIPTS):
                # Short Latin-script texts fool the detector (cp1250, mac_latin2...); cp1252 is by far the
                # most common legacy Latin encoding, so it wins whenever it decodes the bytes.
                encoding = "cp1252" if _decodes(data, "cp1252") else encoding
            return Decoded(
                data.decode(encoding), encoding, f"not valid UTF-8; decoded as {encoding} (a guess)"
            )
    raise DecodeError("undecodable bytes: not UTF-8, UTF-16 or any encoding the charset detector recognises")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
