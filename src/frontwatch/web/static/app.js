// The workspace page: filters (kept in the URL), map, timeline, event panel, export links.
import { EXPORT_LIMIT, FILTERS, MAP_LIMIT, filterParams, getJSON, readState, writeState } from './api.js';
import { el, clear } from './dom.js';
import { createClock } from './clock.js';
import { createLabels } from './labels.js';
import { TYPE_COLOURS, createMap, legend, legendControllers, markPresentTypes } from './map.js';
import { renderControl, renderEvent, renderMessage } from './panel.js';
import { createTimeline, fromDay, toDay } from './timeline.js';

const OPENING_DAYS = 90; // the page opens on at least the last 90 days that have events,
const OPENING_EVENTS = 50; // widened until it holds this many dated events (or all of them)
const body = document.body;
const form = document.getElementById('filters');
const message = document.getElementById('message');
const panel = document.getElementById('panel');
const panelBody = document.getElementById('panel-body');
const rangeLabel = document.getElementById('range-label');
const mapNote = document.getElementById('map-note');
const legendBox = document.getElementById('legend');
let state = readState();
let latest = null;
let firstDay = null; // the earliest dated event's day
let datedTotal = null; // dated events matching the filters in every period (timeline sum)
let openedOnLatest = false; // the period was chosen by the page, not by the reader
let openedAll = false; // ... and it holds every dated event
let seq = 0;

// The status line; empty and error states are also shown over the map, where the eye is.
function say(text, kind = 'info') {
  message.textContent = text;
  message.className = kind;
  mapNote.textContent = kind === 'info' ? '' : text;
  mapNote.className = kind;
  mapNote.hidden = kind === 'info';
}

const view = createMap(document.getElementById('map'), {
  tileUrl: body.dataset.tileUrl, tileAttribution: body.dataset.tileAttribution,
  basemapUrl: body.dataset.basemapUrl, basemapAttribution: body.dataset.basemapAttribution,
  onSelect: openEvent, onControl: openControl,
});
const labels = createLabels(view.map);
let pageEvents = []; // the events of the period, before the clock's cut
const clock = createClock({
  onChange(at) {
    if (at) state.at = at; else delete state.at;
    writeState(state);
    showClock();
    refreshControl().catch((e) => say(e.message, 'error'));
  },
});
const timeline = createTimeline(document.getElementById('timeline'), {
  onBrush(since, until) {
    state.since = since; state.until = until; openedOnLatest = false; refresh({ timeline: false });
  },
});
legend(legendBox);

// For tests and debugging: what the map shows, read-only.
window.frontwatch = {
  map: view.map,
  markers: () => view.markers.map((m) => ({
    id: m.fwEvent.id, type: m.fwEvent.event_type, lat: m.getLatLng().lat, lon: m.getLatLng().lng,
    start: m.fwEvent.date ? m.fwEvent.date.start : null, end: m.fwEvent.date ? m.fwEvent.date.end : null,
  })),
  state: () => ({ ...state }),
  control: () => view.control.getLayers().map((m) => ({
    lat: m.getLatLng().lat, lon: m.getLatLng().lng, controller: m.fwControl.controller, place: m.fwControl.place,
    tier: m.fwControl.tier, certain: m.fwControl.certain,
  })),
  labels: () => labels.shown(),
  typeColours: TYPE_COLOURS,
  clock: () => clock.day(),
};

function fillForm() {
  for (const key of FILTERS) {
    const field = form.elements.namedItem(key);
    if (field) field.value = state[key] || '';
  }
}

function readForm() {
  for (const key of FILTERS) {
    const field = form.elements.namedItem(key);
    const value = field ? field.value.trim() : '';
    if (value) state[key] = value; else delete state[key];
  }
}

function exportLinks() {
  for (const fmt of ['csv', 'geojson', 'json']) {
    const params = filterParams(state);
    params.set('format', fmt);
    params.set('limit', String(EXPORT_LIMIT));
    params.set('total', 'false');
    const link = document.getElementById(`export-${fmt}`);
    link.href = `/api/events?${params.toString()}`;
    link.setAttribute('download', `frontwatch-events.${fmt === 'geojson' ? 'geojson' : fmt}`);
  }
}

function showRange() {
  rangeLabel.textContent = state.since || state.until
    ? `Period: ${state.since || '…'} to ${state.until || '…'}` : 'Period: all dates';
  timeline.setRange(state.since, state.until);
  sinceField.value = state.since || '';
  untilField.value = state.until || '';
  for (const f of [sinceField, untilField]) f.removeAttribute('aria-invalid');
  datesError.textContent = '';
}

// The event layer follows the clock: the period's events up to the clock's day.
function showClock() {
  const at = state.at && state.until && state.at < state.until ? state.at : null;
  const events = at ? pageEvents.filter((ev) => !ev.date || !ev.date.start || ev.date.start <= at) : pageEvents;
  const shown = view.show(events);
  markPresentTypes(legendBox, events);
  return shown;
}

// Date fields beside the timeline: typed, checked, then kept in the address bar like a brush.
const datesForm = document.getElementById('dates');
const sinceField = document.getElementById('since-field');
const untilField = document.getElementById('until-field');
const datesError = document.getElementById('dates-error');

function readDate(field, name) {
  const v = field.value.trim();
  if (!v) return { value: null };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    return { error: `“${v}” is not a date: write the ${name} day as YYYY-MM-DD, e.g. 2017-03-31.` };
  }
  return { value: v };
}

datesForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const since = readDate(sinceField, 'first');
  const until = readDate(untilField, 'last');
  sinceField.toggleAttribute('aria-invalid', Boolean(since.error));
  untilField.toggleAttribute('aria-invalid', Boolean(until.error));
  let error = since.error || until.error;
  if (!error && since.value && until.value && since.value > until.value) {
    error = `The period starts (${since.value}) after it ends (${until.value}): swap the dates.`;
    sinceField.setAttribute('aria-invalid', 'true');
  }
  if (error) { datesError.textContent = error; return; }
  datesError.textContent = '';
  if (since.value) state.since = since.value; else delete state.since;
  if (until.value) state.until = until.value; else delete state.until;
  delete state.at;
  openedOnLatest = false;
  refresh({ timeline: false });
});
for (const f of [sinceField, untilField]) {
  f.addEventListener('change', () => datesForm.requestSubmit());
}

let openingTimeline = null; // the timeline start() fetched for the opening period (used once)

async function refresh({ timeline: withTimeline = true, fit = false } = {}) {
  const mine = ++seq;
  body.dataset.state = 'loading';
  writeState(state);
  exportLinks();
  showRange();
  try {
    // The timeline and the map's events are asked for together (the first reuses start()'s).
    const params = filterParams(state);
    params.set('limit', String(MAP_LIMIT));
    params.set('compact', 'true');
    params.set('order', 'desc'); // when capped, the map shows the most recent events
    const pending = getJSON('/api/events', params);
    pending.catch(() => {}); // reported below, after the timeline's own error if any
    if (withTimeline) {
      const tl = openingTimeline || await getJSON('/api/timeline', filterParams(state, { dates: false }));
      openingTimeline = null;
      if (mine !== seq) return;
      latest = tl.latest;
      firstDay = tl.bins.length ? tl.bins.reduce((a, b) => (b.start < a ? b.start : a), tl.bins[0].start) : null;
      datedTotal = tl.bins.reduce((sum, b) => sum + b.count, 0);
      timeline.setBins(tl.bins);
      showRange();
    }
    const page = await pending;
    if (mine !== seq) return;
    pageEvents = page.events;
    if (state.at && (!state.until || state.at >= state.until || (state.since && state.at < state.since))) delete state.at;
    clock.setRange(state.since || (latest && firstDay), state.until || latest, state.at);
    writeState(state);
    const shown = showClock();
    if (fit) view.fit();
    const unlocated = page.events.filter((ev) => !ev.location || typeof ev.location.latitude !== 'number').length;
    const filtered = FILTERS.some((key) => state[key]);
    if (latest === null) {
      say('No events are stored yet. Add some with `frontwatch ingest --samples` (or `frontwatch ingest FILES`) '
        + 'on the same --db as `frontwatch serve`, then reload this page.', 'empty');
    } else if (!page.events.length) {
      say(`No events match ${filtered ? 'these filters' : 'anything'}${state.since || state.until ? ' in this period' : ''}. `
        + 'Widen the period (drag on the timeline or press “All dates”) or press “Clear” to remove the filters.', 'empty');
    } else {
      let text = `${shown} event${shown === 1 ? '' : 's'} on the map`;
      if (unlocated) text += `, ${unlocated} without a place`;
      if (state.at && state.at < (state.until || '')) text += ` up to ${state.at} (the time slider)`;
      if (page.total !== null && page.total > page.events.length) {
        text += ` — showing the latest ${page.events.length} of ${page.total}; narrow the filters or the period to see all.`;
      }
      if (openedOnLatest && !openedAll && (state.since || state.until)) {
        const days = toDay(state.until) - toDay(state.since) + 1;
        text += ` (the latest ${days} days with data; ${datedTotal} dated events in all: press “All dates” or drag on the timeline).`;
      }
      if (page.total !== null && page.total > EXPORT_LIMIT) text += ` Exports hold the first ${EXPORT_LIMIT}.`;
      say(text);
    }
    if (!withTimeline) timeline.setMessage(null); // an earlier error's note, if any, goes
    await refreshControl();
    body.dataset.state = 'ready';
    body.dataset.readyAt = String(Math.round(performance.now()));
  } catch (e) {
    if (mine !== seq) return;
    const fix = e.status && e.status < 500
      ? ' Correct that filter (or edit the address bar), press “Clear” for the filters or “All dates” for the period.'
      : '';
    say(e.message + fix, 'error');
    timeline.setMessage(e.status && e.status < 500
      ? 'The timeline waits for a valid filter (see the message over the map).'
      : 'The timeline could not be loaded: the server failed (see the message over the map).');
    body.dataset.state = 'error';
  }
}

const controlBox = document.getElementById('show-control');
let controlSeq = 0;

// Who held what on the clock's day (the period's end unless the slider moved).
async function refreshControl() {
  const mine = ++controlSeq;
  view.setControlVisible(controlBox.checked);
  document.body.classList.toggle('control-on', controlBox.checked);
  if (!controlBox.checked) { view.showControl([]); legendControllers(legendBox, []); return; }
  const params = new URLSearchParams();
  const at = state.at || state.until || latest;
  if (at) params.set('at', at);
  const found = await getJSON('/api/control', params);
  if (mine !== controlSeq) return;
  view.showControl(found.features);
  legendControllers(legendBox, found.features);
  body.dataset.control = at || '';
}

// A control square's evidence in the panel, each sentence one click from its event.
function openControl(props) {
  panel.hidden = false;
  renderControl(panelBody, props, openEvent);
}

controlBox.checked = state.control === '1';
controlBox.addEventListener('change', () => {
  if (controlBox.checked) state.control = '1'; else delete state.control;
  writeState(state);
  refreshControl().catch((e) => say(e.message, 'error'));
});

async function openEvent(id) {
  state.event = id;
  writeState(state);
  panel.hidden = false;
  renderMessage(panelBody, 'Loading the event…');
  try {
    const ev = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    if (state.event === id) renderEvent(panelBody, ev);
  } catch (e) {
    renderMessage(panelBody, `${e.message} The event may have been removed: pick another marker.`);
  }
}

function closePanel() {
  panel.hidden = true;
  delete state.event;
  writeState(state);
}

let typing = null;
form.addEventListener('input', (e) => {
  clearTimeout(typing);
  if (e.target.tagName === 'SELECT') { readForm(); refresh(); return; } // a choice: at once
  typing = setTimeout(() => { readForm(); refresh(); }, 350); // typing: when it pauses
});
form.addEventListener('submit', (e) => { e.preventDefault(); readForm(); refresh(); });
document.getElementById('clear-filters').addEventListener('click', () => {
  for (const key of FILTERS) delete state[key];
  fillForm();
  refresh();
});
document.getElementById('clear-range').addEventListener('click', () => {
  delete state.since;
  delete state.until;
  delete state.at;
  openedOnLatest = false;
  refresh({ timeline: false });
});
document.getElementById('panel-close').addEventListener('click', closePanel);
view.map.on('moveend', () => {
  const c = view.map.getCenter();
  state.view = `${c.lat.toFixed(4)},${c.lng.toFixed(4)},${view.map.getZoom()}`;
  writeState(state);
});

// Place search: the gazetteer's answers, each a button that moves the map.
const placeForm = document.getElementById('place-search');
const placeList = document.getElementById('place-results');
placeForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const q = placeForm.elements.namedItem('q').value.trim();
  clear(placeList);
  if (!q) { placeList.hidden = true; return; }
  try {
    const found = await getJSON('/api/places', new URLSearchParams({ q, limit: '8' }));
    if (!found.places.length) placeList.append(el('li', { text: 'No such place in the gazetteer.' }));
    for (const p of found.places) {
      const button = el('button', { type: 'button', text: `${p.name}, ${p.country_code} (${p.kind})` });
      button.addEventListener('click', () => {
        view.map.setView([p.latitude, p.longitude], p.kind === 'country' ? 5 : 9);
        placeList.hidden = true;
      });
      placeList.append(el('li', {}, button));
    }
  } catch (err) {
    placeList.append(el('li', { text: err.message }));
  }
  placeList.hidden = false;
});

// The first day of the opening period: OPENING_DAYS back from the latest date, widened bin by
// bin (newest first) until the period reaches OPENING_EVENTS dated events or all of them.
function openingSince(bins, latest) {
  const last = toDay(latest);
  let since = last - (OPENING_DAYS - 1);
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  const want = Math.min(OPENING_EVENTS, total);
  let held = 0;
  for (const b of [...bins].sort((x, y) => toDay(y.end) - toDay(x.end))) {
    held += b.count;
    if (toDay(b.end) < since) since = toDay(b.end);
    if (held >= want) break;
  }
  return since;
}

async function start() {
  fillForm();
  const given = state.view ? state.view.split(',').map(Number) : null;
  if (given && given.length === 3 && given.every(Number.isFinite)) {
    view.map.setView([given[0], given[1]], given[2]);
  }
  if (!state.since && !state.until) {
    try {
      const tl = await getJSON('/api/timeline', filterParams(state, { dates: false }));
      openingTimeline = tl;
      if (tl.latest) {
        const since = openingSince(tl.bins, tl.latest);
        state.until = tl.latest;
        state.since = fromDay(since);
        openedAll = tl.bins.every((b) => toDay(b.end) >= since);
        openedOnLatest = true;
      }
    } catch (e) { /* refresh() reports it */ }
  }
  await refresh({ fit: !given });
  if (state.event) openEvent(state.event);
}

start();
