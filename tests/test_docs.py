"""The reference docs, as a specification: every command, setting and output field is documented.

Adding a command, a setting or a contract field without documenting it fails here, naming what is missing.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from frontlines.cli import app
from frontlines.contract import FIELDS
from frontlines.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"


def command_paths() -> list[str]:
    """Every command and subcommand as a user types it after `frontlines`, e.g. "places add"."""
    paths: list[str] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if path:
            paths.append(" ".join(path))
        # A group has `commands` (typer ships its own copy of click, so no isinstance on click.Group).
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


def headings(path: Path) -> list[str]:
    """The Markdown headings of a file, without the #s and backticks."""
    text = path.read_text(encoding="utf-8")
    return [m.group(1).replace("`", "").strip() for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*$", text, re.M)]


def test_the_walk_finds_commands_and_subcommands() -> None:
    # Guards the parametrised test below: an empty walk would make it vacuous.
    assert {"ingest", "extract", "places add", "gazetteer load"} <= set(command_paths())


@pytest.mark.parametrize("command", command_paths())
def test_every_command_has_a_heading_in_the_cli_docs(command: str) -> None:
    titles = headings(DOCS / "cli.md")
    assert any(title == f"frontlines {command}" or title == command for title in titles), (
        f"docs/cli.md has no heading for `frontlines {command}`"
    )


SETTINGS = [f.name for f in dataclasses.fields(Settings) if f.name != "source"]


@pytest.mark.parametrize("name", SETTINGS)
def test_every_setting_is_documented_with_its_environment_variable(name: str) -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    assert re.search(rf"`{name}`", text), f"docs/settings.md does not document the setting `{name}`"
    assert f"FRONTLINES_{name.upper()}" in text, f"docs/settings.md does not name FRONTLINES_{name.upper()}"


@pytest.mark.parametrize("field", FIELDS)
def test_every_contract_field_is_documented(field: str) -> None:
    text = (DOCS / "output-contract.md").read_text(encoding="utf-8")
    assert re.search(rf"`{field}`", text), f"docs/output-contract.md does not document `{field}`"


@pytest.mark.parametrize(
    "path",
    [
        "cli.md",
        "settings.md",
        "output-contract.md",
        "decisions/0001-storage-schema.md",
        "decisions/0006-cli-and-config.md",
    ],
)
def test_the_reference_docs_exist(path: str) -> None:
    assert (DOCS / path).read_text(encoding="utf-8").startswith("# ")
