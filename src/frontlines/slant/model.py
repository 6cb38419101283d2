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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.attrs import POS

from frontlines.records import SlantSpan
from frontlines.slant.features import (
    CONTEXT,
    Signature,
    Word,
    base_from,
    head_from,
    lent_from,
    quoted,
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
    extent: float | None = None  # the bar of a found token, which extends a span (None: the threshold)

    @property
    def low(self) -> float:
        return self.threshold if self.extent is None else min(self.extent, self.threshold)

    def probabilities(self, doc: Any) -> tuple[list[Word], list[float], list[float]]:
        """The Doc's word tokens, and for each the probability of a span and of name calling. The same sums as
        ``Head.probability`` over ``token_features`` (a test checks it), with each token signature's weights
        added up once. Tokens of sentences the pipeline's pre-filter left unparsed (no part of speech) get 0:
        the model was trained on parsed text, and is not spent on what it cannot read."""
        every = words(doc)
        tokens = [w for w in every if not w.space]
        n = len(tokens)
        parsed = [i for i, w in enumerate(tokens) if w.pos]
        # the parsed tokens and their context (with indices past the ends, which are never asked about)
        needed: set[int] = set()
        for offset in range(CONTEXT[0], CONTEXT[-1] + 1):
            needed.update(map(offset.__add__, parsed))
        own = [self._own(w.signature) if i in needed else NOTHING for i, w in enumerate(tokens)]
        in_quotes = quoted([w.text for w in tokens])
        inq = self._fixed("inq")
        pads = {offset: self._fixed(f"{offset}:pad") for offset in CONTEXT}
        spans, names = [0.0] * n, [0.0] * n
        span_bias, name_bias, head_sums = self.span.bias, self.name_calling.bias, self._head
        context = tuple(enumerate(CONTEXT))
        for i in parsed:
            head = head_sums(every[tokens[i].head])
            sums = own[i][0]
            z_span = span_bias + sums[0] + head[0]
            z_name = name_bias + sums[1] + head[1]
            for k, offset in context:
                j = i + offset
                lent = own[j][1][k] if 0 <= j < n else pads[offset]
                z_span += lent[0]
                z_name += lent[1]
            if in_quotes[i]:
                z_span += inq[0]
                z_name += inq[1]
            spans[i] = _sigmoid(z_span)
            names[i] = _sigmoid(z_name)
        return tokens, spans, names

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

    def _head(self, head: Word) -> Sums:
        key = ("head", head.lower, head.lemma, head.pos)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._sums(head_from(head.lower, head.lemma, head.pos))
        return found

    def spans(self, doc: Any, text: str | None = None) -> list[SlantSpan]:
        """The model's spans in a spaCy Doc (whose text the caller may give), in text order. A Doc the
        pre-filter left wholly unparsed (no part of speech anywhere) has none: every token would score 0."""
        if not len(doc) or not doc.to_array([POS]).any():
            return []
        text = doc.text if text is None else text
        tokens, span_p, name_p = self.probabilities(doc)
        low = self.low
        on = _extend(tokens, [p >= low for p in span_p])
        runs: list[list[int]] = []
        for i, flag in enumerate(on):
            joins = runs and runs[-1][-1] == i - 1 and not tokens[i].sent_start
            if flag and joins and tokens[i].idx - tokens[i - 1].end <= 1:
                runs[-1].append(i)
            elif flag:
                runs.append([i])
        threshold = self.threshold
        return [
            self._span(text, tokens, span_p, name_p, run)
            for run in runs
            if any(span_p[i] >= low and tokens[i].pos in CONTENT for i in run)
            and max(span_p[i] for i in run) >= threshold
        ]

    def _span(
        self, text: str, tokens: list[Word], span_p: list[float], name_p: list[float], run: list[int]
    ) -> SlantSpan:
        start, end = tokens[run[0]].idx, tokens[run[-1]].end
        found = [i for i in run if span_p[i] >= self.low] or run
        lean = sum(name_p[i] - 0.5 for i in found)
        technique = NAME_CALLING if lean > 0 else LOADED
        return SlantSpan(
            technique, start, end, text[start:end], round(max(span_p[i] for i in found), 3), self.name
        )


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0


def _extend(tokens: list[Word], on: list[bool]) -> list[bool]:
    """Found nouns and adjectives take in the adjectives, adverbs and nouns before them and the nouns after,
    within their sentence."""
    out = list(on)
    for i, flag in enumerate(on):
        if not flag or tokens[i].pos not in EXTENDS:
            continue
        j = i - 1
        while j >= 0 and not out[j] and not tokens[j + 1].sent_start and tokens[j].pos in EXTEND_LEFT:
            out[j] = True
            j -= 1
        j = i + 1
        while j < len(on) and not out[j] and not tokens[j].sent_start and tokens[j].pos in EXTEND_RIGHT:
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
