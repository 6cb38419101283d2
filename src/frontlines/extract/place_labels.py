"""The weak evidence that a name is a place, and the only place where the model's entity labels are read.

A name with no place noun before or after it, no landmark noun and no list to continue (the strong evidence of
`frontlines.extract.places`) is a place by the model's entity label (GPE, LOC or FAC), by the gazetteer, or by
a preposition before it. spaCy's small model labels many Syrian villages PERSON or ORG, so labels are hints. The
labels are read only when they can change the answer: the pipeline runs the entity recogniser only on the
sentences whose labels are read (`frontlines.nlp.entities`, ADR 0022), and the recogniser is the costliest part
of spaCy's model.
"""

from __future__ import annotations

from collections.abc import Callable

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "NORP", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})
MAX_PREPOSITION_WORDS = 5  # a longer name after a preposition alone is no place


def weak_evidence(
    n_words: int,
    preposition: Callable[[], bool],
    known: bool,
    proven: Callable[[], bool],
    read_labels: Callable[[], set[str]],
    person_cue: Callable[[], bool],
) -> str | None:
    """Why the name is a place ("entity", "gazetteer", "preposition"), or None. ``preposition()``: one stands
    before it (a search over the words before, asked only where it decides); ``known``: the gazetteer knows it
    (a single word: proves it); ``proven()``: the gazetteer proves it (a close match); ``read_labels()``: the
    model's entity labels over the name's head word; ``person_cue()``: its first word is a person's first word
    or an example phrase ("including") stands before it.

    - a name the gazetteer knows, with a preposition before it or proven by the gazetteer, is a place whatever
      the labels (a place label would make it "entity", anything else "gazetteer": nothing downstream tells the
      two apart; only a head word holding two entities, a place and a date, number or nationality, would make
      it none);
    - a name the gazetteer neither knows nor proves, with no preposition before it, is none whatever the labels;
    - the rest read the labels.
    """
    if known and (n_words == 1 or preposition() or proven()):
        return "gazetteer"
    before = preposition()
    if not (known or before or proven()):
        return None
    labels = read_labels()
    if labels & PLACE_LABELS:
        if labels & NOT_PLACE_LABELS:
            return None  # weak evidence, and the model reads a date, number or nationality here
        if not before:  # the place gate: an entity label alone is no proof ("Druze factions", "Mossad")
            return "gazetteer" if proven() else None
        return "entity"
    if known:
        return "gazetteer"
    if before and n_words <= MAX_PREPOSITION_WORDS and not ("PERSON" in labels and person_cue()):
        # but not "fighters were killed, including John Smith"
        return None if labels & NOT_PLACE_LABELS else "preposition"
    return None
