"""Specification of actor finding and resolution (frontlines.resolve.actors). Sentences are invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from frontlines.resolve.actors import UNIDENTIFIED, ActorMention, ActorTable
from frontlines.resolve.alias_trie import expand, fold_word


@pytest.fixture(scope="module")
def table() -> ActorTable:
    return ActorTable.default()


def only(table: ActorTable, text: str) -> ActorMention:
    mentions = table.find(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


# ------------------------------------------------------------------------------------ spelling rules


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (["Jeish", "Jaish", "Jaysh", "Jaych"], "jaish"),
        (["Fatah", "Fateh", "Fath"], "fath"),
        (["Nusra", "Nosra", "NUSRA"], "nusra"),
        (["Tahrir", "Tahreer", "Tahrīr"], "tahrir"),
        (["Hayat", "Hay'at", "Hay’at", "Hayaat", "Hayyat", "Haiat"], "hayat"),
        (["Ahrar", "Ahrār"], "ahrar"),
        (["Sham", "Shaam", "Shām", "Cham"], "sham"),
        (["al", "el", "Al", "EL"], "al"),
    ],
)
def test_transliteration_variants_fold_to_one_key(spellings: list[str], key: str) -> None:
    assert {fold_word(s) for s in spellings} == {key}


@pytest.mark.parametrize(
    ("alias", "expanded"),
    [
        ("Syrian army", ["Syrian army"]),
        ("{Syrian|government} troops", ["Syrian troops", "government troops"]),
        (
            "{|Syrian }army {units|forces}",
            ["army units", "army forces", "Syrian army units", "Syrian army forces"],
        ),
    ],
)
def test_brace_alternatives_expand(alias: str, expanded: list[str]) -> None:
    assert expand(alias) == expanded


# ------------------------------------------------------------------------------------ variant -> actor


@pytest.mark.parametrize(
    ("sentence", "mention", "actor_id"),
    [
        # the Syrian state's forces, in the many ways reports name them
        ("Syrian Army troops entered the village.", "Syrian Army troops", "syria-military"),
        ("Syrian government forces shelled the hill.", "Syrian government forces", "syria-military"),
        ("A Syrian government force advanced.", "Syrian government force", "syria-military"),
        ("Gov't forces moved north.", "Gov't forces", "syria-military"),
        ("The army soldiers took the ridge.", "army soldiers", "syria-military"),
        ("Units of the Republican Guard deployed.", "Republican Guard", "syria-military"),
        ("The Tiger Forces stormed the town.", "Tiger Forces", "syria-military"),
        ("The 4th Division shelled the farms.", "4th Division", "syria-military"),
        ("Syrian warplanes struck the depot.", "Syrian warplanes", "syria-military"),
        ("The SAA pushed on.", "SAA", "syria-military"),
        # allies
        ("Fighters from popular defense groups joined.", "popular defense groups", "ndf"),
        ("The NDF held the checkpoint.", "NDF", "ndf"),
        ("Their popular allies advanced.", "popular allies", "pro-government-militia"),
        ("Hizbullah fighters arrived.", "Hizbullah fighters", "hezbollah"),
        ("Russian jets pounded the hills.", "Russian jets", "russia-military"),
        ("Advisers from the IRGC were present.", "IRGC", "iran-military"),
        ("Liwa Fatemiyoun units deployed.", "Liwa Fatemiyoun", "liwa-fatemiyoun"),
        ("Liwa al-Quds took part.", "Liwa al-Quds", "liwa-al-quds"),
        # opposition, with transliteration variants
        ("Positions of Jeish al-Fatah fell.", "Jeish al-Fatah", "jaish-al-fatah"),
        ("Positions of Jaysh al-Fath fell.", "Jaysh al-Fath", "jaish-al-fatah"),
        ("Jaych el-Fateh withdrew.", "Jaych el-Fateh", "jaish-al-fatah"),
        ("The Army of Conquest regrouped.", "Army of Conquest", "jaish-al-fatah"),
        ("Ahrār ash-Shām fighters fled.", "Ahrār ash-Shām", "ahrar-al-sham"),
        ("Harakat Nour al-Din al-Zenki said so.", "Harakat Nour al-Din al-Zenki", "nour-al-din-al-zenki"),
        ("Faylaq al-Sham mortars hit the road.", "Faylaq al-Sham", "faylaq-al-sham"),
        ("Jaish al-Islam withdrew from the suburb.", "Jaish al-Islam", "jaish-al-islam"),
        ("Feilaq al-Rahman fighters surrendered.", "Feilaq al-Rahman", "failaq-al-rahman"),
        ("The National Liberation Front denied it.", "National Liberation Front", "nlf"),
        ("Turkish-backed rebels entered the town.", "Turkish-backed rebels", "sna"),
        ("The Free Syrian Army claimed the attack.", "Free Syrian Army", "fsa"),
        # the Nusra lineage: one organisation under every name, in either word order
        ("Jabhat al-Nusra attacked the post.", "Jabhat al-Nusra", "hts"),
        ("The al-Nosra Front attacked the post.", "al-Nosra Front", "hts"),
        ("The Nusra Front attacked the post.", "Nusra Front", "hts"),
        ("Fatah al-Sham Front attacked the post.", "Fatah al-Sham Front", "hts"),
        ("Jabhat Fateh al-Sham attacked the post.", "Jabhat Fateh al-Sham", "hts"),
        ("Hay'at Tahrir al-Sham attacked the post.", "Hay'at Tahrir al-Sham", "hts"),
        ("Hayyat Tahreer al-Shaam attacked the post.", "Hayyat Tahreer al-Shaam", "hts"),
        ("HAYAT TAHRIR AL-SHAM attacked the post.", "HAYAT TAHRIR AL-SHAM", "hts"),
        ("The HTS attacked the post.", "HTS", "hts"),
        # Islamic State, Kurdish forces, foreign forces, non-combatants
        ("Daesh claimed the bombing.", "Daesh", "islamic-state"),
        ("The IS cell was dismantled.", "IS", "islamic-state"),
        ("The YPG shelled the village.", "YPG", "ypg"),
        ("The Syrian Democratic Forces advanced.", "Syrian Democratic Forces", "sdf"),
        ("Asayish patrols were ambushed.", "Asayish", "asayish"),
        ("Turkish drones struck a car.", "Turkish drones", "turkey-military"),
        ("American warplanes bombed the bridge.", "American warplanes", "us-military"),
        ("The US-led coalition denied it.", "US-led coalition", "us-led-coalition"),
        ("Israeli jets struck the airport.", "Israeli jets", "israel-military"),
        ("Three civilians were wounded.", "civilians", "civilians"),
        ("Protesters gathered in the square.", "Protesters", "protesters"),
        ("Unidentified gunmen opened fire.", "Unidentified gunmen", UNIDENTIFIED),
        ("A bomb planted by unidentified individuals exploded.", "unidentified individuals", UNIDENTIFIED),
        ("Unknown perpetrators shot the officer.", "Unknown perpetrators", UNIDENTIFIED),
        # the opposition's word for the regime's forces
        ("A bomb hit a vehicle of Assad’s militia.", "Assad’s militia", "syria-military"),
        ("Assad militias shelled the town.", "Assad militias", "syria-military"),
    ],
)
def test_a_name_resolves_to_its_actor(table: ActorTable, sentence: str, mention: str, actor_id: str) -> None:
    found = only(table, sentence)
    assert (found.text, found.actor_id, found.generic) == (mention, actor_id, False)
    assert sentence[found.start : found.end] == mention


@pytest.mark.parametrize(
    "sentence",
    [
        "The Syrian economy shrank.",  # "Syrian" alone is no actor
        "Aleppo and Idlib were quiet.",  # places are no actors
        "This is what it is.",  # "is" is not IS
        "Jeff and Ahmad met in Damascus.",  # short words do not fold into acronyms or names
        "The government said talks would resume.",  # "government" alone is no armed actor
    ],
)
def test_ordinary_words_are_no_actors(table: ActorTable, sentence: str) -> None:
    assert table.find(sentence) == []


def test_longest_match_wins_and_mentions_do_not_overlap(table: ActorTable) -> None:
    text = "The Free Syrian Army and the Turkish army clashed with the army."
    found = [(m.text, m.actor_id) for m in table.find(text)]
    assert found == [
        ("Free Syrian Army", "fsa"),
        ("Turkish army", "turkey-military"),
        ("army", "syria-military"),
    ]


def test_a_name_never_runs_across_punctuation(table: ActorTable) -> None:
    found = [m.text for m in table.find("Syrian army, allies and Russian (jets) advanced.")]
    assert found == ["Syrian army", "jets"]  # not "Russian jets"; "jets" alone is a label for aircraft


def test_possessive_is_not_part_of_the_name(table: ActorTable) -> None:
    assert only(table, "Jaish al-Fatah's depots burned.").text == "Jaish al-Fatah"


def test_bare_army_is_the_syrian_army_even_in_army_reports(table: ActorTable) -> None:
    # Documented choice: the caller tells a source ("Army reports said") from an actor.
    assert only(table, "Army reports said the road was cut.").actor_id == "syria-military"


@pytest.mark.parametrize(
    ("sentence", "mention", "actor_id"),
    [
        ("Jabhat al-Turab fighters held out.", "Jabhat al-Turab", "unlisted:jabhat-al-turab"),
        ("The army hit the al-Torab Front.", "al-Torab Front", "unlisted:jabhat-al-turab"),
        ("Liwa Suqur al-Jabal withdrew.", "Liwa Suqur al-Jabal", "unlisted:liwa-suqur-al-jabal"),
    ],
)
def test_unlisted_named_groups_are_kept_by_rule(
    table: ActorTable, sentence: str, mention: str, actor_id: str
) -> None:
    found = [m for m in table.find(sentence) if not m.actor_id.startswith("syria")]
    assert [(m.text, m.actor_id) for m in found] == [(mention, actor_id)]
    ref = table.ref(found[0])
    assert (ref.name, ref.side, ref.category) == (mention, "unknown", "Rebel group")


def test_default_table_has_no_alias_claimed_by_two_actors(table: ActorTable) -> None:
    assert table.conflicts == []


# ------------------------------------------------------------------------------------ names at a date


@pytest.mark.parametrize(
    ("on", "name"),
    [
        (dt.date(2014, 5, 1), "Jabhat al-Nusra"),
        (dt.date(2016, 7, 27), "Jabhat al-Nusra"),
        (dt.date(2016, 7, 28), "Jabhat Fateh al-Sham"),
        (dt.date(2016, 12, 10), "Jabhat Fateh al-Sham"),
        (dt.date(2017, 1, 28), "Hayat Tahrir al-Sham"),
        (dt.date(2019, 6, 1), "Hayat Tahrir al-Sham"),
        (None, "Hayat Tahrir al-Sham"),
    ],
)
def test_the_nusra_lineage_has_the_name_in_force_at_a_date(
    table: ActorTable, on: dt.date | None, name: str
) -> None:
    assert table.name_at("hts", on) == name


def test_an_old_name_in_a_late_report_resolves_to_the_current_name(table: ActorTable) -> None:
    ref = table.ref(only(table, "Al-Nusra fighters shelled the town."), on=dt.date(2018, 3, 1))
    assert (ref.actor_id, ref.name, ref.label, ref.side) == (
        "hts",
        "Hayat Tahrir al-Sham",
        "Al-Nusra",
        "jihadist",
    )


@pytest.mark.parametrize(
    ("actor_id", "name", "side", "category", "parent"),
    [
        ("syria-military", "Military Forces of Syria", "government", "State forces", None),
        ("ndf", "National Defence Forces", "government", "Political militia", "syria-military"),
        ("jaish-al-fatah", "Jaish al-Fatah", "opposition", "Rebel group", None),
        ("turkey-military", "Military Forces of Turkey", "turkey", "External/Other forces", None),
        ("civilians", "Civilians (Syria)", "civilians", "Civilians", None),
    ],
)
def test_actor_records(
    table: ActorTable, actor_id: str, name: str, side: str, category: str, parent: str
) -> None:
    actor = table.get(actor_id)
    assert (actor.name, actor.side, actor.category, actor.parent) == (name, side, category, parent)
    assert table.name_at(actor_id, dt.date(2016, 1, 1)) == name


# ------------------------------------------------------------------------------------ generic labels


@pytest.mark.parametrize(
    "label",
    [
        "terrorists",
        "terrorist groups",
        "Takfiris",
        "Takfiri groups",
        "militants",
        "insurgents",
        "extremists",
        "gunmen",
        "jihadists",
        "armed groups",
        "mercenaries",
    ],
)
def test_generic_labels_are_found_as_generic(table: ActorTable, label: str) -> None:
    found = only(table, f"The {label} fled the area.")
    assert (found.text, found.actor_id, found.generic) == (label, UNIDENTIFIED, True)


@pytest.mark.parametrize(
    "label", ["rebels", "opposition forces", "Syrian opposition fighters", "rebel fighters"]
)
def test_opposition_labels_stand_for_the_opposition_rebels_when_no_group_is_named(
    table: ActorTable, label: str
) -> None:
    found = only(table, f"The {label} fled the area.")
    assert (found.text, found.actor_id, found.generic) == (label, "opposition-rebels", True)
    resolved = table.resolve_generic(found, [])
    assert (resolved.name, resolved.side, resolved.label) == (
        "Opposition Rebels (Syria)",
        "opposition",
        label,
    )


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        # a named group in the same sentence, before or after the label
        ("Jaish al-Islam shelled the town and the militants then withdrew.", "militants", "jaish-al-islam"),
        ("The terrorists of Jaysh al-Izza fled.", "terrorists", "jaish-al-izza"),
        # the previous sentence names the group
        ("Ahrar al-Sham attacked at dawn. By noon the rebels had lost the hill.", "rebels", "ahrar-al-sham"),
        # the nearest named group wins; government forces and civilians never stand for the label
        (
            "Daesh and later Jabhat al-Nusra held it. Syrian troops and civilians saw the Takfiris flee.",
            "Takfiris",
            "hts",
        ),
        # no named group nearby: the unidentified armed group
        ("Syrian troops killed several terrorists near the bridge.", "terrorists", UNIDENTIFIED),
    ],
)
def test_generic_label_resolves_to_nearby_named_group(
    table: ActorTable, text: str, label: str, expected: str
) -> None:
    mentions = table.find(text)
    generic = next(m for m in mentions if m.generic and m.text == label)
    sentence_start = text.rfind(". ", 0, generic.start) + 2 if ". " in text[: generic.start] else 0
    ref = table.resolve_generic(
        generic, [m for m in mentions if m is not generic], sentence=(sentence_start, len(text))
    )
    assert (ref.actor_id, ref.label) == (expected, label)
    assert ref.span is not None and (ref.span.start, ref.span.end) == (generic.start, generic.end)


def test_same_sentence_group_is_preferred_to_a_nearer_one_before_it(table: ActorTable) -> None:
    text = "Jaish al-Islam was routed. Later the militants of Faylaq al-Sham retreated."
    mentions = table.find(text)
    generic = next(m for m in mentions if m.generic)
    ref = table.resolve_generic(generic, mentions, sentence=(27, len(text)))
    assert ref.actor_id == "faylaq-al-sham"


def test_far_away_group_is_not_used(table: ActorTable) -> None:
    text = "Jaish al-Islam was routed." + " The day was long." * 40 + " The militants retreated."
    mentions = table.find(text)
    generic = next(m for m in mentions if m.generic)
    assert table.resolve_generic(generic, mentions).actor_id == UNIDENTIFIED


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        # the report names one armed group, far away or later: the label is that group
        (" Jaish al-Islam was routed.", "jaish-al-islam"),
        # two groups: no telling which
        (" Jaish al-Islam and Faylaq al-Sham were routed.", UNIDENTIFIED),
    ],
)
def test_a_label_far_from_any_group_is_the_reports_only_group(
    table: ActorTable, tail: str, expected: str
) -> None:
    text = "The militants retreated." + " The day was long." * 40 + tail
    mentions = table.find(text)
    generic = next(m for m in mentions if m.generic)
    assert table.resolve_generic(generic, [], report=mentions).actor_id == expected


def test_resolving_a_named_mention_returns_its_own_actor(table: ActorTable) -> None:
    mention = only(table, "Jaish al-Islam shelled the town.")
    assert table.resolve_generic(mention, []).actor_id == "jaish-al-islam"


# ------------------------------------------------------------------------------------ user extension file


def test_a_user_file_adds_actors_and_wins_clashes(table: ActorTable, tmp_path: Path) -> None:
    user_file = tmp_path / "my-actors.toml"
    user_file.write_text(
        """
[generic]
labels = ["bandits"]

[[actors]]
id = "liwa-al-baqir"
name = "Liwa al-Baqir"
side = "government"
category = "Political militia"
parent = "syria-military"
aliases = ["Baqir Brigade"]

[[actors]]
id = "my-army"
name = "My Army"
side = "government"
category = "State forces"
aliases = ["Syrian army"]
""",
        encoding="utf-8",
    )
    extended = table.with_file(user_file)
    found = {
        m.text: (m.actor_id, m.generic) for m in extended.find("Liwa al-Baqir, bandits and the Syrian army.")
    }
    assert found == {
        "Liwa al-Baqir": ("liwa-al-baqir", False),
        "bandits": (UNIDENTIFIED, True),
        "Syrian army": ("my-army", False),
    }
    assert extended.get("liwa-al-baqir").parent == "syria-military"
    assert table.find("the Syrian army")[0].actor_id == "syria-military"  # the default table is unchanged


def test_a_bad_side_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[actors]]\nid = "x"\nname = "X"\nside = "rebels"\ncategory = "Rebel group"\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match="side"):
        ActorTable.from_file(bad)


def test_an_undated_report_names_a_group_as_it_wrote_it(table: ActorTable) -> None:
    [mention] = [m for m in table.find("Jabhat al-Nusra attacked the town.") if not m.generic]
    assert table.ref(mention, None).name == "Jabhat al-Nusra"
    assert table.ref(mention, dt.date(2019, 1, 1)).name == "Hayat Tahrir al-Sham"


def test_aircraft_without_a_nationality_stand_only_for_a_state(table: ActorTable) -> None:
    text = "Rebels of Jaish al-Islam held the hill as warplanes bombed it."
    mentions = table.find(text)
    generic = next(m for m in mentions if m.text == "warplanes")
    assert generic.generic
    # a named rebel group nearby is never what "warplanes" stands for: the Syrian military flies them
    assert table.resolve_generic(generic, mentions, sentence=(0, len(text))).actor_id == "syria-military"
    turkish = "Turkish troops shelled the hill, and warplanes bombed it."
    found = table.find(turkish)
    label = next(m for m in found if m.text == "warplanes")
    assert table.resolve_generic(label, found, sentence=(0, len(turkish))).actor_id == "turkey-military"


def test_a_name_after_anti_names_its_enemy_not_the_actor(table: ActorTable) -> None:
    found = [(m.text, m.actor_id) for m in table.find("The anti-IS group said IS fighters fled the town.")]
    assert found == [("IS", "islamic-state")]  # only the fighters; "anti-IS" is not the Islamic State


def test_a_state_by_name_is_its_armed_forces(table: ActorTable) -> None:
    assert table.state_forces("Israel") == "israel-military"
    assert table.state_forces("the  United States") == "us-military"
    assert table.state_forces("Aleppo") is None
    assert (
        table.find("Israel struck the airport.") == []
    )  # a name is no mention: only as a doer (actor_pairs)
