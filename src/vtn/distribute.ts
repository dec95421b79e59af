// Which events a VEN must hear about now, whether that differs from what it last heard, and recording delivery.
import type { OadrDistributeEvent, EventStatus } from '../oadr/model.js';
import type { DeliveryRecord, EventRecord } from '../store/records.js';
import { deliveryKey } from '../store/store.js';
import type { VtnContext } from './context.js';
import { eventStatus, orderEvents, toWireEvent } from './events/index.js';
import { eiResponse } from './replies.js';

interface Listed {
  rec: EventRecord;
  status: EventStatus;
  delivery: DeliveryRecord | undefined;
}

/** The VEN's current event list (requirements §4: every event it should know, ordered). */
export function listEventsFor(ctx: VtnContext, venId: string, now: Date): Listed[] {
  const listed: Listed[] = [];
  for (const eventId of ctx.index.eventsFor(venId)) {
    const rec = ctx.store.events.get(eventId);
    if (!rec) continue;
    const delivery = ctx.store.deliveries.get(deliveryKey(eventId, venId));
    if (delivery?.retired) continue;
    const status = eventStatus(rec, now);
    const everSent = delivery?.deliveredModification !== undefined;
    // A finished event the VEN never saw is not news; one it saw is sent once more in its final state.
    if ((status === 'completed' || status === 'cancelled') && !everSent) continue;
    if (status === 'cancelled' && expiredCancellation(ctx, rec, delivery, now)) continue;
    listed.push({ rec, status, delivery });
  }
  const order = new Map(orderEvents(listed.map((l) => l.rec), now).map((r, i) => [r.eventId, i]));
  return listed.sort((a, b) => order.get(a.rec.eventId)! - order.get(b.rec.eventId)!);
}

function expiredCancellation(ctx: VtnContext, rec: EventRecord, d: DeliveryRecord | undefined, now: Date): boolean {
  if (rec.responseRequired === 'always' || !rec.cancelledAt || d?.deliveredStatus !== 'cancelled') return false;
  return now.getTime() - Date.parse(rec.cancelledAt) > ctx.settings.cancelledRetentionMs;
}

/** True when the VEN has not yet been told about the list as it is now. */
export function distributeIsDue(ctx: VtnContext, venId: string, listed: Listed[]): boolean {
  if (ctx.index.isForced(venId)) return true;
  return listed.some(({ rec, status, delivery }) =>
    delivery?.deliveredModification !== rec.modificationNumber || delivery.deliveredStatus !== status);
}

export function buildDistribute(ctx: VtnContext, venId: string, listed: Listed[], now: Date, requestId: string): OadrDistributeEvent {
  return {
    type: 'oadrDistributeEvent',
    response: eiResponse(200, requestId, 'OK'),
    requestId,
    vtnId: ctx.settings.vtnId,
    // At most one venID per eiTarget: each VEN sees itself as the target of a shared event.
    events: listed.map(({ rec }) => toWireEvent(rec, now, venId)),
  };
}

/** Record that the VEN received this list; finished events it has now seen in their final state retire. */
export function markDelivered(ctx: VtnContext, venId: string, listed: Listed[]): void {
  ctx.index.clearForced(venId);
  for (const { rec, status, delivery } of listed) {
    // Cancelled events retire on acknowledgement (or after the retention time when none is expected).
    const retire = status === 'completed';
    if (delivery?.deliveredModification === rec.modificationNumber && delivery.deliveredStatus === status && !retire) continue;
    ctx.store.deliveries.put(deliveryKey(rec.eventId, venId), {
      ...(delivery ?? { eventId: rec.eventId, venId }),
      deliveredModification: rec.modificationNumber,
      deliveredStatus: status,
      ...(retire ? { retired: true } : {}),
    });
  }
}
