"""Configuration in one place: defaults < settings file < environment < command-line flags.

The settings file is TOML, looked up in this order: the path in ``$FRONTLINES_CONFIG``, ``./frontlines.toml``,
``~/.config/frontlines/frontlines.toml``. Every setting can also be set from the environment as
``FRONTLINES_<NAME>`` (upper case), and the CLI's global flags override both. docs/settings.md documents every
setting (a test checks it).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "frontlines.db"  # the SQLite database file, or a postgresql:// URL (a server, ADR 0020)
    max_bytes: int = 20_000_000  # inputs (files, HTTP responses) larger than this are refused
    fetch_timeout: float = 20.0  # seconds to wait for an http(s) source to connect or send anything
    fetch_deadline: float = 60.0  # seconds one whole http(s) fetch may take
    user_agent: str = "frontlines/0.1 (+https://example.org/frontlines)"
    batch_size: int = 32  # documents per spaCy batch
    section_chars: int = 20_000  # longer documents are parsed (and geocoded) in sections of at most this size
    prefilter: bool = True  # parse only the sentences that can give an event (see nlp/prefilter.py)
    workers: int = 1  # `extract`: processes extracting at once, each with the model loaded once
    lease_seconds: float = 600.0  # how long a document claimed by one `extract` is left to it by the others
    actors_file: str | None = None  # a user alias table extending the packaged one
    sources_file: str | None = None  # a user source table extending the packaged one
    lexicon_files: tuple[str, ...] = field(default_factory=tuple)  # user trigger lexicons (TOML)
    # user gazetteer files (geonames/ocha/csv)
    gazetteer_files: tuple[str, ...] = field(default_factory=tuple)
    slant: bool = True  # run the slant stage (propaganda-technique spans, label tones) during extraction
    # the web map (frontlines.web): an online raster tile URL template ({z}/{x}/{y}) under the offline basemap
    map_tiles: str | None = None
    map_tiles_attribution: str | None = None  # the credit the tile provider asks for, shown on the map
    web_assets: str | None = None  # the node_modules folder holding the map's libraries (npm ci)
    # `serve`: the bearer token of the write endpoints (none or empty: read-only); never shown in a repr
    api_token: str | None = field(default=None, repr=False)
    source: str = "defaults"  # where the settings came from, for `frontlines stats`

    def __post_init__(self) -> None:
        if self.section_chars < MIN_SECTION_CHARS:
            raise ValueError(
                f"setting section_chars: {self.section_chars} is too small (at least {MIN_SECTION_CHARS})"
            )
        if self.workers < 1:
            raise ValueError(f"setting workers: {self.workers} is not a positive number of processes")
        if self.api_token is not None and not self.api_token.strip():
            object.__setattr__(self, "api_token", None)
        token = self.api_token
        if token is not None and (len(token) < MIN_TOKEN_CHARS or not token.isprintable() or " " in token):
            raise ValueError(
                f"setting api_token: give at least {MIN_TOKEN_CHARS} printable characters, no spaces (e.g. the"
                " output of `python -c 'import secrets; print(secrets.token_urlsafe())'`)"
            )
        if not self.lease_seconds > 0:
            raise ValueError(
                f"setting lease_seconds: {self.lease_seconds} is not a positive number of seconds"
            )
        if self.map_tiles is not None and not _TILE_URL.fullmatch(self.map_tiles):
            raise ValueError(
                f"setting map_tiles: {self.map_tiles!r} is not an http(s) tile URL template with {{z}}, {{x}} "
                "and {y} (e.g. https://tiles.example.org/{z}/{x}/{y}.png)"
            )


# an http(s) URL with a host, no spaces or quotes, and the {z}, {x} and {y} placeholders, in any order
_TILE_URL = re.compile(r"https?://[^/\s\"'<>]+/(?=\S*\{z\})(?=\S*\{x\})(?=\S*\{y\})[^\s\"'<>]*")


MIN_TOKEN_CHARS = 16  # a shorter API token could be guessed
MIN_SECTION_CHARS = 1_000  # smaller sections would parse a document a few words at a time


_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.name != "source"}


def _coerce(name: str, value: Any) -> Any:
    kind = _FIELDS[name].type
    if value is None:
        return None
    if kind in (bool, "bool"):
        return _boolean(name, value)
    if "tuple" in str(kind):
        if isinstance(value, str):
            return tuple(v for v in value.split(os.pathsep) if v)
        return tuple(str(v) for v in value)
    if "bool" in str(kind):
        return _boolean(name, value)
    try:
        if "int" in str(kind) and "float" not in str(kind):
            return int(value)
        if "float" in str(kind):
            return float(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"setting {name}: {value!r} is not a valid {kind}") from exc
    return str(value)


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def _boolean(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(f"setting {name}: {value!r} is not a valid bool (true/false, yes/no, on/off, 1/0)")


def settings_file(env: dict[str, str] | None = None) -> Path | None:
    env = dict(os.environ) if env is None else env
    candidates = [env.get("FRONTLINES_CONFIG"), "frontlines.toml", "~/.config/frontlines/frontlines.toml"]
    for candidate in candidates:
        if candidate and Path(candidate).expanduser().is_file():
            return Path(candidate).expanduser()
    return None


def load_settings(overrides: dict[str, Any] | None = None, env: dict[str, str] | None = None) -> Settings:
    """Build the effective settings. ``overrides`` are CLI flags (None values are ignored)."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    origin = ["defaults"]
    path = settings_file(env)
    if path is not None:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        data = data.get("frontlines", data)
        unknown = sorted(set(data) - set(_FIELDS))
        if unknown:
            raise ValueError(f"{path}: unknown setting(s) {', '.join(unknown)}; see docs/settings.md")
        values.update({k: _coerce(k, v) for k, v in data.items()})
        origin.append(str(path))
    for name in _FIELDS:
        key = f"FRONTLINES_{name.upper()}"
        if key in env:
            values[name] = _coerce(name, env[key])
            origin.append(key)
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _coerce(name, value)
            origin.append(f"--{name.replace('_', '-')}")
    return Settings(**values, source=" < ".join(origin))
