"""The demo corpus, extracted and fused the way `frontlines extract demo/corpus` does it: its multi-outlet
incidents come out as one cluster each, with the independent sources and conflicts the reports hold (see
demo/README.md, "Incidents told by several outlets")."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.fuse.records import Cluster
from frontlines.fuse.stored import read_clusters
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.workflow import extract_into, ingest_into

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"


@pytest.fixture(scope="module")
def clusters(pipeline, tmp_path_factory) -> dict[str, Cluster]:  # type: ignore[no-untyped-def]
    """Multi-report clusters by place."""
    with Store.open(tmp_path_factory.mktemp("demo") / "demo.db") as store:
        ingest_into(store, [str(DEMO)], Settings())
        done = extract_into(store, pipeline)
        assert done.fusion is not None and done.fusion_error is None
        found = read_clusters(store)
    return {c.location: c for c in found if len(c.claims) > 1}


def test_two_outlets_relaying_sana_are_one_cluster_of_two_claims_and_one_source(
    clusters: dict[str, Cluster],
) -> None:
    kafr_zita = clusters["Kafr Zita"]
    assert len(kafr_zita.claims) == 2 and kafr_zita.independent_sources == ("SANA",)
    assert {c.outlet for c in kafr_zita.claims} == {"Levant Wire", "Damascus Dispatch"}


def test_a_republished_report_is_one_source_with_its_original(clusters: dict[str, Cluster]) -> None:
    tafas = clusters["Tafas"]
    assert len(tafas.claims) == 2 and tafas.independent_sources == ("Levant Wire",)
    assert [c.outlet for c in tafas.claims if c.copy_of] == ["Hauran Herald"]


def test_independent_witnesses_are_counted_apart(clusters: dict[str, Cluster]) -> None:
    assert len(clusters["Saraqib"].independent_sources) == 2
    inkhil = clusters["Inkhil"]
    assert len(inkhil.claims) == 3 and set(inkhil.independent_sources) == {"SOHR", "Hauran Herald"}


def test_contradictions_of_holder_and_toll_are_surfaced(clusters: dict[str, Cluster]) -> None:
    for place in ("Hajin", "Khalsa"):
        assert "holder" in {c.kind for c in clusters[place].conflicts}, place
    maarat = clusters["Maarat al-Numan"]
    assert maarat.fatalities == 6
    (toll,) = [c for c in maarat.conflicts if c.kind == "toll"]
    assert [side.value for side in toll.sides] == [6, 9]
