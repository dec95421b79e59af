// EiEvent: oadrRequestEvent (the full current list) and oadrCreatedEvent (opt responses, rule 17).
import type { OadrCreatedEvent, OadrMessage, OadrRequestEvent, OptType } from '../oadr/model.js';
import { deliveryKey } from '../store/store.js';
import type { VtnContext } from './context.js';
import { isAudienceOf } from './event-index.js';
import { buildDistribute, listEventsFor, markDelivered } from './distribute.js';
import { eventStatus } from './events/index.js';
import { eiResponse } from './replies.js';

export function requestEvent(ctx: VtnContext, msg: OadrRequestEvent): OadrMessage {
  const now = ctx.now();
  let listed = listEventsFor(ctx, msg.venId, now);
  if (msg.replyLimit !== undefined && msg.replyLimit > 0) listed = listed.slice(0, msg.replyLimit);
  const reply = buildDistribute(ctx, msg.venId, listed, now, msg.requestId);
  markDelivered(ctx, msg.venId, listed);
  return reply;
}

export async function createdEvent(ctx: VtnContext, msg: OadrCreatedEvent): Promise<OadrMessage> {
  const now = ctx.now();
  const problems: string[] = [];
  const accepted: { eventId: string; optType: OptType; modificationNumber: number }[] = [];
  for (const r of msg.eventResponses) {
    const rec = ctx.store.events.get(r.eventId);
    if (!rec || !isAudienceOf(rec, msg.venId)) {
      problems.push(`eventID ${r.eventId} is not an event of VEN ${msg.venId}`);
      continue;
    }
    if (r.modificationNumber > rec.modificationNumber || r.modificationNumber < 0) {
      problems.push(`event ${r.eventId} has no modificationNumber ${r.modificationNumber} (current ${rec.modificationNumber})`);
      continue;
    }
    const key = deliveryKey(r.eventId, msg.venId);
    const before = ctx.store.deliveries.get(key) ?? { eventId: r.eventId, venId: msg.venId };
    // An acknowledged cancellation leaves the VEN's list (requirements §4, last bullet).
    const ackedCancel = eventStatus(rec, now) === 'cancelled' && r.modificationNumber === rec.modificationNumber;
    ctx.store.deliveries.put(key, {
      ...before,
      optType: r.optType,
      optModification: r.modificationNumber,
      responseCode: r.responseCode,
      respondedAt: now.toISOString(),
      ...(ackedCancel && before.deliveredStatus === 'cancelled' ? { retired: true } : {}),
    });
    accepted.push({ eventId: r.eventId, optType: r.optType, modificationNumber: r.modificationNumber });
  }
  ctx.log.info({ venId: msg.venId, responses: accepted, problems }, 'opt responses recorded');
  for (const a of accepted) await notifyOpt(ctx, msg.venId, a.eventId, a.optType, a.modificationNumber);
  const requestId = msg.response.requestId;
  return problems.length
    ? { type: 'oadrResponse', response: eiResponse(452, requestId, problems.join('; ')), venId: msg.venId }
    : { type: 'oadrResponse', response: eiResponse(200, requestId, 'OK'), venId: msg.venId };
}

export async function notifyOpt(ctx: VtnContext, venId: string, eventId: string, optType: OptType, modificationNumber: number): Promise<void> {
  const onError = (err: unknown) => ctx.log.error({ err, venId, eventId }, 'opt response callback failed');
  await ctx.optListeners.notify(venId, eventId, optType, onError);
  try {
    await ctx.handlers.get('onCreatedEvent')?.(venId, eventId, optType, modificationNumber);
  } catch (err) {
    onError(err);
  }
}
