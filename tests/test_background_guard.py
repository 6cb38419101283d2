"""The background-time reader's guard (frontlines/events/background.py, `_may_match`): a cheap test that lets the
long regex run only where it can match. The sentences are written here."""

from __future__ import annotations

from frontlines.events.background import _E, GUARDS, TIME_RE, Times
from frontlines.wordlists import words


def test_the_background_time_guard_hides_no_match() -> None:
    """events/background.py skips its long regex on a sentence holding no year and none of GUARDS: every
    phrase of its lists holds a guard, and sentences written here give the same hits with the guard as
    without it."""
    for key in ("long_ago", "cumulative"):
        for phrase in words(_E, key):
            assert any(guard in phrase.lower() for guard in GUARDS), phrase
            assert Times(f"Rebels took the town {phrase}, the army said.").hits
    for text in (
        "Rebels captured the town in 2013, a source said.",
        "The army shelled Daraa three weeks ago.",
        "A total of 40 fighters died IN ALL, monitors said.",
        "Troops entered Aleppo on Monday.",
        "Clashes went on in the village, killing two.",
        "Ein Angriff auf Zürich two years ago",  # not ASCII: not judged, the regex reads it
    ):
        assert [m.span() for m in Times(text).hits] == [m.span() for m in TIME_RE.finditer(text)]
    assert not Times("Troops entered Aleppo on Monday.").hits
