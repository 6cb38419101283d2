"""Fusion over a database and from the command line, as a specification: `fuse` stores the machine's
incidents, `clusters` lists them with their claims, sources and conflicts (jsonl for programs, a table that
fits 80 columns and shows untrusted text escaped), and analysts' merges and splits are refused when they name
nothing, kept apart, and survive re-fusion and re-extraction. Events are written by hand (conftest.HandEvent);
one test runs the real pipeline through `extract --force`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from conftest import HandEvent, query, store_events
from frontlines.cli import app
from frontlines.fuse.stored import fuse_store, read_clusters, split
from frontlines.store import Store

runner = CliRunner()
A1, B1, C1 = "a1a1a1a1a1a1a1a1a1a1", "b2b2b2b2b2b2b2b2b2b2", "c3c3c3c3c3c3c3c3c3c3"


def run(db: str | Path, *args: str, code: int = 0, columns: int = 200) -> Result:
    result = runner.invoke(app, ["--db", str(db), *args], env={"COLUMNS": str(columns)})
    assert result.exit_code == code, (
        f"frontlines {' '.join(args)} exited {result.exit_code}:\n{result.output}"
    )
    return result


def listed(db: str | Path, *args: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in run(db, "clusters", "-f", "jsonl", *args).stdout.splitlines()]


def groups(db: str | Path) -> list[list[str]]:
    return sorted(sorted(c["claims"][i]["event_id"] for i in range(c["claim_count"])) for c in listed(db))


def cluster_corrections(db: str | Path) -> int:
    [(n,)] = query(db, "SELECT COUNT(*) FROM cluster_corrections")
    return int(n)


EVENTS = [
    HandEvent(A1, outlet="SANA", source_chain=("SANA",), fatalities=2),
    HandEvent(B1, outlet="Press TV", source_chain=("SANA", "Press TV"), fatalities=5),
    HandEvent(
        C1,
        location="Nubl",
        place_id="geonames:2",
        latitude=36.46,
        longitude=37.1,
        sub_event_type="Shelling/artillery/missile attack",
        event_type="Explosions/Remote violence",
        outlet="Orontes\x1b[31m Monitor",
        source_chain=("Orontes\x1b[31m Monitor",),
    ),
]


@pytest.fixture
def db(events_db: Callable[..., str]) -> str:
    """Two outlets tell of one capture at Tal Sheikh (SANA, and Press TV relaying SANA); a third report is of
    shelling 40 km away."""
    path = events_db(*EVENTS)
    run(path, "fuse")
    return path


def test_fuse_stores_incidents_with_claims_independent_sources_and_conflicts(db: str | Path) -> None:
    relay = next(c for c in listed(db) if c["claim_count"] == 2)
    assert sorted(claim["event_id"] for claim in relay["claims"]) == [A1, B1]
    assert relay["independent_sources"] == ["SANA"] and relay["independent_source_count"] == 1
    assert relay["fatalities"] == 2
    assert relay["conflicts"] == [
        {"kind": "toll", "sides": [{"value": 2, "event_ids": [A1]}, {"value": 5, "event_ids": [B1]}]}
    ]
    chains = {claim["event_id"]: claim["source_chain"] for claim in relay["claims"]}
    assert chains == {A1: ["SANA"], B1: ["SANA", "Press TV"]}
    assert groups(db) == [[A1, B1], [C1]]
    assert [c["claim_count"] for c in listed(db, "--min-claims", "2")] == [2]
    assert [c["claim_count"] for c in listed(db, "--conflicts")] == [2]


def test_the_clusters_table_fits_80_columns_and_shows_control_characters_escaped(db: str | Path) -> None:
    out = run(db, "clusters", columns=80).stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b" not in out and "\\x1b" in out
    assert "2 claims, 1 source" in out and "toll: 2 vs 5" in out


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("merge", "ffffffff", "eeeeeeee"), "no cluster with id 'ffffffff'"),
        (("merge", "ab", "cd"), "at least 4 characters"),
        (("split", "ffffffff"), "no event with id 'ffffffff'"),
        (("split", C1), "already an incident of its own"),
    ],
)
def test_cluster_corrections_that_name_nothing_are_refused_and_write_nothing(
    db: str | Path, args: tuple[str, ...], reason: str
) -> None:
    result = run(db, "clusters", *args, code=2)
    assert reason in " ".join(result.output.split())
    assert cluster_corrections(db) == 0


def test_merging_a_cluster_with_itself_is_refused(db: str | Path) -> None:
    relay = next(c for c in listed(db) if c["claim_count"] == 2)["cluster_id"]
    assert "same cluster" in run(db, "clusters", "merge", relay, relay[:8], code=2).output
    assert cluster_corrections(db) == 0


def test_merges_and_splits_are_kept_with_author_and_note_and_survive_refusion(db: str | Path) -> None:
    ids = {tuple(sorted(x["event_id"] for x in c["claims"])): c["cluster_id"] for c in listed(db)}
    run(
        db,
        "clusters",
        "merge",
        ids[(A1, B1)][:8],
        ids[(C1,)],
        "--note",
        "same day, same front",
        "--author",
        "ana",
    )
    assert groups(db) == [[A1, B1, C1]]
    run(db, "clusters", "split", B1[:6], "--note", "another capture", "--author", "ben")
    assert groups(db) == [[A1, C1], [B1]]
    run(db, "fuse")  # the machine fuses A1 and B1 again; the corrections are replayed on read
    assert groups(db) == [[A1, C1], [B1]]
    merged = next(c for c in listed(db) if c["claim_count"] == 2)
    assert [(f["action"], f["author"], f["note"]) for f in merged["corrections"]] == [
        ("merge", "ana", "same day, same front"),
        ("split", "ben", "another capture"),
    ]
    assert all(f["created_at"] for f in merged["corrections"])


def test_corrections_survive_events_stored_again(db: str | Path) -> None:
    with Store.open(db) as store:
        before = {c.cluster_id for c in read_clusters(store)}
        split(store, B1, "ana", None)
    store_events(db, EVENTS)  # what re-extraction does: the reports' events replaced, with the same ids
    with Store.open(db) as store:
        fuse_store(store)
        after = read_clusters(store)
    assert sorted(sorted(c.event_ids) for c in after) == [[A1], [B1], [C1]]
    assert before <= {c.cluster_id for c in after}, "ids follow the anchor events: A1's and C1's stay"


def test_read_only_fusion_commands_never_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    for args in (("fuse",), ("clusters",), ("clusters", "split", A1)):
        assert "no database" in run(missing, *args, code=2).output
    assert not missing.exists()


def test_events_extracted_since_the_last_fusion_are_incidents_of_their_own_and_announced(
    events_db: Callable[..., str],
) -> None:
    db = events_db(HandEvent(A1, outlet="SANA"), HandEvent(B1, outlet="Press TV"))
    result = run(db, "clusters", "-f", "jsonl")
    assert "2 events were extracted since the last fusion" in result.stderr
    assert [c["claim_count"] for c in map(json.loads, result.stdout.splitlines())] == [1, 1]


# ------------------------------------------------------------------------------- the whole way, with spaCy

REPORTS = {
    "levant.txt": (
        "Army recaptures Khan Tuman\n\nSource: [Levant Wire](https://levantwire.example.org/a)\n"
        "Published: 2016-05-02\n\nSyrian army troops recaptured the village of Khan Tuman south of Aleppo "
        "on Monday after clashes with Jaish al-Fatah militants, SANA reported."
    ),
    "dispatch.txt": (
        "Khan Tuman back under army control\n\nSource: [Damascus Dispatch](https://dd.example.org/b)\n"
        "Published: 2016-05-02\n\nThe Syrian army recaptured Khan Tuman in the southern Aleppo countryside on "
        "Monday, the official news agency SANA said."
    ),
}


def test_a_split_survives_extract_force(tmp_path: Path) -> None:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "war.db"
    run(db, "extract", str(tmp_path / "levant.txt"), str(tmp_path / "dispatch.txt"))
    (relay,) = [c for c in listed(db) if c["claim_count"] == 2]
    assert relay["independent_sources"] == ["SANA"]
    out = relay["claims"][1]["event_id"]
    run(db, "clusters", "split", out, "--note", "not the same")
    run(db, "extract", "--force")
    assert [c["claim_count"] for c in listed(db)] == [1, 1]
    assert [len(c["corrections"]) for c in listed(db)] == [1, 1]
