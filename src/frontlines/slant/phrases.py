"""Phrase lists as regular expressions: whole words, any case, any spacing; ``*`` ends a phrase with any word
ending ("terrorist*"), ``?`` stands for one letter ("organi?ation"). Shared by the cue and label tables.

A list is one pattern whose alternatives share their common beginnings, as a trie ("regime(?:\\s+(?:forces|
troops)|['’]s\\s+militia…)"): the regular expression engine tries every alternative at every word start of
every report, and a shared beginning is tried once instead of once per phrase (half the time of the plain
alternation on news text). It finds exactly what the plain alternation of the phrases, longest first, finds
(`plain_pattern`; tests/test_slant_phrases.py compares the two): see `_alternatives` for why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

WHITESPACE = r"\s+"
LETTER = r"\w"  # what "?" stands for
APOSTROPHE = "['’]"
ENDING = r"[\w'’-]*"  # what "*" stands for
END = ""  # the piece of a phrase that has ended (the pattern then asks that no word character follows)
BEFORE, AFTER = r"(?<![\w-])", r"(?![\w-])"  # whole words: no word character or hyphen either side
Piece = str  # one character of a phrase (lower case, unescaped) or one of the regular expressions above
Alternative = tuple[int, tuple[Piece, ...]]  # a phrase's rank in the plain alternation, and its pieces


def phrase_pattern(phrase: str) -> str:
    """The regular expression of one phrase (without the word boundaries)."""
    return "".join(_render(piece) for piece in _pieces(phrase))


def _pieces(phrase: str) -> tuple[Piece, ...]:
    """A phrase cut into the pieces its trie shares. A ``*`` and all that follows it (with the whitespace
    before it) are one last piece, never shared: what follows a ``*`` can be matched in more than one way."""
    out: list[Piece] = []
    for char in phrase.strip().lower():
        if char == "*":
            out.append(ENDING)
        elif char == "?":
            out.append(LETTER)
        elif char.isspace():
            if out and out[-1] != WHITESPACE:
                out.append(WHITESPACE)
        elif char in "'’":
            out.append(APOSTROPHE)
        else:
            out.append(char)
    if ENDING in out:
        k = out.index(ENDING)
        k -= k > 0 and out[k - 1] == WHITESPACE
        out[k:] = ["".join(map(_render, out[k:]))]
    return tuple(out)


def _render(piece: Piece) -> str:
    return re.escape(piece) if len(piece) == 1 else piece


def _ranked(phrases: Iterable[str]) -> list[str]:
    """The phrases as the pattern tries them: the longest first where they overlap."""
    return [p for p in sorted(set(phrases), key=lambda p: (-len(p), p)) if p.strip()]


def plain_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """The phrases as one plain alternation, longest first: what `compile_phrases` must find the same as."""
    patterns = [phrase_pattern(p) for p in _ranked(phrases)]
    return re.compile(BEFORE + "(?:" + "|".join(patterns or ["(?!)"]) + ")" + AFTER, re.IGNORECASE)


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern finding any of the phrases as whole words, the longest first where they overlap."""
    alternatives = [(rank, _pieces(p)) for rank, p in enumerate(_ranked(phrases))]
    if not alternatives:
        return re.compile(r"(?!)")
    return re.compile(BEFORE + "(?:" + "|".join(_alternatives(alternatives)) + ")" + AFTER, re.IGNORECASE)


def _alternatives(alternatives: Sequence[Alternative]) -> list[str]:
    """The alternation of phrase ends (in rank order) as a trie: those that begin with the same piece share it.

    The plain alternation yields, at a word start, the first phrase in rank order that matches (and is followed
    by no word character). Each piece but the last (a ``*`` one) matches in at most one way that lets the
    phrase go on: a character or ``?`` one letter, whitespace all of it, as no piece after it begins with
    whitespace. So phrases sharing a beginning read it alike, and the trie yields the same phrase provided that
    where it tries a group of phrases before another group holding a phrase of lower rank, no text can match
    the first pieces of both (`_exclusive`). Where two groups would break this, the phrases are cut into runs
    (in rank order) each grouped on its own."""
    runs: list[list[Alternative]] = [[]]
    for alternative in alternatives:
        if not _safe(_grouped([*runs[-1], alternative])):
            runs.append([])
        runs[-1].append(alternative)
    out = []
    for run in runs:
        for piece, rests in _grouped(run).items():
            if piece == END:
                out.append(END)
                continue
            inner = _alternatives(rests)
            out.append(_render(piece) + (inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"))
    return out


def _grouped(alternatives: Sequence[Alternative]) -> dict[Piece, list[Alternative]]:
    """Alternatives by their first piece (in order of their first), each with its remaining pieces."""
    groups: dict[Piece, list[Alternative]] = {}
    for rank, pieces in alternatives:
        groups.setdefault(pieces[0] if pieces else END, []).append((rank, pieces[1:]))
    return groups


def _safe(groups: dict[Piece, list[Alternative]]) -> bool:
    """Whether trying the groups in order finds the phrase the rank order finds (see `_alternatives`)."""
    ranks = [(piece, [rank for rank, _ in group]) for piece, group in groups.items()]
    for k, (first, earlier) in enumerate(ranks):
        for second, later in ranks[k + 1 :]:
            if max(earlier) > min(later) and not _exclusive(first, second):
                return False
    return True


def _exclusive(a: Piece, b: Piece) -> bool:
    """Whether no text can match both pieces where they start (END: no word character or hyphen follows).
    Unsure cases say no: a ``*`` piece (it may match nothing), characters beyond ASCII (case folding)."""
    if a == b or ENDING in a or ENDING in b:
        return False
    if END in (a, b):
        other = b if a == END else a
        return other == LETTER or (
            len(other) == 1 and other.isascii() and bool(re.fullmatch(r"[\w-]", other))
        )
    if len(a) > 1 and len(b) > 1:  # two of whitespace, a letter, an apostrophe
        return True
    char, other = (a, b) if len(a) == 1 else (b, a)
    if not char.isascii():
        return False
    if other == LETTER:
        return not re.fullmatch(r"\w", char)
    return len(other) > 1 or char != other  # a character never is whitespace or an apostrophe (see _pieces)


def which(phrases: Iterable[str], text: str) -> str | None:
    """The longest of ``phrases`` that ``text`` matches whole, or None."""
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        if re.fullmatch(phrase_pattern(phrase), text.strip(), re.IGNORECASE):
            return phrase
    return None
