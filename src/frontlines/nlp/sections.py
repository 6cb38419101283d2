"""Cutting a long document into sections the NLP stage can take, and putting their parses back together.

spaCy refuses texts over its ``max_length`` (1,000,000 characters) and its memory grows with the length of one
text, so a document longer than the ``section_chars`` setting is parsed in sections. A section ends at the last
paragraph break (a blank line, then any line break) in the second half of its allowed length; failing that at
the last sentence end, then the last white space, and only then at the limit itself (a line of two million
characters without a space). Sections are contiguous slices: joined, they are the document's text again, so the
parses of the sections put back together (:func:`join_docs`) give one spaCy Doc whose character offsets index
the whole document. Sections are also the context windows of the geocoder (see resolve/geocode.py): a place is
read against the other places of its own section, which keeps the work on a document linear in its size.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy
from spacy.tokens import Doc

# The end of a sentence: its final mark, closing quotes or brackets, then white space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def _last_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    """The end of the last match of ``pattern`` inside ``text[lo:hi]``, or -1."""
    end = -1
    for m in pattern.finditer(text, lo, hi):
        end = m.end()
    return end


def _cut(text: str, start: int, limit: int) -> int:
    """Where the section that starts at ``start`` ends, at most ``limit`` characters on."""
    hi = start + limit
    lo = start + limit // 2  # every section but the last is at least half the limit: no run of tiny ones
    for breaker in ("\n\n", "\n"):
        at = text.rfind(breaker, lo, hi)
        if at >= 0:
            return at + len(breaker)
    for pattern in (_SENTENCE_END, _SPACE):
        at = _last_end(pattern, text, lo, hi)
        if at > lo:
            return at
    cut = hi
    while cut > lo and unicodedata.combining(text[cut]):  # keep an accent with its letter
        cut -= 1
    return cut


def sections(text: str, limit: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the sections of ``text``: contiguous, covering it all, each at most ``limit``
    characters. A text within the limit is one section."""
    if limit < 2:
        raise ValueError(f"a section must be allowed at least 2 characters, not {limit}")
    out = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, limit)
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def join_docs(docs: list[Any]) -> Any:
    """One Doc from the parses of consecutive sections: tokens, sentences, parse and entities, with character
    offsets into the joined text. The sections' tensors (tok2vec output, which frontlines does not read) are
    dropped first, so joining does not hold a second copy of them."""
    if len(docs) == 1:
        return docs[0]
    for doc in docs:
        doc.tensor = numpy.zeros((0,), dtype="float32")
    return Doc.from_docs(docs, ensure_whitespace=False)
