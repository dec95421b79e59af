// Per-VEN caps and the bounds on what refused VENs leave behind (requirements §9), with their defaults.
import { VtnError } from '../errors.js';

export interface VenLimits {
  /** Data points (rIDs) one VEN may describe in its report registration. */
  offersPerVen: number;
  /** Report requests (subscriptions) held for one VEN. */
  subscriptionsPerVen: number;
  /** Opt records held for one VEN (cancelled ones are dropped first to make room). */
  optsPerVen: number;
  /** Schedule slots plus target IDs of one opt. */
  itemsPerOpt: number;
  /** Telemetry series (resource × measurement) one VEN may fill. */
  seriesPerVen: number;
  /** Names kept in the refused-registrations table; the least recently refused is evicted. */
  refusedNames: number;
  /** Warning lines per minute about refused or unknown VENs; the rest are counted in a "suppressed" note. */
  refusalLogLinesPerMinute: number;
  /** A refused name's record is written to the store at most once per this many seconds (per instance). */
  refusalFlushSeconds: number;
  /** After its first line, a name refused again gets at most one summary line (with its count) per this many seconds. */
  refusalSummarySeconds: number;
}

export const DEFAULT_LIMITS: VenLimits = {
  offersPerVen: 500,
  subscriptionsPerVen: 100,
  optsPerVen: 100,
  itemsPerOpt: 100,
  seriesPerVen: 200,
  refusedNames: 1000,
  refusalLogLinesPerMinute: 10,
  refusalFlushSeconds: 10,
  refusalSummarySeconds: 60,
};

export function resolveLimits(given: Partial<VenLimits> = {}): VenLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(given)) {
    if (!(key in DEFAULT_LIMITS)) {
      throw new VtnError('E_CONFIG', `limits.${key} is not a known limit.`, `Known limits: ${Object.keys(DEFAULT_LIMITS).join(', ')}.`);
    }
    if (!Number.isInteger(value) || (value as number) < 1) {
      throw new VtnError('E_CONFIG', `limits.${key} must be a whole number of at least 1, got ${String(value)}.`, `The default is ${DEFAULT_LIMITS[key as keyof VenLimits]}.`);
    }
    out[key as keyof VenLimits] = value as number;
  }
  return out;
}
