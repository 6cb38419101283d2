"""A place's history from its claims and the analysts' settings: contiguous intervals, each with its reasons.

How claims become intervals (the `rule` of each interval):

1. Change claims are grouped in **episodes**: an episode starts at a claim and takes every later claim dated
   within ``window`` days of that start. Each episode is one change, from its first claim's date.
2. An episode's claims **agree** (``claims-agree``, held) when every holder they name shares one key (one
   allied side, or one actor) and no claim says that holder withdrew; they **disagree** (``claims-disagree``,
   contested, the holders named kept as claimants) otherwise. An episode naming no holder (a withdrawal with
   no other side, a capture by an unnamed non-state actor) leaves the holder unknown (``holder-unknown``).
3. **Fighting after the change**: an armed clash at the place reported by another document, on or after a
   held change and no later than ``window`` days after the episode's last claim, makes the place contested
   from the change (``fighting-after-change``) until ``window`` days after the last such clash; then the
   holder of the change holds it again (``fighting-ended``).
4. **Before the first report**: when the first episode's claims agree on whom the place was taken from (and
   none has it taken by that side), that side held it until then (``from-whom``, start None).
5. **Analyst settings** are changes too, and win over a machine change of the same day: a setting holds
   from its date until the next change (``analyst``). The latest setting of a day wins.

Each change lasts until the next one; intervals of no length are dropped (their claims stay in the place's
claims).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from frontlines.control.model import (
    CHANGE,
    CONTESTED,
    HELD,
    UNKNOWN,
    ControlClaim,
    Holder,
    HolderSetting,
    Interval,
    Place,
    PlaceHistory,
)

DEFAULT_WINDOW = 7
"""Days within which claims about one place are one change, and fighting after it contests it."""


@dataclass(frozen=True, slots=True)
class _Decision:
    status: str
    holder: Holder | None
    claimants: tuple[Holder, ...]
    rule: str


_NO_HOLDER = _Decision(UNKNOWN, None, (), "holder-unknown")


def _agree(holder: Holder) -> _Decision:
    return _Decision(HELD, holder, (), "claims-agree")


def episodes(changes: Sequence[ControlClaim], window: int) -> list[list[ControlClaim]]:
    """Change claims (sorted by date) grouped: each episode spans ``window`` days from its first claim."""
    out: list[list[ControlClaim]] = []
    span = dt.timedelta(days=window)
    for claim in changes:
        if out and claim.date <= out[-1][0].date + span:
            out[-1].append(claim)
        else:
            out.append([claim])
    return out


def decide(episode: Sequence[ControlClaim]) -> _Decision:
    """Whether an episode's claims agree on a holder (see the module's rule 2)."""
    if len(episode) == 1:  # most episodes: one report of the change
        holder = episode[0].holder
        return _agree(holder) if holder is not None else _NO_HOLDER
    holders: dict[str, Holder] = {}
    best: dict[str, ControlClaim] = {}
    left: set[str] = set()
    for claim in episode:
        if claim.holder is None:
            if claim.previous is not None:
                left.add(claim.previous.key)
            continue
        key = claim.holder.key
        holders.setdefault(key, claim.holder)
        if key not in best or claim.confidence > best[key].confidence:
            best[key] = claim
    if not holders:
        return _NO_HOLDER
    if len(holders) == 1 and not left & holders.keys():
        only = next(iter(best.values())).holder
        assert only is not None
        return _agree(only)
    return _Decision(CONTESTED, None, tuple(holders.values()), "claims-disagree")


def _before(episode: Sequence[ControlClaim]) -> Interval | None:
    """Who held the place before its first change, when the claims agree on whom it was taken from."""
    previous = [c for c in episode if c.previous is not None]
    keys = {c.previous.key for c in previous if c.previous is not None}
    takers = {c.holder.key for c in episode if c.holder is not None}
    if len(keys) != 1 or keys & takers:  # no agreement, or one claim has it taken by whom another had it from
        return None
    holder = max(previous, key=lambda c: c.confidence).previous
    return Interval(None, episode[0].date, holder, HELD, "from-whom", tuple(previous))


def _episode_intervals(
    episode: list[ControlClaim],
    end: dt.date | None,
    fights: Sequence[ControlClaim],
    fight_days: Sequence[dt.date],
    window: int,
) -> list[Interval]:
    """The intervals of one episode (claims sorted by date), from its start until ``end`` (the next change, or
    None); ``fights`` are the place's fighting claims sorted by date, ``fight_days`` their dates."""
    start = episode[0].date
    decision = decide(episode)
    claims = tuple(episode)
    if decision.status != HELD:
        return [
            Interval(start, end, decision.holder, decision.status, decision.rule, claims, decision.claimants)
        ]
    if not fight_days:
        return [Interval(start, end, decision.holder, HELD, decision.rule, claims)]
    last = episode[-1].date + dt.timedelta(days=window)
    if end is not None and end <= last:
        last = end - dt.timedelta(days=1)
    nearby = fights[bisect.bisect_left(fight_days, start) : bisect.bisect_right(fight_days, last)]
    docs = {c.doc_id for c in episode} if nearby else set()
    after = [f for f in nearby if f.doc_id not in docs]
    if not after:
        return [Interval(start, end, decision.holder, HELD, decision.rule, claims)]
    calm = max(f.date for f in after) + dt.timedelta(days=window)
    if end is not None and calm >= end:
        return [Interval(start, end, None, CONTESTED, "fighting-after-change", claims + tuple(after))]
    return [
        Interval(start, calm, None, CONTESTED, "fighting-after-change", claims + tuple(after)),
        Interval(calm, end, decision.holder, HELD, "fighting-ended", claims),
    ]


def build_history(
    place: Place,
    claims: Sequence[ControlClaim],
    settings: Sequence[HolderSetting] = (),
    window: int = DEFAULT_WINDOW,
) -> PlaceHistory:
    """The history of one place from its claims (any order) and the analysts' settings for it."""
    ordered = sorted(claims, key=lambda c: (c.date, c.event_id))
    changes = [c for c in ordered if c.kind == CHANGE]
    fights = [c for c in ordered if c.kind != CHANGE]
    fight_days = [c.date for c in fights]
    # Change points: (date, 0 for a machine episode / 1 for a setting, order, what); settings sort after the
    # machine's change of the same day, and later settings after earlier ones, so the last one holds.
    points: list[tuple[dt.date, int, int, list[ControlClaim] | HolderSetting]] = [
        (episode[0].date, 0, i, episode) for i, episode in enumerate(episodes(changes, window))
    ]
    points += [(s.start, 1, s.setting_id, s) for s in settings]
    points.sort(key=lambda p: (p[0], p[1], p[2]))
    intervals: list[Interval] = []
    if points and isinstance(points[0][3], list):
        first = _before(points[0][3])
        if first is not None:
            intervals.append(first)
    for i, (start, _kind, _order, what) in enumerate(points):
        end = points[i + 1][0] if i + 1 < len(points) else None
        if end == start:
            continue  # a later change of the same day replaces this one
        if isinstance(what, HolderSetting):
            intervals.append(Interval(start, end, what.holder, what.status, "analyst", (), (), what))
        else:
            intervals += _episode_intervals(what, end, fights, fight_days, window)
    return PlaceHistory(place, tuple(intervals), tuple(ordered))
