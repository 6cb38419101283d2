// Safe DOM building. Everything that comes from the API (article text, titles, outlets, actor labels) is
// untrusted: it only ever becomes text nodes (textContent, createTextNode), never markup. No function here
// takes HTML, and the page's Content-Security-Policy refuses strings as HTML (Trusted Types) besides.

/** An element: el("td", {class: "x", title: "…"}, "text", otherNode). Attributes are set one by one with
 * setAttribute, children are nodes or strings (strings become text nodes). `on*` attributes are refused. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name)) throw new Error(`el(): event handler attribute ${name} refused; use addEventListener`);
    node.setAttribute(name, value === true ? "" : String(value));
  }
  append(node, ...children);
  return node;
}

/** Append strings (as text nodes) and nodes; null, undefined and false are skipped. */
export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

/** Remove every child of `node`. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** A link only for http(s) addresses (a report's URL is untrusted: no javascript:, data: or relative URLs). */
export function safeLink(url, label) {
  let parsed = null;
  try {
    parsed = new URL(String(url));
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) return document.createTextNode(String(label ?? url ?? ""));
  return el("a", { href: parsed.href, target: "_blank", rel: "noopener noreferrer nofollow" }, String(label ?? parsed.href));
}

/**
 * The report's text with its spans highlighted, as a DocumentFragment of text nodes and <mark> elements.
 * `spans` are {start, end, kind, label} with offsets into `text` (UTF-16 code units, as the API's offsets
 * index the stored text: Python counts code points, so `codePointOffsets` converts first). Overlapping spans
 * are allowed: the text is cut at every span boundary and each piece is marked with the kinds covering it.
 */
export function highlighted(text, spans) {
  const fragment = document.createDocumentFragment();
  const valid = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.start >= 0 && s.end <= text.length);
  const cuts = new Set([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = valid.filter((s) => s.start <= from && s.end >= to);
    if (covering.length === 0) {
      fragment.appendChild(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const mark = el("mark", {
      class: kinds.map((k) => `hl-${k.replace(/[^a-z0-9_-]/gi, "_")}`).join(" "),
      "data-kinds": kinds.join(" "),
      title: [...new Set(covering.map((s) => s.label))].join("; "),
    });
    mark.appendChild(document.createTextNode(piece));
    fragment.appendChild(mark);
  }
  return fragment;
}

/** Offsets counted in code points (Python's str indexes) -> offsets in UTF-16 code units (JavaScript's). */
export function codePointOffsets(text) {
  const table = [0];
  let units = 0;
  for (const ch of text) {
    units += ch.length;
    table.push(units);
  }
  return (offset) => (offset >= 0 && offset < table.length ? table[offset] : -1);
}
