"""Settings, as a specification: defaults < settings file < environment < command-line flags.

Every test passes its own environment to `load_settings`, so the machine's variables never leak in, and
runs in a temporary working directory, so a ./frontlines.toml of the checkout is never read.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from frontlines.settings import Settings, load_settings, settings_file


@pytest.fixture(autouse=True)
def empty_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No ./frontlines.toml and no ~/.config/frontlines/frontlines.toml: only what a test writes counts."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def write_config(tmp_path: Path, body: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(body, encoding="utf-8")
    return {"FRONTLINES_CONFIG": str(path)}


def test_without_file_env_or_flags_the_defaults_apply() -> None:
    settings = load_settings(env={})
    assert dataclasses.replace(settings, source="defaults") == Settings()
    assert settings.source == "defaults"
    assert settings_file({}) is None


@pytest.mark.parametrize(
    ("in_file", "in_env", "flag", "expected", "source"),
    [
        (None, None, None, "frontlines.db", "defaults"),
        ("file.db", None, None, "file.db", "defaults < {config}"),
        (None, "env.db", None, "env.db", "defaults < FRONTLINES_DB"),
        ("file.db", "env.db", None, "env.db", "defaults < {config} < FRONTLINES_DB"),
        ("file.db", None, "flag.db", "flag.db", "defaults < {config} < --db"),
        (None, "env.db", "flag.db", "flag.db", "defaults < FRONTLINES_DB < --db"),
        ("file.db", "env.db", "flag.db", "flag.db", "defaults < {config} < FRONTLINES_DB < --db"),
    ],
)
def test_each_layer_overrides_the_one_before(
    tmp_path: Path, in_file: str | None, in_env: str | None, flag: str | None, expected: str, source: str
) -> None:
    env: dict[str, str] = {}
    if in_file is not None:
        env.update(write_config(tmp_path, f'db = "{in_file}"\n'))
    if in_env is not None:
        env["FRONTLINES_DB"] = in_env
    settings = load_settings({"db": flag}, env=env)
    assert settings.db == expected
    assert settings.source == source.format(config=tmp_path / "config.toml")


def test_a_flag_left_unset_does_not_override(tmp_path: Path) -> None:
    env = {**write_config(tmp_path, 'db = "file.db"\n'), "FRONTLINES_BATCH_SIZE": "8"}
    settings = load_settings({"db": None, "batch_size": None}, env=env)
    assert (settings.db, settings.batch_size) == ("file.db", 8)


@pytest.mark.parametrize(
    ("toml", "field", "expected"),
    [
        ("max_bytes = 1000", "max_bytes", 1000),
        ("fetch_timeout = 5", "fetch_timeout", 5.0),
        ('user_agent = "me/1"', "user_agent", "me/1"),
        ("batch_size = 4", "batch_size", 4),
        ("section_chars = 50000", "section_chars", 50_000),
        ("lease_seconds = 60", "lease_seconds", 60.0),
        ('actors_file = "my-actors.toml"', "actors_file", "my-actors.toml"),
        ('gazetteer_files = ["SY.txt", "pcodes.csv"]', "gazetteer_files", ("SY.txt", "pcodes.csv")),
        # The settings may also sit under a [frontlines] table, e.g. in a shared config file.
        ("[frontlines]\nbatch_size = 2", "batch_size", 2),
    ],
)
def test_every_setting_can_come_from_the_file(tmp_path: Path, toml: str, field: str, expected: Any) -> None:
    settings = load_settings(env=write_config(tmp_path, toml + "\n"))
    assert getattr(settings, field) == expected


@pytest.mark.parametrize(
    ("variable", "value", "field", "expected"),
    [
        ("FRONTLINES_DB", "x.db", "db", "x.db"),
        ("FRONTLINES_MAX_BYTES", "1000", "max_bytes", 1000),
        ("FRONTLINES_FETCH_TIMEOUT", "2.5", "fetch_timeout", 2.5),
        ("FRONTLINES_USER_AGENT", "me/1", "user_agent", "me/1"),
        ("FRONTLINES_BATCH_SIZE", "16", "batch_size", 16),
        ("FRONTLINES_SECTION_CHARS", "5000", "section_chars", 5_000),
        ("FRONTLINES_LEASE_SECONDS", "30.5", "lease_seconds", 30.5),
        ("FRONTLINES_ACTORS_FILE", "a.toml", "actors_file", "a.toml"),
        ("FRONTLINES_GAZETTEER_FILES", "SY.txt:pcodes.csv", "gazetteer_files", ("SY.txt", "pcodes.csv")),
    ],
)
def test_every_setting_can_come_from_the_environment(
    variable: str, value: str, field: str, expected: Any
) -> None:
    settings = load_settings(env={variable: value})
    assert getattr(settings, field) == expected
    assert settings.source == f"defaults < {variable}"


def test_the_environment_beats_the_file_setting_by_setting(tmp_path: Path) -> None:
    env = {**write_config(tmp_path, "batch_size = 4\nmax_bytes = 1000\n"), "FRONTLINES_BATCH_SIZE": "16"}
    settings = load_settings(env=env)
    assert (settings.batch_size, settings.max_bytes) == (16, 1000)


@pytest.mark.parametrize("toml", ["colour = true", "batchsize = 4", "[frontlines]\ndb = 'x.db'\nverbose = 1"])
def test_an_unknown_setting_in_the_file_is_a_clear_error(tmp_path: Path, toml: str) -> None:
    env = write_config(tmp_path, toml + "\n")
    unknown = toml.split("\n")[-1].split(" =")[0]
    with pytest.raises(ValueError, match=rf"unknown setting\(s\) {unknown}.*docs/settings\.md") as info:
        load_settings(env=env)
    assert str(tmp_path / "config.toml") in str(info.value)


@pytest.mark.parametrize(
    ("where", "found"),
    [("FRONTLINES_CONFIG", "config.toml"), ("./frontlines.toml", "frontlines.toml"), ("nowhere", None)],
)
def test_the_settings_file_is_found_in_order(tmp_path: Path, where: str, found: str | None) -> None:
    env: dict[str, str] = {}
    if where == "FRONTLINES_CONFIG":
        env = write_config(tmp_path, "batch_size = 1\n")
    elif where == "./frontlines.toml":
        Path("frontlines.toml").write_text("batch_size = 2\n", encoding="utf-8")
    path = settings_file(env)
    assert (path.name if path else None) == found


def test_the_variable_wins_over_the_file_in_the_working_directory(tmp_path: Path) -> None:
    Path("frontlines.toml").write_text("batch_size = 2\n", encoding="utf-8")
    assert load_settings(env=write_config(tmp_path, "batch_size = 1\n")).batch_size == 1
    assert load_settings(env={}).batch_size == 2


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("FRONTLINES_BATCH_SIZE", "many"),
        ("FRONTLINES_MAX_BYTES", "20MB"),
        ("FRONTLINES_FETCH_TIMEOUT", "soon"),
    ],
)
def test_a_value_of_the_wrong_type_is_a_clear_error(variable: str, value: str) -> None:
    name = variable.removeprefix("FRONTLINES_").lower()
    with pytest.raises(ValueError, match=rf"setting {name}: '{value}' is not a valid"):
        load_settings(env={variable: value})


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("FRONTLINES_SECTION_CHARS", "10", "setting section_chars: 10 is too small"),
        ("FRONTLINES_LEASE_SECONDS", "0", "setting lease_seconds: 0.0 is not a positive"),
        ("FRONTLINES_LEASE_SECONDS", "nan", "setting lease_seconds: nan is not a positive"),
    ],
)
def test_a_value_out_of_range_is_a_clear_error(variable: str, value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_settings(env={variable: value})
