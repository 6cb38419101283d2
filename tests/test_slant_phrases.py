"""Phrase lists compiled as a trie (slant/phrases.py) find exactly what the plain alternation of the phrases,
longest first, finds: the same spans (start, end, text) on any text. Checked on hand-picked lists where the
order of the phrases decides, on the packaged cue and label lists, and on random lists and texts built from a
few short words, wildcards, capitals, hyphens, apostrophes and spacing. The runs are bounded and derandomised.
"""

from __future__ import annotations

import random
import re
import tomllib
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.slant.phrases import compile_phrases, plain_pattern

WORDS = ("ab", "abs", "abso", "ro", "rot", "rote", "se", "sea", "x-y", "o’r", "q's")
SEPARATORS = ("", " ", "  ", "\n", "-", "'", "’", ", ", ".", "_", "s ", "'s ", "ed ")


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def same(phrases: list[str], text: str) -> None:
    assert spans(compile_phrases(phrases), text) == spans(plain_pattern(phrases), text)


def test_shared_beginnings_are_tried_once() -> None:
    pattern = compile_phrases(["regime forces", "regime troops", "regime's militia*"]).pattern
    assert pattern.count("regime") == 1


@pytest.mark.parametrize(
    ("phrases", "text"),
    [
        (["ab rote", "ab   ", "ab r"], "ab r, ab rote, ab ro"),  # "ab" (padded) ranks between the others
        (["ab rote", "ab’   ", "ab’s"], "ab’s, ab’ rote, ab’"),
        (["abso*", "ab", "abs"], "ab abs abso absolute abs’ ab-s"),
        (["ro* se", "rot* sea", "ro"], "rote se, rot sea, ro sea, rotten  sea"),
        (["ro*e", "rot"], "rote rot roe r-e"),  # what follows a * can be read in more than one way
        (["rotxx", "ro*e", "rot"], "rot’e rote rot"),  # "ro*e" ranks between the others
        (["s?a", "sea*", "se"], "sea SZA Seas se, s’a"),
        (["o’r", "o'r s*", "o"], "O’r O'r sea o’ o"),
        (["x-y", "x", "x-y*"], "x-y x-yz x x- x-y-"),
    ],
)
def test_order_of_phrases_is_kept(phrases: list[str], text: str) -> None:
    same(phrases, text)


def packaged_phrases() -> list[list[str]]:
    data = resources.files("frontlines.slant").joinpath("data")
    cues = tomllib.loads(data.joinpath("cues.toml").read_text(encoding="utf-8"))
    labels = tomllib.loads(data.joinpath("labels.toml").read_text(encoding="utf-8"))
    lists = [list(cue["phrases"]) for cue in cues["cue"]]
    lists.append([phrase for label in labels["label"] for phrase in label["phrases"]])
    return lists


def mixed_text(rng: random.Random, phrases: list[str]) -> str:
    """Phrases (wildcards filled in, some cut short, some letters capitalised, spacing varied) among words."""
    parts = []
    for _ in range(60):
        if rng.random() < 0.6:
            part = rng.choice(phrases).replace("*", rng.choice(["", "s", "ed", "'s", "’", "-ly"]))
            part = part.replace("?", rng.choice("zsé")).replace(" ", rng.choice([" ", "  ", "\n"]))
            part = part[: rng.randint(1, len(part))] if rng.random() < 0.2 else part
        else:
            part = rng.choice(WORDS)
        parts.append("".join(c.upper() if rng.random() < 0.2 else c for c in part) + rng.choice(SEPARATORS))
    return "".join(parts)


def test_packaged_lists() -> None:
    rng = random.Random(7)
    for phrases in packaged_phrases():
        for _ in range(100):
            same(phrases, mixed_text(rng, phrases))


phrase = st.builds(
    lambda words, wildcard, pad: " ".join(words) + wildcard + pad,
    st.lists(st.sampled_from(WORDS + ("a", "r", "s?", "ro*e")), min_size=1, max_size=3),
    st.sampled_from(("", "", "*")),
    st.sampled_from(("", "", " ", "   ")),
)
text = st.lists(
    st.tuples(st.sampled_from(WORDS + ("a", "r", "s", "rOT", "SEA", "Abs")), st.sampled_from(SEPARATORS)),
    max_size=30,
).map(lambda parts: "".join(word + separator for word, separator in parts))


@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(phrase, min_size=1, max_size=12), st.lists(text, min_size=1, max_size=5))
def test_random_lists(phrases: list[str], texts: list[str]) -> None:
    for one in texts:
        same(phrases, one)
