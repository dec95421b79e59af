// Builds the addEvent options of one occurrence: template fields, overridden by inline ones, at the occurrence's start.
import { parseDuration } from '../oadr/duration.js';
import type { AddEventOptions } from '../vtn/events/index.js';
import type { EventTemplate } from './event-templates.js';
import type { Occurrence } from './occurrences.js';
import type { ResolvedTargets } from './resolve-targets.js';
import type { IntervalSpec, Schedule } from './schedule-types.js';

const PASS_THROUGH = ['marketContext', 'priority', 'responseRequired', 'rampUp', 'notification', 'recovery', 'startAfter', 'testEvent', 'vtnComment'] as const;

/** Provenance stored on the event: the idempotency key across restarts and reloads. */
export function originOf(occ: Occurrence): Record<string, string> {
  return { schedule: occ.scheduleId, fireTime: occ.fireTime.toISOString() };
}

export function occurrenceEventOptions(s: Schedule, occ: Occurrence, template: EventTemplate | undefined, targets: ResolvedTargets): AddEventOptions {
  const ev = s.event;
  const opts: AddEventOptions = {
    venIds: targets.venIds,
    dtstart: occ.eventStart,
    duration: s.eventDurationMs,
    intervals: intervalsOf(ev.intervals ?? template?.signal?.intervals ?? [], s.eventDurationMs),
    origin: originOf(occ),
  };
  const signalName = ev.signalName ?? template?.signal?.name;
  const signalType = ev.signalType ?? template?.signal?.type;
  if (signalName !== undefined) opts.signalName = signalName;
  if (signalType !== undefined) opts.signalType = signalType;
  if (targets.resourceIds.length) opts.targets = [{ resourceIds: targets.resourceIds }];
  const fields = opts as Record<string, unknown>;
  for (const key of PASS_THROUGH) {
    const value = ev[key] ?? template?.[key];
    if (value !== undefined) fields[key] = value;
  }
  return opts;
}

/** A single interval is stretched to the event's duration (a template's one-hour level, run for two hours). */
function intervalsOf(intervals: IntervalSpec[], durationMs: number): { duration: number; payload: number }[] {
  const out = intervals.map((iv) => ({ duration: parseDuration(iv.duration), payload: iv.payload }));
  if (out.length === 1) out[0]!.duration = durationMs;
  return out;
}
