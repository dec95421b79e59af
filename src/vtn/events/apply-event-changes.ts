// Overlays a modification on a stored event's options: absent fields keep their value, IDs are kept stable.
import { VtnError } from '../../errors.js';
import type { EventRecord } from '../../store/records.js';
import type { AddEventOptions, ModifyEventOptions } from './event-input.js';
import { eventRecordToInput, signalToInput } from './event-record-to-input.js';
import { mergeTargets } from './resolve-targets.js';

const TARGET_KEYS = ['target', 'targets', 'targetsByType', 'venId', 'venIds'] as const;
const SCALAR_KEYS = [
  'priority', 'responseRequired', 'rampUp', 'notification', 'recovery', 'startAfter', 'testEvent', 'vtnComment', 'allowNoVens',
] as const;

/** The full options of the modified event, ready for buildEventRecord. */
export function applyEventChanges(rec: EventRecord, changes: ModifyEventOptions): AddEventOptions {
  const opts = eventRecordToInput(rec);
  const signalsChanged = applySignalChanges(rec, changes, opts);
  // New intervals may carry their own start and length: derive those unless the change states them.
  if (changes.dtstart !== undefined) opts.dtstart = changes.dtstart;
  else if (signalsChanged && opts.signals?.some((s) => Array.isArray(s.intervals) && s.intervals[0]?.dtstart !== undefined)) delete opts.dtstart;
  if (changes.duration !== undefined) opts.duration = changes.duration;
  else if (signalsChanged && rec.duration !== 0) delete opts.duration;
  if (TARGET_KEYS.some((k) => changes[k] !== undefined)) {
    delete opts.target;
    delete opts.venIds;
    for (const k of TARGET_KEYS) if (changes[k] !== undefined) Object.assign(opts, { [k]: changes[k] });
    // Without VENs named in the change, the audience stays as it was.
    if (changes.venId === undefined && changes.venIds === undefined && !mergeTargets(changes, '')?.venIds) opts.venIds = [...rec.venIds];
  }
  for (const k of SCALAR_KEYS) if (changes[k] !== undefined) Object.assign(opts, { [k]: changes[k] });
  if (changes.baseline !== undefined) {
    opts.baseline = { ...changes.baseline, baselineId: changes.baseline.baselineId ?? rec.baseline?.baselineId ?? `${rec.eventId}-baseline` };
  }
  return opts;
}

/** Replaces the signals when the change gives intervals or signals; returns whether it did. */
function applySignalChanges(rec: EventRecord, changes: ModifyEventOptions, opts: AddEventOptions): boolean {
  if (changes.intervals !== undefined && changes.signals !== undefined) {
    throw new VtnError('E_EVENT_INVALID', 'both intervals and signals are given', 'give intervals for a one-signal event, or signals[]');
  }
  if (changes.intervals !== undefined) {
    const only = rec.signals.length === 1 ? rec.signals[0] : undefined;
    if (!only) {
      throw new VtnError('E_EVENT_INVALID', `intervals replaces the signal of a one-signal event, but event ${rec.eventId} has ${rec.signals.length}`,
        'pass signals[] with every signal instead');
    }
    opts.signals = [{ ...signalToInput(only), intervals: changes.intervals }];
    return true;
  }
  if (changes.signals === undefined) return false;
  // Keep each position's signalId so VENs see the same signal modified, not a new one.
  opts.signals = Array.isArray(changes.signals)
    ? changes.signals.map((s, i) => ({ ...s, signalId: s.signalId ?? rec.signals[i]?.signalId ?? `${rec.eventId}-signal-${i}` }))
    : changes.signals;
  return true;
}
