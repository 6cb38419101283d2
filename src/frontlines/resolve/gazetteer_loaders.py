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
from functools import lru_cache
from importlib import resources
from pathlib import Path

from frontlines.resolve.gazetteer import DATA, Place
from frontlines.resolve.placenames import is_arabic, words

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
_LEVEL_KIND = {1: "governorate", 2: "district", 3: "subdistrict", 4: "community"}


@lru_cache(maxsize=1)
def geonames_admin1() -> dict[str, tuple[str, str]]:
    """GeoNames admin1 code of Syria ("09") -> (OCHA governorate P-code, name)."""
    path = resources.files("frontlines.resolve").joinpath(DATA, "geonames-admin1-sy.csv")
    with io.StringIO(path.read_text(encoding="utf-8"), newline="") as fh:
        return {
            r["geonames_admin1"].zfill(2): (r["admin1_pcode"], r["admin1_name"]) for r in csv.DictReader(fh)
        }


def load_geonames(path: str | Path, country: str = "SY") -> list[Place]:
    """Places of a GeoNames dump file (``SY.txt``, or ``allCountries.txt`` other countries skipped)."""
    admin1 = geonames_admin1()
    places = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 11 or not cols[0].isdigit():
                continue
            row = dict(zip(GEONAMES_COLUMNS, cols, strict=False))
            if row["country_code"] != country:
                continue
            code = f"{row['feature_class']}.{row['feature_code']}"
            if row["feature_class"] == "P":
                kind = "city" if row["feature_code"] in {"PPLC", "PPLA", "PPLA2"} else "town"
            elif code in GEONAMES_FEATURES:
                kind = GEONAMES_FEATURES[code]
            else:
                continue
            alts = [a.strip() for a in row["alternatenames"].split(",") if len(a.strip()) > 1]
            arabic = next((a for a in alts if is_arabic(a)), None)
            latin = [
                a for a in dict.fromkeys([row["asciiname"], *alts]) if a and a != row["name"] and a != arabic
            ]
            gov = admin1.get(row["admin1"].zfill(2)) if row["admin1"] else None
            places.append(
                Place(
                    id=f"geonames:{row['geonameid']}",
                    name=row["name"],
                    name_ar=arabic,
                    alt_names=tuple(latin),
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
                    source=f"GeoNames {Path(path).name} ({code}), CC BY 4.0",
                )
            )
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
            )
        )
    return places
