// Per-VEN state outside the registration record: the pending queue and clean-up when a VEN leaves.
import type { PendingItem, VenRecord } from '../store/records.js';
import type { VtnContext, Work } from './context.js';
import type { RefusedWho } from './refusal-book.js';
import { dropReportState } from './reports/report-records.js';
import { deliveryKey, optKey } from '../store/store.js';
import { PRESENCE } from './presence-book.js';
import { VEN_GUARDS } from './opt-service.js';
import { PUSH_STATUS } from './push-status.js';

/** Queue a message for the VEN's next poll; `front` puts it ahead of what is waiting. Duplicates collapse. */
export async function addPending(w: Work, venId: string, item: PendingItem, front = false): Promise<void> {
  const current = (await w.u.pending.get(venId))?.items ?? [];
  const rest = current.filter((i) => !samePending(i, item));
  w.u.pending.put(venId, { venId, items: front ? [item, ...rest] : [...rest, item] });
}

/** Takes the first queued item `pick` chooses; the read version makes the take conditional, so two instances never both send it. */
export async function takePending(w: Work, venId: string, pick: (i: PendingItem) => boolean): Promise<PendingItem | undefined> {
  const current = (await w.u.pending.get(venId))?.items;
  if (!current) return undefined;
  const index = current.findIndex(pick);
  if (index < 0) return undefined;
  const item = current[index]!;
  const items = current.filter((_, i) => i !== index);
  if (items.length) w.u.pending.put(venId, { venId, items });
  else w.u.pending.delete(venId);
  return item;
}

function samePending(a: PendingItem, b: PendingItem): boolean {
  return a.kind === b.kind && JSON.stringify(a) === JSON.stringify(b);
}

/** Remove a VEN and everything that only made sense while it was registered. Events keep their history. */
export async function retireVen(w: Work, ven: VenRecord, initiatedBy: 'ven' | 'vtn'): Promise<void> {
  const { u } = w;
  u.vens.delete(ven.venId);
  u.pending.delete(ven.venId);
  u.collection(PRESENCE).delete(ven.venId);
  u.collection(VEN_GUARDS).delete(ven.venId);
  u.collection(PUSH_STATUS).delete(ven.venId);
  w.u.afterCommit(() => w.presence.forget(ven.venId));
  for (const opt of await u.opts.find('venId', ven.venId)) u.opts.delete(optKey(opt.venId, opt.optId));
  for (const d of await u.deliveries.find('venId', ven.venId)) u.deliveries.delete(deliveryKey(d.eventId, d.venId));
  await dropReportState(w, ven.venId);
  // Told once, after the commit: the hook is a notification, not a decision.
  u.afterCommit(async () => {
    w.log.info({ venId: ven.venId, registrationId: ven.registrationId, initiatedBy }, 'VEN registration cancelled');
    try {
      await w.handlers.get('onCancelPartyRegistration')?.({ venId: ven.venId, registrationId: ven.registrationId, initiatedBy });
    } catch (err) {
      w.log.error({ err, venId: ven.venId }, 'onCancelPartyRegistration handler failed');
    }
  });
}

/** A refused registration: counted per name and certificate, written and logged sparingly (refusal-book.ts). */
export function noteRefusedRegistration(ctx: VtnContext, who: RefusedWho, code: number, reason: string): void {
  ctx.refusals.note(who, code, reason);
}
