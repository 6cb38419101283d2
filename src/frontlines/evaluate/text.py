"""Text normalisation used when comparing predictions with gold annotations.

Transliterated Arabic names are spelled many ways in English reports: "al-Na'amaniyeh", "Al Na’amaniyeh",
"Na‘amaniyeh". The scorer must not count a spelling difference as an error, so names are compared after
:func:`normalise_name`: case folded, diacritics and apostrophe-like marks removed, the Arabic article
(al-/el- and its assimilated forms ad-, ash-, ...) dropped, hyphens and punctuation turned into spaces.

The rules are deliberately conservative: they never map two different names to the same key unless the names
differ only in the marks above. Alternative spellings that differ in letters ("Mudawwar" / "Modawar") are the
gold file's business (``location_alt``), not the normaliser's.
"""

from __future__ import annotations

import re
import unicodedata

# Marks that stand for the Arabic ʿayn / hamza or are plain apostrophes; they are dropped, not spaced.
_APOSTROPHES = "'\u2019\u2018\u02bf\u02be\u02bc\u0060\u00b4\u2032"
_APOSTROPHE_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")

# The article, hyphenated and in its assimilated forms ("Salah ad-Din"), at the start of a word.
_HYPHENATED_ARTICLE_RE = re.compile(r"\b(?:al|el|ad|adh|an|ar|as|ash|at|ath|az)-", re.IGNORECASE)
# The article written as a separate word ("Al Bab", "El Mayadin").
_SPACED_ARTICLE_RE = re.compile(r"\b(?:al|el)\s+", re.IGNORECASE)
# A leading English article: "the Aleppo Citadel" names the same place as "Aleppo Citadel".
_LEADING_THE_RE = re.compile(r"^the\s+")
_NON_WORD_RE = re.compile(r"[^\w]+")


def strip_diacritics(text: str) -> str:
    """Remove combining marks: "Ḥamāh" -> "Hamah"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_name(text: str) -> str:
    """The comparison key of a place, actor or source name (see the module docstring)."""
    key = strip_diacritics(text)
    key = _APOSTROPHE_RE.sub("", key)
    key = _HYPHENATED_ARTICLE_RE.sub("", key)
    key = _SPACED_ARTICLE_RE.sub("", key)
    key = key.casefold()
    key = _NON_WORD_RE.sub(" ", key).replace("_", " ")
    key = " ".join(key.split())
    return _LEADING_THE_RE.sub("", key)


def find_all(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where ``needle`` occurs in ``haystack``, case-insensitively.

    Falls back to a whitespace-tolerant search so that a gold passage copied across a line break still
    matches the document.
    """
    if not needle.strip():
        return []
    words = [re.escape(word) for word in needle.split()]
    pattern = re.compile(r"\s+".join(words), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(haystack)]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the half-open character ranges ``a`` and ``b`` share at least one character."""
    return a[0] < b[1] and b[0] < a[1]
