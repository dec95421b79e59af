// Resolves an event's signals (single-signal shorthand or signals[]) into stored signals with checked payloads.
import { VtnError } from '../../errors.js';
import type { StoredSignal } from '../../store/records.js';
import type { AddEventOptions, SignalInput } from './event-input.js';
import { parseDateField } from './parse-time-fields.js';
import { checkIntervalSum, resolveIntervals, totalDuration } from './resolve-intervals.js';
import { mergeTargets } from './resolve-targets.js';
import { checkSignalNameAndType } from './signal-catalogue.js';

const SIMPLE_LEVELS: readonly number[] = [0, 1, 2, 3];

/** The signals as authored with their JSON path, from either spelling; refuses both or neither. */
export function signalInputsOf(opts: AddEventOptions): { input: SignalInput; path: string }[] {
  const single = opts.intervals !== undefined || opts.signalName !== undefined || opts.signalType !== undefined;
  if (opts.signals !== undefined && single) {
    throw new VtnError('E_EVENT_INVALID', 'both signals and signalName/signalType/intervals are given',
      'use signalName, signalType and intervals for one signal, or signals[] for several');
  }
  if (opts.signals !== undefined) {
    if (!Array.isArray(opts.signals) || opts.signals.length === 0) {
      throw new VtnError('E_EVENT_INVALID', 'signals is empty', 'give at least one signal');
    }
    return opts.signals.map((input, i) => ({ input, path: `signals[${i}]` }));
  }
  if (opts.intervals === undefined) {
    throw new VtnError('E_EVENT_INVALID', 'the event has no intervals', 'give signalName, signalType and intervals, or signals[]');
  }
  const input: SignalInput = { signalName: opts.signalName as string, signalType: opts.signalType, intervals: opts.intervals };
  if (opts.itemBase !== undefined) input.itemBase = opts.itemBase;
  return [{ input, path: '' }];
}

/** The first interval dtstart among the signals, used when the event itself has no dtstart. */
export function firstIntervalStart(signals: { input: SignalInput; path: string }[]): number | undefined {
  for (const { input, path } of signals) {
    const first = Array.isArray(input.intervals) ? input.intervals[0] : undefined;
    if (first?.dtstart !== undefined) return parseDateField(first.dtstart, `${prefix(path)}intervals[0].dtstart`);
  }
  return undefined;
}

/**
 * Builds the stored signals. `durationMs` is the event duration when known; otherwise it is derived from
 * the first signal (its sum, or 0 when its last interval is 0) and returned.
 */
export function buildSignals(
  signals: { input: SignalInput; path: string }[], startMs: number, durationMs: number | undefined, newId: () => string,
): { signals: StoredSignal[]; durationMs: number } {
  let total = durationMs;
  const out = signals.map(({ input, path }) => {
    const { signalName, signalType } = checkSignalNameAndType(input.signalName, input.signalType, prefix(path));
    const intervals = resolveIntervals(input.intervals, `${prefix(path)}intervals`, startMs, total);
    if (total === undefined) total = intervals.at(-1)?.duration === 0 ? 0 : totalDuration(intervals);
    checkIntervalSum(intervals, total, `${prefix(path)}intervals`);
    if (signalName === 'SIMPLE') checkSimplePayloads(intervals.map((iv) => iv.payload), `${prefix(path)}intervals`);
    const signal: StoredSignal = { signalName, signalType, signalId: readSignalId(input.signalId, path, newId), intervals };
    if (input.itemBase !== undefined) signal.itemBase = { ...input.itemBase };
    const target = mergeTargets({ target: input.target }, prefix(path));
    if (target) signal.target = target;
    return signal;
  });
  const dup = out.findIndex((s, i) => out.findIndex((o) => o.signalId === s.signalId) !== i);
  if (dup >= 0) {
    throw new VtnError('E_EVENT_INVALID', `signals[${dup}].signalId "${out[dup]?.signalId}" is used by an earlier signal`,
      'give every signal its own signalId, or leave them out');
  }
  return { signals: out, durationMs: total ?? 0 };
}

function checkSimplePayloads(payloads: number[], path: string): void {
  const bad = payloads.findIndex((p) => !SIMPLE_LEVELS.includes(p));
  if (bad >= 0) {
    throw new VtnError('E_SIMPLE_PAYLOAD', `${path}[${bad}].payload is ${payloads[bad]}`, 'SIMPLE levels are 0, 1, 2 or 3');
  }
}

function readSignalId(id: unknown, path: string, newId: () => string): string {
  if (id === undefined) return newId();
  if (typeof id !== 'string' || id === '') {
    throw new VtnError('E_EVENT_INVALID', `${prefix(path)}signalId is ${JSON.stringify(id)}`, 'leave it out or give a non-empty string');
  }
  return id;
}

function prefix(path: string): string {
  return path ? `${path}.` : '';
}
