// A warning when a schedule runs past the last year its holiday calendar lists: from then on no holiday is
// skipped. Rule-based calendars cover every year; listed dates end with their last year.
import { lastCoveredYear } from './holiday-lookup.js';
import { formatLocalDate } from './local-date.js';
import { nextOccurrences } from './occurrences.js';
import type { Position } from './json-positions.js';
import type { Problem } from './schedule-files.js';
import type { CalendarMap, Schedule } from './schedule-types.js';

const DAY = 86_400_000;
/** Open-ended schedules are checked this far ahead. */
export const COVERAGE_HORIZON_DAYS = 366;

/** Warnings for `s` (already checked: its calendars exist), at the position of each calendar it names. */
export function calendarCoverageProblems(s: Schedule, calendars: CalendarMap, now: Date, positionOf: (pointer: string) => Position): Problem[] {
  if (!s.enabled) return [];
  const out: Problem[] = [];
  s.calendars.forEach((name, i) => {
    const cal = calendars.get(name);
    const last = cal && lastCoveredYear(cal);
    if (last === undefined) return;
    const after = Math.max(now.getTime(), Date.UTC(last + 1, 0, 1) - DAY);
    const limit = s.validUntil ? Date.UTC(s.validUntil.year, s.validUntil.month - 1, s.validUntil.day + 2) : now.getTime() + COVERAGE_HORIZON_DAYS * DAY;
    if (after >= limit) return;
    const first = nextOccurrences(s, calendars, new Date(after), 2000, { fireOnly: true, horizonDays: (limit - after) / DAY })
      .find((o) => o.eventDate > `${last}-12-31`);
    if (!first) return;
    const span = s.validUntil ? `is valid until ${formatLocalDate(s.validUntil)}` : `has no end date (checked ${COVERAGE_HORIZON_DAYS} days ahead)`;
    out.push({
      file: s.file, ...positionOf(`${s.pointer}/skipCalendars/${i}`), code: 'E_SCHEDULE_CALENDAR_RANGE', severity: 'warning',
      message: `schedule "${s.id}" ${span} but holiday calendar "${name}" (${cal!.file}) lists holidays only until ${last}: from its event on ${first.eventDate} on, no holiday is skipped`,
      suggestion: `add ${last + 1} and later years to ${cal!.file}, or describe its holidays as rules, which cover every year: see "Holiday calendars" in the README`,
    });
  });
  return out;
}
