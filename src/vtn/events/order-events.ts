// The order events travel in within oadrDistributeEvent (requirements §4).
import type { EventRecord } from '../../store/records.js';
import { eventStatus } from './event-status.js';

/** Priority 1 is the highest; 0 means "no priority" and ranks after every numbered one. */
function priorityRank(priority: number): number {
  return priority === 0 ? Number.POSITIVE_INFINITY : priority;
}

// Comparison without subtraction: Infinity − Infinity would be NaN.
function compare(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const GROUP = { active: 0, near: 1, far: 1, none: 1, completed: 2, cancelled: 2 } as const;

/**
 * Active events first (by priority, 0 last, then dtstart), then near/far by dtstart, then completed and
 * cancelled by dtstart. Ties keep their input order. Returns a new array.
 */
export function orderEvents(recs: readonly EventRecord[], now: Date): EventRecord[] {
  const keyed = recs.map((rec, index) => ({
    rec, index, group: GROUP[eventStatus(rec, now)], start: Date.parse(rec.dtstart),
  }));
  keyed.sort((a, b) => compare(a.group, b.group)
    || (a.group === 0 ? compare(priorityRank(a.rec.priority), priorityRank(b.rec.priority)) : 0)
    || compare(a.start, b.start)
    || compare(a.index, b.index));
  return keyed.map((k) => k.rec);
}
