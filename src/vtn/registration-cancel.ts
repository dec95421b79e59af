// VTN-initiated cancellations that end: oadrCancelPartyRegistration goes out on every poll (or push) until the VEN
// confirms it, and the VEN is retired when the grace is over whether it confirmed or not (retiredBy 'grace').
import type { OadrMessage } from '../oadr/model.js';
import type { PendingItem, VenRecord } from '../store/records.js';
import { inUnit, type VtnContext, type Work } from './context.js';
import { cancelGraceMs, cancelResendGapMs } from './field-timers.js';
import { addPending, retireVen, takePending } from './ven-state.js';

const SWEEP_BATCH = 200;

type Cancellation = Extract<PendingItem, { kind: 'cancelRegistration' }>;

/** Queues the cancellation with its grace; asking again keeps the first grace (addPending merges). */
export async function queueCancellation(w: Work, ven: VenRecord): Promise<Cancellation> {
  const now = w.now();
  const item: Cancellation = {
    kind: 'cancelRegistration', registrationId: ven.registrationId, requestedAt: now.toISOString(),
    retireAt: new Date(now.getTime() + cancelGraceMs(w.settings, ven)).toISOString(), sends: 0,
  };
  await addPending(w, ven.venId, item);
  return ((await w.u.pending.get(ven.venId))?.items.find((i) => i.kind === 'cancelRegistration') as Cancellation | undefined) ?? item;
}

/** The message for a taken cancellation; the item goes back in the queue for the next poll, counted. */
export async function renderCancellation(w: Work, venId: string, item: Cancellation): Promise<OadrMessage> {
  const now = w.now();
  const ven = await w.u.vens.get(venId);
  // A cancellation queued before grace existed gets one now.
  const retireAt = item.retireAt ?? new Date(now.getTime() + cancelGraceMs(w.settings, ven)).toISOString();
  await addPending(w, venId, {
    ...item, requestedAt: item.requestedAt ?? now.toISOString(), retireAt, sends: (item.sends ?? 0) + 1, lastSentAt: now.toISOString(),
    notBefore: new Date(now.getTime() + cancelResendGapMs(w.settings, ven)).toISOString(),
  });
  return { type: 'oadrCancelPartyRegistration', requestId: w.newId(), registrationId: item.registrationId, venId };
}

export function cancellationIn(items: readonly PendingItem[]): Cancellation | undefined {
  return items.find((i): i is Cancellation => i.kind === 'cancelRegistration');
}

export const graceOver = (item: Cancellation | undefined, nowIso: string): boolean => item?.retireAt !== undefined && item.retireAt <= nowIso;

/** Retires the VEN when its cancellation's grace is over; returns the cancellation it ended. */
export async function retireIfGraceOver(w: Work, venId: string): Promise<Cancellation | undefined> {
  const item = cancellationIn((await w.u.pending.get(venId))?.items ?? []);
  if (!graceOver(item, w.now().toISOString())) return undefined;
  const ven = await w.u.vens.get(venId);
  if (!ven || ven.registrationId !== item!.registrationId) {
    // A cancellation of a registration that is gone: nothing to retire, and the sweep must not meet it again.
    await takePending(w, venId, (i) => i.kind === 'cancelRegistration' && i.registrationId === item!.registrationId);
    return undefined;
  }
  await retireVen(w, ven, 'vtn', { by: 'grace' });
  return item;
}

/** One pass over cancellations whose grace is over (the index holds them by retireAt); run by one instance. */
export async function sweepCancellations(ctx: VtnContext): Promise<number> {
  let retired = 0;
  for (;;) {
    // `to` is exclusive: a grace ending exactly now is over.
    const due = await inUnit(ctx, 'cancellation grace', async (w) => w.u.pending.range('retireAt', { to: new Date(w.now().getTime() + 1).toISOString(), limit: SWEEP_BATCH }));
    for (const p of due) {
      if (await inUnit(ctx, 'cancellation grace', (w) => retireIfGraceOver(w, p.venId))) retired += 1;
    }
    if (due.length < SWEEP_BATCH) return retired;
  }
}
