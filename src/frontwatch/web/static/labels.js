// Place and region names over the offline basemap, from GET /api/labels (the gazetteer): capitals
// and big cities when zoomed out, towns and villages when zoomed in, places with events first.
import { el } from './dom.js';

const WAIT_MS = 150; // after the map stops moving

export function createLabels(map) {
  const L = window.L;
  map.createPane('fw-labels');
  const pane = map.getPane('fw-labels');
  pane.style.zIndex = 450; // above the basemap and shapes, below markers and tooltips
  pane.style.pointerEvents = 'none';
  const layer = L.layerGroup([], { pane: 'fw-labels' }).addTo(map);
  let seq = 0;
  let timer = null;
  let shown = [];

  function draw(labels) {
    layer.clearLayers();
    shown = labels;
    for (const p of labels) {
      const node = el('span', { class: `fw-label fw-label-${p.kind}${p.events ? ' fw-label-events' : ''}`, text: p.name });
      const marker = L.marker([p.lat, p.lon], {
        pane: 'fw-labels', interactive: false, keyboard: false,
        icon: L.divIcon({ className: 'fw-label-icon', html: node, iconSize: null }),
      });
      layer.addLayer(marker);
    }
  }

  async function load() {
    const mine = ++seq;
    const b = map.getBounds();
    const clampLat = (v) => Math.max(-90, Math.min(90, v));
    const wrapLon = (v) => ((((v + 180) % 360) + 360) % 360) - 180;
    let west = b.getWest();
    let east = b.getEast();
    if (east - west >= 360) { west = -180; east = 180; } else { west = wrapLon(west); east = wrapLon(east); }
    const bbox = [west, clampLat(b.getSouth()), east, clampLat(b.getNorth())].map((v) => v.toFixed(4)).join(',');
    const params = new URLSearchParams({ bbox, zoom: String(Math.round(map.getZoom())) });
    try {
      const response = await fetch(`/api/labels?${params}`, { headers: { Accept: 'application/json' } });
      if (!response.ok || mine !== seq) return;
      const body = await response.json();
      if (mine === seq) { draw(body.labels); map.getContainer().dataset.labelsZoom = String(body.zoom); }
    } catch (e) { /* the labels are an aid: the map works without them */ }
  }

  map.on('moveend', () => { clearTimeout(timer); timer = setTimeout(load, WAIT_MS); });
  map.attributionControl.addAttribution('Place names: GeoNames (CC BY 4.0)');
  load();
  return { layer, shown: () => shown.map((p) => ({ ...p })), reload: load };
}
