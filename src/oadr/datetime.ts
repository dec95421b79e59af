// ISO 8601 date-times <-> Date. Incoming offsets are normalised to UTC; no zone means UTC; output is always `Z`.
import { VtnError } from '../errors.js';

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

function refuse(s: unknown, why: string): never {
  throw new VtnError('E_DATETIME', `"${String(s)}" is not an ISO 8601 date-time (${why})`, 'use a form like 2026-01-01T12:00:00Z');
}

/** Parses `2026-01-01T12:00:00Z`, `…+04:00`, `…T12:00:00.250Z` or a zone-less time (taken as UTC). */
export function parseDateTime(s: string): Date {
  const text = typeof s === 'string' ? s.trim() : '';
  const m = DATETIME_RE.exec(text);
  if (!m) refuse(s, 'expected YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]');
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(sec);
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  if (month < 1 || month > 12) refuse(s, 'month out of range');
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) refuse(s, 'day out of range');
  // 24:00:00 is ISO's end of day; 60 seconds would be a leap second, which Date cannot hold.
  if (hour > 24 || (hour === 24 && (minute || second || ms)) || minute > 59 || second > 59) refuse(s, 'time out of range');
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3)), om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) refuse(s, 'zone offset out of range');
    offsetMin = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return new Date(date.getTime() - offsetMin * 60_000);
}

/** Formats a Date in UTC with `Z`; milliseconds only when non-zero (`2026-01-01T12:00:00Z`). */
export function formatDateTime(d: Date): string {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(t)) {
    throw new VtnError('E_DATETIME', 'cannot format an invalid Date', 'pass a valid Date instance');
  }
  const iso = d.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
