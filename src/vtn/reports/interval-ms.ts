// Sampling and reporting intervals arrive from handlers as milliseconds or ISO 8601 durations ("PT10S").
import { VtnError, type ErrorCode } from '../../errors.js';
import { parseDuration } from '../../oadr/duration.js';

function parsedOrUndefined(text: string): number | undefined {
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

/** A handler-supplied interval as non-negative milliseconds; `what` names it in the error. */
export function toIntervalMs(value: unknown, what: string, code: ErrorCode = 'E_HANDLER_RESULT'): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parsedOrUndefined(value) : undefined;
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    throw new VtnError(
      code,
      `${what} must be a non-negative number of milliseconds or an ISO 8601 duration, got ${JSON.stringify(value)}`,
      'use e.g. 10000 or "PT10S"',
    );
  }
  return ms;
}
