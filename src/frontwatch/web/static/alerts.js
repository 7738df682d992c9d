// Early-warning alerts: a panel listing the store's alerts and a map layer of their places
// (circles of the rule's radius). Selecting an alert opens its evidence chain: events -> their
// reports -> evidence sentences, sources and grades. Self-contained: it only reads
// window.frontwatch.map (set by app.js) and /api/alerts.
import { el, clear, safeHref } from './dom.js';

const STATUS_CLASS = { new: 'al-new', updated: 'al-updated', resolved: 'al-resolved' };
const box = el('section', { id: 'alerts-panel', 'aria-label': 'Alerts' });
const head = el('div', { class: 'al-head' });
const toggle = el('input', { type: 'checkbox', id: 'show-alerts', checked: 'checked' });
const list = el('ol', { id: 'alerts-list', hidden: 'hidden' });
const opener = el('button', { type: 'button', id: 'alerts-open', 'aria-expanded': 'false', text: 'Alerts' });
const detail = el('div', { id: 'alert-detail', hidden: 'hidden' });
head.append(opener, ' ', el('span', { id: 'alerts-count' }), ' ',
  el('label', {}, toggle, ' on map'));
box.append(head, list, detail);
(document.getElementById('map-wrap') || document.body).append(box);

let layer = null;
// Collapsed by default (only this header shows over the map); the button opens the list.
opener.addEventListener('click', () => {
  const open = opener.getAttribute('aria-expanded') !== 'true';
  opener.setAttribute('aria-expanded', String(open));
  list.hidden = !open;
  detail.hidden = true;
  box.classList.toggle('al-open', open);
});
let alerts = [];

function fmtPop(pop) {
  if (!pop) return null;
  const named = pop.largest.slice(0, 3).map((p) => `${p.name} ${p.population.toLocaleString('en')}`).join(', ');
  return `population within ${pop.radius_km} km: ${pop.total.toLocaleString('en')} (${pop.places_counted} places: ${named})`;
}

function openAlert(a) {
  clear(detail);
  detail.hidden = false;
  const back = el('button', { type: 'button', class: 'al-back', text: '← all alerts' });
  back.addEventListener('click', () => { detail.hidden = true; list.hidden = false; });
  list.hidden = true;
  const place = a.place || {};
  detail.append(back,
    el('h3', { text: `${a.rule_title}: ${place.name || a.scope}` }),
    el('p', { class: 'al-meta' }, el('span', { class: `al-status ${STATUS_CLASS[a.status] || ''}`, text: a.status }),
      ` v${a.version} · raised ${a.raised} · last ${a.last_seen} · score ${a.score}`),
    el('p', { text: a.summary }));
  const pop = fmtPop(a.population);
  if (pop) detail.append(el('p', { class: 'al-pop', text: pop }));
  detail.append(el('h4', { text: `Evidence chain (${a.events} events)` }));
  const chain = el('ol', { class: 'al-chain' });
  for (const ev of a.evidence || []) {
    if (ev.missing) { chain.append(el('li', { text: `${ev.event} (no longer stored)` })); continue; }
    const reports = el('ul', { class: 'al-reports' });
    for (const r of ev.reports || []) {
      const href = safeHref(r.url);
      const who = r.attribution ? `${r.attribution} via ${r.outlet || r.article_id}` : (r.outlet || r.article_id);
      reports.append(el('li', {},
        href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer', text: who }) : el('span', { text: who }),
        el('span', { class: 'al-pub', text: ` (published ${r.published || '?'})` }),
        el('q', { class: 'al-evidence', text: r.evidence || '' })));
    }
    chain.append(el('li', { class: 'al-event', 'data-event': ev.event },
      el('div', { text: `${ev.type}${ev.acled_sub_event_type ? ' (' + ev.acled_sub_event_type + ')' : ''} · ${ev.date_start || '?'} · ${ev.place || '?'}` }),
      el('div', { class: 'al-grade', text: `${ev.actor1 || '?'}${ev.actor2 ? ' → ' + ev.actor2 : ''} · grade ${ev.grade} · ${ev.sources} independent source(s)` }),
      reports));
  }
  detail.append(chain);
  const map = window.frontwatch && window.frontwatch.map;
  if (map && place.latitude != null) map.setView([place.latitude, place.longitude], Math.max(map.getZoom(), 8));
}

function drawLayer() {
  const map = window.frontwatch && window.frontwatch.map;
  if (!map || !window.L) return;
  if (layer) layer.remove();
  layer = window.L.layerGroup();
  for (const a of alerts) {
    const p = a.place || {};
    if (p.latitude == null) continue;
    const circle = window.L.circle([p.latitude, p.longitude], {
      radius: (a.radius_km || 20) * 1000, className: `al-circle ${STATUS_CLASS[a.status] || ''}`, weight: 2, fillOpacity: 0.08,
    });
    circle.fwAlert = a;
    circle.bindTooltip(`${a.rule_title}: ${p.name || a.scope} (${a.raised})`);
    circle.on('click', () => openAlert(a));
    layer.addLayer(circle);
  }
  if (toggle.checked) layer.addTo(map);
}

toggle.addEventListener('change', () => {
  const map = window.frontwatch && window.frontwatch.map;
  if (!layer || !map) return;
  if (toggle.checked) layer.addTo(map); else layer.remove();
});

async function load() {
  const res = await fetch('/api/alerts?limit=200', { headers: { Accept: 'application/json' } });
  if (!res.ok) { document.getElementById('alerts-count').textContent = '(unavailable)'; return; }
  alerts = (await res.json()).alerts;
  document.getElementById('alerts-count').textContent = `(${alerts.length})`;
  clear(list);
  for (const a of alerts) {
    const item = el('li', { class: 'al-item', 'data-id': a.id, tabindex: '0' },
      el('span', { class: `al-status ${STATUS_CLASS[a.status] || ''}`, text: a.status }), ' ',
      el('strong', { text: a.rule_title }), ` · ${(a.place || {}).name || a.scope} · ${a.raised}`);
    item.addEventListener('click', () => openAlert(a));
    item.addEventListener('keydown', (e) => { if (e.key === 'Enter') openAlert(a); });
    list.append(item);
  }
  if (!alerts.length) list.append(el('li', { class: 'al-empty', text: 'No alerts: run `frontwatch alerts` to evaluate the rules.' }));
  drawLayer();
}

window.frontwatchAlerts = { alerts: () => alerts.map((a) => ({ id: a.id, rule: a.rule, status: a.status })), open: (id) => openAlert(alerts.find((a) => a.id === id)), reload: load };
load();
