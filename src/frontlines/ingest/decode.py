"""Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, a declared charset, then a guess.

A guessed encoding is reported as a non-fatal problem, so users can see which documents may hold wrongly
decoded characters. When nothing fits, the input is refused with kind "decode".

Mixed encodings: a UTF-8 file with one line in Latin-1 (text pasted from another source) is decoded line by
line: UTF-8 wherever a line is valid UTF-8, the other lines in a guessed encoding, and the warning names
those lines. Decoding the whole file in the guessed encoding would garble every UTF-8 line instead.
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
    if (mixed := _decode_mixed(data, declared)) is not None:
        return mixed
    for charset in (declared, _declared_in(data)):
        if charset:
            try:
                return Decoded(data.decode(charset), charset.lower())
            except (LookupError, UnicodeDecodeError):
                continue
    return _guess(data)


def decode_line(line: bytes, fallback: str | None = None) -> tuple[str, str | None]:
    """One line: UTF-8 if it is valid UTF-8, else ``fallback`` or a guess. Returns the text and the encoding
    used when it was not UTF-8 (None for UTF-8). Raises DecodeError when nothing decodes it."""
    try:
        return line.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if fallback is not None:
        try:
            return line.decode(fallback), fallback
        except (LookupError, UnicodeDecodeError):
            pass
    guessed = _guess(line)
    return guessed.text, guessed.encoding


def _decode_mixed(data: bytes, declared: str | None) -> Decoded | None:
    """Decoded line by line, when some lines are UTF-8 with non-ASCII characters and others are not UTF-8
    (None when no line shows UTF-8: then the whole input is in one legacy encoding)."""
    lines = data.split(b"\n")
    if lines[0].startswith(codecs.BOM_UTF8):
        lines[0] = lines[0][len(codecs.BOM_UTF8) :]
    bad = [number for number, line in enumerate(lines) if not _decodes(line, "utf-8")]
    bad_set = set(bad)
    if not any(not line.isascii() for number, line in enumerate(lines) if number not in bad_set):
        return None
    fallback = declared if declared and _is_legacy(declared) else None
    if fallback is None or not all(_decodes(lines[number], fallback) for number in bad):
        try:
            fallback = _guess(b"\n".join(lines[number] for number in bad)).encoding
        except DecodeError:
            fallback = "cp1252"
    texts = [line.decode("utf-8") if number not in bad_set else "" for number, line in enumerate(lines)]
    for number in bad:
        texts[number] = lines[number].decode(fallback, errors="replace")
    total = len(lines) - (lines[-1] == b"")  # a final line end does not start another line
    shown = ", ".join(str(number + 1) for number in bad[:5]) + (", ..." if len(bad) > 5 else "")
    warning = (
        f"not valid UTF-8 on {len(bad)} of {total} lines (line{'s' if len(bad) > 1 else ''} {shown}); "
        f"decoded {'those lines' if len(bad) > 1 else 'that line'} as {fallback} (a guess), the others as UTF-8"
    )
    return Decoded("\n".join(texts), "utf-8", warning)


def _is_legacy(charset: str) -> bool:
    """Whether ``charset`` names a known encoding other than UTF-8/16/32."""
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return False
    return not name.startswith(("utf-8", "utf-16", "utf-32", "utf_8", "utf_16", "utf_32"))


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
