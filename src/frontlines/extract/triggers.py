"""Event triggers in a parsed sentence, and whether they report something that happened.

A trigger is a verb or noun whose lemma (or lemma sequence) is in the lexicon. A trigger reports an event only
when it is asserted: not negated ("did not advance"), not hypothetical or planned ("may storm", "plans to
attack", "threatened to capture"), not in a photo caption and not background ("since March 2011").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from frontlines.extract.lexicon import Lexicon
from frontlines.wordlists import load_words, word_set

# The words are package data (data/words.toml, [triggers]); the rules below are the grammar.
_T = load_words("frontlines.extract")["triggers"]
# Verbs that carry an event noun or clause rather than being events themselves: "launched an offensive",
# "carried out airstrikes", "managed to recapture", "were the scenes of heavy fighting".
PASS_THROUGH = word_set(_T, "pass_through")
# Verbs of saying: a report is a claim whoever cannot confirm it ("the army could not confirm they captured A").
REPORTING = word_set(_T, "reporting")
CONDITIONAL = word_set(_T, "conditional")  # "unless the YPG withdraws": a condition, no event
MODAL_AUX = word_set(_T, "modal_aux")  # "may storm": hypothetical
IRREALIS = word_set(_T, "irrealis")  # "plans to attack", "threatened to capture": not (yet) done
DISARMING = word_set(_T, "disarming")  # "defused a roadside bomb": no explosion
RISK_NOUNS = word_set(_T, "risk_nouns")  # "for fear of being targeted", "the risk of an offensive": not done
NEGATORS = word_set(_T, "negators")  # "never reached", besides spaCy's "neg" dependents
HABITUAL = word_set(_T, "habitual")  # "Israel frequently targets positions": what happens, not an event
# A clause of purpose ("captured the airbase to free the city", "in an attempt to tighten the siege"): an
# infinitive that modifies a verb or a noun tells what was meant to happen, not what did.
PURPOSE_DEPS = frozenset({"advcl", "acl"})
# Nouns (lemmas) of bodies whose names hold event words: "the Russian Center for Reconciliation", "the
# Ministry of National Reconciliation", "the Commission for Liberation" name no event (rule "name of a body").
BODY_NOUNS = word_set(_T, "body_nouns")
# Verbs (lemmas) that conclude an agreement: "reached a deal", "signed a truce", "a ceasefire took effect".
# An agreement noun no such verb governs is talk of one ("in talks for a similar agreement"): rule
# "agreement not concluded".
CONCLUDING = word_set(_T, "concluding")
# Nouns (lemmas) of pictures: a trigger whose object is one films, it does not fight ("shot footage",
# "captured a video"): rule "filming".
PICTURE_NOUNS = word_set(_T, "picture_nouns")
# Verbs (lemmas) of trying: a capture tried is a battle, not a capture ("tried to storm A", "groups trying to
# enter A"): rule "attempt".
ATTEMPT = word_set(_T, "attempt")
# Words (lemmas) of relief and its carriers: what they do where they enter is no capture ("an aid convoy
# entered A", "the entry of humanitarian aid into A"): rule "aid".
AID_WORDS = word_set(_T, "aid_words")
# Words of degree that may come inside a trigger phrase: "took full control" is "take control".
PHRASE_DEGREE = word_set(_T, "phrase_degree")
# Words (lemmas) that make a trigger a figure of speech: an abstract foe ("fighting terrorism", "the fight
# against corruption") or a word before it ("a ticking time bomb"): rule "figurative".
ABSTRACT_FOES = word_set(_T, "abstract_foes")
FIGURATIVE_MODIFIERS = word_set(_T, "figurative_modifiers")


@dataclass(frozen=True, slots=True)
class Trigger:
    token: int  # index of the trigger's head token in the spaCy Doc
    start: int
    end: int
    text: str
    klass: str  # lexicon class name


def find_triggers(sent: Any, lexicon: Lexicon) -> list[Trigger]:
    """Trigger tokens of a spaCy sentence span, phrases first (they win over their single words)."""
    tokens = list(sent)
    sent_text, base = sent.text, sent.start_char  # (Doc.text joins every token of the document: not here)
    lemmas = [t.lemma_.lower() for t in tokens]
    lowers = [t.lower_ for t in tokens]
    taken: set[int] = set()
    found: list[Trigger] = []
    for i in range(len(tokens)):
        if i in taken:
            continue
        # Only the phrases that start with this word (longest first) are tried here.
        for words, klass in lexicon.phrases_starting(lemmas[i], lowers[i]):
            stop = _phrase_end(lemmas, lowers, i, words)
            if stop is None or any(j in taken for j in range(i, stop)):
                continue
            head = min(tokens[i:stop], key=_depth)
            end = tokens[stop - 1].idx + len(tokens[stop - 1])
            found.append(
                Trigger(head.i, tokens[i].idx, end, sent_text[tokens[i].idx - base : end - base], klass)
            )
            taken.update(range(i, stop))
            break
    for i, tok in enumerate(tokens):
        if i in taken or tok.pos_ not in ("VERB", "NOUN"):
            continue
        single = lexicon.lemmas.get(lemmas[i]) or lexicon.lemmas.get(tok.lower_)
        if single is not None and lemmas[i] in lexicon.past_only and not _past_event_verb(tok):
            continue  # "HTS controls Idlib", "Assad's control over", "SDF-controlled": a state, no event
        if single is not None:
            found.append(Trigger(tok.i, tok.idx, tok.idx + len(tok), tok.text, single))
    return _without_light_verbs(found, tokens[0].doc if tokens else None)


def _phrase_end(lemmas: list[str], lowers: list[str], i: int, words: tuple[str, ...]) -> int | None:
    """The index after the phrase ``words`` matched from token ``i`` (by lemma or word), or None. A word of
    degree may come inside it: "took full control", "established complete control" (rule "phrase degree")."""
    at = i
    for k, word in enumerate(words):
        if k > 0 and at < len(lowers) and lowers[at] in PHRASE_DEGREE and word not in PHRASE_DEGREE:
            at += 1
        if at >= len(lemmas) or (lemmas[at] != word and lowers[at] != word):
            return None
        at += 1
    return at


def _without_light_verbs(found: list[Trigger], doc: Any) -> list[Trigger]:
    """A verb that is also a light verb is no trigger of its own when its object is one: "executed nearly ten
    airstrikes" is an air strike, not an execution; "fired rockets" is the rockets' event."""
    if doc is None:
        return found
    spans = [(t.start, t.end) for t in found]

    def is_trigger(tok: Any) -> bool:
        return any(s <= tok.idx < e for s, e in spans)

    return [
        t
        for t in found
        if not (
            t.end - t.start == len(doc[t.token])
            and verb_lemma(doc[t.token], PASS_THROUGH)
            and any(c.dep_ == "dobj" and is_trigger(c) for c in doc[t.token].children)
        )
    ]


def _past_event_verb(tok: Any) -> bool:
    """A verb in the past that heads a clause ("controlled the town", "were controlled"), not a modifier;
    or one a past verb carries ("managed to advance and control the villages")."""
    if tok.pos_ != "VERB" or tok.dep_ in ("amod", "compound", "acl"):
        return False
    if tok.tag_ in ("VBD", "VBN"):
        return True
    head = tok
    for _ in range(2):  # "managed to [advance and] control"
        if head.dep_ not in ("xcomp", "conj") or head.head.i == head.i:
            return False
        head = head.head
        if head.tag_ in ("VBD", "VBN"):
            return True
    return False


def verb_lemma(tok: Any, words: frozenset[str]) -> bool:
    """Is the token's lemma one of ``words``? Also as the base the small model misses on verbs in "-aged":
    it lemmatises "staged" as "stag", "waged" as "wag", "raged" as "rag"; the form less its "d" is tried too."""
    lemma = tok.lemma_.lower()
    if lemma in words:
        return True
    lower = tok.lower_
    return lower.endswith("ed") and lemma == lower[:-2] and lower[:-1] in words


def _depth(tok: Any) -> int:
    depth = 0
    while tok.head.i != tok.i:
        tok = tok.head
        depth += 1
    return depth


def is_asserted(doc: Any, trigger: Trigger) -> tuple[bool, str]:
    """Whether a trigger reports an event that happened; the reason when it does not."""
    tok = doc[trigger.token]
    if (
        tok.dep_ in PURPOSE_DEPS
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
        and not verb_lemma(tok.head, PASS_THROUGH)  # "foiled an attempt to infiltrate A": it was tried
    ):
        return False, f"purpose ('to {tok.text}')"  # "an offensive to recapture A": the aim, not (yet) done
    if _in_body_name(doc, tok):
        return False, f"name of a body ('{trigger.text}')"
    if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in PICTURE_NOUNS for c in tok.children):
        return False, f"filming ('{trigger.text}')"
    if _figurative(tok):
        return False, f"figurative ('{trigger.text}')"
    if (
        tok.dep_ in ("pobj", "pcomp")
        and tok.head.lower_ == "of"
        and tok.head.head.lemma_.lower() in RISK_NOUNS
    ):
        return False, f"feared ('{tok.head.head.text} of')"  # "for fear of being targeted": not done
    disarmer = disarmed_by(tok)
    if disarmer is not None:  # "defused a bomb", "the mines were cleared", "dismantled dozens of devices"
        return False, f"disarmed ('{disarmer.text}')"
    chain = [tok]
    head = tok
    # Walk up through the verbs that govern the trigger ("managed to recapture", "plans to attack").
    while head.head.i != head.i and len(chain) < 6:
        if head.dep_ in ("advcl", "conj", "relcl") and _has_subject(head):
            break  # a clause with its own subject: "they did not let up, as their forces captured A"
        link, head = head.dep_, head.head
        if head.pos_ in ("VERB", "AUX") or head.dep_ in ("xcomp", "ccomp"):
            opaque = not verb_lemma(head, PASS_THROUGH) and not verb_lemma(head, IRREALIS)
            if link in ("ccomp", "parataxis") and (opaque or verb_lemma(head, REPORTING)):
                break  # "X could not verify [that] Y captured": that negation or modal is about the report
            chain.append(head)
            if opaque:
                break
    for t in chain:
        if _is_purpose(t):
            return False, f"purpose ('to {t.text}')"
        for child in t.children:
            if child.dep_ == "neg" or child.lower_ in NEGATORS:
                return False, f"negated by '{child.text}'"
            if child.dep_ == "advmod" and child.lower_ in HABITUAL:
                return False, f"habitual ('{child.text}')"
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL:
                return False, f"conditional ('{child.text}')"
            if child.dep_ == "aux" and child.lower_ in MODAL_AUX:
                return False, f"hypothetical ('{child.text}')"
        if t is not tok and verb_lemma(t, IRREALIS):
            return False, f"not asserted ('{t.text}')"
    return True, ""


def _figurative(tok: Any) -> bool:
    """Rule "figurative": the trigger's object (or its "against" object) is an abstract foe ("fighting
    terrorism", "the fight against corruption"), or a modifier makes it a figure ("a ticking time bomb")."""
    for child in tok.children:
        if child.dep_ == "compound" and child.lower_ in FIGURATIVE_MODIFIERS:
            return True
        foes = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ == "against":
            foes = [g for g in child.children if g.dep_ == "pobj"]
        if any(f.lemma_.lower() in ABSTRACT_FOES for f in foes):
            return True
    return False


def _in_body_name(doc: Any, tok: Any) -> bool:
    """Is the trigger a word of a body's name: after "for" or "of" (maybe past "the" or a capitalised word) right
    after a body noun ("Center for reconciliation", "Ministry of National Reconciliation")?"""
    j = tok.i - 1
    if j > 0 and (doc[j].lower_ == "the" or (doc[j].is_title and doc[j].pos_ in ("PROPN", "ADJ"))):
        j -= 1
    return j > 0 and doc[j].lower_ in ("for", "of") and doc[j - 1].lemma_.lower() in BODY_NOUNS


def moves_aid(doc: Any, trigger: Trigger) -> bool:
    """Is the trigger done by relief ("an aid convoy entered A", "the entry of humanitarian aid into A"): its
    subject, or the "of" object of a noun trigger, names aid, a convoy or a relief body by its head word or a
    modifier? A convoy, of aid or of troops, moves; it takes nothing ("military convoys entered Idlib")."""
    tok = doc[trigger.token]
    doers = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.pos_ == "NOUN":
        doers += [g for c in tok.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    for doer in doers:
        words = [doer] + [c for c in doer.children if c.dep_ in ("compound", "amod")]
        if any(w.lemma_.lower() in AID_WORDS or w.lower_ in AID_WORDS for w in words):
            return True
    return False


def attempted(doc: Any, trigger: Trigger) -> bool:
    """Is the trigger's verb what a verb of trying carries ("tried to capture A", "groups trying to enter A",
    "an attempt to storm A")?"""
    tok = doc[trigger.token]
    return tok.dep_ in ("xcomp", "acl") and tok.head.lemma_.lower() in ATTEMPT


def agreement_concluded(doc: Any, trigger: Trigger) -> bool:
    """Is an agreement noun one that was concluded: governed, up to two steps up, by a concluding verb ("reached
    a deal", "signed a truce agreement"), or the subject of one ("the truce took effect")? A verb trigger
    ("agreed") says so itself."""
    tok = doc[trigger.token]
    if tok.pos_ == "VERB" or tok.lemma_.lower() in CONCLUDING:
        return True
    head = tok
    for _ in range(3):
        if head.head.i == head.i:
            return False
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head.lemma_.lower() in CONCLUDING
    return False


def _is_purpose(verb: Any) -> bool:
    """Rule "purpose": an infinitive that modifies a verb or noun other than one that passes an event on
    ("to free the city", "in an attempt to tighten the siege"; not "managed to recapture"). A noun it
    modifies states a purpose only in a phrase of manner ("in a bid to"): "foiled an attempt to infiltrate"
    tells an attempt that was made."""
    head = verb.head
    if verb.dep_ not in PURPOSE_DEPS or (
        head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in PASS_THROUGH
    ):
        return False
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ != "pobj":
        return False
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _has_subject(verb: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def disarmed_by(tok: Any) -> Any | None:
    """The verb that disarmed the weapon ``tok`` names, as its object ("defused a bomb"), or through a quantity
    ("dismantled dozens of explosive devices"); None when none did."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "NUM"):
        tok = tok.head.head  # "dozens of devices": the quantity is the verb's object
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in DISARMING:
        return tok.head
    return None


def governing_trigger(doc: Any, token_i: int, triggers: dict[int, Trigger]) -> Trigger | None:
    """The trigger a place token belongs to: walk up the dependency tree from the place; the first trigger on
    the way wins; a pass-through verb hands over to the nearest trigger below it; any other verb blocks."""
    tok = doc[token_i]
    came_from = tok
    while True:
        if tok.i in triggers and tok.i != token_i:
            return triggers[tok.i]
        if tok is not came_from and _is_clause_head(tok):
            if not verb_lemma(tok, PASS_THROUGH):
                return None
            found = _trigger_below(tok, came_from, triggers)
            if found is not None:
                return found
        if tok.head.i == tok.i:
            return None
        came_from, tok = tok, tok.head


CLAUSE_DEPS = frozenset({"ROOT", "advcl", "ccomp", "xcomp", "relcl", "acl", "pcomp", "csubj", "parataxis"})


def _is_clause_head(tok: Any) -> bool:
    """A verb heading a clause of its own. The small model tags some nouns as verbs ("watch towers",
    "Tell Soumeah"): a "verb" that is a conjunct or dependent of a noun is not a clause head."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ in CLAUSE_DEPS:
        return True
    return tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX")


def _trigger_below(verb: Any, skip: Any, triggers: dict[int, Trigger]) -> Trigger | None:
    frontier = [c for c in verb.children if c.i != skip.i]
    while frontier:
        next_frontier = []
        for t in frontier:
            if t.i in triggers:
                return triggers[t.i]
            if _is_clause_head(t) and not verb_lemma(t, PASS_THROUGH) and t.dep_ != "xcomp":
                continue  # another clause
            next_frontier.extend(t.children)
        frontier = next_frontier
    return None
