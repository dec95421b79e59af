// Holidays described by rule instead of listed: a fixed date (with the weekday it is observed on), the nth
// (or last) weekday of a month, or a day relative to Easter. A rule covers every year, so a calendar of
// rules never runs out.
import { addDays, formatLocalDate, weekdayOf, type LocalDate } from './local-date.js';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a fixed-date holiday on a weekend is observed: not moved, Sat→Fri and Sun→Mon, or Sat/Sun→Mon. */
export type Observance = 'none' | 'nearest-weekday' | 'next-monday';

interface RuleBase {
  name: string;
  /** First and last year the holiday exists (e.g. Juneteenth from 2021); default every year. */
  fromYear?: number;
  untilYear?: number;
}

export type HolidayRule = RuleBase & (
  | { month: number; day: number; observed?: Observance }
  | { month: number; weekday: Weekday; nth: number }
  | { easter: number }
);

/** Easter Sunday (Gregorian, the anonymous "Meeus/Jones/Butcher" computation). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** The nth (1–5) or, with -1, the last `weekday` of a month; undefined when the month has no nth one. */
function nthWeekday(year: number, month: number, weekday: number, nth: number): LocalDate | undefined {
  if (nth < 0) {
    const last = addDays({ year, month: month + 1, day: 1 }, -1);
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = { year, month, day: 1 };
  const date = addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + 7 * (nth - 1));
  return date.month === month ? date : undefined;
}

function observe(date: LocalDate, how: Observance | undefined): LocalDate {
  const wd = weekdayOf(date);
  if (how === 'nearest-weekday') return wd === 6 ? addDays(date, -1) : wd === 0 ? addDays(date, 1) : date;
  if (how === 'next-monday') return wd === 6 ? addDays(date, 2) : wd === 0 ? addDays(date, 1) : date;
  return date;
}

/** The day the rule gives in `year` (a weekend date moved to its observed day may fall in the next or previous year). */
export function ruleDate(rule: HolidayRule, year: number): { date: string; name: string } | undefined {
  if ((rule.fromYear !== undefined && year < rule.fromYear) || (rule.untilYear !== undefined && year > rule.untilYear)) return undefined;
  if ('easter' in rule) return { date: formatLocalDate(addDays(easterSunday(year), rule.easter)), name: rule.name };
  if ('weekday' in rule) {
    const d = nthWeekday(year, rule.month, WEEKDAYS.indexOf(rule.weekday), rule.nth);
    return d && { date: formatLocalDate(d), name: rule.name };
  }
  const actual = { year, month: rule.month, day: rule.day };
  // 29 February only in leap years.
  if (addDays(actual, 0).month !== rule.month) return undefined;
  const date = formatLocalDate(observe(actual, rule.observed));
  return { date, name: date === formatLocalDate(actual) ? rule.name : `${rule.name} (observed)` };
}

/** Every holiday the rules give on a day of `year`, date → name (including a next-year holiday observed on 31 December). */
export function holidaysInYear(rules: readonly HolidayRule[], year: number): Map<string, string> {
  const out = new Map<string, string>();
  const prefix = `${String(year).padStart(4, '0')}-`;
  for (const y of [year - 1, year, year + 1]) {
    for (const rule of rules) {
      const h = ruleDate(rule, y);
      if (h && h.date.startsWith(prefix) && !out.has(h.date)) out.set(h.date, h.name);
    }
  }
  return out;
}
