"""Specification of the hand-written places of curated-places.csv: the neighbourhoods of Syria's cities, the
Ghouta towns and the war's sites, and that their names resolve to them rather than to namesakes far away."""

from __future__ import annotations

import math

import pytest

from frontlines.resolve.gazetteer import Gazetteer, Place
from frontlines.resolve.geocode import geocode, mentions_of

POPULATED = {"city", "town", "community"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default().build()


def _km(a: Place, b: Place) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p = math.pi / 180
    h = (
        math.sin((b.lat - a.lat) * p / 2) ** 2
        + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


def _curated(gaz: Gazetteer, prefix: str) -> list[Place]:
    return [p for p in gaz if p.id.startswith(prefix) and p.coord_source == "curated"]


def _best(gaz: Gazetteer, name: str) -> Place:
    found = gaz.candidates(name)
    assert found, name
    return found[0][0]


@pytest.mark.parametrize(
    ("name", "admin1", "kind"),
    [("Jobar", "Damascus", "neighbourhood"), ("Tadamon", "Damascus", "neighbourhood"),
     ("Kafr Sousa", "Damascus", "neighbourhood"), ("al-Waer", "Homs", "neighbourhood"),
     ("Baba Amr", "Homs", "neighbourhood"), ("Inshaat", "Homs", "neighbourhood"),
     ("Zamalka", "Rural Damascus", "town"), ("Sakba", "Rural Damascus", "town"),
     ("Muadamiyat al-Sham", "Rural Damascus", "town"), ("Moadamiyeh", "Rural Damascus", "town"),
     ("Yalda", "Rural Damascus", "town"), ("Beit Sahm", "Rural Damascus", "town"),
     ("Jisrin", "Rural Damascus", "town"), ("Sayyida Zeinab", "Rural Damascus", "town"),
     ("Daraa al-Balad", "Dara", "neighbourhood"), ("Tariq al-Bab", "Aleppo", "neighbourhood"),
     ("al-Jazmati", "Aleppo", "neighbourhood"), ("Baghouz", "Deir-ez-Zor", "community"),
     ("Baghuz", "Deir-ez-Zor", "community"), ("Tishrin Dam", "Aleppo", "infrastructure")],
)  # fmt: skip
def test_well_known_places_of_the_war_resolve_to_their_governorate_and_kind(
    gaz: Gazetteer, name: str, admin1: str, kind: str
) -> None:
    place = _best(gaz, name)
    assert (place.admin1, place.kind) == (admin1, kind), (name, place.id)


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Qaboun", "Damascus"), ("Barzeh", "Damascus"), ("Dummar", "Damascus"), ("Hammouriyeh", "Rural Damascus"),
     ("Hamouria", "Rural Damascus"), ("Ein Tarma", "Rural Damascus"), ("Adra", "Rural Damascus"),
     ("Bab Amr", "Homs"), ("Akrama", "Homs"), ("Karm al-Shami", "Homs")],
)  # fmt: skip
def test_names_that_matched_a_namesake_far_away_now_match_the_place_meant(
    gaz: Gazetteer, name: str, admin1: str
) -> None:
    assert _best(gaz, name).admin1 == admin1


@pytest.mark.parametrize(
    ("name", "pid"),
    [("Daraa", "geonames:170905"), ("Deraa", "geonames:170905"), ("Douma", "geonames:170592"),
     ("Qusayr", "geonames:173322"), ("Hama", "geonames:170017"), ("Kafr Batna", "geonames:168713"),
     ("Babbila", "geonames:171998"), ("Qudsaya", "geonames:166251")],
)  # fmt: skip
def test_the_new_places_take_no_name_from_the_places_news_mean_by_it(
    gaz: Gazetteer, name: str, pid: str
) -> None:
    assert _best(gaz, name).id == pid


def test_each_neighbourhood_lies_in_its_city(gaz: Gazetteer) -> None:
    hoods = _curated(gaz, "nb:")
    assert len(hoods) >= 60
    for hood in hoods:
        assert hood.kind == "neighbourhood" and hood.admin3_pcode, hood.id
        city = min(
            (
                p
                for p in gaz
                if p.kind in POPULATED and p.admin3_pcode == hood.admin3_pcode and p.lat is not None
            ),
            key=lambda p: _km(hood, p),
        )
        assert _km(hood, city) <= 8.0, (hood.id, city.id)


def test_each_curated_place_lies_near_places_of_its_governorate(gaz: Gazetteer) -> None:
    places = [p for p in gaz if p.coord_source == "curated" and p.kind in {"neighbourhood", "town"}]
    known = [p for p in gaz if p.kind in POPULATED and p.coord_source != "curated" and p.lat is not None]
    for place in places:
        assert place.source.startswith("curated: approximate centre of"), place.id
        assert place.precision in (1, 2), place.id
        nearest = min((p for p in known if p.admin1_pcode == place.admin1_pcode), key=lambda p: _km(place, p))
        assert _km(place, nearest) <= 10.0, (place.id, nearest.id)


def test_a_report_of_a_damascus_district_puts_it_in_damascus(gaz: Gazetteer) -> None:
    text = "Rebels fired mortars at the Qaboun and Barzeh districts of Damascus, and the army shelled Jobar."
    refs = geocode(text, mentions_of(text, ["Qaboun", "Barzeh", "Jobar"]), gaz)
    assert [(r.place_id, r.geo_precision) for r in refs] == [
        ("nb:damascus-qaboun", 1),
        ("nb:damascus-barzeh", 1),
        ("nb:damascus-jobar", 1),
    ]


def test_a_neighbourhood_outside_the_town_the_text_puts_it_in_is_not_taken(gaz: Gazetteer) -> None:
    text = "A mortar shell fell on the al-Midan quarter of Tadef."
    (ref,) = geocode(text, mentions_of(text, ["al-Midan"]), gaz)
    assert ref.place_id is None and ref.place_name == "Tadaf" and ref.geo_precision == 2
    text = "A mortar shell fell on the al-Midan quarter of Damascus."
    (ref,) = geocode(text, mentions_of(text, ["al-Midan"]), gaz)
    assert ref.place_id == "nb:damascus-midan"
