// The timers for VENs as they are in the field: report requests nobody acknowledged are re-sent as oadrCreateReport,
// and a VTN-initiated cancellation ends after a grace. Unset times scale with the VEN's own poll period.
import { VtnError } from '../errors.js';
import type { VenRecord } from '../store/records.js';
import type { VtnSettings } from './context.js';
import { toMs } from './events/to-ms.js';

export interface FieldVenOptions {
  /** No acknowledgement of a report request within this (ms or ISO 8601): re-sent as oadrCreateReport; default two poll periods. */
  reportFallbackAfter?: number | string;
  /** oadrCreateReport re-sends per unacknowledged request, each wait twice the one before; default 3, 0 turns the fallback off. */
  reportFallbackAttempts?: number;
  /** A VTN-initiated cancellation retires the VEN after this (ms or ISO 8601), confirmed or not; default three poll periods. */
  cancelGrace?: number | string;
  /** How often one instance retires VENs whose grace is over (ms or ISO 8601); default one VTN poll period. */
  sweepEvery?: number | string;
}

export interface FieldTimerSettings {
  reportFallbackMs?: number;
  reportFallbackAttempts: number;
  cancelGraceMs?: number;
  sweepEveryMs: number;
}

export const FIELD_DEFAULTS = { reportFallbackPolls: 2, reportFallbackAttempts: 3, cancelGracePolls: 3 } as const;

export function fieldTimerSettings(o: FieldVenOptions | undefined, pollFreqMs: number): FieldTimerSettings {
  const positive = (v: number | string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const ms = toMs(v);
    if (!(ms > 0)) throw new VtnError('E_CONFIG', `fieldVens.${name} must be a positive duration, got ${String(v)}.`, 'Give milliseconds or an ISO 8601 duration such as "PT30S".');
    return ms;
  };
  const attempts = o?.reportFallbackAttempts ?? FIELD_DEFAULTS.reportFallbackAttempts;
  if (!Number.isInteger(attempts) || attempts < 0) {
    throw new VtnError('E_CONFIG', `fieldVens.reportFallbackAttempts must be a whole number ≥ 0, got ${String(attempts)}.`, 'Use 0 to turn the oadrCreateReport fallback off.');
  }
  const reportFallbackMs = positive(o?.reportFallbackAfter, 'reportFallbackAfter');
  const cancelGraceMs = positive(o?.cancelGrace, 'cancelGrace');
  return {
    ...(reportFallbackMs !== undefined ? { reportFallbackMs } : {}),
    reportFallbackAttempts: attempts,
    ...(cancelGraceMs !== undefined ? { cancelGraceMs } : {}),
    sweepEveryMs: positive(o?.sweepEvery, 'sweepEvery') ?? pollFreqMs,
  };
}

const pollPeriodOf = (s: VtnSettings, ven: VenRecord | undefined): number => ven?.pollFreqMs ?? s.pollFreqMs;

/** Wait before the n-th (1-based) oadrCreateReport re-send of an unacknowledged request. */
export function fallbackWaitMs(s: VtnSettings, ven: VenRecord | undefined, retry: number): number {
  const base = s.field.reportFallbackMs ?? FIELD_DEFAULTS.reportFallbackPolls * pollPeriodOf(s, ven);
  return base * 2 ** Math.max(0, retry - 1);
}

export function cancelGraceMs(s: VtnSettings, ven: VenRecord | undefined): number {
  return s.field.cancelGraceMs ?? FIELD_DEFAULTS.cancelGracePolls * pollPeriodOf(s, ven);
}

/** A cancellation goes out again on the next poll after this gap: every poll of a VEN on time, and a pushed one is not flooded. */
export function cancelResendGapMs(s: VtnSettings, ven: VenRecord | undefined): number {
  return Math.max(1, Math.floor(pollPeriodOf(s, ven) / 2));
}
