"""Who did it to whom: the actor pair of one event mention, by the sentence's parse and ACLED's conventions.

actor1 is the actor in the trigger's subject or "by" agent ("the rebels captured A", "A was taken by the army"),
else the first named actor before the trigger; actor2 the first actor of another side. Generic labels
("terrorists") resolve to the group the report names nearby, keeping the label. "The forces" / "they" refer
back to the previous event's actor1. For violence: civilians are never actor1; violence against civilians has
them as actor2; a battle's foe unnamed in its sentence is the nearest opposing side the same claim named before.

The report's actor mentions are indexed once (:class:`ActorIndex`), so that each mention's questions about the
others cost a look-up, not a pass over the whole report.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from frontlines.events.victims import SAYS_RE, SentenceVictims, civilian_victims, killed
from frontlines.extract import EventMention, Mentions
from frontlines.extract.lexicon import Lexicon
from frontlines.records import ActorRef, Span
from frontlines.resolve.actors import GENERIC_WINDOW, UNIDENTIFIED, ActorMention, ActorTable
from frontlines.wordlists import load_words, word_set


class ActorIndex:
    """The actor mentions of one report (left to right), indexed for the questions asked of them per event."""

    def __init__(self, mentions: Mentions, table: ActorTable) -> None:
        self.all = mentions.actors
        self.starts = [a.start for a in self.all]
        # the largest end so far: the mentions that end at or after a point follow the first that reaches it
        self.reach = list(itertools.accumulate((a.end for a in self.all), max))
        self.generic_spans = {(a.start, a.end) for a in self.all if a.generic}
        self.named = [a for a in self.all if not a.generic]
        self.generics = [a for a in self.all if a.generic]
        self.generic_starts = [a.start for a in self.generics]
        self.named_starts = [a.start for a in self.named]
        self.named_reach = list(itertools.accumulate((a.end for a in self.named), max))
        only = table.only_group(self.all)
        # the report's only armed group, as a one-mention report (ActorTable.resolve_generic's `report`)
        self.only_group: tuple[ActorMention, ...] = (only,) if only is not None else ()
        self.published = mentions.analysis.document.published
        self.victims: dict[int, SentenceVictims] = {}  # by sentence index, read when first asked
        self.civilians = table.get("civilians") if "civilians" in table else None
        self._foes = _claim_sides(mentions, self.named, table)
        self._sides = _sides(self.named, table)  # every named actor by side, whatever the claim

    def named_near(self, label: ActorMention, sentence: tuple[int, int]) -> list[ActorMention]:
        """The named mentions a generic label can stand for (ActorTable.resolve_generic): in its sentence or
        ending at most GENERIC_WINDOW characters before it, none after its sentence."""
        lo = min(sentence[0], label.start - GENERIC_WINDOW)
        first = bisect.bisect_left(self.named_reach, lo)
        last = bisect.bisect_left(self.named_starts, sentence[1])
        return self.named[first:last]

    def overlaps(self, start: int, end: int) -> bool:
        """Does any actor mention overlap ``[start, end)``?"""
        first = bisect.bisect_right(self.reach, start)  # the first mention that ends after ``start``
        return first < len(self.all) and self.all[first].start < end

    def earlier_foe(self, m: EventMention, actor1: ActorRef, table: ActorTable) -> ActorRef | None:
        """The latest named actor of another side than ``actor1`` (nor civilians, nor unknown) in the sentences
        of the same claim before the mention's sentence."""
        return self._latest_foe(
            self._foes.get(m.sentence.attribution.sources, {}), m.sentence.start, actor1, table
        )

    def last_foe_before(self, position: int, actor: ActorRef, table: ActorTable) -> ActorRef | None:
        """The last named actor before ``position``, in any claim, of another side than ``actor`` (nor
        civilians, nor unknown)."""
        return self._latest_foe(self._sides, position, actor, table)

    def generic_foe(self, position: int, actor: ActorRef, table: ActorTable) -> ActorRef | None:
        """The foe a report names only by a label ("Islamist rebels", "militants"), the latest before
        ``position``, else the first after it: the label as resolved in its own sentence, the armed opposition
        where an unresolved label faces the government side (rule "generic-foe-of-government")."""
        before = bisect.bisect_left(self.generic_starts, position)
        order = [*reversed(self.generics[:before]), *self.generics[before:]]
        for a in order:
            found = table.resolve_generic(a, (), on=self.published, report=self.only_group)
            found = _foe_of_government(found, actor, table) or found
            if found.actor_id != UNIDENTIFIED and found.side not in (actor.side, "civilians", "unknown"):
                return found
        return None

    def _latest_foe(
        self, sides: _Sides, position: int, actor: ActorRef, table: ActorTable
    ) -> ActorRef | None:
        """The latest mention starting before ``position`` of a side other than ``actor``'s (nor civilians, nor
        unknown): one look-up per side."""
        best: ActorMention | None = None
        for side, (starts, found) in sides.items():
            if side in (actor.side, "civilians", "unknown"):
                continue
            i = bisect.bisect_left(starts, position) - 1
            if i >= 0 and (best is None or found[i].start > best.start):
                best = found[i]
        return None if best is None else table.ref(best, self.published)


_Sides = dict[str, tuple[list[int], list[ActorMention]]]  # side -> starts and mentions, left to right


def _sides(named: Sequence[ActorMention], table: ActorTable) -> _Sides:
    """Per side: the named actors of the report, left to right."""
    out: _Sides = {}
    for a in named:
        found = out.setdefault(table.get(a.actor_id).side, ([], []))
        found[0].append(a.start)
        found[1].append(a)
    return out


def _claim_sides(
    mentions: Mentions, named: Sequence[ActorMention], table: ActorTable
) -> dict[tuple[str, ...], _Sides]:
    """Per claim (a sentence's relayed sources), per side: the named actors inside the claim's sentences."""
    sentences = mentions.analysis.sentences
    starts = [s.start for s in sentences]
    out: dict[tuple[str, ...], _Sides] = {}
    for a in named:
        i = bisect.bisect_right(starts, a.start) - 1
        if i < 0 or a.end > sentences[i].end:
            continue  # in no sentence (or across two)
        side = table.get(a.actor_id).side
        found = out.setdefault(sentences[i].attribution.sources, {}).setdefault(side, ([], []))
        found[0].append(a.start)
        found[1].append(a)
    return out


def actor_pair(
    m: EventMention,
    mentions: Mentions,
    table: ActorTable,
    lexicon: Lexicon,
    previous: tuple[int, ActorRef] | None,
    index: ActorIndex | None = None,
) -> tuple[ActorRef | None, ActorRef | None, bool]:
    """(actor1, actor2, whether actor2 is a generic label) of one mention; ``previous`` is the index of the
    sentence of the last violent event of the same claim and that event's actor1. ``index``: the report's
    actors indexed (build it once per report; built here when not given)."""
    index = index or ActorIndex(mentions, table)
    actor1, actor2, generic2 = _actors(m, index, table, mentions)
    earlier = (
        previous[1]
        if is_violent(m, lexicon) and previous is not None and previous[0] <= m.sentence.index
        else None
    )
    anaphor = _anaphoric_subject(mentions, m.trigger.token, index)
    if anaphor is not None and earlier is not None:
        # "The forces have now tightened the siege on terrorists": the forces of the previous event
        if actor1 is not None and actor1.actor_id != earlier.actor_id and actor2 is None:
            span = actor1.span
            actor2, generic2 = actor1, span is not None and (span.start, span.end) in index.generic_spans
        actor1 = replace(earlier, label=anaphor.text, span=anaphor)
    elif actor1 is None and earlier is not None:
        actor1 = earlier  # "The recapture of Khalasa secures ...": whoever the claim's last violent event had
    if actor1 is None and actor2 is not None and is_violent(m, lexicon):
        # "A was cleared of YPG militias": the side that took it is the loser's foe the report named last
        actor1 = index.last_foe_before(m.sentence.start, actor2, table)
    actor1, actor2, generic2 = _victims_and_foes(
        m, (actor1, actor2, generic2), lexicon, mentions, table, index
    )
    return _foe_of_government(actor1, actor2, table), _foe_of_government(actor2, actor1, table), generic2


# ACLED's actor for the Syrian armed opposition as a whole: what "terrorists" or "militants" fighting the
# government side stand for when the report names no group for that fight.
GOVERNMENT_FOE = "opposition-rebels"
# Words of a label that leave its attackers unknown ("unknown gunmen", "armed men"): package data.
UNKNOWN_ATTACKERS = word_set(load_words("frontlines.events")["actors"], "unknown_attackers")


def _foe_of_government(actor: ActorRef | None, other: ActorRef | None, table: ActorTable) -> ActorRef | None:
    """A generic label left unresolved ("terrorists", "militants", "armed groups") whose foe in the event is
    the government side is the armed opposition (rule "generic-foe-of-government"), as ACLED codes it; not
    where the label says the attackers are unknown ("unknown gunmen")."""
    if (
        actor is None
        or other is None
        or actor.actor_id != UNIDENTIFIED
        or other.side != "government"
        or GOVERNMENT_FOE not in table
        or set(_LETTERS.findall((actor.label or "").lower())) & UNKNOWN_ATTACKERS
    ):
        return actor
    rebels = table.get(GOVERNMENT_FOE)
    return ActorRef(rebels.id, rebels.name, rebels.side, rebels.category, actor.label, actor.span)


_LETTERS = re.compile(r"[a-z]+")


def _event_verb(doc: Any, trigger: int) -> Any:
    """The verb whose subject did the event: the trigger itself, or the verb carrying a noun trigger ("the
    army launched an offensive")."""
    verb = doc[trigger]
    return verb.head if verb.pos_ == "NOUN" and verb.dep_ == "dobj" else verb


def _subject_verb(verb: Any) -> Any:
    """The verb whose subject is also this one's: itself, or up through the verbs it shares a subject with
    ("the factions managed to advance and control A": control -> advance -> managed)."""
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children):
            return verb
        if verb.dep_ not in ("conj", "xcomp") or verb.head.pos_ not in ("VERB", "AUX"):
            return verb
        verb = verb.head
    return verb


def _subject_actor(doc: Any, trigger: int, candidates: Sequence[ActorMention]) -> ActorMention | None:
    """The actor named in the trigger verb's subject or passive agent ("the rebels captured A", "A was
    taken by the army"), None when the parse gives neither."""
    spans = []
    tok = doc[trigger]
    if tok.pos_ == "NOUN":  # the event noun's own actor first: "the army repelled an ISIL attack on A"
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod") and child.i < tok.i:
                spans.append((child.left_edge.idx, child.idx + len(child.text)))
    for child in _subject_verb(_event_verb(doc, trigger)).children:
        if child.dep_ in ("nsubj", "agent"):
            sub = list(child.subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    if tok.dep_ == "acl" and tok.pos_ == "VERB" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i:
        # a participle's noun did it: "the armed terrorist groups attacking the Central Prison"
        spans.append((tok.head.left_edge.idx, tok.head.idx + len(tok.head.text)))
    # a noun's "by" agent: "a gas attack by Assad's forces", "an attempt by Nusra terrorists to infiltrate A"
    nouns = [tok] if tok.pos_ == "NOUN" else []
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
        nouns.append(tok.head)
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                sub = list(child.subtree)[1:]
                if sub:
                    spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    for start, end in spans:
        inside = [a for a in candidates if start <= a.start and a.end <= end]
        if inside:
            return next((a for a in inside if not a.generic), inside[0])
    return None


def _state_subject(doc: Any, trigger: int, table: ActorTable) -> ActorMention | None:
    """A state named as the subject of the event's verb ("Israel struck ...", "Turkey shot down ..."): its
    armed forces (the actor table's ``[states]``), as a mention of the state's name."""
    for child in _subject_verb(_event_verb(doc, trigger)).children:
        if child.dep_ == "nsubj" and child.pos_ == "PROPN":
            words = list(child.subtree)
            name = "".join(w.text_with_ws for w in words).strip()
            actor_id = table.state_forces(name)
            if actor_id is not None:
                start = words[0].idx
                return ActorMention(start, start + len(name), name, actor_id, False)
    return None


def _object_actor(doc: Any, trigger: int, candidates: Sequence[ActorMention]) -> ActorMention | None:
    """The actor named in the direct object of the trigger's verb ("attacked the Kurdish forces", "shelled
    rebel positions"), None when the parse gives none."""
    tok = doc[trigger]
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    for child in tok.children:
        if child.dep_ == "dobj":
            sub = list(child.subtree)
            start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
            inside = [a for a in candidates if start <= a.start and a.end <= end]
            if inside:
                return next((a for a in inside if not a.generic), inside[0])
    return None


# Subjects that only refer back ("The forces have now tightened the siege"): package data (data/words.toml).
ANAPHORS = word_set(load_words("frontlines.events")["actors"], "anaphors")


def _anaphoric_subject(mentions: Mentions, trigger: int, index: ActorIndex) -> Span | None:
    """The subject of the trigger's verb when it only refers back ("The forces have now tightened the siege",
    "They captured A"): its words, else None. A subject with a name or a qualifier of its own ("The Syrian
    Democratic Forces", "the Turkish troops") names its actor, and does not refer back."""
    doc = mentions.analysis.doc
    for child in _event_verb(doc, trigger).children:
        if child.dep_ != "nsubj" or child.lower_ not in ANAPHORS:
            continue
        words = list(child.subtree)
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if child.lower_ != "they":
            bare = all(
                w.i == child.i or (w.dep_ == "det" and w.lower_ in ("the", "these", "those")) for w in words
            )
            if len(words) < 2 or not bare:
                continue
        if index.overlaps(start, end):
            continue
        return Span(start, end, mentions.analysis.document.text[start:end])
    return None


# "from" or "of" right before an actor after a trigger: the side that lost a place, people or positions
# ("captured A from the YPG", "cleared of YPG militias", "killed 26 members of the terror group", "shelling of
# ISIS positions"). Measured on the real articles, this reading beats the rarer "an attack of ISIS fighters".
_LOSER_RE = re.compile(r"\b(?:from|of)\s+(?:the\s+)?(?:\w+\s+){0,1}$", re.I)


# Right before an actor named as a member of the party before it: "The rebels, including the jihadist Nusra
# Front, seized ...", "factions, among them Ahrar al-Sham".
_MEMBER_RE = re.compile(
    r",\s*(?:including|among\s+them|among\s+which)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I
)


def _party_of(first: ActorMention, actors: Sequence[ActorMention], text: str) -> list[ActorMention]:
    """The mentions of one party with ``first``: a member named after it ("The rebels, including the jihadist
    Nusra Front, seized ...") or the party it is named a member of, and the words between; never each other's
    foe."""
    party = [first]
    for a in actors:
        member = _MEMBER_RE.search(text, max(0, a.start - 40), a.start)
        heads = [h for h in actors if h.end <= member.start()] if member else []
        if heads:
            joined = [h for h in actors if heads[-1].start <= h.start <= a.start]
            if first in joined:
                party += joined
    return party


def _actors(
    m: EventMention, index: ActorIndex, table: ActorTable, mentions: Mentions
) -> tuple[ActorRef | None, ActorRef | None, bool]:
    published = mentions.analysis.document.published
    trig = m.trigger
    text = mentions.analysis.document.text
    # civilians who tell ("local residents reported that ...") are witnesses, not a party to the event
    actors = [
        a
        for a in m.actors
        if not (table.get(a.actor_id).category == "Civilians" and SAYS_RE.match(text, a.end))
    ]
    state = _state_subject(mentions.analysis.doc, trig.token, table)
    if state is not None and not any(a.start < state.end and state.start < a.end for a in actors):
        actors = sorted([*actors, state], key=lambda a: a.start)  # "Turkey shot down a Syrian warplane"
    # before the trigger, or around it ("Russian air strikes": the actor's name holds the trigger)
    before = [a for a in actors if a.end <= trig.start or a.start <= trig.start < a.end]
    after = [a for a in actors if a.start >= trig.end]
    passive = re.match(r"\s*by\b", mentions.analysis.document.text[trig.end : trig.end + 6] or "")
    ordered = (after + before) if passive else (before + after)
    if not ordered:
        return None, None, False
    sentence = (m.sentence.start, m.sentence.end)
    # the actor in the trigger verb's object: actor2 first ("militants attacked the Kurdish forces in A",
    # "jets bombarded rebel positions"), and never what a generic subject ("militants") stands for
    patient = _object_actor(mentions.analysis.doc, trig.token, actors)

    def ref(a: ActorMention) -> ActorRef:
        if a.generic:
            named = [n for n in index.named_near(a, sentence) if n != patient or a == patient]
            only = () if a != patient and patient in index.only_group else index.only_group
            return table.resolve_generic(a, named, on=published, sentence=sentence, report=only)
        return table.ref(a, published)

    # Those a place is taken from ("captured A from the YPG", "cleared of YPG terrorists") lost it: never actor1.
    territory = trig.klass == "territory"
    losers = [
        a for a in after if territory and _LOSER_RE.search(text, max(trig.start, a.start - 30), a.start)
    ]
    # ... nor those killed or wounded ("a roadside bomb exploded ..., killing three Syrian soldiers")
    doc = mentions.analysis.doc
    losers += [a for a in ordered if a not in losers and killed(doc, a)]
    winners = [a for a in ordered if a not in losers]
    if not winners:
        loser = ref(losers[0])
        return None, loser, losers[0].generic
    # actor1: the actor in the trigger's subject (or "by" agent) when the parse has one; else the first named
    # actor before the trigger, else the first actor at all.
    first = _subject_actor(doc, trig.token, winners) or (
        next((a for a in winners if not a.generic and a.end <= trig.start), winners[0])
        if not passive
        else winners[0]
    )
    actor1 = ref(first)
    actor2: ActorRef | None = None
    generic2 = False
    party = _party_of(first, actors, text)
    for a in ([patient] if patient in winners else []) + ordered:
        if a in party:
            continue
        candidate = ref(a)
        if (
            candidate.side != actor1.side
            or candidate.side == "unknown"
            and candidate.actor_id != actor1.actor_id
        ):
            actor2, generic2 = candidate, a.generic
            break
    return actor1, actor2, generic2


VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def is_violent(m: EventMention, lexicon: Lexicon) -> bool:
    """Is the mention's trigger one of political violence (not a protest or a strategic development)?"""
    return lexicon.classes[m.trigger.klass].event_type in VIOLENT_TYPES


def _victims_and_foes(
    m: EventMention,
    pair: tuple[ActorRef | None, ActorRef | None, bool],
    lexicon: Lexicon,
    mentions: Mentions,
    table: ActorTable,
    index: ActorIndex,
) -> tuple[ActorRef | None, ActorRef | None, bool]:
    """ACLED's conventions for the actor pair of violence: civilians are never actor1 (they are its
    targets); violence against civilians, or remote violence the sentence says killed or hit civilians, has
    the civilians as actor2; a battle whose sentence names one side is against the nearest opposing side the
    same claim named before (a report's lead usually does)."""
    actor1, actor2, generic2 = pair
    cls = lexicon.classes[m.trigger.klass]
    event_type = cls.event_type
    if event_type not in VIOLENT_TYPES:
        if actor2 is None and cls.patient == "people":  # "arrested 10 individuals": those arrested
            victims = _civilian_victims(m, lexicon, mentions, index)
            if victims is not None and victims.span is not None:
                return actor1, victims, False
        return actor1, actor2, generic2
    if actor1 is not None and actor1.category == "Civilians":
        other = actor2 if actor2 is not None and actor2.category != "Civilians" else None
        actor1, actor2, generic2 = other, actor1, False
    if actor2 is not None:
        return actor1, actor2, generic2
    if event_type == "Battles":
        if actor1 is None:
            return None, None, False
        # the foe the same claim named before, else the one the report named last ("the opposition liberated
        # four cities" after a sentence on the regime's forces)
        foe = (
            index.earlier_foe(m, actor1, table)
            or index.last_foe_before(m.sentence.start, actor1, table)
            or index.generic_foe(m.sentence.start, actor1, table)
        )
        return actor1, foe, False
    victims = _civilian_victims(m, lexicon, mentions, index)
    if victims is not None and (event_type == "Violence against civilians" or victims.span is not None):
        return actor1, victims, False
    return actor1, actor2, generic2


def _civilian_victims(
    m: EventMention, lexicon: Lexicon, mentions: Mentions, index: ActorIndex
) -> ActorRef | None:
    """The civilians as an actor, with the words the sentence uses for its victims (victims.civilian_victims)."""
    return civilian_victims(m, lexicon, mentions, index.victims, index.civilians)
