// Whether a day is a holiday of a calendar (its listed dates, then its rules), and the last year it covers.
import { holidaysInYear } from './holiday-rules.js';
import type { HolidayCalendar } from './schedule-types.js';

/** Years computed per calendar, kept with the calendar object (a reload brings new objects, the old go with it). */
const computed = new WeakMap<HolidayCalendar, Map<number, Map<string, string>>>();
/** A preview or check scanning far ahead keeps at most this many years per calendar. */
const MAX_YEARS = 200;

function ruleHolidays(cal: HolidayCalendar, year: number): Map<string, string> {
  let years = computed.get(cal);
  if (!years) computed.set(cal, (years = new Map()));
  let found = years.get(year);
  if (!found) {
    found = holidaysInYear(cal.rules ?? [], year);
    if (years.size >= MAX_YEARS) years.delete(years.keys().next().value!);
    years.set(year, found);
  }
  return found;
}

/** The holiday's name when `date` (YYYY-MM-DD) is one in `cal`. */
export function holidayOn(cal: HolidayCalendar, date: string): string | undefined {
  const listed = cal.dates.get(date);
  if (listed !== undefined || !cal.rules?.length) return listed;
  return ruleHolidays(cal, Number(date.slice(0, 4))).get(date);
}

/** The last year the calendar knows holidays for; undefined when a rule without untilYear covers every year. */
export function lastCoveredYear(cal: HolidayCalendar): number | undefined {
  const rules = cal.rules ?? [];
  if (rules.some((r) => r.untilYear === undefined)) return undefined;
  const years = [...[...cal.dates.keys()].map((d) => Number(d.slice(0, 4))), ...rules.map((r) => r.untilYear!)];
  return years.length ? Math.max(...years) : undefined;
}
