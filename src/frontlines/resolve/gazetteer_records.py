"""The gazetteer's record: :class:`Place`, its kinds, its ACLED precision and its CSV row format.

A leaf module (no imports from the rest of the gazetteer), so that the look-up index
(:mod:`frontlines.resolve.gazetteer`), the package files (:mod:`frontlines.resolve.gazetteer_files`), the
loaders and the build of the packaged CSV (:mod:`frontlines.resolve.gazetteer_build`) share one definition.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontlines.resolve.placenames import words

SYRIA = "SY"

# Kinds, most specific first: break ties between equal matches ("Aleppo" the city before the province). A
# country comes first all the same: a name spelled as a country's is the country (Qatar, not the village of
# Qatar in Aleppo). Places abroad come last, so that a Syrian place wins a tie with a foreign one.
KIND_RANK = {
    k: i
    for i, k in enumerate(
        words(
            "country city town community neighbourhood military_site infrastructure mountain road "
            "subdistrict district region governorate foreign_city foreign_region world_region"
        )
    )
}
# Kinds of place outside Syria (or larger than it): a foreign city, a region or admin unit abroad ("Hatay",
# "the Bekaa"), an area of several countries ("the Middle East"). Countries are kind "country".
FOREIGN_KINDS = frozenset({"foreign_city", "foreign_region", "world_region"})
AREA_KINDS = frozenset({"governorate", "country", "region", "foreign_region", "world_region"})

# Columns of the package CSV format, in order (``precision`` and ``country`` are optional when reading).
COLUMNS = words(
    "id name_en name_ar alt_names kind admin1_pcode admin1_name admin2_pcode admin2_name admin3_pcode "
    "admin3_name lat lon coord_source precision country source"
)


@dataclass(frozen=True, slots=True)
class Place:
    """One place. ``coord_source`` says how good the point is: geonames (the place's own point), wikipedia (the
    place's own point on the Wikipedia control map), centroid (an admin unit's or area's centroid),
    subdistrict-centroid (only the enclosing subdistrict's), curated. ``precision`` is the ACLED precision of
    the point itself when the data says so (curated rows), else None and :func:`place_precision` derives it.
    ``country`` is the ISO 3166 code of the country the place lies in ("SY"), empty for an area of several
    countries."""

    id: str
    name: str
    name_ar: str | None
    alt_names: tuple[str, ...]
    kind: str
    admin1: str | None
    admin1_pcode: str | None
    admin2: str | None
    admin2_pcode: str | None
    admin3: str | None
    admin3_pcode: str | None
    lat: float | None
    lon: float | None
    coord_source: str
    source: str
    precision: int | None = None
    country: str = SYRIA


def place_precision(place: Place) -> int:
    """ACLED precision of a place's own point: 1 the place, 2 part of/near a larger unit, 3 region."""
    if place.precision is not None:
        return place.precision
    if place.kind in AREA_KINDS:
        return 3
    if place.kind in {"district", "subdistrict"} or place.coord_source.endswith("-centroid"):
        return 2
    return 1


def is_foreign(place: Place) -> bool:
    """Is the place outside Syria, or an area larger than it (a foreign country, city or region; the Middle
    East)? Syria itself and every place in it are not."""
    return place.country != SYRIA or place.kind in FOREIGN_KINDS


# ----------------------------------------------------------------------------------------- CSV rows


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _float(value: str | None) -> float | None:
    value = (value or "").strip()
    return float(value) if value else None


def place_from_row(row: dict[str, str]) -> Place:
    """A Place from a row of the package CSV format (columns of syria-places.csv, optional precision and
    country; a row without a country is a place in Syria)."""
    precision = _opt(row.get("precision"))
    country = row.get("country")
    return Place(
        id=row["id"].strip(),
        name=row["name_en"].strip(),
        name_ar=_opt(row.get("name_ar")),
        alt_names=tuple(a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()),
        kind=(row.get("kind") or "community").strip(),
        admin1=_opt(row.get("admin1_name")),
        admin1_pcode=_opt(row.get("admin1_pcode")),
        admin2=_opt(row.get("admin2_name")),
        admin2_pcode=_opt(row.get("admin2_pcode")),
        admin3=_opt(row.get("admin3_name")),
        admin3_pcode=_opt(row.get("admin3_pcode")),
        lat=_float(row.get("lat")),
        lon=_float(row.get("lon")),
        coord_source=(row.get("coord_source") or "").strip(),
        source=(row.get("source") or "").strip(),
        precision=int(precision) if precision else None,
        country=SYRIA if country is None else country.strip().upper(),
    )


def place_to_row(place: Place) -> dict[str, str]:
    """The package CSV row of a place (the inverse of :func:`place_from_row`); coordinates to 5 decimals."""

    def coord(value: float | None) -> str:
        return "" if value is None else f"{value:.5f}"

    return {
        "id": place.id,
        "name_en": place.name,
        "name_ar": place.name_ar or "",
        "alt_names": "|".join(place.alt_names),
        "kind": place.kind,
        "admin1_pcode": place.admin1_pcode or "",
        "admin1_name": place.admin1 or "",
        "admin2_pcode": place.admin2_pcode or "",
        "admin2_name": place.admin2 or "",
        "admin3_pcode": place.admin3_pcode or "",
        "admin3_name": place.admin3 or "",
        "lat": coord(place.lat),
        "lon": coord(place.lon),
        "coord_source": place.coord_source,
        "precision": "" if place.precision is None else str(place.precision),
        "country": place.country,
        "source": place.source,
    }
