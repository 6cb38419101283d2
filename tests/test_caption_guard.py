"""The photo-caption reader's guard (frontlines/nlp/discourse.py, `_may_be_caption`): a cheap test that lets
CAPTION_RE run only where it can match. The sentences are written here."""

from __future__ import annotations

from frontlines.nlp.discourse import (
    _CAPTION_LISTS,
    _D,
    CAPTION_GUARDS,
    CAPTION_RE,
    CREDIT_RE,
    _may_be_caption,
    is_caption,
    is_caption_line,
)
from frontlines.wordlists import words


def test_the_caption_guard_hides_no_match() -> None:
    """Every phrase of the caption lists holds a guard, in any case; sentences and lines written here read the
    same with the guard as with CAPTION_RE alone."""
    for key in _CAPTION_LISTS:
        for phrase in words(_D, key):
            assert any(guard in phrase.lower() for guard in CAPTION_GUARDS), phrase
            for text in (f"({phrase} SANA)", f"{phrase.upper()}: soldiers in Aleppo", f"Men {phrase} AFP"):
                assert _may_be_caption(text) and is_caption_line(text) == bool(CAPTION_RE.search(text))
    for text in (
        "Syrian soldiers pose for a picture in Aleppo.",
        "PHOTO: Syrian soldiers in Aleppo",
        "A screen grab shows smoke over Douma.",
        "Troops entered Aleppo on Monday.",
        "Rebels shelled the town, killing two civilians.",
        "Soldiers poſed for a picture",  # not ASCII: not judged, the regex reads it
    ):
        assert is_caption(text) == bool(CAPTION_RE.search(text) or CREDIT_RE.search(text)), text
        assert is_caption_line(text) == bool(CAPTION_RE.search(text)), text
    assert not _may_be_caption("Troops entered Aleppo on Monday.")
    assert is_caption("Soldiers poſed for a picture") and is_caption("Soldiers pose for a picture in Aleppo.")
