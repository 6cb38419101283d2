"""Token features of the slant model, shared by the runtime (:mod:`frontlines.slant.model`) and the training
script (scripts/train_slant.py), so that both see exactly the same features.

A token is described by strings ("w=regime", "pos=ADJ", "vad=2.6"): its word and lemma, its part of speech,
tag and dependency (from the spaCy parse the pipeline already made; not its entity type, so that the entity
recogniser need not run for the slant stage: ADR 0017, decision 12), how strongly the VADER
lexicon rates it and how subjective the Pattern lexicon finds it (`data/valence.tsv`), its first and last
three letters and its shape ("Xxxx", "xx-xx"), how common the word is in English (`data/frequency.tsv`: rare
words are more often loaded), its WordNet classes (`data/wordnet.tsv`: "wl=noun.person", "wh1=wrongdoer",
"wa=foolish", so that a word unseen in training shares the weights of its class), whether it stands in
quotation marks, and the lemma, part of speech and rating of its syntactic head. Its two neighbours on each side
contribute their word, part of speech, ratings, frequency and WordNet lexicographer class, prefixed with their
offset ("-1:w=so-called").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

import numpy

CONTEXT = (-2, -1, 1, 2)
CONTEXT_KINDS = (
    "w=",
    "pos=",
    "vad=",
    "psub=",
    "zf=",
    "wl=",
)  # the features a neighbour lends, prefixed with its offset
OPEN_QUOTES = frozenset("“‘«")
CLOSE_QUOTES = frozenset("”’»")
QUOTES = OPEN_QUOTES | CLOSE_QUOTES | {'"'}
VADER_EDGES = (0.01, 1.0, 1.6, 2.1, 2.6, 3.1)
SUBJECTIVITY_EDGES = (0.2, 0.4, 0.6, 0.8)
POLARITY_EDGES = (-0.6, -0.2, 0.2, 0.6)
ZIPF_EDGES = (2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0)  # lower edges of the Zipf ranges of data/frequency.tsv
AFFIX = 3  # letters of a word's prefix and suffix features
REPEATS = re.compile(r"(.)\1+")

Signature = tuple[str, str, str, str, str, bool, str]  # everything a token's own features depend on


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


@functools.lru_cache(maxsize=1)
def frequencies() -> dict[str, str]:
    """Each listed word's Zipf frequency range, as a feature value (data/frequency.tsv: one line per range,
    its lower edge, a tab, then its words separated by spaces); words not listed are rarer than any range."""
    table: dict[str, str] = {}
    text = resources.files("frontlines.slant").joinpath("data/frequency.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        edge, listed = line.split("\t")
        for word in listed.split(" "):
            table[word] = edge
    return table


WORDNET_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}  # spaCy's parts of speech WordNet has


@functools.lru_cache(maxsize=1)
def wordnet() -> dict[tuple[str, str], tuple[str, ...]]:
    """The packaged WordNet classes (data/wordnet.tsv: lemma, part of speech n/v/a/r, its classes separated by
    spaces): "wl=noun.person", "wh1=wrongdoer", "wa=foolish" (scripts/slant_wordnet.py says which)."""
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    shared: dict[str, tuple[str, ...]] = {}  # one tuple per distinct list of classes, one string per class
    names: dict[str, str] = {}
    text = resources.files("frontlines.slant").joinpath("data/wordnet.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, pos, listed = line.split("\t")
        found = shared.get(listed)
        if found is None:
            found = shared[listed] = tuple(names.setdefault(c, c) for c in listed.split(" "))
        table[(lemma, pos)] = found
    return table


def semantic(lemma: str, pos: str) -> tuple[str, ...]:
    """A word's WordNet classes by its lemma and spaCy part of speech ("wnone" for a noun, verb, adjective or
    adverb WordNet lacks; an adjective it lacks is tried as a noun, as spaCy tags some nouns used as
    modifiers); () for other parts of speech."""
    letter = WORDNET_POS.get(pos)
    if letter is None:
        return ()
    table = wordnet()
    found = table.get((lemma, letter)) or (table.get((lemma, "n")) if letter == "a" else None)
    return found or ("wnone",)


def frequency(word: str) -> str:
    """A word's Zipf frequency range: "rare" when the table does not list it, else the range's lower edge."""
    return frequencies().get(word, "rare")


def bucket(value: float, edges: Sequence[float]) -> str:
    """The first edge ``value`` lies under, as text ("max" above them all): features for ranges of a score."""
    for edge in edges:
        if value < edge:
            return str(edge)
    return "max"


def rating(word: str, lemma: str) -> Rating:
    table = ratings()
    return table.get(word) or table.get(lemma) or NO_RATING


class Word(NamedTuple):
    """What the features read of one spaCy token, as plain values (one pass over the Doc; a named tuple, which
    is several times cheaper to make than a frozen dataclass, for every token of every report)."""

    idx: int  # character offset
    text: str
    lower: str
    lemma: str  # lower case
    pos: str
    tag: str
    dep: str
    sent_start: bool
    space: bool
    head: int  # the index of its syntactic head in the Doc

    @property
    def end(self) -> int:
        return self.idx + len(self.text)

    @property
    def signature(self) -> Signature:
        """Everything its own features depend on."""
        cap = self.text[:1].isupper() and not self.sent_start
        return (self.lower, self.lemma, self.pos, self.tag, self.dep, cap, shape(self.text))


@functools.lru_cache(maxsize=100_000)
def shape(text: str) -> str:
    """A word's shape: capitals X, small letters x, digits d, other characters as they are, runs cut to two
    ("Anti-Gun" -> "Xxx-Xxx", "U.S." -> "X.X.")."""
    marks = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in text)
    return REPEATS.sub(r"\1\1", marks)


ATTRIBUTES = (
    "ORTH",
    "LOWER",
    "LEMMA",
    "POS",
    "TAG",
    "DEP",
    "HEAD",
    "IDX",
    "IS_SPACE",
    "SENT_START",
)
ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, IDX, IS_SPACE, SENT_START = range(len(ATTRIBUTES))  # their columns


def words(doc: Any) -> list[Word]:
    """Every token of a spaCy Doc (spaces included, so that heads index it), as `Word`s: read as one array
    (Doc.to_array) and column by column rather than token by token, which is several times faster."""
    if not len(doc):
        return []
    array = doc.to_array(list(ATTRIBUTES))
    strings = doc.vocab.strings
    # the string columns (uint64 hashes, 0 for no value): every string the Doc uses, looked up once
    columns = array[:, :6].T.tolist()
    names = {key: strings[key] if key else "" for key in numpy.unique(array[:, :6]).tolist()}
    lemmas = {key: text.lower() for key, text in names.items()}
    orth, lower, lemma, pos, tag, dep = (
        list(map(table.__getitem__, column))
        for table, column in zip((names, names, lemmas, names, names, names), columns, strict=True)
    )
    signed = array[:, 6:].astype("int64")  # HEAD is relative, SENT_START -1 or 1: both wrap back
    head = (numpy.arange(len(array)) + signed[:, 0]).tolist()
    idx = signed[:, 1].tolist()
    space = (signed[:, 2] != 0).tolist()
    sent_start = (signed[:, 3] == 1).tolist()
    return list(
        map(Word._make, zip(idx, orth, lower, lemma, pos, tag, dep, sent_start, space, head, strict=True))
    )


def signature_of(strings: Any, row: Sequence[int]) -> Signature:
    """`Word.signature` of a token read from its row of Doc.to_array(ATTRIBUTES) (``strings`` the Doc's
    StringStore), the same as `words` would give it."""
    orth, lower, lemma, pos, tag, dep = (strings[key] if key else "" for key in row[:6])
    cap = orth[:1].isupper() and row[SENT_START] != 1
    return (lower, lemma.lower(), pos, tag, dep, cap, shape(orth))


@functools.lru_cache(maxsize=100_000)
def base_from(signature: Signature) -> tuple[str, ...]:
    """What a token says on its own (no neighbours): word, lemma, affixes, shape, parse labels and lexicon
    ratings."""
    word, lemma, pos, tag, dep, cap, form = signature
    rated = rating(word, lemma)
    strength = bucket(abs(rated.valence), VADER_EDGES)
    sign = "n" if rated.valence < 0 else "p" if rated.valence > 0 else "0"
    features = [
        "w=" + word,
        "l=" + lemma,
        "pos=" + pos,
        "tag=" + tag,
        "dep=" + dep,
        "vad=" + strength,
        "vsign=" + sign,
        f"pos_vad={pos}_{bucket(abs(rated.valence), (0.01, 1.6, 2.6))}",
        "suf3=" + word[-AFFIX:],
        "pre3=" + word[:AFFIX],
        "shape=" + form,
        "zf=" + frequency(word),
        f"pos_zf={pos}_{frequency(word)}",
    ]
    if rated.subjectivity is None or rated.polarity is None:
        features.append("pnone")
    else:
        features.append("psub=" + bucket(rated.subjectivity, SUBJECTIVITY_EDGES))
        features.append("ppol=" + bucket(rated.polarity, POLARITY_EDGES))
    if cap:
        features.append("cap")
    features += semantic(lemma, pos)
    return tuple(features)


def lent_from(base: tuple[str, ...]) -> tuple[str, ...]:
    """The features a token lends its neighbours (without their offset prefix)."""
    return tuple(f for f in base if f.startswith(CONTEXT_KINDS))


def quoted(texts: Sequence[str]) -> list[bool]:
    """For each token (its text), whether it stands between quotation marks (curly quotes open and close; a
    straight double quote toggles)."""
    return quote_marks(len(texts), [(i, text) for i, text in enumerate(texts) if text in QUOTES])


def quote_marks(n: int, quotes: Iterable[tuple[int, str]]) -> list[bool]:
    """`quoted` for ``n`` tokens, given only those that are quotation marks (index and text, in order)."""
    inside = False
    marks: list[bool] = []
    for i, text in quotes:
        marks += [inside] * (i - len(marks))
        if text == '"':
            inside = not inside
        elif text in OPEN_QUOTES and text != "‘":
            inside = True
        elif text in CLOSE_QUOTES and text != "’":
            inside = False
        marks.append(inside)
    return marks + [inside] * (n - len(marks))


@functools.lru_cache(maxsize=100_000)
def head_from(lower: str, lemma: str, pos: str) -> tuple[str, ...]:
    """What a token's syntactic head lends it."""
    rated = rating(lower, lemma)
    return ("hl=" + lemma, "hpos=" + pos, "hvad=" + bucket(abs(rated.valence), (0.01, 1.6, 2.6)))


def token_features(doc: Any) -> Iterator[tuple[Word, list[str]]]:
    """(word, its features) for every token of a spaCy Doc but whitespace, in order: what the model is
    trained on (the runtime in model.py sums the same features' weights, cached by token signature)."""
    every = words(doc)
    tokens = [w for w in every if not w.space]
    bases = [base_from(w.signature) for w in tokens]
    lent = [lent_from(base) for base in bases]
    in_quotes = quoted([w.text for w in tokens])
    for i, word in enumerate(tokens):
        features = list(bases[i])
        for offset in CONTEXT:
            j = i + offset
            if 0 <= j < len(tokens):
                features += [f"{offset}:{f}" for f in lent[j]]
            else:
                features.append(f"{offset}:pad")
        if in_quotes[i]:
            features.append("inq")
        head = every[word.head]
        features += head_from(head.lower, head.lemma, head.pos)
        yield word, features
