// PushOptions → the numbers the pusher runs on; a bad value is an E_CONFIG at start, never a silent default.
import { VtnError } from '../errors.js';
import { toMs } from '../vtn/events/to-ms.js';
import type { PushOptions } from '../vtn/vtn-options.js';

export interface PushSettings {
  timeoutMs: number;
  attempts: number;
  retryBackoffMs: number;
  concurrency: number;
  maxResponseBytes: number;
}

export function resolvePushSettings(o: PushOptions = {}, bodyLimit: number): PushSettings {
  const settings: PushSettings = {
    timeoutMs: msOf(o.timeout ?? 'PT10S', 'push.timeout'),
    attempts: o.attempts ?? 3,
    retryBackoffMs: msOf(o.retryBackoff ?? 500, 'push.retryBackoff'),
    concurrency: o.concurrency ?? 128,
    maxResponseBytes: o.maxResponseBytes ?? bodyLimit,
  };
  for (const key of ['attempts', 'concurrency', 'maxResponseBytes'] as const) {
    const v = settings[key];
    if (!Number.isInteger(v) || v < 1 || v > 1e9) throw new VtnError('E_CONFIG', `push.${key} must be a positive integer, got ${String(v)}.`);
  }
  if (settings.attempts > 10) throw new VtnError('E_CONFIG', `push.attempts is ${settings.attempts}; at most 10 tries per message.`, 'A VEN that is down gets its messages on its next contact; retries only bridge short outages.');
  if (!(settings.timeoutMs > 0)) throw new VtnError('E_CONFIG', 'push.timeout must be positive.');
  return settings;
}

/** How long a claim may stay in flight before another instance takes it for stale. */
export function claimLifetimeMs(s: PushSettings): number {
  let backoff = 0;
  for (let i = 1; i < s.attempts; i++) backoff += s.retryBackoffMs * 2 ** (i - 1);
  return s.attempts * s.timeoutMs + backoff + 5_000;
}

/** Milliseconds of a config duration (number or ISO 8601), or E_CONFIG naming the key. */
export function msOf(v: number | string, what: string): number {
  try {
    return toMs(v);
  } catch {
    throw new VtnError('E_CONFIG', `${what} "${String(v)}" is neither milliseconds nor an ISO 8601 duration.`, 'For example PT10S or 10000.');
  }
}
