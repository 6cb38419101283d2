// The page: wires the map, the filters, the date slider and the event panel. Exposes `window.frontlines`
// (the map, a `ready` promise, and a few actions) for the browser tests and for analysts' own scripting.
import * as api from "./api.js";
import { ControlView } from "./control.js";
import { append, clear, el } from "./dom.js";
import { describe, fillSuggestions, fillTypeOptions, readFilters } from "./filters.js";
import { EVENT_COLOURS } from "./colours.js";
import { CLUSTER_MAX_ZOOM, createMap, maplibregl, selectEvent, setEvents } from "./mapview.js";
import { showEvent, showList, showMessage } from "./panel.js";
import { installPolicy } from "./trusted.js";

const $ = (id) => document.getElementById(id);
const started = performance.now();
const timings = {};
const mark = (name) => (timings[name] = Math.round(performance.now() - started));

function status(message, kind = "info") {
  const line = $("status");
  line.textContent = message;
  line.dataset.kind = kind;
}

function legend() {
  const list = el("ul", {});
  for (const [type, colour] of Object.entries(EVENT_COLOURS)) {
    const dot = el("span", { class: "dot" });
    dot.style.backgroundColor = colour;
    append(list, el("li", {}, dot, type));
  }
  append(clear($("legend")), el("h4", {}, "Events (size: fatalities)"), list);
}

async function main() {
  installPolicy(maplibregl);
  // The events, and control on the last event's day, are fetched while the map starts.
  const firstEvents = api.loadEvents({});
  const firstControl = firstEvents.then(async (loaded) => {
    const dates = loaded.features.map((f) => f.properties.event_date).filter(Boolean).sort();
    if (!dates.length) return null;
    const [first, last] = [dates[0], dates[dates.length - 1]];
    return { first, last, collection: await api.controlAt(last) };
  });
  const [config, basemap] = await Promise.all([api.pageConfig(), api.basemap()]);
  mark("config");
  fillTypeOptions($("type"), config.taxonomy);
  legend();
  const map = await createMap($("map"), basemap, config);
  mark("map");
  const panel = $("panel");
  let detailRequest = null;

  async function openEvent(eventId) {
    detailRequest?.abort();
    const request = (detailRequest = new AbortController());
    try {
      const detail = await api.eventDetail(eventId, request.signal);
      showEvent(panel, detail, openEvent);
      selectEvent(map, detail.event.event_id);
      document.body.dataset.event = detail.event.event_id;
      document.dispatchEvent(new CustomEvent("frontlines:event", { detail: { eventId: detail.event.event_id } }));
    } catch (error) {
      if (error.name !== "AbortError") showMessage(panel, "Event unavailable", error.message);
    }
  }

  map.on("click", "events-point", (e) => {
    const features = map.queryRenderedFeatures(e.point, { layers: ["events-point"] });
    if (features.length > 1) showList(panel, `${features.length} events here`, features, openEvent);
    else openEvent(features[0].properties.event_id);
  });
  map.on("click", "events-clusters", async (e) => {
    const feature = map.queryRenderedFeatures(e.point, { layers: ["events-clusters"] })[0];
    const source = map.getSource("events");
    const zoom = await source.getClusterExpansionZoom(feature.properties.cluster_id);
    if (zoom <= CLUSTER_MAX_ZOOM) map.easeTo({ center: feature.geometry.coordinates, zoom });
    else {
      const leaves = await source.getClusterLeaves(feature.properties.cluster_id, 200, 0);
      showList(panel, `${feature.properties.point_count} events here`, leaves, openEvent);
    }
  });

  const control = new ControlView(map, {
    slider: $("control-slider"),
    output: $("control-date"),
    summary: $("control-summary"),
    areas: $("show-areas"),
    onError: (message) => status(message, "error"),
  });

  let eventsRequest = null;
  function fetchEvents(params) {
    eventsRequest?.abort();
    const request = (eventsRequest = new AbortController());
    status("loading events…");
    const loading = api.loadEvents(params, request.signal, (n, total) => status(`loading events… ${n} of ${total}`));
    return { request, loading };
  }
  function drawEvents(params, loaded) {
    setEvents(map, loaded.features);
    const filters = describe(params);
    const missing = loaded.total - loaded.features.length;
    status(`${loaded.features.length} events on the map${filters ? ` (${filters})` : ""}` +
      (loaded.truncated ? `, of ${loaded.total} matching: narrow the filters to see the rest` : missing > 0 ? `; ${missing} more without coordinates` : ""));
    document.body.dataset.events = String(loaded.features.length);
    return loaded;
  }
  async function loadEvents(params) {
    const { request, loading } = fetchEvents(params);
    const loaded = await loading;
    return request.signal.aborted ? null : drawEvents(params, loaded);
  }

  const form = $("filters");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    loadEvents(readFilters(form, config.taxonomy)).catch((error) => status(`events: ${error.message}`, "error"));
  });
  form.addEventListener("reset", () => setTimeout(() => form.requestSubmit(), 0));

  const first = drawEvents({}, await firstEvents);
  mark("events");
  fillSuggestions($("actors"), $("sources"), first.features);
  const initial = await firstControl;
  if (initial) {
    control.setRange(initial.first, initial.last);
    control.apply(initial.last, initial.collection);
  } else {
    $("control-slider").disabled = true;
  }
  mark("control");
  showMessage(panel, "Select an event", "Click an event on the map to see who reports it, how the reports disagree, and the words of the report behind each field. Clusters open on click.");
  const idle = () => new Promise((resolve) => { map.once("idle", resolve); map.triggerRepaint(); });
  await idle();
  mark("ready");
  document.body.dataset.ready = "true";
  return { map, openEvent, control, loadEvents, idle, timings };
}

const ready = main();
window.frontlines = { ready, timings };
ready.then(
  (app) => Object.assign(window.frontlines, app),
  (error) => {
    status(`the map failed to start: ${error.message ?? error}`, "error");
    document.body.dataset.ready = "error";
  },
);
