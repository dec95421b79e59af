// An opt answer for code that asks: the one already recorded (on any instance), else the next one. A push VEN
// answers within milliseconds of its event, so "the next answer after asking" would miss answers given meanwhile.
import type { OptType } from '../oadr/model.js';
import { VtnError } from '../errors.js';
import { deliveryKey } from '../store/store.js';
import { inUnit, type VtnContext } from './context.js';

/** The answer of `venId` to the event, or of any of its VENs when omitted. */
export async function firstAnswer(ctx: VtnContext, eventId: string, venId?: string): Promise<OptType> {
  // Listen first, then read: an answer landing between the two is caught by one or the other.
  const next = ctx.optListeners.waitFor(eventId, venId);
  try {
    const given = await inUnit(ctx, 'optResponse', async (w) => {
      const rec = await w.u.events.get(eventId);
      if (!rec) throw new VtnError('E_EVENT_UNKNOWN', `No event with eventId ${eventId}.`, 'List events with vtn.listEvents().');
      const found = await w.u.deliveries.getMany((venId ? [venId] : rec.venIds).map((v) => deliveryKey(eventId, v)));
      for (const d of found.values()) if (d.optType) return d.optType;
      return undefined;
    });
    if (given === undefined) return await next.promise;
    next.cancel();
    return given;
  } catch (err) {
    next.cancel();
    throw err;
  }
}
