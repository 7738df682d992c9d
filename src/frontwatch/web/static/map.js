// The Leaflet map: offline country basemap, optional tile layer, clustered event markers.
import { el } from './dom.js';
import { typeDescription } from './vocab.js';

// Colours by PLOVER type, from the Okabe–Ito and Paul Tol palettes (chosen to stay apart under
// the common colour-vision deficiencies); related types get related hues. Sixteen classes cannot
// all stay distinct for every reader, so every coloured thing also names its type in words.
export const TYPE_COLOURS = {
  ASSAULT: '#D55E00', COERCE: '#E69F00', THREATEN: '#882255', MOBILIZE: '#AA4499',
  PROTEST: '#0072B2', SANCTION: '#332288', ACCUSE: '#CC6677', REJECT: '#999933',
  REQUEST: '#88CCEE', RETREAT: '#F0E442', CONCEDE: '#DDCC77', AGREE: '#009E73',
  CONSULT: '#44AA99', SUPPORT: '#56B4E9', COOPERATE: '#117733', AID: '#CC79A7',
};
// Radius by location precision: the vaguer the place, the bigger the circle.
export const RADIUS = { 1: 6, 2: 8, 3: 11, 4: 15 };
export const PRECISION_NAMES = { 1: 'town', 2: 'near a town', 3: 'province', 4: 'country' };

// Rings that cross the antimeridian (Russia, Fiji) are drawn east of 180° instead of as a
// line across the whole map; Antarctica (a ring around the pole, id 010) is left out.
function unwrap(collection) {
  const fixRing = (ring) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const [lon] of ring) { lo = Math.min(lo, lon); hi = Math.max(hi, lon); }
    return hi - lo > 180 ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
  };
  collection.features = collection.features.filter((f) => String(f.id) !== '010' && f.geometry);
  for (const f of collection.features) {
    const g = f.geometry;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map(fixRing);
    if (g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((poly) => poly.map(fixRing));
  }
  return collection;
}

// A ring around a cluster's count: one arc per event type, its length the type's share.
function ringIcon(counts, total) {
  const L = window.L;
  const size = total < 10 ? 34 : total < 100 ? 40 : 48;
  const r = size / 2 - 4;
  const c = size / 2;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', size);
  svg.setAttribute('height', size);
  svg.setAttribute('class', 'fw-ring');
  svg.setAttribute('aria-hidden', 'true');
  const circumference = 2 * Math.PI * r;
  let offset = 0;
  for (const [type, n] of counts) {
    const arc = document.createElementNS(ns, 'circle');
    const length = (n / total) * circumference;
    arc.setAttribute('cx', c);
    arc.setAttribute('cy', c);
    arc.setAttribute('r', r);
    arc.setAttribute('fill', 'none');
    arc.setAttribute('stroke', TYPE_COLOURS[type] || '#555');
    arc.setAttribute('stroke-width', '7');
    arc.setAttribute('stroke-dasharray', `${length} ${circumference - length}`);
    arc.setAttribute('stroke-dashoffset', String(-offset));
    arc.setAttribute('transform', `rotate(-90 ${c} ${c})`);
    arc.setAttribute('class', `fw-ring-arc fw-type-${type}`);
    svg.append(arc);
    offset += length;
  }
  const label = mixText(counts);
  const box = el('div', { class: 'fw-cluster-count', text: String(total) });
  const wrap = el('div', { class: 'fw-cluster-wrap', 'data-mix': label }, box);
  wrap.prepend(svg);
  return L.divIcon({ html: wrap, className: 'marker-cluster fw-cluster', iconSize: L.point(size, size) });
}

// "5 ASSAULT, 2 PROTEST": a cluster's mix in words, largest first.
export function mixText(counts) {
  return counts.map(([type, n]) => `${n} ${type}`).join(', ');
}

function typeCounts(markers) {
  const counts = new Map();
  for (const m of markers) {
    const type = m.fwEvent ? m.fwEvent.event_type : 'unknown';
    counts.set(type, (counts.get(type) || 0) + 1);
  }
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
}

// A colour per controller (the Okabe–Ito palette, in order of first appearance).
const CONTROLLER_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];
const controllerColour = new Map();
export function colourOf(controller) {
  const key = controller || 'unknown';
  if (!controllerColour.has(key)) {
    controllerColour.set(key, CONTROLLER_COLOURS[controllerColour.size % CONTROLLER_COLOURS.length]);
  }
  return controllerColour.get(key);
}
export const TIER_WORDS = { control: 'assessed', claimed: 'claimed', contested: 'contested' };

export function createMap(container, { tileUrl, tileAttribution, basemapUrl, basemapAttribution, onSelect, onControl }) {
  const L = window.L;
  const map = L.map(container, { worldCopyJump: true, minZoom: 2, maxZoom: 14, keyboard: true });
  map.attributionControl.setPrefix(false);
  map.setView([30, 30], 3);
  // The offline basemap: Natural Earth countries (replaced by a vector or tile basemap when chosen).
  const offline = L.layerGroup();
  const basemap = L.geoJSON(null, {
    style: { color: '#8c8c7a', weight: 0.7, fillColor: '#efeadb', fillOpacity: 1 },
    interactive: false,
  }).addTo(offline);
  fetch('/static/vendor/world-atlas/countries-50m.json')
    .then((r) => r.json())
    .then((topo) => {
      basemap.addData(unwrap(window.topojson.feature(topo, topo.objects.countries)));
      basemap.bringToBack();
    })
    .catch(() => {});
  map.attributionControl.addAttribution('Borders: Natural Earth (world-atlas)');
  const bases = {};
  let vector = null;
  const switcher = L.control.layers({ 'Offline countries': offline }, {});
  if (tileUrl) {
    bases.Tiles = L.tileLayer(tileUrl, { attribution: tileAttribution || '', maxZoom: 18 });
    switcher.addBaseLayer(bases.Tiles, 'Tiles');
  }
  if (basemapUrl && window.protomapsL) {
    // The user's PMTiles archive (a Protomaps basemap), read by range requests from our server;
    // drawn up to the archive's own deepest zoom (header byte 101), then magnified.
    fetch(basemapUrl, { headers: { Range: 'bytes=0-126' } })
      .then((r) => r.arrayBuffer())
      .then((buf) => {
        const maxZoom = buf.byteLength >= 102 ? new DataView(buf).getUint8(101) : 15;
        vector = window.protomapsL.leafletLayer({
          url: basemapUrl, flavor: 'light', lang: 'en', maxDataZoom: Math.max(0, Math.min(maxZoom, 15)),
          attribution: basemapAttribution || 'Protomaps © OpenStreetMap',
        });
        vector.addTo(map);
        vector.bringToBack();
        switcher.addBaseLayer(vector, 'Vector basemap (PMTiles)');
        container.dataset.basemap = 'pmtiles';
      })
      .catch(() => { container.dataset.basemap = 'failed'; });
  } else {
    offline.addTo(map);
  }
  if (tileUrl || basemapUrl) switcher.addTo(map);
  const cluster = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, disableClusteringAtZoom: 10,
    maxClusterRadius: 45,
    iconCreateFunction: (c) => {
      const children = c.getAllChildMarkers();
      return ringIcon(typeCounts(children), children.length);
    },
  });
  // Hovering (or focusing) a cluster lists its mix of types.
  cluster.on('clustermouseover', (e) => {
    const text = mixText(typeCounts(e.layer.getAllChildMarkers()));
    e.layer.bindTooltip(el('span', { class: 'fw-mix', text }), { direction: 'top' }).openTooltip();
  });
  cluster.on('animationend', () => labelClusters());
  map.on('zoomend moveend', () => setTimeout(labelClusters, 0));
  map.addLayer(cluster);
  const markers = [];

  // Give each cluster icon words for screen readers and a keyboard stop.
  function labelClusters() {
    for (const node of container.querySelectorAll('.fw-cluster')) {
      const wrap = node.querySelector('.fw-cluster-wrap');
      if (!wrap) continue;
      node.setAttribute('role', 'button');
      node.setAttribute('aria-label', `${wrap.firstChild.nextSibling.textContent} events here: ${wrap.dataset.mix}; press to zoom in`);
      node.setAttribute('title', wrap.dataset.mix);
    }
  }

  function show(events) {
    cluster.clearLayers();
    markers.length = 0;
    const layers = [];
    for (const ev of events) {
      const loc = ev.location;
      if (!loc || typeof loc.latitude !== 'number' || typeof loc.longitude !== 'number') continue;
      const colour = TYPE_COLOURS[ev.event_type] || '#555';
      const marker = L.circleMarker([loc.latitude, loc.longitude], {
        radius: RADIUS[loc.precision] || 9, color: '#222', weight: 1, fillColor: colour,
        fillOpacity: 0.85, className: `fw-marker fw-type-${ev.event_type}`,
      });
      // A DOM node, not a string: Leaflet would parse a string tooltip as HTML.
      marker.bindTooltip(el('span', { text: `${ev.event_type} — ${loc.name || loc.text || ''}` }));
      marker.on('click', () => onSelect(ev.id));
      marker.fwEvent = ev;
      layers.push(marker);
      markers.push(marker);
    }
    cluster.addLayers(layers);
    setTimeout(labelClusters, 0);
    return layers.length;
  }

  function fit() {
    if (!markers.length) return;
    const bounds = window.L.latLngBounds(markers.map((m) => m.getLatLng()));
    map.fitBounds(bounds.pad(0.2), { maxZoom: 8 });
  }

  // Territorial control on one day: a square per place in its controller's colour; a solid
  // border for an assessed hold, dashed for a claim, a red cross-hatch for a contested place.
  const control = L.layerGroup();
  function showControl(features) {
    control.clearLayers();
    for (const f of features || []) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties || {};
      const tier = p.tier || 'claimed';
      const node = el('span', { class: 'fw-control-square' });
      node.style.background = tier === 'contested' ? '' : colourOf(p.controller);
      const square = L.marker([lat, lon], {
        icon: L.divIcon({
          className: `fw-control fw-control-${p.certain ? 'certain' : 'uncertain'} fw-tier-${tier}`,
          html: node, iconSize: [14, 14],
        }),
        keyboard: false, title: '',
      });
      square.bindTooltip(el('span', {
        text: `${p.place || 'this place'}: ${tier === 'contested' ? 'contested' : `held by ${p.controller || 'unknown'}`}`
          + ` (${TIER_WORDS[tier] || tier}${p.certain ? '' : ', uncertain'}; since ${p.from_start || 'an unknown date'})`
          + ' — click for the evidence',
      }), { permanent: false });
      square.on('click', () => onControl && onControl(p));
      square.fwControl = p;
      control.addLayer(square);
    }
  }
  function setControlVisible(on) {
    if (on) map.addLayer(control); else map.removeLayer(control);
  }

  return { map, show, fit, markers, showControl, setControlVisible, control, cluster, vector: () => vector };
}

// The legend: what colour, circle size, numbered discs, control squares and timeline shades mean.
export function legend(container) {
  const types = el('span', { class: 'legend-group', id: 'legend-types' },
    el('span', { class: 'legend-title', text: 'Colour = event type:' }));
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = colour;
    types.append(el('span', { class: 'legend-item', 'data-type': type, title: typeDescription(type) }, swatch, type));
  }
  const sizes = el('span', { class: 'legend-group', id: 'legend-precision' },
    el('span', { class: 'legend-title', text: 'Circle size = how vague the place is:' }));
  for (const [level, radius] of Object.entries(RADIUS)) {
    const dot = el('span', { class: 'size-dot' });
    dot.style.width = `${2 * radius}px`;
    dot.style.height = `${2 * radius}px`;
    sizes.append(el('span', { class: 'legend-item' }, dot, PRECISION_NAMES[level]));
  }
  const other = el('span', { class: 'legend-group', id: 'legend-other' },
    el('span', { class: 'legend-item' }, el('span', { class: 'cluster-dot', text: '5' }),
      'several events here (the ring shows their types): zoom in or click'),
    el('span', { class: 'legend-item' }, el('span', { class: 'tl-key tl-key-day' }),
      'timeline: dated to a day'),
    el('span', { class: 'legend-item' }, el('span', { class: 'tl-key tl-key-range' }),
      'dated to a range (spread over it)'),
    el('span', { class: 'legend-item legend-control' }, el('span', { class: 'fw-control fw-tier-control key' }),
      'control held (assessed)'),
    el('span', { class: 'legend-item legend-control' }, el('span', { class: 'fw-control fw-tier-claimed key' }),
      'control claimed'),
    el('span', { class: 'legend-item legend-control' }, el('span', { class: 'fw-control fw-tier-contested key' }),
      'contested'),
    el('span', { class: 'legend-item legend-control', id: 'legend-controllers' }));
  container.append(types, sizes, other);
}

// Which types the legend lists as present in the current view (the others are dimmed).
export function markPresentTypes(container, events) {
  const present = new Set(events.map((ev) => ev.event_type));
  for (const item of container.querySelectorAll('[data-type]')) {
    item.classList.toggle('absent', !present.has(item.dataset.type));
  }
}

// The controllers on the map now, each with its colour (shown while the control layer is on).
export function legendControllers(container, features) {
  const box = container.querySelector('#legend-controllers');
  if (!box) return;
  while (box.firstChild) box.removeChild(box.firstChild);
  const names = [...new Set((features || []).filter((f) => f.properties.tier !== 'contested')
    .map((f) => f.properties.controller || 'unknown'))].sort();
  if (names.length) box.append('held by: ');
  for (const name of names) {
    const sw = el('span', { class: 'swatch square' });
    sw.style.background = colourOf(name);
    box.append(el('span', { class: 'legend-item' }, sw, name));
  }
}
