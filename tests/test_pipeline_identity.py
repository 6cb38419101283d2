"""One pipeline identity, as a specification: a serialisable configuration builds the pipeline, and the pipeline
version changes with everything the pipeline reads (and with nothing else), so that `extract` re-extracts.

User files are written here; the packaged data is copied to a temporary folder to be changed there.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

import frontlines.config
from frontlines.config import DATA_PACKAGES, ConfigError, PipelineConfig, package_data_files
from frontlines.ingest import document_id
from frontlines.pipeline import Pipeline
from frontlines.records import Document
from frontlines.resolve.gazetteer import Place
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.workflow import extract_into, make_pipeline

ACTORS = """
[[actors]]
id = "test-brigade"
name = "Test Brigade"
side = "opposition"
category = "Rebel group"
aliases = ["{alias}"]
"""
PLACE = Place(
    "user:1", "Tal Test", None, (), "village", None, None, None, None, None, None, 36.0, 37.0, "user", "user"
)


@pytest.fixture
def actors_file(tmp_path: Path) -> Path:
    path = tmp_path / "actors.toml"
    path.write_text(ACTORS.format(alias="Test Brigade"), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------- the config


def test_a_config_goes_through_json_and_comes_back_the_same(actors_file: Path) -> None:
    config = PipelineConfig(
        actors_file=str(actors_file), places=(PLACE,), section_chars=5_000, prefilter=False
    )
    data = json.loads(json.dumps(config.to_dict()))
    assert PipelineConfig.from_dict(data) == config
    assert data["version"] == config.version()


def test_a_config_whose_files_changed_on_the_way_is_refused(actors_file: Path) -> None:
    data = PipelineConfig(actors_file=str(actors_file)).to_dict()
    actors_file.write_text(ACTORS.format(alias="Other Brigade"), encoding="utf-8")
    with pytest.raises(ConfigError, match="not " + data["version"].replace("+", r"\+")):
        PipelineConfig.from_dict(data)


def test_an_unknown_field_is_refused() -> None:
    with pytest.raises(ConfigError, match="colour"):
        PipelineConfig.from_dict({**PipelineConfig().to_dict(), "colour": "red"})


def test_the_pipeline_is_built_from_the_config_alone(actors_file: Path) -> None:
    config = PipelineConfig(actors_file=str(actors_file), places=(PLACE,))
    pipeline = Pipeline.from_dict(json.loads(json.dumps(config.to_dict())))
    assert pipeline.version == config.version()
    assert "test-brigade" in pipeline.actors
    assert pipeline.gazetteer.get("user:1") is not None


def test_settings_and_database_places_make_the_config(actors_file: Path) -> None:
    settings = Settings(actors_file=str(actors_file), section_chars=4_000, prefilter=False, batch_size=7)
    config = PipelineConfig.from_settings(settings, places=(PLACE,))
    assert (config.actors_file, config.section_chars, config.prefilter, config.batch_size) == (
        str(actors_file), 4_000, False, 7,
    )  # fmt: skip
    assert config.places == (PLACE,)
    assert Pipeline(settings, extra_places=(PLACE,)).version == config.version()


# ---------------------------------------------------------------------------------------------- the version


def _changes(tmp_path: Path, actors_file: Path) -> dict[str, PipelineConfig]:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('[[class]]\nname = "test"\nevent_type = "Battles"\nsub_event_type = "Armed clash"\n'
                       'rank = 1\nlemmas = ["skirmish"]\n', encoding="utf-8")  # fmt: skip
    gazetteer = tmp_path / "places.tsv"
    gazetteer.write_text("", encoding="utf-8")
    return {
        "actors file": PipelineConfig(actors_file=str(actors_file)),
        "lexicon file": PipelineConfig(lexicon_files=(str(lexicon),)),
        "gazetteer file": PipelineConfig(gazetteer_files=(str(gazetteer),)),
        "a place in the database": PipelineConfig(places=(PLACE,)),
        "section size": PipelineConfig(section_chars=10_000),
        "pre-filter off": PipelineConfig(prefilter=False),
    }


def test_every_input_of_the_pipeline_changes_the_version(tmp_path: Path, actors_file: Path) -> None:
    versions = {name: config.version() for name, config in _changes(tmp_path, actors_file).items()}
    versions["packaged only"] = PipelineConfig().version()
    assert len(set(versions.values())) == len(versions), versions


def test_the_batch_size_changes_memory_not_the_version() -> None:
    assert PipelineConfig(batch_size=3).version() == PipelineConfig(batch_size=300).version()


def test_the_contents_of_a_user_file_are_in_the_version(actors_file: Path) -> None:
    config = PipelineConfig(actors_file=str(actors_file))
    before = config.version()
    actors_file.write_text(ACTORS.format(alias="Brigade of Tests"), encoding="utf-8")
    assert config.version() != before


def test_a_missing_user_file_is_named() -> None:
    with pytest.raises(ConfigError, match="no-such-actors.toml"):
        PipelineConfig(actors_file="no-such-actors.toml").version()


@pytest.mark.parametrize(
    "expected",
    [
        "frontlines.extract/data/triggers.toml",
        "frontlines.extract/data/words.toml",
        "frontlines.nlp/data/words.toml",
        "frontlines.events/data/words.toml",
        "frontlines.resolve/data/actors/actors.toml",
        "frontlines.resolve/data/actors/sources.toml",
        "frontlines.resolve/data/gazetteer/places-merged.csv",
        "frontlines.resolve/data/gazetteer/curated-places.csv",
        "frontlines.resolve/data/gazetteer/demonyms.csv",
        "frontlines/data/acled-taxonomy.toml",
    ],
)
def test_the_packaged_data_the_stages_read_is_hashed(expected: str) -> None:
    assert expected in {label for label, _ in package_data_files()}


def test_readme_files_are_not_data() -> None:
    assert not [label for label, _ in package_data_files() if "README" in label.upper()]


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The packaged data folders copied under a temporary root, which the version then reads."""
    root = tmp_path / "packages"
    for package in DATA_PACKAGES:
        source = Path(str(resources.files(package).joinpath("data")))
        shutil.copytree(source, root / package / "data")
    monkeypatch.setattr(frontlines.config.resources, "files", lambda package: root / package)
    return root


@pytest.mark.parametrize(
    "changed",
    [
        "frontlines.extract/data/triggers.toml",
        "frontlines.nlp/data/words.toml",
        "frontlines.events/data/words.toml",
        "frontlines.resolve/data/gazetteer/places-merged.csv",
        "frontlines.resolve/data/gazetteer/world-places.csv",
    ],
)
def test_a_change_to_any_packaged_data_file_changes_the_version(data_copy: Path, changed: str) -> None:
    before = PipelineConfig().version()
    path = data_copy / changed
    path.write_bytes(path.read_bytes() + b"\n")
    assert PipelineConfig().version() != before


# ------------------------------------------------------------------------------------------- re-extraction


def _store_with_report(db: Path) -> str:
    text = "Test Brigade fighters captured the village of Khan Tuman on Sunday, SANA reported."
    document = Document(id=document_id(text), text=text, source_uri="test:1")
    with Store.open(db) as store:
        store.add_document(document)
    return document.id


def test_extract_re_extracts_when_a_user_file_changes_and_only_then(
    tmp_path: Path, actors_file: Path
) -> None:
    db = tmp_path / "war.db"
    doc_id = _store_with_report(db)
    settings = Settings(actors_file=str(actors_file))
    with Store.open(db) as store:
        assert extract_into(store, make_pipeline(store, settings)).documents == 1
        assert extract_into(store, make_pipeline(store, settings)).documents == 0  # nothing changed
        actors_file.write_text(ACTORS.format(alias="Test Brigade fighters"), encoding="utf-8")
        pipeline = make_pipeline(store, settings)
        assert store.pending_extraction(pipeline.version) == [doc_id]
        assert extract_into(store, pipeline).documents == 1
        [version] = {r[0] for r in store.conn.execute("SELECT pipeline_version FROM extractions")}
        assert version == pipeline.version


def test_extract_re_extracts_when_packaged_data_changes(tmp_path: Path, data_copy: Path) -> None:
    db = tmp_path / "war.db"
    _store_with_report(db)
    with Store.open(db) as store:
        extract_into(store, make_pipeline(store, Settings()))
        words = data_copy / "frontlines.events/data/words.toml"
        words.write_text(
            words.read_text(encoding="utf-8") + "\n# a comment changes the file\n", encoding="utf-8"
        )
        assert extract_into(store, make_pipeline(store, Settings())).documents == 1


def test_replacing_a_config_field_gives_another_version() -> None:
    config = PipelineConfig()
    assert dataclasses.replace(config, section_chars=12_345).version() != config.version()


def test_a_run_loads_the_model_then_freezes_what_is_loaded_out_of_the_cycle_collector() -> None:
    """Pipeline.load: the model, the tables and the gazetteer live as long as the process, and a full collection
    of the cycle collector would walk them all again and again (ADR 0026)."""
    import gc

    pipeline = Pipeline(Settings())
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    text = "Syrian troops recaptured the village of Kafr Nabl on Monday, SANA said."
    [(_, events)] = list(pipeline.run([Document(id=document_id(text), text=text, source_uri="text:0")]))
    assert events and gc.get_freeze_count() > 100_000
    gc.unfreeze()
    list(pipeline.run([]))  # once per pipeline
    assert gc.get_freeze_count() == 0


def test_a_second_pipeline_collects_the_cycles_frozen_with_the_first() -> None:
    """A server builds a new pipeline when its user places change: garbage frozen with the old one (a
    reference cycle) must not live on in the permanent generation."""
    import gc
    import weakref

    class Cycle:
        def __init__(self) -> None:
            self.me = self

    list(Pipeline(Settings()).run([]))
    cycle = Cycle()
    alive = weakref.ref(cycle)
    gc.freeze()  # as if frozen with the first pipeline's objects
    del cycle
    gc.collect()
    assert alive() is not None  # a frozen cycle outlives its use...
    list(Pipeline(Settings()).run([]))
    assert alive() is None  # ...until the next pipeline loads
    assert gc.get_freeze_count() > 100_000
