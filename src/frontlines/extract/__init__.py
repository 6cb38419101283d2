"""Extract stage: event mentions from an analysed document.

Reads: an `nlp.Analysis` (parsed sentences, captions, background, attributions).
Writes: `Mentions`: for every asserted trigger, the places it governs, with the actor mentions of its sentence.

The rule that makes "recaptured the villages of A, B, C and D" four events: every place a trigger governs in
the dependency tree is its own mention. A place governed by no trigger (or by a verb that is not an event, such
as "overlooks") is not an event place; nor is a place that only describes a route or a direction of movement.
Headlines, photo captions and background sentences give no mentions.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from frontlines.extract.lexicon import Lexicon
from frontlines.extract.memo import PhraseMemo
from frontlines.extract.places import PlaceCandidate, find_places, restates
from frontlines.extract.triggers import (
    DISARMING,
    Trigger,
    agreement_concluded,
    attempted,
    disarmed_by,
    find_triggers,
    governing_trigger,
    is_asserted,
    moves_aid,
)
from frontlines.nlp import Analysis, Sentence
from frontlines.nlp.attribution import NONE, carried
from frontlines.nlp.discourse import news_segments
from frontlines.resolve.actors import ActorMention
from frontlines.resolve.dates import states_a_date
from frontlines.wordlists import load_words, word_set

NOT_EVENT_RELATIONS = frozenset({"route", "toward", "reference"})
AGREEMENT = "agreement"  # the lexicon class of agreements: an event only when concluded
TERRITORY, CLASH = "territory", "clash"  # a capture tried is a battle
# The words are package data (data/words.toml, [mentions]).
_M = load_words("frontlines.extract")["mentions"]
# Triggers whose event happens where the actor came from: "expelled ISIS from X", "withdrew from X".
FROM_TRIGGERS = word_set(_M, "from_triggers")
STRONG = frozenset({"cue", "after-cue"})
# A place that is the subject of the event ("Israel captured", "Turkey launched", "Russia's attacks") is an actor.
ACTOR_DEPS = frozenset({"nsubj", "poss"})
# "Aleppo's northern outskirts": a possessive naming a part of the place is a place, "Syria's army" is not.
PART_NOUNS = word_set(_M, "part_nouns")
PATIENT_DEPS = frozenset({"nsubjpass", "dobj"})  # of a verb that acts on people: its victim
# "two cousins of the president, Ali and Kifah": names in apposition to people are people (rule "person").
PERSON_NOUNS = word_set(_M, "person_nouns")


@dataclass(frozen=True, slots=True)
class EventMention:
    sentence: Sentence
    trigger: Trigger
    place: PlaceCandidate
    actors: tuple[ActorMention, ...]  # actor mentions of the sentence (not sources), left to right


@dataclass(frozen=True, slots=True)
class Skipped:
    """A trigger that is not an event, and why (kept for explanations and tests)."""

    sentence: int
    trigger: str
    reason: str


@dataclass(frozen=True, slots=True)
class Mentions:
    analysis: Analysis
    mentions: tuple[EventMention, ...]
    actors: tuple[ActorMention, ...]  # every actor mention of the document (for resolving generic labels)
    skipped: tuple[Skipped, ...]


def _entity_labels(doc: Any) -> Callable[[int, int], set[str]]:
    """The labels of the entities over a character range (entities are in text order)."""
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    reach = list(itertools.accumulate((e for _, e, _ in ents), max))  # the largest end so far

    def labels(start: int, end: int) -> set[str]:
        out = set()
        for i in range(bisect.bisect_right(reach, start), len(ents)):
            s, e, label = ents[i]
            if s >= end:
                break
            if start < e:
                out.add(label)
        return out

    return labels


def _is_actor(token: Any) -> bool:
    """A name in an actor's slot: the subject, a passive's agent ("launched by Ankara"), or a possessive that
    is not of a part of a place."""
    if token.dep_ == "poss":
        return token.head.lemma_.lower() not in PART_NOUNS and token.head.lower_ not in PART_NOUNS
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True
    return token.dep_ in ACTOR_DEPS


def _is_person(token: Any) -> bool:
    """Rule "person": a name in apposition to a noun of people, or listed with one that is ("two cousins of
    the president, Ali and Kifah, were killed")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "appos" and token.head.lemma_.lower() in PERSON_NOUNS


def _not_the_place(
    doc: Any,
    tokens: tuple[int | None, int | None],
    place: PlaceCandidate,
    governing: Trigger,
    lexicon: Lexicon,
) -> str | None:
    """Why a place the trigger governs is not where its event happened, by the rule's name; None when it is.
    ``tokens``: the token of the list's first member (the place's own when it is none) and the place's own
    token (None where the parse has none)."""
    first, own = tokens
    # "Israel captured", "Russia's attacks", "launched by Ankara"; never a name a place noun frames ("the
    # district of al-Midan"), whatever the parse made of it
    if own is not None and place.evidence not in ("list", "cue") and _is_actor(doc[own]):
        return "actor"
    if own is not None and _is_person(doc[own]):
        return "person"
    if first is None:
        return None
    tok = doc[first]
    if (
        tok.dep_ in PATIENT_DEPS
        and tok.head.i == governing.token
        and lexicon.classes[governing.klass].patient == "people"
    ):
        return "victim"  # "Hamedani was killed", "executed Abu Hamid": the victim, not a place
    return None


def _place_token(doc: Any, place: PlaceCandidate) -> int | None:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return None if span is None else int(span.root.i)


def extract(
    analysis: Analysis,
    lexicon: Lexicon,
    find_actors: Callable[[str], Sequence[ActorMention]],
    is_known_place: Callable[[str], bool],
    proves_place: Callable[[str], bool] | None = None,
    memo: PhraseMemo | None = None,
) -> Mentions:
    """The event mentions of a document. ``is_known_place`` says whether the gazetteer has a place of about
    this name; ``proves_place`` (default: the same) whether it knows it well enough that a name with no
    locative cue is a place (the place gate); ``memo``: the answers of the place grammar's regexes an earlier
    reading of the document kept (the pipeline's pre-filter: `frontlines.extract.memo`).

    Each sentence's sources are taken as a reader takes them (nlp.attribution.carried): a sentence that names
    no source and no actor of its own goes on with the sources of the sentence before, when that one told an
    event; a headline ends a telling, photo captions are passed over. The analysis returned with the mentions
    has these sources."""
    reader = _Reader(
        analysis, lexicon, tuple(find_actors(analysis.document.text)), is_known_place, proves_place, memo
    )
    sentences: list[Sentence] = []
    mentions: list[EventMention] = []
    skipped: list[Skipped] = []
    previous, previous_tells = NONE, False
    for sentence in analysis.sentences:
        if sentence.headline:
            previous, previous_tells = NONE, False
        if sentence.headline or sentence.caption:
            sentences.append(sentence)
            continue
        own = sentence.attribution
        attribution = carried(previous, own, reader.names_an_actor(sentence)) if previous_tells else own
        if attribution is not own:
            sentence = replace(sentence, attribution=attribution)
        sentences.append(sentence)
        tells = reader.read(sentence, mentions, skipped)
        previous_tells = tells or (attribution is not own and previous_tells)
        previous = attribution
    return Mentions(
        replace(analysis, sentences=tuple(sentences)), tuple(mentions), reader.actors, tuple(skipped)
    )


CIVILIANS = "civilians"  # the actor table's id of civilians: victims and witnesses, not tellers or doers


class _Reader:
    """Reads the event mentions of one document's sentences, one sentence at a time."""

    def __init__(
        self,
        analysis: Analysis,
        lexicon: Lexicon,
        actors: tuple[ActorMention, ...],
        is_known_place: Callable[[str], bool],
        proves_place: Callable[[str], bool] | None,
        memo: PhraseMemo | None = None,
    ) -> None:
        self.text = analysis.document.text
        self.doc = analysis.doc
        self.lexicon = lexicon
        self.actors = actors
        self.actor_starts = [a.start for a in actors]
        self.labels = (
            analysis.entity_labels if analysis.entity_labels is not None else _entity_labels(self.doc)
        )
        self.is_known_place = is_known_place
        self.proves_place = proves_place or is_known_place
        self.memo = PhraseMemo() if memo is None else memo

    def _actors_of(self, sentence: Sentence) -> tuple[ActorMention, ...]:
        """The actor mentions of the sentence outside its own words of attribution ("SANA reported"); an actor
        that speaks for itself ("the SDF said it killed 17 militants") stays one of them."""
        source = None if sentence.attribution.by_actor else sentence.attribution.span
        first = bisect.bisect_left(self.actor_starts, sentence.start)
        last = bisect.bisect_left(self.actor_starts, sentence.end)
        return tuple(
            a for a in self.actors[first:last] if not (source and source.start <= a.start < source.end)
        )

    def names_an_actor(self, sentence: Sentence) -> bool:
        """Does the sentence name an actor of its own (civilians, who are victims or witnesses, aside)?"""
        return any(a.actor_id != CIVILIANS for a in self._actors_of(sentence))

    def read(self, sentence: Sentence, mentions: list[EventMention], skipped: list[Skipped]) -> bool:
        """Add the sentence's event mentions to ``mentions`` (and the triggers it does not assert to
        ``skipped``); whether it tells an event (asserts a trigger)."""
        doc, lexicon = self.doc, self.lexicon
        triggers = find_triggers(sentence.span, lexicon)
        if sentence.background:  # only the parts that tell dated news of their own
            news = [
                (sentence.start + a, sentence.start + b)
                for a, b in news_segments(sentence.text, states_a_date)
            ]
            triggers = [t for t in triggers if any(a <= t.start < b for a, b in news)]
        if not triggers:
            return False
        sent_actors = self._actors_of(sentence)
        excluded = [(a.start, a.end) for a in sent_actors if not a.generic]
        if sentence.attribution.span:
            excluded.append((sentence.attribution.span.start, sentence.attribution.span.end))
        asserted: dict[int, Trigger] = {}
        for trigger in triggers:
            ok, why = is_asserted(doc, trigger)
            if ok and trigger.klass == AGREEMENT and not agreement_concluded(doc, trigger):
                ok, why = False, f"agreement not concluded ('{trigger.text}')"
            if ok and trigger.klass == TERRITORY and moves_aid(doc, trigger):
                ok, why = False, f"aid ('{trigger.text}')"
            if ok and trigger.klass == TERRITORY and attempted(doc, trigger):
                trigger = replace(trigger, klass=CLASH)  # rule "attempt": a capture tried is a battle
            if ok:
                asserted[trigger.token] = trigger
            else:
                skipped.append(Skipped(sentence.index, trigger.text, why))
        places = find_places(
            self.text,
            sentence.start,
            sentence.end,
            excluded,
            self.labels,
            self.is_known_place,
            self.proves_place,
            self.memo,
        )
        found = self._governed(sentence, places, triggers, asserted, skipped)
        mentions.extend(EventMention(sentence, governing, place, sent_actors) for place, governing in found)
        return bool(asserted)

    def _governed(
        self,
        sentence: Sentence,
        places: Sequence[PlaceCandidate],
        triggers: Sequence[Trigger],
        asserted: dict[int, Trigger],
        skipped: list[Skipped],
    ) -> list[tuple[PlaceCandidate, Trigger]]:
        """The places of one sentence that are event places, each with the asserted trigger it belongs to (the
        places a rule refuses go to ``skipped`` with its reason)."""
        doc, lexicon = self.doc, self.lexicon
        by_token = {t.token: asserted.get(t.token, t) for t in triggers}  # (as asserted: "attempt" retypes)
        governing: Trigger | None = None
        token: int | None = None
        found: list[tuple[PlaceCandidate, Trigger]] = []
        for place in places:
            # A list ("the villages of A, B and C") belongs to the trigger of its first member: the small
            # model's parse of long lists is unreliable, the list itself is not.
            if place.evidence != "list":
                token = _place_token(doc, place)
                governing = None if token is None else governing_trigger(doc, token, by_token)
                if found and restates(self.text, place.start):
                    governing = found[-1][1]  # "they are the villages of A, B": the last event's places
                if (
                    governing is None
                    and len(asserted) == 1
                    and len(triggers) == 1
                    and place.evidence in STRONG
                ):
                    # One event in the sentence and a place framed as a place: the parse lost the link.
                    governing = next(iter(asserted.values()))
            if place.relation in NOT_EVENT_RELATIONS:
                continue
            if governing is not None and governing.token not in asserted:
                governing = _disarmer(doc, governing, asserted)  # "defused mines in A": the defusal's place
            if governing is None or governing.token not in asserted:
                continue
            if place.relation == "origin":
                if doc[governing.token].lemma_.lower() not in FROM_TRIGGERS:
                    continue
                place = replace(place, relation=None)  # "withdrew from A", "abducted ... from A": it was at A
            own = token if place.evidence != "list" else _place_token(doc, place)
            why = _not_the_place(doc, (token, own), place, governing, lexicon)
            if why is not None:
                skipped.append(Skipped(sentence.index, governing.text, f"{why}: {place.text}"))
                continue
            found.append((place, governing))
        if not found and len(asserted) == 1:
            found = self._fronted(sentence, places, next(iter(asserted.values())))
        found += _accompanying(doc, found, asserted)
        return _drop_references(self.text, found, sentence.index, skipped)

    def _fronted(
        self, sentence: Sentence, places: Sequence[PlaceCandidate], trigger: Trigger
    ) -> list[tuple[PlaceCandidate, Trigger]]:
        """Rule "fronted place": a sentence that opens with where it happened ("Meanwhile, in western Qalamoun,
        rebels fended off an attack") tells its one event there, when no place of the sentence is governed."""
        return [
            (place, trigger)
            for place in places
            if place.relation is None
            and FRONTED_RE.fullmatch(self.text, sentence.start, place.start)
            and place.end < trigger.start
        ][:1]


# "In A, ...", "Meanwhile, in northern A, ...": the opening words before a fronted place.
FRONTED_RE = re.compile(r"\s*(?:\w+,\s*)?(?:in|at)\s+(?:the\s+)?(?:\w+ern\s+|central\s+|rural\s+)?", re.I)


def _accompanying(
    doc: Any, found: list[tuple[PlaceCandidate, Trigger]], asserted: dict[int, Trigger]
) -> list[tuple[PlaceCandidate, Trigger]]:
    """Rule "accompanying": an event told in a phrase of time or means on another ("seized A after intense
    bombardment by Turkish troops", "captured A under cover of Russian air strikes") happened at that event's
    places, when it has none of its own."""
    placed = {t.token for _, t in found}
    out: list[tuple[PlaceCandidate, Trigger]] = []
    for token, trigger in asserted.items():
        if token in placed:
            continue
        tok = doc[token]
        if tok.dep_ not in ("pobj", "pcomp") or tok.head.lower_ not in ACCOMPANYING:
            continue
        # "after [bombardment]" on "seized"; "under cover of [air strikes]" on "captured"
        host = tok.head.head
        if host.i not in placed and host.dep_ == "pobj" and host.head.dep_ == "prep":
            host = host.head.head
        if host.i in placed:
            out.extend((place, trigger) for place, t in found if t.token == host.i and place.relation is None)
    return out


def _disarmer(doc: Any, trigger: Trigger, asserted: dict[int, Trigger]) -> Trigger | None:
    """The asserted trigger that disarmed a weapon trigger ("defused mines in A": the mines exploded nowhere,
    the defusal happened in A), or None; also through a quantity ("dismantled dozens of explosive devices that
    the militants had planted in A")."""
    tok = doc[trigger.token]
    for verb in (tok.head, disarmed_by(tok)):  # its head, or the verb that disarmed it (triggers.disarmed_by)
        if verb is not None and verb.lemma_.lower() in DISARMING and verb.i in asserted:
            return asserted[verb.i]
    return None


# Prepositions of an event told along another: "after intense bombardment", "under cover of air strikes".
ACCOMPANYING = word_set(_M, "accompanying")
# Relations that only situate an event when the trigger also names where it happened.
SITUATING = frozenset({"direction"})
# ... unless listed with that place: "in the village of A and south of B village"
COORDINATED_RE = re.compile(
    r"\band\s+(?:to\s+|in\s+)?(?:the\s+)?(?:\w+\s+){1,3}of\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}$", re.I
)


def _drop_references(
    text: str, found: list[tuple[PlaceCandidate, Trigger]], sentence: int, skipped: list[Skipped]
) -> list[tuple[PlaceCandidate, Trigger]]:
    """Rule "situating": a place in a direction from which a trigger happened ("east of Palmyra, helicopters
    attacked the villages of A and B") is no event place of its own when the same trigger names a place where
    it happened, unless listed with it ("in A and south of B"); alone, it is the event's place ("clashes west
    of Hirbnafseh"). Places "near" another are not dropped: "the area just north of A and B" happened there."""
    plain = {t.token for p, t in found if p.relation is None and not p.container}
    kept = []
    for place, trigger in found:
        if (
            place.relation in SITUATING
            and trigger.token in plain
            and not COORDINATED_RE.search(text, max(0, place.start - 50), place.start)
        ):
            skipped.append(Skipped(sentence, trigger.text, f"situating: {place.text}"))
        else:
            kept.append((place, trigger))
    return kept
