"""NLP stage: parse documents with spaCy and mark what each sentence is.

Reads: Document.text, Document.title, Document.outlet.
Writes: an `Analysis` per document: the spaCy Doc, and for each sentence its span, whether it is the headline,
a photo caption or background, and who it is attributed to.

`analyse` streams: it batches texts through `nlp.pipe` and yields analyses in input order, so memory stays flat
on any corpus size. A document longer than the ``section_chars`` setting is parsed in sections (see
:mod:`frontlines.nlp.sections`) whose parses are joined into one Doc, so offsets still index the whole text.
The Doc has no entities: the analysis's ``entity_labels`` runs the entity recogniser on the sentences asked
about (:mod:`frontlines.nlp.entities`).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from spacy.language import Language

from frontlines.nlp.attribution import NONE, Attribution, SourceHit, attribute_sentence
from frontlines.nlp.discourse import furniture_lines, is_background, is_caption, is_caption_line
from frontlines.nlp.docs import mark_line_breaks
from frontlines.nlp.entities import LazyEntities
from frontlines.nlp.model import MODEL_PACKAGE, load_model
from frontlines.nlp.prefilter import Select, assemble, plans, regions
from frontlines.nlp.ruler import parse
from frontlines.nlp.sections import join_docs, sections
from frontlines.records import Document

# A spaCy batch stops at this many characters as well as at `batch_size` texts: the parser's memory grows with
# the characters of a batch, and sections of long documents are long texts.
BATCH_CHARS = 100_000
# The model itself is given the stretches to parse in chunks of at most this many characters (about 1,700
# words): its layers' arrays then stay in the CPU's caches. Parsing the same stretches in chunks of 100,000
# characters took 15-25% more CPU time, of 6,000-20,000 about the same (ADR 0026); the parses are the same.
PARSE_CHARS = 10_000
DEFAULT_SECTION_CHARS = 20_000
_T = TypeVar("_T")
_NEWLINE: dict[int, bool] = {}  # ORTH -> does the text hold a line break (see mark_line_breaks)
_NORMS: dict[int, int] = {}  # ORTH -> NORM in the vocabulary (see frontlines.nlp.docs.bare_rows)


@Language.component("frontlines_line_breaks")
def line_breaks(doc: Any) -> Any:
    """A line break ends a sentence: headlines, captions and paragraphs never run into each other."""
    if len(_NEWLINE) > 500_000:
        _NEWLINE.clear()
    return mark_line_breaks(doc, _NEWLINE)


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str  # the sentence's words, the Doc's ``text[start:end]`` (as ``span.text``, made once)
    headline: bool  # part of the title line
    caption: bool  # a photo caption or page furniture (a link, a headline-like line): no events, no dates
    background: bool  # background/historical ("since March 2011")
    attribution: Attribution
    span: Any  # the spaCy Span
    parsed: bool = True  # False: the cheap pass left it out of the parse (no tags, parse or entities)


@dataclass(frozen=True, slots=True)
class Analysis:
    document: Document
    doc: Any  # spacy.tokens.Doc
    sentences: tuple[Sentence, ...]
    # (start, end) of the sections the text was parsed in: one for a document within `section_chars`
    sections: tuple[tuple[int, int], ...] = ()
    # the model's entity labels over a character range, read on demand (frontlines.nlp.entities); None: the
    # Doc's own entities
    entity_labels: Callable[[int, int], set[str]] | None = None


def pipeline(model: str = MODEL_PACKAGE) -> Any:
    """The verified spaCy model with frontlines' sentence-boundary component before the parser."""
    nlp = load_model(model)
    if "frontlines_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("frontlines_line_breaks", before="parser")
    return nlp


def _paragraph_captions(text: str) -> list[tuple[int, int]]:
    """Character ranges of paragraphs (lines) that tell no news of the report: photo captions, and page
    furniture (links to other stories, headlines and other lines without sentence punctuation; see
    :func:`frontlines.nlp.discourse.furniture_lines`)."""
    ranges = [(start, end) for start, end, _ in furniture_lines(text)]
    pos = 0
    for line in text.split("\n"):
        if line.strip() and is_caption_line(line):
            ranges.append((pos, pos + len(line)))
        pos += len(line) + 1
    return sorted(set(ranges))


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


class _Layout:
    """Where a document's headline and photo captions are (made once per document: the pre-filter asks about
    the cheap pass's sentences, `analyse_one` about the final ones, most of them the same)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._is_caption: dict[tuple[int, int], bool] = {}  # (start, length) -> caption
        self.title_end = _title_end(document)
        self.title = _title_key(document.title or "")
        self.captions = _paragraph_captions(document.text)
        self.caption_starts = [s for s, _ in self.captions]

    def headline(self, start: int, text: str) -> bool:
        return start < self.title_end or _is_title(text, self.title)

    def caption(self, start: int, text: str) -> bool:
        # the last caption line starting at or before the sentence
        at = bisect.bisect_right(self.caption_starts, start) - 1
        if at >= 0 and start < self.captions[at][1]:
            return True
        found = self._is_caption.get((start, len(text)))
        if found is None:
            found = self._is_caption[(start, len(text))] = is_caption(text)
        return found


class _DocumentSources:
    """The sources a document names, found once over its whole text and handed to each sentence as that
    sentence's own (offsets from its start). A name found running over a sentence's bounds (two words of one
    alias on either side of a line break) is not the sentence's: that sentence is read on its own. The
    pipeline's finder keeps the actors it found in the text, which the extract stage reads again."""

    def __init__(self, text: str, find_sources: Callable[[str], Sequence[SourceHit]]) -> None:
        self.find_sources = find_sources
        self.hits = list(find_sources(text))
        self.starts = [h.start for h in self.hits]

    def within(self, start: int, end: int) -> Callable[[str], Sequence[SourceHit]]:
        """``find_sources`` for the sentence ``text[start:end]``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_left(self.starts, end, first)
        inside = self.hits[first:last]
        crossing = (first > 0 and self.hits[first - 1].end > start) or (inside and inside[-1].end > end)
        if crossing:
            return self.find_sources
        shifted = [dataclasses.replace(h, start=h.start - start, end=h.end - start) for h in inside]
        return lambda sentence: shifted


def analyse_one(
    document: Document,
    doc: Any,
    find_sources: Callable[[str], Sequence[SourceHit]],
    parts: Sequence[tuple[int, int]] = (),
    spans: Sequence[tuple[int, int, bool]] | None = None,
    entity_labels: Callable[[int, int], set[str]] | None = None,
    layout: _Layout | None = None,
) -> Analysis:
    """The analysis of a document from its parse (``parts``: the sections it was parsed in; ``spans``: its
    sentences as token ranges, each with whether it was parsed; by default the parse's own sentences;
    ``entity_labels``: the model's entity labels on demand, by default the Doc's own entities; ``layout``: the
    document's, if made already)."""
    if layout is None or layout.document is not document:
        layout = _Layout(document)
    if spans is None:
        spans = [(s.start, s.end, True) for s in doc.sents]
    sentences: list[Sentence] = []
    previous: Attribution = NONE
    speakers: dict[str, str] = {}  # the report's spokespeople, by last name: the source each speaks for
    sources = _DocumentSources(document.text, find_sources)
    for i, (first, last, parsed) in enumerate(spans):
        sent = doc[first:last]
        start, end = sent.start_char, sent.end_char
        text = sent.text
        if not text.strip():
            continue
        attribution = attribute_sentence(text, start, previous, sources.within(start, end), speakers)
        if attribution.sources:  # "the agency added" names the source named last, over unattributed sentences
            previous = attribution
        sentences.append(
            Sentence(
                i,
                start,
                end,
                text,
                layout.headline(start, text),
                layout.caption(start, text),
                is_background(text),
                attribution,
                sent,
                parsed,
            )
        )
    return Analysis(
        document, doc, tuple(sentences), tuple(parts) or ((0, len(document.text)),), entity_labels
    )


_Part = tuple[str, tuple[Document, list[tuple[int, int]], int]]  # a section's text; its document, cuts, index


def _batches(
    parts: Iterable[_T], max_texts: int, max_chars: int, size: Callable[[_T], int]
) -> Iterator[list[_T]]:
    batch: list[_T] = []
    chars = 0
    for part in parts:
        n = size(part)
        if batch and (len(batch) >= max_texts or chars + n > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(part)
        chars += n
    if batch:
        yield batch


def analyse(
    documents: Iterable[Document],
    find_sources: Callable[[str], Sequence[SourceHit]],
    batch_size: int = 32,
    section_chars: int = DEFAULT_SECTION_CHARS,
    select: Select | None = None,
    model: str = MODEL_PACKAGE,
) -> Iterator[Analysis]:
    """Analyses of the documents, in order. Texts go through spaCy in batches of at most ``batch_size`` texts
    and BATCH_CHARS characters; a document over ``section_chars`` characters (or spaCy's ``max_length``) goes
    in sections. With ``select`` (see :mod:`frontlines.nlp.prefilter`) only the sentences it keeps are parsed."""
    nlp = pipeline(model)
    limit = max(2, min(section_chars, nlp.max_length))
    if select is not None:
        yield from _analyse_selected(nlp, documents, find_sources, batch_size, limit, select)
        return

    def parts() -> Iterator[_Part]:
        for document in documents:
            cuts = sections(document.text, limit)
            for k, (start, end) in enumerate(cuts):
                yield document.text[start:end], (document, cuts, k)

    ner = nlp.get_pipe("ner")
    docs: list[Any] = []
    for batch in _batches(parts(), batch_size, BATCH_CHARS, lambda part: len(part[0])):
        texts = [text for text, _ in batch]
        parsed = [
            d for chunk in _batches(texts, 256, PARSE_CHARS, len) for d in parse(nlp, chunk, entities=False)
        ]
        for doc, (_, (document, cuts, k)) in zip(parsed, batch, strict=True):
            docs.append(doc)
            if k == len(cuts) - 1:
                labels = LazyEntities(ner, [(start, d) for (start, _), d in zip(cuts, docs, strict=True)])
                yield analyse_one(document, join_docs(docs), find_sources, cuts, entity_labels=labels)
                docs = []


def _doc_chars(doc: Any) -> int:
    """The length of a Doc's text, read from its last token (``doc.text`` joins every token's text)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _analyse_selected(
    nlp: Any,
    documents: Iterable[Document],
    find_sources: Callable[[str], Sequence[SourceHit]],
    batch_size: int,
    limit: int,
    select: Select,
) -> Iterator[Analysis]:
    """The cheap pass over a batch of documents, then the full pipeline over the sentences ``select`` keeps."""
    layouts: dict[int, _Layout] = {}  # by id() of the batch's documents (alive while it is)

    def blocked(document: Document, start: int, end: int) -> bool:
        layout = layouts.get(id(document)) or layouts.setdefault(id(document), _Layout(document))
        return layout.headline(start, document.text[start:end]) or layout.caption(
            start, document.text[start:end]
        )

    ner = nlp.get_pipe("ner")
    for batch in _batches(documents, batch_size, BATCH_CHARS, lambda d: len(d.text)):
        layouts.clear()
        todo = plans(nlp, batch, select, limit, blocked)
        texts = regions(todo)
        parsed: list[Any] = []
        for chunk in _batches(texts, 256, PARSE_CHARS, _doc_chars):
            parsed += parse(nlp, chunk, entities=False)
        for plan in todo:
            if len(_NORMS) > 500_000:
                _NORMS.clear()
            doc, spans, stretches = assemble(plan, parsed, _NORMS)
            labels = LazyEntities(ner, stretches)
            layout = layouts.get(id(plan.document))
            yield analyse_one(plan.document, doc, find_sources, plan.cuts, spans, labels, layout)
