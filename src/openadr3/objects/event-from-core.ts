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

// Records are never mutated (a change puts a new object): what is derived from one object stays valid for it.
const flatCache = new WeakMap<EventRecord, string[]>();
const servedCache = new WeakMap<EventRecord, { programID: string; extras: EventExtras | undefined; event: Oa3Event }>();

/** Every target string the core's target names (venIds, groups, resources, parties), once each. */
export function flatTargets(rec: EventRecord): string[] {
  let flat = flatCache.get(rec);
  if (!flat) {
    const t = rec.target;
    flatCache.set(rec, (flat = [...new Set([t.venIds, t.groupIds, t.groupNames, t.resourceIds, t.partyIds].flatMap((l) => l ?? []))]));
  }
  return flat;
}

/** The targets the served event carries, without mapping the rest (list filters run on this first). */
export function targetsOfEvent(rec: EventRecord, extras?: EventExtras): readonly string[] {
  // A 3.1 event's targets are those it was sent with (its 2.0b audience is derived from them, not the reverse).
  return extras ? (extras.request.targets ?? []) : flatTargets(rec);
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
 * The 3.1 representation (the same object for the same record and extras: never mutate it). A 3.1-created event is served as it was sent while the core record is the version it
 * described; once changed elsewhere, it is derived from the record, keeping what only 3.1 says (targets, names, reports).
 */
export function eventFromCore(rec: EventRecord, programID: string, extras?: EventExtras): Oa3Event {
  const cached = servedCache.get(rec);
  if (cached && cached.programID === programID && cached.extras === extras) return cached.event;
  const event = mapEvent(rec, programID, extras);
  servedCache.set(rec, { programID, extras, event });
  return event;
}

function mapEvent(rec: EventRecord, programID: string, extras?: EventExtras): Oa3Event {
  const meta = { id: rec.eventId, createdDateTime: rec.createdDateTime, modificationDateTime: rec.modificationDateTime, objectType: 'EVENT' as const };
  if (extras && extras.modificationNumber === rec.modificationNumber) return { ...meta, ...withoutMetadata(extras.request), programID };
  const event: Oa3Event = { ...meta, programID };
  const eventName = extras?.request.eventName ?? rec.vtnComment;
  if (eventName != null) event.eventName = eventName;
  if (rec.priority > 0) event.priority = rec.priority - 1;
  const targets = targetsOfEvent(rec, extras);
  if (targets.length > 0) event.targets = [...targets];
  if (extras?.request.reportDescriptors) event.reportDescriptors = extras.request.reportDescriptors;
  event.payloadDescriptors = rec.signals.map((s) => ({ objectType: 'EVENT_PAYLOAD_DESCRIPTOR', payloadType: payloadTypeOfSignal(s), ...unitsOf(s.itemBase) }));
  event.intervalPeriod = { start: rec.dtstart, duration: durationText(rec.duration), ...(rec.startAfter ? { randomizeStart: formatDuration(rec.startAfter) } : {}) };
  event.intervals = intervalsOf(rec);
  return event;
}
