// Turns authored intervals into back-to-back stored intervals (ms durations, uid 0,1,2…) from a start instant.
import { VtnError } from '../../errors.js';
import type { StoredInterval } from '../../store/records.js';
import type { IntervalInput } from './event-input.js';
import { durationText, isoOf, parseDateField, parseDurationField } from './parse-time-fields.js';

/**
 * Resolves `inputs` starting at `startMs`. A missing duration comes from the next interval's dtstart, or,
 * for the last interval, from the end of a known `totalMs` (0 = open-ended: the last interval is then 0).
 */
export function resolveIntervals(
  inputs: IntervalInput[] | undefined, path: string, startMs: number, totalMs: number | undefined,
): StoredInterval[] {
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new VtnError('E_EVENT_INVALID', `${path} is empty`, 'give at least one interval with a payload');
  }
  const starts = inputs.map((iv, i) => (iv.dtstart === undefined ? undefined : parseDateField(iv.dtstart, `${path}[${i}].dtstart`)));
  const out: StoredInterval[] = [];
  let cursor = startMs;
  inputs.forEach((iv, i) => {
    const field = `${path}[${i}]`;
    const start = starts[i];
    if (start !== undefined && start !== cursor) {
      throw new VtnError('E_EVENT_INVALID', `${field}.dtstart is ${isoOf(start)} but the interval must start at ${isoOf(cursor)}`,
        'intervals run back to back from the start; fix this dtstart or the durations before it');
    }
    const duration = intervalDuration(iv, i, inputs.length, starts[i + 1], cursor, startMs, totalMs, field);
    out.push({ duration, payload: readPayload(iv, field), uid: readUid(iv, i, field) });
    cursor += duration;
  });
  return out;
}

function intervalDuration(
  iv: IntervalInput, i: number, count: number, nextStart: number | undefined,
  cursor: number, startMs: number, totalMs: number | undefined, field: string,
): number {
  if (iv.duration !== undefined) return parseDurationField(iv.duration, `${field}.duration`);
  if (nextStart !== undefined) {
    if (nextStart <= cursor) {
      throw new VtnError('E_EVENT_INVALID', `${field} starts at ${isoOf(cursor)} but the next interval starts at ${isoOf(nextStart)}`,
        'each interval must start after the previous one');
    }
    return nextStart - cursor;
  }
  if (i === count - 1 && totalMs !== undefined) {
    if (totalMs === 0) return 0;
    const rest = startMs + totalMs - cursor;
    if (rest <= 0) {
      throw new VtnError('E_INTERVAL_SUM', `the intervals before ${field} already fill the duration ${durationText(totalMs)}`,
        `give ${field} a duration and make the durations add up to the event duration`);
    }
    return rest;
  }
  const hint = i === count - 1 ? 'give it a duration, or give the event a duration' : 'give it a duration, or give the next interval a dtstart';
  throw new VtnError('E_EVENT_INVALID', `${field}.duration is missing`, hint);
}

function readPayload(iv: IntervalInput, field: string): number {
  const { payload, signalPayload } = iv;
  if (payload !== undefined && signalPayload !== undefined && payload !== signalPayload) {
    throw new VtnError('E_EVENT_INVALID', `${field} has payload ${payload} and signalPayload ${signalPayload}`, 'give only one of them');
  }
  const value = payload ?? signalPayload;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new VtnError('E_EVENT_INVALID', `${field}.payload is ${value === undefined ? 'missing' : String(value)}`,
      'every interval needs a finite number as payload');
  }
  return value;
}

function readUid(iv: IntervalInput, i: number, field: string): string {
  if (iv.uid !== undefined && iv.uid !== String(i)) {
    throw new VtnError('E_EVENT_INVALID', `${field}.uid is "${iv.uid}"`,
      `interval uids are 0, 1, 2… per signal (this one is ${i}); leave uid out`);
  }
  return String(i);
}

/** Sum of the durations. */
export function totalDuration(intervals: StoredInterval[]): number {
  return intervals.reduce((sum, iv) => sum + iv.duration, 0);
}

/**
 * Checks the intervals against the period they fill (E_INTERVAL_SUM). An open-ended period (0) takes any
 * sum; elsewhere a 0 interval is refused because it would never be current.
 */
export function checkIntervalSum(intervals: StoredInterval[], periodMs: number, path: string): void {
  const zero = intervals.findIndex((iv, i) => iv.duration === 0 && !(periodMs === 0 && i === intervals.length - 1));
  if (zero >= 0) {
    throw new VtnError('E_EVENT_INVALID', `${path}[${zero}].duration is 0`,
      'only the last interval of an open-ended event (duration 0) may have duration 0');
  }
  const sum = totalDuration(intervals);
  if (periodMs !== 0 && sum !== periodMs) {
    throw new VtnError('E_INTERVAL_SUM', `${path} add up to ${durationText(sum)} but the period lasts ${durationText(periodMs)}`,
      'make the interval durations add up to the duration, or leave the duration out to use their sum');
  }
}
