"""Tallies: a sentence that counts the dead place by place ("140 killed in A, 100 in B, 63 in C").

A tally goes on counting the event told just before it: it names no means of its own and takes that sentence's
(the most specific it names: chemical, suicide, air, IED, shelling), and each of its places has its own count,
before the place ("100 in B") or right after it ("and C 16"). The list of its places is read by the extractor
(extract/places.py: counts and an "including" aside do not end a list).
"""

from __future__ import annotations

import re

from frontlines.extract.lexicon import Lexicon
from frontlines.nlp import Sentence
from frontlines.records import Fatalities, Span

# A count of the dead at a place: "100 in Sakba", "140 people killed in Kafr Batna".
TALLY_RE = re.compile(r"\b\d[\d,]*\s+(?:people\s+|were\s+|killed\s+|dead\s+)*(?:in|at)\s+(?-i:[A-Z])", re.I)
_COUNT_BEFORE_RE = re.compile(r"(\d[\d,]*)\s+(?:people\s+|were\s+|killed\s+|dead\s+)*(?:in|at)\s+$", re.I)
_COUNT_AFTER_RE = re.compile(r"\s+(\d[\d,]*)\b(?!\s+(?:in|at)\b)")


def is_tally(sentence_text: str) -> bool:
    """Does the sentence count the dead at two places or more?"""
    return len(TALLY_RE.findall(sentence_text)) >= 2


def tally_count(text: str, start: int, end: int) -> Fatalities | None:
    """The count a tally gives the place ``text[start:end]``: before it ("100 in Sakba") or right after it
    ("and Jesrin 16"); rule "exact"."""
    before = _COUNT_BEFORE_RE.search(text, max(0, start - 40), start)
    found = before or _COUNT_AFTER_RE.match(text, end)
    if found is None:
        return None
    span = Span(found.start(1), found.end(1), found.group(1))
    return Fatalities(int(found.group(1).replace(",", "")), "exact", span)


def inherited_means(before: Sentence | None, text: str, lexicon: Lexicon) -> str | None:
    """The means of the event a tally counts: the most specific the sentence before it names ("... killed in a
    nerve gas attack. 140 killed in A, 100 in B": chemical), or None."""
    if before is None:
        return None
    found = lexicon.means_positions(text[before.start : before.end].lower())
    return min(found, key=lambda item: item[1])[2] if found else None
