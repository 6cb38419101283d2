// Trusted Types: the page's Content-Security-Policy (`require-trusted-types-for 'script'`) makes the browser
// refuse any string assigned as HTML or as a script URL unless it went through a policy. The only policy is
// this one, for MapLibre: its workers may only be the vendored worker module of this app, and HTML it would
// build from strings is escaped to text. The page itself never needs HTML (dom.js).

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

export function installPolicy(maplibregl) {
  if (!window.trustedTypes?.createPolicy) return;
  const vendor = new URL("../../vendor/maplibre-gl/", import.meta.url).href;
  const policy = window.trustedTypes.createPolicy("maplibregl", {
    createHTML: escape,
    createScriptURL: (url) => {
      const resolved = new URL(url, document.baseURI).href;
      if (!resolved.startsWith(vendor)) throw new TypeError(`script URL refused: ${resolved}`);
      return resolved;
    },
  });
  maplibregl.setTrustedTypesPolicy(policy);
}
