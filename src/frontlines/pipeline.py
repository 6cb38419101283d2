"""The pipeline: documents in, events out, one stage after another.

    Document -> nlp.analyse -> extract.extract -> events.build_events -> Event

Each stage is a function of frozen records; this module only wires them together with the data they need
(lexicon, actor and source tables, gazetteer), which are loaded once, from one serialisable configuration
(:class:`frontlines.config.PipelineConfig`, whose version names the pipeline). `Pipeline.run` streams: it
never holds more than one spaCy batch of documents. With the ``prefilter`` setting, only the sentences
:meth:`Pipeline.needs_parse` keeps go through spaCy's tagger and parser (see frontlines/nlp/prefilter.py);
the entity recogniser reads only the sentences whose labels a place decision asks for (frontlines/nlp/entities.py).

A stage that raises on one document fails that document only: the failure (a `StageFailure`, with the stage
and the exception) goes to the caller's ``on_failure`` and the batch goes on. When spaCy fails on a batch, the
documents of the batch not yet done are parsed again one at a time, so that only the bad one fails.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from frontlines.config import PipelineConfig, load_gazetteer_files
from frontlines.events import build_events
from frontlines.extract import extract
from frontlines.extract.lexicon import load_lexicon
from frontlines.extract.memo import PhraseMemo
from frontlines.extract.places import iter_places
from frontlines.ingest import document_id
from frontlines.nlp import Analysis, analyse
from frontlines.nlp import pipeline as nlp_pipeline
from frontlines.nlp.attribution import SourceHit
from frontlines.nlp.prefilter import TriggerWords
from frontlines.records import Document, Event, StageFailure
from frontlines.resolve.actors import UNIDENTIFIED, ActorMention, ActorTable
from frontlines.resolve.gazetteer import Gazetteer, Place
from frontlines.resolve.sources import SourceTable
from frontlines.settings import Settings
from frontlines.slant import mark_slant

SUPPORTED_LANGUAGES = frozenset({"en"})
# Actors that speak only as people a report quotes, never as a body that claims: their words are no claim chain
NOT_SPEAKERS = frozenset({"Civilians", "Protesters", "Rioters"})
PLACE_GATE_SCORE = 0.9  # how well a name must match the gazetteer to count as a known place

OnFailure = Callable[[StageFailure], None]


def _PLACE_LABELS(start: int, end: int) -> set[str]:
    """Entity labels as if the model had labelled every name a place."""
    return {"GPE"}


class StageError(RuntimeError):
    """A stage failed on a document and the caller gave no ``on_failure`` to record it."""

    def __init__(self, failure: StageFailure) -> None:
        super().__init__(f"{failure.source_uri}: {failure.reason}")
        self.failure = failure


def pipeline_version(config: PipelineConfig | None = None) -> str:
    """Changes whenever the code version, any packaged data file, the model, a user file or an output setting
    changes (see :mod:`frontlines.config`): stored events of another version are re-extracted by `extract`."""
    return (config or PipelineConfig()).version()


class Pipeline:
    """Everything extraction needs, loaded once, built from a :class:`PipelineConfig` (or from settings and the
    places of a database, which make one). ``Pipeline(PipelineConfig.from_dict(data))`` in another process
    builds the same pipeline; ``version`` names it."""

    def __init__(
        self, config: PipelineConfig | Settings | None = None, extra_places: Sequence[Place] = ()
    ) -> None:
        if isinstance(config, PipelineConfig):
            if extra_places:
                config = dataclasses.replace(config, places=(*config.places, *extra_places))
            settings = config.settings()
        else:
            settings = config or Settings()
            config = PipelineConfig.from_settings(settings, places=extra_places)
        self.config = config
        self.settings = settings
        self.lexicon = load_lexicon(tuple(config.lexicon_files))
        self.actors = ActorTable.default()
        if config.actors_file:
            self.actors = self.actors.with_file(config.actors_file)
        self.sources = SourceTable.default()
        if config.sources_file:
            self.sources = self.sources.with_file(config.sources_file)
        extra = [*load_gazetteer_files(config.gazetteer_files), *config.places]
        gazetteer = Gazetteer.default()
        self.gazetteer = (gazetteer.with_places(extra) if extra else gazetteer).build()
        self.version = config.version()
        self._trigger_words: TriggerWords | None = None
        # by id() of the batch's documents: the place grammar's answers the pre-filter got, for the extract stage
        self._memos: dict[int, PhraseMemo] = {}
        self._actor_mentions: dict[str, Sequence[ActorMention]] = {}  # by text, for the batch (`_actors_in`)
        self._loaded = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Pipeline:
        """The pipeline of a configuration sent as ``PipelineConfig.to_dict()``; ConfigError when this process
        would build another version of it."""
        return cls(PipelineConfig.from_dict(data))

    def knows_place(self, name: str) -> bool:
        """Is this name a place the gazetteer knows well enough to prove a name is a place (the place gate)?
        A loose spelling match ("Druze" ~ "Daret Azza" at 0.86) proves nothing."""
        found = self.gazetteer.candidates(name)
        return bool(found) and found[0][1] >= PLACE_GATE_SCORE

    def find_sources(self, text: str) -> list[SourceHit]:
        """The sources named in a text: those of the source table, and the armed actors that may speak for
        themselves ("the SDF said", "rebels said"), named as the actor table names them; where a source and an
        actor overlap, the source."""
        hits = [SourceHit(m.start, m.end, m.text, m.name) for m in self.sources.find(text)]
        for a in self._actors_in(text):
            actor = self.actors.get(a.actor_id)
            if actor.id == UNIDENTIFIED or actor.category in NOT_SPEAKERS:
                continue
            if not any(h.start < a.end and a.start < h.end for h in hits):
                hits.append(SourceHit(a.start, a.end, a.text, actor.name, actor=True))
        return sorted(hits, key=lambda h: h.start)

    def _actors_in(self, text: str) -> Sequence[ActorMention]:
        """``actors.find(text)``, kept for the batch: the nlp stage finds the sources of a whole document, and
        the extract and slant stages read the same text's actors again."""
        found = self._actor_mentions.get(text)
        if found is None:
            found = self._actor_mentions[text] = self.actors.find(text)
        return found

    def supports(self, document: Document) -> bool:
        return document.language is None or document.language in SUPPORTED_LANGUAGES

    def run(
        self, documents: Iterable[Document], on_failure: OnFailure | None = None
    ) -> Iterator[tuple[Document, list[Event]]]:
        """(document, events) for every document, in order; unsupported languages give no events. A document a
        stage fails on is left out and its failure given to ``on_failure`` (without one: StageError)."""
        self.load()
        pending: list[Document] = []
        for document in documents:
            if self.supports(document):
                pending.append(document)
                if len(pending) >= self.settings.batch_size:
                    yield from self._batch(pending, on_failure)
                    pending = []
            else:
                yield from self._batch(pending, on_failure)
                pending = []
                yield document, []
        yield from self._batch(pending, on_failure)

    def load(self) -> None:
        """Load now what a run loads on first use (the spaCy model, the pre-filter's trigger words), then move
        every object alive in the process out of the cycle collector's reach (``gc.freeze``). The model, the
        tables and the gazetteer are some 190,000 objects that live as long as the process: each full collection
        of the cycle collector walked them all (0.14 s), about ten times per 200 reports, for 10-15% of an
        extraction's CPU time. Frozen objects are still freed by reference counting; only a reference cycle among
        them would outlive its use, so a pipeline built after another (a server's, when its user places change)
        first collects what died with the one before (docs/decisions/0026-extraction-speed-where-python-spends.md)."""
        if self._loaded:
            return
        nlp_pipeline(self.config.model)
        if self.settings.prefilter and self._trigger_words is None:
            self._trigger_words = self._triggers()
        if gc.get_freeze_count():
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        self._loaded = True

    def _triggers(self) -> TriggerWords:
        lexicon = self.lexicon
        return TriggerWords(
            nlp_pipeline(self.config.model), lexicon.lemmas.keys(), (words for words, _ in lexicon.phrases)
        )

    def _analyses(self, documents: list[Document]) -> Iterator[Analysis]:
        yield from analyse(
            documents,
            self.find_sources,
            batch_size=self.settings.batch_size,
            section_chars=self.settings.section_chars,
            select=self.needs_parse if self.settings.prefilter else None,
            model=self.config.model,
        )

    def needs_parse(self, document: Document, start: int, end: int, lowers: Sequence[str]) -> bool:
        """Can the sentence ``document.text[start:end]`` (its words: ``lowers``) give an event? Only then does
        it need the parser. It must hold a trigger word (:class:`TriggerWords`) and a name that could
        be a place: `find_places` with no actors excluded, read once as if the model labelled no entity and
        once as if it labelled every name a place (GPE). An entity label only adds a place by being GPE, LOC
        or FAC and otherwise only takes places away, so the places of the real labels are among these."""
        if self._trigger_words is None:
            self._trigger_words = self._triggers()
        if not self._trigger_words.in_words(lowers):
            return False
        text = document.text
        memo = self._memos.get(id(document))
        if memo is None:
            memo = self._memos[id(document)] = PhraseMemo()
        asked: list[int] = []

        def no_labels(a: int, b: int) -> set[str]:
            asked.append(a)  # (a reading that never asks for labels gives the same places with any labels)
            return set()

        for labels in (no_labels, _PLACE_LABELS):
            found = iter_places(
                text, start, end, (), labels, self.gazetteer.is_place_name, self.knows_place, memo
            )
            if next(found, None) is not None:  # the first place found settles it
                return True
            if not asked:
                return False
        return False

    def _batch(
        self, documents: list[Document], on_failure: OnFailure | None
    ) -> Iterator[tuple[Document, list[Event]]]:
        self._memos.clear()  # (a memo is only ever asked about its own strings: see frontlines.extract.memo)
        self._actor_mentions.clear()
        analyses = self._analyses(documents)
        done = 0
        while True:
            try:
                analysis = next(analyses)
            except StopIteration:
                break
            except Exception:  # the document at fault is found below
                break
            done += 1
            yield from self._events(analysis, on_failure)
        for document in documents[done:]:  # spaCy failed in this batch: the rest one by one
            try:
                [analysis] = list(self._analyses([document]))
            except Exception as exc:  # recorded as the document's problem
                _fail(StageFailure.of(document, "nlp", exc), exc, on_failure)
                continue
            yield from self._events(analysis, on_failure)

    def _events(
        self, analysis: Analysis, on_failure: OnFailure | None
    ) -> Iterator[tuple[Document, list[Event]]]:
        document = analysis.document
        memo = self._memos.pop(id(document), None)
        stage = "extract"
        try:
            mentions = extract(
                analysis,
                self.lexicon,
                self._actors_in,
                self.gazetteer.is_place_name,
                self.knows_place,
                memo,
            )
            stage = "events"
            events = build_events(mentions, self.lexicon, self.actors, self.gazetteer, self.sources)
            stage = "slant"
            document, events = mark_slant(analysis, events, self._actors_in, self.settings.slant)
        except Exception as exc:  # recorded as the document's problem
            _fail(StageFailure.of(document, stage, exc), exc, on_failure)
            return
        yield document, events

    def extract_document(self, document: Document) -> list[Event]:
        return next(iter(self.run([document])))[1]


def _fail(failure: StageFailure, exc: Exception, on_failure: OnFailure | None) -> None:
    if on_failure is None:
        raise StageError(failure) from exc
    on_failure(failure)


def extract_texts(texts: Sequence[str], settings: Settings | None = None) -> list[list[Event]]:
    """Events of plain texts (no metadata): for benchmarks and quick experiments."""
    pipeline = Pipeline(settings)
    documents = [Document(id=document_id(t), text=t, source_uri=f"text:{i}") for i, t in enumerate(texts)]
    return [events for _, events in pipeline.run(documents)]
