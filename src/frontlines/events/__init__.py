"""Events stage: resolved, typed, dated, attributed events with evidence, one per place per day per actor pair.

Reads: `extract.Mentions` (event mentions with their sentence, trigger, place and actor mentions).
Writes: `Event` records (frontlines.records), each with its Claim (source chain, evidence spans, confidence).

Steps, in order:
1. actors (:mod:`frontlines.events.actor_pairs`): actor1 is the trigger's subject, actor2 the first actor of
   another side; generic labels ("terrorists") resolve to the group the report names nearby; ACLED's
   conventions for civilians and for a battle's foe named earlier in the same claim;
2. type: the trigger's class, refined by the sentence (territory by actor1's side, strikes by the weapon named,
   killings by whether the victims are civilians);
3. place: geocoded with the whole document as context; a region named only to situate a more specific place
   of the same sentence ("in northern Hama") is not an event place;
4. date (publication date + time expressions) and fatalities (deaths only; a sentence that tells only deaths
   gives them to the event told just before it: :mod:`frontlines.events.deaths`);
5. merge: one event per place, day and actor pair, keeping the highest-ranked type and all the evidence.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from dataclasses import replace

from frontlines.events.actor_pairs import ActorIndex, actor_pair, is_violent
from frontlines.events.background import Times
from frontlines.events.coarse import drop_containers
from frontlines.events.deaths import deaths_told_after
from frontlines.events.draft import Draft
from frontlines.events.finish import finish
from frontlines.events.merge import absorb_unknown_doers, merge
from frontlines.events.scope import LITERAL_WAR, on_topic
from frontlines.events.tallies import inherited_means, is_tally, tally_count
from frontlines.extract import EventMention, Mentions
from frontlines.extract.lexicon import Lexicon
from frontlines.extract.triggers import Trigger
from frontlines.nlp import Sentence
from frontlines.nlp.attribution import claim_chain, headline_source, or_headline, wire_credit
from frontlines.records import (
    ActorRef,
    DatePrecision,
    DateRef,
    Document,
    Event,
    Fatalities,
    Span,
)
from frontlines.resolve.actors import UNIDENTIFIED, ActorTable
from frontlines.resolve.dates import date_reader, resolve_date, states_a_date
from frontlines.resolve.fatalities import read_fatalities
from frontlines.resolve.gazetteer import Gazetteer
from frontlines.resolve.geocode import PlaceMention, geocode
from frontlines.resolve.sources import SourceTable
from frontlines.wordlists import load_words, word_alternation

GOVERNMENT_SIDES = frozenset({"government"})
_LETTERS = re.compile(r"[a-z]+")
# The words are package data (data/words.toml, [events]).
_E = load_words("frontlines.events")["events"]
# A protest met with force: "police dispersed the protesters", "fired tear gas".
INTERVENTION_RE = re.compile(rf"\b{word_alternation(_E, 'intervention')}\b", re.I)
# Force that kills or maims: a protest met with it is "Excessive force against protesters" (ACLED).
LETHAL_FORCE_RE = re.compile(rf"\b{word_alternation(_E, 'lethal_force')}", re.I)
RUBBER_RE = re.compile(r"\brubber\s+(?:bullets?|rounds?)\b")  # less-lethal: "fired rubber bullets"
# Protests and protesters: a killing or firing near them is force against protesters (ACLED's Protests).
PROTEST_RE = re.compile(rf"\b{word_alternation(_E, 'protest_words')}\b", re.I)
PROTEST_REACH = 60  # characters between the violent trigger and the protest words, at most


class _Said:
    """What one sentence says whatever the mention: read once per sentence, however many events it tells
    (a sentence listing a thousand villages would otherwise be read a thousand times). What only some events
    ask about (its deaths, background words, protests and victims) is read when first asked."""

    def __init__(
        self,
        sentence: Sentence,
        text: str,
        published: dt.date | None,
        lexicon: Lexicon,
        story_means: str | None = None,
    ) -> None:
        self.text = text[sentence.start : sentence.end]  # the span's text: a slice, not a join of its tokens
        # the means the report named last before this sentence ("story means"), for a generic trigger that
        # names none ("Another attack hit the road", after a sentence on suicide bombers)
        self.story_means = story_means
        self.lower = self.text.lower()
        self.start = sentence.start
        self.date_of = date_reader(self.text, sentence.start, published)
        self.means = lexicon.means_positions(self.lower)  # (position, order, kind) of each means named
        # a tally ("140 killed in A, 100 in B, 63 in C") goes on counting the event told before it: its means
        self.tally = is_tally(self.text)
        self.inherited: str | None = None  # the means of the event a tally counts (set by the caller)
        self._victims = lexicon.victims

    @functools.cached_property
    def fatalities(self) -> Fatalities | None:
        return read_fatalities(self.text, self.start)

    @functools.cached_property
    def intervention(self) -> bool:
        return INTERVENTION_RE.search(self.lower) is not None

    @functools.cached_property
    def times(self) -> Times:
        """The words that make an undated event background (events.background)."""
        return Times(self.text)

    @functools.cached_property
    def _protests(self) -> list[int]:
        return [hit.start() for hit in PROTEST_RE.finditer(self.lower)]

    @functools.cached_property
    def _runs(self) -> list[tuple[int, int]]:
        """The words of the sentence (runs of letters), by position."""
        return [(w.start(), w.end()) for w in _LETTERS.finditer(self.lower)]

    @functools.cached_property
    def _victim_runs(self) -> list[tuple[int, int]]:
        """The words that name victims."""
        return [r for r in self._runs if self.lower[r[0] : r[1]] in self._victims]

    @functools.cached_property
    def _victim_ends(self) -> list[int]:
        return [end for _, end in self._victim_runs]

    def protest_near(self, position: int) -> bool:
        """Does the sentence name protests or protesters within PROTEST_REACH characters of ``position``?"""
        return any(abs(start - position) <= PROTEST_REACH for start in self._protests)

    def names_victims_besides(self, trigger: Trigger) -> bool:
        """Does a word of the sentence before or after the trigger name victims ("civilians", "children")?
        As the words of the text before the trigger and of the text after it: a word the trigger's edge cuts
        counts by its part outside the trigger."""
        ts, te = trigger.start - self.start, trigger.end - self.start
        if bisect.bisect_right(self._victim_ends, ts) > 0:  # a victim word ends before the trigger starts
            return True
        later = bisect.bisect_left(self._victim_runs, (te, -1))
        if later < len(self._victim_runs):  # a victim word starts after the trigger ends
            return True
        for start, end in self._runs[max(0, bisect.bisect_left(self._runs, (ts, -1)) - 1) :]:
            if start >= te:
                break
            pieces = (
                self.lower[start : min(end, ts)] if start < ts else "",
                self.lower[max(start, te) : end],
            )
            if any(piece in self._victims for piece in pieces if piece):
                return True
        return False


# Classes whose event is violence done by some means: the means named nearest the trigger types the event.
MEANS_TYPED = frozenset({"clash", "civilians", "shelling", "air", "ied", "suicide"})
WEAK = 50  # how much a reading from a generic trigger with no means yields to any specific reading
# Generic triggers of these classes ("hit", "struck", "killed") that name no means take the means the report
# named last before their sentence; an attack or a raid ("clash") stays a clash (rebels attack on the ground).
BORROWS_MEANS = frozenset({"shelling", "civilians", "air", "ied"})
DISRUPTED = "disrupted"  # the means kind of air defences: "air defences confronted the missiles"
# The means a later sentence may borrow: how violence was done, not how it was met.
BORROWABLE = frozenset({"chemical", "suicide", "air", "ied", "shelling"})


# Bombs whose sentence names no one who set them off: an unidentified armed group did (ACLED's convention).
BOMBS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})


def _default_actor(actors: ActorTable, actor_id: str) -> ActorRef | None:
    """An actor no words of the report name, by ACLED's convention (no label: none was written)."""
    if actor_id not in actors:
        return None
    found = actors.get(actor_id)
    return ActorRef(found.id, found.name, found.side, found.category, "")


PROTESTERS_ID = "protesters"  # the actor table's protesters of the country
SHELLING, AIR = "shelling", "air"  # the lexicon's classes of artillery and rockets, and of aircraft
AIRCRAFT_RE = re.compile(rf"{word_alternation(_E, 'aircraft')}\b")
AIRCRAFT_REACH = 30  # characters from the aircraft's name to the trigger: its doer, right before it


def _aircraft_before(means: list[tuple[int, int, str]], lower: str, at: int) -> bool:
    """Does the clause name aircraft as the doer, right before the trigger at ``at`` ("army helicopters
    fired")? Not an air strike named before it ("the airstrikes coincided with attacks by rocket launchers")."""
    return any(
        kind == AIR
        and 0 < at - start <= AIRCRAFT_REACH
        and AIRCRAFT_RE.match(lower, start) is not None
        and not re.search(r"[;,]", lower[start:at])
        for start, _, kind in means
    )


def _sub_event(
    m: EventMention,
    lexicon: Lexicon,
    lemma: str,
    actor1: ActorRef | None,
    actor2: ActorRef | None,
    said: _Said,
) -> tuple[str, str, int]:
    """(event type, sub-event type, rank) of a mention: the trigger's class, refined by the sentence.

    Territory changes are typed by actor1's side. Violence is typed by its means, as ACLED codes it: the
    means the sentence names nearest the trigger ("killed 26 fighters in air strikes" is an Air/drone strike,
    "attacks by rocket launchers" shelling); a killing with no means is an Attack when its victims are
    civilians, else an armed clash. A generic trigger ("attacked", "killed", "hit") with no means gives a
    weak reading, which any specific reading of the same place and day outranks.
    """
    cls = lexicon.classes[m.trigger.klass]
    event_type, sub, rank = cls.event_type, cls.sub_event_type, cls.rank
    lower = said.lower
    generic = lemma in lexicon.generic or m.trigger.text.lower() in lexicon.generic
    if cls.name == "territory":
        government = actor1 is not None and actor1.side in GOVERNMENT_SIDES
        if actor1 is None and actor2 is not None and actor2.side not in GOVERNMENT_SIDES:
            government = True
        if not government:
            sub = "Non-state actor overtakes territory"
    elif cls.name in MEANS_TYPED:
        at = m.trigger.start - m.sentence.start
        # air defences named within reach before the trigger do it: the event is their interception ("air
        # defences confronted missiles fired at A"), whatever means is nearer
        met = lexicon.nearest_means([f for f in said.means if f[2] == DISRUPTED and f[0] < at], lower, at)
        means = met or lexicon.nearest_means(said.means, lower, at) or said.inherited  # (rule "tally means")
        if means == SHELLING and _aircraft_before(said.means, lower, at):
            means = AIR  # "helicopters fired rockets at A": what the aircraft fire is an air strike
        if cls.name == "clash" and not generic and means != DISRUPTED:
            return event_type, sub, rank  # a battle says how: "clashes", "stormed" (air defences aside)
        if means is None and generic and said.protest_near(at):
            # rule "force against protesters": "killed in the protests", "fired on demonstrators"
            lethal = LETHAL_FORCE_RE.search(RUBBER_RE.sub(" ", lower))
            sub = "Excessive force against protesters" if lethal else "Protest with intervention"
            return "Protests", sub, lexicon.classes["protest"].rank
        if means is None and generic and cls.name in BORROWS_MEANS and not _planted_by_state(said, actor1):
            means = said.story_means  # rule "story means"
        if means is not None and means in lexicon.classes:
            typed = lexicon.classes[means]
            return typed.event_type, typed.sub_event_type, typed.rank
        if cls.name == "civilians":
            named_civilians = (
                actor2 is not None and actor2.category == "Civilians" and actor2.span is not None
            )
            if not said.names_victims_besides(m.trigger) and not named_civilians:
                event_type, sub, rank = "Battles", "Armed clash", lexicon.classes["clash"].rank - WEAK
        elif generic:
            rank -= WEAK
    elif cls.name == "protest" and said.intervention:
        lethal = LETHAL_FORCE_RE.search(RUBBER_RE.sub(" ", lower))
        sub = "Excessive force against protesters" if lethal else "Protest with intervention"
    return event_type, sub, rank


PLANTED = frozenset({"ied", "suicide"})  # means a state's forces are not told to use: bombs set off, bombers
STATE_FORCES = "State forces"  # the actor table's category


def _planted_by_state(said: _Said, actor1: ActorRef | None) -> bool:
    """Would the story's means make a state's forces plant a bomb? "The town was heavily bombed by regime forces"
    after a report's car bomb is the forces' bombardment, not another car bomb."""
    return said.story_means in PLANTED and actor1 is not None and actor1.category == STATE_FORCES


def _relays(document: Document, sources: SourceTable | None) -> tuple[str | None, str | None, str | None]:
    """The outlet as claim chains name it, the wire credit at the report's head (a news agency or outlet: a
    monitor or official body there is a source), and the source the headline names ("...: SOHR")."""
    outlet = sources.canonical(document.outlet) if sources and document.outlet else document.outlet
    if sources is None:
        return outlet, None, None
    return (
        outlet,
        wire_credit(document.text, sources.credit_name),
        headline_source(document.title, sources.name_of),
    )


def build_events(
    mentions: Mentions,
    lexicon: Lexicon,
    actors: ActorTable,
    gazetteer: Gazetteer,
    sources: SourceTable | None = None,
) -> list[Event]:
    """The events of one report's mentions. ``sources`` names the outlet as claim chains name it ("PressTV"
    and "presstv.ir" are "Press TV")."""
    document = mentions.analysis.document
    text = document.text
    if not mentions.mentions:
        return []
    outlet, credit, headline = _relays(document, sources)
    lede = mentions.mentions[0].sentence.index  # the headline's event is retold by the first with events
    refs = geocode(
        text,
        [PlaceMention(m.place.text, m.place.start, m.place.end, m.place.relation) for m in mentions.mentions],
        gazetteer,
        windows=mentions.analysis.sections,
    )
    index = ActorIndex(mentions, actors)
    war_report = on_topic(text, mentions.actors, refs, actors, gazetteer)
    drafts: list[Draft] = []
    fatalities_used: set[int] = set()
    said: dict[int, _Said] = {}  # by sentence index
    # per claim (its sources): the sentence index and actor1 of its last violent event
    previous: dict[tuple[str, ...], tuple[int, ActorRef]] = {}
    story = _dated_sentences(mentions, document.published)
    means_hits = [hit for hit in lexicon.means_in_text(text.lower()) if hit[1] in BORROWABLE]
    sentences = {s.index: s for s in mentions.analysis.sentences}
    for m, place in zip(mentions.mentions, refs, strict=True):
        if m.sentence.index not in said:
            at = bisect.bisect_left(means_hits, (m.sentence.start, ""))
            borrowed = means_hits[at - 1][1] if at > 0 else None
            said[m.sentence.index] = _Said(m.sentence, text, document.published, lexicon, borrowed)
            if said[m.sentence.index].tally and not said[m.sentence.index].means:
                said[m.sentence.index].inherited = inherited_means(
                    sentences.get(m.sentence.index - 1), text, lexicon
                )
        sentence = said[m.sentence.index]
        date = sentence.date_of(m.trigger.start)
        if date.rule.startswith("publication"):
            date = _story_date(story, m.sentence.index) or date
        if _is_background(date, sentence, m.trigger, document.published):
            continue  # "Daesh captured Palmyra in May 2015", told in 2016: background, not news
        claim = m.sentence.attribution.sources
        # the last violent event's actor1 of the same claim, else of the report ("Video showed the aftermath of
        # one air raid in A": the raid of the bombing the report told before, whoever told it)
        before = previous.get(claim) or previous.get(ANY_CLAIM)
        actor1, actor2, generic2 = actor_pair(m, mentions, actors, lexicon, before, index)
        if (
            actor1 is not None
            and actor1.category != "Civilians"
            and is_violent(m, lexicon)
            and previous.get(claim, (-1,))[0] != m.sentence.index  # a sentence's first event is its main one
        ):
            previous[claim] = previous[ANY_CLAIM] = (m.sentence.index, actor1)
        lemma = mentions.analysis.doc[m.trigger.token].lemma_.lower()
        event_type, sub, rank = _sub_event(m, lexicon, lemma, actor1, actor2, sentence)
        if not war_report and sub not in LITERAL_WAR:
            continue  # "attacks on Mueller", "attacking Trump at the Helsinki summit": news off the war
        if actor1 is None and sub in BOMBS:
            actor1 = _default_actor(actors, UNIDENTIFIED)  # "a car bomb exploded in A": an unidentified group
        if event_type == "Battles" and actor2 is not None and actor2.category == "Civilians":
            actor2 = None  # a killing retyped as a battle: the civilians were only the default victims
        if event_type == "Protests" and sub != "Peaceful protest":
            actor1, actor2 = _protesters_first(actor1, actor2, actors)
        elif event_type == "Protests" and actor1 is None:
            actor1 = _default_actor(actors, PROTESTERS_ID)  # "hundreds of people marched": the protesters
        fatalities = None
        if sentence.tally:  # each place of a tally has its own count: "100 in Sakba, 400 in Zamalka"
            fatalities = tally_count(text, m.place.start, m.place.end)
        elif m.sentence.index not in fatalities_used:  # a sentence's deaths go to its first event
            fatalities = sentence.fatalities
            if fatalities is not None:
                fatalities_used.add(m.sentence.index)
        place = replace(place, span=Span(m.place.start, m.place.end, m.place.text))
        told = or_headline(m.sentence.attribution, headline if m.sentence.index == lede else None)
        chain = claim_chain(told, outlet, credit)
        drafts.append(
            Draft(m, event_type, sub, rank, actor1, actor2, generic2, place, date, fatalities, chain)
        )
    drafts = deaths_told_after(drafts, mentions.analysis.sentences)
    drafts = drop_containers(drafts, gazetteer)
    taken: set[str] = set()
    return [finish(document.id, d, text, taken) for d in absorb_unknown_doers(merge(drafts))]


PROTESTERS = "Protesters"  # the actor category of protesters


def _protesters_first(
    actor1: ActorRef | None, actor2: ActorRef | None, actors: ActorTable
) -> tuple[ActorRef | None, ActorRef | None]:
    """ACLED's pair for force met by a protest: the protesters are actor1, the force that met them actor2 (a
    killing retyped as force against protesters had the force, or no one, as actor1; its civilian victims
    are the protesters)."""
    if "protesters" not in actors:
        return actor1, actor2
    found = actors.get("protesters")
    protesters = ActorRef(found.id, found.name, found.side, found.category, "protesters")
    force = actor1 if actor1 is not None and actor1.category not in ("Civilians", PROTESTERS) else None
    if force is None and actor2 is not None and actor2.category not in ("Civilians", PROTESTERS):
        force = actor2
    if actor1 is not None and actor1.category == PROTESTERS:
        protesters = actor1  # with the report's own words for them
    return protesters, force


ANY_CLAIM = ("*",)  # the key of the report's last violent event whatever its claim

HISTORY_DAYS = 31  # an event the report dates this long before its publication is background


# "the clashes first broke out on August 28": the start of what the report tells as going on (rule "onset").
ONSET_RE = re.compile(rf"\bfirst\s+(?:{word_alternation(_E, 'onset_verbs')})\b", re.I)
# "said on Sunday", "reported Monday", "told AFP on Friday": the day of the saying, not of what is told.
REPORTING_DATE_RE = re.compile(
    # between the verb and the day, only its addressee's name ("told AFP on Sunday"), never a clause's words
    rf"\b{word_alternation(_E, 'reporting_verbs')}(?:\s+(?-i:[A-Z][\w.-]*)){{0,2}}\s+(?:on\s+|late\s+|early\s+)?"
    rf"(?:{word_alternation(_E, 'day_words')})\b",
    re.I,
)


def _dated_sentences(mentions: Mentions, published: dt.date | None) -> list[tuple[int, DateRef]]:
    """(sentence index, date) of the report's news sentences that give a time of their own ("on Sunday",
    "yesterday"), in order: the dates a story's undated sentences take."""
    dated = []
    for sentence in mentions.analysis.sentences:
        if sentence.caption or sentence.background or sentence.headline:
            continue
        text = sentence.text
        if not states_a_date(text) or REPORTING_DATE_RE.search(text) or ONSET_RE.search(text):
            # no time of its own, the time of the saying ("reports said on Sunday that ..."), or when something
            # still going on began ("the clashes first broke out on August 28"): no day for the story after it
            continue
        date = resolve_date(text, sentence.start, sentence.start, published)
        if not date.rule.startswith("publication") and not _is_history(date, published):
            dated.append((sentence.index, date))
    return dated


def _story_date(dated: list[tuple[int, DateRef]], index: int) -> DateRef | None:
    """The date of a sentence that gives none: the story's, as a coder reads it: the last date a news
    sentence before it gave ("On Sunday the army shelled A. It also took B."), else the first one after it
    (a lede whose day the next sentence gives). The rule is "story:" and the rule of the date taken."""
    at = bisect.bisect_left(dated, index, key=lambda item: item[0])  # ``dated`` is in sentence order
    later = at + 1 if at < len(dated) and dated[at][0] == index else at
    taken = dated[at - 1][1] if at > 0 else dated[later][1] if later < len(dated) else None
    return None if taken is None else replace(taken, rule=f"story:{taken.rule}")


def _is_background(date: DateRef, said: _Said, trigger: Trigger, published: dt.date | None) -> bool:
    """Background, not news: dated more than a month before the report, or with no day of its own near the
    trigger and words of a past time or a total in its clause (events.background)."""
    undated = date.rule.startswith(("publication", "story"))
    return _is_history(date, published) or (
        undated and said.times.rule_near(trigger.start - said.start, published) is not None
    )


def _is_history(date: DateRef, published: dt.date | None) -> bool:
    if published is None or date.date is None or not date.rule.startswith("explicit"):
        return False
    last_day = date.date
    if date.precision == DatePrecision.MONTH:  # "in February 2016": up to the month's last day
        last_day = date.date.replace(day=calendar.monthrange(date.date.year, date.date.month)[1])
    return (published - last_day).days > HISTORY_DAYS
