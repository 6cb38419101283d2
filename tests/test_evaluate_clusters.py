"""The cluster scorer (B-cubed over the gold incidents' events), specified with hand-built gold files, reports
and predicted events: no pipeline, no ingest. And the demo corpus's incidents, with the real pipeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from frontlines.evaluate import ClusterReport, detect_kind, evaluate
from frontlines.evaluate.clusters import bcubed, score_clusters
from frontlines.records import (
    ActorRef,
    Claim,
    DatePrecision,
    DateRef,
    Document,
    Event,
    Evidence,
    PlaceRef,
    Span,
)

REPO = Path(__file__).resolve().parents[1]
ARMY = ActorRef("syria-military", "Military Forces of Syria", "government", "State forces", "the army")
DAY = dt.date(2019, 8, 14)
TEXT = "The army recaptured Kafr Zita on Wednesday, SANA said."


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (["a", "a", "b"], ["x", "x", "y"], (1.0, 1.0)),
        (["a", "a", "b"], ["x", "x", "x"], (5 / 9, 1.0)),  # all merged: precision (2/3 + 2/3 + 1/3) / 3
        (["a", "a", "b"], ["x", "y", "z"], (1.0, 2 / 3)),  # all split: recall (1/2 + 1/2 + 1) / 3
        (["a", "a", "a", "b"], ["x", "x", "y", "y"], (0.75, 2 / 3)),
        ([], [], (None, None)),
    ],
)
def test_bcubed(gold: list[str], predicted: list[str], expected: tuple[float | None, float | None]) -> None:
    precision, recall = bcubed(gold, predicted)
    assert (precision, recall) == pytest.approx(expected)


def _event(doc: Document, place: str, lat: float, chain: tuple[str, ...]) -> Event:
    span = Span(0, len(doc.text), doc.text)
    return Event(
        event_id=f"{doc.id}-{place}",
        event_type="Battles",
        sub_event_type="Government regains territory",
        date=DateRef(DAY, DatePrecision.DAY, 0, "weekday:Wednesday<=D", span),
        actor1=ARMY,
        actor2=None,
        place=PlaceRef(place, f"id-{place}", place, "Hama", lat, 36.6, 1, "exact"),
        fatalities=None,
        claim=Claim(doc.id, chain, (Evidence("sentence", 0, len(doc.text), doc.text),), 0.9),
        sentence=span,
    )


def _gold_line(doc: str, outlet: str, places: list[str]) -> dict[str, Any]:
    events = [
        {
            "required": True,
            "event_type": "Battles",
            "sub_event_type": "Government regains territory",
            "sub_event_type_alt": [],
            "actor1": ["Military Forces of Syria"],
            "actor2": [],
            "location": place,
            "location_alt": [],
            "admin1": "Hama",
            "geo_precision": 1,
            "place_ids": [f"id-{place}"],
            "date": "D",
            "fatalities": None,
            "claimed_by": ["SANA", outlet],
            "evidence": "recaptured",
        }
        for place in places
    ]
    return {"doc": doc, "outlet": outlet, "published": DAY.isoformat(), "events": events, "not_events": []}


def score(tmp_path: Path, predicted: dict[str, list[tuple[str, float]]]) -> ClusterReport:
    """Three reports: A and B (both relaying SANA) tell of Kafr Zita; C of Mhardeh, 30 km away. The extractor
    predicts, per report, the (place, latitude) events given."""
    gold = tmp_path / "gold"
    gold.mkdir()
    lines = [
        _gold_line("a.txt", "Levant Wire", ["Kafr Zita"]),
        _gold_line("b.txt", "Damascus Dispatch", ["Kafr Zita"]),
    ]
    lines.append(_gold_line("c.txt", "Levant Wire", ["Mhardeh"]))
    (gold / "events.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    incidents = [
        {
            "incident": "kafr-zita",
            "sources": 1,
            "events": [{"doc": "a.txt", "location": "Kafr Zita"}, {"doc": "b.txt", "location": "Kafr Zita"}],
        },
        {"incident": "mhardeh", "events": [{"doc": "c.txt", "location": "Mhardeh"}]},
    ]
    path = gold / "clusters.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in incidents), encoding="utf-8")
    outlets = {"a.txt": "Levant Wire", "b.txt": "Damascus Dispatch", "c.txt": "Levant Wire"}

    def loader(ref: str, base: Path) -> Document:
        return Document(id=ref, text=f"{TEXT} ({ref})", source_uri=ref, outlet=outlets[ref], published=DAY)

    def extractor(doc: Document) -> list[Event]:
        return [_event(doc, place, lat, ("SANA", doc.outlet or "")) for place, lat in predicted[doc.id]]

    assert detect_kind(path) == "clusters"
    return score_clusters(path, extractor, loader=loader)


def test_a_perfect_fusion_scores_one_and_counts_the_relayed_agency_once(tmp_path: Path) -> None:
    report = score(
        tmp_path,
        {"a.txt": [("Kafr Zita", 35.2)], "b.txt": [("Kafr Zita", 35.2)], "c.txt": [("Mhardeh", 35.47)]},
    )
    assert (report.precision, report.recall) == (1.0, 1.0)
    assert (report.sources.hits, report.sources.total) == (1, 1)
    assert report.errors == ()


def test_an_event_the_extractor_missed_is_an_incident_of_its_own(tmp_path: Path) -> None:
    report = score(tmp_path, {"a.txt": [("Kafr Zita", 35.2)], "b.txt": [], "c.txt": [("Mhardeh", 35.47)]})
    assert report.precision == 1.0 and report.recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)
    assert (report.extracted.hits, report.extracted.total) == (2, 3)
    assert report.errors == ("kafr-zita: not extracted from b.txt",)


def test_incidents_fused_together_lower_precision_and_are_named(tmp_path: Path) -> None:
    # The extractor puts C's event at Kafr Zita's point: fusion cannot tell the incidents apart.
    report = score(
        tmp_path,
        {"a.txt": [("Kafr Zita", 35.2)], "b.txt": [("Kafr Zita", 35.2)], "c.txt": [("Mhardeh", 35.2)]},
    )
    assert report.recall == 1.0 and report.precision == pytest.approx(5 / 9)
    assert any("holds events of 2 incidents: kafr-zita, mhardeh" in error for error in report.errors)


def test_a_cluster_gold_line_must_name_gold_events(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "events.jsonl").write_text(
        json.dumps(_gold_line("a.txt", "X", ["Kafr Zita"])) + "\n", encoding="utf-8"
    )
    path = gold / "clusters.jsonl"
    path.write_text(json.dumps({"incident": "i", "events": [{"doc": "a.txt", "location": "Hama"}]}) + "\n")
    with pytest.raises(ValueError, match="0 gold events at 'Hama'"):
        score_clusters(
            path, lambda doc: [], loader=lambda ref, base: Document(id=ref, text=TEXT, source_uri=ref)
        )


# ------------------------------------------------------------------------------------ the demo, with spaCy


def test_the_demo_incidents_are_recovered(pipeline) -> None:  # type: ignore[no-untyped-def]
    path = REPO / "demo" / "gold" / "clusters.jsonl"
    (report,) = evaluate([path], pipeline.extract_document, base_dir=path.parent.parent).reports
    assert isinstance(report, ClusterReport)
    assert report.incidents >= 8 and report.items >= 18
    assert report.precision is not None and report.precision >= 0.95  # measured 1.00
    assert report.recall is not None and report.recall >= 0.9  # measured 0.95 (one Azaz report not extracted)
    assert report.sources.hits >= 7  # of 8 incidents with a source count
