// The frontwire dashboard: a map, a timeline and a table of events, linked through one set of
// filters, a stories panel (pick a story to see only its events), and an evidence viewer that
// shows every source's supporting sentence.
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
// Statuses whose fatalities are the reported figure (as the API's REPORTED_STATUSES; a missing
// status is the coder's default, reported). Every other status is shown apart.
const REPORTED = new Set(["reported", null, undefined, ""]);
// ACLED's geo precision: how each is drawn and named in the legend.
const PRECISION = {
  1: { label: "the place itself", dash: null, opacity: 0.85 },
  2: { label: "near it, or its district", dash: "3 2", opacity: 0.7 },
  3: { label: "its province or wider", dash: "1 3", opacity: 0.4 },
};
const PRECISION_UNKNOWN = { label: "precision unknown", dash: "1 3", opacity: 0.4 };
// The dashboard looks for new events this often, so an ingest shows without a reload.
const POLL_MS = 30_000;
const FILTER_LABELS = {
  bbox: "the map view", reported: "Reported figures only", date_from: "From", date_to: "To", event_type: "Event type", actor: "Actor",
  country: "Country", status: "Status", min_sources: "Independent sources", q: "Evidence text",
  story: "Story",
};
// Stories listed at once; the panel says when there are more.
const STORY_ROWS = 50;
const FILTER_FIELDS = { bbox: "in_view" };

// story: the story picked in the panel ({ id, title }), a filter like the form's; savedView: the
// map view before it was picked, given back when it is cleared.
const state = { filters: {}, bbox: null, events: [], timelineRange: null, story: null, savedView: null };
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

function currentFilters({ dates = true, view = true, story = true } = {}) {
  const f = { ...state.filters };
  if (!dates) { delete f.date_from; delete f.date_to; }
  if (view && state.filters.in_view && state.bbox) f.bbox = state.bbox;
  if (story && state.story) f.story = state.story.id;
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

function isReported(e) { return REPORTED.has(e.status); }

// A claimed or estimated figure always carries its status, so it is never read as reported.
function fatalityText(e) {
  return isReported(e) ? `${e.fatalities ?? 0} killed` : `${e.fatalities ?? 0} killed (${e.status})`;
}

function colour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }
function radius(fatalities) { return 5 + 3 * Math.sqrt(Math.max(0, fatalities || 0)); }

function drawMap(events) {
  clusters.clearLayers();
  const markers = [];
  for (const e of events) {
    if (e.latitude === null || e.longitude === null) continue;
    const precision = PRECISION[e.geo_precision] || PRECISION_UNKNOWN;
    const marker = L.circleMarker([e.latitude, e.longitude], {
      radius: radius(isReported(e) ? e.fatalities : 0), color: precision.dash ? "#1f2933" : "#fff",
      weight: precision.dash ? 1.5 : 1, dashArray: precision.dash, fillColor: colour(e.event_type),
      fillOpacity: precision.opacity, className: `fw-event precision-${e.geo_precision ?? "unknown"}`,
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

function precisionLegend(stats) {
  const el = document.getElementById("precision-legend");
  const counts = new Map((stats.by_geo_precision || []).map((p) => [p.geo_precision, p.events]));
  const title = document.createElement("b");
  title.textContent = "Placed at";
  const items = [1, 2, 3, null].filter((p) => p !== null || counts.has(null)).map((p) => {
    const spec = PRECISION[p] || PRECISION_UNKNOWN;
    const item = document.createElement("span");
    item.dataset.precision = String(p);
    const ring = document.createElement("i");
    ring.className = `ring${spec.dash ? " dashed" : ""}${spec.opacity < 0.5 ? " faint" : ""}`;
    item.append(ring, `${spec.label}: ${(counts.get(p) || 0).toLocaleString("en")}`);
    return item;
  });
  const none = document.createElement("span");
  none.dataset.precision = "none";
  none.textContent = `no place (not on the map): ${(stats.unplaced || 0).toLocaleString("en")}`;
  el.replaceChildren(title, ...items, none);
}

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
  // A few days (one story's) make wide slots: a bar is at most 40 px, in its slot's middle.
  const slot = width / buckets.length;
  const barWidth = Math.min(40, Math.max(1, slot - 1));
  const ns = "http://www.w3.org/2000/svg";
  buckets.forEach((b, i) => {
    const h = b.events ? Math.max(1, ((height - 16) * b.events) / max) : 0;
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("x", i * slot + Math.max(0, (slot - 1 - barWidth) / 2));
    rect.setAttribute("y", height - 14 - h);
    rect.setAttribute("width", barWidth);
    rect.setAttribute("height", h);
    rect.dataset.date = b.date;
    const chosen = state.filters.date_from || state.filters.date_to;
    const inside = (!state.filters.date_from || b.date >= state.filters.date_from) && (!state.filters.date_to || b.date <= state.filters.date_to);
    rect.setAttribute("class", chosen && !inside ? "bar out" : "bar");
    const title = document.createElementNS(ns, "title");
    title.textContent = `${b.date}: ${b.events} events, ${b.fatalities} fatalities reported` +
      (b.other_fatalities ? ` (+ ${b.other_fatalities} claimed or estimated, apart)` : "");
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
    const fatal = cell(isReported(e) ? (e.fatalities ?? 0) : `${e.fatalities ?? 0} ${e.status}`, `num figure-cell${isReported(e) ? "" : " status-note"}`);
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
    (state.story ? " of the story picked in the stories panel" : "") +
    (more ? ` (the map shows the newest ${events.length})` : "");
}

function drawFigures(stats) {
  document.querySelector("#fig-events b").textContent = stats.events.toLocaleString("en");
  document.querySelector("#fig-fatalities b").textContent = stats.fatalities.toLocaleString("en");
  document.querySelector("#fig-reports b").textContent = stats.reports.toLocaleString("en");
  // Claimed and estimated figures: beside the reported one, never added to it.
  const other = document.getElementById("fig-other");
  const figures = (stats.other_fatalities || []).filter((f) => f.fatalities > 0 || f.events > 0);
  other.hidden = figures.length === 0;
  other.replaceChildren(...figures.map((f) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "linklike";
    button.dataset.status = f.status;
    const parties = f.events === 1 ? "one report" : `${f.events.toLocaleString("en")} reports`;
    button.textContent = `+ ${f.fatalities.toLocaleString("en")} ${f.status} (${parties})`;
    button.addEventListener("click", () => showFigure(`Fatalities ${f.status}, apart from the reported ones`, { ...currentFilters(), status: f.status }, "-fatalities"));
    return button;
  }));
  precisionLegend(stats);
  drawLeftOut(stats.left_out || {});
}

// Each filter says how many events it drops that every other filter keeps.
function drawLeftOut(leftOut) {
  for (const old of form.querySelectorAll(".left-out-note")) old.remove();
  const parts = [];
  for (const [name, n] of Object.entries(leftOut)) {
    if (!n) continue;
    const label = FILTER_LABELS[name] || name;
    const what = name.startsWith("date") ? `${n.toLocaleString("en")} left out (outside the dates or undated)` : `${n.toLocaleString("en")} left out`;
    parts.push(`${label}: ${what}`);
    const field = form.elements[FILTER_FIELDS[name] || name];
    const holder = field && field.closest ? field.closest("label") : null;
    if (holder) {
      const note = document.createElement("small");
      note.className = "left-out-note";
      note.dataset.filter = name;
      note.textContent = what;
      holder.append(note);
    }
  }
  document.getElementById("left-out").textContent = parts.length ? `Filters leave out: ${parts.join("; ")}.` : "";
}

function drawBins(undated, unplaced) {
  document.getElementById("bin-undated").textContent = `${undated.toLocaleString("en")} undated`;
  document.getElementById("bin-unplaced").textContent = `${unplaced.toLocaleString("en")} unplaced (on no marker)`;
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
    head.textContent = `${e.event_date || "date unknown"} · ${e.location || "place unknown"} · ${fatalityText(e)} · ${e.independent_sources ?? 1} source(s)`;
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
document.getElementById("fig-fatalities").addEventListener("click", () => showFigure("Behind the fatality figure", { ...currentFilters(), reported: true }, "-fatalities"));
document.getElementById("bin-undated").addEventListener("click", () => showFigure("Events without a date", { ...currentFilters({ dates: false }), undated: true }, "-fatalities"));
document.getElementById("bin-unplaced").addEventListener("click", () => showFigure("Events without a place", { ...currentFilters({ view: false }), unplaced: true }, "-date"));
document.getElementById("open-aggregates").addEventListener("click", () => showAggregates());

// -- aggregates -----------------------------------------------------------------------------

async function showAggregates(by = "admin1", period = "month") {
  const panel = document.getElementById("evidence");
  const params = { ...currentFilters(), by, period };
  const body = await api("/aggregates", params);
  const h = document.createElement("h2");
  h.textContent = "Events by region";
  const controls = document.createElement("p");
  const bySelect = document.createElement("select");
  bySelect.name = "by";
  for (const [value, label] of [["admin1", "province (admin1)"], ["admin2", "district (admin2)"], ["country", "country"]]) bySelect.append(new Option(label, value, false, value === by));
  const periodSelect = document.createElement("select");
  periodSelect.name = "period";
  for (const value of ["month", "week"]) periodSelect.append(new Option(value, value, false, value === period));
  bySelect.addEventListener("change", () => showAggregates(bySelect.value, periodSelect.value));
  periodSelect.addEventListener("change", () => showAggregates(bySelect.value, periodSelect.value));
  const csvLink = document.createElement("a");
  csvLink.href = `/aggregates?${query({ ...params, format: "csv" })}`;
  csvLink.textContent = "CSV";
  csvLink.dataset.testid = "aggregates-csv";
  controls.append("By ", bySelect, " per ", periodSelect, " · ", csvLink);
  const table = document.createElement("table");
  table.className = "aggregates";
  table.dataset.testid = "aggregates";
  const head = document.createElement("tr");
  for (const [label, num] of [["Region", false], [period === "week" ? "Week of" : "Month", false], ["Events", true], ["Fatalities reported", true], ["Claimed or estimated (apart)", true], ["Crowd sizes", true]]) {
    const th = document.createElement("th");
    th.textContent = label;
    if (num) th.className = "num";
    head.append(th);
  }
  const thead = document.createElement("thead");
  thead.append(head);
  const tbody = document.createElement("tbody");
  for (const r of body.rows) {
    const tr = document.createElement("tr");
    tr.append(cell(r.region ?? "unplaced"), cell(r.period ? (period === "month" ? r.period.slice(0, 7) : r.period) : "undated"),
      cell(r.events, "num"), cell(r.fatalities, "num"), cell(r.claimed_fatalities, "num"), cell(r.crowd_events ? r.crowd_size : "", "num"));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  panel.replaceChildren(h, controls, table);
}

// -- stories --------------------------------------------------------------------------------

// A story's figures: its events, reported deaths, and every other status's deaths apart (a
// claim is never added to what was reported).
function storyFigures(s) {
  const line = document.createElement("span");
  line.className = "story-figures";
  const events = s.events === 1 ? "1 event" : `${s.events.toLocaleString("en")} events`;
  line.append(`${events} · ${s.fatalities.toLocaleString("en")} killed reported`);
  // Statuses with deaths only: "0 claimed" says nothing in a list (the story shows them all).
  for (const f of (s.other_fatalities || []).filter((o) => o.fatalities > 0)) {
    const apart = document.createElement("span");
    apart.className = "apart";
    apart.dataset.status = f.status;
    apart.title = `Fatalities ${f.status} by one party or estimated: shown apart, never added to the reported ones`;
    apart.textContent = ` · ${f.fatalities.toLocaleString("en")} ${f.status} (apart)`;
    line.append(apart);
  }
  return line;
}

function span(first, last) {
  if (!first && !last) return "";
  return first === last || !last ? first : `${first} – ${last}`;
}

// When: the story's event dates, else the days its articles came out.
function storyWhen(s) {
  const events = span(s.first_event, s.last_event);
  const published = span((s.first_published || "").slice(0, 10), (s.last_published || "").slice(0, 10));
  return events ? `events ${events}` : published ? `published ${published}` : "undated";
}

function storyItem(s) {
  const li = document.createElement("li");
  li.className = `story${state.story && state.story.id === s.story_id ? " selected" : ""}`;
  li.dataset.testid = "story";
  li.dataset.story = s.story_id;
  const button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-pressed", String(Boolean(state.story && state.story.id === s.story_id)));
  button.title = "Show only this story's events on the map, timeline and table";
  const title = document.createElement("span");
  title.className = "story-title";
  title.textContent = s.title || "untitled";
  const when = document.createElement("span");
  when.className = "story-meta";
  when.textContent = [storyWhen(s), (s.places || []).slice(0, 3).join(", ")].filter(Boolean).join(" · ");
  const size = document.createElement("span");
  size.className = "story-meta";
  size.textContent = `${s.articles} article${s.articles === 1 ? "" : "s"} · ${s.independent_sources} independent source${s.independent_sources === 1 ? "" : "s"}`;
  button.append(title, when, size, storyFigures(s));
  button.addEventListener("click", () => (state.story && state.story.id === s.story_id ? clearStory() : selectStory(s)));
  li.append(button);
  return li;
}

// Whether any filter besides the story is set: the list then holds only the stories with an
// event that passes them (as GET /stories does).
function filtered() {
  return Object.keys(currentFilters({ story: false })).length > 0;
}

let storiesGeneration = 0;
async function refreshStories() {
  const mine = ++storiesGeneration;
  const list = document.getElementById("story-list");
  let page;
  try {
    page = await api("/stories", { ...currentFilters({ story: false }), sort: document.getElementById("story-sort").value, limit: STORY_ROWS });
  } catch (err) {
    if (mine === storiesGeneration) list.replaceChildren(Object.assign(document.createElement("li"), { className: "stories-empty", textContent: String(err.message) }));
    return;
  }
  if (mine !== storiesGeneration) return;
  const count = document.getElementById("stories-count");
  count.textContent = page.total ? `(${page.total.toLocaleString("en")}${page.total > page.items.length ? `, the first ${page.items.length}` : ""})` : "";
  document.getElementById("stories-note").textContent = filtered()
    ? "Stories with an event that passes the filters, counted over those events. Click one to see only its events."
    : "Articles about one story across outlets and days. Click one to see only its events.";
  if (!page.items.length) {
    const empty = document.createElement("li");
    empty.className = "stories-empty";
    empty.dataset.testid = "stories-empty";
    empty.textContent = filtered()
      ? "No story has an event that passes the current filters. Widen the filters (or the map view) to see stories."
      : "No stories yet: stories form as articles are ingested.";
    list.replaceChildren(empty);
  } else {
    list.replaceChildren(...page.items.map(storyItem));
  }
  list.dataset.stories = String(page.items.length);
  list.dataset.ready = "true";
}

function drawStoryChosen() {
  const chosen = document.getElementById("story-chosen");
  chosen.hidden = !state.story;
  chosen.querySelector("b").textContent = state.story ? state.story.title || "untitled" : "";
  document.getElementById("stories-note").hidden = Boolean(state.story);
  for (const li of document.querySelectorAll("#story-list .story")) {
    const on = Boolean(state.story && li.dataset.story === state.story.id);
    li.classList.toggle("selected", on);
    li.querySelector("button").setAttribute("aria-pressed", String(on));
  }
}

async function selectStory(s) {
  if (!state.savedView) state.savedView = { center: map.getCenter(), zoom: map.getZoom() };
  state.story = { id: s.story_id, title: s.title };
  drawStoryChosen();
  await refresh({ timeline: true });
  document.getElementById("table-wrap").scrollTop = 0;
  // The map goes to the story's events; the view filter keeps the view the analyst chose (no
  // animation, so the move is over, and ignored, before the flag comes down).
  const pts = state.events.filter((e) => e.latitude !== null && e.longitude !== null).map((e) => [e.latitude, e.longitude]);
  if (pts.length) {
    programmaticMove = true;
    map.fitBounds(pts, { padding: [40, 40], maxZoom: 8, animate: false });
    programmaticMove = false;
  }
  await showStory(s.story_id);
}

function clearStory() {
  state.story = null;
  drawStoryChosen();
  // The view as it was before the story was picked; the move sets the view filter to it.
  if (state.savedView) map.setView(state.savedView.center, state.savedView.zoom, { animate: false });
  state.savedView = null;
  const panel = document.getElementById("evidence");
  if (panel.querySelector("[data-testid=story-events]")) {
    const hint = document.createElement("p");
    hint.className = "muted";
    hint.textContent = "Click an event on the map or in the table to see its sources and the sentences behind it.";
    panel.replaceChildren(hint);
  }
  for (const back of panel.querySelectorAll(".story-back")) back.remove();
  refresh({ timeline: true });
}

function storyBackButton() {
  const back = document.createElement("button");
  back.type = "button";
  back.className = "linklike story-back";
  back.dataset.testid = "story-back";
  back.textContent = `← the story: ${state.story.title || "untitled"}`;
  const id = state.story.id;
  back.addEventListener("click", () => showStory(id));
  return back;
}

// The picked story in the evidence column: its figures, its events (each figure opens the
// sentences behind it) and its articles.
async function showStory(id) {
  const panel = document.getElementById("evidence");
  let story;
  try {
    story = await api(`/stories/${encodeURIComponent(id)}`);
  } catch (err) {
    panel.textContent = String(err.message);
    return;
  }
  if (!state.story || state.story.id !== id) return;
  const shown = new Set(state.events.map((e) => e.event_id));
  const h = document.createElement("h2");
  h.textContent = `Story: ${story.title || "untitled"}`;
  h.className = "story-heading";
  h.title = story.title || "";
  const facts = document.createElement("dl");
  const passing = story.events.filter((e) => shown.has(e.event_id)).length;
  facts.append(
    ...fact("When", storyWhen(story)),
    ...fact("Published", span((story.first_published || "").slice(0, 10), (story.last_published || "").slice(0, 10)) || "unknown"),
    ...fact("Places", story.places.join(", ") || "none named"),
    ...fact("Articles", `${story.articles.length} from ${story.independent_sources} independent source${story.independent_sources === 1 ? "" : "s"}`),
    ...fact("Events", `${story.events.length}${passing !== story.events.length ? ` (${passing} pass the filters and are on the map)` : ""}`),
    ...fact("Killed, reported", story.fatalities.toLocaleString("en")),
  );
  for (const f of story.other_fatalities) {
    const [dt, dd] = fact(`Killed, ${f.status} (apart)`, `${f.fatalities.toLocaleString("en")} in ${f.events} report${f.events === 1 ? "" : "s"}`, "status-note");
    dd.dataset.status = f.status;
    facts.append(dt, dd);
  }
  const eh = document.createElement("h3");
  eh.textContent = "Its events";
  const events = document.createElement("ol");
  events.className = "behind story-events";
  events.dataset.testid = "story-events";
  for (const e of story.events) {
    const li = document.createElement("li");
    li.dataset.event = e.event_id;
    if (!shown.has(e.event_id)) {
      li.classList.add("out");
      li.title = "Left out by the current filters: not on the map";
    }
    const head = document.createElement("button");
    head.type = "button";
    head.className = "linklike";
    head.textContent = `${e.event_date || "date unknown"} · ${e.location || "place unknown"} · ${e.sub_event_type || e.event_type || "event"} · ${e.independent_sources ?? 1} source(s)`;
    head.addEventListener("click", () => showEvent(e.cluster_id || e.event_id));
    // The figure, with its status when it is not a reported one; it opens the sentence behind it.
    const figure = document.createElement("button");
    figure.type = "button";
    figure.className = `linklike figure-cell${isReported(e) ? "" : " status-note"}`;
    figure.dataset.testid = "story-event-figure";
    figure.title = "The sentences behind this figure";
    figure.textContent = fatalityText(e);
    figure.addEventListener("click", () => showEvent(e.cluster_id || e.event_id));
    const q = document.createElement("blockquote");
    q.textContent = e.notes || "";
    li.append(head, figure, q);
    events.append(li);
  }
  if (!story.events.length) events.append(Object.assign(document.createElement("li"), { className: "muted", textContent: "No event was coded from its articles." }));
  const ah = document.createElement("h3");
  ah.textContent = "Its articles";
  const articles = document.createElement("ol");
  articles.className = "story-articles";
  articles.dataset.testid = "story-articles";
  const seen = new Set();
  for (const a of story.articles) {
    const li = document.createElement("li");
    const title = a.url ? Object.assign(document.createElement("a"), { href: a.url, rel: "noopener noreferrer", target: "_blank" }) : document.createElement("span");
    title.textContent = a.title || "untitled";
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = `${a.outlet || "unknown outlet"}${a.published ? " · " + a.published : ""}` +
      (seen.has(a.copy_cluster) ? " · a copy of an earlier report (one source)" : "");
    seen.add(a.copy_cluster);
    li.append(meta, document.createElement("br"), title);
    articles.append(li);
  }
  panel.replaceChildren(h, facts, eh, events, ah, articles);
  panel.scrollTop = 0;
}

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
    ...fact("Actors", [e.actor1, e.actor2].filter(Boolean).join(" → ")), ...fact("Status", e.status || "reported"),
    ...fact("Independent sources", `${detail.independent_sources} of ${detail.reports} reports`),
    ...fact("PLOVER", [e.plover_event, e.plover_mode].filter(Boolean).join(" / ")),
  );
  const children = [h, facts];
  if (state.story) children.unshift(storyBackButton());
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
    meta.append(verdict, ` · says who: ${source.event.source_name || "unattributed"} · ${source.event.status || "status unknown"} · ${fatalityText(source.event)}` + (repaired ? ` · ${repaired} repaired characters marked` : ""));
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
      // Shown as the API gives it, in UTC and saying so: never converted to the browser's zone.
      const when = r.revised_at ? r.revised_at.replace("T", " ").replace(/(\.\d+)?(Z|\+00:00)$/, " UTC") : "";
      li.textContent = `${when} ${r.action || ""} ${r.detail ? JSON.stringify(r.detail) : ""}`;
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
  // The stories panel fills on its own: the first view does not wait for it.
  refreshStories();
  try {
    // One /stats answers for the figures, the timeline and the bins when no date or view
    // filter separates them (the first view): on a million events each /stats is a few scans.
    const filters = currentFilters();
    const interval = state.interval || "week";
    const dated = Boolean(filters.date_from || filters.date_to);
    const [page, stats, timelineStats, unplaced] = await Promise.all([
      api("/events", { ...filters, limit: MAP_LIMIT }),
      api("/stats", { ...filters, interval }),
      timeline && dated ? api("/stats", { ...currentFilters({ dates: false }), interval }) : null,
      filters.bbox ? api("/stats", { ...currentFilters({ view: false }), unplaced: true }) : null,
    ]);
    const timelineSource = timeline ? (timelineStats || stats) : null;
    if (mine !== generation) return;
    state.events = page.items;
    drawMap(page.items);
    drawTable(page.items, Boolean(page.next_cursor));
    drawFigures(stats);
    if (timelineSource) state.undated = timelineSource.undated;
    drawBins(state.undated ?? stats.undated, unplaced ? unplaced.events : stats.unplaced);
    state.storeRows = stats.store;
    if (!state.selectsFilled) {
      fillSelect("event_type", stats.by_event_type);
      fillSelect("country", stats.by_country);
      fillSelect("status", stats.by_status);
      state.selectsFilled = true;
    }
    if (timelineSource) {
      // The first answer comes by week; a span of 120 days or less is redrawn by day (a small
      // store, so the second request is cheap where a big one never needs it).
      const { date_min: first, date_max: last } = timelineSource;
      const spanDays = first && last ? (Date.parse(last) - Date.parse(first)) / 864e5 : 0;
      if (!state.interval && spanDays <= 120) {
        state.interval = "day";
        drawTimeline(await api("/stats", { ...currentFilters({ dates: false }), interval: "day" }));
      } else {
        state.interval = state.interval || "week";
        drawTimeline(timelineSource);
      }
    }
    if (fit) {
      const pts = page.items.filter((e) => e.latitude !== null && e.longitude !== null).map((e) => [e.latitude, e.longitude]);
      if (pts.length) { programmaticMove = true; map.fitBounds(pts, { padding: [30, 30], maxZoom: 7 }); }
    }
    // A story on show in the evidence column marks again which of its events the filters keep.
    if (state.story && document.querySelector("#evidence [data-testid=story-events]")) showStory(state.story.id);
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
  form.addEventListener("change", () => { state.filters = readForm(); refresh({ timeline: true }); });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => {
    state.filters = readForm();
    if (state.story) clearStory();
    else refresh({ timeline: true });
  }, 0));
  document.getElementById("story-sort").addEventListener("change", () => refreshStories());
  document.getElementById("story-clear").addEventListener("click", () => clearStory());
  await refresh({ timeline: true, fit: true });
}

// New events from an ingest show up without a reload: the store's row counts are cheap to ask.
async function poll() {
  if (document.hidden || !state.storeRows) return;
  try {
    const now = await api("/store");
    if (JSON.stringify(now) !== JSON.stringify(state.storeRows)) {
      state.storeRows = now;
      await refresh({ timeline: true });
    }
  } catch (err) {
    // A busy store (an ingest writing) answers 503: the next poll tries again.
  }
}

start().then(() => {
  setInterval(poll, POLL_MS);
  // Coming back to the tab looks at once, rather than at the next tick.
  document.addEventListener("visibilitychange", poll);
});
