// Reads date and duration inputs of an authoring call, naming the offending field when one is wrong.
import { VtnError } from '../../errors.js';
import type { DateInput, DurationInput } from './event-input.js';
import { toMs } from './to-ms.js';

/** ISO 8601 date-time with a mandatory zone: without one the instant would depend on the server's locale. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Epoch milliseconds of a Date or zoned ISO string. */
export function parseDateField(value: DateInput | undefined, field: string): number {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) throw new VtnError('E_DATETIME', `${field} is an invalid Date`, 'pass a valid Date or an ISO 8601 string');
    return t;
  }
  if (typeof value === 'string' && ISO_DATE_TIME.test(value.trim())) {
    const t = Date.parse(value.trim());
    if (!Number.isNaN(t)) return t;
  }
  throw new VtnError('E_DATETIME', `${field} is ${JSON.stringify(value) ?? 'undefined'}, not an ISO 8601 date-time`,
    'write e.g. 2026-06-01T14:00:00Z or 2026-06-01T16:00:00+02:00 (a zone is required)');
}

/** Non-negative milliseconds of a duration input. */
export function parseDurationField(value: DurationInput, field: string): number {
  let ms: number;
  try {
    ms = toMs(value);
  } catch (err) {
    if (err instanceof VtnError) throw new VtnError(err.code, `${field}: ${err.message}`);
    throw err;
  }
  if (ms < 0) throw new VtnError('E_EVENT_INVALID', `${field} is negative (${String(value)})`, 'durations must be 0 or more');
  return ms;
}

/** Like parseDurationField but passes undefined through (optional fields). */
export function parseOptionalDuration(value: DurationInput | undefined, field: string): number | undefined {
  return value === undefined ? undefined : parseDurationField(value, field);
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/** A duration for messages, ISO style (PT1H30M); exact to the millisecond. */
export function durationText(ms: number): string {
  if (ms === 0) return 'PT0S (open-ended)';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}
