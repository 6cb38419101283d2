"""NLP stage: parse documents with spaCy and mark what each sentence is.

Reads: Document.text, Document.title, Document.outlet.
Writes: an `Analysis` per document: the spaCy Doc, and for each sentence its span, whether it is the headline,
a photo caption or background, and who it is attributed to.

`analyse` streams: it batches texts through `nlp.pipe` and yields analyses in input order, so memory stays flat
on any corpus size. A document longer than the ``section_chars`` setting is parsed in sections (see
:mod:`frontlines.nlp.sections`) whose parses are joined into one Doc, so offsets still index the whole text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language

from frontlines.nlp.attribution import NONE, Attribution, SourceHit, attribute_sentence
from frontlines.nlp.discourse import is_background, is_caption
from frontlines.nlp.model import load_model
from frontlines.nlp.sections import join_docs, sections
from frontlines.records import Document

# A spaCy batch stops at this many characters as well as at `batch_size` texts: the parser's memory grows with
# the characters of a batch, and sections of long documents are long texts.
BATCH_CHARS = 100_000
DEFAULT_SECTION_CHARS = 20_000


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
    # (start, end) of the sections the text was parsed in: one for a document within `section_chars`
    sections: tuple[tuple[int, int], ...] = ()


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


def _title_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _is_title(sentence: str, title_key: str) -> bool:
    """Is the sentence the report's title again (pages repeat it above the story, in breadcrumbs, in "share"
    boxes)? A headline tells no event of its own."""
    return bool(title_key) and len(title_key) >= 20 and _title_key(sentence) == title_key


def analyse_one(
    document: Document,
    doc: Any,
    find_sources: Callable[[str], Sequence[SourceHit]],
    parts: Sequence[tuple[int, int]] = (),
) -> Analysis:
    """The analysis of a document from its parse (``parts``: the sections it was parsed in)."""
    captions = _paragraph_captions(document.text)
    caption_starts = [s for s, _ in captions]
    title_end = _title_end(document)
    title = _title_key(document.title or "")
    sentences: list[Sentence] = []
    previous: Attribution = NONE
    for i, sent in enumerate(doc.sents):
        start, end = sent.start_char, sent.end_char
        text = sent.text
        if not text.strip():
            continue
        at = bisect.bisect_right(caption_starts, start) - 1  # the last caption line starting at or before
        caption = (at >= 0 and start < captions[at][1]) or is_caption(text)
        attribution = attribute_sentence(text, start, previous, find_sources)
        previous = attribution
        sentences.append(
            Sentence(
                i,
                start,
                end,
                start < title_end or _is_title(text, title),
                caption,
                is_background(text),
                attribution,
                sent,
            )
        )
    return Analysis(document, doc, tuple(sentences), tuple(parts) or ((0, len(document.text)),))


_Part = tuple[str, tuple[Document, list[tuple[int, int]], int]]  # a section's text; its document, cuts, index


def _batches(parts: Iterable[_Part], max_texts: int, max_chars: int) -> Iterator[list[_Part]]:
    batch: list[_Part] = []
    chars = 0
    for part in parts:
        if batch and (len(batch) >= max_texts or chars + len(part[0]) > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(part)
        chars += len(part[0])
    if batch:
        yield batch


def analyse(
    documents: Iterable[Document],
    find_sources: Callable[[str], Sequence[SourceHit]],
    batch_size: int = 32,
    section_chars: int = DEFAULT_SECTION_CHARS,
) -> Iterator[Analysis]:
    """Analyses of the documents, in order. Texts go through spaCy in batches of at most ``batch_size`` texts
    and BATCH_CHARS characters; a document over ``section_chars`` characters (or spaCy's ``max_length``) goes
    in sections."""
    nlp = pipeline()
    limit = max(2, min(section_chars, nlp.max_length))

    def parts() -> Iterator[_Part]:
        for document in documents:
            cuts = sections(document.text, limit)
            for k, (start, end) in enumerate(cuts):
                yield document.text[start:end], (document, cuts, k)

    docs: list[Any] = []
    for batch in _batches(parts(), batch_size, BATCH_CHARS):
        for doc, (document, cuts, k) in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
            docs.append(doc)
            if k == len(cuts) - 1:
                yield analyse_one(document, join_docs(docs), find_sources, cuts)
                docs = []
