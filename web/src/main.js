// The frontwire dashboard: a map, a timeline and a table of events, linked through one set of
// filters, and an evidence viewer that shows every source's supporting sentence.
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import "./style.css";
import L from "leaflet";
import "leaflet.markercluster";
import { feature } from "topojson-client";
import countries from "world-atlas/countries-110m.json";

// Points drawn on the map at once; the API caps a page at [server] max_page_size (5,000).
const MAP_LIMIT = 2000;
const TABLE_ROWS = 200;
const TYPE_COLOURS = {
  Battles: "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  Protests: "#2980b9",
  Riots: "#16a085",
  "Strategic developments": "#7f8c8d",
};
const OTHER_COLOUR = "#34495e";

const state = { filters: {}, bbox: null, events: [], timelineRange: null };
const form = document.getElementById("filters");

// -- API ------------------------------------------------------------------------------------

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

async function api(path, params = {}) {
  const qs = query(params);
  const response = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(`[${body.code}] ${body.message}`);
  return body;
}

function currentFilters({ dates = true, view = true } = {}) {
  const f = { ...state.filters };
  if (!dates) { delete f.date_from; delete f.date_to; }
  if (view && state.filters.in_view && state.bbox) f.bbox = state.bbox;
  delete f.in_view;
  return f;
}

// -- map ------------------------------------------------------------------------------------

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5, preferCanvas: false });
map.attributionControl.setPrefix(false);
map.attributionControl.addAttribution("Natural Earth (world-atlas)");
L.geoJSON(feature(countries, countries.objects.countries), {
  style: { color: "#9aa5b1", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
  interactive: false,
}).addTo(map);
map.setView([30, 20], 2);
const clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 40 });
map.addLayer(clusters);

function textBlock(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

function fatalityText(e) {
  return `${e.fatalities ?? 0} killed`;
}

function colour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }
function radius(fatalities) { return 5 + 3 * Math.sqrt(Math.max(0, fatalities || 0)); }

function drawMap(events) {
  clusters.clearLayers();
  const markers = [];
  for (const e of events) {
    if (e.latitude === null || e.longitude === null) continue;
    const marker = L.circleMarker([e.latitude, e.longitude], {
      radius: radius(e.fatalities), color: "#fff", weight: 1, fillColor: colour(e.event_type),
      fillOpacity: 0.85, className: "fw-event",
    });
    // Leaflet inserts a string tooltip as HTML; place names come from articles, so the
    // tooltip is a text node (made when first shown).
    marker.bindTooltip(() => textBlock(`${e.event_date || "date unknown"} · ${e.location || ""} · ${e.event_type || ""} · ${fatalityText(e)}`));
    marker.on("click", () => showEvent(e.cluster_id || e.event_id));
    markers.push(marker);
  }
  clusters.addLayers(markers);
  document.getElementById("map").dataset.eventsDrawn = String(markers.length);
}

let programmaticMove = false;
map.on("moveend", () => {
  if (programmaticMove) { programmaticMove = false; return; }
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  state.bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
  if (state.filters.in_view) refresh({ timeline: true });
});

function legend() {
  const el = document.getElementById("legend");
  el.replaceChildren(...Object.entries(TYPE_COLOURS).map(([type, c]) => {
    const item = document.createElement("span");
    const dot = document.createElement("i");
    dot.style.background = c;
    item.append(dot, type);
    return item;
  }));
}

// -- timeline -------------------------------------------------------------------------------

function drawTimeline(stats) {
  const svg = document.querySelector("#timeline svg");
  const width = svg.clientWidth || 600;
  const height = 90;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const buckets = fillGaps(stats.timeline, stats.interval === "week" ? 7 : 1);
  if (!buckets.length) return;
  const max = Math.max(...buckets.map((b) => b.events));
  const barWidth = Math.max(1, width / buckets.length - 1);
  const ns = "http://www.w3.org/2000/svg";
  buckets.forEach((b, i) => {
    const h = b.events ? Math.max(1, ((height - 16) * b.events) / max) : 0;
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", (i * width) / buckets.length);
    rect.setAttribute("y", height - 14 - h);
    rect.setAttribute("width", barWidth);
    rect.setAttribute("height", h);
    rect.dataset.date = b.date;
    const chosen = state.filters.date_from || state.filters.date_to;
    const inside = (!state.filters.date_from || b.date >= state.filters.date_from) && (!state.filters.date_to || b.date <= state.filters.date_to);
    rect.setAttribute("class", chosen && !inside ? "bar out" : "bar");
    const title = document.createElementNS(ns, "title");
    title.textContent = `${b.date}: ${b.events} events, ${b.fatalities} fatalities`;
    rect.append(title);
    svg.append(rect);
  });
  for (const [i, anchor] of [[0, "start"], [buckets.length - 1, "end"]]) {
    const text = document.createElementNS(ns, "text");
    text.setAttribute("x", anchor === "start" ? 0 : width);
    text.setAttribute("y", height - 2);
    text.setAttribute("text-anchor", anchor);
    text.textContent = buckets[i].date;
    svg.append(text);
  }
  state.timelineBuckets = buckets;
  state.timelineInterval = stats.interval;
}

// Days (or weeks) without events are bars of zero, so the time axis stays even.
function fillGaps(buckets, step) {
  if (buckets.length < 2 || buckets.length > 5000) return buckets;
  const byDate = new Map(buckets.map((b) => [b.date, b]));
  const out = [];
  const day = new Date(buckets[0].date + "T00:00:00Z");
  const last = buckets[buckets.length - 1].date;
  while (out.length < 5000) {
    const key = day.toISOString().slice(0, 10);
    if (key > last) break;
    out.push(byDate.get(key) || { date: key, events: 0, fatalities: 0 });
    day.setUTCDate(day.getUTCDate() + step);
  }
  return out;
}

function bucketAt(svg, clientX) {
  const rect = svg.getBoundingClientRect();
  const buckets = state.timelineBuckets || [];
  const i = Math.floor(((clientX - rect.left) / rect.width) * buckets.length);
  return buckets[Math.min(buckets.length - 1, Math.max(0, i))];
}

function endOfBucket(date) {
  if (state.timelineInterval !== "week") return date;
  const d = new Date(date + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + 6);
  return d.toISOString().slice(0, 10);
}

(function brushing() {
  const svg = document.querySelector("#timeline svg");
  let start = null;
  let band = null;
  svg.addEventListener("pointerdown", (ev) => {
    start = ev.clientX;
    band = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    band.setAttribute("class", "brush");
    band.setAttribute("y", 0);
    band.setAttribute("height", 76);
    svg.append(band);
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (start === null) return;
    const r = svg.getBoundingClientRect();
    const scale = (svg.viewBox.baseVal.width || r.width) / r.width;
    band.setAttribute("x", (Math.min(start, ev.clientX) - r.left) * scale);
    band.setAttribute("width", Math.abs(ev.clientX - start) * scale);
  });
  svg.addEventListener("pointerup", (ev) => {
    if (start === null) return;
    const a = bucketAt(svg, Math.min(start, ev.clientX));
    const b = bucketAt(svg, Math.max(start, ev.clientX));
    const dragged = Math.abs(ev.clientX - start) > 4;
    start = null;
    band.remove();
    if (!a || !b) return;
    if (dragged) {
      setFilter({ date_from: a.date, date_to: endOfBucket(b.date) });
    } else {
      showFigure(`Events of ${a.date}${state.timelineInterval === "week" ? " (week)" : ""}`, { ...currentFilters(), date_from: a.date, date_to: endOfBucket(a.date) }, "-fatalities");
    }
  });
})();

// -- table and figures ------------------------------------------------------------------------

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text ?? "";
  if (cls) td.className = cls;
  return td;
}

function drawTable(events, more) {
  const body = document.querySelector("#events tbody");
  body.replaceChildren(...events.slice(0, TABLE_ROWS).map((e) => {
    const tr = document.createElement("tr");
    tr.dataset.cluster = e.cluster_id || e.event_id;
    const fatal = cell(e.fatalities ?? 0, "num figure-cell");
    fatal.title = "The sentences behind this figure";
    const type = cell(e.sub_event_type || e.event_type);
    type.prepend(Object.assign(document.createElement("i"), { className: "dot", style: `background:${colour(e.event_type)}` }));
    tr.append(cell(e.event_date || "unknown"), type, cell([e.location, e.country].filter(Boolean).join(", ")), fatal,
      cell(e.independent_sources ?? 1, "num"), cell(e.status), cell(e.source_name));
    tr.addEventListener("click", () => showEvent(tr.dataset.cluster));
    return tr;
  }));
  const shown = Math.min(events.length, TABLE_ROWS);
  document.getElementById("table-caption").textContent =
    `${shown} of ${more ? "more than " : ""}${events.length} events${state.filters.in_view ? " in view" : ""}` +
    (more ? ` (the map shows the newest ${events.length})` : "");
}

function drawFigures(stats) {
  document.querySelector("#fig-events b").textContent = stats.events.toLocaleString("en");
  document.querySelector("#fig-fatalities b").textContent = stats.fatalities.toLocaleString("en");
  document.querySelector("#fig-reports b").textContent = stats.reports.toLocaleString("en");
}

function fillSelect(name, counts) {
  const select = form.elements[name];
  const value = select.value;
  select.replaceChildren(new Option("any", ""), ...counts.filter((c) => c.value).map((c) => new Option(`${c.value} (${c.events})`, c.value)));
  select.value = value;
}

// "Click any figure and get to the sentences behind it": the events that make up a figure,
// each with its evidence sentence and its own number.
async function showFigure(title, filters, sort) {
  const panel = document.getElementById("evidence");
  const page = await api("/events", { ...filters, sort, limit: 50 });
  const list = document.createElement("ol");
  list.className = "behind";
  for (const e of page.items) {
    const li = document.createElement("li");
    const head = document.createElement("button");
    head.className = "linklike";
    head.textContent = `${e.event_date || "date unknown"} · ${e.location || "place unknown"} · ${e.fatalities ?? 0} killed · ${e.independent_sources ?? 1} source(s)`;
    head.addEventListener("click", () => showEvent(e.cluster_id || e.event_id));
    const q = document.createElement("blockquote");
    q.textContent = e.notes || "";
    li.append(head, q);
    list.append(li);
  }
  const h = document.createElement("h2");
  h.textContent = title;
  const note = document.createElement("p");
  note.className = "muted";
  note.textContent = page.next_cursor ? "The first 50; narrow the filters for the rest." : `${page.items.length} events.`;
  panel.replaceChildren(h, note, list);
}

document.getElementById("fig-events").addEventListener("click", () => showFigure("Behind the event count", currentFilters(), "-date"));
document.getElementById("fig-fatalities").addEventListener("click", () => showFigure("Behind the fatality figure", currentFilters(), "-fatalities"));

// -- evidence viewer ------------------------------------------------------------------------

// The article text in original offsets: repaired letters shown as repaired and marked, the
// evidence spans highlighted. Built with DOM nodes (never innerHTML), so text stays text.
function renderArticle(article, spans) {
  const text = article.original_text;
  const edits = [...(article.edits || [])].sort((a, b) => a.orig_start - b.orig_start);
  const points = new Set([0, text.length]);
  for (const e of edits) { points.add(e.orig_start); points.add(e.orig_end); }
  for (const s of spans) { points.add(s.orig_start); points.add(s.orig_end); }
  const cuts = [...points].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const inEvidence = (p) => spans.some((s) => p >= s.orig_start && p < s.orig_end);
  const root = document.createElement("div");
  root.className = "article-text";
  let editIndex = 0;
  let pos = 0;
  for (let i = 0; i < cuts.length - 1; i++) {
    const a = cuts[i];
    const b = cuts[i + 1];
    if (a < pos) continue;
    while (editIndex < edits.length && edits[editIndex].orig_start < a) editIndex++;
    let node;
    const edit = edits[editIndex];
    if (edit && edit.orig_start === a) {
      node = document.createElement("ins");
      node.className = `repaired ${edit.kind}`;
      node.textContent = edit.replacement || "·";
      node.title = `repaired (${edit.kind}${edit.script ? ", " + edit.script : ""}): was ${JSON.stringify(edit.original)}`;
      pos = Math.max(edit.orig_end, a + 1);
      editIndex++;
    } else {
      node = document.createTextNode(text.slice(a, b));
      pos = b;
    }
    if (inEvidence(a)) {
      const mark = document.createElement("mark");
      mark.className = "evidence";
      mark.append(node);
      node = mark;
    }
    root.append(node);
  }
  return root;
}

function fact(label, value, cls) {
  const dt = document.createElement("dt");
  dt.textContent = label;
  const dd = document.createElement("dd");
  dd.textContent = value ?? "–";
  if (cls) dd.className = cls;
  return [dt, dd];
}

async function showEvent(id) {
  const panel = document.getElementById("evidence");
  let detail;
  try {
    detail = await api(`/events/${encodeURIComponent(id)}`);
  } catch (err) {
    panel.textContent = String(err.message);
    return;
  }
  const e = detail.event;
  const h = document.createElement("h2");
  h.textContent = `${e.sub_event_type || e.event_type || "Event"} · ${e.location || "place unknown"}`;
  const facts = document.createElement("dl");
  const fatalities = fact("Fatalities", `${e.fatalities ?? 0}${e.fatalities_low !== null && e.fatalities_high !== null ? ` (${e.fatalities_low}–${e.fatalities_high})` : ""}`, "figure-cell");
  fatalities[1].title = "Show the sentences behind this figure";
  fatalities[1].dataset.testid = "evidence-fatalities";
  fatalities[1].addEventListener("click", () => {
    const marks = panel.querySelectorAll("mark.evidence");
    marks.forEach((m) => m.classList.add("flash"));
    if (marks[0]) marks[0].scrollIntoView({ block: "center" });
    setTimeout(() => marks.forEach((m) => m.classList.remove("flash")), 1500);
  });
  facts.append(
    ...fact("Date", e.event_date || "unknown"), ...fatalities, ...fact("Injured", e.injured),
    ...fact("Actors", [e.actor1, e.actor2].filter(Boolean).join(" → ")), ...fact("Status", e.status),
    ...fact("Independent sources", `${detail.independent_sources} of ${detail.reports} reports`),
    ...fact("PLOVER", [e.plover_event, e.plover_mode].filter(Boolean).join(" / ")),
  );
  const children = [h, facts];
  detail.sources.forEach((source, i) => {
    const box = document.createElement("section");
    box.className = "source";
    box.dataset.testid = "source";
    const a = source.article;
    const title = document.createElement("h3");
    title.textContent = `${i + 1}. ${a?.outlet || "unknown outlet"}${a?.published ? " · " + a.published : ""}${a?.title ? " · " + a.title : ""}`;
    const meta = document.createElement("p");
    meta.className = "meta";
    const verdict = document.createElement("span");
    verdict.className = `verdict ${a?.verdict || "unchecked"}`;
    verdict.textContent = a?.verdict ? a.verdict.replaceAll("_", " ") : "unchecked";
    verdict.title = "forensics verdict on this article's text";
    const repaired = (a?.edits || []).length;
    meta.append(verdict, ` · says who: ${source.event.source_name || "unattributed"} · ${source.event.status || "status unknown"} · ${source.event.fatalities ?? 0} killed` + (repaired ? ` · ${repaired} repaired characters marked` : ""));
    box.append(title, meta);
    if (a) box.append(renderArticle(a, source.evidence));
    else {
      const q = document.createElement("blockquote");
      q.textContent = source.event.notes || "";
      box.append(q);
    }
    children.push(box);
  });
  if (detail.revisions.length) {
    const rh = document.createElement("h3");
    rh.textContent = "Revisions";
    const ul = document.createElement("ul");
    for (const r of detail.revisions) {
      const li = document.createElement("li");
      li.textContent = `${r.revised_at || ""} ${r.action || ""} ${r.detail ? JSON.stringify(r.detail) : ""}`;
      ul.append(li);
    }
    children.push(rh, ul);
  }
  panel.replaceChildren(...children);
  panel.scrollTop = 0;
  const mark = panel.querySelector("mark.evidence");
  if (mark) mark.scrollIntoView({ block: "nearest" });
}

// -- filters and refresh ----------------------------------------------------------------------

function readForm() {
  const f = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === "checkbox") f[el.name] = el.checked;
    else if (el.value) f[el.name] = el.value;
  }
  return f;
}

function setFilter(changes) {
  for (const [k, v] of Object.entries(changes)) if (form.elements[k]) form.elements[k].value = v ?? "";
  state.filters = readForm();
  refresh({ timeline: true });
}

let generation = 0;
async function refresh({ timeline = true, fit = false } = {}) {
  const mine = ++generation;
  document.body.classList.add("loading");
  try {
    const [page, stats, timelineStats] = await Promise.all([
      api("/events", { ...currentFilters(), limit: MAP_LIMIT }),
      api("/stats", currentFilters()),
      timeline ? api("/stats", { ...currentFilters({ dates: false }), interval: state.interval || "day" }) : null,
    ]);
    if (mine !== generation) return;
    state.events = page.items;
    drawMap(page.items);
    drawTable(page.items, Boolean(page.next_cursor));
    drawFigures(stats);
    if (timelineStats) {
      const t = timelineStats.timeline;
      const spanDays = t.length ? (Date.parse(t[t.length - 1].date) - Date.parse(t[0].date)) / 864e5 : 0;
      if (!state.interval && spanDays > 120) {
        state.interval = "week";
        drawTimeline(await api("/stats", { ...currentFilters({ dates: false }), interval: "week" }));
      } else drawTimeline(timelineStats);
    }
    if (fit) {
      const pts = page.items.filter((e) => e.latitude !== null && e.longitude !== null).map((e) => [e.latitude, e.longitude]);
      if (pts.length) { programmaticMove = true; map.fitBounds(pts, { padding: [30, 30], maxZoom: 7 }); }
    }
    document.body.dataset.ready = "true";
  } catch (err) {
    document.getElementById("table-caption").textContent = String(err.message);
  } finally {
    if (mine === generation) document.body.classList.remove("loading");
  }
}

async function start() {
  legend();
  state.filters = readForm();
  const stats = await api("/stats");
  fillSelect("event_type", stats.by_event_type);
  fillSelect("country", stats.by_country);
  fillSelect("status", stats.by_status);
  form.addEventListener("change", () => { state.filters = readForm(); refresh({ timeline: true }); });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => { state.filters = readForm(); refresh({ timeline: true }); }, 0));
  await refresh({ timeline: true, fit: true });
}

start();
