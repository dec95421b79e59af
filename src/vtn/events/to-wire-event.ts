// Turns a stored event into the wire model at send time: status, createdDateTime and currentValue are stamped now.
import type { ActivePeriod, EventDescriptor, OadrEvent, Target } from '../../oadr/model.js';
import type { EventRecord } from '../../store/records.js';
import { currentIntervalIndex, eventStatus } from './event-status.js';

/**
 * The OadrEvent for a distribute sent at `now`. With `forVenId`, a target listing several VENs is narrowed
 * to that VEN (an eiTarget carries at most one venID, requirements §4).
 */
export function toWireEvent(rec: EventRecord, now: Date, forVenId?: string): OadrEvent {
  const status = eventStatus(rec, now);
  const descriptor: EventDescriptor = {
    eventId: rec.eventId,
    modificationNumber: rec.modificationNumber,
    modificationDateTime: new Date(rec.modificationDateTime),
    priority: rec.priority,
    marketContext: rec.marketContext,
    createdDateTime: new Date(now.getTime()),
    eventStatus: status,
    testEvent: rec.testEvent,
  };
  if (rec.modificationReason !== undefined) descriptor.modificationReason = rec.modificationReason;
  if (rec.vtnComment !== undefined) descriptor.vtnComment = rec.vtnComment;
  const activePeriod: ActivePeriod = { dtstart: new Date(rec.dtstart), duration: rec.duration };
  for (const key of ['startAfter', 'notification', 'rampUp', 'recovery'] as const) {
    const ms = rec[key];
    if (ms !== undefined) activePeriod[key] = ms;
  }
  const event: OadrEvent = {
    descriptor,
    activePeriod,
    signals: rec.signals.map((s) => {
      const index = currentIntervalIndex(s, rec, now);
      const { target, itemBase, ...rest } = s;
      return {
        ...rest,
        intervals: s.intervals.map((iv) => ({ ...iv })),
        currentValue: index === undefined ? 0 : (s.intervals[index]?.payload ?? 0),
        ...(itemBase ? { itemBase: structuredClone(itemBase) } : {}),
        ...(target ? { target: copyTarget(target, forVenId) } : {}),
      };
    }),
    target: copyTarget(rec.target, forVenId),
    responseRequired: rec.responseRequired,
  };
  if (rec.baseline) {
    event.baseline = {
      ...rec.baseline,
      dtstart: new Date(rec.baseline.dtstart),
      intervals: rec.baseline.intervals.map((iv) => ({ ...iv })),
      ...(rec.baseline.resourceIds ? { resourceIds: [...rec.baseline.resourceIds] } : {}),
    };
  }
  return event;
}

function copyTarget(target: Target, forVenId: string | undefined): Target {
  const out = structuredClone(target);
  if (forVenId !== undefined && out.venIds && out.venIds.length > 1 && out.venIds.includes(forVenId)) out.venIds = [forVenId];
  return out;
}
