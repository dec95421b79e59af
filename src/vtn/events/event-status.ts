// Event status and current interval, computed from the clock (requirements §4); never stored.
import type { EventStatus } from '../../oadr/model.js';
import type { EventRecord, StoredSignal } from '../../store/records.js';

/** far before dtstart − rampUp, near until dtstart, active for the duration (0 = forever), then completed; cancelled is sticky. */
export function eventStatus(rec: EventRecord, now: Date): EventStatus {
  if (rec.cancelledAt !== undefined) return 'cancelled';
  const t = now.getTime();
  const start = Date.parse(rec.dtstart);
  if (t < start - (rec.rampUp ?? 0)) return 'far';
  if (t < start) return 'near';
  if (rec.duration === 0 || t < start + rec.duration) return 'active';
  return 'completed';
}

/**
 * Index of the signal's interval that contains `now`, or undefined when the event is not active.
 * In an open-ended event the last interval holds once the others have run out.
 */
export function currentIntervalIndex(signal: StoredSignal, rec: EventRecord, now: Date): number | undefined {
  if (eventStatus(rec, now) !== 'active' || signal.intervals.length === 0) return undefined;
  let end = Date.parse(rec.dtstart);
  const t = now.getTime();
  for (const [i, iv] of signal.intervals.entries()) {
    end += iv.duration;
    if (iv.duration === 0 || t < end) return i;
  }
  return rec.duration === 0 ? signal.intervals.length - 1 : undefined;
}

/** The next instant after `now` at which eventStatus changes by the clock alone (undefined: never). */
export function nextStatusChange(rec: EventRecord, now: Date): number | undefined {
  if (rec.cancelledAt !== undefined) return undefined;
  const t = now.getTime();
  const start = Date.parse(rec.dtstart);
  const edges = [start - (rec.rampUp ?? 0), start, ...(rec.duration === 0 ? [] : [start + rec.duration])];
  return edges.find((edge) => edge > t);
}
