// Risk layer: GET /api/forecast for the current filters, drawn as circles (places) or cells (grid)
// shaded by the probability of activity within the horizon; a click lists the probability, the top
// reasons and the baselines. Everything from the server goes into the page as text, never as HTML.

const risk = {
  on: false,
  last: null, // the last /api/forecast answer (tests and scripts read it)
  params: null, // the query behind it
  token: 0,
  loading: false,
};
window.atlasForecast = risk;

const COLORS = ["#fff5eb", "#fdae6b", "#f16913", "#a63603", "#4a1402"];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function select(id, label, options, value) {
  const s = el("select", { id });
  for (const [v, text] of options) {
    const o = el("option", { value: v, text });
    if (v === value) o.selected = true;
    s.append(o);
  }
  return el("label", {}, label, " ", s);
}

function buildPanel() {
  const box = el("div", { id: "risk-box", "aria-live": "polite" });
  box.hidden = true;
  const section = el(
    "section", { id: "risk", "aria-label": "Risk forecast" },
    el("h2", { text: "Risk" }),
    el("button", {
      type: "button", id: "risk-toggle", "aria-pressed": "false",
      title: "Calibrated probability that activity appears at each place within the horizon (eventatlas forecast)",
      text: "Show risk",
    }),
    select("risk-horizon", "Horizon", [["30d", "30 days"], ["90d", "90 days"], ["180d", "180 days"]], "90d"),
    select("risk-target", "Target", [["onset", "first event at a place"], ["any", "any event"]], "onset"),
    select("risk-unit", "Units", [["place", "places"], ["grid", "0.5° cells"]], "place"),
    box,
  );
  const after = document.getElementById("spread") || document.getElementById("exports");
  after.after(section);
  document.getElementById("risk-toggle").addEventListener("click", () => setRisk(!risk.on));
  for (const id of ["risk-horizon", "risk-target", "risk-unit"]) {
    document.getElementById(id).addEventListener("change", () => risk.on && load());
  }
}

function query() {
  // the filters as the page's API link carries them (it is rewritten on every filter change)
  const link = new URL(document.getElementById("api-link").href, location.href);
  const p = new URLSearchParams(link.search);
  p.delete("bbox");
  p.set("horizon", document.getElementById("risk-horizon").value);
  p.set("target", document.getElementById("risk-target").value);
  p.set("unit", document.getElementById("risk-unit").value);
  p.set("top", "300");
  return p.toString();
}

function addLayers(map) {
  if (map.getSource("forecast")) return;
  map.addSource("forecast", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  const color = ["interpolate", ["linear"], ["get", "share"], 0, COLORS[0], 0.25, COLORS[1], 0.5, COLORS[2], 0.75, COLORS[3], 1, COLORS[4]];
  const before = map.getLayer("clusters") ? "clusters" : undefined;
  map.addLayer({
    id: "forecast-cells", type: "fill", source: "forecast", filter: ["==", ["geometry-type"], "Polygon"],
    layout: { visibility: "none" },
    paint: { "fill-color": color, "fill-opacity": 0.55, "fill-outline-color": "#7f2704" },
  }, before);
  map.addLayer({
    id: "forecast-places", type: "circle", source: "forecast", filter: ["==", ["geometry-type"], "Point"],
    layout: { visibility: "none" },
    paint: {
      "circle-color": color,
      "circle-opacity": 0.8,
      "circle-stroke-color": "#7f2704",
      "circle-stroke-width": 1,
      "circle-radius": ["interpolate", ["linear"], ["get", "share"], 0, 4, 1, 14],
    },
  }, before);
  const popup = new window.maplibregl.Popup({ closeButton: true, maxWidth: "320px" });
  const show = (e) => {
    const p = e.features[0].properties;
    const reasons = typeof p.reasons === "string" ? JSON.parse(p.reasons) : p.reasons;
    const base = typeof p.baselines === "string" ? JSON.parse(p.baselines) : p.baselines;
    const list = el("ul");
    for (const r of reasons || []) list.append(el("li", { text: r }));
    const node = el(
      "div", { class: "risk-popup" },
      el("strong", { text: p.name }),
      el("div", { text: `${(100 * p.probability).toFixed(1)} % chance of ${p.target === "onset" ? "a first event" : "an event"} ${p.origin} – ${p.until}` }),
      list,
      el("div", { class: "hint", text: "Baselines: " + Object.entries(base || {}).map(([k, v]) => `${k.replace("_", " ")} ${(100 * v).toFixed(1)} %`).join(", ") }),
    );
    popup.setLngLat(e.lngLat).setDOMContent(node).addTo(map);
  };
  for (const id of ["forecast-places", "forecast-cells"]) {
    map.on("click", id, show);
    map.on("mouseenter", id, () => { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", id, () => { map.getCanvas().style.cursor = ""; });
  }
}

function setVisible(map, on) {
  for (const id of ["forecast-places", "forecast-cells"]) {
    if (map.getLayer(id)) map.setLayoutProperty(id, "visibility", on ? "visible" : "none");
  }
}

function summary(res) {
  const box = document.getElementById("risk-box");
  box.hidden = false;
  const props = res.properties || {};
  if (!res.features.length) {
    box.textContent = props.message || "No unit to forecast.";
    return;
  }
  const top = res.features[0].properties;
  box.textContent = `${res.features.length} of ${props.units} units; ${props.model} model, ` +
    `${props.target} within ${props.horizon_days} days from ${props.origin}. ` +
    `Highest: ${top.name} ${(100 * top.probability).toFixed(1)} %.`;
}

async function load() {
  const map = window.atlas && window.atlas.map;
  if (!map) return;
  const params = query();
  const token = ++risk.token;
  risk.loading = true;
  const box = document.getElementById("risk-box");
  box.hidden = false;
  box.textContent = "Fitting the forecast…";
  try {
    const r = await fetch(`/api/forecast?${params}`);
    const res = await r.json();
    if (!r.ok) throw new Error(res.message || r.status);
    if (token !== risk.token) return;
    const max = Math.max(...res.features.map((f) => f.properties.probability), 1e-9);
    for (const f of res.features) f.properties.share = f.properties.probability / max;
    addLayers(map);
    map.getSource("forecast").setData(res);
    setVisible(map, risk.on);
    risk.last = res;
    risk.params = params;
    summary(res);
  } catch (err) {
    if (token === risk.token) box.textContent = `Could not load the forecast: ${err.message}`;
  } finally {
    if (token === risk.token) risk.loading = false;
  }
}

function setRisk(on) {
  risk.on = on;
  const button = document.getElementById("risk-toggle");
  button.setAttribute("aria-pressed", String(on));
  button.textContent = on ? "Hide risk" : "Show risk";
  const map = window.atlas && window.atlas.map;
  if (on && risk.params !== query()) load();
  else if (map) setVisible(map, on);
  if (!on) document.getElementById("risk-box").hidden = true;
  else if (risk.last) summary(risk.last);
}
risk.set = setRisk;

buildPanel();
// a filter change rewrites the API link: follow it while the layer is on
new MutationObserver(() => { if (risk.on && risk.params !== query()) load(); })
  .observe(document.getElementById("api-link"), { attributes: true, attributeFilter: ["href"] });
