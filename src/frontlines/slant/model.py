"""The slant model: a linear token classifier trained on the Propaganda Techniques Corpus (scripts/train_slant.py;
data, provenance and cross-validated figures in docs/decisions/0017-slant.md).

Two logistic regressions over the features of :mod:`frontlines.slant.features`: ``span`` gives the probability
that a token lies in a Loaded_Language or Name_Calling,Labeling span, ``name_calling`` the probability that such a
token is name calling rather than loaded language. Tokens at or above the model's threshold become spans: a
found noun or adjective takes in the adjectives and nouns of its phrase ("corrupt western elite"), neighbouring
tokens join into one span, and the span's technique is the one its tokens lean to.

The weights are package data (``data/ptc-linear.json``): reading them needs no download and no library
beyond the standard one, and scoring a token is a sum of a few dozen dictionary look-ups.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from frontlines.records import SlantSpan
from frontlines.slant.features import token_features

LOADED = "Loaded_Language"
NAME_CALLING = "Name_Calling,Labeling"
MODEL_FILE = "data/ptc-linear.json"
EXTEND_LEFT = frozenset({"ADJ", "ADV", "NOUN", "PROPN"})  # a found word's phrase, leftwards
EXTEND_RIGHT = frozenset({"NOUN", "PROPN"})  # and rightwards
EXTENDS = frozenset({"ADJ", "NOUN", "PROPN"})  # the found words whose phrase is taken in


@dataclass(frozen=True, slots=True)
class Head:
    """One logistic regression: a bias and a weight per feature (features not listed weigh 0)."""

    bias: float
    weights: Mapping[str, float]

    def probability(self, features: Sequence[str]) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Head:
        return cls(float(data["bias"]), {str(k): float(v) for k, v in data["weights"].items()})


@dataclass(frozen=True, slots=True)
class LinearModel:
    name: str  # the rule name its spans carry, e.g. "model:ptc-linear-1"
    span: Head
    name_calling: Head
    threshold: float
    meta: Mapping[str, Any]  # training data, date, cross-validated figures (see the decision record)

    def spans(self, doc: Any) -> list[SlantSpan]:
        """The model's spans in a spaCy Doc, in text order."""
        scored = [
            (token, self.span.probability(features), features) for token, features in token_features(doc)
        ]
        on = [p >= self.threshold for _, p, _ in scored]
        extended = _extend(scored, on)
        return list(self._join(doc, scored, extended))

    def _join(self, doc: Any, scored: list[tuple[Any, float, list[str]]], on: list[bool]) -> Any:
        run: list[int] = []
        for i, flag in enumerate(on):
            token = scored[i][0]
            if flag and run and token.idx - _end(scored[run[-1]][0]) <= 1:
                run.append(i)
                continue
            if run:
                yield self._span(doc, scored, run)
            run = [i] if flag else []
        if run:
            yield self._span(doc, scored, run)

    def _span(self, doc: Any, scored: list[tuple[Any, float, list[str]]], run: list[int]) -> SlantSpan:
        start = scored[run[0]][0].idx
        end = _end(scored[run[-1]][0])
        found = [i for i in run if scored[i][1] >= self.threshold] or run
        lean = sum(self.name_calling.probability(scored[i][2]) - 0.5 for i in found)
        score = max(scored[i][1] for i in found)
        technique = NAME_CALLING if lean > 0 else LOADED
        return SlantSpan(technique, start, end, doc.text[start:end], round(score, 3), self.name)


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def _extend(scored: list[tuple[Any, float, list[str]]], on: list[bool]) -> list[bool]:
    """Found nouns and adjectives take in the adjectives, adverbs and nouns before them and the nouns after."""
    out = list(on)
    for i, flag in enumerate(on):
        if not flag or scored[i][0].pos_ not in EXTENDS:
            continue
        j = i - 1  # leftwards, never past the start of the found word's sentence
        while (
            j >= 0 and not out[j] and not scored[j + 1][0].is_sent_start and scored[j][0].pos_ in EXTEND_LEFT
        ):
            out[j] = True
            j -= 1
        j = i + 1  # rightwards, never into the next sentence
        while (
            j < len(on)
            and not out[j]
            and not scored[j][0].is_sent_start
            and scored[j][0].pos_ in EXTEND_RIGHT
        ):
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
    )


@functools.lru_cache(maxsize=1)
def load_model() -> LinearModel:
    """The packaged model (loaded once per process)."""
    text = resources.files("frontlines.slant").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return model_from_dict(json.loads(text))
