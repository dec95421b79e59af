// IANA time zones through Intl: offsets, the local date and time of an instant, and local → instant with a DST policy.
import { VtnError } from '../errors.js';
import type { LocalDate, LocalTime } from './local-date.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
const MINUTE = 60_000;
const DAY = 86_400_000;

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The canonical zone name (Intl accepts other casings); throws E_SCHEDULE_TIMEZONE for unknown names. */
export function checkTimeZone(zone: string, field = 'timezone'): string {
  try {
    if (typeof zone !== 'string' || zone === '') throw new RangeError('empty');
    return formatterFor(zone).resolvedOptions().timeZone;
  } catch {
    throw new VtnError('E_SCHEDULE_TIMEZONE', `${field} ${JSON.stringify(zone)} is not an IANA time zone`, 'use a name such as America/New_York, Europe/Berlin or UTC');
  }
}

interface Wall {
  date: LocalDate;
  time: LocalTime;
  second: number;
}

function wallOf(zone: string, t: number): Wall {
  const p: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(t))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { date: { year: p.year!, month: p.month!, day: p.day! }, time: { hour: p.hour!, minute: p.minute! }, second: p.second! };
}

/** Offset of local time from UTC at instant `t`, in ms (New York in summer: −4 h). */
export function zoneOffsetMs(zone: string, t: number): number {
  const w = wallOf(zone, t);
  const asUtc = Date.UTC(w.date.year, w.date.month - 1, w.date.day, w.time.hour, w.time.minute, w.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** The local calendar date and wall-clock time of instant `t`. */
export function localAt(zone: string, t: number): { date: LocalDate; time: LocalTime; offsetMs: number } {
  const w = wallOf(zone, t);
  return { date: w.date, time: w.time, offsetMs: zoneOffsetMs(zone, t) };
}

/**
 * How a wall-clock time maps to an instant:
 * - `exact`: it exists once;
 * - `gap`: it does not exist (spring forward) — we take the first valid instant after the gap;
 * - `repeated`: it exists twice (fall back) — we take the first of the two.
 */
export type LocalResolution = { instant: number; kind: 'exact' } | { instant: number; kind: 'gap'; shiftedTo: LocalTime } | { instant: number; kind: 'repeated' };

/** The instant of `time` on `date` in `zone`, under the DST policy above. */
export function resolveLocal(zone: string, date: LocalDate, time: LocalTime): LocalResolution {
  const wall = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  const offBefore = zoneOffsetMs(zone, wall - 1.5 * DAY);
  const offAfter = zoneOffsetMs(zone, wall + 1.5 * DAY);
  const candidates = [...new Set([offBefore, offAfter])]
    .map((off) => wall - off)
    .filter((t) => wall - zoneOffsetMs(zone, t) === t)
    .sort((a, b) => a - b);
  if (candidates.length === 2) return { instant: candidates[0]!, kind: 'repeated' };
  if (candidates.length === 1) return { instant: candidates[0]!, kind: 'exact' };
  // In a gap: the transition lies between the two readings of the wall time; find its first minute.
  let lo = Math.min(wall - offBefore, wall - offAfter);
  let hi = Math.max(wall - offBefore, wall - offAfter);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (zoneOffsetMs(zone, mid) === offAfter) hi = mid;
    else lo = mid;
  }
  return { instant: hi, kind: 'gap', shiftedTo: localAt(zone, hi).time };
}

/** "+02:00" / "-04:00" for display. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(offsetMs / MINUTE));
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
