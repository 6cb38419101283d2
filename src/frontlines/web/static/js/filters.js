// The filter form: date range, event type (an ACLED event type or one of its sub-event types), actor,
// source and the least number of independent sources; read into the query parameters of GET /api/events.
import { append, clear, el } from "./dom.js";

export function fillTypeOptions(select, taxonomy) {
  clear(select);
  append(select, el("option", { value: "" }, "every type"));
  for (const [eventType, subTypes] of Object.entries(taxonomy)) {
    const group = el("optgroup", { label: eventType });
    append(group, el("option", { value: `type:${eventType}` }, `${eventType} (all)`));
    for (const sub of subTypes) append(group, el("option", { value: `sub:${sub}` }, sub));
    append(select, group);
  }
}

/** Names seen in the loaded events, as suggestions for the actor and source fields. */
export function fillSuggestions(actorList, sourceList, features) {
  const actors = new Set();
  const sources = new Set();
  for (const { properties: p } of features) {
    for (const name of [p.actor1, p.actor2]) if (name) actors.add(name);
    for (const name of [p.outlet, ...(Array.isArray(p.source_chain) ? p.source_chain : [])]) if (name) sources.add(name);
  }
  for (const [list, names] of [[actorList, actors], [sourceList, sources]]) {
    clear(list);
    for (const name of [...names].sort((a, b) => a.localeCompare(b))) append(list, el("option", { value: name }));
  }
}

export function readFilters(form, taxonomy) {
  const data = new FormData(form);
  const value = (name) => String(data.get(name) ?? "").trim();
  const params = {
    since: value("since"),
    until: value("until"),
    actor: value("actor"),
    source: value("source"),
    min_sources: value("min_sources"),
  };
  const type = value("type");
  if (type.startsWith("type:")) params.sub_event_type = taxonomy[type.slice(5)] ?? [];
  else if (type.startsWith("sub:")) params.sub_event_type = [type.slice(4)];
  return params;
}

/** A short description of the active filters, for the status line. */
export function describe(params) {
  const parts = [];
  if (params.since || params.until) parts.push(`${params.since || "…"} to ${params.until || "…"}`);
  if (params.sub_event_type?.length) parts.push(params.sub_event_type.length === 1 ? params.sub_event_type[0] : `${params.sub_event_type.length} sub-event types`);
  if (params.actor) parts.push(`actor ${params.actor}`);
  if (params.source) parts.push(`source ${params.source}`);
  if (params.min_sources) parts.push(`≥ ${params.min_sources} independent sources`);
  return parts.join(", ");
}
