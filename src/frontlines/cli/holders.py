"""`set-holder`: an analyst sets who holds a place from a date. The setting is checked (the place must be in the
gazetteer or have a control history; the holder an actor of the actor table, a side, or the words `contested`
or `unknown`), written in one transaction to its own table, and applied on read by frontlines.control, so
re-extraction never erases it; `frontlines timeline PLACE` shows it with its author, note and time."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from frontlines.cli import app, fail, notice, open_store
from frontlines.cli.control import actor_table, parse_day
from frontlines.cli.corrections import _default_author, lookups
from frontlines.control import DEFAULT_WINDOW, load_index, side_lookup
from frontlines.control.model import CONTESTED, HELD, UNKNOWN
from frontlines.resolve.actors import SIDES
from frontlines.store import Store
from frontlines.store import control as sql

STATUS_WORDS = {"contested": CONTESTED, "unknown": UNKNOWN}


def holder_of(given: str, on: dt.date) -> dict[str, Any]:
    """The holder columns of a setting: an actor id, a side, or a status word; exit 2 otherwise."""
    word = given.strip()
    if word.casefold() in STATUS_WORDS:
        return {
            "status": STATUS_WORDS[word.casefold()],
            "holder_id": None,
            "holder_name": None,
            "holder_side": None,
        }
    table = actor_table()
    if word in table:
        actor = table.get(word)
        name = table.name_at(word, on)
        return {"status": HELD, "holder_id": actor.id, "holder_name": name, "holder_side": actor.side}
    if word.casefold() in SIDES and word.casefold() not in ("unknown", "civilians"):
        side = word.casefold()
        return {"status": HELD, "holder_id": None, "holder_name": f"{side} side", "holder_side": side}
    sides = ", ".join(sorted(SIDES - {"unknown", "civilians"}))
    raise fail(
        f"refused: {given!r} is no actor id of the actor table, no side ({sides}), "
        "nor `contested` or `unknown`"
    )


def place_of(store: Store, given: str) -> dict[str, Any]:
    """The place columns of a setting: a gazetteer place id, else a place with a control history (id or
    name); exit 2 otherwise."""
    facts = lookups(store).place
    assert facts is not None
    found = facts(given.strip())
    if found is not None:
        return {
            "place_id": given.strip(),
            "place_name": found.name,
            "admin1": found.admin1,
            "latitude": found.latitude,
            "longitude": found.longitude,
        }
    from frontlines.cli.control import actor_side, find_place

    index = load_index(store, side_lookup(actor_side), DEFAULT_WINDOW)
    place = index.histories[find_place(index, given)].place
    return {
        "place_id": place.place_id,
        "place_name": place.name,
        "admin1": place.admin1,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


@app.command("set-holder")
def set_holder(
    place: Annotated[str, typer.Argument(help="A place id of the gazetteer, or a place's name.")],
    holder: Annotated[
        str, typer.Argument(help="An actor id, a side (government, ...), contested or unknown.")
    ],
    start: Annotated[str, typer.Option("--from", help="From this date on (YYYY-MM-DD).")],
    note: Annotated[str | None, typer.Option(help="Why (your source).")] = None,
    author: Annotated[str | None, typer.Option(help="Who (default: your login name).")] = None,
) -> None:
    """Set who holds a place from a date (until the next reported change). Kept apart from machine output,
    applied on read, shown by `timeline`; re-extraction never erases it. A refused setting writes nothing.

    Example: frontlines set-holder geonames:170017 sdf --from 2017-10-20 --note "checked with ISW map"
    """
    day = parse_day(start, "--from")
    columns = holder_of(holder, day)
    with open_store(create=False) as store:
        setting = {
            **place_of(store, place),
            **columns,
            "start_date": day.isoformat(),
            "author": author or _default_author(),
            "note": note,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        setting_id = sql.add_holder_setting(store.conn, setting)
    who = setting["holder_name"] or setting["status"]
    notice(
        f"set {setting['place_name']} ({setting['place_id']}): {who} from {day.isoformat()} (setting {setting_id})"
    )
