// The timeline: a histogram of events by day, week or month; drag across it to pick a period.
// Events dated with a range (a week, a month) are spread over the bins of their range and drawn
// in a lighter colour, so a vague date shows as a range, not as a spike on its first day.
const SVG = 'http://www.w3.org/2000/svg';
const DAY = 86400000;

export const toDay = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const fromDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function unitsFor(span) {
  if (span <= 150) return { name: 'day', of: (d) => d, start: (i) => i, end: (i) => i };
  if (span <= 3 * 365) {
    return { name: 'week', of: (d) => Math.floor((d + 3) / 7), start: (i) => i * 7 - 3, end: (i) => i * 7 + 3 };
  }
  const of = (d) => { const t = new Date(d * DAY); return t.getUTCFullYear() * 12 + t.getUTCMonth(); };
  const start = (i) => Math.floor(Date.UTC(Math.floor(i / 12), i % 12, 1) / DAY);
  return { name: 'month', of, start, end: (i) => start(i + 1) - 1 };
}

export function createTimeline(container, { onBrush }) {
  let bins = [];
  let range = null; // [sinceDay, untilDay] or null
  let scale = null;
  let note = null; // a message shown instead of the bars (an error elsewhere on the page)

  function render() {
    while (container.firstChild) container.removeChild(container.firstChild);
    const width = Math.max(container.clientWidth, 200);
    const height = container.clientHeight || 110;
    const root = svg('svg', {
      width, height, class: 'timeline-svg', role: 'img',
      'aria-label': 'Histogram of the dated events over time; drag across it to choose a period (or type the dates above)',
    });
    container.append(root);
    if (note || !bins.length) {
      const t = svg('text', { x: 10, y: height / 2, class: 'tl-empty' });
      t.textContent = note || 'No dated events for these filters.';
      root.append(t);
      return;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const b of bins) { lo = Math.min(lo, toDay(b.start)); hi = Math.max(hi, toDay(b.end)); }
    if (hi - lo < 60) { const mid = Math.floor((lo + hi) / 2); lo = mid - 30; hi = mid + 30; }
    const units = unitsFor(hi - lo + 1);
    const first = units.of(lo);
    const last = units.of(hi);
    const n = last - first + 1;
    const exact = new Float64Array(n);
    const spread = new Float64Array(n);
    for (const b of bins) {
      const s = toDay(b.start);
      const e = toDay(b.end);
      if (s === e) { exact[units.of(s) - first] += b.count; continue; }
      const total = e - s + 1;
      for (let u = units.of(s); u <= units.of(e); u += 1) {
        const overlap = Math.min(e, units.end(u)) - Math.max(s, units.start(u)) + 1;
        if (overlap > 0) spread[u - first] += (b.count * overlap) / total;
      }
    }
    let max = 0;
    for (let i = 0; i < n; i += 1) max = Math.max(max, exact[i] + spread[i]);
    const pad = 4;
    const axis = 16;
    const plotH = height - axis - pad;
    const x0 = units.start(first);
    const x1 = units.end(last) + 1;
    scale = {
      x: (day) => pad + ((day - x0) / (x1 - x0)) * (width - 2 * pad),
      day: (x) => Math.round(x0 + ((x - pad) / (width - 2 * pad)) * (x1 - x0)),
      clampDay: (d) => Math.min(Math.max(d, x0), x1 - 1),
    };
    for (let i = 0; i < n; i += 1) {
      const u = first + i;
      const xa = scale.x(units.start(u));
      const w = Math.max(scale.x(units.end(u) + 1) - xa - 0.5, 0.8);
      const he = (exact[i] / max) * plotH;
      const hs = (spread[i] / max) * plotH;
      if (he > 0) root.append(svg('rect', { x: xa, y: pad + plotH - he, width: w, height: he, class: 'tl-bar' }));
      if (hs > 0) root.append(svg('rect', { x: xa, y: pad + plotH - he - hs, width: w, height: hs, class: 'tl-range' }));
    }
    // Count axis: the tallest bar's height in events per bin, and a guide line at half of it.
    const top = svg('text', { x: width - pad, y: pad + 9, class: 'tl-count', 'text-anchor': 'end' });
    top.textContent = `${Math.round(max * 10) / 10} events per ${units.name} ↑`;
    root.append(svg('line', { x1: pad, x2: width - pad, y1: pad + plotH / 2, y2: pad + plotH / 2, class: 'tl-guide' }));
    const half = svg('text', { x: width - pad, y: pad + plotH / 2 - 2, class: 'tl-count', 'text-anchor': 'end' });
    half.textContent = String(Math.round(max * 5) / 10);
    root.append(top, half);
    // Axis labels: years, or months when the span is short.
    const years = new Date(x1 * DAY).getUTCFullYear() - new Date(x0 * DAY).getUTCFullYear();
    for (let u = units.of(x0); units.start(u) < x1; u += 1) {
      const d = new Date(units.start(u) * DAY);
      const label = years >= 2 ? (d.getUTCMonth() === 0 && (units.name !== 'week' || d.getUTCDate() <= 7) ? String(d.getUTCFullYear()) : null)
        : (d.getUTCDate() <= (units.name === 'day' ? 1 : 7) ? fromDay(units.start(u)).slice(0, 7) : null);
      if (!label) continue;
      const x = scale.x(units.start(u));
      root.append(svg('line', { x1: x, x2: x, y1: pad, y2: height - axis + 3, class: 'tl-tick' }));
      const t = svg('text', { x: x + 2, y: height - 3, class: 'tl-label' });
      t.textContent = label;
      root.append(t);
    }
    const sel = svg('rect', { y: 0, height: height - axis, class: 'tl-brush', visibility: 'hidden' });
    root.insertBefore(sel, root.firstChild);
    if (range) {
      const a = scale.x(range[0]);
      const b = scale.x(range[1] + 1);
      sel.setAttribute('x', Math.max(a, 0));
      sel.setAttribute('width', Math.max(b - Math.max(a, 0), 2));
      sel.setAttribute('visibility', 'visible');
    }
    let startX = null;
    const local = (evt) => evt.clientX - root.getBoundingClientRect().left;
    root.addEventListener('pointerdown', (evt) => {
      startX = local(evt);
      root.setPointerCapture(evt.pointerId);
      sel.setAttribute('x', startX);
      sel.setAttribute('width', 1);
      sel.setAttribute('visibility', 'visible');
    });
    root.addEventListener('pointermove', (evt) => {
      if (startX === null) return;
      const x = local(evt);
      sel.setAttribute('x', Math.min(x, startX));
      sel.setAttribute('width', Math.abs(x - startX));
    });
    root.addEventListener('pointerup', (evt) => {
      if (startX === null) return;
      const x = local(evt);
      const a = Math.min(x, startX);
      const b = Math.max(x, startX);
      startX = null;
      if (b - a < 3) { render(); return; }
      const since = scale.clampDay(scale.day(a));
      const until = scale.clampDay(scale.day(b) - 1);
      onBrush(fromDay(since), fromDay(Math.max(since, until)));
    });
  }

  window.addEventListener('resize', render);
  return {
    setBins(newBins) { bins = newBins || []; note = null; render(); },
    setMessage(text) { note = text; render(); },
    setRange(since, until) { range = since && until ? [toDay(since), toDay(until)] : null; render(); },
  };
}
