// Calendar dates and wall-clock times without a zone ("2026-07-03", "16:00"): parsing, arithmetic, weekdays.
import { VtnError } from '../errors.js';

/** A civil date: month 1–12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time of day. */
export interface LocalTime {
  hour: number;
  minute: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatLocalDate(d: LocalDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

export function formatLocalTime(t: LocalTime): string {
  return `${pad(t.hour)}:${pad(t.minute)}`;
}

/** Parses YYYY-MM-DD and refuses dates that do not exist (2026-02-30). */
export function parseLocalDate(text: string, field: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof text === 'string' ? text : '');
  const date = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
  if (!date || formatLocalDate(addDays(date, 0)) !== text) {
    throw new VtnError('E_SCHEDULE_TIME', `${field} is ${JSON.stringify(text)}, not a calendar date`, 'write the date as YYYY-MM-DD, e.g. 2026-07-03');
  }
  return date;
}

/** Parses HH:MM (24-hour clock). */
export function parseLocalTime(text: string, field: string): LocalTime {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(typeof text === 'string' ? text : '');
  if (!m) {
    throw new VtnError('E_SCHEDULE_TIME', `${field} is ${JSON.stringify(text)}, not a time of day`, 'write the time as HH:MM on a 24-hour clock, e.g. 16:00');
  }
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The date `days` later (or earlier when negative); normalises overflowing days. */
export function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** Negative, zero or positive like a comparator. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return (a.year - b.year) * 10_000 + (a.month - b.month) * 100 + (a.day - b.day);
}
