// The Leaflet map: offline country basemap, optional tile layer, clustered event markers.
import { el } from './dom.js';
import { typeDescription } from './vocab.js';

// Colours by PLOVER type, grouped as a reader thinks of them.
export const TYPE_COLOURS = {
  ASSAULT: '#c0392b', COERCE: '#e67e22', THREATEN: '#d35400', MOBILIZE: '#8e44ad',
  PROTEST: '#2980b9', SANCTION: '#7f8c8d', ACCUSE: '#95a5a6', REJECT: '#a1887f',
  REQUEST: '#16a085', RETREAT: '#f1c40f', CONCEDE: '#c9b458', AGREE: '#27ae60',
  CONSULT: '#2ecc71', SUPPORT: '#1abc9c', COOPERATE: '#3cb371', AID: '#00a0b0',
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

export function createMap(container, { tileUrl, tileAttribution, onSelect }) {
  const L = window.L;
  const map = L.map(container, { worldCopyJump: true, minZoom: 2, maxZoom: 14 });
  map.attributionControl.setPrefix(false);
  map.setView([30, 30], 3);
  const basemap = L.geoJSON(null, {
    style: { color: '#8c8c7a', weight: 0.7, fillColor: '#efeadb', fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  fetch('/static/vendor/world-atlas/countries-50m.json')
    .then((r) => r.json())
    .then((topo) => {
      basemap.addData(unwrap(window.topojson.feature(topo, topo.objects.countries)));
      basemap.bringToBack();
    })
    .catch(() => {});
  map.attributionControl.addAttribution('Natural Earth (world-atlas)');
  if (tileUrl) {
    const tiles = L.tileLayer(tileUrl, { attribution: tileAttribution || '', maxZoom: 18 });
    L.control.layers({ 'Offline countries': L.layerGroup(), 'Online tiles': tiles }, {}).addTo(map);
  }
  const cluster = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, disableClusteringAtZoom: 10,
    maxClusterRadius: 45,
  });
  map.addLayer(cluster);
  const markers = [];

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
        fillOpacity: 0.8, className: `fw-marker fw-type-${ev.event_type}`,
      });
      // A DOM node, not a string: Leaflet would parse a string tooltip as HTML.
      marker.bindTooltip(el('span', { text: `${ev.event_type} — ${loc.name || loc.text || ''}` }));
      marker.on('click', () => onSelect(ev.id));
      marker.fwEvent = ev;
      layers.push(marker);
      markers.push(marker);
    }
    cluster.addLayers(layers);
    return layers.length;
  }

  function fit() {
    if (!markers.length) return;
    const bounds = window.L.latLngBounds(markers.map((m) => m.getLatLng()));
    map.fitBounds(bounds.pad(0.2), { maxZoom: 8 });
  }

  // Territorial control on one day: squares labelled with who held the place.
  const control = L.layerGroup();
  function showControl(features) {
    control.clearLayers();
    for (const f of features || []) {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties || {};
      const square = L.marker([lat, lon], {
        icon: L.divIcon({ className: `fw-control fw-control-${p.certain ? 'certain' : 'uncertain'}`, iconSize: [12, 12] }),
        keyboard: false,
      });
      square.bindTooltip(el('span', {
        text: `${p.controller || 'unknown'} held ${p.place || 'this place'} (${p.tier || 'claimed'}`
          + `${p.certain ? '' : ', uncertain'}; since ${p.from_start || 'an unknown date'})`,
      }));
      square.fwControl = p;
      control.addLayer(square);
    }
  }
  function setControlVisible(on) {
    if (on) map.addLayer(control); else map.removeLayer(control);
  }

  return { map, show, fit, markers, showControl, setControlVisible, control };
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
      'several events here: zoom in or click'),
    el('span', { class: 'legend-item' }, el('span', { class: 'tl-key tl-key-day' }),
      'timeline: dated to a day'),
    el('span', { class: 'legend-item' }, el('span', { class: 'tl-key tl-key-range' }),
      'dated to a range (spread over it)'),
    el('span', { class: 'legend-item legend-control' }, el('span', { class: 'fw-control fw-control-certain key' }),
      'control held'),
    el('span', { class: 'legend-item legend-control' }, el('span', { class: 'fw-control fw-control-uncertain key' }),
      'control uncertain'));
  container.append(types, sizes, other);
}

// Which types the legend lists as present in the current view (the others are dimmed).
export function markPresentTypes(container, events) {
  const present = new Set(events.map((ev) => ev.event_type));
  for (const item of container.querySelectorAll('[data-type]')) {
    item.classList.toggle('absent', !present.has(item.dataset.type));
  }
}
