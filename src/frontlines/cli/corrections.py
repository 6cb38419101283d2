"""Correction commands: `correct` (checked against the output contract, see frontlines.corrections),
`retract` and `restore` (mark an event as not an event, and undo that) and `history` (an event's
corrections)."""

from __future__ import annotations

import getpass
import json
from typing import Annotated, Any

import typer

from frontlines.cli import FormatOption, app, fail, notice, open_store, state
from frontlines.cli.output import Format, emit
from frontlines.contract import ContractError
from frontlines.corrections import Lookups, check_field
from frontlines.display import strict_json
from frontlines.store import Store

HISTORY_COLUMNS = ("time", "author", "field", "old", "new", "via", "note")
# For people at 80 columns: the field with the one whose correction brought it along, old -> new in one cell.
HISTORY_TABLE = ("time", "author", "field", "change", "note")
HISTORY_LAYOUT: dict[str, dict[str, Any]] = {
    "time": {"no_wrap": True},
    "change": {"ratio": 3},
    "note": {"ratio": 2},
}


def parse_value(text: str) -> Any:
    """The value typed on the command line: JSON (`4`, `null`, `["SOHR"]`, `"text"`), else the text itself.
    JSON's non-standard `NaN` and `Infinity` stay text, so the contract refuses them as numbers."""

    def no_constants(token: str) -> Any:
        raise ValueError(token)

    try:
        return json.loads(text, parse_constant=no_constants)
    except ValueError:
        return text


def lookups(store: Store) -> Lookups:
    """The gazetteer and actor table this database's events are resolved with, loaded on first use."""
    from frontlines.workflow import correction_lookups

    return correction_lookups(store, state.settings)


def _default_author() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return None


@app.command(context_settings={"ignore_unknown_options": True})  # a negative VALUE (-3.5) is not an option
def correct(
    event_id: Annotated[
        str, typer.Argument(help="The event's id, or a unique start of it (as tables show).")
    ],
    field: Annotated[str, typer.Argument(help="A correctable field of the output contract, e.g. place_id.")],
    value: Annotated[str, typer.Argument(help='The new value, as JSON ("text" needs quotes) or plain text.')],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    author: Annotated[str | None, typer.Option(help="Who (default: your login name).")] = None,
) -> None:
    """Record an analyst correction, checked against the output contract; it is applied on read and survives
    re-extraction. A refused correction (no such event, field or place; a value of the wrong type or out of
    range) writes nothing and exits 2.

    Example: frontlines correct 3f2a9c1e0b fatalities 4 --note "SOHR count"
    """
    try:
        check_field(field)
    except ContractError as exc:
        raise fail(f"refused: {exc}") from exc
    parsed = parse_value(value)
    with open_store(create=False) as store:
        try:
            written = store.add_correction(
                event_id, field, parsed, author=author or _default_author(), note=note, lookups=lookups(store)
            )
        except ContractError as exc:
            raise fail(f"refused: {exc}") from exc
    if not written:
        notice(f"nothing to correct: {field} of {event_id} already is {strict_json(parsed)}")
        return
    for change in written:
        notice(
            f"corrected {change['event_id']}.{change['field']}: "
            f"{strict_json(change['old'])} -> {strict_json(change['new'])}"
        )


@app.command()
def retract(
    event_id: Annotated[
        str, typer.Argument(help="The event's id, or a unique start of it (as tables show).")
    ],
    note: Annotated[str, typer.Option(help="Why it is not an event (required).")],
    author: Annotated[str | None, typer.Option(help="Who (default: your login name).")] = None,
) -> None:
    """Mark an event as not an event (the report tells of none): it is hidden from `events`, exports,
    clusters and control, kept in the database, listed by `history`, and survives re-extraction. An unknown
    event id is refused (exit 2, nothing written); `restore` undoes it.

    Example: frontlines retract 3f2a9c1e0b --note "quotes a 2013 battle"
    """
    _mark(event_id, True, author, note)


@app.command()
def restore(
    event_id: Annotated[str, typer.Argument(help="The event's id, or a unique start of it.")],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    author: Annotated[str | None, typer.Option(help="Who (default: your login name).")] = None,
) -> None:
    """Undo `retract`: the event is an event again, everywhere. Recorded in `history` like any correction.

    Example: frontlines restore 3f2a9c1e0b --note "it is a new attack after all"
    """
    _mark(event_id, False, author, note)


def _mark(event_id: str, not_an_event: bool, author: str | None, note: str | None) -> None:
    if note is not None and not note.strip():
        raise fail("refused: --note is blank: say why")
    with open_store(create=False) as store:
        try:
            full_id, changed = store.mark_not_an_event(
                event_id, not_an_event, author=author or _default_author(), note=note
            )
        except ContractError as exc:
            raise fail(f"refused: {exc}") from exc
    if not changed:
        notice(f"nothing to do: {full_id} already is {'not ' if not_an_event else ''}an event")
    elif not_an_event:
        notice(f"retracted {full_id}: not an event (`frontlines restore {full_id}` undoes it)")
    else:
        notice(f"restored {full_id}: an event again")


@app.command()
def history(
    event_id: Annotated[str, typer.Argument(help="The event's id, or a unique start of it.")],
    fmt: FormatOption = Format.table,
) -> None:
    """An event's corrections, oldest first: when, who, which field, the value before and after, the field
    whose correction brought it along, and the note.

    Example: frontlines history 3f2a9c1e0b
    """
    with open_store(create=False) as store:
        try:
            full_id, rows = store.history(event_id)
        except ContractError as exc:
            raise fail(str(exc)) from exc
    if fmt is Format.table and not rows:
        notice(f"event {full_id} has no corrections")
        return
    if fmt is Format.table:
        shown = [
            {
                "time": row["time"][:16].replace("T", " "),
                "author": row["author"],
                "field": (row["field"], f"(with {row['via']})" if row["via"] else None),
                "change": (_shown(row["old"]), "→ " + _shown(row["new"])),
                "note": row["note"],
            }
            for row in rows
        ]
        emit(
            shown,
            fmt,
            HISTORY_TABLE,
            title=f"corrections of {full_id}",
            layout=HISTORY_LAYOUT,
            show_lines=True,
        )
    else:
        emit([{"event_id": full_id, **row} for row in rows], fmt, ("event_id", *HISTORY_COLUMNS))


def _shown(value: Any) -> str:
    """A value for people: text as it is, anything else (numbers, null, lists) as JSON."""
    return value if isinstance(value, str) else strict_json(value)
