"""Control of ground on the demo corpus, extracted the way `frontlines extract demo/corpus` does it (issue 10's
"Done when"): a village that one side says it captured and the other says it held is contested once both
claims are in; `control --at` before and after the reported capture gives different holders, each with the
claims that support it. The villages are the demo's two holder contradictions (demo/README.md, "Incidents
told by several outlets"): Khalsa (the army's capture, the rebels' repelled attack) and Hajin (the SDF's
capture, Amaq's repelled attack)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.workflow import extract_into, ingest_into

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"
runner = CliRunner()


@dataclass(frozen=True)
class Village:
    place_id: str  # the seed gazetteer's id (demo/gold/demo.jsonl)
    capture_report: str  # the report that says the village was taken
    denial_report: str  # the report that says the attack was repelled
    before: str  # a date before the capture
    holder_before: str  # the actor the capture took the village from
    both_claimed: str  # a date after both reports' claims, while fighting is reported
    after: str  # a date well after the capture
    holder_after: str


KHALSA = Village(
    "C8046",
    "text/04-khalsa-army-claim.txt",
    "text/05-khalsa-rebel-claim.txt",
    "2016-06-10",
    "jaish-al-fatah",
    "2016-06-12",
    "2016-07-15",
    "syria-military",
)
HAJIN = Village(
    "geonames:174506",
    "text/18-hajin-sdf.txt",
    "text/19-hajin-amaq.txt",
    "2018-12-13",
    "islamic-state",
    "2018-12-15",
    "2019-01-15",
    "sdf",
)
VILLAGES = pytest.mark.parametrize("village", [KHALSA, HAJIN], ids=["Khalsa", "Hajin"])


@pytest.fixture(scope="module")
def demo(pipeline, tmp_path_factory) -> tuple[Path, dict[str, str]]:  # type: ignore[no-untyped-def]
    """The demo corpus ingested and extracted (and so fused) into a fresh database; event id -> its report
    (a file relative to demo/corpus, or a feed item's address)."""
    db = tmp_path_factory.mktemp("demo-control") / "demo.db"
    with Store.open(db) as store:
        ingest_into(store, [str(DEMO)], Settings())
        done = extract_into(store, pipeline)
        assert done.fusion is not None and done.fusion_error is None
        reports = {row["event_id"]: str(row["doc"]).removeprefix(f"{DEMO}/") for row in store.events()}
    return db, reports


def control_at(db: Path, date: str) -> dict[str, dict[str, Any]]:
    """`frontlines control --at DATE -f json`, by place id."""
    result = runner.invoke(app, ["--db", str(db), "control", "--at", date, "-f", "json"])
    assert result.exit_code == 0, result.output
    return {row["place_id"]: row for row in json.loads(result.stdout)}


def supporting_reports(row: dict[str, Any], reports: dict[str, str]) -> set[str]:
    """The reports of the claims a control row gives; every claim names a stored event."""
    ids = [claim["event_id"] for claim in row["claims"]]
    assert ids and set(ids) <= set(reports), row
    return {reports[event_id] for event_id in ids}


@VILLAGES
def test_control_before_and_after_a_reported_capture_gives_different_holders_with_their_claims(
    demo: tuple[Path, dict[str, str]], village: Village
) -> None:
    db, reports = demo
    before = control_at(db, village.before)[village.place_id]
    after = control_at(db, village.after)[village.place_id]
    assert (before["holder_id"], before["status"]) == (village.holder_before, "held")
    assert (after["holder_id"], after["status"]) == (village.holder_after, "held")
    # the capture report says both who held the village (taken from) and who holds it now
    assert village.capture_report in supporting_reports(before, reports)
    assert village.capture_report in supporting_reports(after, reports)
    capture = next(c for c in after["claims"] if reports[c["event_id"]] == village.capture_report)
    assert (capture["kind"], capture["holder_id"], capture["from_id"]) == (
        "change",
        village.holder_after,
        village.holder_before,
    )


@VILLAGES
def test_opposite_claims_about_a_village_show_it_contested(
    demo: tuple[Path, dict[str, str]], village: Village
) -> None:
    db, reports = demo
    row = control_at(db, village.both_claimed)[village.place_id]
    assert row["status"] == "contested" and row["holder_id"] is None
    assert supporting_reports(row, reports) == {village.capture_report, village.denial_report}
