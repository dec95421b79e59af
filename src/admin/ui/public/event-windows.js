// Which events to shade on a plot, as time windows: not cancelled, overlapping the plot window.
import { eventLabel } from './event-names.js';

const HOUR = 3_600_000;

/** views: [{ event, status }]; keep(event) picks the events that concern the plotted VENs. */
export function eventWindows(views, { from, to, programs, keep = () => true }) {
  return views.filter((v) => v.status !== 'cancelled' && keep(v.event)).map((v) => {
    const start = new Date(v.event.dtstart).getTime();
    // An open-ended event is shaded to the right edge.
    const end = v.event.duration ? start + v.event.duration : Math.max(start + HOUR, to);
    return { from: start, to: end, status: v.status, eventId: v.event.eventId, label: eventLabel(v.event, programs) };
  }).filter((w) => w.to > from && w.from < to);
}

/** The events of one group: those whose target names it (rules and schedules put the groups there). */
export function targetsGroup(event, group) {
  const t = event.target ?? {};
  return [...(t.groupIds ?? []), ...(t.groupNames ?? [])].includes(group);
}
