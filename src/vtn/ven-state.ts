// Per-VEN state outside the registration record: the pending queue and clean-up when a VEN leaves.
import type { PendingItem, VenRecord } from '../store/records.js';
import type { VtnContext, Work } from './context.js';
import type { RefusedWho } from './refusal-book.js';
import { dropReportState } from './reports/report-records.js';
import { deliveryKey, optKey } from '../store/store.js';
import { PRESENCE } from './presence-book.js';
import { VEN_GUARDS } from './opt-service.js';
import { PUSH_STATUS } from './push-status.js';
import { recordRetirement, retiredEntry, trimRetired, type RetiredBy } from './retired-vens.js';

// One line per way a registration ends: the operator can grep for how a cancellation finished.
const RETIRED_LINE: Record<RetiredBy, string> = {
  ven: 'VEN registration cancelled',
  confirmed: 'VEN registration cancelled: the VEN confirmed the cancellation',
  grace: 'VEN registration cancelled: the VEN did not confirm within the grace; retired anyway',
  replaced: 'VEN registration replaced by a new registration of the same VEN',
};

/** Queue a message for the VEN's next poll; `front` puts it ahead of what is waiting. Duplicates collapse. */
export async function addPending(w: Work, venId: string, item: PendingItem, front = false): Promise<void> {
  const current = (await w.u.pending.get(venId))?.items ?? [];
  const queued = mergedCancellation(current, item);
  const rest = current.filter((i) => !samePending(i, queued));
  w.u.pending.put(venId, { venId, items: front ? [queued, ...rest] : [...rest, queued] });
}

/** Is a queued item sendable now (a deferred one waits for its notBefore)? */
export function isDue(item: PendingItem, nowIso: string): boolean {
  return !('notBefore' in item) || item.notBefore === undefined || item.notBefore <= nowIso;
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
  // One cancellation per registration: its grace and send count live in that one item.
  if (a.kind === 'cancelRegistration' && b.kind === 'cancelRegistration') return a.registrationId === b.registrationId;
  return a.kind === b.kind && JSON.stringify(a) === JSON.stringify(b);
}

// A cancellation queued again (asked twice, or put back after a failed push) keeps the first one's grace and count.
function mergedCancellation(current: readonly PendingItem[], item: PendingItem): PendingItem {
  if (item.kind !== 'cancelRegistration') return item;
  const was = current.find((i) => samePending(i, item));
  if (!was || was.kind !== 'cancelRegistration') return item;
  const { notBefore: _old, ...kept } = was;
  return { ...kept, ...(item.notBefore !== undefined ? { notBefore: item.notBefore } : {}), sends: Math.max(was.sends ?? 0, item.sends ?? 0) };
}

/** How a registration ended, for the retired-VEN history and the log line. */
export interface Retirement {
  by: RetiredBy;
  replacedBy?: string;
}

/** Remove a VEN and everything that only made sense while it was registered. Events keep their history. */
export async function retireVen(w: Work, ven: VenRecord, initiatedBy: 'ven' | 'vtn', how: Retirement = { by: initiatedBy === 'ven' ? 'ven' : 'confirmed' }): Promise<void> {
  const { u } = w;
  const cancel = (await u.pending.get(ven.venId))?.items.find((i) => i.kind === 'cancelRegistration');
  const at = w.now().toISOString();
  recordRetirement(u, retiredEntry(ven, at, how.by, {
    ...(cancel?.kind === 'cancelRegistration' && cancel.requestedAt ? { cancelRequestedAt: cancel.requestedAt, cancelSends: cancel.sends ?? 0 } : {}),
    ...(how.replacedBy !== undefined ? { replacedBy: how.replacedBy } : {}),
  }));
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
    w.log.info({ venId: ven.venId, venName: ven.venName, registrationId: ven.registrationId, initiatedBy, retiredBy: how.by, ...(how.replacedBy ? { replacedBy: how.replacedBy } : {}) }, RETIRED_LINE[how.by]);
    await w.store.unit((tu) => trimRetired(tu), { label: 'retired VENs' }).catch((err: unknown) => w.log.warn({ err: (err as Error).message }, 'retired-VEN history not trimmed; trimmed after the next retirement'));
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
