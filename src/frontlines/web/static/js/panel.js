// The event panel: what one event says, who says it, who else tells the incident and how they disagree, and
// the report itself with the words behind each field highlighted. All text is set as text (dom.js).
import { EVENT_COLOURS } from "./colours.js";
import { append, clear, codePointOffsets, el, highlighted, safeLink } from "./dom.js";

const FIELD_LABELS = {
  sentence: "the event's sentence",
  trigger: "what happened",
  place: "where",
  actor1: "actor 1",
  actor2: "actor 2",
  date: "when",
  fatalities: "deaths",
  source: "who says so",
};
const PRECISION = { 1: "day", 2: "week", 3: "month", 0: "unknown" };

const row = (label, ...value) => el("tr", {}, el("th", { scope: "row" }, label), el("td", {}, ...value));
const orDash = (value) => (value === null || value === undefined || value === "" ? "—" : String(value));

function actor(name, id, label, tone) {
  if (!name) return "—";
  const said = label && label !== name ? el("span", { class: "said" }, ` called “${label}”${tone ? ` (${tone})` : ""}`) : null;
  return [el("span", { class: "actor", "data-actor": id ?? "" }, name), said];
}

function chain(names) {
  if (!names || names.length === 0) return "—";
  const parts = [];
  names.forEach((name, i) => {
    if (i) parts.push(el("span", { class: "arrow", "aria-label": "relayed by" }, " → "));
    parts.push(el("span", { class: "source" }, name));
  });
  return el("span", { class: "chain" }, ...parts);
}

function facts(event) {
  const date = event.event_date
    ? `${event.event_date} (${PRECISION[event.date_precision] ?? "?"} known)`
    : "unknown";
  const where = [event.place_name ?? event.location, event.admin1].filter(Boolean).join(", ");
  const deaths = event.fatalities === null || event.fatalities === undefined ? "none reported" : String(event.fatalities);
  return el("table", { class: "facts" },
    row("Date", date),
    row("Place", where || "—", event.location && event.place_name && event.location !== event.place_name ? el("span", { class: "said" }, ` (“${event.location}”)`) : null),
    row("Actor 1", ...[].concat(actor(event.actor1, event.actor1_id, event.actor1_label, event.actor1_label_tone))),
    row("Actor 2", ...[].concat(actor(event.actor2, event.actor2_id, event.actor2_label, event.actor2_label_tone))),
    row("Fatalities", el("span", { "data-field": "fatalities" }, deaths), event.fatalities_rule ? el("span", { class: "said" }, ` (${event.fatalities_rule})`) : null),
    row("Claim chain", chain(event.source_chain), el("div", { class: "hint" }, "nearest source first")),
    row("Confidence", orDash(event.confidence)),
    row("Event id", el("code", {}, event.event_id)),
    event.corrected ? row("Corrected", event.corrected.join(", ")) : null,
  );
}

function incident(claims, openEvent, current) {
  const section = el("section", { class: "incident" });
  const independent = claims.independent_sources ?? [];
  append(section, el("h3", {}, `Independent sources (${independent.length})`));
  append(section, independent.length ? el("ul", { class: "independent" }, ...independent.map((s) => el("li", {}, s))) : el("p", { class: "hint" }, "none known (the store was never fused)"));
  const others = claims.claims ?? [];
  if (others.length) {
    append(section, el("h3", {}, `Reports of this incident (${others.length})`));
    const list = el("ul", { class: "claims" });
    for (const claim of others) {
      const open = el("button", { type: "button", class: "linkish", "data-event": claim.event_id, disabled: claim.event_id === current }, claim.outlet ?? claim.doc ?? claim.event_id);
      open.addEventListener("click", () => openEvent(claim.event_id));
      append(list, el("li", {}, open, ` ${orDash(claim.published)}: `, chain(claim.source_chain), claim.copy_of ? el("span", { class: "said" }, ` (copy of ${claim.copy_of})`) : null));
    }
    append(section, list);
  }
  const conflicts = claims.conflicts ?? [];
  append(section, el("h3", {}, `Conflicts (${conflicts.length})`));
  if (!conflicts.length) append(section, el("p", { class: "hint" }, "the reports agree"));
  for (const conflict of conflicts) {
    const sides = (conflict.sides ?? []).map((side) => el("li", {}, el("strong", {}, orDash(side.value)), ` — ${(side.event_ids ?? []).length} report(s)`));
    append(section, el("div", { class: "conflict", "data-kind": conflict.kind }, el("span", { class: "kind" }, conflict.kind), el("ul", {}, ...sides)));
  }
  return section;
}

/** The spans to highlight: each evidence field, and the slant stage's technique spans. */
function spans(detail, toUnits) {
  const found = [];
  for (const e of detail.evidence ?? []) {
    found.push({ start: toUnits(e.start), end: toUnits(e.end), kind: e.field, label: FIELD_LABELS[e.field] ?? e.field });
  }
  for (const s of detail.event.slant ?? []) {
    found.push({ start: toUnits(s.start), end: toUnits(s.end), kind: "slant", label: `slant: ${s.technique} (${s.rule})` });
  }
  return found;
}

function report(detail) {
  const doc = detail.document ?? {};
  const text = doc.text ?? "";
  const body = el("div", { class: "report-text", lang: "en" });
  body.appendChild(highlighted(text, spans(detail, codePointOffsets(text))));
  const legend = el("p", { class: "legend" }, ...["trigger", "place", "actor1", "actor2", "date", "fatalities", "source", "slant"].map((k) => el("mark", { class: `hl-${k}` }, FIELD_LABELS[k] ?? k)));
  return el("section", { class: "report" },
    el("h3", {}, "The report"),
    el("p", { class: "report-meta" },
      el("strong", { class: "report-title" }, orDash(doc.title)), el("br"),
      `${orDash(doc.outlet)}, published ${orDash(doc.published)} `,
      doc.url ? safeLink(doc.url, "source") : null),
    legend,
    body);
}

export function showEvent(panel, detail, openEvent) {
  const event = detail.event;
  clear(panel);
  append(panel,
    el("header", { class: "event-head", "data-event": event.event_id },
      el("h2", {}, event.sub_event_type),
      el("p", { class: "event-type" }, event.event_type)),
    facts(event),
    incident(detail.claims ?? {}, openEvent, event.event_id),
    report(detail));
  panel.querySelector(".event-head").style.borderLeftColor = EVENT_COLOURS[event.event_type] ?? "#888";
  const first = panel.querySelector(".report-text mark.hl-trigger, .report-text mark.hl-place, .report-text mark");
  if (first) first.scrollIntoView({ block: "center" });
  panel.scrollTop = 0;
}

export function showList(panel, title, features, openEvent) {
  clear(panel);
  const list = el("ul", { class: "event-list" });
  for (const f of features) {
    const p = f.properties;
    const open = el("button", { type: "button", class: "linkish", "data-event": p.event_id }, `${orDash(p.event_date)} · ${p.sub_event_type}`);
    open.addEventListener("click", () => openEvent(p.event_id));
    append(list, el("li", {}, open, el("div", { class: "hint" }, [p.location, p.actor1].filter(Boolean).join(" · "))));
  }
  append(panel, el("h2", {}, title), list);
}

export function showMessage(panel, title, message) {
  clear(panel);
  append(panel, el("h2", {}, title), el("p", {}, message));
}
