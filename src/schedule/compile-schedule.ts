// Checks one schedule entry beyond its JSON Schema (cron, zone, dates, timing, references) and builds the engine form.
import { VtnError, type ErrorCode } from '../errors.js';
import { parseDuration } from '../oadr/duration.js';
import { parseCron, type CronSpec } from './cron-expression.js';
import { suggestName } from './closest-name.js';
import type { EventTemplate, TemplateMap } from './policy-templates.js';
import { checkCondition } from './fire-condition.js';
import { compareLocalDates, parseLocalDate, parseLocalTime } from './local-date.js';
import type { CalendarMap, CatchUpPolicy, EventTiming, OnRemovePolicy, Schedule, ScheduleEntry } from './schedule-types.js';
import { checkTimeZone } from './time-zone.js';
import { catalogueNames, type VenCatalogue } from './ven-catalogue.js';

/** A problem found in a file, located by JSON pointer (turned into line and column by the loader). */
export interface PointerProblem {
  pointer: string;
  code: ErrorCode;
  message: string;
  suggestion?: string;
  /** Warnings do not stop the schedule from loading. */
  warning?: boolean;
}

export interface CompileContext {
  file: string;
  pointer: string;
  defaults: { catchUp: CatchUpPolicy; onRemove: OnRemovePolicy };
  calendars: CalendarMap;
  templates: TemplateMap;
  catalogue: VenCatalogue;
}

/** The schedule, or undefined with problems when it cannot run. */
export function compileSchedule(e: ScheduleEntry, ctx: CompileContext): { schedule?: Schedule; problems: PointerProblem[] } {
  const problems: PointerProblem[] = [];
  const at = <T>(path: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof VtnError)) throw err;
      problems.push({ pointer: `${ctx.pointer}${path}`, code: err.code === 'E_DURATION' ? 'E_SCHEDULE_TIME' : err.code, message: messageOf(err), ...(err.hint ? { suggestion: err.hint } : {}) });
      return undefined;
    }
  };
  const refProblem = (path: string, message: string, suggestion: string) => problems.push({ pointer: `${ctx.pointer}${path}`, code: 'E_SCHEDULE_REFERENCE', message, suggestion });

  const cron = at('/cron', () => parseCron(e.cron));
  const timezone = at('/timezone', () => checkTimeZone(e.timezone));
  const seasons = (e.seasons ?? []).map((s, i) => [at(`/seasons/${i}/from`, () => monthDay(s.from)), at(`/seasons/${i}/until`, () => monthDay(s.until))] as const);
  const validFrom = e.valid?.from === undefined ? undefined : at('/valid/from', () => parseLocalDate(e.valid!.from!, 'valid.from'));
  const validUntil = e.valid?.until === undefined ? undefined : at('/valid/until', () => parseLocalDate(e.valid!.until!, 'valid.until'));
  if (validFrom && validUntil && compareLocalDates(validFrom, validUntil) > 0) {
    problems.push({ pointer: `${ctx.pointer}/valid`, code: 'E_SCHEDULE_TIME', message: `valid.from ${e.valid!.from} is after valid.until ${e.valid!.until}`, suggestion: 'swap the two dates' });
  }
  (e.exceptDates ?? []).forEach((d, i) => at(`/exceptDates/${i}`, () => parseLocalDate(d, `exceptDates[${i}]`)));
  (e.skipCalendars ?? []).forEach((name, i) => {
    if (!ctx.calendars.has(name)) refProblem(`/skipCalendars/${i}`, `no holiday calendar named "${name}"`, `${suggestName('calendar', name, ctx.calendars.keys())} (calendars are files in config/calendars/)`);
  });
  const ev = e.event;
  let template: EventTemplate | undefined;
  if (ev.template !== undefined) {
    template = ctx.templates.get(ev.template);
    if (!template) refProblem('/event/template', `no event template named "${ev.template}"`, `${suggestName('template', ev.template, ctx.templates.keys())} (templates are in config/templates.json)`);
  }
  checkTargets(e, ctx, problems, refProblem);
  if (e.condition !== undefined) at('/condition', () => checkCondition(e.condition!));
  const timing = at('/event', () => timingOf(e));
  const eventDurationMs = at('/event', () => durationOf(e, template));
  if (problems.some((p) => !p.warning) || !cron || !timing || eventDurationMs === undefined || !timezone) return { problems };
  const schedule: Schedule = {
    id: e.name, file: ctx.file, pointer: ctx.pointer, enabled: e.enabled ?? true, cron: cron as CronSpec, timezone,
    exceptDates: new Set(e.exceptDates ?? []), calendars: [...(e.skipCalendars ?? [])],
    catchUp: e.catchUp ?? ctx.defaults.catchUp, onRemove: e.onRemove ?? ctx.defaults.onRemove,
    timing, eventDurationMs, event: ev, facts: { ...(e.facts ?? {}) }, entry: e,
  };
  if (e.months) schedule.months = new Set(e.months);
  if (e.seasons) schedule.seasons = seasons.map(([a, b]) => [a!, b!]);
  if (validFrom) schedule.validFrom = validFrom;
  if (validUntil) schedule.validUntil = validUntil;
  if (e.condition) schedule.condition = e.condition;
  return { schedule, problems };
}

function checkTargets(e: ScheduleEntry, ctx: CompileContext, problems: PointerProblem[], refProblem: (path: string, message: string, suggestion: string) => void): void {
  const names = catalogueNames(ctx.catalogue);
  const kinds = [['groups', 'group', names.groups], ['programs', 'program', names.programs], ['resources', 'resource', names.resources]] as const;
  for (const [field, kind, known] of kinds) {
    (e.event.targets[field] ?? []).forEach((name, i) => {
      if (!ctx.catalogue.present) {
        problems.push({ pointer: `${ctx.pointer}/event/targets/${field}/${i}`, code: 'E_SCHEDULE_REFERENCE', warning: true,
          message: `${kind} "${name}" cannot be resolved yet: there is no VEN catalogue (config/vens.json), so occurrences reach no VEN`,
          suggestion: 'create config/vens.json listing the VENs with their groups and programs, or target venIds' });
      } else if (!known.has(name)) refProblem(`/event/targets/${field}/${i}`, `no VEN in config/vens.json is in ${kind} "${name}"`, suggestName(kind, name, known));
    });
  }
}

function timingOf(e: ScheduleEntry): EventTiming {
  const { startAt, leadTime, startDaysAfter } = e.event;
  if (startAt !== undefined && leadTime !== undefined) {
    throw new VtnError('E_SCHEDULE_TIME', 'event.startAt and event.leadTime are both given', 'keep one: startAt for a fixed local start time, leadTime for an offset from the fire time');
  }
  if (startAt !== undefined) return { kind: 'start-at', time: parseLocalTime(startAt, 'event.startAt'), daysAfter: startDaysAfter ?? 0 };
  if (startDaysAfter !== undefined) throw new VtnError('E_SCHEDULE_TIME', 'event.startDaysAfter needs event.startAt', 'add startAt (HH:MM) or remove startDaysAfter');
  if (leadTime === undefined) return { kind: 'at-fire' };
  const leadMs = parseDuration(leadTime);
  if (leadMs < 0) throw new VtnError('E_SCHEDULE_TIME', `event.leadTime ${leadTime} is negative`, 'an event cannot start before the schedule announces it');
  return { kind: 'lead', leadMs };
}

function durationOf(e: ScheduleEntry, template: EventTemplate | undefined): number {
  // A template interval may leave its duration out (it then lasts the whole event): no sum without all of them.
  const sum = (intervals: { duration?: string }[] | undefined) => (intervals?.every((iv) => iv.duration !== undefined) ? intervals.reduce((total, iv) => total + parseDuration(iv.duration!), 0) : undefined);
  const ms = e.event.duration !== undefined ? parseDuration(e.event.duration)
    : sum(e.event.intervals) ?? (template?.duration !== undefined ? parseDuration(template.duration) : sum(template?.signal?.intervals));
  if (ms === undefined) {
    throw new VtnError('E_SCHEDULE_TIME', 'the event has no duration', 'give event.duration (e.g. PT2H) or intervals with durations, inline or in the template');
  }
  if (ms < 0) throw new VtnError('E_SCHEDULE_TIME', `the event duration ${e.event.duration} is negative`, 'use a positive duration such as PT2H');
  return ms;
}

/** "06-15" → 615; refuses days that never exist (02-30). */
function monthDay(text: string): number {
  try {
    const d = parseLocalDate(`2024-${text}`, 'season');
    return d.month * 100 + d.day;
  } catch {
    throw new VtnError('E_SCHEDULE_TIME', `season date ${JSON.stringify(text)} is not a month and day`, 'write MM-DD, e.g. 06-01 for 1 June');
  }
}

function messageOf(err: VtnError): string {
  return err.hint ? err.message.slice(0, err.message.length - err.hint.length - 3) : err.message;
}
