"""The pipeline's identity: one serialisable configuration that builds every component, and its version.

:class:`PipelineConfig` names everything the stages load besides the packaged data: the spaCy model, the users'
own files (trigger lexicon, actor and source tables, gazetteers), the places users added to their database, and
the settings that change output. ``Pipeline(config)`` builds the same pipeline in any process: a worker of
``extract --workers`` or of ``frontlines backfill`` gets the config as JSON (:meth:`PipelineConfig.to_dict`) and
checks that its version, computed from the files it reads, is the one the driver computed (a file that changed
in between, or a worker with other package data, is refused instead of silently giving other events).

The version hashes the code version, every packaged data file the stages read (``data/`` of the stage packages,
README files aside), the spaCy model's meta and spaCy's version, the contents of the users' files, the users'
places and the output settings. Stored events carry it: ``frontlines extract`` re-extracts every document a
different version extracted, so a change to any of these files re-extracts, and nothing else does.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from frontlines import __version__
from frontlines.nlp.model import MODEL_PACKAGE
from frontlines.resolve.gazetteer import Gazetteer, Place
from frontlines.resolve.gazetteer_loaders import load_geonames, load_ocha
from frontlines.settings import Settings
from frontlines.slant import slant_version

# The packages whose data/ folder the stages read (word lists, lexicon, tables, gazetteer, taxonomy).
DATA_PACKAGES = (
    "frontlines",
    "frontlines.nlp",
    "frontlines.extract",
    "frontlines.events",
    "frontlines.resolve",
)


class ConfigError(ValueError):
    """A configuration that cannot be built as given (a missing file, another version than expected)."""


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Everything that builds a :class:`frontlines.pipeline.Pipeline`, as plain values."""

    model: str = MODEL_PACKAGE  # the spaCy model package (verified at load: en_core_web_sm 3.8.0)
    lexicon_files: tuple[str, ...] = ()  # user trigger lexicons (TOML, merged over the packaged one)
    actors_file: str | None = None  # a user actor alias table extending the packaged one
    sources_file: str | None = None  # a user source table extending the packaged one
    gazetteer_files: tuple[str, ...] = ()  # user gazetteer files (GeoNames, OCHA, packaged CSV format)
    places: tuple[Place, ...] = ()  # places users added to their database; they win over the files'
    section_chars: int = 20_000  # output: long documents are parsed and geocoded in sections this size
    prefilter: bool = True  # output (within 0.01 of every figure): parse only the sentences that need it
    slant: bool = True  # output: the slant stage's spans and label tones on every event (ADR 0017)
    batch_size: int = field(default=32, compare=False)  # documents per spaCy batch: memory, not output

    @classmethod
    def from_settings(cls, settings: Settings, places: Sequence[Place] = ()) -> PipelineConfig:
        return cls(
            lexicon_files=tuple(settings.lexicon_files),
            actors_file=settings.actors_file,
            sources_file=settings.sources_file,
            gazetteer_files=tuple(settings.gazetteer_files),
            places=tuple(places),
            section_chars=settings.section_chars,
            prefilter=settings.prefilter,
            slant=settings.slant,
            batch_size=settings.batch_size,
        )

    def settings(self, base: Settings | None = None) -> Settings:
        """Settings with this configuration's values (the rest from ``base``)."""
        return dataclasses.replace(
            base or Settings(),
            lexicon_files=self.lexicon_files,
            actors_file=self.actors_file,
            sources_file=self.sources_file,
            gazetteer_files=self.gazetteer_files,
            section_chars=self.section_chars,
            prefilter=self.prefilter,
            slant=self.slant,
            batch_size=self.batch_size,
        )

    # ------------------------------------------------------------------------------------------ identity

    def version(self) -> str:
        """``<code version>+<hash>``: changes with any file, place or output setting (see the module doc)."""
        digest = hashlib.sha256(__version__.encode())
        for label, data in self._identity():
            digest.update(f"\0{label}\0{len(data)}\0".encode())
            digest.update(data)
        slant = f"+{slant_version()}" if self.slant else ""  # the slant model and lists (frontlines.slant)
        return f"{__version__}+{digest.hexdigest()[:10]}{slant}"

    def _identity(self) -> Iterator[tuple[str, bytes]]:
        for label, packaged in package_data_files():
            yield label, packaged.read_bytes()
        yield "model", model_identity(self.model)
        for kind, paths in (
            ("lexicon", self.lexicon_files),
            ("actors", (self.actors_file,) if self.actors_file else ()),
            ("sources", (self.sources_file,) if self.sources_file else ()),
            ("gazetteer", self.gazetteer_files),
        ):
            for i, path in enumerate(paths):
                yield f"{kind}:{i}", _read_user_file(kind, path)
        yield "places", _canonical([dataclasses.asdict(p) for p in self.places])
        yield "output", _canonical(
            {"section_chars": self.section_chars, "prefilter": self.prefilter, "slant": self.slant}
        )

    # --------------------------------------------------------------------------------------- serialising

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values, with the version they give here (``from_dict`` checks it where they arrive)."""
        data = {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}
        data["places"] = [dataclasses.asdict(p) for p in self.places]
        data["version"] = self.version()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], check: bool = True) -> PipelineConfig:
        """The configuration ``to_dict`` gave. With ``check``, its version must be the one recorded there."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - known - {"version"})
        if unknown:
            raise ConfigError(f"unknown pipeline configuration field(s): {', '.join(unknown)}")
        values = {k: v for k, v in data.items() if k in known}
        for name in ("lexicon_files", "gazetteer_files"):
            values[name] = tuple(values.get(name) or ())
        values["places"] = tuple(
            Place(**{**p, "alt_names": tuple(p.get("alt_names") or ())}) for p in values.get("places") or ()
        )
        config = cls(**values)
        expected = data.get("version")
        if check and expected is not None and config.version() != expected:
            raise ConfigError(
                f"this process builds pipeline version {config.version()}, not {expected}: a data file, a user "
                "file or the model differs here from where the configuration was made"
            )
        return config


def package_data_files() -> list[tuple[str, Traversable]]:
    """Every packaged data file the stages may read, as (label, file), sorted: the ``data/`` folders of
    :data:`DATA_PACKAGES`, recursively, README files aside."""
    found: list[tuple[str, Traversable]] = []
    for package in DATA_PACKAGES:
        root = resources.files(package).joinpath("data")
        if root.is_dir():
            found.extend(_walk(root, f"{package}/data"))
    return sorted(found, key=lambda item: item[0])


def _walk(folder: Traversable, label: str) -> Iterator[tuple[str, Traversable]]:
    for entry in folder.iterdir():
        name = f"{label}/{entry.name}"
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _walk(entry, name)
        elif entry.is_file() and not entry.name.lower().startswith("readme"):
            yield name, entry


def model_identity(model: str) -> bytes:
    """The model package's meta.json (name, version, components, sources) and spaCy's version."""
    import spacy

    spec = importlib.util.find_spec(model)
    meta = b""
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            path = Path(location) / "meta.json"
            if path.is_file():
                meta = path.read_bytes()
                break
    return f"{model}\0{spacy.__version__}\0".encode() + meta


def load_gazetteer_files(paths: Sequence[str]) -> list[Place]:
    """Places of users' gazetteer files: GeoNames dumps (.txt, tab-separated), OCHA P-code tables (.csv with
    admin columns) or CSVs in the packaged gazetteer's own columns (a ``name_en`` column)."""
    places: list[Place] = []
    for name in paths:
        path = Path(name).expanduser()
        if path.suffix.lower() in (".txt", ".tsv"):
            places += load_geonames(path)
            continue
        with path.open(encoding="utf-8-sig") as fh:
            header = fh.readline()
        places += list(Gazetteer.from_csv(path)) if "name_en" in header else load_ocha(path)
    return places


def _read_user_file(kind: str, path: str) -> bytes:
    try:
        return Path(path).expanduser().read_bytes()
    except OSError as exc:
        raise ConfigError(f"the {kind} file {path!r} cannot be read: {exc.strerror or exc}") from exc


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
