// The page's only way to the server: the REST API of docs/api.md, by relative URLs (the page is served at
// the app's root, so a proxy prefix keeps working).

export class ApiError extends Error {
  constructor(status, detail) {
    super(`${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
  }
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== null && one !== undefined && one !== "") search.append(name, String(one));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function getJSON(path, params = {}, signal = undefined) {
  const response = await fetch(`${path}${query(params)}`, { headers: { Accept: "application/json" }, signal });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
    } catch {
      /* not JSON: keep the status text */
    }
    throw new ApiError(response.status, detail);
  }
  return response.json();
}

export const PAGE = 5000; // the API's largest page (meta.max_limit)
export const MAX_EVENTS = 50000; // the map draws at most this many events; the status line says when more match

/** Every event matching `filters` as GeoJSON features (page after page, at most MAX_EVENTS), and the total. */
export async function loadEvents(filters, signal, onPage = () => {}) {
  const features = [];
  let cursor = null;
  let total = 0;
  do {
    const page = await getJSON("api/events", { ...filters, format: "geojson", limit: PAGE, cursor }, signal);
    total = page.total ?? total;
    for (const feature of page.features ?? []) if (feature.geometry) features.push(feature);
    cursor = page.next_cursor ?? null;
    onPage(features.length, total);
  } while (cursor && features.length < MAX_EVENTS);
  return { features, total, truncated: Boolean(cursor) };
}

export const eventDetail = (id, signal) => getJSON(`api/events/${encodeURIComponent(id)}`, {}, signal);
export const controlAt = (date, signal) => getJSON("api/control", { at: date, format: "geojson" }, signal);
export const stats = () => getJSON("api/stats");
export const pageConfig = () => getJSON("web/config.json");
export const basemap = () => getJSON("web/basemap.geojson");
