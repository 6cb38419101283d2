"""The geocoder against the hand-made gold events of /work/shared (skipped where that folder is absent).

Every gold event's ``location`` is searched in its report and geocoded in the context of the whole report.
Targets: >= 10 of the 12 events with ``place_ids`` get a right id; no gold place resolves to a wrong village;
every gold place resolves at least to its governorate (precision 3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from frontlines.resolve.geocode import PlaceMention, geocode
from frontlines.resolve.place_eval import score_places

SHARED = Path("/work/shared")
GOLD = SHARED / "gold" / "samples.jsonl"

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="gold samples not available (/work/shared absent)")


def _predictions() -> list[tuple[dict[str, Any], Any]]:
    pairs = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        text = (SHARED / doc["doc"]).read_text(encoding="utf-8")
        events = [e for e in doc["events"] if e.get("location") and e["location"] in text]
        mentions = [PlaceMention(e["location"], i, i + len(e["location"])) for e in events
                    for i in [text.find(e["location"])]]  # fmt: skip
        pairs.extend(zip(events, geocode(text, mentions), strict=True))
    return pairs


@pytest.fixture(scope="module")
def predictions() -> list[tuple[dict[str, Any], Any]]:
    return _predictions()


def test_every_gold_location_is_found_in_its_report(predictions: list) -> None:
    total = sum(len(json.loads(line)["events"]) for line in GOLD.read_text(encoding="utf-8").splitlines())
    assert len(predictions) == total


def test_gold_places_with_ids_resolve_to_one_of_them(predictions: list) -> None:
    events = [e for e, _ in predictions]
    score = score_places(events, [(r.location, r.place_id) for _, r in predictions])
    assert score.gold_with_ids == 12
    assert score.hits >= 10, f"{score.hits}/12"
    assert score.wrong == ()


def test_no_gold_place_resolves_to_a_wrong_village(predictions: list) -> None:
    for event, ref in predictions:
        if event["place_ids"] and ref.place_id:
            assert ref.place_id in event["place_ids"], (event["location"], ref.place_id)


def test_every_gold_place_gets_at_least_its_governorate(predictions: list) -> None:
    for event, ref in predictions:
        assert ref.admin1 == event["admin1"], (event["location"], ref)
        assert ref.geo_precision in {1, 2, 3}
        assert ref.latitude is not None and ref.longitude is not None
