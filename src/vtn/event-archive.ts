// What stays of an event once it leaves the live set: its description and how its audience answered, not 10,000 rows.
import type { DeliveryRecord, EventRecord } from '../store/records.js';
import { eventStatus } from './events/index.js';

export const EVENT_ARCHIVE = 'eventArchive';

export interface ArchivedEvent {
  eventId: string;
  /** When it left the live set (the archive index: expired entries go first). */
  archivedAt: string;
  /** End, or cancellation time. */
  endedAt: string;
  finalStatus: string;
  modificationNumber: number;
  marketContext: string;
  dtstart: string;
  duration: number;
  signals: { signalName: string; signalType: string; intervals: number }[];
  origin?: Record<string, string>;
  /** The 2.0b audience plus the OpenADR 3.1 VENs that answered (they read the event and are not in its venIds). */
  vens: number;
  /** Per answer: how many VENs gave it (`none` = no answer); `delivered` = VENs that received it at all. */
  responses: { optIn: number; optOut: number; none: number; delivered: number };
}

export function archiveOf(rec: EventRecord, deliveries: readonly DeliveryRecord[], endedAt: string, now: Date): ArchivedEvent {
  const optIn = deliveries.filter((d) => d.optType === 'optIn').length;
  const optOut = deliveries.filter((d) => d.optType === 'optOut').length;
  // A 3.1 answer counts its VEN in: otherwise `none` went below zero when 3.1 VENs answered.
  const audience = new Set(rec.venIds);
  const vens = rec.venIds.length + deliveries.filter((d) => d.protocol === 'openadr3' && !audience.has(d.venId)).length;
  return {
    eventId: rec.eventId,
    archivedAt: now.toISOString(),
    endedAt,
    finalStatus: eventStatus(rec, now),
    modificationNumber: rec.modificationNumber,
    marketContext: rec.marketContext,
    dtstart: rec.dtstart,
    duration: rec.duration,
    signals: rec.signals.map((s) => ({ signalName: s.signalName, signalType: s.signalType, intervals: s.intervals.length })),
    ...(rec.origin ? { origin: rec.origin } : {}),
    vens,
    responses: { optIn, optOut, none: vens - optIn - optOut, delivered: deliveries.filter((d) => d.deliveredModification !== undefined).length },
  };
}
