"""The REST API on the demo corpus (ingested, extracted and fused as `frontlines extract demo/corpus` does it):
it answers what the CLI answers (events, clusters, control at a date, a place's timeline), and every event's
evidence spans index its report's text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontlines.api import create_app
from frontlines.cli import app
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.workflow import extract_into, ingest_into

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"
runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(pipeline, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("api-demo") / "demo.db"
    with Store.open(db) as store:
        ingest_into(store, [str(DEMO)], Settings())
        done = extract_into(store, pipeline)
        assert done.fusion is not None and done.fusion_error is None
    return db


@pytest.fixture(scope="module")
def api(demo_db: Path) -> TestClient:
    return TestClient(create_app(Settings(db=str(demo_db))))


def cli_json(db: Path, *args: str) -> Any:
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def all_events(api: TestClient, query: str = "") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    url = f"/api/events?limit=7{query}"
    while url:
        body = api.get(url).json()
        rows += body["events"]
        url = f"/api/events?limit=7{query}&cursor={body['next_cursor']}" if body["next_cursor"] else ""
    return rows


def test_the_events_are_those_the_cli_lists(demo_db: Path, api: TestClient) -> None:
    with Store.open(demo_db) as store:
        stored = {row["event_id"]: row for row in store.events()}
    listed = all_events(api)
    assert len(stored) > 40 and {row["event_id"]: row for row in listed} == stored
    assert api.get("/api/events?limit=1").json()["total"] == len(stored)
    aleppo = {r["event_id"] for r in stored.values() if (r["admin1"] or "").casefold() == "aleppo"}
    assert aleppo and {r["event_id"] for r in all_events(api, "&admin1=ALEPPO")} == aleppo


def test_every_event_has_its_evidence_in_its_report(api: TestClient) -> None:
    for row in all_events(api, "&since=2016-01-01&until=2016-12-31"):
        detail = api.get(f"/api/events/{row['event_id']}").json()
        text = detail["document"]["text"]
        assert detail["evidence"] and detail["claims"]["cluster_id"]
        for span in detail["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_clusters_control_and_timeline_are_the_clis(demo_db: Path, api: TestClient) -> None:
    clusters = cli_json(demo_db, "clusters", "--format", "json")
    assert api.get("/api/clusters?limit=1").json()["total"] == len(clusters)
    several = api.get("/api/clusters?min_claims=2&limit=100").json()["clusters"]
    assert {c["cluster_id"] for c in several} == {c["cluster_id"] for c in clusters if c["claim_count"] >= 2}
    for at in ("2016-03-01", "2018-12-15"):
        assert api.get(f"/api/control?at={at}").json()["places"] == cli_json(
            demo_db, "control", "--at", at, "-f", "json"
        )
    place = next(
        row for row in cli_json(demo_db, "control", "--at", "2019-01-15", "-f", "json") if row["claims"]
    )
    timeline = cli_json(demo_db, "timeline", place["place_id"], "-f", "json")
    answer = api.get(f"/api/places/{place['place_id']}").json()
    assert answer["intervals"] == timeline["intervals"] and answer["events"] >= 1
    shapes = api.get("/api/control?at=2018-12-15&format=geojson").json()
    assert any(f["properties"]["kind"] == "area" and f["geometry"]["type"] in ("Polygon", "MultiPolygon")
               for f in shapes["features"])  # fmt: skip
