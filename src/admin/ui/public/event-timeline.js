// An SVG timeline: one bar per event from start to end, coloured by status, with a "now" line.
import { s } from './element.js';
import { formatClock, formatDuration, formatTime } from './time-format.js';

const WIDTH = 960;
const LABEL = 170;
const ROW = 24;
const AXIS = 28;
const HOUR = 3_600_000;

/** Start and end (ms) of an event; an open-ended one is drawn up to the right edge. */
function span(event, now) {
  const start = new Date(event.dtstart).getTime();
  return { start, end: event.duration ? start + event.duration : Math.max(start, now) + HOUR, open: !event.duration };
}

function ticks(from, to) {
  const step = [15 * 60_000, HOUR, 3 * HOUR, 6 * HOUR, 24 * HOUR, 7 * 24 * HOUR].find((st) => (to - from) / st <= 8) ?? 30 * 24 * HOUR;
  const out = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push(t);
  return { step, out };
}

/** views: [{ event, status }] in display order; nameOf(event) → { title, short, label }; an <svg>, or null for none. */
export function renderTimeline(views, now, nameOf = (e) => ({ title: e.eventId, short: '', label: e.eventId })) {
  if (views.length === 0) return null;
  const spans = views.map((v) => span(v.event, now));
  let from = Math.min(now, ...spans.map((x) => x.start));
  let to = Math.max(now, ...spans.map((x) => x.end));
  const pad = Math.max((to - from) * 0.04, 60_000);
  from -= pad;
  to += pad;
  const x = (t) => LABEL + ((t - from) / (to - from)) * (WIDTH - LABEL - 10);
  const height = AXIS + views.length * ROW + 6;
  const { step, out } = ticks(from, to);
  const label = (t) => (step >= 24 * HOUR ? formatTime(new Date(t).toISOString()).slice(5, 10) : formatClock(t));

  return s('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`, class: 'timeline-svg', role: 'img',
    'aria-label': `Timeline of ${views.length} event(s) from ${formatTime(new Date(from).toISOString())} to ${formatTime(new Date(to).toISOString())}`,
  },
  out.map((t) => [
    s('line', { x1: x(t), x2: x(t), y1: AXIS - 6, y2: height, class: 'grid' }),
    s('text', { x: x(t), y: AXIS - 10, 'text-anchor': 'middle', class: 'axis-label' }, label(t)),
  ]),
  views.map((v, i) => {
    const { start, end, open } = spans[i];
    const y = AXIS + i * ROW;
    const signal = v.event.signals?.[0];
    const name = nameOf(v.event);
    const rowLabel = name.short ? `${name.title} #${name.short}` : name.title;
    const tip = `${name.label} · ${v.status} · ${formatTime(v.event.dtstart)} for ${formatDuration(v.event.duration)}${signal ? ` · ${signal.signalName} ${signal.intervals.map((iv) => iv.payload).join('/')}` : ''}`;
    return s('g', { class: `row status-${v.status}`, 'data-event-id': v.event.eventId },
      s('text', { x: LABEL - 8, y: y + ROW / 2 + 4, 'text-anchor': 'end', class: 'row-label' }, rowLabel.length > 22 ? `${name.title.slice(0, 21 - name.short.length - 2)}… #${name.short}` : rowLabel),
      s('rect', { x: x(start), y: y + 4, width: Math.max(3, x(end) - x(start)), height: ROW - 8, rx: 3, class: `bar${open ? ' open' : ''}` }, s('title', {}, tip)));
  }),
  s('line', { x1: x(now), x2: x(now), y1: AXIS - 6, y2: height, class: 'now' }),
  s('text', { x: x(now) + 3, y: height - 4, class: 'now-label' }, 'now'));
}
