// A 3.1 eventRequest → the core's addEvent/modifyEvent options: intervals and payloads become 2.0b signals.
import { parseDuration } from '../../oadr/duration.js';
import type { AddEventOptions, SignalInput } from '../../vtn/events/index.js';
import { badRequest } from '../http/problem.js';
import type { Oa3EventRequest, Oa3IntervalPeriod, Oa3PayloadDescriptor } from './event-request.js';
import { itemBaseOf, signalOfPayloadType } from './event-payloads.js';

/** "0001-01-01" (any time on that day) means now; "P9999Y" means for ever (User Guide). */
const NOW_START = /^0001-01-01/;
const FOREVER = 'P9999Y';

function durationMs(text: string, where: string): number {
  if (text === FOREVER) return 0;
  try {
    return parseDuration(text);
  } catch (err) {
    throw badRequest(`${where} "${text.slice(0, 32)}": ${(err as Error).message}`);
  }
}

function startMs(text: string, now: Date, where: string): number {
  if (NOW_START.test(text)) return now.getTime();
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw badRequest(`${where} "${text.slice(0, 40)}" is not a date-time`);
  return ms;
}

/** The timing and signals of an event, without its audience (the caller resolves targets to VENs). */
export type CoreEventParts = Pick<AddEventOptions, 'dtstart' | 'signals' | 'priority' | 'vtnComment' | 'startAfter'>;

export function coreEventParts(body: Oa3EventRequest, programDescriptors: readonly Oa3PayloadDescriptor[], now: Date): CoreEventParts {
  const intervals = body.intervals ?? [];
  if (intervals.length === 0) throw badRequest('intervals is empty: a 3.1 event is kept as a 2.0b event, which needs at least one interval with payloads');
  const fallback: Oa3IntervalPeriod = body.intervalPeriod ?? {};
  const types = [...new Set(intervals.flatMap((iv) => iv.payloads.map((p) => p.type)))];
  if (types.length === 0) throw badRequest('intervals carry no payloads: give each interval a payload such as {"type":"SIMPLE","values":[1]}');
  let cursor: number | undefined;
  const timing = intervals.map((iv, i) => {
    const where = `intervals[${i}].intervalPeriod`;
    const period = { ...fallback, ...iv.intervalPeriod };
    const start = iv.intervalPeriod?.start !== undefined ? startMs(iv.intervalPeriod.start, now, `${where}.start`)
      : i === 0 && fallback.start !== undefined ? startMs(fallback.start, now, 'intervalPeriod.start') : cursor;
    if (start === undefined) throw badRequest('the first interval has no start: give intervalPeriod.start on the event or on intervals[0]');
    if (period.duration === undefined) throw badRequest(`${where} has no duration: give intervalPeriod.duration on the event or on the interval`);
    const ms = durationMs(period.duration, `${where}.duration`);
    if (ms === 0 && i < intervals.length - 1) throw badRequest(`${where}.duration is ${period.duration}: only the last interval may be open-ended`);
    cursor = start + ms;
    return { dtstart: new Date(start).toISOString(), duration: ms };
  });
  const descriptors = [...(body.payloadDescriptors ?? []), ...programDescriptors];
  const signals: SignalInput[] = types.map((type) => {
    const kind = signalOfPayloadType(type);
    const signal: SignalInput = {
      ...kind, signalId: type.replace(/[^A-Za-z0-9_.-]/g, '_'),
      intervals: intervals.map((iv, i) => ({ ...timing[i]!, payload: numberOf(iv.payloads, type, i) })),
    };
    const d = descriptors.find((p) => p.payloadType === type && (p.objectType ?? 'EVENT_PAYLOAD_DESCRIPTOR') === 'EVENT_PAYLOAD_DESCRIPTOR');
    const itemBase = d ? itemBaseOf(d.units, d.currency, `payloadDescriptors[${type}]`) : undefined;
    if (itemBase) signal.itemBase = itemBase;
    return signal;
  });
  const parts: CoreEventParts = { dtstart: timing[0]!.dtstart, signals, priority: body.priority == null ? 0 : body.priority + 1 };
  if (body.eventName != null) parts.vtnComment = body.eventName;
  if (fallback.randomizeStart !== undefined) parts.startAfter = durationMs(fallback.randomizeStart, 'intervalPeriod.randomizeStart');
  return parts;
}

/** The one number a 2.0b interval carries for this payload type. */
function numberOf(payloads: { type: string; values: unknown[] }[], type: string, i: number): number {
  const found = payloads.filter((p) => p.type === type);
  if (found.length !== 1) {
    throw badRequest(`intervals[${i}] has ${found.length} "${type}" payloads: every interval must carry each payload type of the event exactly once (one 2.0b signal per type)`);
  }
  const values = found[0]!.values;
  if (values.length !== 1 || typeof values[0] !== 'number') {
    throw badRequest(`intervals[${i}] "${type}" values must be one number (2.0b payloadFloat), got ${JSON.stringify(values).slice(0, 64)}`);
  }
  return values[0];
}
