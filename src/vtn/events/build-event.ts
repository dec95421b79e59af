// Builds a validated, normalised EventRecord from authoring options (pure: time and IDs come from ctx).
import { VtnError } from '../../errors.js';
import type { EventRecord } from '../../store/records.js';
import { buildBaseline } from './build-baseline.js';
import { buildSignals, firstIntervalStart, signalInputsOf } from './build-signals.js';
import type { AddEventOptions } from './event-input.js';
import { isoOf, parseDateField, parseOptionalDuration } from './parse-time-fields.js';
import { readDescriptor, readId } from './read-descriptor.js';
import { audienceOf, mergeTargets } from './resolve-targets.js';

export interface BuildEventContext {
  now: Date;
  newId(): string;
  /** Market context used when the options give none. */
  defaultMarketContext: string;
}

const ACTIVE_PERIOD_OPTIONS = ['startAfter', 'notification', 'rampUp', 'recovery'] as const;

/** Validates `opts` and returns the record to persist; throws VtnError naming the faulty field. */
export function buildEventRecord(opts: AddEventOptions, ctx: BuildEventContext): EventRecord {
  if (typeof opts !== 'object' || opts === null) {
    throw new VtnError('E_EVENT_INVALID', 'the event options are not an object', 'pass an object with intervals and a VEN');
  }
  const nowIso = isoOf(parseDateField(ctx.now, 'now'));
  // 1. identity and descriptor
  const eventId = opts.eventId === undefined ? ctx.newId() : readId(opts.eventId, 'eventId');
  const descriptor = readDescriptor(opts, ctx.defaultMarketContext);
  // 2. active period and signals
  const signalInputs = signalInputsOf(opts);
  const startMs = opts.dtstart !== undefined ? parseDateField(opts.dtstart, 'dtstart') : firstIntervalStart(signalInputs);
  if (startMs === undefined) {
    throw new VtnError('E_EVENT_INVALID', 'dtstart is missing', 'give the event a dtstart, or give the first interval one');
  }
  const { signals, durationMs } = buildSignals(signalInputs, startMs, parseOptionalDuration(opts.duration, 'duration'), ctx.newId);
  // 3. targets and audience
  const merged = mergeTargets(opts, '');
  const venIds = audienceOf(opts.venId, opts.venIds, [merged, ...signals.map((s) => s.target)], opts.allowNoVens === true);
  const rec: EventRecord = {
    eventId,
    modificationNumber: 0,
    modificationDateTime: nowIso,
    ...descriptor,
    createdDateTime: nowIso,
    dtstart: isoOf(startMs),
    duration: durationMs,
    signals,
    target: merged ?? { venIds: [...venIds] },
    venIds,
    history: [],
  };
  // 4. optional parts
  for (const key of ACTIVE_PERIOD_OPTIONS) {
    const ms = parseOptionalDuration(opts[key], key);
    if (ms !== undefined) rec[key] = ms;
  }
  if (opts.baseline !== undefined) rec.baseline = buildBaseline(opts.baseline, startMs, ctx.newId);
  if (opts.origin !== undefined) rec.origin = { ...opts.origin };
  if (opts.allowNoVens === true) rec.allowNoVens = true;
  return rec;
}
