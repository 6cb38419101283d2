"""The slant model: a linear token classifier trained on the Propaganda Techniques Corpus (scripts/train_slant.py;
data, provenance and cross-validated figures in docs/decisions/0017-slant.md).

Two logistic regressions over the features of :mod:`frontlines.slant.features`: ``span`` gives the probability
that a token lies in a Loaded_Language or Name_Calling,Labeling span, ``name_calling`` the probability that such a
token is name calling rather than loaded language. Spans are decoded with two bars: tokens at or above the
lower one (``extent``) are found and give a span its extent: a found noun or adjective takes in the adjectives
and nouns of its phrase ("corrupt western elite"), neighbouring tokens join into one span; a span is kept when
its best token reaches the higher one (``threshold``) and one of its found tokens is a content word (not a lone
hyphen, "and", "the"), and its technique is the one its found tokens lean to.

The weights are package data (``data/ptc-linear.json``): reading them needs no download and no library
beyond the standard one, and scoring a token is a sum of a few dozen dictionary look-ups.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

import numpy
from spacy.attrs import POS as SPACY_POS

from frontlines.records import SlantSpan
from frontlines.slant.features import (
    ATTRIBUTES,
    CONTEXT,
    DEP,
    HEAD,
    IDX,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    QUOTES,
    SENT_START,
    TAG,
    Signature,
    Word,
    base_from,
    head_from,
    lent_from,
    quote_marks,
    signature_of,
    words,
)

LOADED = "Loaded_Language"
NAME_CALLING = "Name_Calling,Labeling"
MODEL_FILE = "data/ptc-linear.json"
EXTEND_LEFT = frozenset({"ADJ", "ADV", "NOUN", "PROPN"})  # a found word's phrase, leftwards
EXTEND_RIGHT = frozenset({"NOUN", "PROPN"})  # and rightwards
EXTENDS = frozenset({"ADJ", "NOUN", "PROPN"})  # the found words whose phrase is taken in
CONTENT = frozenset({"ADJ", "ADV", "INTJ", "NOUN", "PROPN", "VERB"})  # a span needs one of these found
CACHE_SIZE = 50_000  # token signatures whose weight sums are kept (cleared when full; ~15 MB)
OWN_COLUMNS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, SENT_START]  # the hashes a token's signature is read from
HEAD_COLUMNS = [LOWER, LEMMA, POS]  # and what its head lends it
assert CONTEXT == (-2, -1, 1, 2), "LinearModel._scores adds up these four neighbours"


@dataclass(frozen=True, slots=True)
class Head:
    """One logistic regression: a bias and a weight per feature (features not listed weigh 0)."""

    bias: float
    weights: Mapping[str, float]

    def probability(self, features: Sequence[str]) -> float:
        weights = self.weights
        return _sigmoid(self.bias + sum(weights.get(f, 0.0) for f in features))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Head:
        return cls(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()})


Sums = tuple[float, float]  # (span head, name-calling head)
NOTHING: tuple[Sums, tuple[Sums, ...]] = ((0.0, 0.0), ((0.0, 0.0),) * len(CONTEXT))  # a token not scored


@dataclass(frozen=True, slots=True)
class LinearModel:
    name: str  # the rule name its spans carry, e.g. "model:ptc-linear-4"
    span: Head
    name_calling: Head
    threshold: float  # the bar a span's best token must reach
    meta: Mapping[str, Any]  # training data, date, cross-validated figures (see the decision record)
    # Weight sums by token signature, filled as tokens are seen (see `_own`): scoring is then a few additions.
    _cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    # every feature's (span, name-calling) weights, for adding both heads in one pass (see `_sums`)
    _pairs: dict[str, Sums] = field(default_factory=dict, compare=False, repr=False)
    # the same sums (and a head's) by the bytes of the hashes they are read from (see `_rows`)
    _by_row: dict[bytes, Any] = field(default_factory=dict, compare=False, repr=False)
    extent: float | None = None  # the bar of a found token, which extends a span (None: the threshold)

    @property
    def low(self) -> float:
        return self.threshold if self.extent is None else min(self.extent, self.threshold)

    def probabilities(self, doc: Any) -> tuple[list[Word], list[float], list[float]]:
        """The Doc's word tokens, and for each the probability of a span and of name calling. The same sums as
        ``Head.probability`` over ``token_features`` (a test checks it), with each token signature's weights
        added up once. Tokens of sentences the pipeline's pre-filter left unparsed (no part of speech) get 0:
        the model was trained on parsed text, and is not spent on what it cannot read."""
        _, spans, names = self._scores(doc)
        return [w for w in words(doc) if not w.space], spans, names

    def _scores(self, doc: Any) -> tuple[Tokens, list[float], list[float]]:
        """`probabilities`, with the tokens as columns: a token's weight sums are found by the hashes of its
        word, lemma and parse (the cache is keyed by them too), so its strings are read only the first time."""
        tokens = Tokens.of(doc)
        array, n = tokens.array, len(tokens.array)
        found = array[:, POS] != 0
        parsed = numpy.flatnonzero(found).tolist()
        needed = found.copy()  # the parsed tokens and their context
        for offset in range(1, CONTEXT[-1] + 1):
            needed[offset:] |= found[:-offset]
            needed[:-offset] |= found[offset:]
        own = self._rows(tokens.strings, array[needed], OWN_COLUMNS, self._own_row)
        if len(own) < n:
            scattered = [NOTHING] * n
            for i, sums in zip(numpy.flatnonzero(needed).tolist(), own, strict=True):
                scattered[i] = sums
            own = scattered
        heads = self._rows(tokens.strings, tokens.heads[parsed], HEAD_COLUMNS, self._head_row)
        in_quotes = tokens.quoted()
        inq = self._fixed("inq")
        # What a token's neighbours lend it, written out for CONTEXT's four offsets: its own entry is at i + 2,
        # between two entries at either end that lend what a token past the end lends (the pads).
        edge = ((0.0, 0.0), tuple(self._fixed(f"{offset}:pad") for offset in CONTEXT))
        own = [edge, edge, *own, edge, edge]
        spans, names = [0.0] * n, [0.0] * n
        span_bias, name_bias = self.span.bias, self.name_calling.bias
        for i, head in zip(parsed, heads, strict=True):
            sums = own[i + 2][0]
            a, b, c, d = own[i][1][0], own[i + 1][1][1], own[i + 3][1][2], own[i + 4][1][3]
            z_span = span_bias + sums[0] + head[0] + a[0] + b[0] + c[0] + d[0]
            z_name = name_bias + sums[1] + head[1] + a[1] + b[1] + c[1] + d[1]
            if in_quotes[i]:
                z_span += inq[0]
                z_name += inq[1]
            spans[i] = _sigmoid(z_span)
            names[i] = _sigmoid(z_name)
        return tokens, spans, names

    def _rows(
        self, strings: Any, rows: Any, columns: list[int], make: Callable[[Any, list[int]], Any]
    ) -> list:
        """The cached value of each row (keyed by the bytes of its ``columns``), made from the row where new."""
        keys = numpy.ascontiguousarray(rows[:, columns]).view(f"V{8 * len(columns)}").ravel().tolist()
        cache = self._by_row
        values = list(map(cache.get, keys))
        if None in values:
            if len(cache) > CACHE_SIZE:
                cache.clear()
            for k, key in enumerate(keys):
                if values[k] is None:
                    values[k] = cache.get(key) or cache.setdefault(key, make(strings, rows[k].tolist()))
        return values

    def _own_row(self, strings: Any, row: list[int]) -> tuple[Sums, tuple[Sums, ...]]:
        return self._own(signature_of(strings, row))

    def _head_row(self, strings: Any, row: list[int]) -> Sums:
        lower, lemma, pos = (strings[key] if key else "" for key in (row[LOWER], row[LEMMA], row[POS]))
        return self._sums(head_from(lower, lemma.lower(), pos))

    def _fixed(self, feature: str) -> Sums:
        return (self.span.weights.get(feature, 0.0), self.name_calling.weights.get(feature, 0.0))

    def _sums(self, features: Sequence[str]) -> Sums:
        """Both heads' weights of the features added up, in the features' order (one look-up a feature)."""
        pairs = self._pairs
        if not pairs:  # filled once (the signature cache is cleared when full, this never is)
            for k in self.span.weights.keys() | self.name_calling.weights.keys():
                pairs[k] = (self.span.weights.get(k, 0.0), self.name_calling.weights.get(k, 0.0))
        span = name = 0.0
        for feature in features:
            found = pairs.get(feature)
            if found is not None:
                span += found[0]
                name += found[1]
        return span, name

    def _own(self, signature: Signature) -> tuple[Sums, tuple[Sums, ...]]:
        """A signature's own sums, and what it lends a token at each context offset (CONTEXT order)."""
        found = self._cache.get(signature)
        if found is None:
            if len(self._cache) > CACHE_SIZE:
                self._cache.clear()
            base = base_from(signature)
            lent = lent_from(base)
            lends = tuple(self._sums([f"{offset}:{f}" for f in lent]) for offset in CONTEXT)
            found = self._cache[signature] = (self._sums(base), lends)
        return found

    def spans(self, doc: Any, text: str | None = None) -> list[SlantSpan]:
        """The model's spans in a spaCy Doc (whose text the caller may give), in text order. A Doc the
        pre-filter left wholly unparsed (no part of speech anywhere) has none: every token would score 0."""
        if not len(doc) or not doc.to_array([SPACY_POS]).any():
            return []
        tokens, span_p, name_p = self._scores(doc)
        low = self.low
        on = [p >= low for p in span_p]
        if not any(on):
            return []
        text = doc.text if text is None else text
        pos, sent_start = tokens.pos(), (tokens.array[:, SENT_START] == 1).tolist()
        idx, end = tokens.array[:, IDX].tolist(), tokens.end
        on = _extend(pos, sent_start, on)
        runs: list[list[int]] = []
        for i, flag in enumerate(on):
            joins = runs and runs[-1][-1] == i - 1 and not sent_start[i]
            if flag and joins and idx[i] - end(i - 1) <= 1:
                runs[-1].append(i)
            elif flag:
                runs.append([i])
        threshold = self.threshold
        return [
            self._span(text, idx[run[0]], end(run[-1]), span_p, name_p, run)
            for run in runs
            if any(span_p[i] >= low and pos[i] in CONTENT for i in run)
            and max(span_p[i] for i in run) >= threshold
        ]

    def _span(
        self, text: str, start: int, end: int, span_p: list[float], name_p: list[float], run: list[int]
    ) -> SlantSpan:
        found = [i for i in run if span_p[i] >= self.low] or run
        lean = sum(name_p[i] - 0.5 for i in found)
        technique = NAME_CALLING if lean > 0 else LOADED
        return SlantSpan(
            technique, start, end, text[start:end], round(max(span_p[i] for i in found), 3), self.name
        )


class Tokens(NamedTuple):
    """A Doc's word tokens (whitespace left out) as their rows of Doc.to_array(ATTRIBUTES), with the rows of
    their syntactic heads: scoring reads hashes, and only decoding spans reads text."""

    array: Any  # numpy uint64, a row a token
    heads: Any  # the row of each token's head
    strings: Any  # the Doc's StringStore: the text of a hash

    @classmethod
    def of(cls, doc: Any) -> Tokens:
        every = doc.to_array(list(ATTRIBUTES))
        words = numpy.flatnonzero(every[:, IS_SPACE] == 0)
        heads = words + every[words, HEAD].astype("int64")  # HEAD is relative (negative ones wrap back)
        return cls(every[words], every[heads], doc.vocab.strings)

    def quoted(self) -> list[bool]:
        """`features.quoted` of the tokens, reading the text of quotation marks only."""
        orth = self.array[:, ORTH]
        marks = numpy.array([self.strings[mark] for mark in QUOTES], dtype=orth.dtype)
        at = numpy.flatnonzero(numpy.isin(orth, marks))
        texts = map(self.strings.__getitem__, orth[at].tolist())
        return quote_marks(len(orth), zip(at.tolist(), texts, strict=True))

    def pos(self) -> list[str]:
        keys = self.array[:, POS].tolist()
        names = {key: self.strings[key] if key else "" for key in set(keys)}
        return list(map(names.__getitem__, keys))

    def end(self, i: int) -> int:
        """A token's end offset (its start and the length of its text): read for the few tokens a span takes
        in, not for every token."""
        row = self.array[i]
        return int(row[IDX]) + len(self.strings[int(row[ORTH])])


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0


def _extend(pos: list[str], sent_start: list[bool], on: list[bool]) -> list[bool]:
    """Found nouns and adjectives take in the adjectives, adverbs and nouns before them and the nouns after,
    within their sentence (``pos`` and ``sent_start`` of each token)."""
    out = list(on)
    for i, flag in enumerate(on):
        if not flag or pos[i] not in EXTENDS:
            continue
        j = i - 1
        while j >= 0 and not out[j] and not sent_start[j + 1] and pos[j] in EXTEND_LEFT:
            out[j] = True
            j -= 1
        j = i + 1
        while j < len(on) and not out[j] and not sent_start[j] and pos[j] in EXTEND_RIGHT:
            out[j] = True
            j += 1
    return out


def model_from_dict(data: Mapping[str, Any]) -> LinearModel:
    return LinearModel(
        name=str(data["name"]),
        span=Head.from_dict(data["span"]),
        name_calling=Head.from_dict(data["name_calling"]),
        threshold=float(data["threshold"]),
        meta=dict(data.get("meta", {})),
        extent=float(data["extent"]) if data.get("extent") is not None else None,
    )


@functools.lru_cache(maxsize=1)
def load_model() -> LinearModel:
    """The packaged model (loaded once per process)."""
    text = resources.files("frontlines.slant").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return model_from_dict(json.loads(text))
