"""Token features of the slant model, shared by the runtime (:mod:`frontlines.slant.model`) and the training
script (scripts/train_slant.py), so that both see exactly the same features.

A token is described by strings ("w=regime", "pos=ADJ", "vad=2.6"): its word and lemma, its part of speech,
tag, dependency and entity type (from the spaCy parse the pipeline already made), how strongly the VADER
lexicon rates it and how subjective the Pattern lexicon finds it (`data/valence.tsv`), whether it stands in
quotation marks, and the lemma, part of speech and rating of its syntactic head. Its two neighbours on each
side contribute their word, part of speech and ratings, prefixed with their offset ("-1:w=so-called").
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

CONTEXT = (-2, -1, 1, 2)
CONTEXT_KINDS = ("w=", "pos=", "vad=", "psub=")  # the features a neighbour lends, prefixed with its offset
OPEN_QUOTES = frozenset("“‘«")
CLOSE_QUOTES = frozenset("”’»")
VADER_EDGES = (0.01, 1.0, 1.6, 2.1, 2.6, 3.1)
SUBJECTIVITY_EDGES = (0.2, 0.4, 0.6, 0.8)
POLARITY_EDGES = (-0.6, -0.2, 0.2, 0.6)


@dataclass(frozen=True, slots=True)
class Rating:
    """A word's ratings: VADER valence (-4..4; 0 when unrated) and Pattern polarity and subjectivity (None
    when Pattern does not rate the word)."""

    valence: float
    polarity: float | None
    subjectivity: float | None


NO_RATING = Rating(0.0, None, None)


@functools.lru_cache(maxsize=1)
def ratings() -> dict[str, Rating]:
    """The packaged word ratings (data/valence.tsv: word, VADER valence, Pattern polarity, subjectivity)."""
    table: dict[str, Rating] = {}
    text = resources.files("frontlines.slant").joinpath("data/valence.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, valence, polarity, subjectivity = line.split("\t")
        table[word] = Rating(
            float(valence or 0),
            float(polarity) if polarity else None,
            float(subjectivity) if subjectivity else None,
        )
    return table


def bucket(value: float, edges: Sequence[float]) -> str:
    """The first edge ``value`` lies under, as text ("max" above them all): features for ranges of a score."""
    for edge in edges:
        if value < edge:
            return str(edge)
    return "max"


def rating(word: str, lemma: str) -> Rating:
    table = ratings()
    return table.get(word) or table.get(lemma) or NO_RATING


def base_features(token: Any) -> list[str]:
    """What a token says on its own (no neighbours): word, lemma, parse labels and lexicon ratings."""
    word = token.lower_
    lemma = token.lemma_.lower()
    rated = rating(word, lemma)
    strength = bucket(abs(rated.valence), VADER_EDGES)
    sign = "n" if rated.valence < 0 else "p" if rated.valence > 0 else "0"
    features = [
        "w=" + word,
        "l=" + lemma,
        "pos=" + token.pos_,
        "tag=" + token.tag_,
        "dep=" + token.dep_,
        "ent=" + token.ent_type_,
        "vad=" + strength,
        "vsign=" + sign,
        f"pos_vad={token.pos_}_{bucket(abs(rated.valence), (0.01, 1.6, 2.6))}",
    ]
    if rated.subjectivity is None or rated.polarity is None:
        features.append("pnone")
    else:
        features.append("psub=" + bucket(rated.subjectivity, SUBJECTIVITY_EDGES))
        features.append("ppol=" + bucket(rated.polarity, POLARITY_EDGES))
    if token.text[:1].isupper() and not token.is_sent_start:
        features.append("cap")
    return features


def quoted(tokens: Sequence[Any]) -> list[bool]:
    """For each token, whether it stands between quotation marks (curly quotes open and close; a straight
    double quote toggles)."""
    inside = False
    marks = []
    for token in tokens:
        text = token.text
        if text == '"':
            inside = not inside
        elif text in OPEN_QUOTES and text != "‘":
            inside = True
        elif text in CLOSE_QUOTES and text != "’":
            inside = False
        marks.append(inside)
    return marks


def head_features(token: Any) -> list[str]:
    head = token.head
    rated = rating(head.lower_, head.lemma_.lower())
    return [
        "hl=" + head.lemma_.lower(),
        "hpos=" + head.pos_,
        "hvad=" + bucket(abs(rated.valence), (0.01, 1.6, 2.6)),
    ]


def is_word(token: Any) -> bool:
    """Tokens the model labels: everything but whitespace."""
    return not token.is_space


def token_features(doc: Any) -> Iterator[tuple[Any, list[str]]]:
    """(token, its features) for every word token of a spaCy Doc, in order."""
    tokens = [t for t in doc if is_word(t)]
    bases = [base_features(t) for t in tokens]
    lent = [[f for f in base if f.startswith(CONTEXT_KINDS)] for base in bases]
    in_quotes = quoted(tokens)
    for i, token in enumerate(tokens):
        features = list(bases[i])
        for offset in CONTEXT:
            j = i + offset
            if 0 <= j < len(tokens):
                features += [f"{offset}:{f}" for f in lent[j]]
            else:
                features.append(f"{offset}:pad")
        if in_quotes[i]:
            features.append("inq")
        features += head_features(token)
        yield token, features
