"""Finding the places a sentence names.

spaCy's small model labels many Syrian villages PERSON or ORG, so entity labels are hints, not truth. A place is a
capitalised name (with Arabic articles: "al-Na'amaniyeh", "Tal al-Zaman") that the sentence frames as a place: a
cue before it ("the villages of", "in", "near the town of"), a cue after it ("X district", "X countryside"), a
list that continues a place ("the villages of A, B and C"), a GPE/LOC/FAC entity, or a name the gazetteer knows.
Names of actors, news sources, months and nationalities are not places.

Each candidate carries how the sentence relates it to the event: `relation` ("north of", "near", "toward",
"route") and `container` (a region named to situate another place: "in northern Hama", "Aleppo province").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_ARTICLE = r"(?:[aAeE]l|[aAeE][snrtdz]h?|[aA]sh)[-‐‑ ]"
_WORD = r"[A-Z0-9ʿʾ‘’'][\w’'ʿʾ‘\-\.]*"
_LOWER_PART = r"(?:al|el|as|ash|ad|ar|at|az|an|ez|es|ed|er|et|en|bin|ibn|bani|bany|de|du|of)"
NAME_RE = re.compile(  # words of a name are joined by one space or a hyphen, never a line break
    rf"(?<![\w’'\-])(?:{_ARTICLE})?{_WORD}(?:(?:[ \u00a0]|[-‐‑])(?:{_LOWER_PART}(?:[-‐‑ ]))?(?:{_ARTICLE})?{_WORD})*"
)

PLACE_NOUNS = (
    "village|villages|town|towns|city|cities|district|districts|neighbou?rhood|neighbou?rhoods|area|areas|"
    "region|regions|countryside|province|provinces|governorate|suburb|suburbs|outskirts|hill|hills|hilltop|"
    "settlement|settlements|localities|locality|stronghold|strongholds|quarter|quarters|camp|camps|farms|"
    "heights|plain|plains|valley|mountains?|mount|road|highway|crossing|airport|airbase|base|municipality|"
    "hamlet|hamlets|enclave|pocket|border|border crossing|neighbo?urhood|subdistrict"
)
AFTER_CUE_RE = re.compile(
    r"^\s*(?:district|districts|neighbou?rhoods?|village|villages|town|city|province|governorate|countryside|"
    r"region|area|airport|air ?base|military airport|airfield|base|hills?|mountains?|suburbs?|camp|plain|"
    r"valley|dam|subdistrict|quarter|housing|highway|road|crossing|farms|heights|front|axis|sector|outskirts)\b",
    re.I,
)
CONTAINER_AFTER_RE = re.compile(r"^\s*(?:province|governorate|countryside|region|sector)\b", re.I)
BEFORE_OF_RE = re.compile(rf"\b(?:{PLACE_NOUNS})\s+(?:of\s+)?(?:the\s+)?$", re.I)
DIRECTION = (
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)(?:ern)?|central|rural|eastern|western|northern|southern"
)
# "Aleppo's western outskirts", "Hirbnafseh's northern perimeter": near the place, not the place itself.
NEAR_AFTER_RE = re.compile(
    rf"^['’]s\s+(?:(?:{DIRECTION})[\s-]+)*(?:outskirts|vicinity|environs|perimeter|edges?|approaches|fringes)\b",
    re.I,
)
CONTAINER_BEFORE_RE = re.compile(
    rf"(?:\b(?:province|governorate|countryside|region)\s+of\s+(?:the\s+)?|"
    rf"\b(?:in|of|across|throughout)\s+(?:the\s+)?(?:(?:{DIRECTION})[\s-]+)+(?:\w+\s+)?)$",
    re.I,
)
RELATION_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Places that describe a route ("the road linking A to B") or a direction of movement ("advancing toward A",
    # "overlooking A") are not where the event happened.
    # A new locative phrase ends the route: "clashes between the YPG and ISIS in the town of A" happened in A.
    (
        "route",
        re.compile(
            r"(?:\b(?:connecting|linking|link|connects|links|via)|"
            r"\b(?:road|roads|highway|route|routes|axis|corridor|line|lines|border|crossing)\s+between"
            r")\b(?:(?!\b(?:in|at|inside|near|during)\b)[^,;.]){0,60}$|"
            # "the road to A", "the border with Jordan", "along the Euphrates": right before the name
            r"\b(?:(?:road|highway|way|border|frontier|crossing)\s+(?:to|with|into)|along)\s+(?:the\s+)?"
            r"(?:(?:town|city|village)\s+of\s+)?$",
            re.I,
        ),
    ),
    # "attacked from their positions in X": where the actor came from; "advanced from X to Y" ends up in Y.
    ("origin", re.compile(r"\bfrom\b(?:(?!\b(?:to|toward|towards|into|until|till)\b)[^,;.]){0,45}$", re.I)),
    (
        "toward",
        re.compile(
            r"\b(?:overlooking|overlooks|overlook)\b[^,;.]{0,60}$|\b(?:toward|towards)\b[^,;.]{0,40}$",
            re.I,
        ),
    ),
    (
        "direction",
        re.compile(rf"\b(?:{DIRECTION})\s+of\s+(?:the\s+)?(?:(?:town|village|city|area)\s+of\s+)?$", re.I),
    ),
    (
        "near",
        re.compile(
            r"\b(?:near|outside|around|between|close to|next to|nearby|vicinity of|side of|edge of|outskirts of|"
            r"approaches to)\s+"
            r"(?:the\s+)?(?:(?:\w+\s+){0,2}of\s+)?$",
            re.I,
        ),
    ),
)
PREPOSITION_RE = re.compile(
    r"\b(?:in|near|at|into|inside|around|outside|on|from|across|toward|towards|of|to|between|via|through|"
    r"throughout|within|including|includes|include|like|as|overlooking|besieged|targeting|targeted|hit|"
    r"shelled|struck|bombed|recaptured|captured|seized|liberated|stormed|entered|attacked|retook|took|toward|"
    r"retake|recapture|regain|regained|capture|capturing|seize|seizing|liberate|liberating|storm|storming|"
    r"target|targets|shell|shelling|striking|strike|hitting|attacking|attack|bombing|bomb|raided|raiding|"
    r"besieging|enter|entering|reach|reaching|reached|overran|overrun|secured|securing|pounded|pounding)\s+"
    rf"(?:the\s+)?(?:(?:{DIRECTION})\s+)?$",  # "at eastern Khattab"
    re.I,
)
# "the southern districts of Aleppo", "villages of the Idlib countryside": the name situates the parts named.
PART_OF_RE = re.compile(
    rf"(?:\b(?:parts?|countryside|outskirts|suburbs|sector|side|environs|vicinity|province|governorate|corridor|"
    rf"flank|front|axis)\s+of\s+|"
    rf"\b(?:{DIRECTION}|old|several|many|some|other)\s+(?:districts|neighbou?rhoods|villages|towns|areas|quarters)"
    rf"\s+of\s+)(?:the\s+)?$",
    re.I,
)
ATTRIBUTION_CLAUSE_RE = re.compile(
    r"\b(?:according to|correspondent|reporter|source|sources|activist|activists|reports from|told)\b[^,;:.]{0,50}"
    r"\b(?:in|from|inside|based in)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.I,
)
TIME_RE = re.compile(r"^\d{1,2}(?::\d\d)?\s*[AP]\.?M\b", re.I)
IN_PLACE_RE = re.compile(
    rf"^\s*(?:\w+\s+)?(?:in|of)\s+(?:the\s+)?(?:(?:{DIRECTION})[\s-]+)*(?:(?:province|governorate|countryside|city)\s+of\s+)?$",
    re.I,
)
LANDMARK_RE = re.compile(  # used with .match(text, pos): no "^", which would only match at 0
    r"\s+(?:school|mosque|hospital|airport|square|roundabout|factory|bakery|market|prison|university|stadium|"
    r"bridge|church|complex|academy|college|hill|dam|power plant|station|silos|barracks)\b",
    re.I,
)
LIST_SEP_RE = re.compile(
    rf"^(?:\s+(?:{PLACE_NOUNS}|school|mosque|hospital|square|complex|district|neighbou?rhood))?"
    r"(?:\s*\([^()]{0,40}\))?(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+|\s*&\s*|\s*/\s*)$",
    re.I,
)
INCLUDING_RE = re.compile(
    rf"\b(?:{PLACE_NOUNS})\s*,?\s*(?:including|such as|namely|like|among them)\s+(?:the\s+)?$", re.I
)
# First words that make a name a person's, when the model also reads a person there.
PERSON_FIRST = frozenset(
    """
    mohammad muhammad mohammed mohamed ahmad ahmed ali hassan hussein abdul abdullah abdel omar khaled
    khalid bashar hafez maher mr mrs ms dr general president colonel brigadier commander minister king
    prince emir john vladimir sergei recep donald barack hillary staffan kofi lakhdar bashir
    """.split()
)
# First words that make a name a place name (Arabic topographic words), whatever the entity label says.
PLACE_PREFIXES = frozenset(
    """
    umm tal tell tall jabal jebel jabel jebal deir dayr kafr kfar ain ayn khirbet khirbat kherbet beit
    bayt bir ras wadi marj maarat ma'arat maaret qasr qalaat qalat mazraat mazraa jisr hammam hamam bab
    souq harat hayy rasm sheikh qaryat nahr birkat mashari mushrifat
    """.split()
)

# Capitalised words that start a sentence or a phrase but are not names.
DIRECTION_WORDS = frozenset(
    """
    north south east west northern southern eastern western central northeast northwest southeast
    southwest northeastern northwestern southeastern southwestern north-east north-west south-east
    south-west north-eastern north-western south-eastern south-western rural greater upper lower middle
    inner outer
    """.split()
)
STOP_FIRST = frozenset(
    """
    the a an in on at this that these those it its they their he she his her we our syrian syria's
    syria’s after before meanwhile also later earlier according reports report army government forces
    troops soldiers units following during while when since as but and with by from for to of there here
    some many several other another more most all both each minutes hours days today yesterday tomorrow
    now however moreover furthermore photo image picture video file read related source sources
    published updated monday tuesday wednesday thursday friday saturday sunday elsewhere recently
    initially tonight overnight reportedly allegedly separately despite amid one two three four five six
    seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousands dozens scores
    """.split()
)
COMMON_WORDS = frozenset(
    """
    old new great big little small first last strategic heavy key main local national international
    military islamic free popular official city town
    """.split()
)
NOT_PLACES = frozenset(
    """
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday syrian russian iranian turkish american israeli kurdish
    arab western takfiri rebel rebels regime assad islamist jihadist opposition loyalist pro-government
    saudi moroccan emirati qatari jordanian egyptian libyan tunisian chechen afghan pakistani uzbek
    british french german palestinian european foreign takfiris islamic sunni shia shiite alawite
    christian iraqi lebanese president general colonel minister ministry brigadier commander major un us
    u.s. eu nato isis isil is daesh sdf ypg fsa hts saa ndf photo afp ap reuters sana tv news agency
    observatory ceo ocha unhcr
    """.split()
)
ORG_WORDS = frozenset(
    """
    army forces force front brigade brigades division guard guards council ministry agency observatory
    command group groups party units unit coalition battalion regiment corps movement committee
    organization organisation office network tv news press radio agency's militia militias regime
    administration state department bureau center centre fighters rebels media union nations jaish jeish
    jaysh jabhat liwa harakat faylaq failaq ahrar hayat hay'at tahrir nusra fatah fateh daesh hezbollah
    hizbollah ypg sdf isis isil shield hawks committees councils coordination
    """.split()
)
# "the 42nd Brigade of the 4th Division", "the NDF of Al-Salamiyah": a unit's parent or home, not an event place.
_UNIT_WORDS = (
    r"(?i:brigade|brigades|division|regiment|battalion|battalions|corps|unit|units|ndf|militia|militias|"
    r"guard|guards|forces|council|councils)"
)
UNIT_OF_RE = re.compile(
    rf"\b{_UNIT_WORDS}\)?\s+(?i:of)\s+(?:(?i:the)\s+)?"
    r"(?:(?:[A-Z][\w’'-]*\s+){1,4}(?:and|,|, and)\s+)?$"  # "... of Aleppo City and Salamiyah" too
)
# Words that introduce examples: a person named after them is one ("killed, including John Smith").
EXAMPLE_RE = re.compile(r"\b(?:including|includes|include|like|as|such as|among them)\s+(?:the\s+)?$", re.I)


NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "NORP", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"})


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """A place named in a sentence; offsets index the document text."""

    start: int
    end: int
    text: str
    cue: str | None  # the place noun framing it ("village", "district") if any
    relation: str | None  # "near", "direction", "toward", "route" or None (the place itself)
    container: bool  # named to situate other places ("in northern Hama", "Aleppo province")
    evidence: (
        str  # why it is taken as a place: "cue", "after-cue", "list", "entity", "gazetteer", "preposition"
    )


def _strip_leading_stopwords(
    match_text: str, start: int, is_known_place: Callable[[str], bool]
) -> tuple[str, int, bool]:
    """Drop leading words that are not part of a name; a leading direction ("Southern Aleppo") means the
    name is named as a region around the place (a container), unless the whole is a known name ("East
    Ghouta")."""
    words = match_text.split(" ")
    directional = False
    while words and (
        words[0].lower().strip("’'") in STOP_FIRST
        or (words[0].lower() in DIRECTION_WORDS and not is_known_place(" ".join(words)))
    ):
        directional = directional or words[0].lower() in DIRECTION_WORDS
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start, directional


def _trim_trailing(text: str) -> str:
    text = text.rstrip(".-‐‑’'")
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


def find_places(
    text: str,
    sent_start: int,
    sent_end: int,
    excluded: Sequence[tuple[int, int]],
    entity_labels: Callable[[int, int], set[str]],
    is_known_place: Callable[[str], bool],
) -> list[PlaceCandidate]:
    """Place candidates in ``text[sent_start:sent_end]``.

    ``excluded`` are character ranges already taken by actor or source mentions; ``entity_labels(start, end)``
    gives the spaCy entity labels over a range; ``is_known_place`` asks the gazetteer.
    """
    sentence = text[sent_start:sent_end]
    out: list[PlaceCandidate] = []
    prev: PlaceCandidate | None = None
    prev_end_local = -1
    unit_end = -1  # end of the last name rejected as a unit's home, while a list of them may go on
    for m in NAME_RE.finditer(sentence):
        raw, raw_start = m.group(0), m.start()
        possessive = re.search(r"[’']s\s+(?=[A-Z])", raw)
        if possessive:  # "Deir El Zor’s Jabiliyah District": the place is the part after the possessive
            raw, raw_start = raw[possessive.end() :], raw_start + possessive.end()
        name, local_start, directional = _strip_leading_stopwords(
            _trim_trailing(raw), raw_start, is_known_place
        )
        if not name or (len(name) < 3 and not name.isupper()) or name.replace(" ", "").isdigit():
            continue
        landmark = LANDMARK_RE.match(sentence, local_start + len(name))
        if landmark:  # "al-Hikmeh school": the noun is part of the landmark's name
            name = sentence[local_start : landmark.end()]
        start, end = sent_start + local_start, sent_start + local_start + len(name)
        if any(s < end and start < e for s, e in excluded):
            # The name overlaps an actor/source mention: keep only a part after it, if any, next round.
            prev = None
            continue
        words = [w.lower().strip("’'") for w in re.split(r"[\s-]+", name)]
        if len(words) == 1 and words[0] in COMMON_WORDS:
            prev = None
            continue
        if words[0] in NOT_PLACES or all(w in NOT_PLACES or w in ORG_WORDS for w in words):
            prev = None
            continue
        if words[-1] in ORG_WORDS or words[0] in ORG_WORDS:
            prev = None
            continue
        if prev is not None and re.fullmatch(r"\s*\(\s*", sentence[prev_end_local:local_start]):
            continue  # "Souq al-Jabas (Aqrab)": another name of the place before; a list may go on after it
        before = sentence[max(0, local_start - 60) : local_start]
        after = sentence[local_start + len(name) : local_start + len(name) + 40]
        if UNIT_OF_RE.search(before) or (
            unit_end >= 0 and LIST_SEP_RE.match(sentence[unit_end:local_start])
        ):  # "the NDF of Salamiyah and Aleppo City": the units' home towns, all of them
            prev, unit_end = None, local_start + len(name)
            continue
        unit_end = -1
        head_start = start + max(name.rfind(" "), name.rfind("-")) + 1
        labels = entity_labels(head_start, end)  # the model's reading of the name's head word
        cue_match = BEFORE_OF_RE.search(before)
        part_of = bool(PART_OF_RE.search(before))
        after_match = AFTER_CUE_RE.match(after)
        evidence: str | None = None
        if cue_match or INCLUDING_RE.search(before):
            evidence = "cue"
        elif after_match:
            evidence = "after-cue"
        elif prev is not None and LIST_SEP_RE.match(sentence[prev_end_local:local_start]):
            evidence = "list"
        elif labels & {"GPE", "LOC", "FAC"}:
            evidence = "entity"
        elif is_known_place(name):
            evidence = "gazetteer"
        elif (
            PREPOSITION_RE.search(before)
            and len(words) <= 5
            and not ("PERSON" in labels and (words[0] in PERSON_FIRST or EXAMPLE_RE.search(before)))
        ):
            evidence = "preposition"  # but not "fighters were killed, including John Smith"
        if evidence in ("entity", "preposition") and labels & NOT_PLACE_LABELS:
            evidence = None  # weak evidence, and the model reads a date, number or nationality here
        if evidence is None:
            prev = None
            continue
        if (
            ATTRIBUTION_CLAUSE_RE.search(before)
            or TIME_RE.match(name)
            or (name.replace("-", "").isupper() and len(name) <= 6 and evidence not in ("cue", "after-cue"))
        ):
            prev = None
            continue  # "a source in Deir Ezzor", "10 A.M", "SAAF": not where anything happened
        relation = next((rel for rel, rx in RELATION_RES if rx.search(before)), None)
        if relation is None and NEAR_AFTER_RE.match(after):
            relation = "near"
        between = sentence[prev_end_local:local_start] if prev is not None else ""
        if (
            relation == "near"
            and prev is not None
            and len(between) < 60
            and not re.search(r"\band\b|,", between)
        ):
            relation = "reference"  # "the village of X near the town of Y": Y only locates X
        if evidence == "list" and prev is not None:
            relation = prev.relation
        container = (
            directional
            or part_of
            or bool(CONTAINER_AFTER_RE.match(after) or CONTAINER_BEFORE_RE.search(before))
        )
        if prev is not None and IN_PLACE_RE.match(sentence[prev_end_local:local_start]):
            container = True  # "the village of X in Y": Y situates X
        cue = None
        if cue_match:
            cue = cue_match.group(0).split()[0].lower()
        elif after_match:
            cue = after_match.group(0).strip().lower()
        elif evidence == "list" and prev is not None:
            cue = prev.cue
        candidate = PlaceCandidate(start, end, name, cue, relation, container, evidence)
        out.append(candidate)
        prev, prev_end_local = candidate, local_start + len(name)
    return out
