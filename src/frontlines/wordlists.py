"""Word lists shipped as package data (`<package>/data/words.toml`), and the regex pieces built from them.

The words are data; the structure of the patterns that use them is grammar and stays in the code. An entry of a
list is a word or a phrase; `{a|b}` expands to both options (`{|s}` makes a suffix optional: `village{|s}`), and
a trailing `*` on a word (only in lists said to allow it) stands for any ending (`arrest*`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

_BRACES = re.compile(r"\{([^{}]*)\}")


@functools.cache
def load_words(package: str) -> Mapping[str, Any]:
    """The word lists of a package (``data/words.toml``), read once."""
    text = resources.files(package).joinpath("data/words.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def expand(entry: str) -> list[str]:
    """Brace alternatives: "{road|highway} to" -> ["road to", "highway to"]; spaces are normalised."""
    match = _BRACES.search(entry)
    if match is None:
        return [" ".join(entry.split())]
    head, tail = entry[: match.start()], entry[match.end() :]
    return [out for option in match.group(1).split("|") for out in expand(head + option + tail)]


def words(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list of a table, expanded, without repeats, longest first (then alphabetical)."""
    found = {w for entry in table[key] for w in expand(str(entry)) if w}
    return tuple(sorted(found, key=lambda w: (-len(w), w)))


def word_set(table: Mapping[str, Any], key: str) -> frozenset[str]:
    """A list of a table as a set of lower-case words, for comparing with lower-cased text."""
    return frozenset(w.lower() for w in words(table, key))


def alternation(items: Iterable[str], space: str = " ") -> str:
    """A non-capturing regex group matching any of the words or phrases, longest first. ``space`` is what a
    space in a phrase matches (a single space by default, ``r"\\s+"`` for any run of white space); a trailing
    ``*`` on a word matches any word ending."""
    parts = sorted(set(items), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(_literal(p, space) for p in parts) + ")"


def word_alternation(table: Mapping[str, Any], key: str, space: str = " ") -> str:
    """`alternation` of a list of a table."""
    return alternation(words(table, key), space)


def _literal(phrase: str, space: str) -> str:
    out = space.join(re.escape(w) for w in phrase.split(" "))
    return out.replace(r"\*", r"\w*")


def guard_words(phrases: Iterable[str]) -> tuple[str, ...]:
    """Lower-case words one of which every phrase holds (its longest word, up to a wildcard "*"), less those
    that hold another: a case-insensitive `alternation` of the phrases finds nothing in an ASCII text whose
    lower case holds none of them (see `may_hold`)."""
    needed = {max((w.split("*")[0] for w in p.lower().split(" ")), key=len) for p in phrases}
    return tuple(sorted(n for n in needed if not any(o != n and o in n for o in needed)))


def ascii_lower(text: str) -> str | None:
    """The text in lower case, for `may_hold`; None when it holds other than ASCII characters (a regex's case
    folding maps a few other letters to ASCII ones, so such a text is not judged)."""
    return text.lower() if text.isascii() else None


def may_hold(lower: str | None, guards: Iterable[str]) -> bool:
    """Can a case-insensitive regex of phrases whose `guard_words` are ``guards`` match the text whose
    `ascii_lower` is ``lower``? (A cheap test that lets the regex run only where it can match.)"""
    if lower is None:
        return True
    for guard in guards:  # noqa: SIM110 (a loop: a generator in any() costs more than the tests)
        if guard in lower:
            return True
    return False
