"""Place-name normalisation: one key for the many Latin spellings of one Arabic name.

News English, OCHA and GeoNames transliterate Syrian names differently ("Boweizeh Saqireh", "Little Bweideh",
"Buwaydah al-Saghirah", بويضة صغيرة). This module turns a name into a :class:`NameKey`:

- ``canon``: a canonical spelling (articles dropped, word variants unified: Tell/Tal/Tall -> tal, vowels and
  endings unified: -iyeh/-iyah -> iya). Compared with rapidfuzz to score candidates.
- ``mods``: the name's modifier words in English (saghira -> little, kabira -> big, sharqi -> east).
  They must agree exactly: Little Bweideh is not Big Bweideh.
- ``skeletons``: consonant skeletons (vowels, h, w/y glides, ayn/hamza dropped; q/k/g, d/t/z/dh, s/sh classes
  merged, t kept apart from the d/z/dh/th class). Two names can only match when a skeleton agrees; this
  gate is what keeps fuzzy scoring away from the
  false friends a plain ratio gives (Hardana ~ Ad Dana, Tal al-Zaman ~ At Tall).

Arabic-script names get the same skeletons from their letters, so the Arabic column of a gazetteer bridges
spellings the Latin columns do not share. :func:`parse_phrase` strips phrases such as "the village of X",
"X district", "X countryside" and reports the container word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# ----------------------------------------------------------------------------------------- word tables


def words(text: str) -> tuple[str, ...]:
    """The words of a space-separated table literal."""
    return tuple(text.split())


ARTICLES = frozenset(
    words(
        "al el il ul as es is us ash esh ush ad ed id ud ar er ir ur at et it ut az ez iz uz an en un ath eth"
    )
)
# Generic feature words: a name made only of these (and articles) never matches on its own.
GENERIC = frozenset(
    words(
        "tal jabal wadi khirbat village villages town towns city district districts subdistrict area region "
        "neighbourhood neighborhood quarter countryside province governorate mount mountain hill hills "
        "road highway airbase airport base camp farm farms the of and"
    )
)
# Spelling variants of frequent name words -> one canonical token.
WORD_VARIANTS: dict[str, str] = {}
for _canon, _variants in {
    "tal": "tell tel tall tal til tall",
    "jabal": "jabal jebel jebal jabel jbel djebel jabl jbal mount mt",
    "shaykh": "sheikh shaykh shaikh sheik shaik shekh cheikh cheik shiekh sheykh",
    "dayr": "deir dayr dair der deyr",
    "kafr": "kafr kfar kafar kefr kufr",
    "ayn": "ain ayn ein aine ayin",
    "umm": "umm um om oum omm",
    "abu": "abu abou abo",
    "bayt": "beit bayt bait beyt",
    "khirbat": "khirbet khirbat kherbet khirba kherbat khirbeh",
    "qalaat": "qalaat qalat kalaat qalaa qalat qalʿat",
}.items():
    for _v in _variants.split():
        WORD_VARIANTS[_v] = _canon

# Modifier words: English forms anywhere; Arabic forms only after the first word (Arabic puts them last).
_EN_MODIFIERS = {
    "little": "little small lesser smaller littler",
    "big": "big great greater large larger",
    "old": "old",
    "new": "new",
    "east": "east eastern",
    "west": "west western",
    "north": "north northern",
    "south": "south southern",
    "upper": "upper",
    "lower": "lower",
}
EN_MODIFIERS = {v: k for k, vs in _EN_MODIFIERS.items() for v in vs.split()}
_AR_LATIN_MODIFIERS = (
    (r"[sz][aeiu]?(?:gh|g|q|k|kh)h?[aeiuy]{1,3}r|s[ou](?:gh|g|q|kh)rah?$", "little"),  # saghir; sughra
    (r"k[aeiu]?b[iey]{1,3}r|k[ou]brah?$", "big"),  # kabir; kubra (the feminine elative)
    (r"[qk][aeiu]?d[iey]{1,3}m", "old"),
    (r"d?j[aeiu]?d[iey]{1,3}d", "new"),
    (r"(?:sh|ch)[aeiu]?r[qk]", "east"),
    (r"g?h?arb[iy]", "west"),
    (r"(?:sh|ch)[aeiu]?m[aeiu]?l[iy]", "north"),
    (r"d?j[aeiu]?n[ou]{1,2}b[iy]", "south"),
    (r"f[aeiou]{1,3}[qk]an[iy]", "upper"),
    (r"ta?ht?an[iy]", "lower"),
)
# One alternation, a named group per modifier (first listed wins): a token is tested once, not ten times.
AR_LATIN_MODIFIER = re.compile("|".join(f"(?P<{m}>{p})" for p, m in _AR_LATIN_MODIFIERS))
AR_MODIFIERS = {
    "صغيره": "little",
    "صغير": "little",
    "كبيره": "big",
    "كبير": "big",
    "كبري": "big",  # كبرى, ى normalised
    "صغري": "little",  # صغرى
    "قديمه": "old",
    "قديم": "old",
    "جديده": "new",
    "جديد": "new",
    "شرقيه": "east",
    "شرقي": "east",
    "غربيه": "west",
    "غربي": "west",
    "شماليه": "north",
    "شمالي": "north",
    "جنوبيه": "south",
    "جنوبي": "south",
    "فوقاني": "upper",
    "تحتاني": "lower",
}

# Arabic letters -> skeleton classes ("" = dropped: vowels, glides, h-sounds, ayn, hamza).
_AR_CLASS = {
    "ب": "b", "پ": "b", "ت": "T", "ث": "D", "ج": "j", "ژ": "j", "ح": "", "خ": "k", "د": "D", "ذ": "D",
    "ر": "r", "ز": "D", "س": "s", "ش": "S", "چ": "S", "ص": "s", "ض": "D", "ط": "T", "ظ": "D", "ع": "",
    "غ": "k", "ف": "f", "ق": "k", "ك": "k", "ک": "k", "گ": "k", "ل": "l", "م": "m", "ن": "n", "ه": "",
    "و": "", "ي": "", "ی": "", "ا": "", "ء": "", "ة": "",
}  # fmt: skip
_AR_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_APOSTROPHES = re.compile(r"[’‘'ʿʾ`´ʼʻ′]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LATIN_DIGRAPHS = (("tch", "S"), ("sh", "S"), ("ch", "S"), ("kh", "k"), ("gh", "k"), ("th", "D"), ("dh", "D"))
_LATIN_CLASS = str.maketrans({"q": "k", "g": "k", "c": "k", "d": "D", "t": "T", "z": "D", "p": "b", "v": "f"})


@dataclass(frozen=True, slots=True)
class NameKey:
    """What a name is matched on: see the module docstring."""

    canon: str
    mods: frozenset[str]
    skeletons: frozenset[str]
    has_article: bool
    generic_only: bool


# ----------------------------------------------------------------------------------------- Latin names


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case ASCII: diacritics and ayn/hamza marks dropped, punctuation to single spaces."""
    text = _APOSTROPHES.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_ALNUM.sub(" ", text.lower()).split())


_DOUBLED = re.compile(r"(.)\1+")


def _undouble(text: str) -> str:
    """'tall' -> 'tal': runs of one letter to one."""
    return _DOUBLED.sub(lambda m: m.group(1), text) if _DOUBLED.search(text) else text


_IYA_ENDING = re.compile(r"(?:iy[ae]h?|ieh|iah|ia|iye|iya)$")
_A_ENDING = re.compile(r"(?:eh|ah|e)$")
_GLIDES_AND_VOWELS = str.maketrans("", "", "aeiouyhw")
_GLUED_ARTICLE = re.compile(r"^(?:al|el)([bcdfghjklmnpqrstvwxyz].{2,})$")
_CONSTRUCT_T = re.compile(r"[aeiou]t$")


def _canon_token(tok: str) -> str:
    tok = WORD_VARIANTS.get(tok, tok)
    tok = _undouble(tok)
    if tok.endswith(("iyah", "iyeh", "iya", "iye", "ieh", "iah", "ia")):  # the -iyeh/-iyah/-ia endings -> iya
        tok = _IYA_ENDING.sub("iya", tok)
    elif len(tok) > 3 and tok.endswith(("eh", "ah", "e")):
        tok = _A_ENDING.sub("a", tok)
    tok = tok.replace("ou", "u").replace("oo", "u").replace("o", "u")
    tok = tok.replace("ee", "i").replace("ei", "i").replace("ey", "i").replace("ie", "i")
    tok = tok.replace("ay", "i").replace("ai", "i")
    return tok


def _skeleton_token(tok: str) -> str:
    first = tok[0] if tok[0] in "wyh" else ""  # initial w/y/h are consonants; elsewhere glides or endings
    if tok.startswith("ou") and len(tok) > 2 and tok[2] in "aei":
        first, tok = "w", tok[2:]
    for digraph, cls in _LATIN_DIGRAPHS:
        tok = tok.replace(digraph, cls)
    tok = tok.translate(_LATIN_CLASS)
    return _undouble(first + tok.translate(_GLIDES_AND_VOWELS))


def _token_variants(tok: str, last: bool) -> tuple[str, ...]:
    """Skeletons of a token, also without a glued article (OCHA's "Elsonue") or construct -t ("Mashrafet")."""
    forms = [tok]
    m = _GLUED_ARTICLE.match(tok)
    if m:
        forms.append(m.group(1))
    out = []
    for form in forms:
        sk = _skeleton_token(form)
        out.append(sk)
        if not last and _CONSTRUCT_T.search(form):
            out.append(sk[:-1])
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def _token_key(tok: str, last: bool) -> tuple[str, tuple[str, ...]]:
    """A name word's canonical spelling and skeletons (memoised: names share words)."""
    canon = _canon_token(tok)
    return canon, _token_variants(canon, last)


def _combine(per_token: list[tuple[str, ...]], limit: int = 16) -> frozenset[str]:
    """The name's skeletons: one variant of each word, concatenated (at most ``limit``; never empty ones). A
    consonant doubled across words counts once: sources split names differently ("Su Sinbat", "Susanbat")."""
    if all(len(variants) == 1 for variants in per_token):  # the usual case: one skeleton
        one = _undouble("".join(variants[0] for variants in per_token))
        return frozenset((one,) if one else ())
    keys = {""}
    for variants in per_token:
        keys = {k + v for k in keys for v in variants}
        if len(keys) > limit:
            keys = set(sorted(keys)[:limit])
    return frozenset(_undouble(k) for k in keys if k)


def _latin_key(name: str) -> NameKey:
    tokens = fold(name).split()
    has_article = False
    mods: set[str] = set()
    core: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in ARTICLES or tok == "l":
            has_article = has_article or not core
            continue
        if tok in EN_MODIFIERS:
            mods.add(EN_MODIFIERS[tok])
            continue
        if i > 0 and core:
            m = AR_LATIN_MODIFIER.match(tok)
            if m and m.lastgroup:
                mods.add(m.lastgroup)
                continue
        core.append(tok)
    keys = [_token_key(t, i == len(core) - 1) for i, t in enumerate(core)]
    canon_tokens = [canon for canon, _ in keys]
    generic_only = all(t in GENERIC for t in canon_tokens)
    skeletons = _combine([variants for _, variants in keys])
    return NameKey(" ".join(canon_tokens), frozenset(mods), skeletons, has_article, generic_only)


# ----------------------------------------------------------------------------------------- Arabic names


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


def normalise_arabic(text: str) -> str:
    """Arabic script folded: diacritics and tatweel dropped, alef/ya/ta-marbuta/hamza forms unified."""
    text = _AR_DIACRITICS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text)
    text = text.replace("ى", "ي").replace("ی", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    text = text.replace("ک", "ك").replace("ء", "")
    return " ".join(re.sub(r"[^\u0600-\u06ff]+", " ", text).split())


def _strip_ar_article(tok: str) -> tuple[str, bool]:
    if tok.startswith("ال") and len(tok) > 3:
        return tok[2:], True
    return tok, False


def _arabic_key(name: str) -> NameKey:
    tokens = normalise_arabic(name).split()
    has_article = False
    mods: set[str] = set()
    core: list[str] = []
    for i, tok in enumerate(tokens):
        tok, art = _strip_ar_article(tok)
        has_article = has_article or (art and not core)
        if i > 0 and core and tok in AR_MODIFIERS:
            mods.add(AR_MODIFIERS[tok])
            continue
        core.append(tok)
    per_token: list[tuple[str, ...]] = []
    for i, tok in enumerate(core):
        sk = "".join(_AR_CLASS.get(c, "") for c in tok[1:])
        first = tok[0]
        head = {"و": "w", "ي": "y", "ح": "h", "ه": "h"}.get(first) or _AR_CLASS.get(first, "")
        sk = _undouble(head + sk)
        variants = [sk]
        if i < len(core) - 1 and tok.endswith("ه"):  # ta marbuta in a construct is read -t
            variants.append(_undouble(sk + "T"))
        per_token.append(tuple(dict.fromkeys(variants)))
    return NameKey(" ".join(core), frozenset(mods), _combine(per_token), has_article, False)


# ----------------------------------------------------------------------------------------- public helpers


def name_key(name: str) -> NameKey:
    """The matching key of a place name, Latin or Arabic script."""
    return _arabic_key(name) if is_arabic(name) else _latin_key(name)


def clear_name_caches(words: bool = True) -> None:
    """Forget memoised name keys, and with ``words`` the memoised words too (benchmarks measure cold
    look-ups with this)."""
    for cached in (fold, _token_key) if words else (fold,):
        cached.cache_clear()


def strip_generic_head(name: str) -> str | None:
    """'Jabal al-Modawar' -> 'al-Modawar': a feature named after a place. None when nothing is left."""
    tokens = fold(name).split()
    if len(tokens) < 2 or WORD_VARIANTS.get(tokens[0], tokens[0]) not in {"jabal", "tal", "wadi", "khirbat"}:
        return None
    rest = [t for t in tokens[1:] if t not in ARTICLES]
    return " ".join(tokens[1:]) if rest and not all(t in GENERIC for t in rest) else None


# ----------------------------------------------------------------------------------------- phrases

CONTAINERS = {
    "village": "village", "villages": "village", "town": "town", "towns": "town", "city": "city",
    "district": "district", "districts": "district", "subdistrict": "subdistrict",
    "sub-district": "subdistrict",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "neighbourhoods": "neighbourhood",
    "neighborhoods": "neighbourhood", "quarter": "neighbourhood", "countryside": "countryside",
    "province": "province", "governorate": "province", "area": "area", "region": "area", "suburb": "area",
    "outskirts": "near", "vicinity": "near", "airbase": "military_site", "air base": "military_site",
    "airport": "military_site", "military airport": "military_site", "base": "military_site",
    "highway": "road", "road": "road", "school": "facility", "hospital": "facility", "mosque": "facility",
    "citadel": "facility", "university": "facility", "bakery": "facility", "market": "facility",
    "prison": "facility", "factory": "facility", "power plant": "facility", "dam": "facility",
    "bridge": "facility", "roundabout": "facility", "square": "facility", "checkpoint": "facility",
    "hill": "hill", "hilltop": "hill",
    "international airport": "military_site", "central prison": "facility",
    # plurals: "Kafr Batna hospitals", "the Nawa schools"
    "schools": "facility", "hospitals": "facility", "mosques": "facility", "markets": "facility",
    "bakeries": "facility", "prisons": "facility", "factories": "facility", "bridges": "facility",
    "checkpoints": "facility",
}  # fmt: skip
_CONTAINER_WORDS = "|".join(sorted((re.escape(k) for k in CONTAINERS), key=len, reverse=True))
_LEAD = re.compile(rf"^(?:the\s+)?(?P<c>{_CONTAINER_WORDS})\s+of\s+(?:the\s+)?", re.I)
_TRAIL = re.compile(rf"(?:['’]s)?\s+(?P<c>{_CONTAINER_WORDS})$", re.I)
_THE = re.compile(r"^the\s+", re.I)
_TRAIL_LAST_WORDS = frozenset(k.split()[-1] for k in CONTAINERS)  # cheap test before the _TRAIL search


ADMIN_CONTAINERS = frozenset(
    {"village", "town", "city", "district", "subdistrict", "neighbourhood", "countryside", "province", "area"}
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A mention split into the name proper and the container word around it ("district", "village")."""

    name: str
    container: str | None


def parse_phrase(text: str, admin_only: bool = False) -> Phrase:
    """'the village of Sousan' -> (Sousan, village); 'Idlib countryside' -> (Idlib, countryside). With
    ``admin_only`` only admin containers are stripped ('Kuweires airbase' stays whole)."""
    text = " ".join(text.replace("-", " - ").split()).replace(" - ", "-").strip(" ,.;:")
    container = None
    m = _LEAD.match(text)
    if m and not (admin_only and CONTAINERS[m.group("c").lower()] not in ADMIN_CONTAINERS):
        container, text = CONTAINERS[m.group("c").lower()], text[m.end() :]
    last = text.rsplit(None, 1)[-1].lower() if text else ""
    m = _TRAIL.search(text) if last in _TRAIL_LAST_WORDS else None
    if m and m.start() > 0 and not (admin_only and CONTAINERS[m.group("c").lower()] not in ADMIN_CONTAINERS):
        container = container or CONTAINERS[m.group("c").lower()]
        text = text[: m.start()]
    text = _THE.sub("", text).strip(" ,.;:")
    return Phrase(text, container)
