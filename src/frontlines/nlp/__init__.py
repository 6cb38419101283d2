"""NLP stage: parse documents with spaCy and mark what each sentence is.

Reads: Document.text, Document.title, Document.outlet.
Writes: an `Analysis` per document: the spaCy Doc, and for each sentence its span, whether it is the headline,
a photo caption or background, and who it is attributed to.

`analyse` streams: it batches texts through `nlp.pipe` and yields analyses in input order, so memory stays flat
on any corpus size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language

from frontlines.nlp.attribution import NONE, Attribution, SourceHit, attribute_sentence
from frontlines.nlp.discourse import is_background, is_caption
from frontlines.nlp.model import load_model
from frontlines.records import Document


@Language.component("frontlines_line_breaks")
def line_breaks(doc: Any) -> Any:
    """A line break ends a sentence: headlines, captions and paragraphs never run into each other."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    headline: bool  # part of the title line
    caption: bool  # a photo caption: no events, no dates
    background: bool  # background/historical ("since March 2011")
    attribution: Attribution
    span: Any  # the spaCy Span


@dataclass(frozen=True, slots=True)
class Analysis:
    document: Document
    doc: Any  # spacy.tokens.Doc
    sentences: tuple[Sentence, ...]


def pipeline() -> Any:
    """The verified spaCy model with frontlines' sentence-boundary component before the parser."""
    nlp = load_model()
    if "frontlines_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("frontlines_line_breaks", before="parser")
    return nlp


def _paragraph_captions(text: str) -> list[tuple[int, int]]:
    """Character ranges of paragraphs (lines) that are photo captions."""
    ranges = []
    pos = 0
    for line in text.split("\n"):
        if line.strip() and is_caption(line):
            ranges.append((pos, pos + len(line)))
        pos += len(line) + 1
    return ranges


def _title_end(document: Document) -> int:
    """End offset of the headline when the text starts with it, else 0. The title must end its line (or be
    followed by a separator, "Title - Outlet"): a title that is only the start of the first sentence does
    not make that sentence a headline."""
    title = (document.title or "").strip()
    text = document.text.lstrip()
    if title and text.startswith(title) and re.compile(r"[ \t]*(?:$|\n|[-|:–—])").match(text, len(title)):
        return len(document.text) - len(text) + len(title)
    return 0


def analyse_one(document: Document, doc: Any, find_sources: Callable[[str], Sequence[SourceHit]]) -> Analysis:
    captions = _paragraph_captions(document.text)
    title_end = _title_end(document)
    sentences: list[Sentence] = []
    previous: Attribution = NONE
    for i, sent in enumerate(doc.sents):
        start, end = sent.start_char, sent.end_char
        text = sent.text
        if not text.strip():
            continue
        caption = any(s <= start < e for s, e in captions) or is_caption(text)
        attribution = attribute_sentence(text, start, previous, find_sources)
        previous = attribution
        sentences.append(
            Sentence(i, start, end, start < title_end, caption, is_background(text), attribution, sent)
        )
    return Analysis(document, doc, tuple(sentences))


def analyse(
    documents: Iterable[Document],
    find_sources: Callable[[str], Sequence[SourceHit]],
    batch_size: int = 32,
) -> Iterator[Analysis]:
    nlp = pipeline()
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield analyse_one(document, doc, find_sources)
