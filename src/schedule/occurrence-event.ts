// Builds the addEvent options of one occurrence: the named template filled in by the rules layer's
// templateToEventOptions, then the schedule's inline fields on top (inline wins).
import { parseDuration } from '../oadr/duration.js';
import type { Program } from '../rules/catalogue/catalogue.js';
import { templateToEventOptions } from '../rules/templates/index.js';
import type { AddEventOptions } from '../vtn/events/index.js';
import type { Occurrence } from './occurrences.js';
import type { EventTemplate } from './policy-templates.js';
import type { ResolvedTargets } from './resolve-targets.js';
import type { IntervalSpec, Schedule } from './schedule-types.js';

const PASS_THROUGH = ['marketContext', 'priority', 'responseRequired', 'rampUp', 'notification', 'recovery', 'startAfter', 'testEvent', 'vtnComment'] as const;

/** Provenance stored on the event: the idempotency key across restarts and reloads. */
export function originOf(occ: Occurrence): Record<string, string> {
  return { schedule: occ.scheduleId, fireTime: occ.fireTime.toISOString() };
}

export function occurrenceEventOptions(s: Schedule, occ: Occurrence, template: EventTemplate | undefined, programs: ReadonlyMap<string, Program>, targets: ResolvedTargets): AddEventOptions {
  const ev = s.event;
  const opts: AddEventOptions = template
    ? templateToEventOptions(template, { start: occ.eventStart, duration: s.eventDurationMs, venIds: targets.venIds, origin: originOf(occ) }, (name) => programs.get(name))
    : { venIds: targets.venIds, dtstart: occ.eventStart, duration: s.eventDurationMs, origin: originOf(occ) };
  if (ev.intervals || !template) opts.intervals = intervalsOf(ev.intervals ?? [], s.eventDurationMs);
  if (ev.signalName !== undefined) opts.signalName = ev.signalName;
  if (ev.signalType !== undefined) opts.signalType = ev.signalType;
  if (targets.resourceIds.length) opts.targets = [{ resourceIds: targets.resourceIds }];
  const fields = opts as Record<string, unknown>;
  for (const key of PASS_THROUGH) if (ev[key] !== undefined) fields[key] = ev[key];
  return opts;
}

/** A single interval is stretched to the event's duration (a one-hour level, run for two hours). */
function intervalsOf(intervals: IntervalSpec[], durationMs: number): { duration: number; payload: number }[] {
  const out = intervals.map((iv) => ({ duration: parseDuration(iv.duration), payload: iv.payload }));
  if (out.length === 1) out[0]!.duration = durationMs;
  return out;
}
