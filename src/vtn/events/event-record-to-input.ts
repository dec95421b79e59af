// Re-expresses a stored event as authoring options, so a modification is validated by the same builder.
import type { EventRecord, StoredSignal } from '../../store/records.js';
import type { AddEventOptions, BaselineInput, SignalInput } from './event-input.js';

export function signalToInput(s: StoredSignal): SignalInput {
  const input: SignalInput = {
    signalName: s.signalName,
    signalType: s.signalType,
    signalId: s.signalId,
    intervals: s.intervals.map((iv) => ({ duration: iv.duration, payload: iv.payload })),
  };
  if (s.itemBase) input.itemBase = structuredClone(s.itemBase);
  if (s.target) input.target = structuredClone(s.target);
  return input;
}

export function baselineToInput(b: NonNullable<EventRecord['baseline']>): BaselineInput {
  const input: BaselineInput = {
    baselineId: b.baselineId,
    baselineName: b.baselineName,
    dtstart: b.dtstart,
    duration: b.duration,
    intervals: b.intervals.map((iv) => ({ duration: iv.duration, payload: iv.payload })),
  };
  if (b.resourceIds) input.resourceIds = [...b.resourceIds];
  return input;
}

/** Options that rebuild `rec` exactly (apart from bookkeeping: numbers, times, history). */
export function eventRecordToInput(rec: EventRecord): AddEventOptions {
  const opts: AddEventOptions = {
    eventId: rec.eventId,
    signals: rec.signals.map(signalToInput),
    dtstart: rec.dtstart,
    duration: rec.duration,
    target: structuredClone(rec.target),
    venIds: [...rec.venIds],
    priority: rec.priority,
    responseRequired: rec.responseRequired,
    testEvent: rec.testEvent,
    marketContext: rec.marketContext,
  };
  if (rec.startAfter !== undefined) opts.startAfter = rec.startAfter;
  if (rec.notification !== undefined) opts.notification = rec.notification;
  if (rec.rampUp !== undefined) opts.rampUp = rec.rampUp;
  if (rec.recovery !== undefined) opts.recovery = rec.recovery;
  if (rec.vtnComment !== undefined) opts.vtnComment = rec.vtnComment;
  if (rec.baseline) opts.baseline = baselineToInput(rec.baseline);
  if (rec.origin) opts.origin = { ...rec.origin };
  if (rec.allowNoVens) opts.allowNoVens = true;
  return opts;
}
