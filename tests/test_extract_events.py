"""Specification of event extraction, end to end through the pipeline, on short invented reports.

What becomes an event (one per place per day per actor pair; one per village of a list), what does
not (negated, hypothetical, planned, background, photo captions, headlines), its ACLED type, its actors,
who claims it and the evidence behind it. Reports are published on Thursday 10 November 2016 unless a
test says otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from frontlines.records import Document, Event

PUBLISHED = dt.date(2016, 11, 10)  # a Thursday


def _events(
    pipeline: Any,
    text: str,
    *,
    outlet: str | None = None,
    published: dt.date | None = PUBLISHED,
    title: str | None = None,
) -> list[Event]:
    document = Document(
        id="spec", text=text, source_uri="test:spec", title=title, outlet=outlet, published=published
    )
    return pipeline.extract_document(document)


def _places(events: list[Event]) -> list[str]:
    return [e.place.location for e in events]


def _only(pipeline: Any, text: str, **kw: Any) -> Event:
    events = _events(pipeline, text, **kw)
    assert len(events) == 1, f"{text!r} -> {_places(events)}"
    return events[0]


# ------------------------------------------------------------------------------ one event per listed place

LISTS = [
    (
        "Government forces captured the town of Khanasir, as well as Hardana and Tadef.",
        ["Khanasir", "Hardana", "Tadef"],
    ),
    (
        "The opposition said it had captured three towns within a day: Khanasir, Hardana, and Tadef.",
        ["Khanasir", "Hardana", "Tadef"],
    ),
    (
        "Activists said 40 people were killed in a gas attack on Zamalka, 30 in Hardana and 12 in Tadef.",
        ["Zamalka", "Hardana", "Tadef"],
    ),
    (
        "Syrian army troops recaptured the villages of Khanasir, Numaniyeh, Little Bweideh and Tal al-Zaman "
        "on Sunday.",
        ["Khanasir", "Numaniyeh", "Little Bweideh", "Tal al-Zaman"],
    ),
    (
        "The army continued its advance in southern Aleppo, liberating 13 towns, including Khanasir, "
        "Numaniyeh and Hardana.",
        ["Khanasir", "Numaniyeh", "Hardana"],
    ),
    (
        "Government forces took control of Khanasir, Numaniyeh and Hardana in the Aleppo countryside.",
        ["Khanasir", "Numaniyeh", "Hardana"],
    ),
    (
        "Syrian army units shelled Kafr Nabl, Maarat al-Numan and Khan Sheikhoun.",
        ["Kafr Nabl", "Maarat al-Numan", "Khan Sheikhoun"],
    ),
]


@pytest.mark.parametrize(("text", "places"), LISTS)
def test_every_listed_place_is_its_own_event(pipeline: Any, text: str, places: list[str]) -> None:
    events = _events(pipeline, text)
    assert _places(events) == places, "one event per named place; a count or a region is no event place"
    assert len({e.event_id for e in events}) == len(places)
    assert len({(e.sub_event_type, e.date.date, e.actor1 and e.actor1.actor_id) for e in events}) == 1


# ------------------------------------------------------------------------------ not asserted: no event

# (an asserted report, the same report negated, hypothetical, planned or told as background)
NOT_ASSERTED = [
    ("Syrian troops advanced on Khanasir on Tuesday.", "Syrian troops did not advance on Khanasir."),
    ("Syrian troops captured Khanasir on Tuesday.", "Syrian troops did not capture Khanasir on Tuesday."),
    ("Syrian troops captured Khanasir.", "Syrian troops never captured Khanasir."),
    ("Syrian troops captured Khanasir.", "Syrian troops failed to capture Khanasir."),
    ("Government forces stormed Hardana.", "Government forces may storm Hardana in the coming days."),
    ("Rebels attacked Khanasir.", "Rebels could attack Khanasir."),
    ("Rebels stormed Khanasir.", "Rebels might storm Khanasir."),
    ("Rebels stormed Khanasir.", "Rebels will storm Khanasir."),
    ("Jaish al-Fatah attacked Numaniyeh.", "Jaish al-Fatah plans to attack Numaniyeh."),
    ("Jaish al-Fatah captured Hardana.", "Jaish al-Fatah threatened to capture Hardana."),
    ("Jaish al-Fatah captured Hardana.", "Jaish al-Fatah vowed to capture Hardana."),
    ("Jaish al-Fatah stormed Hardana.", "Jaish al-Fatah is preparing to storm Hardana."),
    ("Rebels shelled Hamdaniyeh on Monday.", "Rebels have shelled Hamdaniyeh almost daily since March 2011."),
    ("Rebels have besieged Khanasir.", "Rebels have besieged Khanasir since 2013."),
]


@pytest.mark.parametrize(("asserted", "not_asserted"), NOT_ASSERTED)
def test_asserted_report_is_an_event(pipeline: Any, asserted: str, not_asserted: str) -> None:
    assert len(_events(pipeline, asserted)) == 1, "the control sentence must give its event"


@pytest.mark.parametrize(("asserted", "not_asserted"), NOT_ASSERTED)
def test_negated_hypothetical_planned_or_background_is_no_event(
    pipeline: Any, asserted: str, not_asserted: str
) -> None:
    events = _events(pipeline, not_asserted)
    assert events == [], f"{not_asserted!r} -> {_places(events)}"


def test_a_negated_sentence_does_not_hide_the_next_one(pipeline: Any) -> None:
    text = "The army did not advance on Khanasir. Syrian troops captured Hardana instead."
    assert _places(_events(pipeline, text)) == ["Hardana"]


def test_a_decade_is_background(pipeline: Any) -> None:
    assert _events(pipeline, "Government forces shelled Hama in the 1980s.") == []


def test_the_title_repeated_in_the_page_is_a_headline_again(pipeline: Any) -> None:
    title = "Turkish jets strike Daesh in al-Bab and Tadef"
    text = f"{title}\nShare this story\n{title}\n\nSyrian troops captured Khanasir on Sunday."
    assert _places(_events(pipeline, text, title=title)) == ["Khanasir"]


def test_headline_gives_no_event(pipeline: Any) -> None:
    text = "The army liberated Hardana on Friday.\nSyrian troops captured Khanasir on Sunday."
    assert _places(_events(pipeline, text)) == ["Hardana", "Khanasir"], "control: without a title both count"
    title = "The army liberated Hardana on Friday."
    assert _places(_events(pipeline, text, title=title)) == ["Khanasir"]
    # a line without sentence punctuation is a headline (of this story or a linked one) whatever the title
    assert _places(
        _events(pipeline, "Army liberates Hardana\nSyrian troops captured Khanasir on Sunday.")
    ) == ["Khanasir"]


# ------------------------------------------------------------------------------------------ photo captions

CAPTIONS = [
    "(Photo: Syrian soldiers captured Hardana on October 3, 2015.)",
    "File photo: Syrian soldiers captured Hardana on October 3, 2015.",
    "A photo taken on October 3, 2015 shows Syrian soldiers who captured Hardana.",
    "Syrian soldiers pose for a photo after they captured Hardana on October 3, 2015.",
    "Syrian soldiers entered Hardana on October 3, 2015 (Photo: SANA).",
]


@pytest.mark.parametrize("caption", CAPTIONS)
def test_caption_is_no_event_and_its_date_is_no_event_date(pipeline: Any, caption: str) -> None:
    events = _events(pipeline, f"Syrian troops captured Khanasir, SANA reported.\n{caption}")
    assert _places(events) == ["Khanasir"]
    date = events[0].date
    assert (date.date, date.rule) == (PUBLISHED, "publication"), (
        "a caption's date is when the photo was taken"
    )


def test_the_same_words_outside_a_caption_are_a_dated_event(pipeline: Any) -> None:
    event = _only(pipeline, "Syrian soldiers captured Hardana on November 3, 2016.")
    assert (event.place.location, event.date.date) == ("Hardana", dt.date(2016, 11, 3))


def test_an_event_dated_long_before_the_report_is_background(pipeline: Any) -> None:
    assert _events(pipeline, "Syrian soldiers captured Hardana on October 3, 2015.") == []


# ----------------------------------------------------------------------------------------- event types

TYPES = [
    ("Khanasir was captured by government forces on Sunday.", "Battles", "Government regains territory"),
    ("Government forces captured Hardana.", "Battles", "Government regains territory"),
    ("Jaish al-Fatah captured Hardana.", "Battles", "Non-state actor overtakes territory"),
    ("Khanasir was captured by Jaish al-Fatah on Sunday.", "Battles", "Non-state actor overtakes territory"),
    ("Syrian army units clashed with Jaish al-Fatah in Khanasir.", "Battles", "Armed clash"),
    (
        "Russian warplanes carried out airstrikes on Kafr Nabl.",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    ("Airstrikes hit Kafr Nabl on Monday.", "Explosions/Remote violence", "Air/drone strike"),
    ("Syrian jets struck Kafr Nabl.", "Explosions/Remote violence", "Air/drone strike"),
    (
        "Rebels shelled the Hamdaniyeh district of Aleppo.",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("A car bomb exploded in Azaz.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Gunmen executed five civilians in Hardana.", "Violence against civilians", "Attack"),
    # violence is typed by the means named nearest its trigger, as ACLED codes it
    (
        "Turkish jets killed 26 militants in air strikes on Daglabash.",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    ("The air force bombarded rebel positions in Kasab.", "Explosions/Remote violence", "Air/drone strike"),
    (
        "The Russian airstrikes coincided with attacks by regime rocket launchers on the village of al-Aliyah.",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (
        "A fighter detonated a suicide vest beside a restaurant in Manbij.",
        "Explosions/Remote violence",
        "Suicide bomb",
    ),
    (
        "Helicopters dropped barrel bombs on civilians in Daraya, killing nine.",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    ("Rebels attacked an army checkpoint in Hardana.", "Battles", "Armed clash"),
    (
        "At least 400 people were killed in a nerve gas attack on Zamalka.",
        "Explosions/Remote violence",
        "Chemical weapon",
    ),
    ("The army restored security in the village of Hardana.", "Battles", "Government regains territory"),
    (
        "Jaish al-Fatah claimed control of the town of Khanasir.",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    (
        "Jaish al-Fatah managed to advance and control the village of Khanasir.",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    (
        "Security forces sprayed bullets at anti-government protesters in the city of Hama.",
        "Protests",
        "Excessive force against protesters",
    ),
    (
        "Police dispersed protesters with tear gas in the city of Hama.",
        "Protests",
        "Protest with intervention",
    ),
]


@pytest.mark.parametrize(("text", "event_type", "sub_event_type"), TYPES)
def test_trigger_gives_the_acled_type(pipeline: Any, text: str, event_type: str, sub_event_type: str) -> None:
    event = _only(pipeline, text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_event_type)


# ------------------------------------------------------------------------ one event per place, day, actors


def test_the_same_place_day_and_actors_told_twice_is_one_event_of_the_higher_type(pipeline: Any) -> None:
    text = "Syrian troops attacked Khanasir on Sunday. Syrian troops captured Khanasir on Sunday."
    event = _only(pipeline, text)
    assert event.sub_event_type == "Government regains territory"


def test_a_generic_killing_yields_to_the_strike_that_names_its_means(pipeline: Any) -> None:
    text = (
        "Turkish forces killed 26 militants in Daglabash. Turkish jets carried out air strikes on Daglabash."
    )
    event = _only(pipeline, text)
    assert event.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize(
    ("event", "state"),
    [
        (
            "The Syrian Democratic Forces controlled the village of Hardana on Sunday.",
            "The Syrian Democratic Forces control the village of Hardana.",
        ),
        (
            "The villages of Khanasir and Hardana were controlled by Jaish al-Fatah on Sunday.",
            "Jaish al-Fatah-controlled villages such as Khanasir and Hardana were quiet on Sunday.",
        ),
    ],
)
def test_control_is_an_event_only_as_a_verb_in_the_past(pipeline: Any, event: str, state: str) -> None:
    assert [e.event_type for e in _events(pipeline, event)][:1] == ["Battles"]
    assert _events(pipeline, state) == []


def test_an_arrest_and_a_strike_at_one_place_and_day_are_two_events(pipeline: Any) -> None:
    text = (
        "Kurdish forces arrested 15 suspects in Hardana on Sunday. Kurdish forces shelled Hardana on Sunday."
    )
    assert sorted(e.sub_event_type for e in _events(pipeline, text)) == [
        "Arrests",
        "Shelling/artillery/missile attack",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Heavy clashes erupted between armed Druze factions and Bedouin tribal forces on Friday.",
        "Mossad agents attacked the checkpoint on Friday.",
        "Ramadan fighting erupted on Friday.",
    ],
)
def test_peoples_sects_feasts_and_agencies_are_no_places(pipeline: Any, text: str) -> None:
    assert _places(_events(pipeline, text)) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # an undated sentence takes the day the story gave before it ...
        (
            "On Sunday the army shelled Tadef. Troops also captured the village of Hardana.",
            dt.date(2016, 11, 6),
        ),
        # ... or, in a lede, the day the next sentence gives
        ("Troops captured the village of Hardana. The assault began on Tuesday.", dt.date(2016, 11, 8)),
        # the day of a saying dates no other sentence
        (
            "Reports said on Sunday that fighting went on. Troops captured the village of Hardana.",
            PUBLISHED,
        ),
    ],
)
def test_an_undated_sentence_takes_the_story_date(pipeline: Any, text: str, day: dt.date) -> None:
    [event] = [e for e in _events(pipeline, text) if e.place.location == "Hardana"]
    assert event.date.date == day


def test_another_day_is_another_event(pipeline: Any) -> None:
    text = "Rebels shelled Hamdaniyeh on Sunday. Rebels shelled Hamdaniyeh again on Tuesday."
    events = _events(pipeline, text)
    assert [e.date.date for e in events] == [dt.date(2016, 11, 6), dt.date(2016, 11, 8)]


def test_another_actor_is_another_event(pipeline: Any) -> None:
    text = "Rebels shelled Hamdaniyeh on Sunday. Syrian warplanes struck Hamdaniyeh on Sunday."
    actors = [e.actor1.actor_id if e.actor1 else None for e in _events(pipeline, text)]
    assert actors == ["opposition-rebels", "syria-military"]


# ----------------------------------------------------------------------------------------------- actors

ONE_ORGANISATION = [
    "Al-Nusra Front militants attacked Khanasir.",
    "Jabhat al-Nusra attacked Khanasir.",
    "Jabhat Fateh al-Sham fighters attacked Khanasir.",
    "HTS fighters attacked Khanasir.",
    "Hayat Tahrir al-Sham attacked Khanasir.",
]


@pytest.mark.parametrize("text", ONE_ORGANISATION)
def test_nusra_fateh_al_sham_and_hts_are_one_actor(pipeline: Any, text: str) -> None:
    actor = _only(pipeline, text).actor1
    assert actor is not None and actor.actor_id == "hts"
    assert actor.label in text, "the words as written are kept"


@pytest.mark.parametrize(
    ("published", "name"),
    [
        (dt.date(2015, 5, 1), "Jabhat al-Nusra"),
        (dt.date(2016, 11, 10), "Jabhat Fateh al-Sham"),
        (dt.date(2018, 3, 1), "Hayat Tahrir al-Sham"),
    ],
)
def test_the_name_is_the_one_in_force_when_the_report_was_published(
    pipeline: Any, published: dt.date, name: str
) -> None:
    actor = _only(pipeline, "Al-Nusra Front militants attacked Khanasir.", published=published).actor1
    assert actor is not None and (actor.actor_id, actor.name) == ("hts", name)


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Jeish al-Fatah captured Hardana.", "jaish-al-fatah"),
        ("Jaysh al-Fatah captured Hardana.", "jaish-al-fatah"),
        ("Jaish al-Fateh captured Hardana.", "jaish-al-fatah"),
        ("Jeish al-Islam shelled Harasta.", "jaish-al-islam"),
        ("Jaysh al-Islam shelled Harasta.", "jaish-al-islam"),
    ],
)
def test_transliterations_are_one_actor(pipeline: Any, text: str, actor_id: str) -> None:
    actor = _only(pipeline, text).actor1
    assert actor is not None and actor.actor_id == actor_id


LABELS = [
    # (report, which actor, the label as written, the actor it stands for)
    (
        "Jaish al-Islam fighters massed near Douma. On Monday the terrorists shelled Harasta.",
        "actor1",
        "terrorists",
        "jaish-al-islam",
    ),
    (
        "Syrian army units clashed with terrorists in Khanasir, where Jabhat al-Nusra had fortified its "
        "positions.",
        "actor2",
        "terrorists",
        "hts",
    ),
    # a label whose foe is the government side, with no group named nearby, is the armed opposition (ADR 0013)
    ("The army clashed with terrorists in Harasta.", "actor2", "terrorists", "opposition-rebels"),
    ("Takfiri militants shelled Hamdaniyeh.", "actor1", "Takfiri militants", "unidentified-armed-group"),
    # the army is no group a label can stand for
    (
        "Syrian army units massed near Douma. On Monday the terrorists shelled Harasta.",
        "actor1",
        "terrorists",
        "unidentified-armed-group",
    ),
]


@pytest.mark.parametrize(("text", "slot", "label", "actor_id"), LABELS)
def test_label_resolves_to_the_group_named_nearby(
    pipeline: Any, text: str, slot: str, label: str, actor_id: str
) -> None:
    actor = getattr(_only(pipeline, text), slot)
    assert actor is not None, f"no {slot}"
    assert (actor.actor_id, actor.label) == (actor_id, label)


# ---------------------------------------------------------------------------------------------- claims

CHAINS = [
    # (outlet, report, source chain nearest first)
    ("Press TV", "SANA reported that Syrian army units recaptured Khanasir on Sunday.", ("SANA", "Press TV")),
    ("Press TV", "Syrian army units recaptured Khanasir on Sunday, SANA reported.", ("SANA", "Press TV")),
    ("Press TV", "Syrian army units recaptured Khanasir on Sunday, according to SANA.", ("SANA", "Press TV")),
    (
        "Al-Masdar News",
        "Rebels shelled Hamdaniyeh, according to the Syrian Observatory for Human Rights.",
        ("SOHR", "Al-Masdar News"),
    ),
    (
        "Al-Masdar News",
        "According to the Syrian Observatory, rebels shelled Hamdaniyeh.",
        ("SOHR", "Al-Masdar News"),
    ),
    ("Al-Masdar News", "Rebels shelled Hamdaniyeh.", ("Al-Masdar News",)),
    (None, "Rebels shelled Hamdaniyeh, according to the Syrian Observatory.", ("SOHR",)),
    ("SANA", "SANA reported that Syrian army units recaptured Khanasir.", ("SANA",)),
    (
        "Press TV",
        "Syrian army units captured Khanasir, military sources said.",
        ("Military source", "Press TV"),
    ),
]


@pytest.mark.parametrize(("outlet", "text", "chain"), CHAINS)
def test_claim_chain_is_nearest_source_first(
    pipeline: Any, outlet: str | None, text: str, chain: tuple[str, ...]
) -> None:
    assert _only(pipeline, text, outlet=outlet).claim.source_chain == chain


def test_a_follow_up_sentence_keeps_the_source_and_the_next_is_the_outlets_own(pipeline: Any) -> None:
    text = (
        "SANA reported that Syrian army units recaptured Khanasir on Sunday. The agency added that the army "
        "captured Hardana. Rebels shelled Hamdaniyeh on Monday."
    )
    events = _events(pipeline, text, outlet="Press TV")
    chains = {e.place.location: e.claim.source_chain for e in events}
    assert chains == {
        "Khanasir": ("SANA", "Press TV"),
        "Hardana": ("SANA", "Press TV"),
        "Hamdaniyeh": ("Press TV",),
    }


def test_a_source_relaying_another_source_is_in_the_chain(pipeline: Any) -> None:
    text = "Sputnik quoted SANA as saying that Syrian army units captured Khanasir."
    assert _only(pipeline, text, outlet="Press TV").claim.source_chain == ("SANA", "Sputnik", "Press TV")


def test_a_source_has_one_name_whatever_the_article(pipeline: Any) -> None:
    text = "Syrian army units captured Khanasir, a military source said."
    assert _only(pipeline, text, outlet="Press TV").claim.source_chain == ("Military source", "Press TV")


def test_the_outlet_is_named_canonically_in_the_chain(pipeline: Any) -> None:
    text = "SANA reported that Syrian army units recaptured Khanasir."
    assert _only(pipeline, text, outlet="PressTV").claim.source_chain == ("SANA", "Press TV")


# -------------------------------------------------------------------------------------------- evidence

EVIDENCE_REPORTS = [
    "Syrian army troops recaptured the villages of Khanasir, Numaniyeh, Little Bweideh and Tal al-Zaman "
    "on Sunday.",
    "Army liberates Khanasir\n\nSANA reported that “Syrian army units” recaptured al-Na’amaniyeh on Sunday, "
    "killing 12 terrorists.\nRebels shelled the Hamdaniyeh district of Aleppo yesterday, according to the "
    "Syrian Observatory.",
    "  \n\tJaish al-Islam fighters massed near Douma. On 3 November 2016 the terrorists shelled Harasta,\r\n"
    "killing dozens of civilians. Syrian jets struck Kafr Nabl, a military source said.",
]


@pytest.mark.parametrize("text", EVIDENCE_REPORTS)
def test_evidence_offsets_slice_the_document(pipeline: Any, text: str) -> None:
    events = _events(pipeline, text, outlet="Press TV")
    assert events, "the report must give events to check"
    for event in events:
        fields = {ev.field for ev in event.claim.evidence}
        assert {"sentence", "trigger", "place"} <= fields, f"{event.place.location}: {sorted(fields)}"
        for ev in event.claim.evidence:
            assert text[ev.start : ev.end] == ev.text, f"{ev.field} evidence {ev.text!r} at {ev.start}"
        spans = [event.sentence, event.place.span, event.date.span]
        spans += [a.span for a in (event.actor1, event.actor2) if a is not None]
        spans += [event.fatalities.span] if event.fatalities else []
        for span in spans:
            if span is not None:
                assert text[span.start : span.end] == span.text, f"{span.text!r} at {span.start}"


def test_evidence_names_the_words_of_each_field(pipeline: Any) -> None:
    text = "SANA reported that Syrian army units recaptured Khanasir on Sunday, killing 12 terrorists."
    event = _only(pipeline, text, outlet="Press TV")
    evidence = {ev.field: ev.text for ev in event.claim.evidence}
    assert evidence["trigger"] == "recaptured"
    assert evidence["place"] == "Khanasir" == event.place.location
    assert evidence["actor1"] == "Syrian army units"
    assert evidence["date"] == "on Sunday"
    assert "12" in evidence["fatalities"] and event.fatalities is not None and event.fatalities.count == 12
    assert evidence["source"] == "SANA reported"
    sentence = event.sentence
    assert all(sentence.start <= ev.start and ev.end <= sentence.end for ev in event.claim.evidence)


def test_two_events_of_one_report_never_share_an_id() -> None:
    from types import SimpleNamespace

    from frontlines.events.finish import event_id

    def draft(location: str, precision: int) -> Any:
        place = SimpleNamespace(place_id="C1007", geo_precision=precision, location=location)
        date = SimpleNamespace(date=None, offset_days=0)
        return SimpleNamespace(place=place, date=date, sub_event_type="Armed clash", actor1=None, actor2=None)

    taken: set[str] = set()
    # one gazetteer id, but two places the merge keeps apart (neither is the place itself)
    citadel, city = (
        event_id("doc", draft("Aleppo Citadel", 2), taken),
        event_id("doc", draft("Aleppo", 2), taken),
    )
    assert citadel != city
    # and should two keys ever clash, the second gets a numbered id rather than overwriting the first
    again = event_id("doc", draft("Aleppo Citadel", 2), taken)
    assert again not in (citadel, city) and again.endswith("-02")


def test_event_ids_are_unique_within_every_demo_report(pipeline: Any) -> None:
    from pathlib import Path

    from frontlines.ingest import ingest

    corpus = Path(__file__).resolve().parents[1] / "demo" / "corpus"
    seen = 0
    for document in ingest([str(corpus)]):
        if isinstance(document, Document):
            ids = [e.event_id for e in pipeline.extract_document(document)]
            assert len(ids) == len(set(ids)), document.source_uri
            seen += len(ids)
    assert seen > 50  # the demo corpus codes some 80 events


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # less-lethal force is an intervention, live fire excessive force
        ("Police fired rubber bullets at protesters in the city of Hama.", "Protest with intervention"),
        (
            "Security forces fired live ammunition at protesters in the city of Hama.",
            "Excessive force against protesters",
        ),
        # a ceasefire's entry into force is no forces' entry
        ("The ceasefire's entry into force in the town of Tadef was announced on Sunday.", "Agreement"),
    ],
)
def test_protest_force_and_agreement_words(pipeline: Any, text: str, sub_event_type: str) -> None:
    assert [e.sub_event_type for e in _events(pipeline, text)] == [sub_event_type]


@pytest.mark.parametrize(
    ("second", "sub_event_type"),
    [
        # a state's forces bomb from the air or with guns: the story's car bomb is not their means
        ("The town of Talbiseh in Homs was heavily bombed by regime forces on Tuesday.", "Air/drone strike"),
        # with no one named, a bomb told after a bomb is another of the same (rule "story means")
        ("Another bomb hit the town of Talbiseh in Homs on Tuesday.", "Remote explosive/landmine/IED"),
    ],
)
def test_a_state_s_forces_never_borrow_a_planted_bomb_as_means(
    pipeline: Any, second: str, sub_event_type: str
) -> None:
    first = "A car bomb exploded in the Akrama district of Homs on Wednesday, killing 20 people. "
    events = {e.place.location: e for e in _events(pipeline, first + second)}
    assert events["Talbiseh"].sub_event_type == sub_event_type
