"""Doc helpers that read and write spaCy Docs as arrays (``Doc.to_array``/``from_array``) instead of token by
token: each ``Token`` spaCy hands out is a new Python object, and over every word of every document those
objects cost more than the pre-filter's own decisions. Each helper gives exactly what the token-by-token form
gives (tests/test_nlp_tables.py checks them against it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy
from spacy.attrs import LENGTH, NORM, ORTH, SENT_START, SPACY
from spacy.tokens import Doc

ARRAY_ATTRS = tuple(Doc._get_array_attrs())  # what Doc.from_docs copies (LENGTH, SPACY, ORTH, NORM, TAG, ...)
_COLUMN = {attr: i for i, attr in enumerate(ARRAY_ATTRS)}


def sentence_ranges(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of a Doc's sentences, as ``doc.sents`` gives them (none for a Doc without tokens): a
    sentence starts at the first token and at every token whose ``sent_start`` is 1."""
    n = len(doc)
    if not n:
        return []
    flags = doc.to_array(SENT_START)
    starts = [0, *(numpy.flatnonzero(flags[1:] == 1) + 1).tolist()]
    return list(zip(starts, [*starts[1:], n], strict=True))


def words(doc: Any, start: int = 0, end: int | None = None) -> tuple[list[str], list[bool]]:
    """The texts and trailing-space flags of tokens ``start:end`` of a Doc."""
    rows = doc.to_array([ORTH, SPACY])[start:end].tolist()
    strings = doc.vocab.strings
    return [strings[orth] for orth, _ in rows], [bool(space) for _, space in rows]


def lowers(doc: Any) -> list[str]:
    """The lower-case text of every token of a Doc."""
    strings = doc.vocab.strings
    return [strings[key] for key in doc.to_array("LOWER").tolist()]


def bare(doc: Any, start: int, end: int) -> Any:
    """A new Doc of tokens ``start:end`` of ``doc``: the same words and spaces, no annotation."""
    texts, spaces = words(doc, start, end)
    return Doc(doc.vocab, words=texts, spaces=spaces)


def bare_rows(doc: Any, start: int, end: int, norms: dict[int, int]) -> Any:  # (a numpy array)
    """``bare(doc, start, end).to_array(ARRAY_ATTRS)`` without making the Doc: the words' lexical columns
    (LENGTH, SPACY, ORTH, and NORM as the vocabulary has it: a new Doc of words has no tokenizer exceptions'
    norms), the sentence start of its first token, zeros elsewhere. ``norms``: a cache, ORTH -> NORM."""
    source = doc.to_array([LENGTH, SPACY, ORTH])[start:end]
    rows = numpy.zeros((end - start, len(ARRAY_ATTRS)), dtype="uint64")
    if end <= start:
        return rows
    for column, attr in enumerate((LENGTH, SPACY, ORTH)):
        rows[:, _COLUMN[attr]] = source[:, column]
    vocab = doc.vocab
    found = []
    for orth in source[:, 2].tolist():
        norm = norms.get(orth)
        if norm is None:
            norm = norms[orth] = vocab[orth].norm
        found.append(norm)
    rows[:, _COLUMN[NORM]] = found
    rows[0, _COLUMN[SENT_START]] = 1
    return rows


def join(vocab: Any, texts: Sequence[str], spaces: Sequence[bool], arrays: Sequence[Any]) -> Any:
    """``Doc.from_docs(docs, ensure_whitespace=False)`` of Docs given as their words, spaces and
    ``to_array(ARRAY_ATTRS)`` rows, concatenated (no spans, user data or tensor: frontlines' Docs have none)."""
    doc = Doc(vocab, words=list(texts), spaces=list(spaces))
    if len(doc):
        rows: Any = numpy.concatenate(arrays)
        doc.from_array(list(ARRAY_ATTRS), rows)
    return doc


def mark_line_breaks(doc: Any, newline: dict[int, bool]) -> Any:
    """A line break ends a sentence: the token after one whose text holds a line break starts a sentence
    (a token's trailing white space is one space at most, so its text is where a line break can be).
    ``newline``: a cache, ORTH -> whether the text holds a line break."""
    strings = doc.vocab.strings
    orths = doc.to_array(ORTH).tolist()
    for i, orth in enumerate(orths[:-1]):
        found = newline.get(orth)
        if found is None:
            found = newline[orth] = "\n" in strings[orth]
        if found:
            doc[i + 1].is_sent_start = True
    return doc
