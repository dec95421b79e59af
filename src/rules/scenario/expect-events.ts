// Checks a scenario's expectEvents against the VTN's events and describes every mismatch readably.
import type { EventView } from '../../vtn/vtn.js';
import type { EventExpectation } from './scenario-types.js';

/** venIds of the scenario's VENs by venName, so expectations can name VENs as the catalogue does. */
export type VenIds = (name: string) => string | undefined;

function matches(view: EventView, x: EventExpectation, venIds: VenIds): boolean {
  const e = view.event;
  if (x.group !== undefined && !(e.target.groupIds ?? []).includes(x.group)) return false;
  if (x.ven !== undefined && !e.venIds.includes(venIds(x.ven) ?? x.ven)) return false;
  const signals = x.signal === undefined ? e.signals : e.signals.filter((s) => s.signalName === x.signal);
  if (signals.length === 0) return false;
  if (x.level !== undefined && !signals.some((s) => s.intervals.some((iv) => iv.payload === x.level))) return false;
  if (x.status !== undefined && view.status !== x.status) return false;
  if (x.marketContext !== undefined && e.marketContext !== x.marketContext) return false;
  if (x.rule !== undefined && e.origin?.rule !== x.rule) return false;
  return true;
}

/** One line per event: enough to see why an expectation missed it. */
export function describeEvent(view: EventView): string {
  const e = view.event;
  const signals = e.signals.map((s) => `${s.signalName} ${s.intervals.map((iv) => iv.payload).join('/')}`).join(', ');
  const groups = e.target.groupIds?.length ? ` groups ${e.target.groupIds.join(', ')}` : '';
  const rule = e.origin?.rule ? `, rule "${e.origin.rule}"` : '';
  return `${e.eventId}  ${signals} for${groups} VENs ${e.venIds.join(', ')}, ${view.status}, ${e.marketContext}, starts ${e.dtstart}${rule}`;
}

const plural = (n: number) => `${n} matching event${n === 1 ? '' : 's'}`;

/** Difference lines, indented relative to each other (none when every expectation holds). An empty list expects no event at all. */
export function compareEvents(expected: readonly EventExpectation[], events: readonly EventView[], venIds: VenIds): string[] {
  const out: string[] = [];
  if (expected.length === 0 && events.length > 0) out.push('expectEvents []', '  expected: no event', `  actual:   ${events.length} event(s)`);
  expected.forEach((x, i) => {
    const { count, ...filter } = x;
    const found = events.filter((v) => matches(v, x, venIds)).length;
    const ok = count === undefined ? found > 0 : found === count;
    if (!ok) out.push(`expectEvents[${i}] ${JSON.stringify(filter)}`, `  expected: ${count === undefined ? 'at least 1 matching event' : plural(count)}`, `  actual:   ${plural(found)}`);
  });
  if (out.length) out.push(...(events.length ? ['events in the VTN:', ...events.map((v) => `  ${describeEvent(v)}`)] : ['events in the VTN: none']));
  return out;
}
