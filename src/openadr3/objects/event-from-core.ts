// A core event (from 3.1, the admin API, a rule or a schedule) as the 3.1 event object a client reads.
import { createHash } from 'node:crypto';
import { formatDuration } from '../../oadr/duration.js';
import type { EventRecord, StoredSignal } from '../../store/records.js';
import { withoutMetadata } from './object-metadata.js';
import type { EventExtras, Oa3Interval, Oa3EventRequest } from './event-request.js';
import { payloadTypeOfSignal, unitsOf } from './event-payloads.js';

export type Oa3Event = Oa3EventRequest & { id: string; createdDateTime: string; modificationDateTime: string; objectType: 'EVENT' };

/** Event ids that can be a 3.1 objectID (URL-safe); other core ids (set through the admin API) are not served. */
export const SERVABLE_ID = /^[a-zA-Z0-9_-]{1,128}$/;

/** programID for a market context no program has: a stable digest, so such events still name one. */
export const unknownProgramId = (marketContext: string): string => `mc-${createHash('sha256').update(marketContext).digest('hex').slice(0, 24)}`;

const durationText = (ms: number): string => (ms === 0 ? 'P9999Y' : formatDuration(ms));

/** Every target string the core's target names (venIds, groups, resources, parties), once each. */
export function flatTargets(target: EventRecord['target']): string[] {
  return [...new Set([target.venIds, target.groupIds, target.groupNames, target.resourceIds, target.partyIds].flatMap((l) => l ?? []))];
}

function sameTiming(signals: StoredSignal[]): boolean {
  const first = signals[0]!.intervals.map((iv) => iv.duration).join(',');
  return signals.every((s) => s.intervals.map((iv) => iv.duration).join(',') === first);
}

/** Intervals of the core's signals: one 3.1 interval per slot with one payload per signal when they share their timing. */
function intervalsOf(rec: EventRecord): Oa3Interval[] {
  const start = Date.parse(rec.dtstart);
  if (rec.signals.length > 0 && sameTiming(rec.signals)) {
    let cursor = start;
    return rec.signals[0]!.intervals.map((iv, i) => {
      const interval: Oa3Interval = {
        id: i, intervalPeriod: { start: new Date(cursor).toISOString(), duration: durationText(iv.duration) },
        payloads: rec.signals.map((s) => ({ type: payloadTypeOfSignal(s), values: [s.intervals[i]!.payload] })),
      };
      cursor += iv.duration;
      return interval;
    });
  }
  const out: Oa3Interval[] = [];
  for (const s of rec.signals) {
    let cursor = start;
    for (const iv of s.intervals) {
      out.push({ id: out.length, intervalPeriod: { start: new Date(cursor).toISOString(), duration: durationText(iv.duration) }, payloads: [{ type: payloadTypeOfSignal(s), values: [iv.payload] }] });
      cursor += iv.duration;
    }
  }
  return out;
}

/**
 * The 3.1 representation. A 3.1-created event is served as it was sent while the core record is the version it
 * described; once changed elsewhere, it is derived from the record, keeping what only 3.1 says (targets, names, reports).
 */
export function eventFromCore(rec: EventRecord, programID: string, extras?: EventExtras): Oa3Event {
  const meta = { id: rec.eventId, createdDateTime: rec.createdDateTime, modificationDateTime: rec.modificationDateTime, objectType: 'EVENT' as const };
  if (extras && extras.modificationNumber === rec.modificationNumber) return { ...meta, ...withoutMetadata(extras.request), programID };
  const event: Oa3Event = { ...meta, programID };
  const eventName = extras?.request.eventName ?? rec.vtnComment;
  if (eventName != null) event.eventName = eventName;
  if (rec.priority > 0) event.priority = rec.priority - 1;
  const targets = extras?.request.targets ?? flatTargets(rec.target);
  if (targets.length > 0) event.targets = targets;
  if (extras?.request.reportDescriptors) event.reportDescriptors = extras.request.reportDescriptors;
  event.payloadDescriptors = rec.signals.map((s) => ({ objectType: 'EVENT_PAYLOAD_DESCRIPTOR', payloadType: payloadTypeOfSignal(s), ...unitsOf(s.itemBase) }));
  event.intervalPeriod = { start: rec.dtstart, duration: durationText(rec.duration), ...(rec.startAfter ? { randomizeStart: formatDuration(rec.startAfter) } : {}) };
  event.intervals = intervalsOf(rec);
  return event;
}
