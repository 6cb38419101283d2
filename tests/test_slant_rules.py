"""The slant stage's tables, as a specification: the labels table's tones, cue phrases, how overlapping spans
join, and how spans are tied to events (hand-built events, no parser)."""

from __future__ import annotations

import datetime as dt

import pytest

from frontlines.records import (
    ActorRef,
    Claim,
    DatePrecision,
    DateRef,
    Event,
    PlaceRef,
    Slant,
    SlantSpan,
    Span,
)
from frontlines.resolve.actors import ActorMention
from frontlines.slant import resolve_overlaps, tie_events
from frontlines.slant.cues import cue_spans, cues_from_toml
from frontlines.slant.labels import LabelTable, default_labels
from frontlines.slant.phrases import compile_phrases

LL, NC = "Loaded_Language", "Name_Calling,Labeling"


@pytest.mark.parametrize(
    ("label", "actor_id", "tone"),
    [
        ("terrorists", "hts", "pejorative"),
        ("Takfiri Hayat Tahrir al-Sham (HTS) terrorist group", "hts", "pejorative"),
        ("the Takfiris", "hts", "pejorative"),
        ("extremists", "hts", "pejorative"),
        ("regime forces", "syria-military", "pejorative"),  # not neutral for holding "forces"
        ("Assad's militias", "syria-military", "pejorative"),
        ("Turkish-backed mercenaries", "sna", "pejorative"),
        ("Turkish occupation forces", "turkey-military", "pejorative"),
        ("Syrian army troops", "syria-military", "neutral"),
        ("government forces", "syria-military", "neutral"),
        ("rebels", "fsa", "neutral"),
        ("militant", "hts", "neutral"),
        ("Jeish al-Fatah", "jaish-al-fatah", "neutral"),  # the group's own name
        ("the group", "unidentified-armed-group", None),
        ("gunmen", "unidentified-armed-group", "neutral"),
    ],
)
def test_the_tone_of_a_label(label: str, actor_id: str, tone: str | None) -> None:
    assert default_labels().tone(label, actor_id).tone == tone


def test_every_tone_names_the_rule_that_decided_it() -> None:
    table = default_labels()
    assert table.tone("regime forces", "syria-military").rule == "labels:regime forces"
    assert table.tone("Jeish al-Fatah", "jaish-al-fatah").rule == "labels:proper-name"
    assert table.tone("the group", "unidentified-armed-group").rule == "labels:unlisted"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[sources]\na = "x"\n[[label]]\nphrases = ["x"]\ntone = "rude"\nsource = "a"', "tone 'rude'"),
        ('[sources]\na = "x"\n[[label]]\nphrases = ["x"]\ntone = "neutral"\nsource = "b"', "source 'b'"),
        ('[[label]]\ntone = "neutral"\nsource = "b"', "no 'phrases'"),
    ],
)
def test_a_broken_labels_table_is_refused_with_the_reason(toml: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LabelTable.from_toml(toml)


def test_every_label_entry_names_a_known_source_and_a_tone() -> None:
    table = default_labels()
    assert {e.tone for e in table.entries} == {"pejorative", "neutral"}
    assert all(e.source in table.sources and e.phrases for e in table.entries)


def test_pejorative_labels_in_running_text_are_name_calling_spans_and_ambiguous_words_are_not() -> None:
    text = "Takfiri terrorists shelled the town; the regime's occupation of the hill, said a criminal lawyer."
    spans = default_labels().spans(text)
    assert [(s.text, s.technique) for s in spans] == [("Takfiri terrorists", NC)]
    assert spans[0].rule.startswith("labels:") and 0 < spans[0].score <= 1


@pytest.mark.parametrize(
    ("phrases", "text", "found"),
    [
        (["liberat*"], "troops liberated the town, liberating", ["liberated", "liberating"]),
        (["liberat*"], "a liberal newspaper", []),
        (["terrorists"], "counter-terrorists and terrorists", ["terrorists"]),  # whole words only
        (["terrorist organi?ation*"], "a terrorist organisation, a terrorist organization", 2),
        (["wreak* havoc"], "wreaking  havoc", ["wreaking  havoc"]),
        (["assad's forces"], "Assad’s forces", ["Assad’s forces"]),  # either apostrophe
    ],
)
def test_phrases(phrases: list[str], text: str, found: list[str] | int) -> None:
    matches = [m.group() for m in compile_phrases(phrases).finditer(text)]
    assert (len(matches) if isinstance(found, int) else matches) == found


def test_cue_lists_give_their_technique_rule_and_score() -> None:
    spans = cue_spans("The heroic army liberated the town in an unprecedented advance, our nation rejoiced.")
    found = {(s.text, s.technique, s.rule) for s in spans}
    assert ("heroic", LL, "cue:war-words") in found
    assert ("liberated", LL, "cue:war-words") in found
    assert ("unprecedented", "Exaggeration,Minimisation", "cue:exaggeration") in found
    assert ("our nation", "Flag-Waving", "cue:flag-waving") in found


def test_a_cue_list_with_a_score_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="not between 0 and 1"):
        cues_from_toml('[[cue]]\ntechnique = "Doubt"\nrule = "x"\nscore = 2\nphrases = ["a"]')


def span(technique: str, start: int, end: int, score: float = 0.5, rule: str = "r") -> SlantSpan:
    return SlantSpan(technique, start, end, "", score, rule)


def test_overlapping_spans_of_one_technique_join_keeping_the_best_score_and_its_rule() -> None:
    text = "x" * 40
    joined = resolve_overlaps(
        [span(LL, 0, 5, 0.3, "a"), span(LL, 3, 9, 0.8, "b"), span(NC, 2, 4), span(LL, 9, 12)], text
    )
    assert [(s.technique, s.start, s.end, s.score, s.rule) for s in joined] == [
        (LL, 0, 9, 0.8, "b"),
        (NC, 2, 4, 0.5, "r"),  # another technique may overlap
        (LL, 9, 12, 0.5, "r"),  # touching is not overlapping
    ]


# ---------------------------------------------------------------------------------------------- events

LINES = (
    "Takfiri terrorists of Jabhat al-Nusra fled. ",
    "The weather was fine. ",
    "Heroic troops liberated Tal Sheikh from the terrorists. ",
    "Jabhat al-Nusra shelled Nubl. ",
)
TEXT = "".join(LINES)
SENTENCES = [(TEXT.index(line), TEXT.index(line) + len(line) - 1) for line in LINES]


def actor(actor_id: str, label: str, start: int) -> ActorRef:
    return ActorRef(actor_id, actor_id, "side", "category", label, Span(start, start + len(label), label))


def event(sentence: tuple[int, int], actor1: ActorRef | None, actor2: ActorRef | None) -> Event:
    return Event(
        event_id="e" * 20,
        event_type="Battles",
        sub_event_type="Government regains territory",
        date=DateRef(dt.date(2016, 2, 7), DatePrecision.DAY, 0, "publication"),
        actor1=actor1,
        actor2=actor2,
        place=PlaceRef("Tal Sheikh", None, None, None, None, None, None),
        fatalities=None,
        claim=Claim("d", (), (), 0.5),
        sentence=Span(sentence[0], sentence[1], TEXT[sentence[0] : sentence[1]]),
    )


def found(text: str, technique: str) -> SlantSpan:
    start = TEXT.index(text)
    return SlantSpan(technique, start, start + len(text), text, 0.9, "test")


def test_an_event_takes_the_spans_of_its_sentence_and_of_the_sentences_naming_its_actors() -> None:
    slant = Slant(
        (found("Takfiri terrorists", NC), found("fine", LL), found("Heroic", LL), found("liberated", LL)),
        words=20,
        version="v",
    )
    troops = actor("syria-military", "Heroic troops", TEXT.index("Heroic troops"))
    rebels = actor("nusra", "terrorists", TEXT.index("terrorists. "))
    mentions = [
        ActorMention(TEXT.index("Jabhat"), TEXT.index("Jabhat") + 15, "Jabhat al-Nusra", "nusra", False),
        ActorMention(SENTENCES[3][0], SENTENCES[3][0] + 15, "Jabhat al-Nusra", "nusra", False),
        ActorMention(
            TEXT.index("terrorists. "), TEXT.index("terrorists. ") + 10, "terrorists", "nusra", True
        ),
    ]
    [marked] = tie_events([event(SENTENCES[2], troops, rebels)], slant, SENTENCES, mentions)
    tied = {(s.text, s.where) for s in marked.claim.slant}
    assert tied == {("Heroic", "sentence"), ("liberated", "sentence"), ("Takfiri terrorists", "actor2")}
    assert ("fine", "sentence") not in tied  # a sentence naming no actor of the event
    tones = {(label.role, label.label, label.tone) for label in marked.claim.labels}
    assert tones == {("actor1", "Heroic troops", "neutral"), ("actor2", "terrorists", "pejorative")}


def test_an_event_without_actors_takes_only_its_sentence() -> None:
    slant = Slant((found("Takfiri terrorists", NC), found("liberated", LL)), words=20, version="v")
    [marked] = tie_events([event(SENTENCES[2], None, None)], slant, SENTENCES, [])
    assert [s.text for s in marked.claim.slant] == ["liberated"]
    assert marked.claim.labels == ()
