"""The fuse stage, as a specification: which events of different reports are one incident, how many
independent sources an incident has, which disagreements are surfaced, and that blocking never misses a pair
an all-pairs comparison finds. Sightings are built by hand (no spaCy, no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from frontlines.fuse import Rules, Sighting, assemble, fuse
from frontlines.fuse.blocking import candidate_pairs
from frontlines.fuse.clustering import group, links
from frontlines.fuse.records import ClusterCorrection
from frontlines.fuse.sources import containment, shingles

DAY = dt.date(2016, 6, 11)
RULES = Rules.default()


def sight(event_id: str, doc: str = "", **changes: object) -> Sighting:
    """A sighting: the army took Khalasa on DAY, per the report's own outlet, unless told otherwise."""
    base = Sighting(
        event_id=event_id,
        doc_id=doc or f"doc-{event_id}",
        doc=f"reports/{doc or event_id}.txt",
        outlet=f"Outlet {doc or event_id}",
        published=DAY,
        event_type="Battles",
        sub_event_type="Government regains territory",
        event_date=DAY,
        date_precision=1,
        date_inferred=False,
        actor1_id="syria-military",
        actor1="Military Forces of Syria",
        actor2_id="jaish-al-fatah",
        actor2="Jaish al-Fatah",
        location="Khalasa",
        place_id="C8046",
        place_name="Khalasa",
        admin1="Aleppo",
        latitude=36.05,
        longitude=37.05,
        geo_precision=1,
        fatalities=None,
        source_chain=(),
        sentence="",
    )
    out = dataclasses.replace(base, **changes)  # type: ignore[arg-type]
    if not out.source_chain and out.outlet:
        out = dataclasses.replace(out, source_chain=(out.outlet,))
    return out


def clusters_of(*sightings: Sighting, texts: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    fusion = fuse(list(sightings), texts.get if texts is not None else None)
    return assemble(list(sightings), fusion.partition, copies=fusion.originals)


def only_multi(*sightings: Sighting, texts: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    multi = [c for c in clusters_of(*sightings, texts=texts) if len(c.claims) > 1]
    assert len(multi) == 1, [c.event_ids for c in multi]
    return multi[0]


def km_north(km: float) -> float:
    return 36.05 + km / 111.19


# ------------------------------------------------------------------------------------ independent sources


def test_an_outlet_relaying_an_agency_is_one_cluster_of_two_claims_and_one_source() -> None:
    sana = sight("e1", outlet="SANA", source_chain=("SANA",))
    press_tv = sight("e2", outlet="Press TV", source_chain=("SANA", "Press TV"))
    cluster = only_multi(sana, press_tv)
    assert len(cluster.claims) == 2
    assert cluster.independent_sources == ("SANA",)
    assert {c.independent for c in cluster.claims} == {"SANA"}


@pytest.mark.parametrize(
    ("chains", "sources"),
    [
        ((("SANA", "Levant Wire"), ("SANA", "Damascus Dispatch")), ("SANA",)),  # two outlets, one agency
        ((("Levant Wire",), ("Orontes Monitor",)), ("Levant Wire", "Orontes Monitor")),  # own reporting
        ((("SOHR", "Levant Wire"), ("White Helmets", "Orontes Monitor")), ("SOHR", "White Helmets")),
        # an unnamed source is the outlet's: two outlets each quoting "a military source" are two sources
        (
            (("Military source", "Levant Wire"), ("Military source", "Orontes Monitor")),
            ("Levant Wire", "Orontes Monitor"),
        ),
        ((("rebel commander", "Levant Wire"), ("Levant Wire",)), ("Levant Wire",)),
        # the first NAMED source of the chain: a military source quoted by SANA, relayed by Press TV
        ((("Military source", "SANA", "Press TV"), ("SANA", "Levant Wire")), ("SANA",)),
    ],
)
def test_independent_sources_are_the_roots_of_the_claim_chains(
    chains: tuple[tuple[str, ...], ...], sources: tuple[str, ...]
) -> None:
    claims = [sight(f"e{i}", outlet=chain[-1], source_chain=chain) for i, chain in enumerate(chains)]
    assert set(only_multi(*claims).independent_sources) == set(sources)


WIRE = (
    "Syrian army units recaptured the village of Khalasa in the southern Aleppo countryside on Saturday after "
    "heavy fighting with Jaish al-Fatah militants, who withdrew west toward Zitan leaving weapons behind."
)


def test_a_republished_copy_adds_no_source() -> None:
    first = sight("e1", outlet="Levant Wire", published=DAY)
    copy = sight("e2", outlet="Hauran Herald", published=DAY + dt.timedelta(days=1))
    texts = {
        first.doc_id: "Army retakes Khalasa\n\n" + WIRE,
        copy.doc_id: "Khalasa back in army hands\n\n"
        + WIRE
        + "\n\nThis report first appeared in Levant Wire.",
    }
    cluster = only_multi(first, copy, texts=texts)
    assert cluster.independent_sources == ("Levant Wire",)
    assert [c.copy_of for c in cluster.claims] == [None, first.doc_id]


def test_two_reports_in_their_own_words_are_two_sources() -> None:
    first, second = sight("e1", outlet="Levant Wire"), sight("e2", outlet="Orontes Monitor")
    texts = {
        first.doc_id: WIRE,
        second.doc_id: "Regime forces stormed Khalsa at dawn; rebels fell back to Zitan.",
    }
    assert only_multi(first, second, texts=texts).independent_sources == ("Levant Wire", "Orontes Monitor")


def test_containment_is_the_share_of_the_shorter_text_in_the_longer() -> None:
    short, long = shingles(WIRE, 5), shingles(WIRE + " Fighting went on at night near Zitan.", 5)
    assert containment(short, long) == 1.0
    assert containment(short, shingles("Something else entirely was said here today.", 5)) == 0.0


# ----------------------------------------------------------------------------------------- contradictions


def test_a_capture_and_a_repelled_attack_are_one_incident_with_a_holder_conflict() -> None:
    army = sight("e1", outlet="Damascus Dispatch")
    rebels = sight(
        "e2",
        outlet="Orontes Monitor",
        sub_event_type="Armed clash",
        actor1_id="jaish-al-fatah",
        actor1="Jaish al-Fatah",
        actor2_id="syria-military",
        actor2="Military Forces of Syria",
        sentence="Jaysh al-Fateh fighters repelled an attack by regime forces on Khalsa and remain in control.",
    )
    cluster = only_multi(army, rebels)
    kinds = {c.kind: c for c in cluster.conflicts}
    assert set(kinds) == {"holder", "type"}
    holder = {side.value: side.event_ids for side in kinds["holder"].sides}
    assert holder == {"Military Forces of Syria": ("e1",), "Jaish al-Fatah": ("e2",)}
    assert {c.event_id: c.holder for c in cluster.claims} == {
        "e1": "Military Forces of Syria",
        "e2": "Jaish al-Fatah",
    }


def test_a_clash_that_does_not_say_who_held_is_no_holder_conflict() -> None:
    army = sight("e1")
    clash = sight("e2", sub_event_type="Armed clash", sentence="Fighting raged around Khalsa all day.")
    assert [c.kind for c in only_multi(army, clash).conflicts] == ["type"]


def test_tolls_that_disagree_keep_each_figure_and_the_cluster_takes_the_lowest() -> None:
    sohr = sight("e1", sub_event_type="Shelling/artillery/missile attack", fatalities=7)
    medics = sight("e2", sub_event_type="Shelling/artillery/missile attack", fatalities=12)
    silent = sight("e3", sub_event_type="Shelling/artillery/missile attack", fatalities=None)
    cluster = only_multi(sohr, medics, silent)
    assert cluster.fatalities == 7
    (toll,) = [c for c in cluster.conflicts if c.kind == "toll"]
    assert [(side.value, side.event_ids) for side in toll.sides] == [(7, ("e1",)), (12, ("e2",))]
    assert {c.event_id: c.fatalities for c in cluster.claims} == {"e1": 7, "e2": 12, "e3": None}


def test_days_given_in_words_that_differ_are_a_date_conflict_but_a_publication_day_is_not() -> None:
    week = dict(date_precision=2)
    told = only_multi(sight("e1", **week), sight("e2"), sight("e3", event_date=DAY + dt.timedelta(days=2)))
    assert [c.kind for c in told.conflicts] == ["date"]
    inferred = only_multi(sight("e1"), sight("e2", event_date=DAY + dt.timedelta(days=1), date_inferred=True))
    assert inferred.conflicts == ()


# ------------------------------------------------------------------------------------------- when one incident


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"doc_id": "doc-e1"}, "rule:documents"),
        ({"event_date": DAY + dt.timedelta(days=1)}, "rule:dates"),
        ({"event_date": DAY + dt.timedelta(days=1), "date_inferred": True}, None),  # may be the day before
        ({"event_date": DAY + dt.timedelta(days=5), "date_precision": 2}, None),  # last week
        ({"event_date": DAY + dt.timedelta(days=8), "date_precision": 2}, "rule:dates"),
        ({"event_date": None}, "rule:dates"),
        ({"sub_event_type": "Armed clash"}, None),  # a capture and the clash before it
        ({"sub_event_type": "Non-violent transfer of territory"}, None),
        ({"sub_event_type": "Air/drone strike"}, "rule:type"),
        ({"latitude": km_north(1.5), "place_id": "other"}, None),  # two gazetteer entries of one village
        ({"latitude": km_north(5), "place_id": "other"}, "rule:place"),
        ({"latitude": km_north(8), "place_id": None, "geo_precision": 2}, None),  # near the village
        ({"latitude": km_north(12), "place_id": None, "geo_precision": 2}, "rule:place"),
        ({"latitude": km_north(20), "place_id": None, "geo_precision": 3}, None),  # only the region
        ({"latitude": None, "longitude": None}, "rule:place"),
        ({"actor1_id": "hts"}, "rule:actors"),
        ({"actor2_id": "hts"}, "rule:actors"),
        ({"actor2_id": None}, None),  # the report does not say whom
        ({"actor2_id": "unidentified-armed-group"}, None),  # "terrorists"
        ({"actor2_id": "opposition-rebels"}, None),  # "rebels": an umbrella of the opposition
        ({"actor1_id": "opposition-rebels"}, "rule:actors"),  # ... never the army
        ({"actor1_id": "ndf"}, None),  # the NDF fights under the army
        ({"actor1_id": "jaish-al-fatah", "actor2_id": "syria-military"}, None),  # told the other way round
    ],
)
def test_when_two_events_are_one_incident(changes: dict[str, object], rule: str | None) -> None:
    assert RULES.why_not(sight("e1"), dataclasses.replace(sight("e2"), **changes)) == rule  # type: ignore[arg-type]


def test_two_reports_without_coordinates_are_one_place_only_in_the_same_words() -> None:
    unlocated = {"latitude": None, "longitude": None, "place_id": None}
    one, two = sight("e1", **unlocated, location="Hmeimim"), sight("e2", **unlocated, location=" hmeimim ")
    assert RULES.why_not(one, two) is None
    assert RULES.why_not(one, dataclasses.replace(two, location="Nasib")) == "rule:place"


def test_an_incident_holds_at_most_one_event_of_each_report() -> None:
    capture = sight("a1", doc="A")
    clash = sight("a2", doc="A", sub_event_type="Armed clash", geo_precision=2, place_id=None)
    other = sight("b1", doc="B", sub_event_type="Armed clash")
    clusters = clusters_of(capture, clash, other)
    assert sorted(sorted(c.event_ids) for c in clusters) == [["a1", "b1"], ["a2"]]


def test_cluster_ids_do_not_depend_on_the_order_of_the_events_nor_on_later_reports() -> None:
    events = [sight(f"e{i}", published=DAY + dt.timedelta(days=i)) for i in range(4)]
    ids = {c.cluster_id for c in clusters_of(*events)}
    assert {c.cluster_id for c in clusters_of(*reversed(events))} == ids
    later = sight("e9", published=DAY + dt.timedelta(days=9))
    assert {c.cluster_id for c in clusters_of(*events, later)} == ids


# ------------------------------------------------------------------------------------------- corrections


def fix(n: int, action: str, event_id: str, other: str | None = None) -> ClusterCorrection:
    return ClusterCorrection(
        n, action, event_id, other, "c", "d" if other else None, "ana", "why", "2024-01-01"
    )


def test_merges_and_splits_are_replayed_oldest_first() -> None:
    a, b = sight("a1", doc="A"), sight("b1", doc="B")
    far = sight("c1", doc="C", latitude=km_north(50), place_id="elsewhere")
    events = [a, b, far]
    fusion = fuse(events)
    corrected = assemble(events, fusion.partition, [fix(1, "split", "b1"), fix(2, "merge", "a1", "c1")])
    assert sorted(sorted(c.event_ids) for c in corrected) == [["a1", "c1"], ["b1"]]
    merged = next(c for c in corrected if "c1" in c.event_ids)
    assert [f.id for f in merged.corrections] == [1, 2]
    again = assemble(events, fusion.partition, [fix(1, "merge", "a1", "c1"), fix(2, "split", "a1")])
    assert sorted(sorted(c.event_ids) for c in again) == [["a1"], ["b1", "c1"]]


def test_a_correction_naming_an_event_that_is_gone_is_skipped() -> None:
    events = [sight("a1", doc="A"), sight("b1", doc="B")]
    clusters = assemble(
        events, fuse(events).partition, [fix(1, "split", "gone"), fix(2, "merge", "a1", "gone")]
    )
    assert [sorted(c.event_ids) for c in clusters] == [["a1", "b1"]]


# ---------------------------------------------------------------------------------------------- blocking


def random_sightings(rng: random.Random, n: int, lat: float, lon: float) -> list[Sighting]:
    """Events packed in a small area and a few weeks, so that many pairs sit near every threshold."""
    out = []
    for i in range(n):
        precision = rng.choice((1, 1, 1, 2, 3))
        located = rng.random() > 0.05
        out.append(
            sight(
                f"e{i:03d}",
                doc=f"d{rng.randrange(n // 2 + 1)}",
                event_date=DAY + dt.timedelta(days=rng.randrange(30)) if rng.random() > 0.03 else None,
                date_precision=rng.choice((1, 1, 1, 2, 3)),
                date_inferred=rng.random() < 0.3,
                latitude=lat + rng.uniform(-0.4, 0.4) if located else None,
                longitude=((lon + rng.uniform(-0.5, 0.5) + 180) % 360) - 180 if located else None,
                geo_precision=precision,
                place_id=None,
                location=rng.choice(("Khalasa", "Zitan", "")),
                sub_event_type=rng.choice(
                    ("Armed clash", "Government regains territory", "Air/drone strike")
                ),
                actor2_id=rng.choice(("jaish-al-fatah", "hts", None)),
            )
        )
    return out


AREAS = [
    (36.0, 37.0),
    (71.5, 20.0),
    (-45.0, 179.8),
    (0.0, -179.9),
    (89.7, 10.0),
]  # Syria, the Arctic, the antimeridian


@pytest.mark.parametrize("seed", range(30))
def test_blocking_finds_every_pair_all_pairs_finds(seed: int) -> None:
    rng = random.Random(seed)
    lat, lon = AREAS[seed % len(AREAS)]
    events = random_sightings(rng, 160, lat, lon)
    every = {
        (i, j)
        for i in range(len(events))
        for j in range(i + 1, len(events))
        if RULES.why_not(events[i], events[j]) is None
    }
    assert len(every) > 20  # the set is dense enough to test something
    candidates = list(candidate_pairs(events, RULES))
    assert len(candidates) == len(set(candidates)), "each pair once"
    assert every <= set(candidates)
    brute = group(events, links(events, RULES, sorted(every)))
    assert sorted(map(sorted, group(events, links(events, RULES)))) == sorted(map(sorted, brute))
