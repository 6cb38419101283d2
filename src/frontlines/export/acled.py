"""The ACLED-style CSV: ACLED's 31 columns, in ACLED's order, filled with what frontlines knows.

Column by column (docs/exports.md says the same for users; the codes are data/acled.toml):

- ``event_id_cnty``: ``SYR`` + the event id; ``event_date`` ISO (YYYY-MM-DD), ``year``; ``time_precision`` the
  contract's date precision (1 day, 2 week, 3 month; empty when the date is unknown);
- ``disorder_type`` from the event type (and a few sub-event types) as ACLED assigns it; ``event_type``,
  ``sub_event_type`` ACLED's names;
- ``actor1``/``actor2`` the actors' names; ``inter1``/``inter2`` their ACLED actor-type codes, from the actor
  table's category; ``interaction`` the two codes sorted and concatenated (``12``), a lone actor's code
  followed by 0 (``10``); ``assoc_actor_1``/``assoc_actor_2`` empty (frontlines codes no associated actors);
- ``civilian_targeting`` ``Civilian targeting`` when civilians are the target (violence against civilians,
  or a civilian actor2);
- ``iso`` 760, ``region`` Middle East, ``country`` Syria; ``admin1`` to ``admin3`` from the event and the
  gazetteer; ``location`` the place's name (as written when unresolved); ``latitude``, ``longitude``,
  ``geo_precision``;
- ``source`` the claim chain, origin first, separated by ``; `` as ACLED separates sources;
  ``source_scale`` empty (not known);
- ``notes`` the sentence the event was read from; ``fatalities`` deaths, 0 where none is reported, as ACLED
  does; ``tags`` ``confidence=…`` and the fields analysts corrected; ``timestamp`` when the report was last
  extracted (Unix seconds).

Every cell goes through `frontlines.display.csv_cell`: a string a spreadsheet would run as a formula gets a
leading ``'``.
"""

from __future__ import annotations

import csv
import functools
import tomllib
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import IO, Any

from frontlines.display import csv_cell

COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
"""ACLED's columns, in ACLED's order."""

CategoryOf = Callable[[str], str | None]
"""An actor id -> its ACLED category (None: not in the actor table)."""
AdminOf = Callable[[str], tuple[str | None, str | None]]
"""A place id -> its (admin2, admin3) names (None where not known)."""


@functools.cache
def conventions() -> dict[str, Any]:
    text = resources.files("frontlines.export").joinpath("data/acled.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def inter_code(category: str | None) -> int | None:
    """ACLED's actor-type code of an actor category, None when unknown."""
    return conventions()["inter"].get(category) if category else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both actor-type codes, smaller first (12); one actor's code then 0 (10)."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def disorder_type(event_type: str, sub_event_type: str) -> str:
    data = conventions()
    return str(data["disorder_type_of_sub_event"].get(sub_event_type) or data["disorder_type"][event_type])


def _sentence(row: Mapping[str, Any]) -> str | None:
    for item in row.get("evidence") or ():
        if item.get("field") == "sentence":
            return " ".join(str(item.get("text", "")).split())
    return None


def _category(actor_id: str | None, category_of: CategoryOf) -> str | None:
    return category_of(actor_id) if actor_id else None


def acled_row(
    row: Mapping[str, Any], category_of: CategoryOf, admin_of: AdminOf, timestamp: int | None
) -> dict[str, Any]:
    """One contract row (corrections applied) as an ACLED row (values not yet made CSV-safe)."""
    country = conventions()["country"]
    date = row.get("event_date")
    cat1 = _category(row.get("actor1_id"), category_of)
    cat2 = _category(row.get("actor2_id"), category_of)
    inter1, inter2 = inter_code(cat1), inter_code(cat2)
    admin2, admin3 = admin_of(row["place_id"]) if row.get("place_id") else (None, None)
    civilians = row["event_type"] == "Violence against civilians" or cat2 == "Civilians"
    tags = [f"confidence={row.get('confidence')}"]
    if row.get("corrected"):
        tags.append("corrected=" + ",".join(row["corrected"]))
    precision = row.get("date_precision")
    return {
        "event_id_cnty": f"{country['id_prefix']}{row['event_id']}",
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": precision if date and precision in (1, 2, 3) else None,
        "disorder_type": disorder_type(row["event_type"], row["sub_event_type"]),
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": row.get("actor1"),
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": row.get("actor2"),
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": country["iso"],
        "region": country["region"],
        "country": country["country"],
        "admin1": row.get("admin1"),
        "admin2": admin2,
        "admin3": admin3,
        "location": row.get("place_name") or row.get("location"),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "geo_precision": row.get("geo_precision"),
        "source": "; ".join(row.get("source_chain") or ()) or row.get("outlet"),
        "source_scale": None,
        "notes": _sentence(row),
        "fatalities": row.get("fatalities") or 0,
        "tags": "; ".join(tags),
        "timestamp": timestamp,
    }


def write_acled_csv(
    rows: Iterable[Mapping[str, Any]],
    out: IO[str],
    category_of: CategoryOf,
    admin_of: AdminOf,
    timestamps: Mapping[str, int],
) -> int:
    """Write the header and one ACLED row per event, every cell CSV-safe; returns the rows written."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for row in rows:
        acled = acled_row(row, category_of, admin_of, timestamps.get(row["doc_id"]))
        writer.writerow([csv_cell(acled[c]) for c in COLUMNS])
        n += 1
    return n
