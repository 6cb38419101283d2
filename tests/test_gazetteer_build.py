"""Specification of the gazetteer build: how the seed, the Wikipedia supplement and GeoNames rows become one
place per real place (frontlines.resolve.gazetteer_build / gazetteer_merge). Inputs are written here."""

from __future__ import annotations

from dataclasses import replace

import pytest

from frontlines.resolve.gazetteer_build import (
    Matcher,
    Subdistricts,
    agrees_with_arabic,
    assign_ids,
    parse_label,
    supplement_points,
)
from frontlines.resolve.gazetteer_files import Demonym
from frontlines.resolve.gazetteer_loaders import GEONAMES_COLUMNS
from frontlines.resolve.gazetteer_merge import Sources, merge, select_foreign
from frontlines.resolve.gazetteer_records import Place

QUALIFIERS = frozenset({"dara", "hama", "bab", "alepu", "sarin"})  # canonical spellings (placenames.name_key)


@pytest.mark.parametrize(
    ("label", "names"),
    [("Uwayshiyah/Ayashia", ("Uwayshiyah", "Ayashia")),
     ("Kobanî (Ayn al-Arab)", ("Kobanî", "Ayn al-Arab")),
     ("Al Qusayr (Daraa)", ("Al Qusayr",)),
     ("Dana (al-Bab)", ("Dana",)),
     ("Ra’s al ‘Ayn (Sarrin)", ("Ra’s al ‘Ayn",)),  # near Sarrin: Sarrin is a town of its own
     ("Afrin (village near Aleppo)", ("Afrin",)),
     ("Abu Duhur Mountain (1006)", ("Abu Duhur Mountain",)),
     ("Aleppo International Airport & Nayrab Airbase", ("Aleppo International Airport", "Nayrab Airbase")),
     ("Tiyas T-4 Airbase", ("Tiyas T-4 Airbase",)),
     ("Air Defense Base", ()), ("Brigade 82", ()), ("Syrian Army fortification", ()), ("Hill 500 (al-Bab)", ()),
     ("Production Facility", ()), ("121st Artillery Regiment", ())],
)  # fmt: skip
def test_a_label_gives_its_names_and_a_description_none(label: str, names: tuple[str, ...]) -> None:
    assert parse_label(label, QUALIFIERS) == names


def test_supplement_kinds() -> None:
    rows = [
        {"name": "Kafr Qzwxrt", "lat": "35.0", "lon": "37.0", "admin1_nearest": "Hama", "kind": "populated place"},
        {"name": "Tall Qzwxrt", "lat": "35.0", "lon": "37.0", "admin1_nearest": "Hama", "kind": "hill"},
        {"name": "Qzwxrt Airbase", "lat": "35", "lon": "37", "admin1_nearest": "Hama",
         "kind": "airport or air base"},
        {"name": "Qzwxrt Oil Field", "lat": "35", "lon": "37", "admin1_nearest": "Hama", "kind": "oil or gas field"},
        {"name": "Qzwxrt Border Crossing", "lat": "35", "lon": "37", "admin1_nearest": "Hama",
         "kind": "populated place"},
        {"name": "Air Defense Base", "lat": "35", "lon": "37", "admin1_nearest": "Hama", "kind": "military base"},
        {"name": "Qzwxrt", "lat": "35", "lon": "37", "admin1_nearest": "Hama", "kind": "volcano"},
    ]  # fmt: skip
    kinds = [p.kind for p in supplement_points(rows, QUALIFIERS)]
    assert kinds == ["community", "mountain", "military_site", "infrastructure", "infrastructure"]


def _place(pid: str, name: str, lat: float, lon: float, **kw: object) -> Place:
    fields: dict = dict(
        id=pid, name=name, name_ar=None, alt_names=(), kind="community", admin1="Aleppo", admin1_pcode="SY02",
        admin2="Jebel Saman", admin2_pcode="SY0200", admin3="Unit A", admin3_pcode="SY020001", lat=lat, lon=lon,
        coord_source="geonames", source="seed",
    )  # fmt: skip
    fields.update(kw)
    return Place(**fields)


UNIT_A = _place("SY020001", "Unit A", 36.0, 37.0, kind="subdistrict", coord_source="centroid")
UNIT_B = _place("SY020002", "Unit B", 36.5, 37.5, kind="subdistrict", admin3="Unit B", admin3_pcode="SY020002",
                coord_source="centroid")  # fmt: skip
CENTROID_ONLY = _place(
    "C1", "Little Bweideh", 36.0, 37.0, name_ar="بويضة صغيرة", coord_source="subdistrict-centroid"
)
OWN_POINT = _place("C2", "Khanasir", 36.1, 37.1)


@pytest.fixture
def matcher() -> Matcher:
    places = [UNIT_A, UNIT_B, CENTROID_ONLY, OWN_POINT]
    return Matcher(places, Subdistricts(places))


@pytest.mark.parametrize(
    ("names", "kind", "lat", "lon", "same"),
    [(("Khanaser",), "community", 36.15, 37.1, ["C2"]),  # another spelling, 5.6 km off its own point
     (("Khanaser",), "community", 36.3, 37.1, []),  # 22 km off: another place of that name
     (("Khanaser",), "mountain", 36.1, 37.1, []),  # a hill is not a village
     (("Jabal Khanasir",), "community", 36.1, 37.1, []),  # never through the "Jabal X -> X" rule
     (("Buwaydah as-Saghirah",), "community", 36.2, 37.05, ["C1"]),  # 22 km from its subdistrict centroid
     (("Buwaydah al-Kabirah",), "community", 36.2, 37.05, []),  # big is not little
     (("Buwaydah as-Saghirah",), "community", 36.55, 37.55, [])],  # nearer another subdistrict, 75 km off
)  # fmt: skip
def test_a_point_is_the_same_place_by_name_and_distance(
    matcher: Matcher, names: tuple[str, ...], kind: str, lat: float, lon: float, same: list[str]
) -> None:
    assert [p.id for p in matcher.same_places(names, kind, lat, lon)] == same


def test_new_places_get_stable_readable_ids() -> None:
    places = [
        _place("", "Jasim", 35.5, 40.7, admin1="Deir-ez-Zor"),
        _place("", "Jasim", 32.9, 36.0, admin1="Dara"),
        _place("", "Tal Qzwxrt", 35.0, 37.0),
        _place("", "Hamra", 35.0, 37.0),
        _place("", "Hamra", 35.1, 37.0),
    ]
    ids = sorted(p.id for p in assign_ids("wiki", places))
    assert ids == ["wiki:hamra-aleppo-1", "wiki:hamra-aleppo-2", "wiki:jasim-dara", "wiki:jasim-deir-ez-zor",
                   "wiki:tal-qzwxrt"]  # fmt: skip
    assert sorted(p.id for p in assign_ids("wiki", list(reversed(places)))) == ids  # order does not matter


def test_a_mistransliteration_disagrees_with_the_arabic_name() -> None:
    haritan = _place("C1130", "Haritan", 36.2, 37.0, name_ar="حريتان")
    assert agrees_with_arabic(haritan, "Huraytan")
    assert not agrees_with_arabic(haritan, "Harithan")  # would make Haritan a false friend of Hardana
    assert agrees_with_arabic(replace(haritan, name_ar=None), "Harithan")


def _geonames(gid: str, name: str, cc: str, lat: float, lon: float, population: int, code: str = "PPL",
              alts: str = "") -> dict[str, str]:  # fmt: skip
    values = [gid, name, name, alts, str(lat), str(lon), "P", code, cc, "", "09", "", "", "", str(population),
              "", "0", "Asia/X", "2020-01-01"]  # fmt: skip
    return dict(zip(GEONAMES_COLUMNS, values, strict=True))


def test_places_abroad_are_capitals_big_cities_and_border_towns() -> None:
    rows = [_geonames("1", "Qzw Capital", "FR", 48.8, 2.3, 2_000_000, "PPLC"),
            _geonames("2", "Qzw Big", "FR", 45.0, 5.0, 2_000_000),  # big, but not in the Middle East
            _geonames("3", "Qzw Big", "IQ", 33.0, 44.0, 2_000_000),
            _geonames("4", "Qzw Border", "TR", 36.75, 37.1, 600),  # 8 km from a Syrian place
            _geonames("5", "Qzw Far", "TR", 39.0, 35.0, 600),
            _geonames("6", "Qzw Village", "LB", 33.5, 35.5, 600),  # all of Lebanon
            _geonames("7", "Qzw Syrian", "SY", 36.0, 37.0, 50_000)]  # fmt: skip
    kept = select_foreign(rows, [(36.68, 37.1)])
    assert [(p.id, p.kind, p.country) for p in kept] == [
        ("geonames:1", "foreign_city", "FR"), ("geonames:3", "foreign_city", "IQ"),
        ("geonames:4", "foreign_city", "TR"), ("geonames:6", "foreign_city", "LB")]  # fmt: skip


def test_merge_keeps_seed_ids_improves_their_points_and_adds_new_places() -> None:
    seed = [
        UNIT_A,
        UNIT_B,
        CENTROID_ONLY,
        OWN_POINT,
        _place("geonames:42", "Qzwtown", 36.4, 37.4, kind="town"),
    ]
    supplement = [
        {"name": "Buwaydah as-Saghirah", "lat": "36.2", "lon": "37.05", "admin1_nearest": "Aleppo",
         "kind": "populated place"},
        {"name": "Qzwxrt Fawqani", "lat": "36.45", "lon": "37.45", "admin1_nearest": "Aleppo",
         "kind": "populated place"},
        {"name": "Qzwxrt Fawqani", "lat": "36.451", "lon": "37.45", "admin1_nearest": "Aleppo",
         "kind": "populated place"},  # twice
        {"name": "Air Defense Base", "lat": "36.3", "lon": "37.3", "admin1_nearest": "Aleppo", "kind": "military base"},
        {"name": "Qzw Airbase", "lat": "36.0", "lon": "37.0", "admin1_nearest": "Aleppo",
         "kind": "airport or air base"},
    ]  # fmt: skip
    curated = [_place("mil:qzw", "Qzw Airbase", 36.001, 37.0, kind="military_site", source="curated")]
    geonames = [_geonames("42", "Qzwtown", "SY", 36.4, 37.4, 900, alts="Qzwtaun,Syrian"),
                _geonames("7", "Qzw Beirut", "LB", 33.9, 35.5, 900_000)]  # fmt: skip
    countries = [
        _place("country:SY", "Syria", 35.0, 38.5, kind="country", alt_names=("Syrian Arab Republic",))
    ]
    sources = Sources(
        seed, curated, supplement, geonames, countries, {"syrian": Demonym("Syrian", "country:SY")}
    )
    places, aliases, stats = merge(sources)
    by_id = {p.id: p for p in places}
    assert [p.id for p in places[:5]] == [p.id for p in seed]  # the seed first, in order, ids kept
    bweideh = by_id["C1"]
    assert (bweideh.lat, bweideh.lon, bweideh.coord_source) == (36.2, 37.05, "wikipedia")
    assert "Buwaydah as-Saghirah" in bweideh.alt_names and "Wikipedia" in bweideh.source
    assert by_id["geonames:42"].alt_names == ("Qzwtaun",)  # "Syrian" is a demonym: never a place's name
    new = by_id["wiki:qzwxrt-fawqani"]
    assert (new.admin3_pcode, new.admin1, new.coord_source) == ("SY020002", "Aleppo", "wikipedia")
    assert "approximate" in new.source
    assert [(a.id, a.kind, a.name) for a in aliases] == [("mil:qzw", "alias", "Qzw Airbase")]
    assert by_id["geonames:7"].kind == "foreign_city" and by_id["geonames:7"].country == "LB"
    assert stats.counts["supplement: rows naming no place (descriptions)"] == 1
    assert stats.counts["supplement: distinct points"] == 3
