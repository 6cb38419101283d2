"""What a sentence is in its report: a photo caption or background, whose dates and events are not the news."""

from __future__ import annotations

import re

from frontlines.wordlists import load_words, word_alternation

# The words are package data (data/words.toml, [discourse]); the patterns are the grammar.
_D = load_words("frontlines.nlp")["discourse"]

# "(Photo: SANA)", "fighters pose for a picture", "Photo by AFP", "File photo: ...".
CAPTION_RE = re.compile(
    rf"\({word_alternation(_D, 'caption_in_brackets')}\b[^)]*\)|\b{word_alternation(_D, 'caption_posing')}|"
    rf"\b{word_alternation(_D, 'caption_credits')}\b|^\s*{word_alternation(_D, 'caption_labels')}\s*:",
    re.I,
)
MONTHS = word_alternation(_D, "months")
_PERIOD = word_alternation(_D, "period_parts")  # "early", "late"; "mid-" is written into the patterns
BACKGROUND_RE = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:{_PERIOD}\s+|mid-?)?(?:(?:{MONTHS})\s+)?(?:19|20)\d\d\b|"
    rf"\bin the (?:19|20)\d\d\b|"
    rf"\b{word_alternation(_D, 'decade_prepositions')} the (?:{_PERIOD} |mid-?)?(?:19|20)\d0(?:s|['’]s)\b",  # the 1980s
    re.I,
)


def is_caption(sentence_text: str) -> bool:
    return bool(CAPTION_RE.search(sentence_text))


def is_background(sentence_text: str) -> bool:
    return bool(BACKGROUND_RE.search(sentence_text))
