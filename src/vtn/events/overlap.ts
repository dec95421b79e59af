// Refuses two live events overlapping in time in one market context for the same VEN (requirements §4, case A_Ex_0530).
// Events for disjoint sets of VENs may overlap: one program commonly runs for several groups at once.
import { VtnError } from '../../errors.js';
import type { EventRecord } from '../../store/records.js';
import { eventStatus } from './event-status.js';

/** [start, end) in epoch ms; an open-ended event ends at infinity. */
function rangeOf(rec: EventRecord): [number, number] {
  const start = Date.parse(rec.dtstart);
  return [start, rec.duration === 0 ? Number.POSITIVE_INFINITY : start + rec.duration];
}

/** The first live existing event that shares a VEN and the market context with the candidate and overlaps in time. */
export function findOverlap(candidate: EventRecord, existing: Iterable<EventRecord>, now: Date): EventRecord | undefined {
  const [start, end] = rangeOf(candidate);
  const audience = new Set(candidate.venIds);
  for (const other of existing) {
    if (other.eventId === candidate.eventId || other.marketContext !== candidate.marketContext) continue;
    if (!other.venIds.some((v) => audience.has(v))) continue;
    const status = eventStatus(other, now);
    if (status === 'cancelled' || status === 'completed') continue;
    const [otherStart, otherEnd] = rangeOf(other);
    if (start < otherEnd && otherStart < end) return other;
  }
  return undefined;
}

/** Throws E_EVENT_OVERLAP naming the conflicting event and both time ranges. */
export function assertNoOverlap(candidate: EventRecord, existing: Iterable<EventRecord>, now: Date): void {
  const other = findOverlap(candidate, existing, now);
  if (!other) return;
  throw new VtnError('E_EVENT_OVERLAP',
    `event ${candidate.eventId} (${rangeText(candidate)}) overlaps event ${other.eventId} (${rangeText(other)}) in market context ${candidate.marketContext}`,
    `move one of them, or cancel ${other.eventId} first`);
}

function rangeText(rec: EventRecord): string {
  const [start, end] = rangeOf(rec);
  return `${new Date(start).toISOString()} – ${Number.isFinite(end) ? new Date(end).toISOString() : 'open-ended'}`;
}
