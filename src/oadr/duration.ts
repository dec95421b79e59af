// ISO 8601 durations <-> signed milliseconds. Years and months are refused: their length depends on the calendar.
import { VtnError } from '../errors.js';

const DURATION_RE =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const MS = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 } as const;

function num(part: string | undefined): number {
  return part === undefined ? 0 : Number(part.replace(',', '.'));
}

/** Parses an ISO 8601 duration (`P1W`, `P1DT2H`, `PT0.5S`, `-PT5M`) into signed milliseconds. */
export function parseDuration(s: string): number {
  const text = typeof s === 'string' ? s.trim() : '';
  const m = DURATION_RE.exec(text);
  // "P" alone and "PT" with nothing after are not durations.
  if (!m || text.endsWith('P') || text.endsWith('T')) {
    throw new VtnError('E_DURATION', `"${String(s)}" is not an ISO 8601 duration`, 'use a form like PT15M, PT1H30M, P1D or P1W');
  }
  const [, sign, years, months, weeks, days, hours, minutes, seconds] = m;
  if (years !== undefined || months !== undefined) {
    throw new VtnError(
      'E_DURATION',
      `"${s}" uses years or months, whose length depends on the calendar`,
      'express it in days or weeks instead (e.g. P30D)',
    );
  }
  const ms =
    num(weeks) * MS.week + num(days) * MS.day + num(hours) * MS.hour + num(minutes) * MS.minute + num(seconds) * MS.second;
  const rounded = Math.round(ms);
  return sign === '-' && rounded !== 0 ? -rounded : rounded;
}

/** Formats milliseconds as an ISO 8601 duration in whole seconds with the largest units (`PT1H30M`, `P1DT2H`, `PT0S`). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) {
    throw new VtnError('E_DURATION', `cannot format ${String(ms)} ms as a duration`, 'pass a finite number of milliseconds');
  }
  // Whole seconds only: a widely used VEN library parses integers only.
  let total = Math.round(Math.abs(ms) / 1000);
  const sign = ms < 0 && total !== 0 ? '-' : '';
  if (total === 0) return 'PT0S';
  const days = Math.floor(total / 86_400);
  total -= days * 86_400;
  const hours = Math.floor(total / 3600);
  total -= hours * 3600;
  const minutes = Math.floor(total / 60);
  const seconds = total - minutes * 60;
  let out = `${sign}P${days ? `${days}D` : ''}`;
  if (hours || minutes || seconds) {
    out += `T${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  }
  return out;
}
