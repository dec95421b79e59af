// Requests the VTN starts later (vtn.requestReport): one-shot, periodic and history windows.
import { VtnError } from '../../errors.js';
import { clampGranularity } from './granularity.js';
import type { IntervalSpec, ReportCallback } from './handler-types.js';
import { toIntervalMs } from './interval-ms.js';
import { makePlan, type BuildContext, type RequestPlan } from './make-plan.js';
import type { ReportOffer } from './offers.js';

export interface OnDemandInput extends BuildContext {
  /** The chosen data points, all of one VEN report. */
  offers: readonly ReportOffer[];
  /** Receives the values of every chosen rID. */
  callback?: ReportCallback;
}

export interface PeriodicInput extends OnDemandInput {
  samplingInterval: IntervalSpec;
  reportingInterval?: IntervalSpec;
  /** Defaults to now. */
  start?: Date;
  /** Length of the reporting period; 0 or absent = open-ended. */
  duration?: IntervalSpec;
}

export interface HistoryInput extends OnDemandInput {
  start: Date;
  /** Length of the history window; must be positive. */
  duration: IntervalSpec;
  /** Defaults to the VEN's min sampling period. */
  granularity?: IntervalSpec;
}

function callbacksFor(input: OnDemandInput): Map<string, ReportCallback> {
  return new Map(input.callback ? input.offers.map((o) => [o.rId, input.callback as ReportCallback]) : []);
}

function ms(value: IntervalSpec, what: string): number {
  return toIntervalMs(value, what, 'E_REPORT_REQUEST');
}

function validStart(start: Date | undefined, fallback: Date): Date {
  const at = start ?? fallback;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new VtnError('E_REPORT_REQUEST', `report start ${String(start)} is not a valid date`, 'pass a Date');
  }
  return at;
}

/** "Report your current values once": granularity and reportBackDuration PT0S, no interval. */
export function buildOneShotRequest(input: OnDemandInput): RequestPlan {
  return makePlan({ offers: input.offers, kind: 'oneShot', granularityMs: 0, reportBackMs: 0, callbacks: callbacksFor(input), notes: [] }, input, new Set());
}

/** Periodic telemetry from `start` (default now) for `duration` (default open-ended). */
export function buildPeriodicRequest(input: PeriodicInput): RequestPlan {
  const notes: string[] = [];
  const clamp = clampGranularity(ms(input.samplingInterval, 'samplingInterval'), input.offers);
  if (clamp.note) notes.push(clamp.note);
  let reportBackMs = input.reportingInterval === undefined ? clamp.granularityMs : ms(input.reportingInterval, 'reportingInterval');
  if (reportBackMs < clamp.granularityMs) {
    notes.push(`reporting interval raised to the granularity ${clamp.granularityMs / 1000}s`);
    reportBackMs = clamp.granularityMs;
  }
  const reportInterval = {
    dtstart: validStart(input.start, input.now),
    durationMs: input.duration === undefined ? 0 : ms(input.duration, 'duration'),
  };
  return makePlan({
    offers: input.offers, kind: 'periodic', granularityMs: clamp.granularityMs, reportBackMs, reportInterval,
    callbacks: callbacksFor(input), notes,
  }, input, new Set());
}

/** Past values in [start, start + duration), delivered at once (reportBackDuration PT0S). */
export function buildHistoryRequest(input: HistoryInput): RequestPlan {
  const durationMs = ms(input.duration, 'duration');
  if (durationMs <= 0) {
    throw new VtnError('E_REPORT_REQUEST', 'a history request needs a positive duration', 'e.g. { start, duration: "PT1H" }');
  }
  const dtstart = validStart(input.start, input.now);
  const notes: string[] = [];
  const clamp = clampGranularity(input.granularity === undefined ? 0 : ms(input.granularity, 'granularity'), input.offers);
  // Defaulting to the VEN's own sampling period is not worth a note.
  if (clamp.note && input.granularity !== undefined) notes.push(clamp.note);
  return makePlan({
    offers: input.offers, kind: 'history', granularityMs: clamp.granularityMs, reportBackMs: 0,
    reportInterval: { dtstart, durationMs }, callbacks: callbacksFor(input), notes,
  }, input, new Set());
}
