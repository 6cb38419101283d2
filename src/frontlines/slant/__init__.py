"""Slant stage: spans of propaganda techniques in a report, and how they colour its events.

Reads: an `nlp.Analysis` (the spaCy parse the pipeline made) and the events built from it.
Writes: the document's `Slant` (every span, with its technique, score and rule, and the words counted) and each
event's claim with the spans of its sentence and of the sentences naming its actors (`SlantSpan.where` says
which) and the tone of the label each side gets (`ActorLabel`).

Three finders, each span naming the one that found it in ``rule``:

- ``model:ptc-linear-…``: a linear token model trained on the Propaganda Techniques Corpus (model.py) finds
  Loaded_Language and Name_Calling,Labeling;
- ``cue:…``: cue phrase lists (cues.py, data/cues.toml): war words and intensifiers (Loaded_Language),
  Flag-Waving, Exaggeration,Minimisation;
- ``labels:…``: pejorative labels of the labels table (labels.py, data/labels.toml) in running text
  (Name_Calling,Labeling).

Spans of one technique that overlap are joined (the highest score and its rule kept); spans of different
techniques may overlap, as in the corpus. Nothing is downloaded: the model and the lists are package data.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from importlib import resources
from typing import Any

from frontlines.records import ActorLabel, ActorRef, Document, Event, Slant, SlantSpan
from frontlines.slant.cues import CueList, default_cues
from frontlines.slant.labels import LabelTable, default_labels
from frontlines.slant.model import LinearModel, load_model

__all__ = ["SlantFinder", "find_slant", "mark_slant", "resolve_overlaps", "slant_version", "tie_events"]

DATA_FILES = (
    "data/ptc-linear.json",
    "data/cues.toml",
    "data/labels.toml",
    "data/valence.tsv",
    "data/frequency.tsv",
    "data/wordnet.tsv",
)
WORD = re.compile(r"\w+(?:[-'’]\w+)*")  # the words counted for rates per 1,000 words
ACTOR_SENTENCES = 3  # per actor: the sentences naming it nearest the event's own sentence
FindActors = Callable[
    [str], Sequence[Any]
]  # text -> mentions with start, actor_id, generic (ActorTable.find)


@functools.lru_cache(maxsize=1)
def slant_version() -> str:
    """Changes whenever the model or a list changes (part of the pipeline version)."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(resources.files("frontlines.slant").joinpath(name).read_bytes())
    return "slant-" + digest.hexdigest()[:10]


class SlantFinder:
    """The three finders with their data, loaded once."""

    def __init__(
        self,
        model: LinearModel | None = None,
        labels: LabelTable | None = None,
        cues: Sequence[CueList] | None = None,
        use_model: bool = True,
    ) -> None:
        self.model = (model or load_model()) if use_model else None
        self.labels = labels or default_labels()
        self.cues = tuple(default_cues() if cues is None else cues)

    def spans(self, doc: Any, text: str | None = None) -> list[SlantSpan]:
        """Every span of a parsed document (a spaCy Doc, and its text when the caller has it: building it
        from the Doc costs), overlaps of one technique joined, in text order."""
        text = doc.text if text is None else text
        found = self.model.spans(doc, text) if self.model is not None else []
        found += [span for cues in self.cues for span in cues.spans(text)]
        found += self.labels.spans(text)
        return resolve_overlaps(found, text)

    def slant(self, doc: Any, text: str | None = None) -> Slant:
        words = len(WORD.findall(doc.text if text is None else text))
        return Slant(tuple(self.spans(doc, text)), words, slant_version())


@functools.lru_cache(maxsize=1)
def default_finder() -> SlantFinder:
    return SlantFinder()


def resolve_overlaps(spans: Iterable[SlantSpan], text: str) -> list[SlantSpan]:
    """Overlapping spans of one technique joined into one, keeping the highest score and its rule."""
    joined: list[SlantSpan] = []
    by_technique: dict[str, list[SlantSpan]] = {}
    for span in sorted(spans, key=lambda s: (s.technique, s.start, -s.end)):
        run = by_technique.setdefault(span.technique, [])
        if run and span.start < run[-1].end:
            last = run[-1]
            best = last if last.score >= span.score else span
            end = max(last.end, span.end)
            run[-1] = replace(best, start=last.start, end=end, text=text[last.start : end])
        else:
            run.append(span)
    for run in by_technique.values():
        joined += run
    return sorted(joined, key=lambda s: (s.start, s.end, s.technique))


def find_slant(analysis: Any, finder: SlantFinder | None = None) -> Slant:
    """The slant of an analysed document."""
    return (finder or default_finder()).slant(analysis.doc, analysis.document.text)


# ------------------------------------------------------------------------------------------------- events


def _sentence_index(starts: Sequence[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _actor_sentences(
    ref: ActorRef, own: int, starts: Sequence[int], named: dict[str, list[int]]
) -> list[int]:
    """The sentences naming an actor that an event's claim takes spans from: the one holding the event's own
    label for it, and the ACTOR_SENTENCES nearest the event's sentence that name it."""
    chosen = []
    if ref.span is not None:
        chosen.append(_sentence_index(starts, ref.span.start))
    nearest = sorted(set(named.get(ref.actor_id, ())), key=lambda i: (abs(i - own), i))
    for index in nearest[:ACTOR_SENTENCES]:
        if index not in chosen:
            chosen.append(index)
    return chosen


def tie_events(
    events: Sequence[Event],
    slant: Slant,
    sentences: Sequence[tuple[int, int]],
    mentions: Iterable[Any],
    labels: LabelTable | None = None,
) -> list[Event]:
    """Each event with the spans of its sentence and of the sentences naming its actors on its claim (their
    ``where`` saying "sentence", "actor1" or "actor2", the first reason that holds), and each side's label
    with its tone. ``mentions`` are the report's actor mentions (only named ones count as naming an actor)."""
    table = labels or default_labels()
    starts = [start for start, _ in sentences]
    named: dict[str, list[int]] = {}
    for mention in mentions:
        if not mention.generic:
            named.setdefault(mention.actor_id, []).append(_sentence_index(starts, mention.start))
    out = []
    for event in events:
        own = _sentence_index(starts, event.sentence.start)
        ranges = [("sentence", event.sentence.start, event.sentence.end)]
        tones = []
        for role, ref in (("actor1", event.actor1), ("actor2", event.actor2)):
            if ref is None:
                continue
            ranges += [(role, *sentences[i]) for i in _actor_sentences(ref, own, starts, named)]
            if not ref.label:
                continue  # an actor by ACLED's default (a bomb no one is named for): the report gave no label
            tone = table.tone(ref.label, ref.actor_id)
            tones.append(ActorLabel(role, ref.actor_id, ref.label, tone.tone, tone.rule))
        tied = []
        for span in slant.spans:
            where = next((role for role, s, e in ranges if span.start < e and span.end > s), None)
            if where is not None:
                tied.append(replace(span, where=where))
        claim = replace(event.claim, slant=tuple(tied), labels=tuple(tones))
        out.append(replace(event, claim=claim))
    return out


def mark_slant(
    analysis: Any, events: Sequence[Event], find_actors: FindActors, enabled: bool = True
) -> tuple[Document, list[Event]]:
    """The slant stage as the pipeline runs it: the document with its `Slant`, and its events with theirs.
    With ``enabled`` False (setting `slant`), both come back as they were."""
    if not enabled:
        return analysis.document, list(events)
    slant = find_slant(analysis)
    sentences = [(s.start, s.end) for s in analysis.sentences] or [(0, len(analysis.document.text))]
    mentions = find_actors(analysis.document.text) if events else ()
    marked = tie_events(events, slant, sentences, mentions)
    return replace(analysis.document, slant=slant), marked
