// Turns a template plus a start, a duration and targets into the options vtn.addEvent() takes.
import { VtnError } from '../../errors.js';
import { toMs, type AddEventOptions, type IntervalInput } from '../../vtn/events/index.js';
import type { Program } from '../catalogue/catalogue.js';
import type { EventTemplate } from './event-template.js';

export interface TemplateFill {
  /** When the event starts. */
  start: Date;
  /** Event length (ms or ISO 8601); default the template's duration, else the sum of its intervals. */
  duration?: number | string;
  /** The VENs the event is delivered to (resolve groups to VENs first). */
  venIds: string[];
  /** Groups named in the event's target (groupID), besides the VENs. */
  groups?: string[];
  /** Payload for every interval (e.g. a SIMPLE level), instead of the template's. */
  level?: number;
  priority?: number;
  vtnComment?: string;
  eventId?: string;
  /** Provenance stored with the event (rule or schedule name, fire time…). */
  origin?: Record<string, string>;
}

/** Finds a program of config/programs.json by name (the template's market context and defaults come from it). */
export type ProgramLookup = (name: string) => Program | undefined;

function intervalsFor(t: EventTemplate, durationMs: number | undefined, level: number | undefined): IntervalInput[] {
  const intervals = t.signal.intervals;
  const payload = (p: number) => level ?? p;
  // A single interval stretches to the event's length, so one template serves any duration.
  if (intervals.length === 1 && durationMs !== undefined) return [{ duration: durationMs, payload: payload(intervals[0]!.payload) }];
  return intervals.map((i) => ({ ...(i.duration !== undefined ? { duration: i.duration } : {}), payload: payload(i.payload) }));
}

/**
 * addEvent options for `template`; the core validates them (SIMPLE payloads, interval sums, signal types).
 * `programs` is required so that no caller can leave out the template's program (its market context,
 * priority, rampUp…): events from one template are the same whoever fills it in.
 */
export function templateToEventOptions(template: EventTemplate, fill: TemplateFill, programs: ProgramLookup): AddEventOptions {
  if (!(fill.start instanceof Date) || Number.isNaN(fill.start.getTime())) {
    throw new VtnError('E_EVENT_INVALID', `template ${template.name}: start is not a valid Date`, 'pass the event start as a Date');
  }
  const durationSpec = fill.duration ?? template.duration;
  const durationMs = durationSpec === undefined ? undefined : toMs(durationSpec);
  const program = template.program === undefined ? undefined : programs(template.program);
  const defaults = program?.defaults ?? {};
  const marketContext = template.marketContext ?? program?.marketContext;
  const priority = fill.priority ?? template.priority ?? defaults.priority;
  const responseRequired = template.responseRequired ?? defaults.responseRequired;
  const rampUp = template.rampUp ?? defaults.rampUp;
  const testEvent = template.testEvent ?? defaults.testEvent;
  const vtnComment = fill.vtnComment ?? template.vtnComment;
  return {
    ...(fill.eventId !== undefined ? { eventId: fill.eventId } : {}),
    venIds: [...fill.venIds],
    ...(fill.groups?.length ? { targetsByType: { groupId: [...fill.groups] } } : {}),
    signalName: template.signal.name,
    ...(template.signal.type !== undefined ? { signalType: template.signal.type } : {}),
    intervals: intervalsFor(template, durationMs, fill.level),
    dtstart: fill.start,
    ...(durationMs !== undefined ? { duration: durationMs } : {}),
    ...(marketContext !== undefined ? { marketContext } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(responseRequired !== undefined ? { responseRequired } : {}),
    ...(rampUp !== undefined ? { rampUp } : {}),
    ...(template.notification !== undefined ? { notification: template.notification } : {}),
    ...(template.recovery !== undefined ? { recovery: template.recovery } : {}),
    ...(template.startAfter !== undefined ? { startAfter: template.startAfter } : {}),
    ...(testEvent !== undefined ? { testEvent } : {}),
    ...(vtnComment !== undefined ? { vtnComment } : {}),
    ...(fill.origin ? { origin: { ...fill.origin } } : {}),
  };
}
