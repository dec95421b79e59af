// Opt-in/out of a 3.1 VEN: the document has no opt object; an OPERATING_STATE report says it (IDLE_OPTED_OUT,
// RUNNING_OPTED_OUT: out of the event; any other state: taking part). Recorded as a 2.0b oadrCreatedEvent answer is.
import type { OptType } from '../../oadr/model.js';
import { deliveryKey } from '../../store/store.js';
import { notifyOpt } from '../../vtn/event-service.js';
import type { Vtn } from '../../vtn/vtn.js';
import type { ReportBody } from './report-records.js';

const OPTED_OUT = new Set(['IDLE_OPTED_OUT', 'RUNNING_OPTED_OUT']);

/** The opt a report expresses, or undefined when it carries no OPERATING_STATE payload. */
export function optOfReport(report: ReportBody): OptType | undefined {
  let state = false;
  for (const resource of report.resources) {
    for (const interval of resource.intervals) {
      for (const p of interval.payloads) {
        if (p.type !== 'OPERATING_STATE') continue;
        for (const v of p.values) {
          if (typeof v !== 'string') continue;
          if (OPTED_OUT.has(v)) return 'optOut';
          state = true;
        }
      }
    }
  }
  return state ? 'optIn' : undefined;
}

/** Writes the VEN's answer to the event (as oadrCreatedEvent does) and tells opt listeners and rules; unchanged answers are not news. */
export async function recordReportOpt(vtn: Vtn, venId: string, eventId: string, optType: OptType): Promise<boolean> {
  const ctx = vtn.ctx;
  return ctx.store.unit(async (u) => {
    const event = await u.events.get(eventId);
    if (!event) return false;
    const key = deliveryKey(eventId, venId);
    const before = await u.deliveries.get(key);
    if (before?.optType === optType && before.optModification === event.modificationNumber) return false;
    const respondedAt = ctx.now().toISOString();
    u.deliveries.put(key, { ...(before ?? { eventId, venId }), protocol: 'openadr3', optType, optModification: event.modificationNumber, responseCode: 200, respondedAt });
    u.afterCommit(async () => {
      ctx.optLog.record(venId, [{ eventId, optType, modificationNumber: event.modificationNumber }], 'openadr3 report');
      await notifyOpt(ctx, venId, eventId, optType, event.modificationNumber, respondedAt);
    });
    return true;
  }, { label: 'openadr3 report opt' });
}
