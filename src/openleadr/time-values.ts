// datetime and timedelta in JavaScript: Date or ISO 8601 text, milliseconds or ISO 8601 durations.
import { parseDateTime, parseDuration, VtnError } from '../index.js';
import type { DateTime, Duration } from './types.js';

export function toDate(value: DateTime, field: string): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  if (typeof value === 'string') return parseDateTime(value);
  throw new VtnError('E_DATETIME', `${field} must be a Date or an ISO 8601 date-time, got ${JSON.stringify(value)}.`, "e.g. new Date('2021-01-01T12:00:00Z')");
}

export function toMs(value: Duration, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string') return parseDuration(value);
  throw new VtnError('E_DURATION', `${field} must be milliseconds or an ISO 8601 duration, got ${JSON.stringify(value)}.`, "e.g. 10 * 60_000 or 'PT10M'");
}
