// EiEvent: oadrRequestEvent (the full current list) and oadrCreatedEvent (opt responses, rule 17).
import type { OadrCreatedEvent, OadrMessage, OadrRequestEvent, OptType } from '../oadr/model.js';
import { clipText } from '../clip-text.js';
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
  const requestId = msg.response.requestId;
  // 1. every response is checked first: one bad eventResponse refuses the message and records none
  const problems: string[] = [];
  for (const r of msg.eventResponses) {
    const rec = ctx.store.events.get(r.eventId);
    if (!rec || !isAudienceOf(rec, msg.venId)) problems.push(`eventID ${r.eventId} is not an event of VEN ${msg.venId}`);
    else if (r.modificationNumber > rec.modificationNumber || r.modificationNumber < 0) {
      problems.push(`event ${r.eventId} has no modificationNumber ${r.modificationNumber} (current ${rec.modificationNumber})`);
    }
  }
  if (problems.length) {
    ctx.log.info({ venId: msg.venId, problems }, 'opt responses refused; none recorded');
    return { type: 'oadrResponse', response: eiResponse(452, requestId, `${clipText(problems.join('; '), 512)}; no response of this message was recorded`), venId: msg.venId };
  }
  // 2. apply
  for (const r of msg.eventResponses) {
    const rec = ctx.store.events.get(r.eventId)!;
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
  }
  const accepted = msg.eventResponses.map((r) => ({ eventId: r.eventId, optType: r.optType, modificationNumber: r.modificationNumber }));
  ctx.log.info({ venId: msg.venId, responses: accepted }, 'opt responses recorded');
  for (const a of accepted) await notifyOpt(ctx, msg.venId, a.eventId, a.optType, a.modificationNumber);
  return { type: 'oadrResponse', response: eiResponse(200, requestId, 'OK'), venId: msg.venId };
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
