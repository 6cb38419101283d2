"""Specification of source finding and outlet canonicalisation (frontlines.resolve.sources)."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.resolve.sources import SourceTable


@pytest.fixture(scope="module")
def table() -> SourceTable:
    return SourceTable.default()


@pytest.mark.parametrize(
    ("sentence", "mention", "name", "kind"),
    [
        ("SANA said the road reopened.", "SANA", "SANA", "agency"),
        ("The Syrian Arab News Agency said so.", "Syrian Arab News Agency", "SANA", "agency"),
        ("Syria's official news agency said so.", "Syria's official news agency", "SANA", "agency"),
        ("Syria’s state news agency SANA said so.", "Syria’s state news agency SANA", "SANA", "agency"),
        (
            "The Syrian Observatory for Human Rights counted 12 dead.",
            "Syrian Observatory for Human Rights",
            "SOHR",
            "monitor",
        ),
        ("The Britain-based monitor counted 12 dead.", "Britain-based monitor", "SOHR", "monitor"),
        ("The Observatory counted 12 dead.", "Observatory", "SOHR", "monitor"),
        ("Press TV reported heavy clashes.", "Press TV", "Press TV", "outlet"),
        ("The Fars News Agency reported clashes.", "Fars News Agency", "FarsNews", "agency"),
        ("Al-Masdar News reported clashes.", "Al-Masdar News", "Al-Masdar News", "outlet"),
        ("Reuters could not verify it.", "Reuters", "Reuters", "agency"),
        ("An AFP correspondent saw the smoke.", "AFP", "AFP", "agency"),
        ("The Associated Press reported it.", "Associated Press", "AP", "agency"),
        ("Turkey's Anadolu news agency said so.", "Turkey's Anadolu news agency", "Anadolu", "agency"),
        ("Sputnik quoted a source.", "Sputnik", "Sputnik", "outlet"),
        ("RT showed the footage.", "RT", "RT", "outlet"),
        ("Tasnim News Agency reported it.", "Tasnim News Agency", "Tasnim", "agency"),
        ("Al Jazeera reported it.", "Al Jazeera", "Al Jazeera", "outlet"),
        ("Al Arabiya reported it.", "Al Arabiya", "Al Arabiya", "outlet"),
        ("Enab Baladi reported it.", "Enab Baladi", "Enab Baladi", "outlet"),
        ("Step News Agency reported it.", "Step News Agency", "Step News", "agency"),
        ("Orient News reported it.", "Orient News", "Orient News", "outlet"),
        (
            "The media bureau of Syria's Operations Command said so.",
            "media bureau of Syria's Operations Command",
            "Syrian Operations Command",
            "official",
        ),
        (
            "The army's general command said so.",
            "army's general command",
            "Syrian Operations Command",
            "official",
        ),
        (
            "The Russian Defence Ministry said so.",
            "Russian Defence Ministry",
            "Russian Defence Ministry",
            "official",
        ),
        (
            "The Hmeimim reconciliation centre said so.",
            "Hmeimim reconciliation centre",
            "Russian Reconciliation Centre",
            "official",
        ),
        ("The White Helmets pulled out bodies.", "White Helmets", "White Helmets", "monitor"),
        ("The Syrian Civil Defence pulled out bodies.", "Syrian Civil Defence", "White Helmets", "monitor"),
        ("The SDF media centre said so.", "SDF media centre", "SDF Media Centre", "group-media"),
        ("Amaq claimed the attack.", "Amaq", "Amaq", "group-media"),
        ("Army reports said the road was cut.", "Army reports", "Military source", "official"),
        # local networks and monitors; a place's name is the outlet only with the word that makes it one
        (
            "The activist group Raqqa is Being Slaughtered Silently said so.",
            "Raqqa is Being Slaughtered Silently",
            "Raqqa is Being Slaughtered Silently",
            "monitor",
        ),
        ("A video posted by the Sweida24 collective showed it.", "Sweida24", "Suwayda 24", "outlet"),
        ("Lebanon's al-Mayadeen reported it.", "Lebanon's al-Mayadeen", "Al Mayadeen TV", "outlet"),
        ("Ikhbariyah TV showed the governor.", "Ikhbariyah TV", "Syrian state media", "outlet"),
        ("TASS reported it.", "TASS", "TASS", "agency"),
        (
            "The Syrian Network for Human Rights counted 12 dead.",
            "Syrian Network for Human Rights",
            "SNHR",
            "monitor",
        ),
    ],
)
def test_a_source_name_is_found(
    table: SourceTable, sentence: str, mention: str, name: str, kind: str
) -> None:
    found = table.find(sentence)
    assert [(m.text, m.name, m.kind) for m in found] == [(mention, name, kind)]
    assert sentence[found[0].start : found[0].end] == mention


@pytest.mark.parametrize(
    "sentence",
    [
        "The ap and rt keys were pressed.",  # acronyms match only in capitals
        "The road to the orient was long.",  # "Orient" alone is no outlet
        "They were sane and well.",
        "Shells fell on al-Mayadeen and Mount Qasioun.",  # places named like outlets stay places
    ],
)
def test_ordinary_words_are_no_sources(table: SourceTable, sentence: str) -> None:
    assert table.find(sentence) == []


def test_several_sources_in_one_sentence(table: SourceTable) -> None:
    text = "Press TV, citing SANA and the Observatory, said so."
    assert [m.name for m in table.find(text)] == ["Press TV", "SANA", "SOHR"]


@pytest.mark.parametrize(
    ("outlet", "canonical"),
    [
        ("Press TV", "Press TV"),
        ("PressTV", "Press TV"),
        ("presstv", "Press TV"),
        ("presstv.ir", "Press TV"),
        ("https://www.presstv.ir/Detail/2016/10/01/x.html", "Press TV"),
        ("FarsNews", "FarsNews"),
        ("Fars News Agency", "FarsNews"),
        ("english.farsnews.ir", "FarsNews"),
        ("Syrian Arab News Agency", "SANA"),
        ("sana.sy", "SANA"),
        ("AL-MASDAR NEWS", "Al-Masdar News"),
        ("aa.com.tr", "Anadolu"),
        ("  Reuters ", "Reuters"),
        ("Some Local Blog", "Some Local Blog"),  # unknown names stay themselves
        ("Syria", "Syria"),  # a country is no outlet (no domain's label may name one: "syria.tv")
        ("News", "News"),
        ("example.org", "example.org"),
    ],
)
def test_canonical_outlet_names(table: SourceTable, outlet: str, canonical: str) -> None:
    assert table.canonical(outlet) == canonical


def test_a_user_file_adds_sources(table: SourceTable, tmp_path: Path) -> None:
    user_file = tmp_path / "my-sources.toml"
    user_file.write_text(
        '[[sources]]\nid = "orontes-post"\nname = "Orontes Post"\nkind = "outlet"\n'
        'aliases = ["OPN", "Orontes Post News"]\ndomains = ["orontespost.example"]\n',
        encoding="utf-8",
    )
    extended = table.with_file(user_file)
    assert [m.name for m in extended.find("OPN and SANA disagreed.")] == ["Orontes Post", "SANA"]
    assert extended.canonical("orontespost.example") == "Orontes Post"
    assert table.canonical("orontespost.example") == "orontespost.example"


def test_a_bad_kind_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[sources]]\nid = "x"\nname = "X"\nkind = "blog"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="kind"):
        SourceTable.from_file(bad)
