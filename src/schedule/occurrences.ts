// The occurrence engine: the one function that says when a schedule fires, used both to preview and to fire.
// DST policy: a wall-clock fire time that does not exist (spring forward) fires once at the first valid instant
// after the gap; one that exists twice (fall back) fires once, at the first of the two. Both are noted.
import { cronMatchesDay } from './cron-expression.js';
import { dateSkip, insideDateWindow } from './date-filters.js';
import { addDays, compareLocalDates, formatLocalDate, formatLocalTime, weekdayOf, type LocalDate } from './local-date.js';
import type { CalendarMap, Schedule } from './schedule-types.js';
import { formatOffset, localAt, resolveLocal } from './time-zone.js';

export interface Occurrence {
  scheduleId: string;
  /** Idempotency key: `${scheduleId}@${fire time ISO}`. */
  key: string;
  fireTime: Date;
  /** Fire time on the schedule's wall clock, e.g. "2026-07-01 12:00 -04:00". */
  fireLocal: string;
  eventStart: Date;
  /** Undefined for an open-ended event. */
  eventEnd?: Date;
  eventLocal: string;
  /** The local date the event happens on; date filters (months, holidays…) look at this day. */
  eventDate: string;
  /** DST adjustments applied to the fire or start time, in plain words. */
  notes: string[];
  /** Present when the occurrence is skipped (holiday, exception date, impossible timing). */
  skip?: { reason: 'holiday' | 'exception' | 'timing'; detail: string };
}

const DAY = 86_400_000;

export const occurrenceKey = (scheduleId: string, fireTime: Date): string => `${scheduleId}@${fireTime.toISOString()}`;

/** Occurrences with fire time in (after, until], in time order, skipped ones included (see `skip`). */
export function occurrencesBetween(s: Schedule, calendars: CalendarMap, after: Date, until: Date): Occurrence[] {
  if (!s.enabled || until.getTime() <= after.getTime()) return [];
  const fires = new Map<number, string[]>();
  const last = addDays(localAt(s.timezone, until.getTime()).date, 1);
  for (let day = addDays(localAt(s.timezone, after.getTime()).date, -1); compareLocalDates(day, last) <= 0; day = addDays(day, 1)) {
    if (!cronMatchesDay(s.cron, day.month, day.day, weekdayOf(day))) continue;
    for (const hour of s.cron.hours) {
      for (const minute of s.cron.minutes) {
        const r = resolveLocal(s.timezone, day, { hour, minute });
        const t = r.instant;
        if (t <= after.getTime() || t > until.getTime()) continue;
        const notes = fires.get(t) ?? [];
        const wanted = `${formatLocalDate(day)} ${formatLocalTime({ hour, minute })}`;
        if (r.kind === 'gap') notes.push(`fire time ${wanted} does not exist (clocks spring forward): fires once at ${formatLocalTime(r.shiftedTo)}`);
        if (r.kind === 'repeated') notes.push(`fire time ${wanted} occurs twice (clocks fall back): fires once, at the first`);
        fires.set(t, notes);
      }
    }
  }
  return [...fires.entries()].sort((a, b) => a[0] - b[0]).flatMap(([t, notes]) => {
    const occ = buildOccurrence(s, calendars, t, notes);
    return occ ? [occ] : [];
  });
}

/** The next `count` occurrences after `after` (skipped ones included unless `fireOnly`), searching up to `horizonDays`. */
export function nextOccurrences(s: Schedule, calendars: CalendarMap, after: Date, count: number, opts: { fireOnly?: boolean; horizonDays?: number } = {}): Occurrence[] {
  const out: Occurrence[] = [];
  const end = after.getTime() + (opts.horizonDays ?? 3 * 366) * DAY;
  for (let from = after.getTime(); out.length < count && from < end; from += 31 * DAY) {
    const batch = occurrencesBetween(s, calendars, new Date(from), new Date(Math.min(from + 31 * DAY, end)));
    out.push(...batch.filter((o) => !opts.fireOnly || !o.skip));
  }
  return out.slice(0, count);
}

function buildOccurrence(s: Schedule, calendars: CalendarMap, fire: number, notes: string[]): Occurrence | undefined {
  const fireAt = localAt(s.timezone, fire);
  let start = fire;
  const timing = s.timing;
  if (timing.kind === 'lead') start = fire + timing.leadMs;
  if (timing.kind === 'start-at') {
    const r = resolveLocal(s.timezone, addDays(fireAt.date, timing.daysAfter), timing.time);
    start = r.instant;
    const at = formatLocalTime(timing.time);
    if (r.kind === 'gap') notes.push(`event start ${at} does not exist that day (clocks spring forward): starts at ${formatLocalTime(r.shiftedTo)}`);
    if (r.kind === 'repeated') notes.push(`event start ${at} occurs twice that day (clocks fall back): starts at the first`);
  }
  const startAt = localAt(s.timezone, start);
  // Months, seasons and the validity window are not occurrences at all; holidays and exceptions are, marked skipped.
  if (!insideDateWindow(s, startAt.date)) return undefined;
  const occ: Occurrence = {
    scheduleId: s.id,
    key: occurrenceKey(s.id, new Date(fire)),
    fireTime: new Date(fire),
    fireLocal: wallText(fireAt.date, fireAt.time, fireAt.offsetMs),
    eventStart: new Date(start),
    eventLocal: wallText(startAt.date, startAt.time, startAt.offsetMs),
    eventDate: formatLocalDate(startAt.date),
    notes,
  };
  if (s.eventDurationMs > 0) occ.eventEnd = new Date(start + s.eventDurationMs);
  const skip = start < fire
    ? { reason: 'timing' as const, detail: `the event would start (${occ.eventLocal}) before it is announced (${occ.fireLocal})` }
    : dateSkip(s, calendars, occ.eventDate);
  if (skip) occ.skip = skip;
  return occ;
}

function wallText(date: LocalDate, time: { hour: number; minute: number }, offsetMs: number): string {
  return `${formatLocalDate(date)} ${formatLocalTime(time)} ${formatOffset(offsetMs)}`;
}
