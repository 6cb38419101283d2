"""The `frontlines` command: a thin layer over frontlines.workflow and frontlines.store.

Every command has an example in its help; docs/cli.md documents each one (a test checks that it does).
Messages go to standard error through :func:`notice`, which shows control characters in them (from file
names, titles, error texts) as escapes; commands that only read open the database with ``create=False``.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from frontlines import __version__
from frontlines.cli.output import Format
from frontlines.display import printable
from frontlines.settings import Settings, load_settings
from frontlines.store import NoDatabase, NotADatabase, Store, Unreachable
from frontlines.store.backend import redact

app = typer.Typer(
    help="frontlines: sourced, geolocated conflict events from battlefield reports.\n\n"
    "Example: frontlines --db war.db extract demo/corpus --format jsonl",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)
err = Console(stderr=True)

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


class State:
    settings: Settings = Settings()


state = State()


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"frontlines {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database: an SQLite file, or a postgresql:// URL (default: setting `db`)."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Global options apply to every command: frontlines --db war.db stats"""
    try:
        state.settings = load_settings({"db": db})
    except (ValueError, OSError) as exc:
        notice(f"settings: {exc}")
        raise typer.Exit(2) from exc


def notice(message: str) -> None:
    """Print a message to standard error: plain text, control characters made visible, no markup."""
    err.print(printable(message, newlines=True), markup=False, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` and return the exit to raise: ``raise fail("no such event")``."""
    notice(message)
    return typer.Exit(code)


def open_store(*, create: bool = True) -> Store:
    """The settings' database. Commands that only read pass ``create=False``: where there is no database
    they stop (exit 2) and say so instead of creating an empty one."""
    path = state.settings.db
    try:
        return Store.open(path, create=create)
    except NoDatabase as exc:
        shown = redact(path)
        raise fail(f"no database at {shown}: nothing has been ingested there (give another --db?)") from exc
    except (NotADatabase, Unreachable) as exc:
        raise fail(str(exc)) from exc


@contextlib.contextmanager
def progress_bar(label: str, total: int | None = None) -> Iterator[Any]:
    """A rich progress bar on a terminal; silent when output is piped (CI, scripts)."""
    if not sys.stderr.isatty():
        yield lambda _item: None
        return
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _item: progress.advance(task)


def main() -> None:
    app()


# The commands register themselves on `app` when imported.
from frontlines.cli import (  # noqa: E402, F401
    backfill,
    commands,
    control,
    corrections,
    export,
    fusion,
    holders,
    places,
    serve,
    slant,
)
