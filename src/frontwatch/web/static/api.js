// The page state <-> URL query string, and calls to the REST API.
export const FILTERS = ['event_type', 'acled', 'status', 'actor', 'country', 'min_sources', 'grade', 'q'];
export const MAP_LIMIT = 5000;
export const EXPORT_LIMIT = 10000;
const STATE_KEYS = [...FILTERS, 'since', 'until', 'at', 'view', 'event', 'control'];

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of STATE_KEYS) {
    const value = params.get(key);
    if (value) state[key] = value;
  }
  return state;
}

export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of STATE_KEYS) {
    if (state[key]) params.set(key, state[key]);
  }
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

// Query string of the event filters (and, unless dates is false, the date range).
export function filterParams(state, { dates = true } = {}) {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (state[key]) params.set(key, state[key]);
  if (dates) {
    if (state.since) params.set('since', state.since);
    if (state.until) params.set('until', state.until);
  }
  return params;
}

export class ApiError extends Error {
  constructor(message, status = null) { super(message); this.status = status; }
}

export async function getJSON(path, params) {
  const url = params ? `${path}?${params.toString()}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError('Cannot reach the frontwatch server: check that `frontwatch serve` is running, then reload.');
  }
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new ApiError(response.status >= 500
    ? `The server failed (${message}). Check the \`frontwatch serve\` terminal, then reload.`
    : `The server refused the request: ${message}.`, response.status);
  }
  return body;
}
