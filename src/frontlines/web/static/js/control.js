// The date slider and control on that date: GET /api/control?at=DATE&format=geojson drawn as areas and
// places, and a summary of places per holder and the contested ones.
import { controlAt } from "./api.js";
import { CONTESTED_COLOUR, holderColour } from "./colours.js";
import { append, clear, el } from "./dom.js";
import { setControl } from "./mapview.js";

const DAY = 86400000;
const toDay = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);

export class ControlView {
  constructor(map, { slider, output, summary, areas, onError }) {
    Object.assign(this, { map, slider, output, summary, areas, onError });
    this.date = null;
    this.features = [];
    this.pending = null;
    this.timer = null;
    slider.addEventListener("input", () => this.schedule());
    slider.addEventListener("change", () => this.schedule(0));
    areas.addEventListener("change", () => this.draw());
  }

  /** The slider runs over the days from `first` to `last` (ISO dates), starting at `start`. */
  setRange(first, last, start = last) {
    this.slider.min = String(toDay(first));
    this.slider.max = String(toDay(last));
    this.slider.value = String(toDay(start));
    this.slider.disabled = false;
    this.output.textContent = start;
  }

  schedule(delay = 150) {
    this.output.textContent = toIso(Number(this.slider.value));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.show(toIso(Number(this.slider.value))), delay);
  }

  async show(date) {
    this.pending?.abort();
    const pending = (this.pending = new AbortController());
    this.output.textContent = date;
    this.slider.value = String(toDay(date));
    try {
      const collection = await controlAt(date, pending.signal);
      if (!pending.signal.aborted) this.apply(date, collection);
    } catch (error) {
      if (error.name !== "AbortError") this.onError(`control on ${date}: ${error.message}`);
    }
  }

  /** Draw control on `date` from its GeoJSON (GET /api/control?at=DATE&format=geojson). */
  apply(date, collection) {
    this.date = date;
    this.features = collection.features ?? [];
    this.draw();
    document.body.dataset.controlDate = date;
    document.dispatchEvent(new CustomEvent("frontlines:control", { detail: { date } }));
  }

  draw() {
    const features = this.areas.checked ? this.features : this.features.filter((f) => f.properties.kind !== "area");
    setControl(this.map, { type: "FeatureCollection", features });
    this.summarise();
  }

  summarise() {
    const places = this.features.filter((f) => f.properties.kind === "place");
    const byHolder = new Map();
    const contested = [];
    for (const { properties: p } of places) {
      if (p.status === "contested") contested.push(p.place_name ?? p.place_id);
      else if (p.status === "held") {
        const entry = byHolder.get(p.holder) ?? { colour: holderColour(p.holder_id, p.holder_side), count: 0 };
        entry.count += 1;
        byHolder.set(p.holder, entry);
      }
    }
    clear(this.summary);
    const items = [...byHolder].sort((a, b) => b[1].count - a[1].count).map(([holder, { colour, count }]) => {
      const dot = el("span", { class: "dot" });
      dot.style.backgroundColor = colour;
      return el("li", { "data-holder": holder }, dot, `${holder}: ${count}`);
    });
    if (contested.length) {
      items.push(el("li", { class: "contested", title: contested.join(", ") }, el("span", { class: "dot ring" }), `contested: ${contested.length}`));
    }
    append(this.summary, el("ul", {}, ...items));
    for (const ring of this.summary.querySelectorAll(".dot.ring")) ring.style.borderColor = CONTESTED_COLOUR;
  }
}

export { toIso, toDay };
