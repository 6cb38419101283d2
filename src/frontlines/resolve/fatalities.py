"""Fatalities: deaths only, never "casualties" or "wounded", with the rule used to read the number.

Vague quantities follow ACLED's convention for unspecified counts: "tens of" is 10, "dozens of" and "a dozen"
12, "scores of" 20, "hundreds of" 100, "thousands of" 1000 (rule ``acled:tens=10``), and the indefinite
few ("a number of", "several", "some", "a few", "a handful of", "many") are 3 (rule ``vague:a number=3``).
Every rule name is listed in docs/output-contract.md (``fatalities_rule``); ``RULES`` holds them all.

A number counts as deaths when it is read in one of three places, tried in this order:
  1. after a killing verb: "killed 7 civilians", "executed five civilians", "claimed the lives of 4";
  2. before a death word, with at most four words between that are not about the wounded:
     "12 people were killed", "the strike left 5 dead" (but not "left 9 wounded");
  3. in a death toll: "the death toll from the car bomb rose to 30".
"""

from __future__ import annotations

import re

from frontlines.records import Fatalities, Span
from frontlines.wordlists import alternation, ascii_lower, guard_words, may_hold

# Vague quantities, as the rule names them; each may be followed by "of" ("dozens of", "a number of").
ACLED_QUANTITIES = {"tens": 10, "dozens": 12, "a dozen": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
FEW_QUANTITIES = {"a number": 3, "several": 3, "some": 3, "a few": 3, "a handful": 3, "many": 3}

UNIT_WORDS = "one two three four five six seven eight nine".split()
TEEN_WORDS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = (
    {word: n for n, word in enumerate(UNIT_WORDS, 1)}
    | {word: n for n, word in enumerate(TEEN_WORDS, 10)}
    | {word: n for n, word in zip(range(20, 100, 10), TENS_WORDS, strict=True)}
    | {"hundred": 100}
)

# Words around a number that say how sure the count is ("at least 12"); they belong to the evidence span.
QUALIFIERS = (
    "at least",
    "more than",
    "over",
    "nearly",
    "almost",
    "around",
    "about",
    "some",
    "up to",
    "as many as",
    "an estimated",
    "approximately",
)
# Verbs whose object is the dead: "killed 7", "killing at least 12", "executed five civilians".
KILLING_VERBS = (
    "killed",
    "killing",
    "executed",
    "executing",
    "massacred",
    "massacring",
    "claimed the lives of",
    "claiming the lives of",
    "took the lives of",
    "taking the lives of",
    # war reporting's word for killing fighters: "army units eliminated 19 terrorists"
    "eliminated",
    "eliminating",
)
# Words after the number that make it a death count: "12 people were killed", "5 dead".
DEATH_WORDS = (
    "killed",
    "dead",
    "died",
    "deaths",
    "slain",
    "martyred",
    "executed",
    "lost their lives",
    "lost his life",
    "lost her life",
    "eliminated",
    "killing",
    "massacred",
    "perished",
)
# Every match of DEATH_FOLLOWS holds one of these (each phrase's first word): a sentence whose lower case holds
# none counts no deaths before a death word (`frontlines.wordlists.may_hold`), and its numbers are not read.
DEATH_GUARDS = guard_words(phrase.split()[0] for phrase in DEATH_WORDS)
AUXILIARIES = ("were", "was", "are", "have been", "has been", "had been", "have", "has", "had")
# Units that make a number a time or a distance, not people: "killed 3 days ago", "5 km from the town"; or a
# count of strikes and munitions: "executed nearly ten airstrikes", "fired 20 rockets".
UNITS = (
    r"(?:minute|hour|day|week|month|year|km|kilomet(?:er|re)|mile|met(?:er|re)|"
    r"(?:air[\s-]?)?strike|airstrike|raid|sortie|shell|rocket|missile|mortar|(?:barrel\s+)?bomb|time|target)s?\b"
)
NOT_DEATHS = re.compile(r"\b(?:casualt|wound|injur|hurt)\w*", re.I)
# "20 killed or wounded" counts casualties, not deaths.
OR_WOUNDED = re.compile(r"\s*(?:,?\s*\b(?:and|or)\b|/)\s*(?:wound|injur|hurt)", re.I)


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """An alternation of phrases, longest first; a space in a phrase matches any run of white space."""
    return alternation(words, space=r"\s+")


_VAGUE = rf"(?:{_alt([*ACLED_QUANTITIES, *FEW_QUANTITIES])})(?:\s+of)?"
_UNIT, _TENS = _alt(UNIT_WORDS), _alt(TENS_WORDS)
_UNDER_100 = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNIT}))?|{_alt(TEEN_WORDS)}|{_UNIT})"
# "two hundred and fifty", "one hundred twenty", "forty-five", "hundred"
_WORD_NUMBER = rf"(?:(?:(?:{_UNIT})\s+)?hundred(?:(?:\s+and)?\s+{_UNDER_100})?|{_UNDER_100})"
# Digits not glued to a word ("Su-24 jets" is no count); "no one"/"not one" is none.
_COUNT = (
    rf"(?<![\w-])(?<!\bno\s)(?<!\bnot\s)(?:(?:{_alt(QUALIFIERS)})\s+)?"
    rf"(?P<n>{_VAGUE}|{_WORD_NUMBER}|\d[\d,]*)\b"
)

COUNT = re.compile(_COUNT, re.I)
AFTER_KILLING_VERB = re.compile(rf"\b(?:{_alt(KILLING_VERBS)})\s+{_COUNT}", re.I)
# Matched right after a number: up to four words (the victims, "reportedly"), or the victims and an aside
# between commas ("36 people, including children, have died"), an auxiliary, a death word.
DEATH_FOLLOWS = re.compile(
    rf"\s+(?P<between>(?:[\w\-’']+\s+){{0,4}}?(?:[\w\-’']+\s*,[^,.;:]{{1,40}},\s+)?"
    rf"(?:(?:{_alt(AUXILIARIES)})\s+)?)"
    rf"(?:{_alt(DEATH_WORDS)})\b",
    re.I,
)
# "the death toll rose to 30", "the death toll from Sunday's car bomb rose to 30", "put the death toll at 30"
IN_DEATH_TOLL = re.compile(rf"\bdeath\s+toll\s+(?:[\w\-’']+\s+){{0,8}}?(?:to|of|at|reached)\s+{_COUNT}", re.I)

# One victim named with an article, after a killing verb or before a verb of dying: "killing a woman",
# "claimed the lives of an officer and a militia member" (two), "a child was killed". ACLED counts a reported
# death of one person as 1 (rule "singular"); the same nouns as the civilian victims' and the combatants'.
SINGLE_VICTIMS = (
    "civilian", "resident", "villager", "child", "boy", "girl", "baby", "infant", "teenager", "woman", "man",
    "person", "worker", "journalist", "farmer", "student", "doctor", "nurse", "paramedic", "teacher", "shepherd",
    "passenger", "soldier", "officer", "fighter", "member", "militant", "rebel", "policeman", "guard",
    "commander", "leader",
)  # fmt: skip
_ONE_VICTIM = rf"\b(?:a|an)\s+(?:[\w\-’']+\s+){{0,2}}?(?:{_alt(SINGLE_VICTIMS)})\b"
SINGLE_AFTER_KILLING_VERB = re.compile(
    rf"\b(?:{_alt(KILLING_VERBS)})\s+(?P<victims>{_ONE_VICTIM}(?:\s*(?:,\s*|\band\s+){_ONE_VICTIM})*)", re.I
)
SINGLE_DIED = re.compile(
    rf"{_ONE_VICTIM}\s+(?:died|(?:was|has\s+been|had\s+been)\s+(?:killed|shot\s+dead|executed|slain|martyred))\b",
    re.I,
)
_ONE_VICTIM_RE = re.compile(_ONE_VICTIM, re.I)

RULES = (
    "exact",
    "singular",
    *(f"acled:{word}={n}" for word, n in ACLED_QUANTITIES.items()),
    *(f"vague:{word}={n}" for word, n in FEW_QUANTITIES.items()),
)


def _reading(number: str) -> tuple[int, str]:
    """The count a number as written stands for, and the rule used: "exact", "acled:tens=10", ..."""
    phrase = " ".join(number.lower().split()).removesuffix(" of")
    if phrase in ACLED_QUANTITIES:
        return ACLED_QUANTITIES[phrase], f"acled:{phrase}={ACLED_QUANTITIES[phrase]}"
    if phrase in FEW_QUANTITIES:
        return FEW_QUANTITIES[phrase], f"vague:{phrase}={FEW_QUANTITIES[phrase]}"
    if phrase.replace(",", "").isdigit():
        return int(phrase.replace(",", "")), "exact"
    count = 0
    for word in re.split(r"[-\s]+", phrase):
        if word == "and":  # "two hundred and fifty"
            continue
        count = max(count, 1) * 100 if word == "hundred" else count + NUMBER_WORDS[word]
    return count, "exact"


_UNITS_AFTER = re.compile(rf"\s*-?{UNITS}", re.I)


def _counts_people(sentence: str, number_end: int) -> bool:
    """False when the number is a time or distance ("3 days ago", "5 km")."""
    return not _UNITS_AFTER.match(sentence, number_end)


def _after_killing_verb(sentence: str) -> tuple[int, int, str] | None:
    for m in AFTER_KILLING_VERB.finditer(sentence):
        if _counts_people(sentence, m.end()):
            return m.start(), m.end(), m.group("n")
    return None


# "In 2015 rebels killed ...", "since March 2012": a year, not a count
YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|during|until|till|by|of|from|early|late|mid|summer|winter|spring|autumn|fall)|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)[\s-]+$",
    re.I,
)


def _is_year(sentence: str, m: re.Match[str]) -> bool:
    """ "in 2015", "March 2012", or a year right before a death noun ("the 2013 killing of protesters")."""
    if not re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
        return False
    return _year_word_before(sentence, m.start()) or bool(YEAR_AFTER.match(sentence, m.end()))


def _year_word_before(sentence: str, at: int) -> bool:
    """YEAR_BEFORE at the end of ``sentence[:at]``, looking only at its last word and the white space after it
    (the search over the whole text before each number made a sentence of many numbers quadratic)."""
    run = at
    while run > 0 and (sentence[run - 1].isspace() or sentence[run - 1] == "-"):
        run -= 1
    return YEAR_BEFORE.search(sentence, max(0, run - 12), at) is not None  # the longest word: "September"


YEAR_AFTER = re.compile(r"\s+(?:killing|killings|massacre|attack|attacks|bombing|shelling|offensive)\b", re.I)


def _before_death_word(sentence: str) -> tuple[int, int, str] | None:
    """Each number in turn, so that "12 were wounded and three were killed" still reads the three."""
    if not may_hold(ascii_lower(sentence), DEATH_GUARDS):
        return None  # (no death word: no number is followed by one)
    for m in COUNT.finditer(sentence):
        death = DEATH_FOLLOWS.match(sentence, m.end())
        if (
            death is not None
            and not _is_year(sentence, m)
            and _counts_people(sentence, m.end())
            and not NOT_DEATHS.search(death.group("between"))
            and not OR_WOUNDED.match(sentence, death.end())
        ):
            return m.start(), death.end(), m.group("n")
    return None


def _in_death_toll(sentence: str) -> tuple[int, int, str] | None:
    m = IN_DEATH_TOLL.search(sentence)
    return None if m is None else (m.start(), m.end(), m.group("n"))


def _singular(sentence: str) -> tuple[int, int, int] | None:
    """Victims named one by one with an article: (start, end, how many)."""
    m = SINGLE_AFTER_KILLING_VERB.search(sentence)
    if m is not None:
        return m.start(), m.end(), len(_ONE_VICTIM_RE.findall(m.group("victims")))
    m = SINGLE_DIED.search(sentence)
    return None if m is None else (m.start(), m.end(), 1)


def read_fatalities(sentence: str, sent_offset: int) -> Fatalities | None:
    """Deaths a sentence reports, or None when it says nothing countable about deaths."""
    for reader in (_after_killing_verb, _before_death_word, _in_death_toll):
        found = reader(sentence)
        if found is not None:
            start, end, number = found
            count, rule = _reading(number)
            text = sentence[start:end]
            return Fatalities(count, rule, Span(sent_offset + start, sent_offset + end, text))
    single = _singular(sentence)
    if single is not None:
        start, end, count = single
        return Fatalities(
            count, "singular", Span(sent_offset + start, sent_offset + end, sentence[start:end])
        )
    return None
