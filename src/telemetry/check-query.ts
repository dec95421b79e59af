// Reject malformed query bounds with a clear error instead of silently matching nothing.
import { VtnError } from '../errors.js';
import type { TelemetryQuery } from './telemetry-store.js';

function checkDate(d: Date | undefined, name: string): void {
  if (d !== undefined && (!(d instanceof Date) || Number.isNaN(d.getTime()))) {
    throw new VtnError('E_TELEMETRY_QUERY', `query.${name} is not a valid Date: ${String(d)}`, 'pass a Date object');
  }
}

export function checkQuery(q: TelemetryQuery): void {
  checkDate(q.from, 'from');
  checkDate(q.to, 'to');
  if (q.limit !== undefined && !(Number.isInteger(q.limit) && q.limit >= 0)) {
    throw new VtnError('E_TELEMETRY_QUERY', `query.limit must be a non-negative integer, got ${String(q.limit)}`);
  }
}
