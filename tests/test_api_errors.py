"""Bad requests to the REST API get a 4xx with a message, never a 500: a table of bad inputs for every endpoint,
then generated query strings (hypothesis) against `/api/events`, and a server with no database behind it."""

from __future__ import annotations

import hashlib
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import HandEvent
from frontlines.api import create_app
from frontlines.settings import Settings

TOKEN = "t0ken-for-the-api-tests-0123456789"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import store_events

    events = [
        HandEvent(hashlib.sha1(str(n).encode()).hexdigest()[:20], event_date=f"2016-0{n}-01") for n in (1, 2)
    ]
    return store_events(tmp_path_factory.mktemp("api-errors") / "e.db", events)


@pytest.fixture(scope="module")
def api(db: Path) -> TestClient:
    return TestClient(create_app(Settings(db=str(db))), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def writer(db: Path) -> TestClient:
    client = TestClient(create_app(Settings(db=str(db), api_token=TOKEN)), raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {TOKEN}"
    return client


BAD_READS = [
    ("/api/events?since=yesterday", 422),
    ("/api/events?since=2016-02-30", 422),
    ("/api/events?until=2016-13-01", 422),
    ("/api/events?since=2016-03-01&until=2016-01-01", 400),
    ("/api/events?bbox=1,2,3", 400),
    ("/api/events?bbox=a,b,c,d", 400),
    ("/api/events?bbox=nan,1,2,3", 400),
    ("/api/events?bbox=inf,1,2,3", 400),
    ("/api/events?bbox=-200,30,40,40", 400),
    ("/api/events?bbox=30,-91,40,40", 400),
    ("/api/events?bbox=40,30,30,40", 400),
    ("/api/events?bbox=", 400),
    ("/api/events?sub_event_type=Skirmish", 400),
    ("/api/events?min_sources=0", 422),
    ("/api/events?min_sources=-1", 422),
    ("/api/events?min_sources=many", 422),
    ("/api/events?limit=0", 422),
    ("/api/events?limit=5001", 422),
    ("/api/events?limit=1e3", 422),
    ("/api/events?cursor=not-a-cursor", 400),
    ("/api/events?cursor=WyJ4Il0", 400),  # a cursor of one value
    ("/api/events?cursor=WzEsMl0", 400),  # numbers, not a date and an id
    ("/api/events?cursor=WyJub3QtYS1kYXRlIiwiYWJjIl0", 400),  # not a date
    ("/api/events?cursor=" + "A" * 500, 422),
    ("/api/events?format=kml", 422),
    ("/api/events/ab", 400),
    ("/api/events/" + "a" * 300, 400),
    ("/api/events/zzzzzzzzzzzzzzzzzzzz", 404),
    ("/api/documents?limit=-1", 422),
    ("/api/documents?cursor=WyJ4Il0", 400),  # a string where a position belongs
    ("/api/documents?cursor=W3RydWVd", 400),  # true is not a position
    ("/api/documents/" + "b" * 64, 404),
    ("/api/clusters?min_claims=0", 422),
    ("/api/clusters?conflicts=perhaps", 422),
    ("/api/clusters?cursor=%00", 400),
    ("/api/places/nowhere:1", 404),
    ("/api/places/" + "p" * 300, 400),
    ("/api/control", 422),
    ("/api/control?at=2016-02-31", 422),
    ("/api/control?at=2016-02-01&format=kml", 422),
    ("/api/control?at=2016-02-01&areas=maybe", 422),
    ("/api/nothing-here", 404),
]


@pytest.mark.parametrize(("url", "status"), BAD_READS)
def test_bad_reads_get_a_4xx_with_a_message(api: TestClient, url: str, status: int) -> None:
    answer = api.get(url)
    assert answer.status_code == status, answer.text
    detail = answer.json()["detail"]
    assert detail and (isinstance(detail, str) or detail[0]["msg"])


BAD_WRITES = [
    ("/api/corrections", {}, 422),
    ("/api/corrections", {"event_id": "", "field": "fatalities", "value": 1}, 422),
    ("/api/corrections", {"event_id": "abcd", "field": "no_such_field", "value": 1}, 400),
    ("/api/corrections", {"event_id": "abcd", "field": "event_id", "value": "x"}, 400),
    ("/api/corrections", {"event_id": "zzzzzzzz", "field": "fatalities", "value": 1}, 404),
    ("/api/corrections", {"event_id": "ab", "field": "fatalities", "value": 1}, 400),
    ("/api/corrections", {"event_id": "abcd", "field": "not_an_event", "value": "yes"}, 400),
    ("/api/corrections", [1, 2], 422),
    ("/api/documents", {"text": 12345}, 422),
    ("/api/documents", {"url": "ftp://example.org/a.txt"}, 422),
    ("/api/documents", {"url": "not a url"}, 422),
    ("/api/documents", {}, 422),
    ("/api/documents", "just a string", 422),
]


@pytest.mark.parametrize(("path", "body", "status"), BAD_WRITES)
def test_bad_writes_get_a_4xx_with_a_message(
    writer: TestClient, path: str, body: object, status: int
) -> None:
    answer = writer.post(path, json=body)
    assert answer.status_code == status, answer.text
    assert answer.json()["detail"]


def test_a_body_that_is_not_json_is_a_4xx(writer: TestClient) -> None:
    answer = writer.post(
        "/api/corrections", content=b"\xff\xfe{not json", headers={"Content-Type": "application/json"}
    )
    assert answer.status_code in (400, 422) and answer.json()["detail"]


def test_an_oversized_body_is_refused_before_it_is_read(db: Path) -> None:
    client = TestClient(create_app(Settings(db=str(db), api_token=TOKEN, max_bytes=1000)))
    answer = client.post(
        "/api/documents", json={"text": "x" * 100_000}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert answer.status_code == 413


PARAMETERS = ("since", "until", "bbox", "admin1", "actor", "sub_event_type", "source", "min_sources", "limit",
              "cursor", "format")  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(str),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=0, max_size=5).map(
        lambda xs: ",".join(map(str, xs))
    ),
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=5))
def test_no_query_string_gets_a_500(api: TestClient, query: list[tuple[str, str]]) -> None:
    answer = api.get("/api/events", params=query)
    assert answer.status_code in (200, 400, 422), (query, answer.text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=60).filter(lambda s: s.strip("/.")))
def test_no_id_gets_a_500(api: TestClient, given_id: str) -> None:
    for base in ("/api/events/", "/api/documents/", "/api/places/"):
        answer = api.get(base + urllib.parse.quote(given_id, safe=""))
        assert answer.status_code < 500, (base, given_id, answer.text)


def test_no_database_is_a_503_that_says_so(tmp_path: Path) -> None:
    api = TestClient(create_app(Settings(db=str(tmp_path / "none.db"))), raise_server_exceptions=False)
    answer = api.get("/api/events")
    assert answer.status_code == 503 and "no database" in answer.json()["detail"]
    assert not (tmp_path / "none.db").exists()  # a read-only server never creates one


def test_not_a_database_is_a_503(tmp_path: Path) -> None:
    (tmp_path / "text.db").write_text("not sqlite at all " * 100)
    api = TestClient(create_app(Settings(db=str(tmp_path / "text.db"))), raise_server_exceptions=False)
    assert api.get("/api/meta").status_code == 503


def test_concurrent_requests_each_use_their_own_connection(api: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    urls = [
        "/api/events",
        "/api/stats",
        "/api/control?at=2016-03-01",
        "/api/events?admin1=Aleppo&limit=1",
    ] * 10
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda url: api.get(url).status_code, urls))
    assert statuses == [200] * len(urls)


def test_events_db_fixture_is_used(events_db: Callable[..., Path]) -> None:
    # The factory the other API tests build stores with: an event of an unknown actor pair still lists.
    db = events_db(HandEvent("0" * 20, actor1=None))
    api = TestClient(create_app(Settings(db=str(db))))
    assert api.get("/api/events").json()["events"][0]["actor1"] is None
