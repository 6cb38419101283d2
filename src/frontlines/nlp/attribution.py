"""Who says so: the relayed sources of each sentence ("SANA reported that ...", "according to the Observatory").

A sentence's claim chain is nearest source first, then the outlet that published the report:
("SANA", "Press TV") when Press TV writes "SANA reported that ...". A follow-up sentence ("The report added
that ...", "In Hama, the source confirmed ...") keeps the sources named last; "the military said" is the state's
forces the report named last; any other sentence is the outlet's own claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from frontlines.records import Span
from frontlines.wordlists import ascii_lower, guard_words, load_words, may_hold, word_alternation, words

# The words are package data (data/words.toml, [attribution] and [[anonymous]]); the patterns are the grammar.
_WORDS = load_words("frontlines.nlp")
_A = _WORDS["attribution"]

REPORTING = word_alternation(_A, "reporting")
ACCORDING_RE = re.compile(r"\baccording to\s+(?:a\s+|the\s+)?", re.I)
# Sources without a name of their own, by the words reports use for them; the first that matches wins.
ANONYMOUS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b{word_alternation(entry, 'phrases')}\b", re.I), str(entry["label"]))
    for entry in _WORDS["anonymous"]
)
# every match of an ANONYMOUS pattern holds one of its guard words (see frontlines.wordlists.may_hold)
ANONYMOUS_GUARDS = tuple(guard_words(words(entry, "phrases")) for entry in _WORDS["anonymous"])
_BACK_REFERENCE = (
    rf"(?:the|this|that)\s+{word_alternation(_A, 'back_reference_nouns')}\s+(?:also\s+|further\s+|later\s+)?"
    rf"{word_alternation(_A, 'back_reference_verbs')}"
)
# People with no name of their own ("a rebel commander", "local residents"), up to two qualifiers first.
PEOPLE_RE = re.compile(
    r"\b(?:an?\s+|the\s+|one\s+|two\s+|several\s+)?(?P<who>"
    rf"(?:{word_alternation(_A, 'people_qualifiers')}\s+){{0,2}}"
    rf"{word_alternation(_A, 'people')})\b",
    re.I,
)
PEOPLE_GUARDS = guard_words(words(_A, "people"))  # every match of PEOPLE_RE holds one (see ANONYMOUS_GUARDS)
_NAME = r"(?:[a-z]{1,3}-)?[A-Z][\w'’-]*"  # a capitalised name word, with its article: "al-Barazi"
# After the people: their name, as an aside or not ("the official, Ahmad Ali, said", "governor Talal
# al-Barazi told"), then the verb at once.
PEOPLE_VERB_RE = re.compile(
    rf"(?:\s*,\s*{_NAME}(?:\s+{_NAME}){{0,3}}\s*,|(?:\s+{_NAME}){{0,3}})"
    rf"\s+(?:also\s+)?{word_alternation(_A, 'people_verbs')}\b",
    re.UNICODE,
)
# A phrase put before the subject, closed by a comma: "To the south east of Homs, the source confirmed ...".
_FRONTED = r"[^,.;:\"“]{1,60},"
# A sentence that goes on relaying the source named last: "The agency added that ...", "It also noted ...",
# "In Hama, the source said ..."; or, when it names no source of its own, "..., the news agency added.",
# "..., he said."
CONTINUATION_RE = re.compile(
    rf"^\W*(?:{_FRONTED}\s*)?{_BACK_REFERENCE}|"
    rf"^\W*(?:it|he|she|they)\s+(?:also\s+|further\s+)?{word_alternation(_A, 'pronoun_verbs')}",
    re.I,
)
TRAILING_CONTINUATION_RE = re.compile(
    rf",\s*(?:{_BACK_REFERENCE}|(?:he|she|it|they)\s+(?:also\s+)?{word_alternation(_A, 'pronoun_verbs')})\W*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class SourceHit:
    start: int
    end: int
    text: str
    name: str  # canonical source name
    # an armed actor that speaks ("the SDF said"): its saying verb must follow at once, since an actor is
    # far more often the subject of what is told ("the army killed 5 fighters, the monitor said")
    actor: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    sources: tuple[str, ...]  # relayed sources, nearest first (without the outlet)
    span: Span | None  # the words that attribute ("SANA reported")
    by_actor: bool = False  # the nearest source is an armed actor speaking ("the SDF said"): also a party


NONE = Attribution((), None)


def attribute_sentence(
    sentence: str,
    offset: int,
    previous: Attribution,
    find_sources: Callable[[str], Sequence[SourceHit]],
    speakers: dict[str, str] | None = None,
) -> Attribution:
    """The relayed sources of one sentence (offset = its start in the document; ``previous``: the attribution
    of the last sentence that named a source, which a back reference goes on with). ``speakers``: the people the
    report has named as speaking for a source so far ("Kupchishin" -> the Russian Reconciliation Centre), by
    their last name; kept up to date here, one dictionary per report."""
    speakers = {} if speakers is None else speakers
    hits = list(find_sources(sentence))
    continuation = CONTINUATION_RE.search(sentence)
    if continuation and not any(not h.actor and h.start < continuation.end() for h in hits):
        return previous  # "The agency added that ...", not "The Observatory said ...", which names its source
    lower = ascii_lower(sentence)
    for (pattern, name), guards in zip(ANONYMOUS, ANONYMOUS_GUARDS, strict=True):
        if not may_hold(lower, guards):
            continue  # (the guard is cheaper than the regex)
        for m in pattern.finditer(sentence):
            if not any(m.start() < h.end and h.start < m.end() for h in hits):  # the table's name wins
                hits.append(SourceHit(m.start(), m.end(), m.group(0), name))
    if all(h.actor for h in hits) and TRAILING_CONTINUATION_RE.search(sentence):
        return previous  # "..., the news agency added": no source of its own, the previous one goes on
    hits.sort(key=lambda h: h.start)
    found = _read(sentence, offset, hits, speakers)
    _remember_military(found, hits, speakers)
    return found


def _read(sentence: str, offset: int, hits: Sequence[SourceHit], speakers: dict[str, str]) -> Attribution:
    for reader in (_according_to, _said_before, _says, _military_says):
        found = reader(sentence, offset, hits, speakers)
        if found is not None:
            return found
    return _people_say(sentence, offset, hits, speakers)


def _according_to(
    sentence: str, offset: int, hits: Sequence[SourceHit], speakers: dict[str, str]
) -> Attribution | None:
    """ "according to X": the source right after the phrase, or a spokesperson the report named before."""
    for m in ACCORDING_RE.finditer(sentence):
        after = [h for h in hits if m.end() <= h.start <= m.end() + 40]
        if after:
            h = after[0]
            return Attribution(
                (h.name,), Span(offset + m.start(), offset + h.end, sentence[m.start() : h.end]), h.actor
            )
        person = _NAMES_RE.match(sentence, m.end())
        if person and person.group("last") in speakers:
            end = person.end()
            return Attribution(
                (speakers[person.group("last")],),
                Span(offset + m.start(), offset + end, sentence[m.start() : end]),
            )
    return None


def _said_before(
    sentence: str, offset: int, hits: Sequence[SourceHit], speakers: dict[str, str]
) -> Attribution | None:
    """ "..., said the Observatory": the reporting verb first, the source closing the sentence."""
    for h in hits:
        verb = SAID_BEFORE_RE.search(sentence, max(0, h.start - 30), h.start)
        if verb and not h.actor and not re.search(r"\w", sentence[h.end :].split(",")[0]):
            return Attribution(
                (h.name,), Span(offset + verb.start(), offset + h.end, sentence[verb.start() : h.end])
            )
    return None


def _says(
    sentence: str, offset: int, hits: Sequence[SourceHit], speakers: dict[str, str]
) -> Attribution | None:
    """ "X reported (that)": a source followed closely by a reporting verb, also through the person who speaks
    for it ("chief of the Reconciliation Centre Viktor Kupchishin said", who is then a speaker for it); an
    actor by its verb at once."""
    for h in hits:
        tail = sentence[h.end : h.end + 120]
        verb = (ACTOR_SAYS_RE if h.actor else SOURCE_SAYS_RE).match(tail)
        person = None if h.actor else SPOKESPERSON_RE.match(tail)
        if person is not None:
            speakers[person.group("last")] = h.name
            verb = verb or person
        if not verb:
            continue
        end = h.end + verb.end()
        relayed = _cited(sentence, h.end, hits)
        if relayed is not None:  # "Sputnik quoted SANA as saying": SANA, then Sputnik
            end = max(end, relayed.end)
            return Attribution(
                (relayed.name, h.name),
                Span(offset + h.start, offset + end, sentence[h.start : end]),
                relayed.actor,
            )
        told = _told(sentence, end, hits)
        if told is not None:  # "a military source told SANA": the source, then SANA that relays it
            end = told.end
            return Attribution(
                (h.name, told.name), Span(offset + h.start, offset + end, sentence[h.start : end]), h.actor
            )
        return Attribution((h.name,), Span(offset + h.start, offset + end, sentence[h.start : end]), h.actor)
    return None


# "the military said", "..., the military added": the state's forces named last in the report speak. Their
# canonical names follow the actor table's convention for state forces ("Military Forces of Turkey").
_MILITARY_SAYS_RE = re.compile(
    rf"\bthe\s+(?:military|armed\s+forces)\s+(?:also\s+|later\s+|further\s+)?"
    rf"(?:{word_alternation(_A, 'people_verbs')}|{word_alternation(_A, 'back_reference_verbs')})\b",
    re.I,
)
_STATE_FORCES = "Military Forces of "
_MILITARY = "*military"  # the key of the state's forces named last, in a report's speakers


def _remember_military(found: Attribution, hits: Sequence[SourceHit], speakers: dict[str, str]) -> None:
    """Keep the state's forces of a sentence for a later "the military said": those that speak ("Turkish
    military forces said ..."), else, in a sentence nobody is quoted in, the first named ("The Turkish
    military has struck ..."); not those a source tells about ("..., Russian aircraft struck ...")."""
    if found.sources:
        if found.by_actor and found.sources[0].startswith(_STATE_FORCES):
            speakers[_MILITARY] = found.sources[0]
        return
    first = next((h for h in hits if h.actor and h.name.startswith(_STATE_FORCES)), None)
    if first is not None:
        speakers[_MILITARY] = first.name


def _military_says(
    sentence: str, offset: int, hits: Sequence[SourceHit], speakers: dict[str, str]
) -> Attribution | None:
    """ "the military said": the state's forces the report named last speak for themselves."""
    m = _MILITARY_SAYS_RE.search(sentence)
    if m is None or _MILITARY not in speakers:
        return None
    return Attribution(
        (speakers[_MILITARY],), Span(offset + m.start(), offset + m.end(), m.group(0)), by_actor=True
    )


def _people_say(
    sentence: str, offset: int, hits: Sequence[SourceHit], speakers: dict[str, str]
) -> Attribution:
    """A spokesperson the report named before ("Kupchishin added") speaks for the source; "a rebel commander
    told ...", "residents said": people with no name of their own, as the report calls them. The reporting
    verb must follow at once (after their name, if given)."""
    for m in SPEAKER_SAYS_RE.finditer(sentence):
        if m.group("last") in speakers:
            return Attribution(
                (speakers[m.group("last")],), Span(offset + m.start(), offset + m.end(), m.group(0))
            )
    people = PEOPLE_RE.finditer(sentence) if may_hold(ascii_lower(sentence), PEOPLE_GUARDS) else ()
    for m in people:
        verb = PEOPLE_VERB_RE.match(sentence, m.end())
        if verb:
            name = " ".join(m.group("who").lower().split())
            told = _told(sentence, verb.end(), hits)
            if told is not None:
                return Attribution(
                    (name, told.name),
                    Span(offset + m.start(), offset + told.end, sentence[m.start() : told.end]),
                )
            return Attribution(
                (name,), Span(offset + m.start(), offset + verb.end(), sentence[m.start() : verb.end()])
            )
    return NONE


def carried(previous: Attribution, own: Attribution, names_an_actor: bool) -> Attribution:
    """The sources of a sentence that names none of its own (rule "carried"): the previous sentence's, when it
    names no actor either and so only goes on telling what that source told ("According to Anadolu, A was
    cleared. Later on Tuesday, B and C were also controlled."; "The operations resulted in regaining control
    over D"). A sentence with an actor of its own ("Syrian bomb disposal units also defused ...") is the
    outlet's own telling."""
    if own.sources or names_an_actor:
        return own
    return previous


# Verbs that come before their source at a sentence's end ("..., said the Observatory"); not "told": "a source
# told SANA" makes SANA the relay, not the teller.
SAID_BEFORE_RE = re.compile(rf"\b{word_alternation(_A, 'inverted_verbs')}\s+(?:the\s+|an?\s+)?$", re.I)
_CAP = r"(?-i:[A-Z][\w'’-]+)"  # a capitalised word of a person's name
_NAMES_RE = re.compile(rf"(?:{_CAP}\s+){{0,2}}(?P<last>{_CAP})\b")
# A source's person, named before the verb: "chief of the Russian Reconciliation Centre Viktor Kupchishin said".
SPOKESPERSON_RE = re.compile(
    rf"^[^.;:\"“]{{0,80}}?\s(?:{_CAP}\s+){{0,2}}(?P<last>{_CAP})\s+(?:also\s+|later\s+)?{REPORTING}\b", re.I
)
# A speaker the report named before, speaking: "Kupchishin added", "..., Kupchishin said".
SPEAKER_SAYS_RE = re.compile(
    rf"\b(?P<last>{_CAP})\s+(?:also\s+|further\s+)?{word_alternation(_A, 'people_verbs')}\b", re.I
)
SOURCE_SAYS_RE = re.compile(
    rf"^(?:[^.;:\"“]{{0,40}}?\s)?(?:also\s+|later\s+|earlier\s+|further\s+)?{REPORTING}\b", re.I
)
# "the YPG leadership said", "the SDF said in a statement", "the Islamic Front, which fights in Latakia, said":
# at most the speaking body's own noun, or an aside in commas, between the actor and the verb.
SPEAKING_BODIES = word_alternation(_A, "speaking_bodies")
ACTOR_SAYS_RE = re.compile(
    # an aside between commas, or where the actor is ("Kurdish security forces in northeast Syria (Rojava)
    # announced"), may come between the actor and its verb
    rf"^(?:\s*,[^,.;:\"“]{{1,80}},|\s+(?:in|from)\s+[^,.;:\"“()]{{1,40}}?(?:\s*\([^()]{{1,30}}\))?)?"
    rf"\s+(?:{SPEAKING_BODIES}\s+)?"
    rf"(?:(?:also\s+|later\s+|earlier\s+|further\s+)?{REPORTING}\b|"
    rf"{word_alternation(_A, 'statement_verbs')}\s+an?\s+statement\b[^.;:\"“]{{0,60}}?\b(?:saying|stating)\b)",
    re.I,
)
CITING_RE = re.compile(rf"\b{word_alternation(_A, 'citing')}\s+(?:the\s+|an?\s+)?", re.I)


_TOLD_RE = re.compile(r"\b(?:told|tells)$", re.I)


def _told(sentence: str, verb_end: int, hits: Sequence[SourceHit]) -> SourceHit | None:
    """The source a "told" hands the claim to, right after the verb ("told SANA", "told the Observatory"):
    it relays what it was told."""
    if not _TOLD_RE.search(sentence, max(0, verb_end - 6), verb_end):
        return None
    gap = re.match(r"\s+(?:the\s+)?", sentence[verb_end:])
    at = verb_end + (gap.end() if gap else 0)
    return next((h for h in hits if h.start == at and not h.actor), None)


def _cited(sentence: str, after: int, hits: Sequence[SourceHit]) -> SourceHit | None:
    """The source a source cites right after it names it: "Reuters, citing a military source, said"."""
    for m in CITING_RE.finditer(sentence, after, min(len(sentence), after + 80)):
        for h in hits:
            if m.end() <= h.start <= m.end() + 2:
                return h
    return None


def source_name(written: str, table_name: Callable[[str], str | None]) -> str:
    """The claim-chain name of a source as a person writes it: its name in the source table ("Syrian
    Observatory for Human Rights" -> "SOHR"), the label of an anonymous source ("local activists" -> "local
    sources"), else the words themselves. ``table_name`` looks a name up in the source table."""
    known = table_name(written)
    if known is not None:
        return known
    for pattern, name in ANONYMOUS:
        if pattern.search(written):
            return name
    return written.strip()


def claim_chain(attribution: Attribution, outlet: str | None, credit: str | None = None) -> tuple[str, ...]:
    """Sources nearest first, then the wire agency the report credits (``credit``), then the outlet (never
    twice)."""
    chain = list(attribution.sources)
    for relay in (credit, outlet):
        if relay and not any(relay.casefold() == name.casefold() for name in chain):
            chain.append(relay)
    return tuple(chain)


# A wire credit at the head of a report: "BEIRUT (AP) —", "PROVINCES, (SANA)-", "(AA): ...", also after the
# republishing outlet's own credit ("(Iraq News)- RAS AL-AIN (Kurdistan 24) –"; the first that names a known
# source wins); a dateline line naming the agency: "TAL ABYAD - Anadolu Agency"; or a byline line: "By
# Agence France-Presse".
WIRE_CREDIT_RE = re.compile(
    r"(?:^|\n|(?<=\)[-–—])|(?<=\) [-–—]))[ \t]*(?:[A-Z][\w .'’-]{1,40}(?:,[ \t]*[\w .]{1,30})?,?[ \t]*)?"
    r"\((?P<paren>[\w .-]{2,40})\)[ \t]*[-–—:]"
    r"|(?:^|\n)[ \t]*[A-Z][A-Z .'’-]{2,40}[ \t]+[-–—][ \t]+(?P<line>[\w .-]{2,40})[ \t]*(?:\n|$)"
    r"|(?:^|\n)[ \t]*By[ \t]+(?P<byline>[A-Z][\w .'’-]{1,40}?)[ \t]*(?:\n|$)"
)
CREDIT_WINDOW = 800  # characters at the head of a report where a wire credit stands


def wire_credit(text: str, lookup: Callable[[str], str | None]) -> str | None:
    """The news agency a report credits at its head ("BEIRUT (AP) —"), as ``lookup`` names known sources;
    None when there is none or it names no known source."""
    for m in WIRE_CREDIT_RE.finditer(text[:CREDIT_WINDOW]):
        name = lookup((m.group("paren") or m.group("line") or m.group("byline") or "").strip())
        if name is not None:
            return name
    return None


# A headline that names its source at its end: "Turkish drone kills two SDF fighters near US base: SOHR", "Four
# soldiers killed in airstrikes: Turkish Defense Ministry", "..., says SOHR".
HEADLINE_SOURCE_RE = re.compile(r"(?::|,\s*(?:says|say|reports|according\s+to))\s+(?P<name>[^:,]{2,50}?)\s*$")


# ... or at its start: "Witnesses: Syrian troops open fire at protest", "SOHR: 12 killed in Idlib"
HEADLINE_PREFIX_RE = re.compile(r"^\s*(?P<name>[A-Z][\w .’'-]{1,40}?)\s*:\s+\S")


def headline_source(title: str | None, lookup: Callable[[str], str | None]) -> str | None:
    """The source a headline names at its end or its start (as ``lookup`` names known sources, or people with
    no name of their own: "Witnesses: ..."), or None. A place before a colon ("Syria: ...") names none."""
    m = HEADLINE_SOURCE_RE.search(title or "")
    found = lookup(m.group("name")) if m else None
    start = HEADLINE_PREFIX_RE.match(title or "")
    if found is None and start is not None:
        name = start.group("name")
        people = PEOPLE_RE.fullmatch(name)
        found = lookup(name) or (" ".join(people.group("who").lower().split()) if people else None)
    return found


def or_headline(attribution: Attribution, headline: str | None) -> Attribution:
    """A sentence that names no source tells what the headline's source says, when the headline names one
    (rule "headline-source"; the caller gives the headline's source to the lede only); a sentence with its own
    source keeps it."""
    if attribution.sources or headline is None:
        return attribution
    return Attribution((headline,), attribution.span)
