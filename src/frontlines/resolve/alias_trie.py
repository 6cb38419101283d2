"""Spelling-tolerant matching of multi-word names (aliases) in running text.

Arabic names reach English reports in many transliterations: Jeish / Jaish / Jaysh / Jaych, Fatah / Fateh /
Fath, Hayat / Hay'at / Hayyat, al- / el- / ash-. Rather than list every spelling, each word is reduced to a
*folding key* by a few rules that mirror how transliteration varies (see :func:`fold_word`), and aliases are
stored in a trie keyed by the folded words. Matching text is one pass over its words: at each word the trie is
walked as far as the following words allow and the longest alias wins; matches never overlap.

Acronyms (2-5 capital letters, e.g. "IS", "HTS", "AP") are matched case-sensitively and without folding, so
"is" and "ap" in ordinary prose never match.

Both :mod:`frontlines.resolve.actors` and :mod:`frontlines.resolve.sources` build on this module.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

V = TypeVar("V")

# A word: letters/digits, possibly with inner apostrophes ("Hay'at", "Gov't"); a possessive "'s" is left out.
WORD = re.compile(r"[^\W_]+(?:['’‘ʼ`](?![sS]\b)[^\W_]+)*")
# What may stand between two words of one name: spaces, hyphens, dashes (not commas, brackets or full stops).
_NEXT_WORD = re.compile(r"[\s\-‐‑–'’]{1,3}(" + WORD.pattern + ")")
_APOSTROPHES = str.maketrans("", "", "'’‘ʼ`ʿʾ")
# The Arabic article assimilates to "sun letters": ash-Sham, as-Salam, ad-Din, ar-Rahman ... all mean al-.
_SUN_ARTICLES = frozenset(
    ["ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "esh", "et", "ez"]
)
_UNSEEN = object()  # cache marker: word not looked up yet
_ARTICLE = object()  # cache marker: a sun-letter article, "al" only before a hyphen
_BRACES = re.compile(r"\{([^{}]*)\}")

_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ch", "sh"),  # French transliteration: Jaych, Cham
        (r"ou|oo", "u"),  # Nour / Noor / Nur
        (r"ee", "i"),  # Tahreer, Deen
        (r"(.)\1+", r"\1"),  # doubled letters: Hayyat, Shaam, Hizbullah
        (r"ae", "ai"),  # Qaeda / Qaida, Daesh / Daish
        (r"ei|ey(?![aeiou])|ay(?![aeiou])", "ai"),  # Jeish / Jaysh / Jaish, Dayr / Deir
        (r"e", "a"),  # Arabic has three short vowels: fold e to a ...
        (r"o", "u"),  # ... and o to u (Nosra / Nusra, Torab / Turab)
        (r"(.)\1+", r"\1"),  # ... and letters the two rules above made double
        (r"ai(?=[aiu])", "ay"),  # Haiat / Hayat
        (r"([^aiu])[aiu]h$", r"\1h"),  # a final short vowel before h drops: Fatah / Fateh / Fath
    )
)


def strip_accents(text: str) -> str:
    """Remove diacritics: "Ahrār" -> "Ahrar"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_word(word: str) -> str:
    """The folding key of one word: lower case, no accents or apostrophes, transliteration variants merged.

    >>> [fold_word(w) for w in ("Jeish", "Jaysh", "Jaych", "Fatah", "Fateh", "Fath", "Hay'at", "Shaam")]
    ['jaish', 'jaish', 'jaish', 'fath', 'fath', 'fath', 'hayat', 'sham']
    """
    key = strip_accents(word).lower().translate(_APOSTROPHES)
    if len(key) <= 2:
        return "al" if key == "el" else key
    for pattern, replacement in _REWRITES:
        key = pattern.sub(replacement, key)
    return key


_cached_fold = functools.lru_cache(maxsize=1 << 16)(fold_word)


def is_acronym(word: str) -> bool:
    """Acronyms are matched exactly: 2-5 characters, all capitals ("IS", "HTS", "IRGC")."""
    return 2 <= len(word) <= 5 and word.isupper()


def expand(alias: str) -> list[str]:
    """Expand brace alternatives: "{Syrian|government} {troops|forces}" -> four aliases ("{|a}" allowed)."""
    match = _BRACES.search(alias)
    if match is None:
        return [" ".join(alias.split())]
    head, tail = alias[: match.start()], alias[match.end() :]
    return [out for option in match.group(1).split("|") for out in expand(head + option + tail)]


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: its characters ``text[start:end]`` and its keys."""

    start: int
    end: int
    raw: str
    key: str  # folding key
    exact: str | None  # "=IS" for acronyms, else None


def words(text: str) -> Iterator[Word]:
    """The words of ``text`` with their keys (a sun-letter article before a hyphen becomes "al")."""
    for m in WORD.finditer(text):
        raw = m.group()
        key = _cached_fold(raw)
        if key in _SUN_ARTICLES and text.startswith("-", m.end()):
            key = "al"
        yield Word(m.start(), m.end(), raw, key, "=" + raw if is_acronym(raw) else None)


@functools.lru_cache(maxsize=1 << 14)
def alias_keys(alias: str) -> tuple[str, ...]:
    """The trie path of an alias: folded words, acronyms kept exact (cached: names are asked again and
    again)."""
    return tuple(w.exact or w.key for w in words(alias))


class AliasTrie(Generic[V]):
    """A trie from word keys to values; :meth:`find` returns leftmost-longest, non-overlapping matches."""

    _END = ""  # trie keys are never empty, so "" marks "an alias ends here"

    def __init__(self) -> None:
        self._root: dict[str, Any] = {}
        self._first: dict[str, Any] = {}  # cache: raw word -> root child, None, or _ARTICLE

    def add(self, keys: tuple[str, ...], value: V) -> V | None:
        """Map an alias path to ``value``; return the value it replaced, if any (later additions win)."""
        if not keys:
            return None
        self._first.clear()  # cached root lookups may change
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        previous: V | None = node.get(self._END)
        node[self._END] = value
        return previous

    def get(self, keys: tuple[str, ...]) -> V | None:
        """The value stored for exactly this path, if any."""
        node = self._root
        for key in keys:
            if key not in node:
                return None
            node = node[key]
        found: V | None = node.get(self._END)
        return found

    def find(self, text: str) -> list[tuple[int, int, V]]:
        """All matches ``(start, end, value)`` in ``text``, left to right, longest first, no overlaps.

        The hot loop only looks each word up in a cache of "can a name start with this word?"; the trie is
        walked (with one regex match for each following word) only from words that can.
        """
        out: list[tuple[int, int, V]] = []
        first, root, end_mark = self._first, self._root, self._END
        resume = 0
        for m in WORD.finditer(text):
            raw = m.group()
            node = first.get(raw, _UNSEEN)
            if node is _UNSEEN:
                node = first[raw] = self._child(root, raw, article=False)
            if node is _ARTICLE:
                node = root.get("al") if text.startswith("-", m.end()) else None
            if node is None or m.start() < resume:
                continue
            best: tuple[int, V] | None = (m.end(), node[end_mark]) if end_mark in node else None
            pos = m.end()
            while True:
                nxt = _NEXT_WORD.match(text, pos)
                if nxt is None:
                    break
                node = self._child(node, nxt.group(1), article=text.startswith("-", nxt.end()))
                if node is None:
                    break
                pos = nxt.end()
                if end_mark in node:
                    best = (pos, node[end_mark])
            if best is not None:
                out.append((m.start(), best[0], best[1]))
                resume = best[0]
        return out

    def _child(self, node: dict[str, Any], raw: str, article: bool) -> Any:
        """The child of ``node`` for word ``raw``: the exact acronym key first, then the folding key.

        At the root (``article`` False) a sun-letter article gives the ``_ARTICLE`` marker: whether it means
        "al" depends on a following hyphen, which :meth:`find` checks.
        """
        if is_acronym(raw) and "=" + raw in node:
            return node["=" + raw]
        key = _cached_fold(raw)
        if key in _SUN_ARTICLES:
            if article:
                key = "al"
            elif node is self._root and "al" in node:
                return _ARTICLE
        return node.get(key)
