"""The map page in Debian's Chromium, driven by Playwright with the system browser (frontlines.web.browser),
on the demo corpus extracted into a fresh database and served by uvicorn on a loopback port: the events are
drawn, the date slider redraws control, an event opens with its evidence highlighted, and markup inside an
article is shown as text and never runs. Every request outside loopback is refused and none may be tried.

A missing Chromium or Playwright FAILS these tests (scripts/test.sh installs both); set
FRONTLINES_SKIP_BROWSER=1 to leave them out on purpose.
"""

from __future__ import annotations

import json
import os
import struct
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.workflow import extract_into, ingest_into

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"

if os.environ.get("FRONTLINES_SKIP_BROWSER") == "1":
    pytest.skip("FRONTLINES_SKIP_BROWSER=1: browser tests left out on purpose", allow_module_level=True)

try:
    from frontlines.web.browser import CHROMIUM, Browser, chromium, playwright, screenshot, serving
except ImportError as exc:  # playwright is a dev dependency
    pytest.fail(f"playwright is not installed ({exc}): run bash scripts/install.sh", pytrace=False)


@pytest.fixture(scope="module", autouse=True)
def _system_chromium() -> None:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run bash scripts/install_chromium.sh", pytrace=False)


@pytest.fixture(scope="module")
def demo_db(pipeline, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("web-demo") / "demo.db"
    with Store.open(db) as store:
        ingest_into(store, [str(DEMO)], Settings())
        done = extract_into(store, pipeline)
        assert done.fusion is not None and done.fusion_error is None
    return db


@pytest.fixture(scope="module")
def site(demo_db: Path) -> Iterator[str]:
    with serving(Settings(db=str(demo_db))) as url:
        yield url


@pytest.fixture(scope="module")
def driver():  # type: ignore[no-untyped-def]
    with playwright() as running:
        yield running


@pytest.fixture(scope="module")
def page(driver, site: str, request: pytest.FixtureRequest) -> Iterator[Browser]:  # type: ignore[no-untyped-def]
    with chromium(driver) as browser:
        seconds = browser.load(site)
        line = f"map page load time: {seconds:.2f} s (page timings, ms: {browser.timings()})"
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:  # shown in every run, not only with -s
            reporter.write_line(f"\n{line}")
        else:
            print(line)
        yield browser


def api(site: str, path: str) -> Any:
    with urllib.request.urlopen(f"{site}{path}", timeout=30) as answer:
        return json.load(answer)


def rendered(page: Browser, layer: str) -> list[dict[str, Any]]:
    """The features MapLibre drew in ``layer`` (their properties), deduplicated across tiles."""
    return list(
        page.page.evaluate(
            """(layer) => {
                const seen = new Map();
                for (const f of window.frontlines.map.queryRenderedFeatures({layers: [layer]})) {
                    const p = f.properties;
                    seen.set(p.cluster_id ?? p.event_id ?? p.place_id ?? JSON.stringify(p), p);
                }
                return [...seen.values()];
            }""",
            layer,
        )
    )


def test_the_page_loads_offline_and_draws_every_located_event(page: Browser, site: str) -> None:
    located = [f for f in api(site, "api/events?format=geojson&limit=5000")["features"] if f["geometry"]]
    points = rendered(page, "events-point")
    clusters = rendered(page, "events-clusters")
    assert clusters, "the demo corpus is dense enough around Aleppo to be clustered at the first zoom"
    assert len(points) + sum(c["point_count"] for c in clusters) == len(located) > 50
    labels = page.page.locator(".cluster-count")
    assert labels.count() == len(clusters)
    assert page.page.locator("body").get_attribute("data-events") == str(len(located))
    assert page.page.locator("#status").text_content().startswith(f"{len(located)} events on the map")
    assert page.outside == [], "the page tried to reach the internet"
    assert page.requests and all(url.startswith(site) for url in page.requests)
    assert page.console_errors == []  # a Content-Security-Policy or Trusted Types violation is logged here


def holder_at(page: Browser, date: str, place_id: str) -> dict[str, Any]:
    """Move the slider to ``date`` as a user does (the input's value and its input/change events), wait for
    control on that day to be drawn, and return the drawn place."""
    day = page.page.evaluate("(d) => Math.round(Date.parse(d + 'T00:00:00Z') / 86400000)", date)
    page.page.locator("#control-slider").fill(str(day))
    page.page.wait_for_function("(d) => document.body.dataset.controlDate === d", arg=date)
    page.page.evaluate("() => window.frontlines.idle()")
    assert page.page.locator("#control-date").text_content() == date
    drawn = [p for p in rendered(page, "control-places") if p["place_id"] == place_id]
    assert len(drawn) == 1, f"{place_id} not drawn on {date}"
    return drawn[0]


@pytest.mark.parametrize(
    ("place_id", "before", "holder_before", "during", "after", "holder_after"),
    [
        ("C8046", "2016-06-10", "jaish-al-fatah", "2016-06-12", "2016-07-15", "syria-military"),  # Khalsa
        ("geonames:174506", "2018-12-13", "islamic-state", "2018-12-15", "2019-01-15", "sdf"),  # Hajin
    ],
    ids=["Khalsa", "Hajin"],
)
def test_moving_the_slider_redraws_control(
    page: Browser, place_id: str, before: str, holder_before: str, during: str, after: str, holder_after: str
) -> None:
    first = holder_at(page, before, place_id)
    assert (first["status"], first["holder_id"]) == ("held", holder_before)
    summary_before = page.page.locator("#control-summary").text_content()
    fought = holder_at(page, during, place_id)
    assert fought["status"] == "contested"
    assert "contested" in page.page.locator("#control-summary").text_content()
    last = holder_at(page, after, place_id)
    assert (last["status"], last["holder_id"]) == ("held", holder_after)
    assert page.page.locator("#control-summary").text_content() != summary_before
    areas = rendered(page, "control-areas")
    assert any(a["holder_id"] == holder_after for a in areas), "derived areas are shaded by holder"


def click_event(page: Browser, event_id: str, lon: float, lat: float) -> None:
    """Zoom to the event and click its circle as a user would; a list of events opens when several share
    the spot, and the event is then picked from it."""
    page.page.evaluate(
        "([lon, lat]) => window.frontlines.map.jumpTo({center: [lon, lat], zoom: 13})", [lon, lat]
    )
    page.page.evaluate("() => window.frontlines.idle()")
    x, y = page.page.evaluate(
        "([lon, lat]) => { const p = window.frontlines.map.project([lon, lat]); return [p.x, p.y]; }",
        [lon, lat],
    )
    box = page.page.locator("#map").bounding_box()
    assert box is not None
    page.page.mouse.click(box["x"] + x, box["y"] + y)
    listed = page.page.locator(f'#panel .event-list button[data-event="{event_id}"]')
    opened = page.page.locator(f'#panel .event-head[data-event="{event_id}"]')
    listed.or_(opened).wait_for()
    if listed.count():
        listed.click()
    opened.wait_for()


def test_clicking_an_event_opens_its_claims_and_highlighted_evidence(page: Browser, site: str) -> None:
    events = api(site, "api/events?format=geojson&limit=5000")["features"]
    army = next(
        f
        for f in events
        if f["properties"]["place_id"] == "C8046"
        and f["properties"]["sub_event_type"] == "Government regains territory"
    )
    event_id = army["properties"]["event_id"]
    detail = api(site, f"api/events/{event_id}")
    click_event(page, event_id, *army["geometry"]["coordinates"])
    panel = page.page.locator("#panel")
    assert panel.locator("h2").first.text_content() == "Government regains territory"
    for field in ("trigger", "place"):
        span = next(e for e in detail["evidence"] if e["field"] == field)
        marks = panel.locator(f".report-text mark.hl-{field}").all_text_contents()
        assert "".join(marks) == span["text"], field
    sentence = next(e for e in detail["evidence"] if e["field"] == "sentence")
    assert "".join(panel.locator(".report-text mark.hl-sentence").all_text_contents()) == sentence["text"]
    assert panel.locator(".report-text").text_content() == detail["document"]["text"]
    independent = panel.locator(".independent li").all_text_contents()
    assert sorted(independent) == sorted(detail["claims"]["independent_sources"]) and len(independent) == 2
    assert panel.locator('.conflict[data-kind="holder"]').count() == 1
    assert " → ".join(detail["event"]["source_chain"]) in panel.locator(".facts").text_content()
    other = next(c["event_id"] for c in detail["claims"]["claims"] if c["event_id"] != event_id)
    panel.locator(f'.claims button[data-event="{other}"]').click()
    page.page.locator(f'#panel .event-head[data-event="{other}"]').wait_for()
    assert page.outside == [] and page.console_errors == []


def test_highlighting_cuts_overlapping_spans_and_counts_offsets_as_python_does(page: Browser) -> None:
    """dom.highlighted on a text with a character outside the BMP (two UTF-16 units, one Python index)."""
    result = page.page.evaluate(
        """async () => {
            const dom = await import('./web/static/js/dom.js');
            const text = 'A 😀 shelled Tal Sheikh today';
            const units = dom.codePointOffsets(text);
            const spans = [
                {start: units(0), end: units(27), kind: 'sentence', label: 's'},
                {start: units(4), end: units(11), kind: 'trigger', label: 't'},
                {start: units(12), end: units(22), kind: 'place', label: 'p'},
            ];
            const box = document.createElement('div');
            box.appendChild(dom.highlighted(text, spans));
            return {
                text: box.textContent,
                marks: [...box.querySelectorAll('mark')].map((m) => [m.dataset.kinds, m.textContent]),
            };
        }"""
    )
    assert result["text"] == "A 😀 shelled Tal Sheikh today"
    assert ["sentence trigger", "shelled"] in result["marks"]
    assert ["sentence place", "Tal Sheikh"] in result["marks"]
    assert result["marks"][0] == ["sentence", "A 😀 "]


HOSTILE = (
    "Troops retake Khan Tuman\n"
    "Source: Test Wire\nPublished: 2016-05-10\n\n"
    "ALEPPO, May 10 (Test Wire) - Syrian army troops recaptured the village of Khan Tuman in southern Aleppo "
    "on Sunday, killing 12 militants, a field commander said. <script>window.__pwned=1</script> Residents "
    'posted <img src=x onerror="window.__pwned=1"> pictures of the <b onmouseover="window.__pwned=1">ruins</b>.\n'
)


@pytest.fixture(scope="module")
def hostile_site(pipeline, tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("web-hostile")
    (folder / "report.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "hostile.db"
    with Store.open(db) as store:
        ingest_into(store, [str(folder / "report.txt")], Settings())
        extract_into(store, pipeline)
    with serving(Settings(db=str(db))) as url:
        yield url


def test_markup_in_an_article_is_shown_as_text_and_never_runs(driver, hostile_site: str) -> None:  # type: ignore[no-untyped-def]
    events = api(hostile_site, "api/events?format=geojson")["features"]
    assert len(events) == 1
    event = events[0]
    with chromium(driver) as browser:
        browser.load(hostile_site)
        click_event(browser, event["properties"]["event_id"], *event["geometry"]["coordinates"])
        panel = browser.page.locator("#panel")
        text = panel.locator(".report-text").text_content()
        assert "<script>window.__pwned=1</script>" in text
        assert '<img src=x onerror="window.__pwned=1">' in text
        assert '<b onmouseover="window.__pwned=1">ruins</b>' in text
        assert panel.locator("script, img, b").count() == 0
        browser.page.locator(".report-text").hover()
        browser.page.wait_for_timeout(500)  # an onerror or onmouseover would have run by now
        assert browser.page.evaluate("() => window.__pwned") is None
        assert browser.outside == []


def test_the_screenshot_of_the_demo_map(driver, demo_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """scripts/screenshot_map.py's code writes a PNG of the page (the README's docs/img/map.png)."""
    out = tmp_path / "map.png"
    result = screenshot(Settings(db=str(demo_db)), out, date="2016-07-15", driver=driver)
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1400, 900)
    assert out.stat().st_size > 50_000  # a drawn map, not a blank page
    assert result["outside"] == []
