// The one place event code turns a duration input into milliseconds.
// Private ISO 8601 parser until src/oadr/duration.ts (parseDuration) lands; then this delegates to it.
import { VtnError } from '../../errors.js';

const NUM = '(\\d+(?:[.,]\\d+)?)';
const ISO_DURATION = new RegExp(`^([+-])?P(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`);
const UNIT_MS = [604_800_000, 86_400_000, 3_600_000, 60_000, 1_000] as const;

/** Milliseconds from a number of ms or an ISO 8601 duration (weeks, days, hours, minutes, fractional seconds, sign). */
export function toMs(d: number | string): number {
  if (typeof d === 'number') {
    if (!Number.isFinite(d)) throw new VtnError('E_DURATION', `duration ${d} is not a finite number of milliseconds`);
    return d;
  }
  const m = typeof d === 'string' ? ISO_DURATION.exec(d.trim()) : null;
  const parts = m ? m.slice(2) : [];
  if (!m || parts.every((p) => p === undefined) || /T$/.test(d.trim())) {
    throw new VtnError('E_DURATION', `"${String(d)}" is not an ISO 8601 duration`,
      'write e.g. PT30M, PT1H, P1D or P1W (years and months are not allowed: their length varies)');
  }
  const ms = parts.reduce((sum, p, i) => sum + (p === undefined ? 0 : Number(p.replace(',', '.')) * (UNIT_MS[i] ?? 0)), 0);
  return Math.round(m[1] === '-' ? -ms : ms) + 0; // + 0 turns -0 into 0
}
