// Which events a VEN must hear about now, whether that differs from what it last heard, and recording delivery.
import type { OadrDistributeEvent, OadrEvent, EventStatus, Target } from '../oadr/model.js';
import type { DeliveryRecord, EventRecord } from '../store/records.js';
import { deliveryKey } from '../store/store.js';
import type { VtnContext, Work } from './context.js';
import { currentIntervalIndex, eventStatus, orderEvents, toWireEvent } from './events/index.js';
import { eiResponse } from './replies.js';
import { takePending } from './ven-state.js';

export interface Listed {
  rec: EventRecord;
  status: EventStatus;
  delivery: DeliveryRecord | undefined;
}

/** The VEN's current event list (requirements §4: every event it should know, ordered). */
export async function listEventsFor(w: Work, venId: string, now: Date): Promise<Listed[]> {
  const listed: Listed[] = [];
  const events = await w.u.events.find('venId', venId);
  if (events.length === 0) return listed;
  const deliveries = await w.u.deliveries.getMany(events.map((e) => deliveryKey(e.eventId, venId)));
  for (const rec of events) {
    const delivery = deliveries.get(deliveryKey(rec.eventId, venId));
    if (delivery?.retired) continue;
    const status = eventStatus(rec, now);
    const everSent = delivery?.deliveredModification !== undefined;
    // A finished event the VEN never saw is not news; one it saw is sent once more in its final state.
    if ((status === 'completed' || status === 'cancelled') && !everSent) continue;
    if (status === 'cancelled' && expiredCancellation(w, rec, delivery, now)) continue;
    listed.push({ rec, status, delivery });
  }
  if (listed.length < 2) return listed;
  const order = new Map(orderEvents(listed.map((l) => l.rec), now).map((r, i) => [r.eventId, i]));
  return listed.sort((a, b) => order.get(a.rec.eventId)! - order.get(b.rec.eventId)!);
}

function expiredCancellation(ctx: VtnContext, rec: EventRecord, d: DeliveryRecord | undefined, now: Date): boolean {
  if (rec.responseRequired === 'always' || !rec.cancelledAt || d?.deliveredStatus !== 'cancelled') return false;
  return now.getTime() - Date.parse(rec.cancelledAt) > ctx.settings.cancelledRetentionMs;
}

/** True when the VEN has not yet been told about the list as it is now (or was told to hear it again: `forced`). */
export function distributeIsDue(listed: Listed[], forced: boolean): boolean {
  if (forced) return true;
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
    events: listed.map(({ rec }) => wireEventFor(rec, now, venId)),
  };
}

/** The wire form of one event, shared by every VEN until the event or its status/current interval changes. */
interface SharedWireEvent {
  /** Status and current interval of each signal: what besides the record makes the wire form differ. */
  key: string;
  event: OadrEvent;
  /** Per target (event first, then each signal's): its venIds as a set, for narrowing without scanning. */
  audiences: (Set<string> | undefined)[];
}

// Records are never mutated (a change puts a new object), so keying by the record object invalidates by itself.
const sharedWireEvents = new WeakMap<EventRecord, SharedWireEvent>();

/**
 * Same result as toWireEvent(rec, now, venId), but the event is built once per version and status and only
 * the targets are narrowed per VEN: a 10,000-VEN event is not cloned 10,000 times during a fan-out.
 */
function wireEventFor(rec: EventRecord, now: Date, venId: string): OadrEvent {
  const key = `${eventStatus(rec, now)}|${rec.signals.map((s) => currentIntervalIndex(s, rec, now) ?? '-').join(',')}`;
  let shared = sharedWireEvents.get(rec);
  if (!shared || shared.key !== key) {
    const event = toWireEvent(rec, now);
    const audiences = [event.target, ...event.signals.map((s) => s.target)].map((t) => (t?.venIds && t.venIds.length > 1 ? new Set(t.venIds) : undefined));
    shared = { key, event, audiences };
    sharedWireEvents.set(rec, shared);
  }
  const { event, audiences } = shared;
  // createdDateTime is the send time; everything else comes from the shared form (the encoder only reads it).
  return {
    ...event,
    descriptor: { ...event.descriptor, createdDateTime: new Date(now.getTime()) },
    target: narrow(event.target, audiences[0], venId),
    signals: audiences.slice(1).some(Boolean)
      ? event.signals.map((s, i) => (s.target ? { ...s, target: narrow(s.target, audiences[i + 1], venId) } : s))
      : event.signals,
  };
}

/** At most one venID per eiTarget: a VEN in a shared target sees only itself (requirements §4). */
function narrow(target: Target, audience: Set<string> | undefined, venId: string): Target {
  return audience?.has(venId) ? { ...target, venIds: [venId] } : target;
}

/** Record that the VEN received this list; finished events it has now seen in their final state retire. */
export async function markDelivered(w: Work, venId: string, listed: Listed[]): Promise<void> {
  await takePending(w, venId, (i) => i.kind === 'resendEvents');
  for (const { rec, status, delivery } of listed) {
    // Cancelled events retire on acknowledgement (or after the retention time when none is expected).
    const retire = status === 'completed';
    if (delivery?.deliveredModification === rec.modificationNumber && delivery.deliveredStatus === status && !retire) continue;
    w.u.deliveries.put(deliveryKey(rec.eventId, venId), {
      ...(delivery ?? { eventId: rec.eventId, venId }),
      deliveredModification: rec.modificationNumber,
      deliveredStatus: status,
      ...(retire ? { retired: true } : {}),
    });
  }
}
