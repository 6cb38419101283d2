"""Control histories as a specification: how territory events become claims, and claims become intervals
[start, end) with a holder, a status and the claims behind each change. Event rows are written by hand (the
output contract's fields that control reads); no database, no spaCy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from frontlines.control import build_index
from frontlines.control.claims import read_claims
from frontlines.control.history import build_history, episodes
from frontlines.control.model import CONTESTED, HELD, UNKNOWN, HolderSetting, Place

GOV = ("syria-military", "Military Forces of Syria")
NDF = ("ndf", "National Defence Forces")
IS = ("islamic-state", "Islamic State")
HTS = ("hts", "Hayat Tahrir al-Sham")
SIDES = {"syria-military": "government", "ndf": "government", "islamic-state": "jihadist", "hts": "jihadist"}
REGAINS = "Government regains territory"
OVERTAKES = "Non-state actor overtakes territory"
TRANSFER = "Non-violent transfer of territory"
CLASH = "Armed clash"
PLACE = Place("p1", "Tal Sheikh", "Aleppo", 36.1, 37.1)


def row(
    event_id: str,
    sub: str,
    date: str,
    actor1: tuple[str, str] | None = None,
    actor2: tuple[str, str] | None = None,
    doc: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "doc_id": doc or f"doc-{event_id}",
        "sub_event_type": sub,
        "event_date": date,
        "actor1_id": actor1[0] if actor1 else None,
        "actor1": actor1[1] if actor1 else None,
        "actor2_id": actor2[0] if actor2 else None,
        "actor2": actor2[1] if actor2 else None,
        "place_id": "p1",
        "place_name": "Tal Sheikh",
        "admin1": "Aleppo",
        "latitude": 36.1,
        "longitude": 37.1,
        "geo_precision": 1,
        "source_chain": ["SANA"],
        "confidence": 0.8,
        **extra,
    }


def history(*rows: dict[str, Any], settings: tuple[HolderSetting, ...] = (), window: int = 7):  # type: ignore[no-untyped-def]
    reading = read_claims(rows, lambda a: SIDES.get(a, "unknown"))
    return build_history(PLACE, reading.claims, settings, window)


def summary(h) -> list[tuple[str | None, str | None, str | None, str, str]]:  # type: ignore[no-untyped-def]
    """(start, end, holder, status, rule) of each interval."""
    return [
        (
            iv.start.isoformat() if iv.start else None,
            iv.end.isoformat() if iv.end else None,
            iv.holder.name if iv.holder else None,
            iv.status,
            iv.rule,
        )
        for iv in h.intervals
    ]


# ------------------------------------------------------------------------------------------- claims


@pytest.mark.parametrize(
    ("event", "holder", "previous", "rule"),
    [
        (
            row("e", REGAINS, "2016-02-07", GOV, IS),
            "Military Forces of Syria",
            "Islamic State",
            "capture:actor1",
        ),
        (
            row("e", OVERTAKES, "2016-02-07", HTS, GOV),
            "Hayat Tahrir al-Sham",
            "Military Forces of Syria",
            "capture:actor1",
        ),
        (row("e", REGAINS, "2016-02-07", None, IS), "government side", "Islamic State", "capture:side"),
        (
            row("e", OVERTAKES, "2016-02-07", None, GOV),
            None,
            "Military Forces of Syria",
            "capture:holder-unknown",
        ),
        (
            row("e", TRANSFER, "2016-02-07", IS, GOV, trigger="withdrew"),
            "Military Forces of Syria",
            "Islamic State",
            "transfer:left",
        ),
        (
            row("e", TRANSFER, "2016-02-07", IS, None, trigger="Pulled  out"),
            None,
            "Islamic State",
            "transfer:left-holder-unknown",
        ),
        (
            row("e", TRANSFER, "2016-02-07", GOV, IS, trigger="entered"),
            "Military Forces of Syria",
            "Islamic State",
            "transfer:took",
        ),
        (
            row("e", TRANSFER, "2016-02-07", IS, GOV, evidence=[{"field": "trigger", "text": "handed over"}]),
            "Military Forces of Syria",
            "Islamic State",
            "transfer:left",
        ),
    ],
)
def test_a_territory_event_says_who_took_the_place_from_whom(
    event: dict[str, Any], holder: str | None, previous: str | None, rule: str
) -> None:
    (claim,) = read_claims([event], lambda a: SIDES.get(a, "unknown")).claims
    assert (claim.holder.name if claim.holder else None, claim.previous.name if claim.previous else None) == (
        holder,
        previous,
    )
    assert claim.rule == rule
    assert claim.source_chain == ("SANA",) and claim.date == dt.date(2016, 2, 7)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"place_id": None}, "no place"),
        ({"event_date": None}, "no date"),
        ({"geo_precision": 3}, "region only"),
    ],
)
def test_an_event_that_cannot_be_placed_gives_no_claim_and_is_counted(
    changes: dict[str, Any], reason: str
) -> None:
    reading = read_claims([row("e", REGAINS, "2016-02-07", GOV) | changes], SIDES.get)  # type: ignore[arg-type]
    assert reading.claims == [] and reading.skipped == {reason: 1}


def test_events_of_other_types_are_no_claims() -> None:
    assert read_claims([row("e", "Air/drone strike", "2016-02-07", GOV)], SIDES.get).claims == []  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ intervals


def test_a_capture_changes_the_holder_and_the_side_it_was_taken_from_held_it_before() -> None:
    h = history(row("e1", REGAINS, "2016-02-07", GOV, IS))
    assert summary(h) == [
        (None, "2016-02-07", "Islamic State", HELD, "from-whom"),
        ("2016-02-07", None, "Military Forces of Syria", HELD, "claims-agree"),
    ]
    assert [c.event_id for c in h.intervals[1].claims] == ["e1"]


def test_without_a_from_whom_nothing_is_known_before_the_first_report() -> None:
    assert summary(history(row("e1", REGAINS, "2016-02-07", GOV))) == [
        ("2016-02-07", None, "Military Forces of Syria", HELD, "claims-agree")
    ]


def test_allies_taking_one_place_agree_and_every_claim_supports_the_change() -> None:
    h = history(row("e1", REGAINS, "2016-02-07", GOV, IS), row("e2", REGAINS, "2016-02-09", NDF, IS))
    assert summary(h)[1:] == [("2016-02-07", None, "Military Forces of Syria", HELD, "claims-agree")]
    assert [c.event_id for c in h.intervals[1].claims] == ["e1", "e2"]


def test_opposite_claims_within_the_window_make_the_place_contested_with_both_claimants() -> None:
    h = history(row("e1", REGAINS, "2016-02-07", GOV), row("e2", OVERTAKES, "2016-02-08", IS))
    (interval,) = h.intervals
    assert (interval.status, interval.holder, interval.rule) == (CONTESTED, None, "claims-disagree")
    assert {c.name for c in interval.claimants} == {"Military Forces of Syria", "Islamic State"}
    assert {c.event_id for c in interval.claims} == {"e1", "e2"}


def test_two_jihadist_groups_are_two_holders_not_allies() -> None:
    h = history(row("e1", OVERTAKES, "2016-02-07", HTS), row("e2", OVERTAKES, "2016-02-08", IS))
    assert h.intervals[0].status == CONTESTED


def test_a_claim_that_the_holder_withdrew_contradicts_its_capture() -> None:
    h = history(
        row("e1", REGAINS, "2016-02-07", GOV), row("e2", TRANSFER, "2016-02-08", GOV, trigger="withdrew")
    )
    assert summary(h) == [("2016-02-07", None, None, CONTESTED, "claims-disagree")]


@pytest.mark.parametrize(("window", "statuses"), [(7, [HELD, HELD]), (1, [HELD, HELD])])
def test_claims_further_apart_than_the_window_are_changes_of_their_own(
    window: int, statuses: list[str]
) -> None:
    h = history(row("e1", OVERTAKES, "2016-01-01", IS), row("e2", REGAINS, "2016-03-01", GOV), window=window)
    assert [iv.status for iv in h.intervals] == statuses
    assert [iv.holder.name for iv in h.intervals if iv.holder] == [
        "Islamic State",
        "Military Forces of Syria",
    ]
    assert h.intervals[0].end == h.intervals[1].start == dt.date(2016, 3, 1)


def test_episodes_span_the_window_from_their_first_claim() -> None:
    claims = read_claims(
        [row(f"e{d}", REGAINS, f"2016-02-{d:02d}", GOV) for d in (1, 5, 8, 9, 20)],
        SIDES.get,  # type: ignore[arg-type]
    ).claims
    assert [[c.event_id for c in ep] for ep in episodes(claims, 7)] == [["e1", "e5", "e8"], ["e9"], ["e20"]]


def test_fighting_after_a_capture_contests_it_until_it_calms_down() -> None:
    h = history(
        row("e1", REGAINS, "2016-02-07", GOV, IS),
        row("c1", CLASH, "2016-02-09", GOV, IS, doc="another report"),
    )
    assert summary(h) == [
        (None, "2016-02-07", "Islamic State", HELD, "from-whom"),
        ("2016-02-07", "2016-02-16", None, CONTESTED, "fighting-after-change"),
        ("2016-02-16", None, "Military Forces of Syria", HELD, "fighting-ended"),
    ]
    assert [c.event_id for c in h.intervals[1].claims] == ["e1", "c1"]


@pytest.mark.parametrize(
    ("clash_date", "clash_doc"),
    [("2016-02-09", "doc-e1"), ("2016-02-06", "another"), ("2016-03-30", "another")],
    ids=["the capture's own report", "before the change", "long after"],
)
def test_fighting_that_does_not_follow_the_change_leaves_it_held(clash_date: str, clash_doc: str) -> None:
    h = history(row("e1", REGAINS, "2016-02-07", GOV), row("c1", CLASH, clash_date, doc=clash_doc))
    assert [iv.status for iv in h.intervals] == [HELD]


def test_a_withdrawal_with_no_other_side_leaves_the_holder_unknown() -> None:
    h = history(row("e1", TRANSFER, "2016-03-27", IS, trigger="withdrew"))
    assert summary(h) == [
        (None, "2016-03-27", "Islamic State", HELD, "from-whom"),
        ("2016-03-27", None, None, UNKNOWN, "holder-unknown"),
    ]


def setting(setting_id: int, start: str, holder: str | None, status: str = HELD) -> HolderSetting:
    from frontlines.control.claims import make_holder

    who = make_holder(holder, holder, "kurdish") if holder else None
    return HolderSetting(
        setting_id, "p1", dt.date.fromisoformat(start), status, who, "ana", "ISW map", "2024-01-01"
    )


def test_an_analyst_setting_holds_from_its_date_until_the_next_reported_change() -> None:
    h = history(
        row("e1", REGAINS, "2016-02-07", GOV),
        row("e2", OVERTAKES, "2016-06-01", IS),
        settings=(setting(1, "2016-03-01", "sdf"),),
    )
    assert summary(h) == [
        ("2016-02-07", "2016-03-01", "Military Forces of Syria", HELD, "claims-agree"),
        ("2016-03-01", "2016-06-01", "sdf", HELD, "analyst"),
        ("2016-06-01", None, "Islamic State", HELD, "claims-agree"),
    ]
    assert h.intervals[1].setting is not None and h.intervals[1].setting.note == "ISW map"


def test_an_analyst_setting_wins_over_a_report_of_the_same_day_and_the_latest_setting_wins() -> None:
    h = history(
        row("e1", REGAINS, "2016-02-07", GOV),
        settings=(setting(1, "2016-02-07", "sdf"), setting(2, "2016-02-07", None, UNKNOWN)),
    )
    assert summary(h) == [("2016-02-07", None, None, UNKNOWN, "analyst")]
    assert [c.event_id for c in h.claims] == ["e1"]  # the report stays in the place's claims


# ------------------------------------------------------------------------------------------------ index


def test_the_index_answers_every_place_at_a_date_and_filters_by_governorate() -> None:
    rows = [
        row("e1", REGAINS, "2016-02-07", GOV, IS),
        row("e2", OVERTAKES, "2016-02-07", IS, GOV)
        | {"place_id": "p2", "place_name": "Nubl", "admin1": "Idlib"},
    ]
    index = build_index(rows, lambda a: SIDES.get(a, "unknown"))
    before = {s.place.place_id: s.interval.holder.name for s in index.at(dt.date(2016, 2, 1)) if s.interval}
    after = {s.place.place_id: s.interval.holder.name for s in index.at(dt.date(2016, 2, 7)) if s.interval}
    assert before == {"p1": "Islamic State", "p2": "Military Forces of Syria"}
    assert after == {"p1": "Military Forces of Syria", "p2": "Islamic State"}
    assert [s.place.place_id for s in index.at(dt.date(2016, 2, 7), ["IDLIB"])] == ["p2"]
    for on in (dt.date(2010, 1, 1), dt.date(2016, 2, 6), dt.date(2016, 2, 7), dt.date(2030, 1, 1)):
        assert [s.interval for s in index.at(on)] == [index.state(p, on).interval for p in index.place_ids()]


def test_a_place_reported_only_later_is_unknown_before_its_first_report() -> None:
    index = build_index([row("e1", REGAINS, "2016-02-07", GOV)], SIDES.get)  # type: ignore[arg-type]
    (state,) = index.at(dt.date(2016, 1, 1))
    assert state.interval is None
