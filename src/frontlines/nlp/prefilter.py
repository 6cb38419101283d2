"""Parse only what needs parsing: a cheap pass decides which sentences go through spaCy's tagger and parser.

Nearly all of spaCy's time goes to the tagger, the parser and the entity recogniser, and only sentences that can
give an event need them. The cheap pass tokenizes every text and splits it into sentences with the model's own
parser-free sentence recogniser (``senter``, a small CNN shipped disabled in en_core_web_sm) followed by the
line-break rule; the caller's ``select`` function then says which sentences need the full pipeline (the
pipeline's: a word of the trigger lexicon, :class:`TriggerWords`, and a name that could be a place). Runs of
consecutive selected sentences are parsed together, as one text each, with the full pipeline (the tokens of the
cheap pass are kept, so offsets and tokens are the same); inside a parsed run the sentences are the parser's.
The other sentences keep their tokens and the cheap pass's boundaries, with no tags, parse or entities: the
stages read them as text only (attribution, captions, background, dates, the actors the alias table finds).

The runs and the unparsed stretches are put back together into one Doc per document whose offsets index the
whole text, as the sections of a long document are (:func:`frontlines.nlp.sections.join_docs`). The entity
recogniser does not run with the parser: it reads a parsed sentence on demand (:mod:`frontlines.nlp.entities`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, LENGTH

from frontlines.nlp.docs import ARRAY_ATTRS, bare, bare_rows, join, lowers, sentence_ranges, words
from frontlines.nlp.model import one_blas_thread
from frontlines.nlp.sections import sections
from frontlines.records import Document

# How many sentences before a selected one are parsed with it, as context. The parser's reading of a sentence's
# first words (where a dateline ends: "AMMAN, Dec 11 (Reuters) - The governor ...") depends a little on the words
# before: with 1, every evaluation figure is what parsing whole texts gives; with 0 (the default), they move by
# at most 0.003 and about a fifth fewer words are parsed (figures in docs/decisions/0016).
CONTEXT_BEFORE = 0
# select(document, start, end, lower-case words) -> does the sentence text[start:end] need the full parse?
Select = Callable[[Document, int, int, Sequence[str]], bool]


class TriggerWords:
    """Could a sentence hold a trigger of the lexicon? A trigger is matched on a token's lemma or its lower-case
    text (extract/triggers.py); here every lemma spaCy's rule lemmatizer could give a word, whatever its part of
    speech, stands in for the lemma the tagger would choose, so no sentence the full parse finds a trigger in
    is left out. ``lemmas``: the lexicon's single-word lemmas; ``phrases``: its phrases, as word sequences."""

    def __init__(self, nlp: Any, lemmas: Iterable[str], phrases: Iterable[Sequence[str]]) -> None:
        self.lemmas = frozenset(w.lower() for w in lemmas)
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(w.lower() for w in phrase)
            if words:
                by_first.setdefault(words[0], []).append(words)
        self.phrases = {first: tuple(found) for first, found in by_first.items()}
        lookups = nlp.get_pipe("lemmatizer").lookups
        self._rules = lookups.get_table("lemma_rules", {})
        self._exceptions = lookups.get_table("lemma_exc", {})
        self._ruled, self._anywhere = _ruler_lemmas(nlp)
        self.words_of = functools.lru_cache(maxsize=1 << 16)(self._words_of)
        self.info_of = functools.lru_cache(maxsize=1 << 16)(self._info)

    def _words_of(self, lower: str) -> frozenset[str]:
        """The word itself and every lemma the lemmatizer or the attribute ruler could give it."""
        found = {lower, *self._ruled.get(lower, ()), *self._anywhere}
        for rules in self._rules.values():  # every part of speech the tables know
            for old, new in rules:
                if lower.endswith(old):
                    found.add(lower[: len(lower) - len(old)] + new)
        for exceptions in self._exceptions.values():
            found.update(exceptions.get(lower, ()))
        found.discard("")
        return frozenset(found)

    def _info(self, lower: str) -> tuple[bool, tuple[tuple[str, ...], ...]]:
        """Is one of the word's forms a single-word trigger; the phrases one of its forms starts."""
        forms = self.words_of(lower)
        starts = tuple(
            phrase for first in sorted(forms & self.phrases.keys()) for phrase in self.phrases[first]
        )
        return not forms.isdisjoint(self.lemmas), starts

    def in_words(self, lowers: Sequence[str]) -> bool:
        """Does a sentence of these lower-case words hold a trigger word or phrase of the lexicon?"""
        info: list[tuple[bool, tuple[tuple[str, ...], ...]]] = []
        for w in lowers:
            found = self.info_of(w)
            if found[0]:  # a single-word trigger: no phrase need be tried
                return True
            info.append(found)
        n_words = len(lowers)
        for i, (_, starts) in enumerate(info):
            for phrase in starts:
                n = len(phrase)
                if i + n <= n_words and all(phrase[k] in self.words_of(lowers[i + k]) for k in range(1, n)):
                    return True
        return False


def _ruler_lemmas(nlp: Any) -> tuple[dict[str, set[str]], frozenset[str]]:
    """Lemmas the attribute ruler sets (it runs before the lemmatizer, which keeps them): by the lower-case word
    its pattern names, and those its pattern matches by regular expression (possible for any word)."""
    by_word: dict[str, set[str]] = {}
    anywhere: set[str] = set()
    if "attribute_ruler" not in nlp.component_names:
        return by_word, frozenset()
    for entry in nlp.get_pipe("attribute_ruler").patterns:
        lemma = entry["attrs"].get("LEMMA")
        if not lemma:
            continue
        for pattern in entry["patterns"]:
            token = pattern[entry.get("index", 0)]
            lower = token.get("LOWER", token.get("ORTH"))
            words = (
                [lower]
                if isinstance(lower, str)
                else (lower or {}).get("IN")
                if isinstance(lower, dict)
                else None
            )
            if words:
                for word in words:
                    by_word.setdefault(str(word).lower(), set()).add(str(lemma).lower())
            else:
                anywhere.add(str(lemma).lower())
    return by_word, frozenset(anywhere)


# ------------------------------------------------------------------------------------------------ the pass


@dataclass(slots=True)
class _Piece:
    """A stretch of a section's tokens: parsed (``region`` is its index in the batch's parse list) or not."""

    doc: Any  # the section's cheap Doc
    start: int  # token range in it
    end: int
    sentences: list[tuple[int, int]]  # token ranges of its sentences, relative to the piece
    region: int | None = None


@dataclass(slots=True)
class Plan:
    """What the cheap pass decided for one document: its sections and pieces, in text order."""

    document: Document
    cuts: list[tuple[int, int]]
    pieces: list[_Piece] = field(default_factory=list)


def plan_document(
    document: Document,
    section_docs: Sequence[Any],
    cuts: Sequence[tuple[int, int]],
    select: Callable[[int, int, Sequence[str]], bool],
) -> Plan:
    """Split each cheap section Doc into pieces: runs of sentences ``select`` keeps (to be parsed) and the
    stretches between them."""
    plan = Plan(document, list(cuts))
    text = document.text
    for (offset, _), doc in zip(cuts, section_docs, strict=True):
        spans = sentence_ranges(doc)
        chosen = [False] * len(spans)
        if spans:
            lower = lowers(doc)
            idx, length = doc.to_array([IDX, LENGTH]).T.tolist()
        for i, (start, end) in enumerate(spans):
            start_char, end_char = offset + idx[start], offset + idx[end - 1] + length[end - 1]
            if text[start_char:end_char].strip() and select(start_char, end_char, lower[start:end]):
                lo = max(0, i - CONTEXT_BEFORE)
                chosen[lo : i + 1] = [True] * (i + 1 - lo)
        run: list[tuple[int, int]] = []
        for i, span_range in enumerate(spans):
            if run and chosen[i] != chosen[i - 1]:
                plan.pieces.append(_piece(doc, run, chosen[i - 1]))
                run = []
            run.append(span_range)
        if run:
            plan.pieces.append(_piece(doc, run, chosen[-1]))
        elif not spans:  # an empty text: one piece without tokens keeps the Doc
            plan.pieces.append(_Piece(doc, 0, len(doc), []))
    return plan


def _piece(doc: Any, run: list[tuple[int, int]], parse: bool) -> _Piece:
    start, end = run[0][0], run[-1][1]
    piece = _Piece(doc, start, end, [(a - start, b - start) for a, b in run])
    piece.region = -1 if parse else None
    return piece


def assemble(
    plan: Plan, parsed: Sequence[Any], norms: dict[int, int]
) -> tuple[Any, list[tuple[int, int, bool]], list[tuple[int, Any]]]:
    """One Doc for the document (its text is the document's: the pieces' Docs joined as ``Doc.from_docs``
    joins them, the unparsed ones as new Docs of their words), its sentences as token ranges, each with
    whether it was parsed, and its parsed stretches as (character offset, parsed Doc). ``parsed``: the parses
    of the batch's regions; ``norms``: a cache for :func:`frontlines.nlp.docs.bare_rows`."""
    if len(plan.pieces) == 1:
        piece = plan.pieces[0]
        if piece.region is None:
            return bare(piece.doc, piece.start, piece.end), [(a, b, False) for a, b in piece.sentences], []
        doc = parsed[piece.region]
        return doc, [(a, b, True) for a, b in sentence_ranges(doc)], [(0, doc)]
    texts: list[str] = []
    spaces: list[bool] = []
    arrays: list[Any] = []
    sentences: list[tuple[int, int, bool]] = []
    stretches: list[tuple[int, Any]] = []
    offset = chars = 0
    for piece in plan.pieces:
        if piece.region is None:
            arrays.append(bare_rows(piece.doc, piece.start, piece.end, norms))
            spans = piece.sentences
        else:
            doc = parsed[piece.region]
            arrays.append(doc.to_array(list(ARRAY_ATTRS)))
            spans = sentence_ranges(doc)
            stretches.append((chars, doc))
        piece_texts, piece_spaces = words(piece.doc, piece.start, piece.end)
        texts += piece_texts
        spaces += piece_spaces
        sentences.extend((offset + a, offset + b, piece.region is not None) for a, b in spans)
        offset += piece.end - piece.start
        chars += sum(map(len, piece_texts)) + sum(piece_spaces)
    return join(plan.pieces[0].doc.vocab, texts, spaces, arrays), sentences, stretches


def cheap_pass(nlp: Any, texts: Iterable[str], batch_size: int) -> Iterator[Any]:
    """Tokens and sentences of each text: the model's ``senter`` (parser-free), then line breaks."""
    senter = nlp.get_pipe("senter")
    breaks = nlp.get_pipe("frontlines_line_breaks")
    for doc in senter.pipe((nlp.make_doc(text) for text in texts), batch_size=batch_size):
        yield breaks(doc)


def plans(
    nlp: Any,
    documents: Sequence[Document],
    select: Select,
    limit: int,
    blocked: Callable[[Document, int, int], bool],
) -> list[Plan]:
    """The cheap pass over a batch of documents. ``blocked(document, start, end)``: a sentence that gives no
    events whatever its words (a headline, a photo caption), never parsed."""
    cuts = [sections(d.text, limit) for d in documents]
    texts = [d.text[a:b] for d, cut in zip(documents, cuts, strict=True) for a, b in cut]
    with one_blas_thread():
        docs = iter(list(cheap_pass(nlp, texts, batch_size=64)))
    out = []
    for document, cut in zip(documents, cuts, strict=True):
        section_docs = [next(docs) for _ in cut]

        def keep(start: int, end: int, lowers: Sequence[str], document: Document = document) -> bool:
            return not blocked(document, start, end) and select(document, start, end, lowers)

        out.append(plan_document(document, section_docs, cut, keep))
    return out


def regions(batch: Sequence[Plan]) -> list[Any]:
    """The Docs to parse for a batch of plans (numbering each parsed piece's ``region``)."""
    todo: list[Any] = []
    for plan in batch:
        for piece in plan.pieces:
            if piece.region is not None:
                piece.region = len(todo)
                todo.append(bare(piece.doc, piece.start, piece.end))
    return todo
