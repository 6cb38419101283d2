"""Specification of what is not an event, on short invented reports: the false alarms real articles raise.

Each class is a rule with a name: page furniture and captions run into the text ("unpunctuated line", "link",
caption credits), clauses of purpose ("purpose"), habits ("habitual"), and the other rules this file grows.
Every test pairs the rule with the same words told as news, which stay an event. Reports are published on
Thursday 10 November 2016 unless a test says otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from frontlines.nlp.discourse import furniture_lines, is_caption
from frontlines.records import Document, Event

PUBLISHED = dt.date(2016, 11, 10)  # a Thursday


def _events(pipeline: Any, text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    document = Document(
        id="spec", text=text, source_uri="test:spec", title=None, outlet=None, published=published
    )
    return pipeline.extract_document(document)


def _places(pipeline: Any, text: str) -> list[str]:
    return [e.place.location for e in _events(pipeline, text)]


# ----------------------------------------------------------------------------------- page furniture, captions

NEWS = "Government troops captured the village of Tadef on Sunday."


@pytest.mark.parametrize(
    "furniture",
    [
        "Read more: Rebels seize the town of Hardana",
        "RELATED Rebels seize the town of Hardana after heavy fighting",
        "See also - Rebels seize the town of Hardana",
        "Check Also\nRebels seized the town of Hardana on Monday, a commander said.",
        "Rebels seize the town of Hardana after heavy fighting",  # a headline-like line, no final stop
    ],
)
def test_links_and_headline_lines_in_the_body_give_no_event(pipeline: Any, furniture: str) -> None:
    assert _places(pipeline, f"{NEWS}\n{furniture}\nThe fighting went on.") == ["Tadef"]


def test_the_same_words_as_a_sentence_of_the_story_are_an_event(pipeline: Any) -> None:
    places = _places(pipeline, f"{NEWS}\nRebels seized the town of Hardana on Monday.")
    assert sorted(places) == ["Hardana", "Tadef"]


def test_furniture_rules_are_named_and_a_date_line_is_none() -> None:
    text = (
        "Read more: Rebels seize Hardana\nMonday, 7 November 2016 10:52\nTroops shell the town of Tadef\nEnd."
    )
    assert [rule for _, _, rule in furniture_lines(text)] == ["link", "unpunctuated line"]


@pytest.mark.parametrize(
    "caption",
    [
        "Troops fire tear gas at a protest near the mosque Photo: AP Protesters stand next to burning tyres.",
        "Fighters rest in Tadef (REUTERS/Omar Sanadiki)",
        "Officers carry a coffin, in this handout photograph distributed by the state news agency.",
    ],
)
def test_picture_credits_inside_the_text_make_a_caption(caption: str) -> None:
    assert is_caption(caption)


def test_a_slash_in_brackets_without_a_credit_is_no_caption() -> None:
    assert not is_caption("Troops shelled the villages (at least 4/5 of them) on Sunday.")


# -------------------------------------------------------------------------------------- not what happened


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # the capture happened, the freeing of the city is its purpose
        ("The rebels captured the Tadef airbase on Monday to free the city of Hardana.", ["Tadef"]),
        ("Troops shelled the hills on Monday in an attempt to tighten the siege on the town of Hardana.", []),
        ("The militants are striving to advance to complete the siege of the town of Hardana.", []),
    ],
)
def test_a_clause_of_purpose_is_no_event(pipeline: Any, text: str, places: list[str]) -> None:
    assert _places(pipeline, text) == places


def test_what_a_verb_of_effort_carries_on_is_an_event(pipeline: Any) -> None:
    assert _places(pipeline, "Government troops managed to recapture the village of Tadef on Sunday.") == [
        "Tadef"
    ]


@pytest.mark.parametrize("adverb", ["frequently", "regularly", "routinely", "often"])
def test_a_habit_is_no_event(pipeline: Any, adverb: str) -> None:
    assert _places(pipeline, f"Turkish jets {adverb} bomb the village of Tadef.") == []
    assert _places(pipeline, "Turkish jets bombed the village of Tadef on Sunday.") == ["Tadef"]


def test_a_foiled_attempt_is_an_event(pipeline: Any) -> None:
    text = (
        "The army foiled an attempt by the rebels to infiltrate positions in the village of Tadef on Monday."
    )
    assert _places(pipeline, text) == ["Tadef"]


def test_a_text_of_one_line_is_a_sentence_whatever_its_end() -> None:
    assert furniture_lines("Days after seizing the town of Tadef the army pushed on") == []


# ------------------------------------------------------------------------------- names that are no event place


@pytest.mark.parametrize(
    "dateline",
    ["HAMA:", "HAMA (Reuters) -", "HAMA, Syria, Nov 8 (AFP) —", "Hama, 8 November 2016 –"],
)
def test_the_place_of_a_dateline_is_no_event_place(pipeline: Any, dateline: str) -> None:
    text = f"{dateline} Rebels launched an offensive against government troops in Tadef on Tuesday, activists said."
    assert _places(pipeline, text) == ["Tadef"]


def test_a_place_opening_a_sentence_is_still_an_event_place(pipeline: Any) -> None:
    assert _places(pipeline, "Tadef was shelled by government troops on Tuesday.") == ["Tadef"]


def test_a_name_with_a_title_inside_is_a_person(pipeline: Any) -> None:
    text = "Gunmen attacked the convoy of Aleppo Governor Hussein Diab near the town of Tadef on Monday."
    assert _places(pipeline, text) == ["Tadef"]


def test_names_in_apposition_to_people_are_people(pipeline: Any) -> None:
    text = "Two nephews of the commander, Hardana and Tadef, were killed in fighting in Khanasir on Monday."
    assert _places(pipeline, text) == ["Khanasir"]


def test_a_place_that_is_the_agent_of_a_passive_is_an_actor(pipeline: Any) -> None:
    places = _places(pipeline, "The village of Tadef was shelled on Monday by artillery backed by Ankara.")
    assert places == ["Tadef"]


def test_counted_places_make_the_name_after_them_a_region(pipeline: Any) -> None:
    text = (
        "The rebels withdrew from two towns in Aleppo province on Monday.\n"
        "The army entered the town of Tadef on Monday."
    )
    assert _places(pipeline, text) == ["Tadef"]
    named = "The army captured the two villages of Tadef and Hardana on Monday."
    assert sorted(_places(pipeline, named)) == ["Hardana", "Tadef"]


def test_a_region_is_covered_only_by_a_finer_place_of_the_same_kind_of_event(pipeline: Any) -> None:
    # the protest in Aleppo and an arrest in one of its districts the next day are two events
    text = (
        "In Aleppo, Syrian security forces fired tear gas and beat students on Friday.\n"
        "On Saturday, security forces arrested activists in the Salaheddine district."
    )
    assert sorted(_places(pipeline, text)) == ["Aleppo", "Salaheddine"]
    # while the clashes "in Aleppo" a lead sums up are the clashes the body tells in its district
    text = (
        "Syrian troops clashed with rebels in Aleppo on Friday.\nThe army shelled the Salaheddine district."
    )
    assert _places(pipeline, text) == ["Salaheddine"]


def test_tear_gas_is_used_on_a_crowd(pipeline: Any) -> None:
    text = "In Aleppo, Syrian security forces fired tear gas and beat students on Friday."
    [event] = pipeline.extract_document(Document(id="t", text=text, source_uri="t", published=PUBLISHED))
    assert event.sub_event_type == "Protest with intervention"


# ------------------------------------------------------------------------------------- words that tell no event


def test_an_event_word_in_the_name_of_a_body_is_no_event(pipeline: Any) -> None:
    text = "The head of the Russian Centre for Reconciliation visited the town of Tadef on Monday."
    assert _places(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Rebels in the town of Tadef were in talks for a similar agreement on Monday.", []),
        ("Rebels in the town of Tadef discussed a truce with the army on Monday.", []),
        ("Rebels in the town of Tadef reached an agreement with the army on Monday.", ["Tadef"]),
        ("Rebels in the town of Tadef signed a truce with the army on Monday.", ["Tadef"]),
    ],
)
def test_an_agreement_is_an_event_only_when_concluded(pipeline: Any, text: str, places: list[str]) -> None:
    assert _places(pipeline, text) == places


# ------------------------------------------------------------------------------------------- sub-event types


def _types(pipeline: Any, text: str) -> dict[str, str]:
    return {e.place.location: e.sub_event_type for e in _events(pipeline, text)}


@pytest.mark.parametrize(
    ("first", "sub_event_type"),
    [
        ("Warplanes bombed the village of Hardana on Monday.", "Air/drone strike"),
        ("A suicide bomber blew himself up at a checkpoint in Hardana on Monday.", "Suicide bomb"),
        (
            "Activists said government forces used sarin against the town of Hardana on Monday.",
            "Chemical weapon",
        ),
    ],
)
def test_a_generic_trigger_takes_the_means_the_report_named_before(
    pipeline: Any, first: str, sub_event_type: str
) -> None:
    text = f"{first} Another attack hit the market of Tadef on Monday, killing four people."
    assert _types(pipeline, text)["Tadef"] == sub_event_type


def test_an_attack_on_the_ground_does_not_borrow_the_means(pipeline: Any) -> None:
    text = "Warplanes bombed the village of Hardana on Monday. Rebels attacked army positions in Tadef on Monday."
    assert _types(pipeline, text)["Tadef"] == "Armed clash"


def test_a_tally_before_a_name_is_no_part_of_it(pipeline: Any) -> None:
    text = "A gas attack killed 40 people in Zamalka on Monday, 30 In Hardana and 12 in Tadef."
    assert sorted(_places(pipeline, text)) == ["Hardana", "Tadef", "Zamalka"]


# ------------------------------------------------------------------------------------------ coarse summaries


@pytest.mark.parametrize(
    "text",
    [
        "Government jets struck rebel positions in the provinces of Hama and Idlib on Monday.",
        "Russian jets bombed rebel positions in northern Hama and Idlib on Monday.",
        "The army killed dozens of militants in various regions, including the suburbs of Aleppo, Hama and Idlib.",
    ],
)
def test_a_list_of_regions_sums_up_a_campaign(pipeline: Any, text: str) -> None:
    assert _places(pipeline, text) == []


def test_a_list_of_towns_and_a_place_inside_a_region_are_events(pipeline: Any) -> None:
    assert sorted(_places(pipeline, "Rebels captured Daraa, Quneitra and Homs on Monday.")) == [
        "Daraa",
        "Homs",
        "Quneitra",
    ]
    assert _places(pipeline, "Troops shelled rebel positions in Hama province on Monday.") == ["Hama"]


@pytest.mark.parametrize(
    "text",
    [
        "Syrian air defences confronted several missiles fired at the town of Tadef on Monday.",
        "The army's anti-aircraft guns hit a drone over the town of Tadef on Monday.",
    ],
)
def test_air_defences_that_meet_a_strike_make_it_disrupted_weapons_use(pipeline: Any, text: str) -> None:
    assert _types(pipeline, text) == {"Tadef": "Disrupted weapons use"}


def test_air_defences_named_after_a_strike_leave_it_a_strike(pipeline: Any) -> None:
    text = "Israeli jets struck army positions in the town of Tadef on Monday, and air defences downed two missiles."
    assert _types(pipeline, text)["Tadef"] == "Air/drone strike"


@pytest.mark.parametrize("picture", ["shot footage", "shot a video", "captured a video"])
def test_filming_is_no_event(pipeline: Any, picture: str) -> None:
    assert (
        _places(pipeline, f"Reporters in the town of Tadef {picture} on Monday of fighters cheering.") == []
    )
    assert _places(pipeline, "Gunmen shot a farmer in the town of Tadef on Monday.") == ["Tadef"]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels tried to capture the village of Tadef on Monday.",
        "Army units confronted armed groups trying to enter the Tadef neighborhood on Monday.",
    ],
)
def test_a_capture_tried_is_a_battle(pipeline: Any, text: str) -> None:
    assert _types(pipeline, text) == {"Tadef": "Armed clash"}


def test_a_capture_managed_is_a_capture(pipeline: Any) -> None:
    text = "Rebels managed to capture the village of Tadef on Monday."
    assert _types(pipeline, text) == {"Tadef": "Non-state actor overtakes territory"}


def test_counted_villages_in_a_district_are_coded_at_the_district(pipeline: Any) -> None:
    text = "The army established full control over a number of villages in Tadef district on Monday."
    assert _places(pipeline, text) == ["Tadef"]


# ------------------------------------------------------------------------------------------------ background


@pytest.mark.parametrize(
    "text",
    [
        "Rebels captured the town of Tadef in 2013, and held it for a year.",
        "The protests began with rallies in Tadef in late 2011.",
        "The army captured the town of Tadef last year.",
    ],
)
def test_an_event_of_a_year_before_the_report_is_background(pipeline: Any, text: str) -> None:
    assert _places(pipeline, text) == []


def test_an_event_with_a_day_of_its_own_is_news_whatever_year_it_recalls(pipeline: Any) -> None:
    text = "The army captured the town of Tadef on Monday, three years after rebels seized it in 2013."
    assert _types(pipeline, text) == {"Tadef": "Government regains territory"}
    assert _places(pipeline, "Under the 2015 deal, the army shelled the town of Tadef on Monday.") == [
        "Tadef"
    ]


def test_a_year_is_background_only_when_it_is_before_the_report(pipeline: Any) -> None:
    assert _places(pipeline, "The army captured the town of Tadef in 2016.") == ["Tadef"]


def test_a_country_beside_finer_places_is_no_event_place_but_a_crossing_into_it_is(pipeline: Any) -> None:
    text = "Israeli jets struck more than 100 targets across Syria, in Daraa, Homs and Hama, on Monday."
    assert "Syria" not in _places(pipeline, text)
    crossing = "Turkish troops entered Syria on Monday, and shelled the town of Tadef."
    assert sorted(_places(pipeline, crossing)) == ["Syria", "Tadef"]


@pytest.mark.parametrize(
    "text",
    [
        "An aid convoy of the Syrian Arab Red Crescent entered the town of Tadef on Monday.",
        "The entry of humanitarian aid into the besieged town of Tadef began on Monday.",
        "Three military convoys entered the town of Tadef on Monday.",
    ],
)
def test_aid_and_convoys_entering_a_place_take_nothing(pipeline: Any, text: str) -> None:
    assert _places(pipeline, text) == []
    assert _places(pipeline, "Army units entered the town of Tadef on Monday.") == ["Tadef"]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "At least 12 people were killed in the unrest in the town of Tadef on Friday.",
            "Excessive force against protesters",
        ),
        (
            "Security forces killed three demonstrators in the town of Tadef on Friday.",
            "Excessive force against protesters",
        ),
        ("Security forces fired on protesters in the town of Tadef on Friday.", "Protest with intervention"),
    ],
)
def test_killing_or_firing_at_protests_is_force_against_protesters(
    pipeline: Any, text: str, sub_event_type: str
) -> None:
    assert _types(pipeline, text) == {"Tadef": sub_event_type}


def test_a_strike_told_beside_an_earlier_protest_stays_a_strike(pipeline: Any) -> None:
    text = "Government jets bombed the town of Tadef on Friday, a day after protests there."
    assert _types(pipeline, text) == {"Tadef": "Air/drone strike"}


def test_force_against_protesters_has_the_protesters_as_actor1(pipeline: Any) -> None:
    events = _events(pipeline, "At least 12 people were killed in the unrest in the town of Tadef on Friday.")
    assert [(e.actor1.name if e.actor1 else None, e.actor2) for e in events] == [("Protesters (Syria)", None)]
    fired = _events(pipeline, "Security forces fired on protesters in the town of Tadef on Friday.")
    assert [e.actor1.name if e.actor1 else None for e in fired] == ["Protesters (Syria)"]


@pytest.mark.parametrize(
    "text",
    [
        "Coalition air strikes killed 116 civilians in the town of Tadef in the past two weeks.",
        "The operation has controlled a total of 1,102 square kilometres around the town of Tadef.",
        "A truce signed two weeks ago in the town of Tadef appeared shaky.",
    ],
)
def test_totals_and_events_weeks_back_are_background(pipeline: Any, text: str) -> None:
    assert _places(pipeline, text) == []


def test_a_total_of_one_day_is_news(pipeline: Any) -> None:
    assert _places(pipeline, "A total of 40 people were killed in the town of Tadef on Monday.") == ["Tadef"]


def test_an_unnamed_part_of_a_city_is_covered_by_the_named_parts(pipeline: Any) -> None:
    text = (
        "Militants attacked a Homs neighbourhood on Sunday, killing 19 civilians.\n"
        "On Sunday, militants fired rockets on the Khaldiya neighbourhood of Homs, killing 13 civilians."
    )
    assert _places(pipeline, text) == ["Khaldiya"]
    assert _places(pipeline, "Militants attacked a Homs neighbourhood on Sunday, killing 19 civilians.") == [
        "Homs"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Moscow is open to cooperation with countries that are fighting terrorism in Tadef.",
        "The army went on with its fight against corruption in the town of Tadef.",
        "Officials described the camp in the town of Tadef as a ticking time bomb.",
    ],
)
def test_figures_of_speech_are_no_events(pipeline: Any, text: str) -> None:
    assert _places(pipeline, text) == []
    assert _places(pipeline, "The army fought the militants in the town of Tadef on Monday.") == ["Tadef"]


def test_a_place_people_flee_out_of_is_no_place_of_the_clashes_but_a_withdrawal_is(pipeline: Any) -> None:
    assert (
        _places(pipeline, "Clashes on Saturday sent civilians flooding out of the neighbourhood of Tadef.")
        == []
    )
    assert _places(pipeline, "Rebels pulled out of the town of Tadef on Saturday.") == ["Tadef"]


def test_a_region_that_owns_the_place_only_situates_it(pipeline: Any) -> None:
    text = (
        "ISIS took control on Monday of many strategic hills in Damascus eastern countryside's al-Qalamoon."
    )
    assert _places(pipeline, text) == ["al-Qalamoon"]


def test_a_credit_inside_a_long_paragraph_makes_only_its_sentence_a_caption(pipeline: Any) -> None:
    text = (
        "Protesters gather near the mosque Photo: AP Protesters stand next to burning tyres. "
        "Government troops captured the village of Tadef on Sunday."
    )
    assert _places(pipeline, text) == ["Tadef"]
    assert is_caption("Protesters gather near the mosque Photo: AP Protesters stand next to burning tyres.")


def test_a_country_after_a_city_in_its_list_only_situates_it(pipeline: Any) -> None:
    assert _places(
        pipeline, "Police fired on protesters in the southern city of Tadef, Syria, on Friday."
    ) == ["Tadef"]


def test_an_event_without_a_doer_is_the_same_days_event_whose_doer_is_named(pipeline: Any) -> None:
    text = "An air strike hit the town of Tadef on Sunday, killing five civilians. "
    events = _events(pipeline, text + "Syrian army jets bombed the town of Tadef on Sunday.")
    assert len(events) == 1
    assert events[0].actor1 is not None and events[0].actor1.name == "Military Forces of Syria"
    assert events[0].actor2 is not None and events[0].actor2.category == "Civilians"
    assert events[0].fatalities is not None and events[0].fatalities.count == 5
    other_day = _events(pipeline, text + "Syrian army jets bombed the town of Tadef on Monday.")
    assert len(other_day) == 2


def test_a_place_a_road_leads_to_past_a_direction_is_no_event_place(pipeline: Any) -> None:
    assert (
        _places(pipeline, "The army captured the main highway north to the central city of Homs on Monday.")
        == []
    )
    assert _places(pipeline, "The army captured the town of Tadef north of Homs on Monday.") == ["Tadef"]


def test_a_place_that_situates_named_places_by_a_direction_is_no_event_place(pipeline: Any) -> None:
    text = "Rebels captured the villages of Tadef and Hardana in Shaykh al-Hadid district, located west of Afrin."
    assert "Afrin" not in _places(pipeline, text)
    assert _places(pipeline, "Jets bombed rebel positions west of Afrin on Monday.") == ["Afrin"]


@pytest.mark.parametrize("degree", ["full", "complete", "total"])
def test_a_word_of_degree_inside_a_trigger_phrase_keeps_the_phrase(pipeline: Any, degree: str) -> None:
    text = f"Syrian army troops took {degree} control of the village of Tadef on Saturday."
    assert _types(pipeline, text) == {"Tadef": "Government regains territory"}


def test_a_list_of_regions_is_a_summary_even_when_a_finer_place_covers_one_of_them(pipeline: Any) -> None:
    text = (
        "Police dispersed protesters in the town of Sarmada on Monday. "
        "Protests against the council went on in the countryside of Idlib and Aleppo on Monday."
    )
    assert _places(pipeline, text) == ["Sarmada"]


def test_the_name_after_according_to_is_the_source_not_a_place(pipeline: Any) -> None:
    text = "According to Bekir Bozdag on Monday, the operation has controlled 500 square kilometers from the militias."
    assert _places(pipeline, text) == []
    assert _places(pipeline, "According to activists, rebels captured the village of Tadef on Monday.") == [
        "Tadef"
    ]


def test_a_list_goes_on_by_region_after_a_semicolon(pipeline: Any) -> None:
    text = (
        "During the day, militants shelled the settlements of Tadef (three times) and Hardana in the Latakia "
        "province; Kafr Nabudah (twice) in the Hama province; Zamalka in the Aleppo province."
    )
    assert sorted(_places(pipeline, text)) == ["Hardana", "Kafr Nabudah", "Tadef", "Zamalka"]


def test_a_possessing_participle_does_not_cut_the_place_from_its_event(pipeline: Any) -> None:
    text = (
        "An explosive device, planted by unidentified individuals, detonated in a military vehicle belonging "
        "to the army in the village of Tadef on Wednesday."
    )
    assert _places(pipeline, text) == ["Tadef"]


def test_an_air_strike_and_shelling_of_one_place_and_day_are_two_events(pipeline: Any) -> None:
    text = "Government jets bombed the town of Tadef on Monday. Government artillery shelled Tadef on Monday."
    assert sorted(e.sub_event_type for e in _events(pipeline, text)) == [
        "Air/drone strike",
        "Shelling/artillery/missile attack",
    ]


def test_a_picture_desks_paragraph_is_a_caption(pipeline: Any) -> None:
    text = (
        "A TV grab taken from a channel on Sunday shows smoke over Tadef. Rebels shelled the town of Tadef on "
        "Sunday, killing five people. EDITORIAL USE ONLY\n"
        "Government troops captured the village of Hardana on Sunday."
    )
    assert _places(pipeline, text) == ["Hardana"]
