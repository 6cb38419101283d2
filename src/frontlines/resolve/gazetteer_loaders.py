"""Loaders for the gazetteers users have: the GeoNames country dump and OCHA P-code tables.

Both return plain :class:`Place` lists; add them with ``Gazetteer.default().with_places(places)`` (places
with an id the package already has replace it, keeping its admin units when the new row has none; places
without coordinates get their subdistrict's centroid).

- GeoNames (``SY.txt`` from the country dumps): 19 tab-separated columns, no header. Populated places (feature
  class P) and the features reports name (airbases, mountains, hills, regions) are kept; GeoNames admin1 codes
  map to OCHA governorates through ``data/gazetteer/geonames-admin1-sy.csv``.
- OCHA P-code tables (CSV, any delimiter): columns are found by name, liberally: ``admin4Name_en``,
  ``ADM4_EN``, ``adm4_pcode``, ``admin4Name_ar``, ``admin4AltName1_en``, ``latitude``/``lat``/``y``...
  Each row becomes its deepest level that has a P-code (admin4 community ... admin1 governorate).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from frontlines.resolve.gazetteer import DATA, Place
from frontlines.resolve.gazetteer_records import SYRIA
from frontlines.resolve.placenames import fold, is_arabic, words

GEONAMES_COLUMNS = words(
    "geonameid name asciiname alternatenames latitude longitude feature_class feature_code country_code cc2 "
    "admin1 admin2 admin3 admin4 population elevation dem timezone modification_date"
)
# Feature codes kept besides populated places (class P), with the kind they get.
GEONAMES_FEATURES = {
    "S.AIRB": "military_site",
    "S.AIRF": "military_site",
    "S.MILB": "military_site",
    "S.AIRP": "infrastructure",
    "T.MT": "mountain",
    "T.MTS": "mountain",
    "T.HLL": "mountain",
    "T.HLLS": "mountain",
    "L.RGN": "region",
    "L.AREA": "region",
}
# A name in Latin script (with diacritics and ayn/hamza marks): other scripts are not matched by placenames.
_LATIN_NAME = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff\s'’‘ʿʾ`´.,()/-]+$")
_LEVEL_KIND = {1: "governorate", 2: "district", 3: "subdistrict", 4: "community"}


@lru_cache(maxsize=1)
def geonames_admin1() -> dict[str, tuple[str, str]]:
    """GeoNames admin1 code of Syria ("09") -> (OCHA governorate P-code, name)."""
    path = resources.files("frontlines.resolve").joinpath(DATA, "geonames-admin1-sy.csv")
    with io.StringIO(path.read_text(encoding="utf-8"), newline="") as fh:
        return {
            r["geonames_admin1"].zfill(2): (r["admin1_pcode"], r["admin1_name"]) for r in csv.DictReader(fh)
        }


def geonames_rows(path: str | Path) -> Iterator[dict[str, str]]:
    """The rows of a GeoNames dump (``SY.txt``, ``allCountries.txt``, ``cities500.txt``) as dicts of its 19
    documented columns; lines that are not rows (headers, comments, short lines) are skipped."""
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 11 and cols[0].isdigit():
                yield dict(zip(GEONAMES_COLUMNS, cols, strict=False))


def geonames_kind(row: dict[str, str]) -> str | None:
    """The kind of place a GeoNames row is, None for features reports do not name. Rows of another country than
    Syria are places abroad: populated places foreign_city, regions foreign_region."""
    code = f"{row['feature_class']}.{row['feature_code']}"
    abroad = row["country_code"] != SYRIA
    if row["feature_class"] == "P":
        if abroad:
            return "foreign_city"
        return "city" if row["feature_code"] in {"PPLC", "PPLA", "PPLA2"} else "town"
    kind = GEONAMES_FEATURES.get(code)
    return "foreign_region" if abroad and kind == "region" else kind


def geonames_names(row: dict[str, str]) -> tuple[str | None, tuple[str, ...]]:
    """(Arabic name, other names) of a GeoNames row: the ASCII name and the alternate names in Latin or Arabic
    script, each spelling once (names in other scripts, one-letter names and codes are left out)."""
    alts = [a.strip() for a in row["alternatenames"].split(",") if len(a.strip()) > 1]
    arabic = next((a for a in alts if is_arabic(a)), None)
    seen = {fold(row["name"])}
    latin = []
    for alt in (row["asciiname"], *alts):
        key = fold(alt)
        if alt == arabic or key in seen or not _LATIN_NAME.match(alt) or alt.isupper() and len(alt) <= 4:
            continue
        seen.add(key)
        latin.append(alt)
    return arabic, tuple(latin)


def geonames_place(row: dict[str, str], kind: str, source: str) -> Place:
    """A Place of a GeoNames row (Syrian admin1 codes mapped to OCHA governorates)."""
    arabic, names = geonames_names(row)
    country = row["country_code"]
    gov = geonames_admin1().get(row["admin1"].zfill(2)) if row["admin1"] and country == SYRIA else None
    return Place(
        id=f"geonames:{row['geonameid']}",
        name=row["name"],
        name_ar=arabic,
        alt_names=names,
        kind=kind,
        admin1=gov[1] if gov else None,
        admin1_pcode=gov[0] if gov else None,
        admin2=None,
        admin2_pcode=None,
        admin3=None,
        admin3_pcode=None,
        lat=float(row["latitude"]),
        lon=float(row["longitude"]),
        coord_source="geonames",
        source=source,
        country=country,
    )


def load_geonames(path: str | Path, country: str | None = SYRIA) -> list[Place]:
    """Places of a GeoNames dump file (``SY.txt``; of ``allCountries.txt`` or ``cities500.txt`` the rows of
    ``country``, every row when None). Places abroad get kinds of their own (foreign_city, foreign_region)."""
    places = []
    for row in geonames_rows(path):
        if country is not None and row["country_code"] != country:
            continue
        kind = geonames_kind(row)
        if kind is None:
            continue
        code = f"{row['feature_class']}.{row['feature_code']}"
        places.append(geonames_place(row, kind, f"GeoNames {Path(path).name} ({code}), CC BY 4.0"))
    return places


# ----------------------------------------------------------------------------------------- OCHA tables

_LAT = {"latitude", "lat", "y", "latitudey", "ycoord", "pointy", "latdd"}
_LON = {"longitude", "lon", "long", "lng", "x", "longitudex", "xcoord", "pointx", "londd"}


def _columns(
    header: list[str],
) -> tuple[dict[tuple[int, str], str], dict[int, list[str]], str | None, str | None]:
    """Find (level, en|ar|pcode) columns, alternate-name columns per level, and lat/lon columns."""
    found: dict[tuple[int, str], str] = {}
    alts: dict[int, list[str]] = {}
    lat = lon = None
    for col in header:
        h = re.sub(r"[^a-z0-9]", "", col.lower())
        if h in _LAT:
            lat = col
        elif h in _LON:
            lon = col
        m = re.match(r"^adm(?:in)?(\d)(.*)$", h)
        if not m:
            continue
        level, rest = int(m.group(1)), m.group(2)
        if "alt" in rest:
            alts.setdefault(level, []).append(col)
        elif "ref" in rest or "date" in rest or "valid" in rest:
            continue
        elif "code" in rest:
            found.setdefault((level, "pcode"), col)
        elif rest.endswith("ar") or "arabic" in rest:
            found.setdefault((level, "ar"), col)
        elif rest.endswith("en") or rest in {"", "name", "nameen"}:
            found.setdefault((level, "en"), col)
    return found, alts, lat, lon


def _number(value: str | None) -> float | None:
    value = (value or "").strip().replace(",", ".")
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _pcode_country(pcode: str) -> str:
    """The country of an OCHA P-code: its first two letters are the ISO code ("SY0207" -> SY); C- and N-codes
    (Syria's communities and neighbourhoods: a letter and digits) are Syria's."""
    prefix = pcode[:2].upper()
    return prefix if len(prefix) == 2 and prefix.isalpha() else SYRIA


def load_ocha(path: str | Path) -> list[Place]:
    """Places of an OCHA admin/P-code table (CSV with a header; delimiter sniffed)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        rows = list(csv.DictReader(fh, dialect=dialect))
    if not rows:
        return []
    cols, alts, lat_col, lon_col = _columns(list(rows[0].keys()))
    places = []
    for row in rows:

        def get(level: int, field: str, row: dict[str, str] = row) -> str | None:
            col = cols.get((level, field))
            value = (row.get(col) or "").strip() if col else ""
            return value or None

        levels = [lv for lv in (4, 3, 2, 1) if get(lv, "pcode")]
        if not levels:
            continue
        level = levels[0]
        lat, lon = (
            (_number(row.get(lat_col)) if lat_col else None),
            (_number(row.get(lon_col)) if lon_col else None),
        )
        alt = [v.strip() for c in alts.get(level, []) if (v := row.get(c)) and v.strip()]
        up = {lv: (get(lv, "en"), get(lv, "pcode")) if lv < level else (None, None) for lv in (1, 2, 3)}
        places.append(
            Place(
                id=get(level, "pcode") or "",
                name=get(level, "en") or get(level, "ar") or get(level, "pcode") or "",
                name_ar=get(level, "ar"),
                alt_names=tuple(alt),
                kind=_LEVEL_KIND[level],
                admin1=up[1][0] if level > 1 else get(1, "en"),
                admin1_pcode=up[1][1] if level > 1 else get(1, "pcode"),
                admin2=up[2][0],
                admin2_pcode=up[2][1],
                admin3=up[3][0],
                admin3_pcode=up[3][1],
                lat=lat,
                lon=lon,
                coord_source="ocha" if lat is not None and lon is not None else "",
                source=f"OCHA P-code table {Path(path).name}",
                country=_pcode_country(get(level, "pcode") or ""),
            )
        )
    return places
