"""Specification of context disambiguation, precision codes and fallbacks (hand-written reports)."""

from __future__ import annotations

import pytest

from frontlines.resolve.gazetteer import Gazetteer, Place
from frontlines.resolve.geocode import PlaceMention, geocode, mentions_of


def _place(pid: str, name: str, admin3: str, lat: float, lon: float, **kw: str) -> Place:
    fields: dict = dict(
        id=pid, name=name, name_ar=None, alt_names=(), kind="community", admin1="Aleppo", admin1_pcode="SY02",
        admin2="D", admin2_pcode="SY0200", admin3=admin3, admin3_pcode=admin3, lat=lat, lon=lon,
        coord_source="geonames", source="test",
    )  # fmt: skip
    fields.update(kw)
    return Place(**fields)


def _geocode(text: str, names: list[str], gaz: Gazetteer | None = None) -> list:
    mentions = mentions_of(text, names)
    assert len(mentions) == len(names)
    return geocode(text, mentions, gaz)


def test_same_name_is_picked_by_the_other_places_of_the_report() -> None:
    gaz = Gazetteer.default().with_places(
        [
            _place("T1", "Qaryat Samiya", "SY020002", 35.76, 37.24),
            _place("T2", "Qaryat Samiya", "SY020401", 36.53, 37.34),
        ]
    )
    text = "Troops took Numaniyeh, Little Bweideh and Qaryat Samiya."
    refs = _geocode(text, ["Numaniyeh", "Little Bweideh", "Qaryat Samiya"], gaz)
    assert [r.place_id for r in refs] == ["C1054", "C1100", "T1"]


def test_a_direction_in_the_report_rules_out_the_far_side_of_the_governorate() -> None:
    text = "The army advanced in southern Aleppo and captured Hardana."
    [ref] = _geocode(text, ["Hardana"])
    assert ref.place_id is None  # the only Hardana known lies in northern Aleppo
    assert (ref.admin1, ref.geo_precision, ref.rule) == ("Aleppo", 3, "fallback:admin1")


def test_a_direction_is_read_from_the_capital_too() -> None:
    # Tal Sabha lies northeast of Aleppo city but west of the governorate's own point, which is far east of
    # the city: "northeast of Aleppo" does not rule it out; a place off from both points stays ruled out.
    gaz = Gazetteer.default().with_places(
        [
            _place("T1", "Tal Sabha", "SY020200", 36.43, 37.41),
            _place("T2", "Tal Zarqa", "SY020200", 36.00, 36.90),
        ]
    )
    text = "The factions took Tal Sabha, northeast of Aleppo province, and moved on Tal Zarqa."
    refs = _geocode(text, ["Tal Sabha", "Tal Zarqa"], gaz)
    assert [r.place_id for r in refs] == ["T1", None]
    assert [r.place_id for r in _geocode("The army shelled the northern city of Aleppo.", ["Aleppo"])] == [
        "C1007"
    ]


def test_a_governorate_is_known_however_its_words_are_joined() -> None:
    # "Deir Al Zor" (capital article, no hyphen) is the governorate Deir ez-Zor: with Raqqa named too, Mayadin
    # is still the Deir ez-Zor city, not Ma'dan in Raqqa
    text = "Residents swam in Raqqa. Fighters left two towns in Deir Al Zor and pulled out of Mayadin."
    [ref] = _geocode(text, ["Mayadin"])
    assert (ref.place_id, ref.admin1) == ("geonames:173480", "Deir-ez-Zor")


def test_the_place_a_name_is_put_in_decides_between_namesakes() -> None:
    gaz = Gazetteer.default().with_places(
        [
            _place("T1", "Qaryat Samiya", "SY020002", 35.76, 37.24),  # in Aleppo governorate
            _place("T2", "Qaryat Samiya", "SY040100", 34.75, 36.75, admin1="Homs", admin1_pcode="SY04"),
        ]
    )
    # the report names Aleppo more, but the name is put in Homs city, then in Homs province
    text = "Aleppo and Aleppo again. A car bomb hit the Qaryat Samiya neighbourhood in central Homs city."
    assert [r.place_id for r in _geocode(text, ["Qaryat Samiya"], gaz)] == ["T2"]
    text = "Aleppo and Aleppo again. Shells hit the village of Qaryat Samiya, in Homs province."
    assert [r.place_id for r in _geocode(text, ["Qaryat Samiya"], gaz)] == ["T2"]
    # a compass word before the name makes it the governorate ("in northern Homs"), not the city
    text = "Aleppo and Aleppo again. Shells hit the village of Qaryat Samiya in northern Homs."
    assert [r.place_id for r in _geocode(text, ["Qaryat Samiya"], gaz)] == ["T2"]
    # a bare governorate's name after "in" is the governorate: a village far from its capital is not outside it
    far = Gazetteer.default().with_places(
        [_place("T3", "Qaryat Samiya", "SY040300", 34.55, 38.2, admin1="Homs", admin1_pcode="SY04")]
    )
    text = "Shells hit Qariat Samiya in Homs on Monday."  # (a close spelling: 0.92)
    assert [r.place_id for r in _geocode(text, ["Qariat Samiya"], far)] == ["T3"]
    text = "A car bomb hit Qariat Samiya in Homs city."  # ... but "Homs city" is the city
    assert [r.place_id for r in _geocode(text, ["Qariat Samiya"], far)] == [None]
    # "Damascus countryside" is Rural Damascus: a place there is not ruled out as outside Damascus city
    text = "Rebels stormed the Sednaya prison in Damascus countryside."
    assert _geocode(text, ["Sednaya"])[0].admin1 == "Rural Damascus"


def test_without_context_the_known_place_is_taken() -> None:
    [ref] = _geocode("The army captured Hardana.", ["Hardana"])
    assert ref.place_id == "C1585"


def test_governorate_named_in_the_report_wins_over_another_governorate() -> None:
    text = "Clashes in Hama province: militants shelled Maharda."
    [ref] = _geocode(text, ["Maharda"])
    assert ref.place_id == "geonames:166742"
    assert ref.admin1 == "Hama"


@pytest.mark.parametrize(
    ("text", "name", "place_id", "precision"),
    [
        ("The siege tightened north of the town of Khanasir.", "Khanasir", "C2169", 2),
        ("Shells fell near Khanasir.", "Khanasir", "C2169", 2),
        ("Bombs were defused in the town of Khanasir.", "Khanasir", "C2169", 1),
        # "the area of X", "X area", "the surrounding areas of X": near X (rule "area"); a place after a
        # governorate's possessive keeps the relation before it
        ("Jets struck in the area of Khanasir.", "Khanasir", "C2169", 2),
        ("Troops entered the Khanasir area on Monday.", "Khanasir", "C2169", 2),
        ("Strikes hit the surrounding areas of Khanasir.", "Khanasir", "C2169", 2),
        ("Clashes on the outskirts of Aleppo's Khanasir.", "Khanasir", "C2169", 2),
        ("Raids in the areas of Khanasir and al-Safirah.", "Khanasir", "C2169", 1),
        ("Villages in al-Safirah district in Aleppo were taken.", "al-Safirah", "SY0207", 2),
        ("Fighting in the Sheikh Said neighbourhood of Aleppo.", "Sheikh Said", "N0225", 1),
        ("The village of Aabad was taken.", "Aabad", "C1043", 2),  # known by its subdistrict centroid only
        (
            "The village of Little Bweideh was taken.",
            "Little Bweideh",
            "C1100",
            1,
        ),  # its own point (Wikipedia)
        ("Strikes hit the Idlib countryside.", "Idlib countryside", "SY07", 3),
        ("Clashes near the Aleppo Citadel.", "Aleppo Citadel", "C1007", 2),
        ("Jets took off from T-4 airbase.", "T-4 airbase", "mil:t4", 1),
        ("Rebels advanced in Eastern Ghouta.", "Eastern Ghouta", "region:eastern-ghouta", 2),
        # a bare subdistrict name is its main town; named as a unit it is the unit
        ("Rebels shelled Arbin on Sunday.", "Arbin", "geonames:169372", 1),
        ("Clashes spread across Arbin subdistrict.", "Arbin subdistrict", "SY030106", 2),
        # "rural Damascus" is the governorate Rural Damascus, not Damascus city
        ("Clashes went on in rural Damascus.", "Damascus", "SY03", 3),
    ],
)
def test_precision_follows_acled(text: str, name: str, place_id: str, precision: int) -> None:
    [ref] = _geocode(text, [name])
    assert (ref.place_id, ref.geo_precision) == (place_id, precision)


def test_unresolved_place_keeps_its_text_and_falls_back_to_the_governorate() -> None:
    text = "In southern Aleppo the army took Umm Anaksh and Khanasir."
    refs = _geocode(text, ["Umm Anaksh", "Khanasir"])
    assert refs[0].location == "Umm Anaksh"
    assert refs[0].place_id is None
    assert (refs[0].place_name, refs[0].geo_precision) == ("Aleppo", 3)
    assert refs[0].latitude is not None
    assert refs[1].place_id == "C2169"


def test_an_unresolvable_name_does_not_change_the_others() -> None:
    text = "The army took Numaniyeh and Little Bweideh."
    alone = _geocode(text, ["Numaniyeh", "Little Bweideh"])
    text2 = "The army took Numaniyeh, Qzwxrt Blorp and Little Bweideh."
    mixed = _geocode(text2, ["Numaniyeh", "Qzwxrt Blorp", "Little Bweideh"])
    assert [r.place_id for r in alone] == [mixed[0].place_id, mixed[2].place_id]
    assert mixed[1].place_id is None


def test_no_context_at_all_gives_an_unresolved_ref_without_coordinates() -> None:
    [ref] = _geocode("They took Qzwxrt Blorp.", ["Qzwxrt Blorp"])
    assert (ref.place_id, ref.latitude, ref.geo_precision, ref.rule) == (None, None, None, "unresolved")


def test_one_ref_per_mention_in_order_with_spans() -> None:
    text = "Khanasir and Numaniyeh and Khanasir."
    mentions = [
        PlaceMention("Khanasir", 0, 8),
        PlaceMention("Numaniyeh", 13, 22),
        PlaceMention("Khanasir", 27, 35),
    ]
    refs = geocode(text, mentions)
    assert [r.location for r in refs] == ["Khanasir", "Numaniyeh", "Khanasir"]
    assert [r.span.start if r.span else None for r in refs] == [0, 13, 27]


def test_explicit_relation_and_hint_from_the_extractor_are_used() -> None:
    text = "Fighting around Qzwxrt Blorp continued. Khanasir too."
    mention = PlaceMention("Qzwxrt Blorp", 16, 28, admin1_hint="Idlib")
    near = PlaceMention("Khanasir", 40, 48, relation="west of")
    refs = geocode(text, [mention, near])
    assert (refs[0].admin1, refs[0].geo_precision) == ("Idleb", 3)
    assert (refs[1].place_id, refs[1].geo_precision) == ("C2169", 2)


@pytest.mark.parametrize("text", ["", "  ", "the", "al-", "..."])
def test_empty_or_generic_mentions_stay_unresolved(text: str) -> None:
    doc = f"In Hama province: {text}."
    [ref] = geocode(doc, [PlaceMention(text, 18, 18 + len(text))])
    assert ref.place_id is None and ref.location == text


def test_a_site_word_is_read_at_the_start_of_the_report_too() -> None:
    [ref] = _geocode("Kuweires airbase was shelled by ISIS on Wednesday.", ["Kuweires"])
    assert ref.place_id == "mil:kuweires"


def test_a_feature_named_after_a_village_resolves_to_the_village_of_the_report() -> None:
    text = "In southern Aleppo the army took Jabal al-Modawar, Numaniyeh and Little Bweideh."
    refs = _geocode(text, ["Jabal al-Modawar", "Numaniyeh", "Little Bweideh"])
    assert [r.place_id for r in refs] == ["C8013", "C1054", "C1100"]
