"""Specification of fatalities (frontlines.resolve.fatalities): deaths only, never the wounded or
"casualties", vague quantities by ACLED's convention, and the rule that says how the number was read.
Sentences are invented.
"""

from __future__ import annotations

import pytest

from frontlines.records import Fatalities
from frontlines.resolve.fatalities import read_fatalities


def _deaths(sentence: str) -> int | None:
    found = read_fatalities(sentence, 0)
    return None if found is None else found.count


def _read(sentence: str) -> Fatalities:
    found = read_fatalities(sentence, 0)
    assert found is not None, f"no deaths read in {sentence!r}"
    return found


# --------------------------------------------------------------------------------------------- exact counts

EXACT = [
    ("The airstrike killed 7 civilians in the market.", 7),
    ("The airstrike killed seven civilians in the market.", 7),
    ("Rebel shelling hit the district, killing at least 12 people.", 12),
    ("Twelve people were killed in the shelling.", 12),
    ("At least 12 people were killed in the shelling.", 12),
    ("More than 1,200 fighters have been killed since the offensive began.", 1200),
    ("Two soldiers were martyred in the attack.", 2),
    ("Four civilians lost their lives when the shell landed.", 4),
    ("Ten fighters died in the clashes.", 10),
    ("The death toll rose to 30 on Monday.", 30),
    ("Medics put the death toll at 30.", 30),
]


@pytest.mark.parametrize(("sentence", "count"), EXACT)
def test_deaths_are_counted(sentence: str, count: int) -> None:
    found = _read(sentence)
    assert (found.count, found.rule) == (count, "exact"), found


# ------------------------------------------------------------------------------------------- not deaths

NOT_DEATHS = [
    "15 people were wounded in the shelling.",
    "The shelling wounded 15 civilians.",
    "Seven people were injured when the mortar landed.",
    "The attack caused 20 casualties among the residents.",
    "20 casualties were reported after the strike.",
    "Dozens of civilians were wounded.",
    "The army captured 13 villages in the south.",
    "The strike destroyed 4 tanks and 2 depots.",
]


@pytest.mark.parametrize("sentence", NOT_DEATHS)
def test_wounded_and_casualties_are_not_deaths(sentence: str) -> None:
    assert read_fatalities(sentence, 0) is None


MIXED = [
    ("Three soldiers were killed and 12 wounded.", 3),
    ("The shelling killed 3 people and wounded 10.", 3),
    ("The shelling wounded 10 people and killed 3.", 3),
    ("Five killed, 20 wounded in rebel shelling.", 5),
    ("The army killed 20 terrorists and wounded 30 others.", 20),
]


@pytest.mark.parametrize(("sentence", "count"), MIXED)
def test_only_the_dead_are_counted_next_to_the_wounded(sentence: str, count: int) -> None:
    assert _deaths(sentence) == count


WOUNDED_AFTER_LEFT = [
    "The strike left 20 casualties.",
    "The strike left 9 wounded.",
    "Mortar shells fell on the market, leaving 14 civilians wounded.",
    "The clashes left dozens of casualties on both sides.",
]


@pytest.mark.xfail(
    reason="'left/leaving N' is read as N deaths without looking at what follows: 'left 9 wounded' and "
    "'left 20 casualties' become 9 and 20 fatalities",
    strict=True,
)
@pytest.mark.parametrize("sentence", WOUNDED_AFTER_LEFT)
def test_left_wounded_is_not_deaths(sentence: str) -> None:
    assert read_fatalities(sentence, 0) is None


def test_left_dead_is_deaths() -> None:
    assert _deaths("The airstrike left 5 dead.") == 5


@pytest.mark.xfail(
    reason="the wounded clause before the deaths swallows the death clause ('12 were wounded and three were "
    "killed' is one rejected match), so no deaths are read",
    strict=True,
)
def test_deaths_told_after_the_wounded_are_counted() -> None:
    assert _deaths("12 were wounded and three were killed in the shelling.") == 3


@pytest.mark.xfail(
    reason="'executed'/'massacred' count only after the number ('five were executed'), not before it",
    strict=True,
)
def test_executed_with_a_number_after_the_verb_is_deaths() -> None:
    assert _deaths("Gunmen executed five civilians in the village square.") == 5


# ------------------------------------------------------------------------------------ vague quantities

VAGUE = [
    # ACLED's convention for unspecified counts
    ("Tens of terrorists were killed in the ambush.", 10),
    ("The army killed tens of terrorists.", 10),
    ("Dozens of militants were killed in the airstrikes.", 12),
    ("The strikes hit the convoy, killing dozens of militants.", 12),
    ("Hundreds of fighters were killed in the battle for the city.", 100),
    ("Scores of rebels were killed.", 20),
    ("Several soldiers were killed at the checkpoint.", 3),
]


@pytest.mark.parametrize(("sentence", "count"), VAGUE)
def test_vague_quantity_follows_acled(sentence: str, count: int) -> None:
    assert _deaths(sentence) == count


@pytest.mark.parametrize(
    ("sentence", "word", "count"),
    [
        ("Tens of terrorists were killed.", "tens", 10),
        ("Dozens of militants were killed.", "dozens", 12),
        ("Hundreds of fighters were killed.", "hundreds", 100),
    ],
)
def test_rule_records_the_acled_convention(sentence: str, word: str, count: int) -> None:
    rule = _read(sentence).rule
    assert rule.startswith("acled:"), rule
    assert word in rule and rule.endswith(f"={count}"), rule


@pytest.mark.xfail(
    reason="docs/output-contract.md documents fatalities_rule values 'acled:tens=10' (and "
    "'vague:a number=3'); the code stores 'acled:tens of=10', 'acled:dozens of=12', 'acled:hundreds of=100'",
    strict=True,
)
@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Tens of terrorists were killed.", "acled:tens=10"),
        ("Dozens of militants were killed.", "acled:dozens=12"),
        ("Hundreds of fighters were killed.", "acled:hundreds=100"),
    ],
)
def test_rule_name_is_the_documented_one(sentence: str, rule: str) -> None:
    assert _read(sentence).rule == rule


@pytest.mark.xfail(
    reason="vague quantities starting with 'a' ('a dozen', 'a few', 'a number of', 'a handful of') are never "
    "read: the number word 'a' wins the regex alternation and is then rejected",
    strict=True,
)
@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("A dozen soldiers were killed in the ambush.", 12),
        ("The strike killed a number of militants.", 3),
        ("A few civilians were killed by sniper fire.", 3),
        ("A handful of fighters were killed.", 3),
    ],
)
def test_vague_quantity_with_an_article_follows_acled(sentence: str, count: int) -> None:
    assert _deaths(sentence) == count


def test_an_exact_number_beats_a_vague_word_around_it() -> None:
    assert _deaths("Some 20 fighters were killed.") == 20


# ---------------------------------------------------------------------------------------------- evidence


def test_span_indexes_the_document() -> None:
    lead = "Hama (SANA) - Mortar shells fell on the town.\n"
    sentence = "The shelling killed 4 children, the agency said."
    document = lead + sentence
    found = read_fatalities(sentence, len(lead))
    assert found is not None and found.span is not None
    span = found.span
    assert document[span.start : span.end] == span.text
    assert "4" in span.text and "killed" in span.text


def test_no_number_no_fatalities() -> None:
    assert read_fatalities("Rebels shelled the town, the agency said.", 0) is None
