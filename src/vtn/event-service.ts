// EiEvent: oadrRequestEvent (the full current list) and oadrCreatedEvent (opt responses, rule 17).
import type { OadrCreatedEvent, OadrMessage, OadrRequestEvent, OptType } from '../oadr/model.js';
import { clipText } from '../clip-text.js';
import { deliveryKey } from '../store/store.js';
import type { VtnContext, Work } from './context.js';
import { isAudienceOf } from './event-audience.js';
import { buildDistribute, listEventsFor, markDelivered } from './distribute.js';
import { eventStatus } from './events/index.js';
import { eiResponse } from './replies.js';

export async function requestEvent(ctx: Work, msg: OadrRequestEvent): Promise<OadrMessage> {
  const now = ctx.now();
  let listed = await listEventsFor(ctx, msg.venId, now);
  if (msg.replyLimit !== undefined && msg.replyLimit > 0) listed = listed.slice(0, msg.replyLimit);
  const reply = buildDistribute(ctx, msg.venId, listed, now, msg.requestId);
  await markDelivered(ctx, msg.venId, listed);
  return reply;
}

export async function createdEvent(ctx: Work, msg: OadrCreatedEvent): Promise<OadrMessage> {
  const now = ctx.now();
  const requestId = msg.response.requestId;
  const ids = [...new Set(msg.eventResponses.map((r) => r.eventId))];
  const events = await ctx.u.events.getMany(ids);
  const deliveries = await ctx.u.deliveries.getMany(ids.map((id) => deliveryKey(id, msg.venId)));
  // With a custom onPoll the handler delivers events the store never saw: their answers go to onCreatedEvent only.
  const foreign = ctx.handlers.get('onPoll') ? msg.eventResponses.filter((r) => !events.has(r.eventId)) : [];
  const own = foreign.length ? msg.eventResponses.filter((r) => events.has(r.eventId)) : msg.eventResponses;
  // 1. every response is checked first: one bad eventResponse refuses the message and records none
  const problems: string[] = [];
  for (const r of own) {
    const rec = events.get(r.eventId);
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
  for (const r of own) {
    const rec = events.get(r.eventId)!;
    const key = deliveryKey(r.eventId, msg.venId);
    const before = deliveries.get(key) ?? { eventId: r.eventId, venId: msg.venId };
    // An acknowledged cancellation leaves the VEN's list (requirements §4, last bullet).
    const ackedCancel = eventStatus(rec, now) === 'cancelled' && r.modificationNumber === rec.modificationNumber;
    const next = {
      ...before,
      optType: r.optType,
      optModification: r.modificationNumber,
      responseCode: r.responseCode,
      respondedAt: now.toISOString(),
      ...(ackedCancel && before.deliveredStatus === 'cancelled' ? { retired: true } : {}),
    };
    ctx.u.deliveries.put(key, next);
    deliveries.set(key, next);
  }
  const accepted = own.map((r) => ({ eventId: r.eventId, optType: r.optType, modificationNumber: r.modificationNumber }));
  ctx.u.afterCommit(async () => {
    ctx.optLog.record(msg.venId, accepted);
    for (const a of accepted) await notifyOpt(ctx, msg.venId, a.eventId, a.optType, a.modificationNumber, now.toISOString());
    if (foreign.length) ctx.log.info({ venId: msg.venId, eventIds: foreign.slice(0, 20).map((r) => clipText(r.eventId)), count: foreign.length }, 'opt responses to events of the custom onPoll: passed to onCreatedEvent, not recorded');
    for (const r of foreign) await tellCreatedEvent(ctx, msg.venId, r.eventId, r.optType, r.modificationNumber);
  });
  return { type: 'oadrResponse', response: eiResponse(200, requestId, 'OK'), venId: msg.venId };
}

/** `respondedAt`: the stored answer's time, so the same answer seen again from another instance is not told twice. */
export async function notifyOpt(ctx: VtnContext, venId: string, eventId: string, optType: OptType, modificationNumber: number, respondedAt?: string): Promise<void> {
  const onError = (err: unknown) => ctx.log.error({ err, venId, eventId }, 'opt response callback failed');
  await ctx.optListeners.notify(venId, eventId, optType, onError, respondedAt);
  await tellCreatedEvent(ctx, venId, eventId, optType, modificationNumber);
}

async function tellCreatedEvent(ctx: VtnContext, venId: string, eventId: string, optType: OptType, modificationNumber: number): Promise<void> {
  try {
    await ctx.handlers.get('onCreatedEvent')?.(venId, eventId, optType, modificationNumber);
  } catch (err) {
    ctx.log.error({ err, venId, eventId }, 'opt response callback failed');
  }
}
