"""WordNet 3.0 semantic classes of English words, for the slant model's features (scripts/train_slant.py).

Reads the WordNet database files as Debian's `wordnet-base` package installs them (/usr/share/wordnet: index.* and
data.*; `apt-get install wordnet-base`; WordNet 3.0 licence, Princeton University, see
src/frontlines/slant/data/README.md) with no library, and writes `data/wordnet.tsv`: for each single-word lemma
and part of speech, the semantic classes of its first senses: the lexicographer file ("wl=noun.person",
"wl=verb.communication"), for nouns and verbs the first words of its hypernyms one and two steps up
("wh1=wrongdoer", "wh2=person"), for adjectives the head of its similarity cluster ("wa=foolish"). Words never
seen in training then share weights with the words of their class ("slanderer" with "liar", "absurd" with
"foolish"), which a linear model over words alone cannot do.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

ROOT = Path("/usr/share/wordnet")
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive "
    "noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity "
    "noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change verb.cognition "
    "verb.communication verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion "
    "verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()  # the lexicographer files, by number (WordNet's lexnames(5WN))
FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SENSES = 2  # the first (most frequent) senses whose classes a word gets
DEPTH = 2  # hypernym steps
BRANCHES = 2  # hypernyms followed per step

Key = tuple[str, str]  # (part of speech letter, synset offset)
Synset = tuple[str, str, list[str], list[tuple[str, Key]]]  # lexname, type, words, pointers (symbol, target)


def read(root: Path = ROOT) -> tuple[dict[Key, Synset], dict[Key, list[str]]]:
    """The synsets by (pos, offset) and each (lemma, pos)'s synset offsets, most frequent sense first."""
    synsets: dict[Key, Synset] = {}
    index: dict[Key, list[str]] = {}
    for pos, name in FILES.items():
        for line in (root / f"data.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):  # the licence header
                continue
            fields = line.split(" | ")[0].split()
            count = int(fields[3], 16)
            words = [fields[4 + 2 * k].lower() for k in range(count)]
            k = 4 + 2 * count
            pointers = []
            for p in range(int(fields[k])):
                symbol, offset, target = fields[k + 1 + 4 * p : k + 4 + 4 * p]
                pointers.append((symbol, (target.replace("s", "a"), offset)))
            synsets[(pos, fields[0])] = (LEXNAMES[int(fields[1])], fields[2], words, pointers)
        for line in (root / f"index.{name}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split()
            index[(fields[0], pos)] = fields[-int(fields[2]) :]
    return synsets, index


def classes(synsets: dict[Key, Synset], index: dict[Key, list[str]], lemma: str, pos: str) -> list[str]:
    """The features of a lemma with a part of speech (n, v, a, r), sorted; [] when WordNet lacks it."""
    out = set()
    for offset in index.get((lemma, pos), [])[:SENSES]:
        lexname, kind, words, pointers = synsets[(pos, offset)]
        out.add("wl=" + lexname)
        if pos == "a":
            if kind == "a":
                out.add("wa=" + words[0])
            heads = [target for symbol, target in pointers if symbol == "&"] if kind == "s" else []
            out.update("wa=" + synsets[target][2][0] for target in heads[:1])
            continue
        frontier = [(pos, offset)]
        for depth in range(1, DEPTH + 1):
            frontier = [t for key in frontier for s, t in synsets[key][3] if s in ("@", "@i")][:BRANCHES]
            out.update(f"wh{depth}=" + synsets[key][2][0] for key in frontier)
    return sorted(out)


def write_wordnet(path: Path, vocabulary: Iterable[str], root: Path = ROOT) -> int:
    """data/wordnet.tsv: one line per lemma and part of speech of ``vocabulary`` that WordNet knows."""
    synsets, index = read(root)
    wanted = set(vocabulary)
    lines = [
        "# lemma\tpart of speech (n, v, a, r)\tits WordNet classes, separated by spaces",
        "# built by scripts/train_slant.py (slant_wordnet.py) from WordNet 3.0 (Princeton University;"
        " licence in README.md)",
    ]
    for lemma, pos in sorted(index):
        if lemma in wanted and lemma.isascii() and "_" not in lemma:
            found = classes(synsets, index, lemma, pos)
            if found:
                lines.append(f"{lemma}\t{pos}\t{' '.join(found)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 2


def prune(path: Path, weighted: set[str]) -> int:
    """Keep in ``path`` only the classes the trained model weighs (its features, offsets stripped), and every
    lexicographer class, so that no listed lemma loses its line (an unlisted one would read "wnone"): the
    model's output is unchanged, the file several times smaller. Returns the classes kept."""
    lines, kept = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            lines.append(line)
            continue
        lemma, pos, listed = line.split("\t")
        found = [c for c in listed.split(" ") if c.startswith("wl=") or c in weighted]
        kept += len(found)
        lines.append(f"{lemma}\t{pos}\t{' '.join(found)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return kept
