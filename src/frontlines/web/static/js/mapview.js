// The map: an offline basemap (Natural Earth outlines, optionally the user's online tiles under them),
// control at a date (areas shaded by holder, places coloured by holder, contested places ringed) and the
// events on top (coloured by event type, sized by fatalities, clustered when dense).
import * as maplibregl from "../../vendor/maplibre-gl/maplibre-gl.mjs";
import { CONTESTED_COLOUR, EVENT_COLOURS, HOLDER_COLOURS, SIDE_COLOURS } from "./colours.js";
import { el } from "./dom.js";

export const CLUSTER_MAX_ZOOM = 11; // past it, events at one place are listed instead of split
const UNKNOWN_COLOUR = "#b0b0b0";
const SYRIA_BOUNDS = [
  [35.6, 32.3],
  [42.4, 37.35],
];

const matchOn = (property, colours, fallback) => [
  "match",
  ["coalesce", ["get", property], ""],
  ...Object.entries(colours).flat(),
  fallback,
];
const holderColour = matchOn("holder_id", HOLDER_COLOURS, matchOn("holder_side", SIDE_COLOURS, UNKNOWN_COLOUR));

function style(basemap, config) {
  const sources = { basemap: { type: "geojson", data: basemap, attribution: "Natural Earth (public domain)" } };
  const layers = [{ id: "background", type: "background", paint: { "background-color": "#dfe8ee" } }];
  if (config.tiles) {
    sources.tiles = {
      type: "raster",
      tiles: [config.tiles],
      tileSize: 256,
      attribution: config.tiles_attribution ?? "",
    };
    layers.push({ id: "tiles", type: "raster", source: "tiles" });
  }
  const land = config.tiles ? 0.0 : 1.0;
  layers.push(
    { id: "countries", type: "fill", source: "basemap", filter: ["==", ["get", "layer"], "country"],
      paint: { "fill-color": ["case", ["==", ["get", "name"], "Syria"], "#fbfaf5", "#eeece4"], "fill-opacity": land } },
    { id: "governorates", type: "line", source: "basemap", filter: ["==", ["get", "layer"], "admin1"],
      paint: { "line-color": "#9a9a9a", "line-width": 0.8, "line-dasharray": [3, 2] } },
    { id: "country-lines", type: "line", source: "basemap", filter: ["==", ["get", "layer"], "country"],
      paint: { "line-color": "#555", "line-width": 1.2 } },
  );
  return { version: 8, sources, layers };
}

function addControlLayers(map) {
  const empty = { type: "FeatureCollection", features: [] };
  map.addSource("control", { type: "geojson", data: empty });
  map.addLayer({ id: "control-areas", type: "fill", source: "control", filter: ["==", ["get", "kind"], "area"],
    paint: {
      "fill-color": ["case", ["==", ["get", "status"], "held"], holderColour, UNKNOWN_COLOUR],
      "fill-opacity": ["case", ["==", ["get", "status"], "held"], 0.3, 0.06],
    } });
  map.addLayer({ id: "control-area-lines", type: "line", source: "control", filter: ["==", ["get", "kind"], "area"],
    paint: { "line-color": "#ffffff", "line-width": 0.6, "line-opacity": 0.8 } });
  map.addLayer({ id: "control-places", type: "circle", source: "control", filter: ["==", ["get", "kind"], "place"],
    paint: {
      "circle-radius": ["match", ["get", "status"], "contested", 6.5, "held", 4.5, 3],
      "circle-color": ["match", ["get", "status"], "held", holderColour, "contested", "#ffffff", UNKNOWN_COLOUR],
      "circle-stroke-color": ["match", ["get", "status"], "contested", CONTESTED_COLOUR, "#ffffff"],
      "circle-stroke-width": ["match", ["get", "status"], "contested", 3, 1],
    } });
}

function addEventLayers(map) {
  map.addSource("events", {
    type: "geojson",
    data: { type: "FeatureCollection", features: [] },
    cluster: true,
    clusterRadius: 32,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterProperties: { fatalities: ["+", ["coalesce", ["get", "fatalities"], 0]] },
  });
  map.addLayer({ id: "events-clusters", type: "circle", source: "events", filter: ["has", "point_count"],
    paint: {
      "circle-color": "#34495e",
      "circle-opacity": 0.85,
      "circle-radius": ["step", ["get", "point_count"], 13, 10, 17, 50, 22, 250, 28],
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    } });
  map.addLayer({ id: "events-point", type: "circle", source: "events", filter: ["!", ["has", "point_count"]],
    paint: {
      "circle-color": matchOn("event_type", EVENT_COLOURS, "#444"),
      "circle-radius": ["interpolate", ["linear"], ["coalesce", ["get", "fatalities"], 0], 0, 5, 1, 6.5, 10, 10, 100, 16, 1000, 24],
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 1.2,
      "circle-opacity": 0.92,
    } });
  map.addLayer({ id: "events-selected", type: "circle", source: "events",
    filter: ["==", ["get", "event_id"], ""],
    paint: { "circle-radius": 12, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": "#111", "circle-stroke-width": 2.5 } });
}

/** Cluster sizes as HTML labels (the style has no glyphs, so no text layer: nothing is fetched for fonts). */
function clusterLabels(map) {
  const shown = new Map();
  const update = () => {
    if (!map.getSource("events") || !map.isSourceLoaded("events")) return;
    const next = new Map();
    for (const feature of map.querySourceFeatures("events", { filter: ["has", "point_count"] })) {
      const id = feature.properties.cluster_id;
      if (next.has(id)) continue;
      let marker = shown.get(id);
      if (!marker) {
        const label = el("div", { class: "cluster-count", "data-cluster": id }, String(feature.properties.point_count_abbreviated));
        marker = new maplibregl.Marker({ element: label }).setLngLat(feature.geometry.coordinates);
      }
      next.set(id, marker);
    }
    for (const [id, marker] of shown) if (!next.has(id)) marker.remove();
    for (const [id, marker] of next) if (!shown.has(id)) marker.addTo(map);
    shown.clear();
    for (const [id, marker] of next) shown.set(id, marker);
  };
  map.on("render", update);
  return update;
}

export async function createMap(container, basemap, config) {
  const map = new maplibregl.Map({
    container,
    style: style(basemap, config),
    bounds: SYRIA_BOUNDS,
    fitBoundsOptions: { padding: 20 },
    maxZoom: 16,
    minZoom: 4,
    attributionControl: { compact: false },
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-left");
  map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");
  await new Promise((resolve, reject) => {
    map.once("load", resolve);
    map.once("error", (e) => reject(e.error ?? new Error("the map failed to load")));
  });
  addControlLayers(map);
  addEventLayers(map);
  clusterLabels(map);
  for (const layer of ["events-point", "events-clusters"]) {
    map.on("mouseenter", layer, () => (map.getCanvas().style.cursor = "pointer"));
    map.on("mouseleave", layer, () => (map.getCanvas().style.cursor = ""));
  }
  return map;
}

export function setEvents(map, features) {
  map.getSource("events").setData({ type: "FeatureCollection", features });
}

export function setControl(map, collection) {
  map.getSource("control").setData(collection);
}

export function selectEvent(map, eventId) {
  map.setFilter("events-selected", ["all", ["!", ["has", "point_count"]], ["==", ["get", "event_id"], eventId ?? ""]]);
}

export { maplibregl };
