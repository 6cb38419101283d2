"""Word lists shipped as package data (`<package>/data/words.toml`), and the regex pieces built from them.

The words are data; the structure of the patterns that use them is grammar and stays in the code. An entry of a
list is a word or a phrase; `{a|b}` expands to both options (`{|s}` makes a suffix optional: `village{|s}`), and
a trailing `*` on a word (only in lists said to allow it) stands for any ending (`arrest*`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
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
    ``*`` on a word matches any word ending.

    Written as a trie (`_trie_pattern`: "(?:at(?:tack(?:ed|)|)|...)") where that matches exactly what the flat
    list matches: Python's regex engine tries a flat list's branches one by one at every position it searches
    from, the trie only the branches that share the text's first letters (a search over the 60 characters
    before a name tried 75 words at each of them, 40 µs)."""
    parts = sorted(set(items), key=lambda w: (-len(w), w))
    return "(?:" + (_trie_pattern(parts, space) or "|".join(_literal(p, space) for p in parts)) + ")"


def _trie_pattern(parts: Sequence[str], space: str) -> str | None:
    """The phrases as a trie of their characters (a space stands for ``space``), longer continuations before a
    phrase's end; None where the trie could match otherwise than the list, longest first, does: a wildcard,
    a character other than ASCII, or two branches of a node that differ only by case (a case-insensitive
    pattern would try both). Elsewhere the branches of a node start with different characters, so at any
    position the phrases that can match lie on one path of the trie, and the engine tries them longest first
    there as in the list."""
    if space not in (" ", r"\s+") or not parts or any("*" in p or not p.isascii() for p in parts):
        return None  # (another ``space`` could match a character a branch beside it starts with)
    root: dict[str, Any] = {}
    for part in parts:
        node = root
        for char in part:
            node = node.setdefault(char, {})
        node[""] = {}  # the phrase ends here
    return _node_pattern(root, space)


def _node_pattern(node: dict[str, Any], space: str) -> str | None:
    branches = [char for char in node if char]
    if len({char.lower() for char in branches}) < len(branches):
        return None
    parts = []
    for char in sorted(branches):
        rest = _node_pattern(node[char], space)
        if rest is None:
            return None
        parts.append((space if char == " " else re.escape(char)) + rest)
    if "" in node and parts:
        parts.append("")  # the end of a phrase: tried after every longer one
    if len(parts) == 1:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" if parts else ""


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
