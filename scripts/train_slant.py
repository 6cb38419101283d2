#!/usr/bin/env python3
"""Build the slant stage's data: the word ratings (valence.tsv), the word frequencies (frequency.tsv) and the
linear model (ptc-linear.json).

    pip install -e ".[train]"     # scikit-learn, vaderSentiment, textblob, wordfreq: training only
    apt-get install wordnet-base  # WordNet 3.0 database files (/usr/share/wordnet): training only
    .venv/bin/python scripts/train_slant.py ../shared/eval/ptc-dev.jsonl

1. Ratings: VADER's lexicon (vaderSentiment, MIT licence) and Pattern's adjective lexicon as shipped in
   TextBlob (en-sentiment.xml, PDDL) are read from the installed packages and written to
   src/frontlines/slant/data/valence.tsv (word, VADER valence, mean Pattern polarity, highest subjectivity).
   Frequencies: the English word list of wordfreq (code Apache-2.0, data CC BY-SA 4.0), words with a Zipf
   frequency of at least 2 grouped by range (frontlines.slant.features.ZIPF_EDGES) in frequency.tsv.
   WordNet classes: the lexicographer file, hypernyms and adjective cluster heads of the words of
   frequency.tsv, from WordNet 3.0 as Debian's wordnet-base installs it (`apt-get install wordnet-base`;
   scripts/slant_wordnet.py), in wordnet.tsv.
2. The PTC articles are parsed with frontlines' own spaCy pipeline (cached in --cache), and every token gets
   the features of frontlines.slant.features and a label: in a Loaded_Language or Name_Calling,Labeling span
   or not, and which of the two.
3. Cross-validation, K folds by article (GroupKFold): each fold's model is trained on the other articles and
   the whole slant stage (model, cue lists, labels table) is run on the fold's articles; the figures printed and
   stored in the model's meta are those out-of-fold predictions scored with the task's span metric
   (frontlines.evaluate.ptc). The two bars (a found token's, extent, and a span's best token's, threshold) are the
   pair of the grid with the best cross-validated pair F1.
4. The model is trained on all articles, features seen fewer than --min-count times dropped, and written to
   src/frontlines/slant/data/ptc-linear.json with its meta (data file hash, article ids, figures).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import slant_wordnet

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
DATA = REPO / "src" / "frontlines" / "slant" / "data"
PAIR = ("Loaded_Language", "Name_Calling,Labeling")
THRESHOLDS = (0.15, 0.175, 0.2, 0.225, 0.25, 0.3)  # the bar of a span's best token
EXTENTS = (0.1, 0.125, 0.15)  # the bar of a found token (the span's extent), when under the threshold
GRID = [(e, t) for t in THRESHOLDS for e in (*[e for e in EXTENTS if e < t], t)]


def point(extent: float, threshold: float) -> str:
    return f"{extent}/{threshold}"


def write_ratings(path: Path) -> int:
    """valence.tsv from the installed vaderSentiment and textblob packages."""
    import textblob
    import vaderSentiment

    vader: dict[str, float] = {}
    lexicon = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        word, value, *_ = line.split("\t")
        if word[:1].isalpha():
            vader[word.lower()] = float(value)
    senses: dict[str, list[tuple[float, float]]] = collections.defaultdict(list)
    xml = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    for entry in ET.parse(xml).getroot():
        form = (entry.get("form") or "").lower()
        if form:
            senses[form].append((float(entry.get("polarity") or 0), float(entry.get("subjectivity") or 0)))
    lines = [
        "# word\tVADER valence (-4..4)\tPattern polarity (mean of senses)\tPattern subjectivity (highest sense)",
        "# built by scripts/train_slant.py from vaderSentiment (MIT) and TextBlob's en-sentiment.xml (Pattern, PDDL)",
    ]
    for word in sorted(set(vader) | set(senses)):
        if "\t" in word or "\n" in word:
            continue
        pattern = senses.get(word)
        polarity = f"{sum(p for p, _ in pattern) / len(pattern):.3f}" if pattern else ""
        subjectivity = f"{max(s for _, s in pattern):.3f}" if pattern else ""
        valence = f"{vader[word]:.2f}" if word in vader else ""
        lines.append(f"{word}\t{valence}\t{polarity}\t{subjectivity}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 2


def write_frequencies(path: Path) -> int:
    """frequency.tsv from the installed wordfreq package: per Zipf range, its lower edge and its words."""
    import importlib.metadata
    import math

    import wordfreq

    from frontlines.slant.features import ZIPF_EDGES

    ranges: dict[float, list[str]] = {edge: [] for edge in ZIPF_EDGES}
    for word, share in wordfreq.get_frequency_dict("en", wordlist="large").items():
        zipf = math.log10(share) + 9
        if zipf < ZIPF_EDGES[0] or not word or any(c.isspace() or c.isdigit() for c in word):
            continue
        ranges[max(edge for edge in ZIPF_EDGES if edge <= zipf)].append(word)
    lines = [
        "# English words by Zipf frequency (log10 of uses per billion words), from wordfreq"
        f" {importlib.metadata.version('wordfreq')} (data CC BY-SA 4.0, see README.md)",
        "# lower edge of the range\twords of the range, separated by spaces (rarer words are not listed)",
    ]
    lines += [f"{edge}\t{' '.join(sorted(words))}" for edge, words in ranges.items() if words]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(len(words) for words in ranges.values())


def parse(articles: list[Any], cache: Path) -> list[Any]:
    """spaCy Docs of the articles with frontlines' pipeline, cached as a DocBin keyed by the texts' hash."""
    from spacy.tokens import DocBin

    from frontlines.nlp import pipeline

    nlp = pipeline()
    key = hashlib.sha256("\n\x00".join(a.text for a in articles).encode()).hexdigest()[:16]
    path = cache / f"ptc-{key}.spacy"
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe([a.text for a in articles], batch_size=8))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return docs


def token_rows(article: Any, doc: Any) -> tuple[list[list[str]], list[int]]:
    """Features and labels (0 none, 1 Loaded_Language, 2 Name_Calling,Labeling) of an article's tokens."""
    from frontlines.slant.features import token_features

    spans = [(t, s, e) for t, s, e in article.spans if t in PAIR]
    rows, labels = [], []
    for token, features in token_features(doc):
        start, end = token.idx, token.idx + len(token.text)
        hit = [t for t, s, e in spans if start < e and end > s]
        rows.append(features)
        labels.append(0 if not hit else 1 if PAIR[0] in hit else 2)
    return rows, labels


def fit(rows: list[list[str]], labels: list[int], c: float, min_count: int) -> dict[str, Any]:
    """Both heads, as the model file stores them."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = collections.Counter(f for row in rows for f in row)
    kept = [{f: 1 for f in row if counts[f] >= min_count} for row in rows]
    vectoriser = DictVectorizer()
    matrix = vectoriser.fit_transform(kept)
    names = vectoriser.get_feature_names_out()
    heads = {}
    for head, target, which in (
        ("span", [int(y > 0) for y in labels], list(range(len(labels)))),
        ("name_calling", [int(y == 2) for y in labels], [i for i, y in enumerate(labels) if y > 0]),
    ):
        model = LogisticRegression(C=c, solver="liblinear", max_iter=500)
        model.fit(matrix[which], [target[i] for i in which])
        weights = {
            str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 5e-4
        }
        heads[head] = {"bias": round(float(model.intercept_[0]), 4), "weights": weights}
    return heads


def model_dict(
    heads: dict[str, Any], threshold: float, extent: float | None, meta: dict[str, Any]
) -> dict[str, Any]:
    return {"name": "model:ptc-linear-4", "threshold": threshold, "extent": extent, **heads, "meta": meta}


def cross_validate(
    articles: list[Any], docs: list[Any], rows: list[Any], args: argparse.Namespace
) -> dict[str, Any]:
    from sklearn.model_selection import GroupKFold

    from frontlines.evaluate.ptc import figures
    from frontlines.slant import SlantFinder
    from frontlines.slant.model import model_from_dict

    gold = {a.id: list(a.spans) for a in articles}
    predicted: dict[str, dict[str, list[tuple[str, int, int]]]] = {point(*p): {} for p in GRID}
    model_only: dict[str, dict[str, list[tuple[str, int, int]]]] = {point(*p): {} for p in GRID}
    groups = list(range(len(articles)))
    for fold, (train, test) in enumerate(GroupKFold(args.folds).split(groups, groups, groups), 1):
        feats = [f for i in train for f in rows[i][0]]
        labels = [y for i in train for y in rows[i][1]]
        base = model_from_dict(model_dict(fit(feats, labels, args.c, args.min_count), 0.5, None, {}))
        for extent, threshold in GRID:
            finder = SlantFinder(model=replace(base, threshold=threshold, extent=extent))
            key = point(extent, threshold)
            for i in test:
                spans = finder.spans(docs[i])
                predicted[key][articles[i].id] = [(s.technique, s.start, s.end) for s in spans]
                model_only[key][articles[i].id] = [
                    (s.technique, s.start, s.end) for s in spans if s.rule.startswith("model:")
                ]
        print(f"fold {fold}/{args.folds} done", file=sys.stderr)
    table = {}
    for extent, threshold in GRID:
        key = point(extent, threshold)
        table[key] = figures(predicted[key], gold)
        pair = table[key]["Loaded_Language+Name_Calling,Labeling"]
        alone = figures(model_only[key], gold)["Loaded_Language+Name_Calling,Labeling"]
        print(
            f"extent {extent} threshold {threshold}: pair P {pair.precision:.3f} R {pair.recall:.3f}"
            f" F1 {pair.f1:.3f} (model alone F1 {alone.f1:.3f}, {pair.predicted} spans)"
        )
    extent, threshold = max(GRID, key=lambda p: table[point(*p)]["Loaded_Language+Name_Calling,Labeling"].f1)
    best = point(extent, threshold)
    return {
        "threshold": threshold,
        "extent": extent,
        "folds": args.folds,
        "figures": {name: s.to_dict() for name, s in table[best].items()},
        "by_point": {key: table[key]["Loaded_Language+Name_Calling,Labeling"].to_dict() for key in table},
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("ptc", type=Path, help="PTC JSONL file (id, text, spans with technique)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.2, help="inverse L2 regularisation strength")
    parser.add_argument("--min-count", type=int, default=3, help="drop features seen fewer times")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "frontlines")
    parser.add_argument("--wordnet", type=Path, default=slant_wordnet.ROOT, help="WordNet 3.0 dict folder")
    parser.add_argument(
        "--ratings-only", action="store_true", help="only rebuild valence.tsv, frequency.tsv and wordnet.tsv"
    )
    args = parser.parse_args()

    print(f"ratings: {write_ratings(DATA / 'valence.tsv')} words -> {DATA / 'valence.tsv'}")
    print(f"frequencies: {write_frequencies(DATA / 'frequency.tsv')} words -> {DATA / 'frequency.tsv'}")
    from frontlines.slant.features import frequencies

    frequencies.cache_clear()
    written = slant_wordnet.write_wordnet(DATA / "wordnet.tsv", frequencies(), args.wordnet)
    print(f"WordNet classes: {written} lemmas -> {DATA / 'wordnet.tsv'}")
    if args.ratings_only:
        return 0
    from frontlines.evaluate.ptc import load_ptc

    articles = load_ptc(args.ptc)
    docs = parse(articles, args.cache)
    rows = [token_rows(a, d) for a, d in zip(articles, docs, strict=True)]
    print(f"{len(articles)} articles, {sum(len(r[1]) for r in rows)} tokens")
    cv = cross_validate(articles, docs, rows, args)
    heads = fit([f for r in rows for f in r[0]], [y for r in rows for y in r[1]], args.c, args.min_count)
    meta = {
        "trained_on": args.ptc.name,
        "data_sha256": hashlib.sha256(args.ptc.read_bytes()).hexdigest(),
        "article_ids": sorted(a.id for a in articles),
        "trained": dt.date.today().isoformat(),
        "c": args.c,
        "min_count": args.min_count,
        "cross_validated": cv,
    }
    weighted = {name.split(":", 1)[-1] for head in heads.values() for name in head["weights"]}
    kept = slant_wordnet.prune(DATA / "wordnet.tsv", weighted)
    print(f"WordNet classes the model weighs: {kept} kept in {DATA / 'wordnet.tsv'}")
    out = DATA / "ptc-linear.json"
    out.write_text(
        json.dumps(model_dict(heads, cv["threshold"], cv["extent"], meta), sort_keys=True) + "\n",
        encoding="utf-8",
    )
    sizes = {name: len(heads[name]["weights"]) for name in heads}
    print(f"model -> {out} ({out.stat().st_size // 1024} KiB, weights {sizes})")
    print(f"bars: extent {cv['extent']}, threshold {cv['threshold']}")
    for name, scores in cv["figures"].items():
        print(f"  {name:40s} P {scores['precision']:.3f} R {scores['recall']:.3f} F1 {scores['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
