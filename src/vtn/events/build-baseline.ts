// Resolves an event baseline: its own period (defaulting to the event's start) filled by back-to-back intervals.
import { VtnError } from '../../errors.js';
import type { EventRecord } from '../../store/records.js';
import type { BaselineInput } from './event-input.js';
import { isoOf, parseDateField, parseOptionalDuration } from './parse-time-fields.js';
import { checkIntervalSum, resolveIntervals, totalDuration } from './resolve-intervals.js';
import { readId } from './read-descriptor.js';

export function buildBaseline(input: BaselineInput, eventStartMs: number, newId: () => string): NonNullable<EventRecord['baseline']> {
  if (typeof input !== 'object' || input === null) {
    throw new VtnError('E_EVENT_INVALID', 'baseline is not an object', 'give baselineName and intervals');
  }
  const baselineName = readId(input.baselineName, 'baseline.baselineName');
  const baselineId = input.baselineId === undefined ? newId() : readId(input.baselineId, 'baseline.baselineId');
  const first = Array.isArray(input.intervals) ? input.intervals[0]?.dtstart : undefined;
  const startMs = input.dtstart !== undefined ? parseDateField(input.dtstart, 'baseline.dtstart')
    : first !== undefined ? parseDateField(first, 'baseline.intervals[0].dtstart') : eventStartMs;
  const given = parseOptionalDuration(input.duration, 'baseline.duration');
  const intervals = resolveIntervals(input.intervals, 'baseline.intervals', startMs, given);
  const duration = given ?? (intervals.at(-1)?.duration === 0 ? 0 : totalDuration(intervals));
  checkIntervalSum(intervals, duration, 'baseline.intervals');
  const out: NonNullable<EventRecord['baseline']> = { baselineId, baselineName, dtstart: isoOf(startMs), duration, intervals };
  if (input.resourceIds !== undefined) {
    if (!Array.isArray(input.resourceIds) || input.resourceIds.some((r) => typeof r !== 'string' || r === '')) {
      throw new VtnError('E_EVENT_INVALID', `baseline.resourceIds is ${JSON.stringify(input.resourceIds)}`, 'give a list of resource IDs');
    }
    out.resourceIds = [...input.resourceIds];
  }
  return out;
}
