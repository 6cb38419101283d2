"""The map page as the app serves it (frontlines.web.mount_web), without a browser: the page, its headers,
its libraries from node_modules, the basemap, the settings it reads, and what the page's code may never do
(fetch from outside, build HTML from strings). The browser tests are in test_web_browser.py."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
import shapely
from fastapi.testclient import TestClient
from shapely.geometry import shape

from frontlines.api import create_app
from frontlines.settings import Settings, load_settings
from frontlines.store import Store
from frontlines.web import BASEMAP, STATIC, content_security_policy, web_status

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "web.db"
    with Store.open(path):
        pass
    return path


def client(db: Path, **settings: str) -> TestClient:
    return TestClient(create_app(Settings(db=str(db), **settings)))  # type: ignore[arg-type]


def test_node_modules_were_installed_by_the_install_script() -> None:
    status = web_status(Settings())
    assert status.ok, f"{status.message()} (scripts/test.sh runs scripts/install_web.sh first)"


def test_the_page_is_served_at_the_root_with_a_strict_content_security_policy(db: Path) -> None:
    with client(db) as http:
        page = http.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<div id="map"' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "require-trusted-types-for 'script'" in policy
    assert "connect-src 'self';" in policy  # offline by default: no other origin at all
    assert page.headers["x-content-type-options"] == "nosniff"


def test_the_vendored_maplibre_and_the_page_modules_are_served(db: Path) -> None:
    with client(db) as http:
        for path in (
            "/web/vendor/maplibre-gl/maplibre-gl.mjs",
            "/web/vendor/maplibre-gl/maplibre-gl-worker.mjs",
            "/web/static/js/main.js",
        ):
            answer = http.get(path)
            assert answer.status_code == 200, path
            assert "javascript" in answer.headers["content-type"], path
        css = http.get("/web/vendor/maplibre-gl/maplibre-gl.css")
        assert css.status_code == 200 and ".maplibregl-map" in css.text
        assert http.get("/web/static/../../__init__.py").status_code == 404


def test_the_page_config_names_no_tiles_by_default_and_gives_the_taxonomy(db: Path) -> None:
    with client(db) as http:
        config = http.get("/web/config.json").json()
    assert config["tiles"] is None
    assert "Government regains territory" in config["taxonomy"]["Battles"]


def test_an_online_tile_url_is_passed_to_the_page_and_allowed_by_the_policy(db: Path) -> None:
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    with client(db, map_tiles=tiles, map_tiles_attribution="© Example contributors") as http:
        config = http.get("/web/config.json").json()
        policy = http.get("/").headers["content-security-policy"]
    assert config["tiles"] == tiles and config["tiles_attribution"] == "© Example contributors"
    assert "img-src 'self' data: blob: https://tiles.example.org;" in policy
    assert "connect-src 'self' https://tiles.example.org;" in policy


@pytest.mark.parametrize(
    "bad",
    [
        "javascript:alert(1)//{z}/{x}/{y}",
        "https://tiles.example.org/{z}/{x}.png",
        "https://tiles.example.org/{z}/{x}/{y}.png'; script-src *",
        "ftp://tiles.example.org/{z}/{x}/{y}.png",
    ],
)
def test_a_tile_url_that_is_not_an_http_template_is_refused_with_its_name(bad: str) -> None:
    with pytest.raises(ValueError, match="setting map_tiles"):
        load_settings(env={"FRONTLINES_MAP_TILES": bad})


def test_missing_libraries_leave_the_api_working_and_say_how_to_install_them(
    db: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    empty = tmp_path / "no_modules"
    empty.mkdir()
    with caplog.at_level(logging.WARNING, logger="frontlines.web"), client(db, web_assets=str(empty)) as http:
        page = http.get("/")
        meta = http.get("/api/meta")
    assert page.status_code == 503
    assert "scripts/install_web.sh" in page.text
    assert meta.status_code == 200
    assert any("web map unavailable" in r.message and "install_web.sh" in r.message for r in caplog.records)


def test_the_basemap_has_syria_its_neighbours_and_its_fourteen_governorates() -> None:
    collection = json.loads(BASEMAP.read_text(encoding="utf-8"))
    countries = {
        f["properties"]["name"] for f in collection["features"] if f["properties"]["layer"] == "country"
    }
    governorates = [f for f in collection["features"] if f["properties"]["layer"] == "admin1"]
    assert {"Syria", "Turkey", "Iraq", "Jordan", "Lebanon"} <= countries
    assert (
        len({f["properties"]["code"] for f in governorates if f["properties"]["code"].startswith("SY.")})
        == 14
    )
    syria = shape(next(f["geometry"] for f in collection["features"] if f["properties"]["name"] == "Syria"))
    aleppo = shape(next(f["geometry"] for f in governorates if f["properties"]["name"] == "Aleppo"))
    assert all(shape(f["geometry"]).is_valid for f in collection["features"])
    assert syria.contains(shapely.Point(37.16, 36.2))  # Aleppo city
    assert aleppo.contains(shapely.Point(37.16, 36.2))
    assert not aleppo.contains(shapely.Point(36.29, 33.51))  # Damascus
    provenance = json.loads((BASEMAP.parent / "basemap.provenance.json").read_text(encoding="utf-8"))
    assert "public domain" in provenance["countries"]["source"]
    assert "public domain" in provenance["governorates"]["source"]


def _page_files() -> list[Path]:
    return [p for p in STATIC.rglob("*") if p.suffix in {".js", ".html", ".css"}]


def test_the_page_references_no_other_origin() -> None:
    """Offline: no CDN, web font, or tile server is named in the page's own files."""
    for path in _page_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", text, re.I), path


def test_the_page_code_never_turns_strings_into_markup_or_code() -> None:
    forbidden = re.compile(
        r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\("
    )
    for path in STATIC.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert not forbidden.search(text), f"{path}: {forbidden.search(text)}"


def test_the_policy_allows_only_the_apps_origin_without_tiles() -> None:
    policy = content_security_policy(Settings())
    origins = re.findall(r"https?://\S+", policy)
    assert origins == []
