"""What a sentence is in its report: a photo caption or background, whose dates and events are not the news."""

from __future__ import annotations

import re
from collections.abc import Callable

from frontlines.wordlists import ascii_lower, guard_words, load_words, may_hold, word_alternation, words

# The words are package data (data/words.toml, [discourse]); the patterns are the grammar.
_D = load_words("frontlines.nlp")["discourse"]

# "(Photo: SANA)", "fighters pose for a picture", "Photo by AFP", "File photo: ...".
CAPTION_RE = re.compile(
    rf"\({word_alternation(_D, 'caption_in_brackets')}\b[^)]*\)|\b{word_alternation(_D, 'caption_posing')}|"
    rf"\b{word_alternation(_D, 'caption_credits')}\b|^\s*{word_alternation(_D, 'caption_labels')}\s*:",
    re.I,
)
_CAPTION_LISTS = ("caption_in_brackets", "caption_posing", "caption_credits", "caption_labels")
# every match of CAPTION_RE holds one of these (see `_may_be_caption`)
CAPTION_GUARDS = guard_words(p for key in _CAPTION_LISTS for p in words(_D, key))
# A picture's credit in brackets with a slash ("(REUTERS/SANA)", "(AFP/Getty Images)"): a line that ends with
# one is a caption.
_BRACKET_CREDIT = r"\((?-i:[A-Z][\w.&]*(?: [A-Z][\w.&]*)*)\s*/\s*[^()/\n]{1,40}\)"
CREDIT_LINE_RE = re.compile(rf"{_BRACKET_CREDIT}\s*$")
# ... and within a sentence a credit anywhere ("... near a mosque Photo: AP Protesters stand ..."): pages run
# captions into the text, so the sentence holding one is a caption, not the paragraph around it.
CREDIT_RE = re.compile(
    rf"(?-i:\b{word_alternation(_D, 'caption_credit_labels')}\s*:\s*[A-Z])|{_BRACKET_CREDIT}", re.I
)
# Page furniture, a line that tells no news of the report: a link to another story ("Read more: ...",
# "RELATED Iraq denies ...") or a label before one ("Check Also" alone on its line: the next line is a link).
FURNITURE_LABEL_RE = re.compile(
    rf"^\s*(?:{word_alternation(_D, 'furniture_labels')})(?:\s*[:|»›>\-–—]|\s*$)|"
    rf"^\s*(?-i:{word_alternation(_D, 'furniture_labels_caps')})\s+(?-i:[A-Z])",
    re.I,
)
# A line with no sentence punctuation at its end: a headline (of this story or a linked one), a subtitle, a
# credit or a date line, not a sentence of the story (rule "unpunctuated line").
SENTENCE_END_RE = re.compile(r"[.!?:;\"”’'»)\]…]\s*$")
HEADLINE_WORDS = (3, 25)  # a line of this many words, without sentence punctuation, is a headline
# ... unless it names a year: a date line ("Sunday, December 16, 2012 10:52 EDT") dates the story after it
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
MONTHS = word_alternation(_D, "months")
_PERIOD = word_alternation(_D, "period_parts")  # "early", "late"; "mid-" is written into the patterns
BACKGROUND_RE = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:{_PERIOD}\s+|mid-?)?(?:(?:{MONTHS})\s+)?(?:19|20)\d\d\b|"
    rf"\bin the (?:19|20)\d\d\b|"
    rf"\b{word_alternation(_D, 'decade_prepositions')} the (?:{_PERIOD} |mid-?)?(?:19|20)\d0(?:s|['’]s)\b",  # the 1980s
    re.I,
)


def _may_be_caption(text: str) -> bool:
    """Can CAPTION_RE match the text? Every match holds one of CAPTION_GUARDS (an ASCII text is judged)."""
    return may_hold(ascii_lower(text), CAPTION_GUARDS)


def is_caption(sentence_text: str) -> bool:
    """Is the sentence a photo caption, or does it hold a picture's credit?"""
    caption = _may_be_caption(sentence_text) and CAPTION_RE.search(sentence_text)  # (the guard is cheaper)
    return bool(caption or CREDIT_RE.search(sentence_text))


def is_caption_line(line: str) -> bool:
    """Is the line (a paragraph) a photo caption: a caption's words, or a bracketed credit at its end? A credit
    inside a long paragraph makes only its own sentence a caption (:func:`is_caption`)."""
    return bool((_may_be_caption(line) and CAPTION_RE.search(line)) or CREDIT_LINE_RE.search(line))


def furniture_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, rule) of the lines of ``text`` that are page furniture, not sentences of the story: rule
    "link" for a line a link label opens and for the line after a label alone on its line ("Check Also");
    rule "unpunctuated line" for a short line without sentence punctuation at its end and without a year (a
    headline, a subtitle, a link to another story, "33 assassinations in October"; a date line is none). A
    text of one line has no furniture."""
    found: list[tuple[int, int, str]] = []
    lines = text.split("\n")
    if sum(1 for line in lines if line.strip()) < 2:
        return found  # a text of one line is a sentence, whatever its end
    pos = 0
    label_alone = False
    for line in lines:
        stripped = line.strip()
        rule = None
        if stripped:
            if FURNITURE_LABEL_RE.search(stripped) or label_alone:
                rule = "link"
            elif (
                HEADLINE_WORDS[0] <= len(stripped.split()) <= HEADLINE_WORDS[1]
                and not SENTENCE_END_RE.search(stripped)
                and not YEAR_RE.search(stripped)
            ):
                rule = "unpunctuated line"
            label_alone = bool(FURNITURE_LABEL_RE.fullmatch(stripped)) or (
                rule == "link" and len(stripped.split()) <= 3 and not label_alone
            )
        if rule is not None:
            found.append((pos, pos + len(line), rule))
        pos += len(line) + 1
    return found


# "the first time since 2013", "the heaviest fighting since 2016": a comparison a few words before "since".
COMPARISON_RE = re.compile(rf"\b{word_alternation(_D, 'comparisons')}\b(?:\s+[\w-]+){{0,4}}\s+$", re.I)


def compares_with(text: str, since_at: int) -> bool:
    """Is the "since" at ``text[since_at:]`` a comparison's ("the first time since 2013"), which measures the
    news against the past rather than telling the past?"""
    return COMPARISON_RE.search(text, max(0, since_at - 50), since_at) is not None


def background_marker(text: str) -> re.Match[str] | None:
    """The first words that make ``text`` background ("since March 2011", "in the 1980s"), a comparison's
    "since" aside."""
    for found in BACKGROUND_RE.finditer(text):
        if not (found.group(0).lower().startswith("since") and compares_with(text, found.start())):
            return found
    return None


def is_background(sentence_text: str) -> bool:
    return background_marker(sentence_text) is not None


def news_segments(sentence_text: str, dated: Callable[[str], bool]) -> list[tuple[int, int]]:
    """In a background sentence, the comma- or semicolon-separated parts that still tell news: no background
    marker, and a date of their own ("Since March 2011 the war has raged, and troops captured A on Monday"),
    as ``(start, end)`` offsets into the sentence. ``dated`` says whether a text states a date."""
    out = []
    start = 0
    for end in [m.start() for m in re.finditer(r"[,;]", sentence_text)] + [len(sentence_text)]:
        part = sentence_text[start:end]
        if background_marker(part) is None and dated(part):
            out.append((start, end))
        start = end + 1
    return out
