"""The model's attribute ruler, applied by table look-up: the same attributes, a fraction of the time.

en_core_web_sm's ``attribute_ruler`` maps the tagger's fine tags (and, for a few words, their text, dependency
or neighbour) to a coarse part of speech, morphology and sometimes a lemma, with spaCy's token ``Matcher`` over
its 179 patterns: about 40 µs a token, 15-18 % of the small model's time, more than the parser. Every one of its
patterns reads only four attributes of the tokens it covers (TAG, LOWER, DEP, IS_SPACE) and covers one token or
two, so which patterns match a token depends only on those attributes of it and its neighbour.
:class:`TableRuler` reads the patterns from the model's own component, works out once for each combination of
the four attributes which patterns match (``_matches``, a small evaluator of the pattern language the patterns
use: equality, ``IN``, ``NOT_IN``, ``REGEX``), and then sets, token by token, exactly what spaCy's component
sets: the attributes of every matching pattern in pattern order, later patterns winning (as
``AttributeRuler.match`` sorts them). tests/test_nlp_tables.py checks it against spaCy's component token for token.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

from frontlines.nlp.model import one_blas_thread

READ = (TAG, LOWER, DEP, IS_SPACE)  # the attributes the patterns read, in key order
WRITTEN = (TAG, POS, MORPH, LEMMA, DEP)  # the attributes patterns may set
_READ_NAMES = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_WRITTEN_NAMES = {TAG: 0, POS: 1, MORPH: 2, LEMMA: 3, DEP: 4}
Key = tuple[int, int, int, int]


class UnsupportedPattern(ValueError):
    """The model's attribute ruler has a pattern this evaluator does not know (another model)."""


@dataclass(frozen=True, slots=True)
class _Test:
    """One condition of a token pattern on one attribute (by its position in READ)."""

    slot: int
    kind: str  # "eq", "in", "not_in", "regex"
    values: Any  # a hash, a frozenset of hashes, or a compiled pattern (on the string)

    def holds(self, key: Key, strings: Any) -> bool:
        value = key[self.slot]
        if self.kind == "eq":
            return bool(value == self.values)
        if self.kind == "in":
            return value in self.values
        if self.kind == "not_in":
            return value not in self.values
        return self.values.search(strings[value]) is not None


def _tests(spec: Mapping[str, Any], strings: Any) -> tuple[_Test, ...]:
    tests = []
    for name, cond in spec.items():
        if name not in _READ_NAMES:
            raise UnsupportedPattern(f"attribute {name!r}")
        slot = _READ_NAMES[name]
        if name == "IS_SPACE":
            if not isinstance(cond, bool):
                raise UnsupportedPattern(f"IS_SPACE {cond!r}")
            tests.append(_Test(slot, "eq", int(cond)))
        elif isinstance(cond, str):
            tests.append(_Test(slot, "eq", strings.add(cond)))
        elif isinstance(cond, dict) and len(cond) == 1:
            ((op, value),) = cond.items()
            if op in ("IN", "NOT_IN") and isinstance(value, list) and all(isinstance(v, str) for v in value):
                tests.append(_Test(slot, op.lower(), frozenset(strings.add(v) for v in value)))
            elif op == "REGEX" and isinstance(value, str):
                tests.append(_Test(slot, "regex", re.compile(value)))
            else:
                raise UnsupportedPattern(f"{name} {cond!r}")
        else:
            raise UnsupportedPattern(f"{name} {cond!r}")
    return tuple(tests)


class TableRuler:
    """spaCy's ``AttributeRuler`` of a model (``ruler``), applied through a table of attribute combinations."""

    def __init__(self, ruler: Any) -> None:
        self.vocab = ruler.vocab
        strings = self.vocab.strings
        self._specs: list[tuple[_Test, ...]] = []
        # per pattern (in order): its alternatives (as spec ids), the index of the token it sets, what it sets
        self._entries: list[tuple[list[tuple[int, ...]], int, dict[int, int]]] = []
        for i, attrs in enumerate(ruler.attrs):
            alternatives = []
            for pattern in ruler.matcher.get(str(i))[1]:
                if not 1 <= len(pattern) <= 2:
                    raise UnsupportedPattern(f"a pattern of {len(pattern)} tokens")
                ids = []
                for spec in pattern:
                    ids.append(len(self._specs))
                    self._specs.append(_tests(spec, strings))
                alternatives.append(tuple(ids))
            if set(attrs) - set(WRITTEN):
                raise UnsupportedPattern(f"sets {sorted(attrs)}")
            index = ruler.indices[i]
            if any(not -len(p) <= index < len(p) for p in alternatives):
                raise UnsupportedPattern(f"index {index}")
            self._entries.append((alternatives, index, dict(attrs)))
        self._pairs = [
            (e, alt, index % 2)
            for e, (alternatives, index, _) in enumerate(self._entries)
            for alt in alternatives
            if len(alt) == 2
        ]
        self._single = {  # the spec of a one-token alternative -> its pattern
            alt[0]: e
            for e, (alternatives, _, _) in enumerate(self._entries)
            for alt in alternatives
            if len(alt) == 1
        }
        self._first = {alt[0]: p for p, (_, alt, _) in enumerate(self._pairs)}
        # Each spec filed under the values of its most selective test (LOWER, else TAG), or as one to try always.
        self._filed: tuple[dict[int, list[int]], dict[int, list[int]]] = ({}, {})
        self._always: list[int] = []
        for s, tests in enumerate(self._specs):
            for slot, files in ((1, self._filed[0]), (0, self._filed[1])):
                test = next((t for t in tests if t.slot == slot and t.kind in ("eq", "in")), None)
                if test is not None:
                    for value in [test.values] if test.kind == "eq" else sorted(test.values):
                        files.setdefault(value, []).append(s)
                    break
            else:
                self._always.append(s)
        self._by_key: dict[Key, _Reading] = {}

    def _reading(self, key: Key) -> _Reading:
        found = self._by_key.get(key)
        if found is None:
            if len(self._by_key) > 200_000:
                self._by_key.clear()
            strings = self.vocab.strings
            tried = [*self._filed[0].get(key[1], ()), *self._filed[1].get(key[0], ()), *self._always]
            specs = frozenset(s for s in tried if all(t.holds(key, strings) for t in self._specs[s]))
            entries = tuple(sorted({self._single[s] for s in specs if s in self._single}))
            pairs = tuple(sorted(self._first[s] for s in specs if s in self._first))
            found = self._by_key[key] = _Reading(specs, entries, self._merge(entries), pairs)
        return found

    def _merge(self, entries: Sequence[int]) -> tuple[int | None, ...]:
        """What the patterns ``entries`` set, applied in order (a later one wins), by WRITTEN position."""
        values: list[int | None] = [None] * len(WRITTEN)
        for e in sorted(entries):
            for attr, value in self._entries[e][2].items():
                values[_WRITTEN_NAMES[attr]] = value
        return tuple(values)

    def __call__(self, doc: Any) -> Any:
        n = len(doc)
        if not n:
            return doc
        readings = [self._reading(tuple(row)) for row in doc.to_array(list(READ)).tolist()]
        extra: dict[int, list[int]] = {}  # token -> two-token patterns that set it
        for i, reading in enumerate(readings[:-1]):
            for p in reading.pairs:  # (rare: "gon na", "let 's", "there is")
                e, (_, second), target = self._pairs[p]
                if second in readings[i + 1].specs:
                    extra.setdefault(i + target, []).append(e)
        array = doc.to_array(list(WRITTEN))
        for i, reading in enumerate(readings):
            merged = self._merge((*reading.entries, *extra[i])) if i in extra else reading.merged
            for slot, value in enumerate(merged):
                if value is not None:
                    array[i, slot] = value
        doc.from_array(list(WRITTEN), array)
        return doc


@dataclass(frozen=True, slots=True)
class _Reading:
    """For one combination of the attributes patterns read: the token specs it satisfies, the one-token
    patterns that match it (in order), and what they set (by WRITTEN position, None where nothing)."""

    specs: frozenset[int]
    entries: tuple[int, ...]
    merged: tuple[int | None, ...]
    pairs: tuple[int, ...]  # the two-token patterns whose first token it satisfies


class TableLemmatizer:
    """spaCy's rule lemmatizer of a model (``lemmatizer``), asked once per (word, part of speech, morphology):
    its answer depends on nothing else (it caches it by the same key), but it is asked token by token, through
    a Python object per token. Tokens that already have a lemma (the attribute ruler gives some) keep it, as
    the component's ``overwrite = False`` does."""

    def __init__(self, lemmatizer: Any) -> None:
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise UnsupportedPattern(
                f"a {lemmatizer.mode} lemmatizer that overwrites: {lemmatizer.overwrite}"
            )
        self.lemmatizer = lemmatizer
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        keys = rows.tolist()
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(keys):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = self._lemmas.get(key)
            if found is None:
                if len(self._lemmas) > 500_000:
                    self._lemmas.clear()
                found = self._lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            rows[i, 3] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], rows[:, 3:4])
        return doc


@functools.lru_cache(maxsize=2)
def _tables(nlp: Any) -> tuple[TableRuler, TableLemmatizer]:
    return TableRuler(nlp.get_pipe("attribute_ruler")), TableLemmatizer(nlp.get_pipe("lemmatizer"))


def parse(nlp: Any, docs: Sequence[Any], entities: bool = True) -> list[Any]:
    """The full pipeline's annotations of texts or Docs (tokens only): tok2vec, tagger, line breaks, parser and entity
    recogniser as spaCy runs them, then the attribute ruler and the lemmatizer by table (the same attributes:
    the entity recogniser reads none that they set, only the words and the parser's sentence starts). Without
    ``entities`` the recogniser does not run (the pipeline runs it on demand: frontlines.nlp.entities)."""
    ruler, lemmatizer = _tables(nlp)
    disable = ["attribute_ruler", "lemmatizer"] if entities else ["attribute_ruler", "lemmatizer", "ner"]
    out = []
    with one_blas_thread():
        for doc in nlp.pipe(docs, batch_size=len(docs), disable=disable):
            doc = lemmatizer(ruler(doc))
            doc.tensor = numpy.zeros((0,), dtype="float32")  # (tok2vec output, which nothing reads)
            out.append(doc)
    return out
