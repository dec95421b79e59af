// An SVG line plot of time series (one line and dots per series) with value and time axes.
import { s } from './element.js';
import { formatNumber, niceTicks, valueRange } from './plot-scale.js';
import { formatClock, formatTime } from './time-format.js';

const W = 960;
const H = 300;
const M = { left: 64, right: 16, top: 14, bottom: 34 };
/** Above this many points per series the dots would cover the line; the line alone is drawn. */
const MAX_DOTS = 400;

/** Event windows inside the plot window, as shaded bands behind the lines (an event that ends later is cut at `to`). */
function shades(windows, from, to, px) {
  return windows.filter((w) => w.to > from && w.from < to).map((w) => {
    const x1 = px(Math.max(w.from, from));
    const x2 = px(Math.min(w.to, to));
    return s('g', { class: `event-window status-${w.status}`, 'data-event-id': w.eventId },
      s('rect', { x: x1.toFixed(1), y: M.top, width: Math.max(2, x2 - x1).toFixed(1), height: H - M.top - M.bottom }, s('title', {}, w.label)),
      x2 - x1 > 60 ? s('text', { x: (x1 + 4).toFixed(1), y: M.top + 12, class: 'window-label' }, w.label.length > 28 ? `${w.label.slice(0, 27)}…` : w.label) : null);
  });
}

/**
 * series: [{ label, points: [{ t (ms), v (number) }] }] sorted by time; from/to: the window (ms); unit: axis text;
 * windows: [{ from, to (ms), label, status, eventId }] shaded behind the lines. Returns an <svg>.
 */
export function renderLinePlot({ series, from, to, unit, title, windows = [] }) {
  const all = series.flatMap((x) => x.points.map((p) => p.v));
  const { lo, hi } = valueRange(all);
  const px = (t) => M.left + ((t - from) / (to - from)) * (W - M.left - M.right);
  const py = (v) => H - M.bottom - ((v - lo) / (hi - lo)) * (H - M.top - M.bottom);
  const timeTicks = Array.from({ length: 7 }, (_, i) => from + ((to - from) * i) / 6);
  const longWindow = to - from > 86_400_000;
  const tLabel = (t) => (longWindow ? formatTime(new Date(t).toISOString()).slice(5, 16) : formatClock(t));
  const count = all.length;

  return s('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'plot-svg', role: 'img',
    'aria-label': `${title}: ${count} value(s) between ${formatTime(new Date(from).toISOString())} and ${formatTime(new Date(to).toISOString())}, from ${formatNumber(Math.min(...all))} to ${formatNumber(Math.max(...all))} ${unit}`,
  },
  shades(windows, from, to, px),
  niceTicks(lo, hi).map((v) => [
    s('line', { x1: M.left, x2: W - M.right, y1: py(v), y2: py(v), class: 'grid' }),
    s('text', { x: M.left - 6, y: py(v) + 4, 'text-anchor': 'end', class: 'axis-label' }, formatNumber(v)),
  ]),
  timeTicks.map((t) => s('text', { x: px(t), y: H - 12, 'text-anchor': 'middle', class: 'axis-label' }, tLabel(t))),
  s('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, class: 'axis' }),
  s('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'axis' }),
  s('text', { x: 8, y: M.top + 4, class: 'axis-label unit' }, unit),
  series.map((x, i) => s('g', { class: `series series-${i % 6}`, 'data-series': x.label },
    s('polyline', { class: 'plot-line', fill: 'none', points: x.points.map((p) => `${px(p.t).toFixed(1)},${py(p.v).toFixed(1)}`).join(' ') }),
    x.points.length <= MAX_DOTS ? x.points.map((p) => s('circle', { class: 'plot-point', cx: px(p.t).toFixed(1), cy: py(p.v).toFixed(1), r: 3 },
      s('title', {}, `${x.label}: ${formatNumber(p.v)} ${unit} at ${formatTime(new Date(p.t).toISOString())}`))) : null)));
}
