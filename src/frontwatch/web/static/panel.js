// The event panel: the event, then each report with its evidence sentence highlighted in context.
import { clear, el, safeHref } from './dom.js';
import { gradeDescription, typeDescription } from './vocab.js';

const PRECISION = { 1: 'the town itself', 2: 'near / part of a town', 3: 'province or region', 4: 'country' };

function dateText(d) {
  if (!d || (!d.start && !d.end)) return 'undated';
  const range = d.start === d.end || !d.end ? d.start : `${d.start} – ${d.end}`;
  return d.precision ? `${range} (${d.precision})` : range;
}

function row(label, value) {
  if (value === null || value === undefined || value === '') return null;
  return el('div', { class: 'kv' }, el('dt', { text: label }), el('dd', { text: value }));
}

function actor(a) {
  if (!a) return null;
  return a.text && a.text !== a.name ? `${a.name} (“${a.text}”)` : a.name;
}

// The outlet's name: as stored, else the article URL's host; never a file name or an article id.
export function outletName(r) {
  if (r.outlet && String(r.outlet).trim()) return String(r.outlet).trim();
  const href = safeHref(r.url);
  if (href) return new URL(href).hostname.replace(/^www\./, '');
  return 'unknown outlet';
}

function report(r) {
  const href = safeHref(r.url);
  const who = outletName(r);
  const head = el('span', { class: 'outlet', text: who });
  const link = href
    ? el('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: 'article-link',
      text: 'Read the article ↗', title: href })
    : el('span', { class: 'no-link', text: 'no article link' });
  const ctx = r.context;
  const quote = el('blockquote', { class: 'context', tabindex: '0', title: 'The report in context (scroll for more)' });
  if (ctx) {
    quote.append(
      ctx.truncated_before ? '…' : '', ctx.before,
      el('mark', { class: 'evidence', text: ctx.evidence }),
      ctx.after, ctx.truncated_after ? '…' : '',
    );
  } else {
    quote.append(el('mark', { class: 'evidence', text: r.evidence && r.evidence.text }));
  }
  return el('li', { class: 'report' },
    el('div', { class: 'report-head' }, head, r.published ? ` · ${r.published}` : '',
      r.event_type ? ` · ${r.event_type}` : '', ' · ', link),
    r.title ? el('div', { class: 'report-title', text: r.title }) : null,
    quote,
    el('dl', {},
      row('According to', r.attribution ? r.attribution.name || r.attribution.text : 'not attributed'),
      row('Status', r.status),
      row('Place precision', PRECISION[r.precision] || null),
      row('Evidence offsets', r.evidence ? `${r.evidence.start}–${r.evidence.end}` : null)));
}

function gradeText(grade) {
  if (!grade) return 'not graded (single report)';
  const words = gradeDescription(grade);
  return words ? `${grade}: ${words}` : grade;
}

function sourcesText(ev) {
  const groups = ev.source_groups || [];
  if (!groups.length) return String(ev.sources);
  const name = (key) => String(key).replace(/^(outlet|host|article):/, '');
  return `${ev.sources} independent (${groups.map((g) => g.map(name).join(' = ')).join('; ')})`;
}

function claims(list) {
  if (!list || list.length < 2) return null;
  return el('div', { class: 'claims' }, el('h3', { text: 'Fatality claims' }),
    el('ul', {}, ...list.map((c) => el('li', {
      text: `${c.min === c.max ? c.min : `${c.min ?? '?'}–${c.max ?? '?'}`} — ${outletName(c)}`
        + (c.attribution ? ` (according to ${c.attribution})` : ''),
    }))));
}

export function renderEvent(container, ev) {
  clear(container);
  const loc = ev.location || {};
  const fat = ev.fatalities;
  container.append(el('div', { class: 'event' },
    el('h2', { text: `${ev.event_type}${ev.acled_sub_event_type ? ` — ${ev.acled_sub_event_type}` : ''}` }),
    typeDescription(ev.event_type)
      ? el('p', { class: 'type-description', text: `${ev.event_type}: ${typeDescription(ev.event_type)}` }) : null,
    el('dl', {},
      row('Date', dateText(ev.date)),
      row('Place', [loc.name || loc.text, loc.country_code].filter(Boolean).join(', ') || 'unknown'),
      row('Precision', PRECISION[loc.precision] || null),
      row('Actor 1', actor(ev.actor1)),
      row('Actor 2', actor(ev.actor2)),
      row('ACLED', ev.acled_event_type),
      row('Status', ev.status),
      row('Fatalities', fat && (fat.min !== null || fat.max !== null)
        ? (fat.min === fat.max ? String(fat.min) : `${fat.min ?? '?'}–${fat.max ?? '?'}`) : null),
      row('Sources', sourcesText(ev)),
      row('Grade', gradeText(ev.grade)),
      ev.date && ev.date.conflict ? row('Date conflict', 'the reports disagree on the date') : null),
    ev.grade_reasons && ev.grade_reasons.length
      ? el('ul', { class: 'grade-reasons' }, ...ev.grade_reasons.map((r) => el('li', { text: r }))) : null,
    claims(ev.fatality_claims),
    ...reportGroups(ev.reports),
  ));
  // Scroll each context box so that its evidence sentence is in view.
  for (const quote of container.querySelectorAll('blockquote.context')) {
    const mark = quote.querySelector('mark.evidence');
    if (mark) quote.scrollTop = Math.max(0, mark.offsetTop - quote.offsetTop - 48);
  }
}

// Reports kept apart: what outlets state themselves (assessed) and what they attribute to a party
// (claimed: "according to ...").
function reportGroups(reports) {
  const claimed = reports.filter((r) => r.attribution);
  const assessed = reports.filter((r) => !r.attribution);
  const out = [el('h3', { text: `Reports (${reports.length})` })];
  if (assessed.length) {
    out.push(el('h4', { class: 'tier-assessed', text: `Assessed — stated by the outlet (${assessed.length})` }),
      el('ul', { class: 'reports reports-assessed' }, ...assessed.map(report)));
  }
  if (claimed.length) {
    out.push(el('h4', { class: 'tier-claimed', text: `Claimed — attributed to a party (${claimed.length})` }),
      el('ul', { class: 'reports reports-claimed' }, ...claimed.map(report)));
  }
  return out;
}

const TIER = { control: 'assessed', claimed: 'claimed', contested: 'contested' };

// A control period (a square of the control layer): who, since when, how sure, and the
// evidence sentences, each with a button opening its event.
export function renderControl(container, p, openEvent) {
  clear(container);
  const tier = TIER[p.tier] || p.tier || 'claimed';
  const evidence = (p.evidence || []).map((e) => el('li', { class: 'control-evidence' },
    el('blockquote', { class: 'context' }, el('mark', { class: 'evidence', text: e.text || '' })),
    e.claim ? el('span', { class: 'tier-claimed', text: 'a claim · ' }) : null,
    e.canonical_id
      ? el('button', { type: 'button', class: 'open-event', 'data-event': e.canonical_id, text: 'Open the event' })
      : el('span', { text: e.article_id ? `article ${e.article_id}` : '' })));
  container.append(el('div', { class: 'control' },
    el('h2', { text: `${p.place || 'A place'}: ${p.tier === 'contested' ? 'contested' : `held by ${p.controller || 'unknown'}`}` }),
    el('dl', {},
      row('Controller', p.controller || 'unknown'),
      row('Tier', tier === 'assessed' ? 'assessed (graded or several sources)' : tier),
      row('Certain that day', p.certain === undefined ? null : (p.certain ? 'yes' : 'no (a bound of the period is uncertain)')),
      row('From', [p.from_start, p.from_end].filter(Boolean).join(' – ') || 'unknown'),
      row('Until', [p.to_start, p.to_end].filter(Boolean).join(' – ') || 'still held as far as reported')),
    el('h3', { text: `Evidence (${(p.evidence || []).length})` }),
    el('ul', { class: 'reports' }, ...evidence)));
  for (const b of container.querySelectorAll('button.open-event')) {
    b.addEventListener('click', () => openEvent(b.dataset.event));
  }
}

export function renderMessage(container, text) {
  clear(container);
  container.append(el('p', { class: 'panel-message', text }));
}
