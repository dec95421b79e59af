// Day-level filters: months, seasons and the validity window select days; exception dates and holidays skip them.
import { holidayOn } from './holiday-lookup.js';
import { compareLocalDates, type LocalDate } from './local-date.js';
import type { CalendarMap, Schedule } from './schedule-types.js';

/** True when `date` is in the schedule's months, seasons and validity window (each only when given). */
export function insideDateWindow(s: Schedule, date: LocalDate): boolean {
  if (s.months && !s.months.has(date.month)) return false;
  if (s.seasons && !s.seasons.some((range) => inSeason(range, date.month * 100 + date.day))) return false;
  if (s.validFrom && compareLocalDates(date, s.validFrom) < 0) return false;
  if (s.validUntil && compareLocalDates(date, s.validUntil) > 0) return false;
  return true;
}

/** Why the day is skipped (exception date or a holiday in one of the schedule's calendars), if it is. */
export function dateSkip(s: Schedule, calendars: CalendarMap, date: string): { reason: 'holiday' | 'exception'; detail: string } | undefined {
  if (s.exceptDates.has(date)) return { reason: 'exception', detail: `${date} is listed in exceptDates` };
  for (const name of s.calendars) {
    const cal = calendars.get(name);
    const holiday = cal && holidayOn(cal, date);
    if (holiday !== undefined) return { reason: 'holiday', detail: `${holiday} (${name})` };
  }
  return undefined;
}

function inSeason([from, until]: readonly [number, number], monthDay: number): boolean {
  return from <= until ? monthDay >= from && monthDay <= until : monthDay >= from || monthDay <= until;
}
