"""Phrase lists as regular expressions: whole words, any case, any spacing; ``*`` ends a phrase with any word
ending ("terrorist*"), ``?`` stands for one letter ("organi?ation"). Shared by the cue and label tables."""

from __future__ import annotations

import re
from collections.abc import Iterable


def phrase_pattern(phrase: str) -> str:
    """The regular expression of one phrase (without the word boundaries)."""
    out = []
    for char in phrase.strip().lower():
        if char == "*":
            out.append(r"[\w'’-]*")
        elif char == "?":
            out.append(r"\w")
        elif char.isspace():
            if out and out[-1] != r"\s+":
                out.append(r"\s+")
        elif char in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def compile_phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern finding any of the phrases as whole words, the longest first where they overlap."""
    patterns = [phrase_pattern(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)) if p.strip()]
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", re.IGNORECASE)


def which(phrases: Iterable[str], text: str) -> str | None:
    """The longest of ``phrases`` that ``text`` matches whole, or None."""
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        if re.fullmatch(phrase_pattern(phrase), text.strip(), re.IGNORECASE):
            return phrase
    return None
