"""Who the victims of an event are, by the words a sentence uses for them and their place in its parse.

Civilians are the victims the sentence names after the trigger in its clause ("bombed Tadef, killing five men")
or as the passive subject or the subject of a verb of dying before it ("twelve civilians were killed", "36
people have died after ..."), never the people who tell it ("..., residents said"); and an actor that a verb of
killing or wounding takes as object is a victim, never the doer ("killing three Syrian soldiers").
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from frontlines.extract import EventMention, Mentions
from frontlines.extract.lexicon import Lexicon
from frontlines.nlp import Sentence
from frontlines.nlp.attribution import REPORTING
from frontlines.records import ActorRef, Span
from frontlines.resolve.actors import Actor, ActorMention
from frontlines.wordlists import alternation, load_words, word_set


def civilian_victims(
    m: EventMention,
    lexicon: Lexicon,
    mentions: Mentions,
    cache: dict[int, SentenceVictims],
    civilians: Actor | None,
) -> ActorRef | None:
    """The civilians as an actor, with the words the sentence uses for its victims if any: after the trigger
    in the same clause ("bombed Tadef, killing five men"), or the passive subject before it ("twelve civilians
    were killed by air strikes"); never the words of the attribution ("..., residents said"). ``cache``: the
    sentences read so far, by index."""
    if civilians is None:
        return None
    if m.sentence.index not in cache:
        cache[m.sentence.index] = SentenceVictims(m.sentence, lexicon, mentions)
    found = cache[m.sentence.index].first(m.trigger.end)
    label, span = ("civilians", None) if found is None else (found.text, found)
    return ActorRef(civilians.id, civilians.name, civilians.side, civilians.category, label, span)


_SEMICOLON = re.compile(";")
SAYS_RE = re.compile(rf"\s+(?:also\s+|later\s+|earlier\s+)?{REPORTING}\b", re.I)


class SentenceVictims:
    """The words for victims in one sentence (outside its attribution), read once for all its triggers."""

    def __init__(self, sentence: Sentence, lexicon: Lexicon, mentions: Mentions) -> None:
        doc, text = mentions.analysis.doc, mentions.analysis.document.text
        source = sentence.attribution.span
        self.hits: list[Span] = []
        passive: list[bool] = []
        for hit in victims_re(lexicon.victims).finditer(text, sentence.start, sentence.end):
            if source is not None and source.start <= hit.start() < source.end:
                continue
            if SAYS_RE.match(text, hit.end()):
                continue  # "local residents reported that ...": who tells it, not its victims
            self.hits.append(Span(hit.start(), hit.end(), hit.group(0)))
            token = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
            passive.append(token is not None and victim_subject(token.root))
        self.starts = [h.start for h in self.hits]
        self.first_passive = passive.index(True) if True in passive else len(self.hits)  # or of dying
        self.semicolons = [s.start() for s in _SEMICOLON.finditer(text, sentence.start, sentence.end)]

    def first(self, trigger_end: int) -> Span | None:
        """The first hit that is after the trigger in its clause (up to a semicolon) or a passive subject."""
        after = bisect.bisect_left(self.starts, trigger_end)
        semicolon = bisect.bisect_left(self.semicolons, trigger_end)
        clause_end = self.semicolons[semicolon] if semicolon < len(self.semicolons) else None
        if after < len(self.hits) and clause_end is not None and self.starts[after] >= clause_end:
            after = len(self.hits)
        found = min(after, self.first_passive)
        return self.hits[found] if found < len(self.hits) else None


DEATH_VERBS = word_set(load_words("frontlines.events")["actors"], "death_verbs")


def victim_subject(token: Any) -> bool:
    """Is the token a victim by its place in the sentence: a passive subject ("civilians were killed") or the
    subject of a verb of dying ("36 people have died after ...")?"""
    return bool(
        token.dep_ == "nsubjpass" or (token.dep_ == "nsubj" and token.head.lemma_.lower() in DEATH_VERBS)
    )


@functools.lru_cache(maxsize=8)
def victims_re(victims: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(victims)}\b", re.I)


# Verbs whose object is a victim ("..., killing three Syrian soldiers"): lemmas, package data.
KILLING_VERBS = word_set(load_words("frontlines.events")["actors"], "killing_verbs")


def killed(doc: Any, mention: ActorMention) -> bool:
    """Is the mention the object of a verb of killing or wounding ("killing three Syrian soldiers")?"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return bool(root.dep_ == "dobj" and root.head.lemma_.lower() in KILLING_VERBS)
