"""The REST API (frontlines.api) with FastAPI's test client, over small stores written by hand: every filter of
`/api/events`, pagination, event detail with evidence, the other read endpoints, errors, the token and
read-only mode. Bad input is tested in tests/test_api_errors.py, the demo corpus in tests/test_api_demo.py."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import HandEvent, store_events
from frontlines.api import create_app
from frontlines.api.models import DocumentPage, EventDetail, EventPage
from frontlines.fuse.stored import fuse_store
from frontlines.settings import Settings
from frontlines.store import Store

TOKEN = "t0ken-for-the-api-tests-0123456789"


def hexid(name: str) -> str:
    return hashlib.sha1(name.encode()).hexdigest()[:20]


EVENTS = [
    HandEvent(hexid("e1"), event_date="2016-02-07", admin1="Aleppo", latitude=36.2, longitude=37.1),
    HandEvent(
        hexid("e2"),
        location="Saraqib",
        event_date="2016-03-01",
        admin1="Idlib",
        latitude=35.86,
        longitude=36.8,
        sub_event_type="Armed clash",
        actor2=("hts", "Hayat Tahrir al-Sham"),
        source_chain=("SOHR",),
        outlet="Enab Baladi",
    ),
    HandEvent(
        hexid("e3"),
        location="Palmyra",
        text="Islamic State fighters overran Palmyra on Thursday, Reuters said.",
        event_date="2017-03-02",
        admin1="Homs",
        latitude=34.55,
        longitude=38.27,
        actor1=("isis", "Islamic State (Iraq and Syria)"),
        sub_event_type="Non-state actor overtakes territory",
        outlet="Reuters",
        source_chain=("Reuters",),
    ),
    HandEvent(
        hexid("e4"),
        location="Unknown Hill",
        event_date="2015-05-05",
        admin1=None,
        place_id=None,
        latitude=None,
        longitude=None,
        outlet="SANA",
    ),  # fmt: skip
    HandEvent(
        hexid("e5"),
        event_date="2016-02-08",
        admin1="Aleppo",
        latitude=36.21,
        longitude=37.12,
        outlet="Al-Masdar",
        source_chain=("SANA", "Al-Masdar"),
    ),  # fmt: skip
]


def client_for(db: Path, token: str | None = None) -> TestClient:
    return TestClient(create_app(Settings(db=str(db), api_token=token)))


@pytest.fixture
def db(events_db: Callable[..., Path]) -> Path:
    return events_db(*EVENTS)


@pytest.fixture
def api(db: Path) -> TestClient:
    return client_for(db)


def ids(answer: Any) -> list[str]:
    body = answer.json()
    assert answer.status_code == 200, body
    return [e["event_id"] for e in body["events"]]


def test_events_are_contract_rows_newest_first_with_a_total(api: TestClient) -> None:
    answer = api.get("/api/events")
    page = EventPage.model_validate(answer.json())  # the answer is what the OpenAPI schema says
    assert page.total == 5 and page.next_cursor is None
    assert ids(answer) == [hexid(n) for n in ("e3", "e2", "e5", "e1", "e4")]
    first = answer.json()["events"][0]
    assert first["latitude"] == 34.55 and first["longitude"] == 38.27 and first["location"] == "Palmyra"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("since=2016-02-08", ["e3", "e2", "e5"]),
        ("until=2016-02-08", ["e5", "e1", "e4"]),
        ("since=2016-02-07&until=2016-03-01", ["e2", "e5", "e1"]),
        ("bbox=37.0,36.0,37.2,36.3", ["e5", "e1"]),
        ("bbox=36.7,35.8,38.3,34.6", None),  # min above max: refused below
        ("admin1=aleppo", ["e5", "e1"]),
        ("admin1=Aleppo&admin1=HOMS", ["e3", "e5", "e1"]),
        ("admin1=Nowhere", []),
        ("actor=hts", ["e2"]),
        ("actor=islamic state (iraq and syria)", ["e3"]),
        ("actor=syria-military", ["e2", "e5", "e1", "e4"]),
        ("sub_event_type=Armed clash", ["e2"]),
        ("sub_event_type=Armed clash&sub_event_type=Non-state actor overtakes territory", ["e3", "e2"]),
        ("source=sohr", ["e2"]),
        ("source=SANA", ["e5", "e1", "e4"]),  # in a claim chain (e5), or the report's outlet (e1, e4)
        ("source=Enab Baladi", ["e2"]),
        ("admin1=Aleppo&since=2016-02-08", ["e5"]),
        ("admin1=Aleppo&actor=hts", []),
    ],
)
def test_every_filter(api: TestClient, query: str, expected: list[str] | None) -> None:
    answer = api.get(f"/api/events?{query}")
    if expected is None:
        assert answer.status_code == 400
        return
    assert ids(answer) == [hexid(n) for n in expected]
    assert answer.json()["total"] == len(expected)


def test_min_sources_counts_the_independent_sources_of_the_incident(events_db: Callable[..., Path]) -> None:
    same = {"event_date": "2016-02-07", "admin1": "Aleppo", "latitude": 36.2, "longitude": 37.1}
    db = events_db(
        HandEvent(hexid("a"), source_chain=("SANA",), outlet="SANA", **same),
        HandEvent(hexid("b"), source_chain=("SOHR",), outlet="SOHR", text="Troops took Tal Sheikh.", **same),
        HandEvent(
            hexid("c"), location="Saraqib", place_id="geonames:2", event_date="2013-01-01", admin1="Idlib"
        ),
    )
    api = client_for(db)
    assert ids(api.get("/api/events?min_sources=2")) == []  # never fused: no incident has two sources
    with Store.open(db) as store:
        fuse_store(store)
    assert sorted(ids(api.get("/api/events?min_sources=2"))) == sorted([hexid("a"), hexid("b")])
    assert api.get("/api/events?min_sources=2&limit=1").json()["total"] == 2
    assert ids(api.get("/api/events?min_sources=1")) == [hexid("b"), hexid("a"), hexid("c")]
    detail = api.get(f"/api/events/{hexid('a')}").json()
    assert sorted(detail["claims"]["independent_sources"]) == ["SANA", "SOHR"]
    assert {c["event_id"] for c in detail["claims"]["claims"]} == {hexid("a"), hexid("b")}


def walk(api: TestClient, query: str, limit: int) -> tuple[list[str], set[int]]:
    seen: list[str] = []
    totals: set[int] = set()
    url = f"/api/events?{query}&limit={limit}"
    while True:
        body = api.get(url).json()
        totals.add(body["total"])
        assert len(body["events"]) <= limit
        seen += [e["event_id"] for e in body["events"]]
        if body["next_cursor"] is None:
            return seen, totals
        url = f"/api/events?{query}&limit={limit}&cursor={body['next_cursor']}"


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_pages_cover_every_event_once_in_order(api: TestClient, limit: int) -> None:
    seen, totals = walk(api, "until=2016-12-31", limit)
    assert seen == [hexid(n) for n in ("e2", "e5", "e1", "e4")]
    assert totals == {4}


def test_a_cursor_is_stable_when_events_are_added_before_it(db: Path, api: TestClient) -> None:
    first = api.get("/api/events?limit=2").json()
    store_events(db, [HandEvent(hexid("newest"), event_date="2018-01-01")])  # would be first in the order
    rest = api.get(f"/api/events?limit=10&cursor={first['next_cursor']}").json()
    assert [e["event_id"] for e in rest["events"]] == [hexid(n) for n in ("e5", "e1", "e4")]
    assert rest["total"] == 6


def test_corrections_are_applied_before_filtering_and_ordering(db: Path, api: TestClient) -> None:
    with Store.open(db) as store:
        store.add_correction(hexid("e1"), "sub_event_type", "Armed clash")
        store.add_correction(hexid("e4"), "event_date", "2016-03-01")
        store.mark_not_an_event(hexid("e2"), note="an old battle")
    assert ids(api.get("/api/events?sub_event_type=Armed clash")) == [hexid("e1")]
    assert ids(api.get("/api/events?sub_event_type=Government regains territory")) == [
        hexid("e4"),
        hexid("e5"),
    ]
    seen, totals = walk(api, "since=2000-01-01", 1)  # corrected events interleave with the others by date
    assert seen == [hexid(n) for n in ("e3", "e4", "e5", "e1")] and totals == {4}
    corrected = api.get(f"/api/events/{hexid('e1')}").json()["event"]
    assert corrected["sub_event_type"] == "Armed clash" and "sub_event_type" in corrected["corrected"]
    assert api.get(f"/api/events/{hexid('e2')}").status_code == 404  # not an event


def test_geojson_is_the_same_page_as_features(api: TestClient) -> None:
    answer = api.get("/api/events?format=geojson&limit=4")
    assert answer.headers["content-type"].startswith("application/geo+json")
    body = answer.json()
    assert body["type"] == "FeatureCollection" and body["total"] == 5 and body["next_cursor"]
    assert [f["id"] for f in body["features"]] == ids(api.get("/api/events?limit=4"))
    palmyra = body["features"][0]
    assert palmyra["geometry"] == {"type": "Point", "coordinates": [38.27, 34.55]}
    assert "latitude" not in palmyra["properties"] and palmyra["properties"]["location"] == "Palmyra"
    last = api.get(f"/api/events?format=geojson&cursor={body['next_cursor']}").json()
    assert [f["geometry"] for f in last["features"]] == [None]  # no coordinates: a null geometry


def test_event_detail_has_evidence_spans_into_its_report(api: TestClient) -> None:
    answer = api.get(f"/api/events/{hexid('e3')[:6]}")  # a unique start of the id
    detail = EventDetail.model_validate(answer.json())
    text = detail.document.text
    assert answer.json()["event"]["event_id"] == hexid("e3")
    assert {e.field for e in detail.evidence} == {"sentence", "place"}
    for span in detail.evidence:
        assert text[span.start : span.end] == span.text
    assert detail.document.outlet == "Reuters" and detail.claims.source_chain == ["Reuters"]
    assert detail.claims.cluster_id is None  # never fused
    assert api.get("/api/events/0123456789abcdef0123").status_code == 404
    assert api.get("/api/events/ab").status_code == 400  # too short to name an event


def test_documents_are_paged_and_have_their_text(api: TestClient) -> None:
    first = api.get("/api/documents?limit=3").json()
    page = DocumentPage.model_validate(first)
    assert page.total == 5 and len(page.documents) == 3 and page.next_cursor
    rest = api.get(f"/api/documents?limit=3&cursor={page.next_cursor}").json()
    listed = [d.id for d in page.documents] + [d["id"] for d in rest["documents"]]
    assert len(set(listed)) == 5 and rest["next_cursor"] is None
    one = api.get(f"/api/documents/{listed[2]}").json()
    assert hexid("e3") in one["text"] and one["event_ids"] == [hexid("e3")]
    assert api.get("/api/documents/nope").status_code == 404


def test_place_timeline_control_and_unresolved(api: TestClient) -> None:
    place = api.get("/api/places/geonames:1").json()
    assert place["place"]["place_id"] == "geonames:1" and place["events"] == 4
    assert [iv["holder_id"] for iv in place["intervals"]][:1] == ["syria-military"]
    assert place["intervals"][0]["claims"][0]["sentence"]
    assert api.get("/api/places/geonames:999").status_code == 404
    control = api.get("/api/control?at=2016-02-10").json()
    assert control["date"] == "2016-02-10" and {p["place_id"] for p in control["places"]} >= {"geonames:1"}
    shapes = api.get("/api/control?at=2016-02-10&format=geojson").json()
    kinds = {f["properties"]["kind"] for f in shapes["features"]}
    assert shapes["type"] == "FeatureCollection" and kinds == {"place", "area"}
    assert {f["properties"]["kind"] for f in api.get("/api/control?at=2016-02-10&format=geojson&areas=false")
            .json()["features"]} == {"place"}  # fmt: skip
    [unresolved] = api.get("/api/places/unresolved").json()["places"]
    assert unresolved["location"] == "Unknown Hill" and unresolved["count"] == 1


def test_stats_meta_and_clusters(db: Path, api: TestClient) -> None:
    stats = api.get("/api/stats").json()
    assert stats["documents"] == 5 and stats["events"] == 5 and stats["fusion"] is None
    assert stats["unfused_events"] == 5
    meta = api.get("/api/meta").json()
    assert meta["read_only"] is True and meta["write_endpoints"] == [] and meta["schema_version"] >= 7
    assert api.get("/api/clusters").json() == {"total": 0, "next_cursor": None, "clusters": []}
    with Store.open(db) as store:
        fuse_store(store)
    clusters = api.get("/api/clusters?limit=2").json()
    assert clusters["total"] == 5 and len(clusters["clusters"]) == 2 and clusters["next_cursor"]
    rest = api.get(f"/api/clusters?limit=10&cursor={clusters['next_cursor']}").json()
    assert len({c["cluster_id"] for c in clusters["clusters"] + rest["clusters"]}) == 5
    assert api.get("/api/stats").json()["fusion"]["events"] == 5


def test_docs_work_offline(api: TestClient) -> None:
    html = api.get("/docs").text
    assert "SwaggerUIBundle" in html and "https://" not in html and "http://" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert api.get(f"/static-offline-docs/{asset}").status_code == 200
    schema = api.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/control", "/api/places/{place_id}"} <= set(
        schema["paths"]
    )
    assert "/api/corrections" not in schema["paths"]  # read-only: no write endpoints
    assert set(schema["components"]["schemas"]["EventRow"]["properties"]) >= {
        "event_id",
        "latitude",
        "evidence",
    }


# ----------------------------------------------------------------------------------------- token, writes


def test_a_read_only_server_refuses_writes_and_says_why(api: TestClient) -> None:
    for path in ("/api/corrections", "/api/documents"):
        answer = api.post(path, json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 403 and "read-only" in answer.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token-wrong-token"}, {"Authorization": f"Basic {TOKEN}"},
     {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": "Bearer"}],
)  # fmt: skip
def test_writes_need_the_token(db: Path, headers: dict[str, str]) -> None:
    api = client_for(db, TOKEN)
    answer = api.post("/api/corrections", json={"event_id": hexid("e1"), "field": "fatalities", "value": 4},
                      headers=headers)  # fmt: skip
    assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"
    with Store.open(db) as store:
        assert store.history(hexid("e1"))[1] == []  # nothing written


def authorised(db: Path) -> TestClient:
    api = client_for(db, TOKEN)
    api.headers["Authorization"] = f"Bearer {TOKEN}"
    return api


def test_corrections_through_the_api(db: Path) -> None:
    api = authorised(db)
    assert api.get("/api/meta").json()["read_only"] is False
    answer = api.post("/api/corrections", json={"event_id": hexid("e1")[:8], "field": "fatalities", "value": 4,
                                                "author": "ana", "note": "SOHR count"})  # fmt: skip
    assert answer.status_code == 201
    assert answer.json()["changes"] == [{"event_id": hexid("e1"), "field": "fatalities", "old": 2, "new": 4}]
    assert api.get(f"/api/events/{hexid('e1')}").json()["event"]["fatalities"] == 4
    refused = api.post("/api/corrections", json={"event_id": hexid("e1"), "field": "fatalities", "value": -3})
    assert refused.status_code == 400 and "refused" in refused.json()["detail"]
    unknown = api.post("/api/corrections", json={"event_id": "0123456789abcdef0123", "field": "fatalities",
                                                 "value": 1})  # fmt: skip
    assert unknown.status_code == 404
    blank = api.post(
        "/api/corrections", json={"event_id": hexid("e2"), "field": "not_an_event", "value": True}
    )
    assert blank.status_code == 400  # say why
    retract = {"event_id": hexid("e2"), "field": "not_an_event", "value": True, "note": "a 2013 battle"}
    assert api.post("/api/corrections", json=retract).status_code == 201
    assert hexid("e2") not in ids(api.get("/api/events"))
    assert api.get("/api/events").json()["total"] == 4


def test_ingest_a_text_through_the_api(db: Path) -> None:
    api = authorised(db)
    report = {"text": "Shelling hit the town of Saraqib on Monday, killing three people.", "outlet": "SOHR",
              "published": "2016-04-04", "title": "Saraqib shelled"}  # fmt: skip
    answer = api.post("/api/documents", json=report)
    assert answer.status_code == 201, answer.json()
    [stored] = answer.json()["documents"]
    assert stored["new"] is True
    again = api.post("/api/documents", json=report).json()
    assert again["documents"] == [{"id": stored["id"], "new": False}]
    document = api.get(f"/api/documents/{stored['id']}").json()
    assert document["outlet"] == "SOHR" and document["published"] == "2016-04-04"
    empty = api.post("/api/documents", json={"text": "   ", "outlet": "SOHR"})
    assert empty.status_code == 422 and empty.json()["problems"][0]["kind"] == "no_text"
    neither = api.post("/api/documents", json={"title": "no text, no url"})
    assert neither.status_code == 422 and "url" in neither.json()["detail"]
    local = api.post("/api/documents", json={"url": "file:///etc/passwd"})
    assert local.status_code == 422  # only http(s) is fetched, never a local file


def test_ingest_and_extract_through_the_api(db: Path) -> None:
    api = authorised(db)
    report = {"text": "Syrian army troops recaptured the village of Khan Tuman in southern Aleppo on Sunday, "
                      "SANA reported.", "outlet": "SANA", "published": "2016-02-08"}  # fmt: skip
    answer = api.post("/api/documents?extract=true", json=report)
    assert answer.status_code == 201 and answer.json()["events"] >= 1
    found = api.get("/api/events?source=SANA&since=2016-02-01&until=2016-02-29").json()["events"]
    assert any(e["location"] == "Khan Tuman" for e in found)


def test_rows_stored_before_the_slant_fields_get_them_as_unknown(db: Path, api: TestClient) -> None:
    import json

    with Store.open(db) as store, store.conn.transaction() as conn:  # as rows written before migration 6
        (text,) = conn.execute("SELECT record FROM events WHERE event_id = ?", (hexid("e3"),)).fetchone()
        old = {k: v for k, v in json.loads(text).items() if k not in ("slant", "actor1_label_tone")}
        conn.execute("UPDATE events SET record = ? WHERE event_id = ?", (json.dumps(old), hexid("e3")))
    rows = api.get("/api/events?limit=2").json()["events"]
    assert (
        rows[0]["event_id"] == hexid("e3") and rows[0]["slant"] == [] and rows[0]["actor1_label_tone"] is None
    )
    assert rows[1]["slant"] == [] and "actor2_label_tone" in rows[1]  # a complete row, passed on as stored


def test_ingest_a_url_through_the_api(db: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    page = (
        b"Army shells Saraqib\nPublished: 2016-04-04\n\nArtillery hit Saraqib on Monday, a resident said.\n"
    )

    class Report(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = self.path == "/report.txt"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write(page if found else b"no")

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Report)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        api = authorised(db)
        answer = api.post("/api/documents", json={"url": f"{base}/report.txt"})
        assert answer.status_code == 201, answer.json()
        [stored] = answer.json()["documents"]
        document = api.get(f"/api/documents/{stored['id']}").json()
        assert "Artillery hit Saraqib" in document["text"] and document["published"] == "2016-04-04"
        missing = api.post("/api/documents", json={"url": f"{base}/gone.txt"})
        assert missing.status_code == 422 and missing.json()["problems"][0]["fatal"] is True
    finally:
        httpd.shutdown()


def test_the_token_setting_is_checked_and_never_shown() -> None:
    with pytest.raises(ValueError, match="at least 16"):
        Settings(api_token="short")
    with pytest.raises(ValueError, match="no spaces"):
        Settings(api_token="a token with spaces in it")
    assert Settings(api_token="  ").api_token is None  # empty: read-only
    assert TOKEN not in repr(Settings(api_token=TOKEN))
    from frontlines.settings import load_settings

    assert load_settings(env={"FRONTLINES_API_TOKEN": TOKEN}).api_token == TOKEN
    assert load_settings(env={"FRONTLINES_API_TOKEN": ""}).api_token is None
