"""Entity labels on demand: the entity recogniser runs on a sentence only when a stage asks about it.

spaCy's entity recogniser is about half of the small model's time, and frontlines reads its labels for one
purpose: hints on whether a capitalised name is a place, asked only for the names the gazetteer and the
sentence's own words leave undecided (`frontlines.extract.place_labels`). The slant model reads
no entity type (ADR 0017, decision 12). So documents are parsed without the recogniser (`parse` in
:mod:`frontlines.nlp.ruler`), and :class:`LazyEntities` runs it, the first time a label inside a parsed
sentence is asked, on that sentence with CONTEXT words of its stretch on each side (a new Doc of the same
words, with the stretch's norms and sentence starts): the recogniser's CNN reads four words either side of a
word (depth 4, window 1) and its transitions the word before the current one, and it never lets an entity
cross a sentence start, so a sentence read with that context gets the labels it gets when the whole stretch is
read, as the full pipeline reads it (tests/test_entities.py checks it on sentences we write;
scripts/bench_extract.py measures the time it saves). The analysed Doc itself gets no entities.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from spacy.attrs import IDX, LENGTH, NORM, SENT_START
from spacy.tokens import Doc

from frontlines.nlp.docs import sentence_ranges, words
from frontlines.nlp.model import one_blas_thread

CONTEXT = 4  # words of the stretch read on each side of an asked sentence (the reach of the recogniser's CNN)

_Sentence = tuple[int, int, int, int]  # start and end character (in the document), first and end token


class LazyEntities:
    """``labels(start, end)``: the labels of the entities over a character range of the document, from its
    parsed stretches (``(character offset in the document, parsed Doc)``, in text order). Text outside them
    has none (the pre-filter left it unparsed). ``ner``: the model's entity recogniser component."""

    def __init__(self, ner: Any, stretches: Sequence[tuple[int, Any]]) -> None:
        self._ner = ner
        self._starts = [offset for offset, _ in stretches]
        self._docs = [doc for _, doc in stretches]
        self._sentences: list[list[_Sentence] | None] = [None] * len(stretches)  # made when first asked
        self._ends: list[list[int]] = [[] for _ in stretches]  # each stretch's sentences' end characters
        self._ents: dict[tuple[int, int], list[tuple[int, int, str]]] = {}  # (stretch, sentence) -> entities

    @property
    def recognised(self) -> int:
        """How many sentences the recogniser has read so far."""
        return len(self._ents)

    def _sentences_of(self, k: int) -> list[_Sentence]:
        found = self._sentences[k]
        if found is None:
            doc, offset = self._docs[k], self._starts[k]
            idx, length = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
            found = self._sentences[k] = [
                (offset + idx[a], offset + idx[b - 1] + length[b - 1], a, b) for a, b in sentence_ranges(doc)
            ]
            self._ends[k] = [sentence[1] for sentence in found]
        return found

    def _entities(self, k: int, s: int) -> list[tuple[int, int, str]]:
        ents = self._ents.get((k, s))
        if ents is None:
            _, _, a, b = self._sentences_of(k)[s]
            ents = self._ents[(k, s)] = recognise(self._ner, self._docs[k], a, b, self._starts[k])
        return ents

    def __call__(self, start: int, end: int) -> set[str]:
        out: set[str] = set()
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        while k < len(self._starts) and self._starts[k] < end:
            sentences = self._sentences_of(k)
            for s in range(bisect.bisect_right(self._ends[k], start), len(sentences)):
                if sentences[s][0] >= end:
                    break
                if start < sentences[s][1]:
                    out.update(label for a, b, label in self._entities(k, s) if a < end and start < b)
            k += 1
        return out


def recognise(ner: Any, doc: Any, start: int, end: int, offset: int = 0) -> list[tuple[int, int, str]]:
    """The entities (start and end character plus ``offset``, label) the recogniser finds in tokens
    ``start:end`` of a parsed Doc, read with CONTEXT words of the Doc on each side."""
    lo, hi = max(0, start - CONTEXT), min(len(doc), end + CONTEXT)
    if hi <= lo:
        return []
    texts, spaces = words(doc, lo, hi)
    window = Doc(doc.vocab, words=texts, spaces=spaces)
    rows = doc.to_array([NORM, SENT_START])[lo:hi].copy()
    rows[0, 1] = 1  # (a Doc's first token starts a sentence)
    window.from_array([NORM, SENT_START], rows)
    base = doc[lo].idx + offset
    with one_blas_thread():
        window = ner(window)
    return [
        (base + e.start_char, base + e.end_char, e.label_)
        for e in window.ents
        if e.start >= start - lo and e.end <= end - lo
    ]
