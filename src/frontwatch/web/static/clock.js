// The time slider: one day within the period, stepped by day / week / month or played. The
// control layer shows who held what on that day; the event layer shows the period up to it.
import { fromDay, toDay } from './timeline.js';

const PLAY_MS = 900; // between two steps while playing

// The day one step away from `day` (a day number), by unit, forwards (+1) or back (-1).
export function stepDay(day, unit, direction) {
  if (unit === 'day') return day + direction;
  if (unit === 'week') return day + 7 * direction;
  const d = new Date(day * 86400000);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + direction, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return Math.floor(target.getTime() / 86400000);
}

export function createClock({ onChange }) {
  const slider = document.getElementById('clock-day');
  const label = document.getElementById('clock-label');
  const step = document.getElementById('clock-step');
  const play = document.getElementById('clock-play');
  let lo = null;
  let hi = null;
  let timer = null;

  function show(day) {
    const text = day === null ? 'no period' : fromDay(day);
    label.textContent = day === hi ? `${text} (period end)` : text;
    slider.setAttribute('aria-valuetext', text);
  }

  function current() { return lo === null ? null : Number(slider.value); }

  function set(day, { notify = true } = {}) {
    if (lo === null) return;
    const d = Math.min(Math.max(day, lo), hi);
    slider.value = String(d);
    show(d);
    if (notify) onChange(d === hi ? null : fromDay(d));
  }

  function stop() {
    clearTimeout(timer);
    timer = null;
    play.textContent = '▶ Play';
    play.setAttribute('aria-pressed', 'false');
  }

  async function tick() {
    const next = stepDay(current(), step.value, 1);
    set(next);
    if (next >= hi) { stop(); return; }
    timer = setTimeout(tick, PLAY_MS);
  }

  slider.addEventListener('input', () => { stop(); set(Number(slider.value)); });
  document.getElementById('clock-back').addEventListener('click', () => { stop(); set(stepDay(current(), step.value, -1)); });
  document.getElementById('clock-next').addEventListener('click', () => { stop(); set(stepDay(current(), step.value, 1)); });
  document.getElementById('clock-end').addEventListener('click', () => { stop(); set(hi); });
  play.addEventListener('click', () => {
    if (timer !== null) { stop(); return; }
    if (current() >= hi) set(lo);
    play.textContent = '❚❚ Pause';
    play.setAttribute('aria-pressed', 'true');
    timer = setTimeout(tick, PLAY_MS);
  });

  return {
    // The period [since, until] (ISO days) and the day shown (null: the period's end).
    setRange(since, until, at) {
      if (!since || !until) { lo = hi = null; slider.disabled = true; show(null); return; }
      lo = toDay(since);
      hi = toDay(until);
      slider.disabled = false;
      slider.min = String(lo);
      slider.max = String(hi);
      set(at ? toDay(at) : hi, { notify: false });
    },
    day: () => (lo === null ? null : fromDay(current())),
    stop,
  };
}
