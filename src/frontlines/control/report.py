"""Control as JSON-ready rows and GeoJSON features: what `frontlines control` and `timeline` print.

Every row and feature carries what decided it: the interval's rule, the claims behind it (event id, date, what
the claim says, its source chain and confidence) and the analyst's setting when one decided it, so that a
holder on a map can be traced to the reports and the people that support it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from shapely.geometry import mapping

from frontlines.control.areas import AreaState
from frontlines.control.index import PlaceState
from frontlines.control.model import ControlClaim, Holder, HolderSetting, Interval, Place

Evidence = Mapping[str, Mapping[str, Any]]
"""Event id -> what a timeline shows of its report: doc, title, outlet, published, sentence."""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def holder_fields(holder: Holder | None) -> dict[str, Any]:
    if holder is None:
        return {"holder": None, "holder_id": None, "holder_side": None}
    return {"holder": holder.name, "holder_id": holder.actor_id, "holder_side": holder.side}


def says(claim: ControlClaim) -> str:
    """What a claim says, in words: "Military Forces of Syria took it from Islamic State"."""
    if claim.kind != "change":
        return "fighting there"
    taker = claim.holder.name if claim.holder else None
    loser = claim.previous.name if claim.previous else None
    if taker and loser:
        return f"{taker} took it from {loser}"
    if taker:
        return f"{taker} took it"
    return f"{loser} left it" if loser else "it changed hands"


def claim_row(claim: ControlClaim, evidence: Evidence | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "event_id": claim.event_id,
        "date": claim.date.isoformat(),
        "kind": claim.kind,
        "sub_event_type": claim.sub_event_type,
        "says": says(claim),
        **holder_fields(claim.holder),
        "from": claim.previous.name if claim.previous else None,
        "from_id": claim.previous.actor_id if claim.previous else None,
        "source_chain": list(claim.source_chain),
        "confidence": claim.confidence,
        "rule": claim.rule,
    }
    if evidence is not None and claim.event_id in evidence:
        row.update(evidence[claim.event_id])
    return row


def setting_row(setting: HolderSetting | None) -> dict[str, Any] | None:
    if setting is None:
        return None
    return {
        "setting_id": setting.setting_id,
        "from": setting.start.isoformat(),
        "status": setting.status,
        **holder_fields(setting.holder),
        "author": setting.author,
        "note": setting.note,
        "time": setting.created_at,
    }


def place_fields(place: Place) -> dict[str, Any]:
    return {
        "place_id": place.place_id,
        "place_name": place.name,
        "admin1": place.admin1,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


def interval_row(interval: Interval | None, evidence: Evidence | None = None) -> dict[str, Any]:
    """An interval's fields: holder, since (None: before the first report), until, status, rule, claims."""
    if interval is None:
        return {
            **holder_fields(None),
            "since": None,
            "until": None,
            "status": "unknown",
            "rule": "no-report-yet",
            "claimants": [],
            "claims": [],
            "setting": None,
        }
    return {
        **holder_fields(interval.holder),
        "since": _iso(interval.start),
        "until": _iso(interval.end),
        "status": interval.status,
        "rule": interval.rule,
        "claimants": [h.name for h in interval.claimants],
        "claims": [claim_row(c, evidence) for c in interval.claims],
        "setting": setting_row(interval.setting),
    }


def state_row(state: PlaceState, on: dt.date, evidence: Evidence | None = None) -> dict[str, Any]:
    """One place at a date: the place, then its interval's fields."""
    return {"date": on.isoformat(), **place_fields(state.place), **interval_row(state.interval, evidence)}


def place_feature(row: Mapping[str, Any]) -> dict[str, Any]:
    """A GeoJSON Point feature of a `state_row` (geometry null for a place without coordinates)."""
    geometry = None
    if row["latitude"] is not None and row["longitude"] is not None:
        geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
    properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    return {"type": "Feature", "geometry": geometry, "properties": {"kind": "place", **properties}}


def area_feature(area: AreaState, on: dt.date) -> dict[str, Any]:
    """A GeoJSON feature of a control area at a date, with the places and claims that decide it."""
    claims = sorted({c.event_id for s in area.states if s.interval for c in s.interval.claims})
    settings = sorted(
        {s.interval.setting.setting_id for s in area.states if s.interval and s.interval.setting}
    )
    properties = {
        "kind": "area",
        "date": on.isoformat(),
        **holder_fields(area.holder),
        "status": area.status,
        "rule": area.rule,
        "label": area.label,
        "area_km2": round(area.cell.area_km2, 3),
        "place_ids": list(area.cell.place_ids),
        "claims": claims,
        "settings": settings,
    }
    return {"type": "Feature", "geometry": mapping(area.cell.geometry), "properties": properties}


def feature_collection(features: Iterable[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", **meta, "features": list(features)}
