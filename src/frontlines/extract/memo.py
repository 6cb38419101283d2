"""The answers of the place grammar's regular expressions over one document's phrases, kept while the document
is read.

The pre-filter reads a sentence's names up to twice (once as if the model labelled no entity, once as if it
labelled every name a place: `frontlines.pipeline.Pipeline.needs_parse`) and the extract stage reads the same
sentence once more; the words before and after each name are the same each time, and so are the answers of the
regexes over them (only the model's labels, the gazetteer's answers and the ranges taken by actors differ, and
those are not kept here). An answer is kept under its pattern and the very string it was asked about, so a
memo shared more widely, or a reading of other sentence bounds, can never get another string's answer.

Patterns are told apart by identity (hashing a compiled pattern hashes its whole code, which costs more than
many searches); the memo keeps every pattern it was asked about, so no other pattern can take its id.

A pattern may have guard words (`guard`): a search it would answer with no match whatever runs is settled
without it when the text's lower case holds none of them (`frontlines.wordlists.may_hold`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from frontlines.wordlists import ascii_lower, may_hold

_MISSING = object()
_SEARCH = -1  # (a match at a position has the position, >= 0, in the key)
# id of a pattern -> the pattern (kept alive, so no other takes its id) and its guard words
_GUARDS: dict[int, tuple[re.Pattern[str], tuple[str, ...]]] = {}


def guard(pattern: re.Pattern[str], guards: Iterable[str]) -> re.Pattern[str]:
    """``pattern``, whose every match holds one of ``guards`` (lower case) in an ASCII text: `PhraseMemo.search`
    runs it only over texts that may hold one (see `frontlines.wordlists.guard_words`)."""
    _GUARDS[id(pattern)] = (pattern, tuple(guards))
    return pattern


class PhraseMemo:
    """``search`` of a compiled pattern over a string (and ``match`` at a position of a document), each asked
    once. (An anchored ``match`` over a phrase fails at its first characters: cheaper than keeping it.)"""

    __slots__ = ("_found", "_lowers", "_patterns")

    def __init__(self) -> None:
        # (id of the pattern, _SEARCH or a position, the string) -> the answer
        self._found: dict[tuple[int, int, str], re.Match[str] | None] = {}
        self._patterns: dict[int, re.Pattern[str]] = {}  # by id: kept alive while the memo is
        self._lowers: dict[str, str | None] = {}  # a phrase -> its ascii_lower, for the guards

    def search(self, pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
        """``pattern.search(text)``."""
        key = (id(pattern), _SEARCH, text)
        found = self._found.get(key, _MISSING)
        if found is _MISSING:
            self._patterns[id(pattern)] = pattern
            guarded = _GUARDS.get(id(pattern))
            if guarded is not None and not may_hold(self._lower(text), guarded[1]):
                found = self._found[key] = None
            else:
                found = self._found[key] = pattern.search(text)
        return found  # type: ignore[return-value]

    def _lower(self, text: str) -> str | None:
        """`ascii_lower` of a phrase (several guarded patterns ask about the same words before a name)."""
        lower = self._lowers.get(text, _MISSING)
        if lower is _MISSING:
            lower = self._lowers[text] = ascii_lower(text)
        return lower  # type: ignore[return-value]

    def match_at(self, pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
        """``pattern.match(text, pos)`` (``text``: a whole document, whose hash Python keeps)."""
        key = (id(pattern), pos, text)
        found = self._found.get(key, _MISSING)
        if found is _MISSING:
            self._patterns[id(pattern)] = pattern
            found = self._found[key] = pattern.match(text, pos)
        return found  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._found)
