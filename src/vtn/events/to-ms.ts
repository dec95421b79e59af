// The one place event code turns a duration input into milliseconds; ISO strings go through the wire codec's parser.
import { VtnError } from '../../errors.js';
import { parseDuration } from '../../oadr/duration.js';

/** Milliseconds from a number of ms or an ISO 8601 duration (weeks, days, hours, minutes, fractional seconds, sign). */
export function toMs(d: number | string): number {
  if (typeof d === 'number') {
    if (!Number.isFinite(d)) throw new VtnError('E_DURATION', `duration ${d} is not a finite number of milliseconds`, 'give milliseconds or an ISO 8601 duration such as "PT15M"');
    return d;
  }
  return parseDuration(d);
}
