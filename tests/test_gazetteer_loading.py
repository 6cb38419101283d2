"""Specification of the packaged gazetteer, user additions and the GeoNames / OCHA loaders."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.resolve.gazetteer import Gazetteer, Place, place_precision
from frontlines.resolve.gazetteer_loaders import geonames_admin1, load_geonames, load_ocha


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_default_is_cached_and_holds_seed_and_curated_rows(gaz: Gazetteer) -> None:
    assert Gazetteer.default() is gaz
    assert len(gaz) > 2631
    assert gaz.get("C1100") is not None and gaz.get("C1100").name == "Little Bweideh"  # type: ignore[union-attr]
    for pid in ("country:SY", "region:eastern-ghouta", "mil:t4", "mt:hermon", "road:m4"):
        assert gaz.get(pid) is not None, pid


@pytest.mark.parametrize(
    ("pid", "kind"),
    [("region:golan", "region"), ("mil:shayrat", "military_site"), ("mt:jabal-bishri", "mountain"),
     ("road:ramouseh", "road"), ("country:SY", "country")],
)  # fmt: skip
def test_curated_rows_have_kind_coordinates_and_coarse_precision_for_areas(
    gaz: Gazetteer, pid: str, kind: str
) -> None:
    place = gaz.get(pid)
    assert place is not None and place.kind == kind
    assert (
        place.lat is not None
        and 32.0 < place.lat < 37.5
        and place.lon is not None
        and 35.5 < place.lon < 42.5
    )
    assert place.source.startswith("curated")
    if kind in {"region", "road", "country"}:
        assert place_precision(place) in {2, 3}


def test_alias_rows_add_names_to_seed_places(gaz: Gazetteer) -> None:
    aleppo = gaz.get("SY02")
    assert aleppo is not None and aleppo.kind == "governorate"
    assert "Aleppo countryside" in aleppo.alt_names
    assert "ريف حلب" in aleppo.alt_names


@pytest.mark.parametrize(
    ("pid", "precision"),
    [("SY02", 3), ("SY0207", 2), ("SY020701", 2), ("C1043", 2), ("C2169", 1), ("N0225", 1), ("C1100", 1),
     ("country:TR", 3), ("world:middle-east", 3)],
)  # fmt: skip
def test_precision_of_places(gaz: Gazetteer, pid: str, precision: int) -> None:
    place = gaz.get(pid)
    assert place is not None and place_precision(place) == precision


def _user_place(**kw: object) -> Place:
    fields: dict = dict(
        id="U1", name="Qzwxrt Blorp", name_ar=None, alt_names=("Blorp",), kind="community", admin1="Aleppo",
        admin1_pcode="SY02", admin2=None, admin2_pcode=None, admin3="Khanaser", admin3_pcode="SY020701",
        lat=None, lon=None, coord_source="", source="user",
    )  # fmt: skip
    fields.update(kw)
    return Place(**fields)


def test_user_places_are_added_and_get_their_subdistrict_centroid(gaz: Gazetteer) -> None:
    mine = gaz.with_places([_user_place()])
    place = mine.get("U1")
    assert place is not None
    assert (place.lat, place.lon, place.coord_source) == (35.68205, 37.61961, "subdistrict-centroid")
    assert place_precision(place) == 2
    assert mine.candidates("Qzwxrt Blorp")[0][0].id == "U1"
    assert gaz.get("U1") is None  # the package gazetteer is unchanged


def test_user_places_win_over_package_places(gaz: Gazetteer) -> None:
    better = _user_place(id="C1100", name="Little Bweideh", lat=35.70, lon=37.20, coord_source="survey")
    mine = gaz.with_places([better])
    place = mine.get("C1100")
    assert place is not None and (place.lat, place.coord_source) == (35.70, "survey")
    assert place_precision(place) == 1


def _geonames_row(gid: str, name: str, alts: str, fclass: str, fcode: str, cc: str, admin1: str) -> list[str]:
    """One line of a GeoNames dump: 19 columns, in the documented order."""
    lat, lon = "35.9", "37.3"
    return [
        gid,
        name,
        name,
        alts,
        lat,
        lon,
        fclass,
        fcode,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        "0",
        "",
        "350",
        "Asia/X",
        "2020",
    ]


GEONAMES_ROWS = [
    _geonames_row("9000001", "Khirbat Qzwxrt", "Khirbet Qzwxrt,خربة قزوكرت", "P", "PPL", "SY", "09"),
    _geonames_row("9000002", "Jabal Blorp", "", "T", "MT", "SY", "10"),
    _geonames_row("9000003", "Some Stream", "", "H", "STM", "SY", "10"),
    _geonames_row("9000004", "Beirut Place", "", "P", "PPL", "LB", "04"),
]


def test_load_geonames_keeps_populated_places_and_named_features(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text("\n".join("\t".join(r) for r in GEONAMES_ROWS) + "\n", encoding="utf-8")
    places = {p.id: p for p in load_geonames(path)}
    assert set(places) == {"geonames:9000001", "geonames:9000002"}
    village = places["geonames:9000001"]
    assert (village.kind, village.admin1, village.admin1_pcode) == ("town", "Aleppo", "SY02")
    assert village.name_ar == "خربة قزوكرت"
    assert "Khirbet Qzwxrt" in village.alt_names
    assert (village.lat, village.lon, village.coord_source) == (35.9, 37.3, "geonames")
    assert places["geonames:9000002"].kind == "mountain"
    assert places["geonames:9000002"].admin1 == "Hama"


def test_geonames_admin1_codes_cover_all_governorates() -> None:
    codes = geonames_admin1()
    assert sorted(codes) == [f"{i:02d}" for i in range(1, 15)]
    assert len({pcode for pcode, _ in codes.values()}) == 14
    assert codes["09"] == ("SY02", "Aleppo") and codes["13"] == ("SY01", "Damascus")


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("admin1Name_en,admin1Pcode,admin2Name_en,admin2Pcode,admin3Name_en,admin3Pcode,admin4Name_en,"
         "admin4Name_ar,admin4Pcode,latitude,longitude",
         "Aleppo,SY02,Jebel Saman,SY0200,Tall Ed-daman,SY020002,Qzwxrt,قزوكرت,C9999,35.8,37.2"),
        ("ADM1_EN;ADM1_PCODE;ADM2_EN;ADM2_PCODE;ADM3_EN;ADM3_PCODE;ADM4_EN;ADM4_AR;ADM4_PCODE;Lat;Lon",
         "Aleppo;SY02;Jebel Saman;SY0200;Tall Ed-daman;SY020002;Qzwxrt;قزوكرت;C9999;35,8;37,2"),
    ],
)  # fmt: skip
def test_load_ocha_detects_columns_liberally(tmp_path: Path, header: str, row: str) -> None:
    path = tmp_path / "ocha.csv"
    path.write_text(header + "\n" + row + "\n", encoding="utf-8")
    [place] = load_ocha(path)
    assert (place.id, place.name, place.name_ar, place.kind) == ("C9999", "Qzwxrt", "قزوكرت", "community")
    assert (place.admin1_pcode, place.admin2_pcode, place.admin3_pcode) == ("SY02", "SY0200", "SY020002")
    assert (place.lat, place.lon) == (35.8, 37.2)
    assert place.country == "SY"  # a C-code is a community of Syria


def test_load_ocha_without_coordinates_then_filled_from_the_subdistrict(
    tmp_path: Path, gaz: Gazetteer
) -> None:
    path = tmp_path / "ocha.csv"
    path.write_text(
        "admin1Name_en,admin1Pcode,admin3Name_en,admin3Pcode,admin4Name_en,admin4Pcode,admin4AltName1_en\n"
        "Aleppo,SY02,Khanaser,SY020701,Qzwxrt Blorp,C9998,Blorp Village\n"
        "Aleppo,SY02,,,,,\n",
        encoding="utf-8",
    )
    places = load_ocha(path)
    assert [p.id for p in places] == ["C9998", "SY02"]
    assert places[0].lat is None and places[0].alt_names == ("Blorp Village",)
    assert places[1].kind == "governorate"
    filled = gaz.with_places(places[:1]).get("C9998")
    assert filled is not None and filled.coord_source == "subdistrict-centroid"


def test_load_geonames_of_every_country_marks_places_abroad(tmp_path: Path) -> None:
    path = tmp_path / "cities500.txt"
    path.write_text("\n".join("\t".join(r) for r in GEONAMES_ROWS) + "\n", encoding="utf-8")
    places = {p.id: p for p in load_geonames(path, country=None)}
    assert set(places) == {"geonames:9000001", "geonames:9000002", "geonames:9000004"}
    beirut = places["geonames:9000004"]
    assert (beirut.kind, beirut.country, beirut.admin1) == ("foreign_city", "LB", None)
    assert Gazetteer.is_foreign(beirut) and not Gazetteer.is_foreign(places["geonames:9000001"])
    assert [p.id for p in load_geonames(path, country="LB")] == ["geonames:9000004"]


def test_loaded_places_join_the_package_gazetteer(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"
    path.write_text("\n".join("\t".join(r) for r in GEONAMES_ROWS) + "\n", encoding="utf-8")
    mine = gaz.with_places(load_geonames(path))
    assert mine.candidates("Khirbet Qzwxrt")[0][0].id == "geonames:9000001"
    assert mine.demonym("Syrian") is not None and mine.candidates("Syrian") == []  # demonyms carry over
