"""Specification of the nationwide gazetteer and its world layer: countries, places abroad, regions, demonyms.

The gazetteer is the package one (places-merged.csv, curated and world rows, demonyms)."""

from __future__ import annotations

from collections import Counter

import pytest

from frontlines.resolve.gazetteer import Gazetteer, Place, is_foreign
from frontlines.resolve.gazetteer_files import package_places
from frontlines.resolve.geocode import geocode, mentions_of


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def _best(gaz: Gazetteer, name: str) -> Place:
    found = gaz.candidates(name)
    assert found, f"{name!r} matched nothing"
    return found[0][0]


@pytest.mark.parametrize(
    ("word", "country"),
    [("Syrian", "country:SY"), ("Syrians", "country:SY"), ("Turkish", "country:TR"), ("Turks", "country:TR"),
     ("Lebanese", "country:LB"), ("Iraqi", "country:IQ"), ("Iranian", "country:IR"), ("Russian", "country:RU"),
     ("Jordanian", "country:JO"), ("Israeli", "country:IL"), ("American", "country:US"), ("syrian", "country:SY")],
)  # fmt: skip
def test_a_demonym_names_its_country(gaz: Gazetteer, word: str, country: str) -> None:
    place = gaz.demonym(word)
    assert place is not None and place.id == country and place.kind == "country"
    assert gaz.is_demonym(word)


@pytest.mark.parametrize("word", ["Kurdish", "Kurds", "Alawite", "Druze", "Sunni", "Arab", "Turkmen"])
def test_a_people_without_a_country_is_a_demonym_of_no_country(gaz: Gazetteer, word: str) -> None:
    assert gaz.is_demonym(word)
    assert gaz.demonym(word) is None


@pytest.mark.parametrize("word", ["Syrian", "Syrians", "Turkish", "Lebanese", "Iraqi", "Kurdish", "Russian"])
def test_a_demonym_is_never_a_place_name(gaz: Gazetteer, word: str) -> None:
    assert gaz.candidates(word) == []  # "Syrian" used to resolve to the village of Suran
    assert not gaz.is_place_name(word)


@pytest.mark.parametrize("word", ["Aleppo", "Khanasir", "Turkey", ""])
def test_place_names_are_no_demonyms(gaz: Gazetteer, word: str) -> None:
    assert not gaz.is_demonym(word) and gaz.demonym(word) is None


@pytest.mark.parametrize(
    ("name", "pid"),
    [("Syria", "country:SY"), ("Turkey", "country:TR"), ("Türkiye", "country:TR"), ("Lebanon", "country:LB"),
     ("Iraq", "country:IQ"), ("Jordan", "country:JO"), ("Israel", "country:IL"), ("Iran", "country:IR"),
     ("Russia", "country:RU"), ("United States", "country:US"), ("Qatar", "country:QA"),
     ("Saudi Arabia", "country:SA")],
)  # fmt: skip
def test_country_names_resolve_to_the_country(gaz: Gazetteer, name: str, pid: str) -> None:
    place = _best(gaz, name)
    assert (place.id, place.kind) == (pid, "country")
    assert gaz.is_foreign(place) == (pid != "country:SY")


def test_a_country_wins_a_tie_with_a_village_of_its_name(gaz: Gazetteer) -> None:
    found = gaz.candidates("Qatar")  # also a village of Aleppo governorate (OCHA C1232)
    assert [p.id for p, _, _ in found[:2]] == ["country:QA", "C1232"]
    assert found[0][1] == found[1][1] == 1.0


@pytest.mark.parametrize(
    ("name", "country"),
    [("Beirut", "LB"), ("Tripoli", "LB"), ("Gaziantep", "TR"), ("Kilis", "TR"), ("Reyhanli", "TR"),
     ("Mosul", "IQ"), ("Baghdad", "IQ"), ("Amman", "JO"), ("Tehran", "IR"), ("Moscow", "RU"), ("Geneva", "CH"),
     ("Arsal", "LB")],
)  # fmt: skip
def test_cities_abroad_are_foreign(gaz: Gazetteer, name: str, country: str) -> None:
    place = _best(gaz, name)
    assert (place.kind, place.country) == ("foreign_city", country)
    assert gaz.is_foreign(place) and place.admin1_pcode is None


@pytest.mark.parametrize(
    ("name", "pid", "foreign"),
    [("Middle East", "world:middle-east", True), ("the Middle East", "world:middle-east", True),
     ("Bekaa Valley", "region:bekaa", True), ("Iraqi Kurdistan", "region:iraqi-kurdistan", True),
     ("Golan Heights", "region:golan", False), ("Eastern Ghouta", "region:eastern-ghouta", False),
     ("Ghouta", "region:eastern-ghouta", False), ("Wadi Barada", "region:wadi-barada", False),
     ("Jabal al-Zawiya", "region:jabal-al-zawiya", False), ("Qalamoun", "region:qalamoun", False),
     ("Jazira", "region:jazira", False), ("Hawran", "region:hawran", False), ("Ghab plain", "region:ghab", False)],
)  # fmt: skip
def test_regions_resolve_with_their_scope(gaz: Gazetteer, name: str, pid: str, foreign: bool) -> None:
    place = _best(gaz, name)
    assert place.id == pid
    assert place.kind in {"region", "foreign_region", "world_region"}
    assert gaz.is_foreign(place) is foreign


def test_a_place_without_a_country_is_syrian() -> None:
    place = Place("X", "X", None, (), "community", None, None, None, None, None, None, None, None, "", "")
    assert place.country == "SY" and not is_foreign(place)


def test_every_governorate_has_villages(gaz: Gazetteer) -> None:
    populated = Counter(
        p.admin1_pcode for p in gaz if p.kind in {"community", "town", "city"} and p.country == "SY"
    )
    assert {f"SY{i:02d}" for i in range(1, 15)} <= set(populated)
    thin = {code: n for code, n in populated.items() if code and n < 25 and code != "SY01"}
    assert not thin, thin  # Damascus city is one city: its districts are neighbourhoods


def test_every_seed_id_is_kept(gaz: Gazetteer) -> None:
    from frontlines.resolve.gazetteer_files import data_dir, read_places

    seed = read_places([data_dir().joinpath("syria-places.csv").read_text(encoding="utf-8")])
    assert len(seed) == 2631
    assert all(gaz.get(p.id) is not None for p in seed)


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Kafr Nabudah", "Hama"), ("Jasim", "Dara"), ("Tall Rif'at", "Aleppo"), ("Kafr Nubl", "Idleb"),
     ("Ma'arrat al-Nu'man", "Idleb")],
)  # fmt: skip
def test_villages_of_every_governorate_resolve(gaz: Gazetteer, name: str, admin1: str) -> None:
    found = gaz.candidates(name)
    assert any(p.admin1 == admin1 and s >= 0.9 for p, s, _ in found), [
        (p.id, p.admin1, s) for p, s, _ in found
    ]


def test_same_name_several_places_are_kept_apart(gaz: Gazetteer) -> None:
    jasim = [
        p for p, s, _ in gaz.candidates("Jasim") if s >= 0.97 and p.kind in {"community", "town", "city"}
    ]
    assert {p.admin1 for p in jasim} >= {"Dara", "Deir-ez-Zor"}
    assert len({p.id for p in jasim}) == len(jasim)


def test_supplement_places_say_their_admin_units_are_approximate() -> None:
    wiki = [p for p in package_places() if p.id.startswith("wiki:")]
    assert len(wiki) > 4000
    assert all(p.coord_source == "wikipedia" and "approximate" in p.source and p.admin3_pcode for p in wiki)
    assert len({p.id for p in wiki}) == len(wiki)


def test_seed_villages_known_by_their_centroid_get_the_supplement_point() -> None:
    place = Gazetteer.default().get("C1100")  # Little Bweideh: OCHA gives only its subdistrict's centroid
    assert place is not None and place.coord_source == "wikipedia"
    assert "Buwaydah as Saghirah" in place.alt_names
    assert abs((place.lat or 0) - 35.937) < 0.001 and abs((place.lon or 0) - 37.211) < 0.001


def test_a_seed_id_wins_a_tie_with_a_supplement_place_at_the_same_spot() -> None:
    def village(pid: str, source: str) -> Place:
        return Place(pid, "Qzwxrt", None, (), "community", "Aleppo", "SY02", None, None, "K", "SY020701",
                     35.7, 37.6, source, source)  # fmt: skip

    gaz = Gazetteer.default().with_places([village("C9999", "geonames"), village("wiki:qzwxrt", "wikipedia")])
    assert [p.id for p, _, _ in gaz.candidates("Qzwxrt")] == ["C9999", "wiki:qzwxrt"]
    [ref] = geocode("The army took Qzwxrt.", mentions_of("The army took Qzwxrt.", ["Qzwxrt"]), gaz)
    assert ref.place_id == "C9999"


def test_a_syrian_place_wins_over_a_foreign_one_spelled_alike(gaz: Gazetteer) -> None:
    found = gaz.candidates("an-Nu'maniyah")  # also An Nu'maniyah, a town of Iraq
    assert found[0][0].id == "C1054"
    abroad = [(p, s) for p, s, _ in found if p.kind == "foreign_city"]
    assert abroad and abroad[0][1] < found[0][1]


def test_a_report_naming_a_foreign_city_resolves_it_abroad(gaz: Gazetteer) -> None:
    text = "Turkish artillery in Kilis shelled Azaz."
    refs = geocode(text, mentions_of(text, ["Kilis", "Azaz"]), gaz)
    kilis, azaz = (gaz.get(r.place_id or "") for r in refs)
    assert kilis is not None and kilis.country == "TR" and gaz.is_foreign(kilis)
    assert azaz is not None and azaz.admin1 == "Aleppo" and not gaz.is_foreign(azaz)


@pytest.mark.parametrize(
    "word", ["This", "Both", "Air", "Led", "One", "Some", "Jewish", "Al-Qaeda", "Sunday"]
)
def test_short_words_that_sound_like_some_village_are_no_place_names(gaz: Gazetteer, word: str) -> None:
    assert not gaz.is_place_name(word), gaz.candidates(word)[:2]


@pytest.mark.parametrize(
    "name",
    ["Nawa", "Kafr Nabudah", "Boweizeh Saqireh", "Kafr Nubl", "Beirut", "Turkey", "Middle East", "Akcakale"],
)
def test_spellings_of_places_at_home_and_abroad_are_place_names(gaz: Gazetteer, name: str) -> None:
    assert gaz.is_place_name(name)
