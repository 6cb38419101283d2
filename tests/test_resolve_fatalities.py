"""Specification of fatalities (frontlines.resolve.fatalities): deaths only, never the wounded or
"casualties", vague quantities by ACLED's convention, and the rule that says how the number was read.
Sentences are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.records import Fatalities
from frontlines.resolve.fatalities import RULES, read_fatalities


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
    ("The death toll from the car bomb rose to 30.", 30),
    ("The death toll from Sunday's car bomb in the town rose to 30 on Monday.", 30),
    ("The attack claimed the lives of 4 children.", 4),
    ("Gunmen shelled the market, claiming the lives of 13 shoppers and wounding 20.", 13),
    ("The blast took the lives of two guards.", 2),
    ("A mortar round hit the school, taking the lives of seven pupils.", 7),
    ("The bomber struck the market, killing as many as 5 civilians.", 5),
    ("Twenty-five people were killed in the shelling.", 25),
    ("Two hundred fighters were killed in the battle.", 200),
    # war reporting's "eliminated" is killing; one person "lost his life"
    ("Army units eliminated 19 terrorists and destroyed two vehicles.", 19),
    ("Eleven militants were eliminated in the operation.", 11),
    ("The town was shelled, where one civilian lost his life.", 1),
    # an aside between the victims and the death word; "have died"
    ("At least 36 people, including children, have died after the barrel bombs fell.", 36),
    ("Five soldiers, among them an officer, were killed in the ambush.", 5),
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
    "20 people were killed or wounded in the shelling.",
    "The shelling killed or wounded 20 people.",
    "Twelve people, including five children, were wounded in the shelling.",
    "Nine people have fled the town.",
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
    ("15 wounded and 2 killed in the shelling of the market.", 2),
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


@pytest.mark.parametrize("sentence", WOUNDED_AFTER_LEFT)
def test_left_wounded_is_not_deaths(sentence: str) -> None:
    assert read_fatalities(sentence, 0) is None


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("The airstrike left 5 dead.", 5),
        ("Mortar shells fell on the market, leaving 3 people dead and 14 wounded.", 3),
    ],
)
def test_left_dead_is_deaths(sentence: str, count: int) -> None:
    assert _deaths(sentence) == count


def test_deaths_told_after_the_wounded_are_counted() -> None:
    assert _deaths("12 were wounded and three were killed in the shelling.") == 3


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("Gunmen executed five civilians in the village square.", 5),
        ("The group massacred at least 24 villagers.", 24),
    ],
)
def test_executed_with_a_number_after_the_verb_is_deaths(sentence: str, count: int) -> None:
    assert _deaths(sentence) == count


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("A soldier was killed 3 days ago, and 5 people were killed on Monday.", 5),
        ("Five people were killed 4 km from the town.", 5),
        ("Officer Anthony Morelli, 54, was shot dead.", None),
        # a year is not a count
        ("In 2015 rebels killed civilians in the town.", None),
        ("Since March 2012 government forces have killed civilians there.", None),
        ("In 2015 rebels killed 12 civilians.", 12),
        ("The 2013 killing of protesters in Daraa shocked the town.", None),
        # a number glued to a word is a name ("Su-24"); "no one" is nobody
        ("Russian Su-24 jets killed civilians in Idlib.", None),
        ("No one was killed when rebels shelled the town.", None),
        # compound number words
        ("The strike killed two hundred and fifty people.", 250),
        ("They killed one hundred and twenty people.", 120),
    ],
)
def test_times_distances_ages_and_years_are_not_death_counts(sentence: str, count: int | None) -> None:
    assert _deaths(sentence) == count


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
    ("Dozens killed in Idlib airstrikes.", 12),
    ("Thousands of people were killed in the siege.", 1000),
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


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Tens of terrorists were killed.", "acled:tens=10"),
        ("Dozens of militants were killed.", "acled:dozens=12"),
        ("Hundreds of fighters were killed.", "acled:hundreds=100"),
        ("Scores of rebels were killed.", "acled:scores=20"),
        ("A dozen soldiers were killed.", "acled:a dozen=12"),
        ("Dozens killed in Idlib airstrikes.", "acled:dozens=12"),
        ("The strike killed a number of militants.", "vague:a number=3"),
        ("A handful of fighters were killed.", "vague:a handful=3"),
        ("Several soldiers were killed.", "vague:several=3"),
    ],
)
def test_rule_name_is_the_documented_one(sentence: str, rule: str) -> None:
    assert _read(sentence).rule == rule


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_name_is_documented(rule: str) -> None:
    contract = Path(__file__).resolve().parents[1] / "docs" / "output-contract.md"
    assert f"`{rule}`" in contract.read_text(encoding="utf-8"), (
        f"docs/output-contract.md does not list `{rule}`"
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


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("A civilian was killed in the shelling.", 1),
        ("Two shells hit a house, killing a woman and wounding two children.", 1),
        ("The blast claimed the lives of an officer and a militia member, while another was hurt.", 2),
        ("Gunmen executed a local teacher, a farmer and a young shepherd.", 3),
        ("An elderly man died when the shell hit his home.", 1),
    ],
)
def test_people_named_one_by_one_are_one_death_each(sentence: str, count: int) -> None:
    """ACLED counts a reported death of one person as 1 (rule "singular")."""
    found = _read(sentence)
    assert (found.count, found.rule) == (count, "singular"), found


@pytest.mark.parametrize(
    "sentence",
    [
        "The strike killed a number of fighters and wounded others.",  # the ACLED convention, not one
        "Rebels shelled the town, killing a lot of people.",
        "A soldier was wounded in the clash.",
        "The army killed a plan to withdraw.",
    ],
)
def test_an_article_alone_is_no_death(sentence: str) -> None:
    found = read_fatalities(sentence, 0)
    assert found is None or found.rule != "singular", found
