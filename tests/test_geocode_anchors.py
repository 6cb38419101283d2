"""The anchors' answers, as a specification: measured once per report, they are exactly the answers of asking
every anchor of the other mentions each time (the rule as geocode states it), on random reports.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter

import pytest

from frontlines.resolve.anchors import Anchors
from frontlines.resolve.gazetteer import Place
from frontlines.resolve.geocode import FAR_KM
from frontlines.resolve.report_context import km as _km


def _place(rng: random.Random, i: int) -> Place:
    located = rng.random() > 0.1
    return Place(
        id=f"P{i}", name=f"Place {i}", name_ar=None, alt_names=(), kind="community",
        admin1=None, admin1_pcode=rng.choice(["SY02", "SY05", "SY07", None]),
        admin2=None, admin2_pcode=rng.choice(["SY0200", "SY0201", "SY0500", "", None]),
        admin3=None, admin3_pcode=rng.choice(["SY020000", "SY020001", "SY050000", None]),
        lat=rng.uniform(32.5, 37.0) if located else None, lon=rng.uniform(35.8, 42.0) if located else None,
        coord_source="geonames", source="test",
    )  # fmt: skip


def _naive_fit(others: list[Place], place: Place) -> tuple[bool, bool, bool] | None:
    """geocode's rule as first written: a pass over the others for each question."""
    others = [a for a in others if a.id != place.id]
    if not others:
        return None
    same3 = any(a.admin3_pcode and a.admin3_pcode == place.admin3_pcode for a in others)
    same2 = any(a.admin2_pcode and a.admin2_pcode == place.admin2_pcode for a in others)
    spread = max((_km(a, b) for a in others for b in others), default=0.0)
    # it takes two anchors to make a cluster to be far from
    far = len(others) >= 2 and min(_km(place, a) for a in others) > max(FAR_KM, 2 * spread)
    return same3, same2, far


@pytest.mark.parametrize("seed", range(12))
def test_the_anchors_answer_as_asking_every_other_anchor_does(seed: int) -> None:
    rng = random.Random(seed)
    places = [_place(rng, i) for i in range(rng.randint(1, 40))]
    mentions = rng.randint(1, 60)
    # some mentions anchored (several on one place, as a report names a place twice), some not
    anchored = {i: rng.choice(places) for i in range(mentions) if rng.random() < 0.7}
    anchors = Anchors(anchored)
    for mention in range(mentions):
        others = [p for j, p in anchored.items() if j != mention]
        for place in rng.sample(places, min(len(places), 8)):
            fit = anchors.fit(mention, place, FAR_KM)
            naive = _naive_fit(others, place)
            assert (None if fit is None else tuple(fit)) == naive, (seed, mention, place.id)
        counted = Counter(a.admin1_pcode for a in others if a.admin1_pcode).most_common(1)
        assert anchors.admin1_of_others(mention) == (counted[0][0] if counted else None)


def test_a_place_far_from_every_anchor_by_more_than_twice_their_spread_is_far() -> None:
    rng = random.Random(0)
    near = [dataclasses.replace(_place(rng, i), lat=36.0 + i * 0.01, lon=37.0) for i in range(3)]
    anchors = Anchors(dict(enumerate(near)))
    far = anchors.fit(99, dataclasses.replace(near[0], id="far", lat=33.0), FAR_KM)
    assert far is not None and far.far
    close = anchors.fit(99, near[1], FAR_KM)
    assert close is not None and not close.far


def test_a_place_that_is_the_only_anchor_has_no_others() -> None:
    place = dataclasses.replace(_place(random.Random(1), 0), admin1_pcode="SY02")
    anchors = Anchors({0: place, 1: place})
    assert anchors.fit(5, place, FAR_KM) is None  # the candidate itself is not an other
    assert anchors.admin1_of_others(0) == "SY02"  # mention 1 anchors it too
