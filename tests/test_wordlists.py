"""Specification: the rules' word lists are package data (`<package>/data/words.toml`) with a README naming their
source, read once, and turned into regexes whose structure stays in the code."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from frontlines.wordlists import alternation, expand, load_words, word_set, words

PACKAGES = ["frontlines.extract", "frontlines.nlp", "frontlines.events"]


@pytest.mark.parametrize("package", PACKAGES)
def test_word_lists_ship_with_their_package_and_a_readme(package: str) -> None:
    data = resources.files(package).joinpath("data")
    assert data.joinpath("words.toml").is_file()
    readme = data.joinpath("README.md").read_text(encoding="utf-8")
    assert "ACLED Codebook" in readme and "maintainers" in readme


@pytest.mark.parametrize("package", PACKAGES)
def test_every_list_is_commented_and_holds_words(package: str) -> None:
    text = resources.files(package).joinpath("data/words.toml").read_text(encoding="utf-8")
    previous = ""
    for line in text.splitlines():
        if re.match(r"[a-z_]+ = \[", line) and not line.startswith("phrases"):
            assert previous.startswith("#") or "#" in line, f"{package}: no comment says what {line!r} is for"
        if line and not line.startswith(" "):
            previous = line
    for name, table in load_words(package).items():
        entries = table if isinstance(table, list) else [table]
        for entry in entries:
            for key, value in entry.items():
                if isinstance(value, list):
                    assert value and all(isinstance(w, str) and w.strip() for w in value), f"{name}.{key}"


def test_word_lists_are_read_once() -> None:
    assert load_words("frontlines.extract") is load_words("frontlines.extract")


def test_braces_expand_to_every_option() -> None:
    assert expand("{road|highway} {to|into}") == ["road to", "road into", "highway to", "highway into"]
    assert expand("village{|s}") == ["village", "villages"]
    assert expand("{|a }source") == ["source", "a source"]


def test_lists_are_expanded_without_repeats_longest_first() -> None:
    table = {"nouns": ["town{|s}", "towns", "border crossing", "Hill"]}
    assert words(table, "nouns") == ("border crossing", "towns", "Hill", "town")
    assert word_set(table, "nouns") == frozenset({"border crossing", "towns", "hill", "town"})


def test_alternation_escapes_words_and_spells_out_spaces_and_endings() -> None:
    any_space = r"\s+"
    rx = re.compile(rf"^{alternation(['u.s.', 'road to', 'arrest*'], space=any_space)}$")
    assert rx.match("u.s.") and not rx.match("uxsx")
    assert rx.match("road \n to")
    assert rx.match("arrested") and rx.match("arrest")


def _flat(items: list[str], space: str = " ") -> str:
    """The list as plain branches, longest first: what `alternation` must match, written as a trie or not."""
    from frontlines.wordlists import _literal

    return "(?:" + "|".join(_literal(w, space) for w in sorted(set(items), key=lambda w: (-len(w), w))) + ")"


# words of our own that share beginnings, end inside each other, and run into phrases
SHARED = [
    "at",
    "attack",
    "attacked",
    "attacking",
    "in",
    "into",
    "inside",
    "border",
    "border crossing",
    "near",
]
PHRASE_TEXT = (
    "They attacked at dawn, then Attacking INTO the border\n crossing near it; an attack-inside job, "
    "borders, at tacked, inside the border crossing and into"
)


@pytest.mark.parametrize("space", [" ", r"\s+"])
@pytest.mark.parametrize("wrap", [r"\b{}\b", r"\b{}", r"{}", r"\b{}\s+(?:the\s+)?$"])
@pytest.mark.parametrize("flags", [0, re.I])
def test_a_trie_of_words_matches_what_the_list_matches(space: str, wrap: str, flags: int) -> None:
    trie = re.compile(wrap.format(alternation(SHARED, space)), flags)
    flat = re.compile(wrap.format(_flat(SHARED, space)), flags)
    assert "(?:at(?:tack" in trie.pattern  # the shared beginnings are written once
    for text in (PHRASE_TEXT, PHRASE_TEXT.upper(), "attack", "the border ", "near the "):
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
        for end in range(len(text) + 1):  # every text before a name, as the place grammar searches it
            found, expected = trie.search(text[:end]), flat.search(text[:end])
            assert (found and found.span()) == (expected and expected.span())


def test_a_list_a_trie_could_read_otherwise_stays_a_list() -> None:
    # a wildcard, a letter other than ASCII, two branches differing by case: the trie could try another first
    for items in (["arrest*", "arrested"], ["Ḥama", "Hama"], ["NDF", "ndfs"]):
        assert alternation(items) == _flat(items)
    assert alternation(["a b", "a-b"], space=r"[\s-]+") == _flat(["a b", "a-b"], space=r"[\s-]+")
