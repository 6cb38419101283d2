"""Build src/frontlines/control/data/syria-outline.geojson from Natural Earth's admin-0 countries.

The source is the npm package `world-atlas` (version 2.0.2, ISC licence), which redistributes Natural Earth's
1:10m "Admin 0 - Countries" (version 4.1.0, public domain) as TopoJSON. Fetch it with npm's ordinary client and
run this script on the unpacked folder:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_syria_outline.py package/countries-10m.json

The script decodes the TopoJSON arcs of Syria (ISO 3166 numeric 760), simplifies the ring (Douglas-Peucker,
0.005 degrees, about 500 m, topology kept), rounds coordinates to 5 decimals and writes a GeoJSON Feature with
its provenance beside it (`syria-outline.provenance.json`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

OUT = Path(__file__).resolve().parents[1] / "src/frontlines/control/data"
SYRIA = "760"
TOLERANCE = 0.005


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Every arc as absolute lon/lat positions (TopoJSON quantized arcs are delta-encoded)."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring from arc indexes (~i is arc i reversed); consecutive arcs share their joining point."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def country(topology: dict[str, Any], iso_numeric: str) -> Polygon | MultiPolygon:
    arcs = decode_arcs(topology)
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") != iso_numeric:
            continue
        if geometry["type"] == "Polygon":
            rings = [ring(r, arcs) for r in geometry["arcs"]]
            return Polygon(rings[0], rings[1:])
        polygons = [Polygon(ring(p[0], arcs), [ring(r, arcs) for r in p[1:]]) for p in geometry["arcs"]]
        return MultiPolygon(polygons)
    raise SystemExit(f"no country {iso_numeric} in the topology")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("topojson", type=Path, help="world-atlas countries-10m.json")
    args = parser.parse_args()
    raw = args.topojson.read_bytes()
    shape = country(json.loads(raw), SYRIA)
    simple = shapely.set_precision(shape.simplify(TOLERANCE, preserve_topology=True), 1e-5)
    if not simple.is_valid:
        simple = shapely.make_valid(simple)
    feature = {
        "type": "Feature",
        "properties": {
            "name": "Syria",
            "iso_numeric": SYRIA,
            "source": "Natural Earth 1:10m Admin 0 (4.1.0)",
        },
        "geometry": mapping(simple),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "syria-outline.geojson").write_text(json.dumps(feature) + "\n", encoding="utf-8")
    provenance = {
        "source": "Natural Earth 1:10m Cultural Vectors, Admin 0 - Countries, version 4.1.0 (public domain)",
        "via": "npm package world-atlas 2.0.2 (ISC licence), file countries-10m.json",
        "sha256_of_input": hashlib.sha256(raw).hexdigest(),
        "simplify_tolerance_degrees": TOLERANCE,
        "vertices": len(shapely.get_coordinates(simple)),
        "built": dt.date.today().isoformat(),
    }
    (OUT / "syria-outline.provenance.json").write_text(
        json.dumps(provenance, indent=2) + "\n", encoding="utf-8"
    )
    print(
        f"{provenance['vertices']} vertices, area {simple.area:.4f} square degrees, valid {simple.is_valid}"
    )


if __name__ == "__main__":
    main()
