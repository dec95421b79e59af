// Per-VEN state outside the registration record: the pending queue and clean-up when a VEN leaves.
import type { PendingItem, VenRecord } from '../store/records.js';
import type { VtnContext } from './context.js';
import { clipText } from '../clip-text.js';
import { dropReportState } from './reports/report-records.js';

/** Queue a message for the VEN's next poll; `front` puts it ahead of what is waiting. Duplicates collapse. */
export function addPending(ctx: VtnContext, venId: string, item: PendingItem, front = false): void {
  const current = ctx.store.pending.get(venId)?.items ?? [];
  const rest = current.filter((i) => !samePending(i, item));
  ctx.store.pending.put(venId, { venId, items: front ? [item, ...rest] : [...rest, item] });
}

export function takePending(ctx: VtnContext, venId: string, pick: (i: PendingItem) => boolean): PendingItem | undefined {
  const current = ctx.store.pending.get(venId)?.items;
  if (!current) return undefined;
  const index = current.findIndex(pick);
  if (index < 0) return undefined;
  const item = current[index]!;
  const items = current.filter((_, i) => i !== index);
  if (items.length) ctx.store.pending.put(venId, { venId, items });
  else ctx.store.pending.delete(venId);
  return item;
}

function samePending(a: PendingItem, b: PendingItem): boolean {
  return a.kind === b.kind && JSON.stringify(a) === JSON.stringify(b);
}

/** Remove a VEN and everything that only made sense while it was registered. Events keep their history. */
export async function retireVen(ctx: VtnContext, ven: VenRecord, initiatedBy: 'ven' | 'vtn'): Promise<void> {
  ctx.store.vens.delete(ven.venId);
  ctx.store.pending.delete(ven.venId);
  for (const [key, opt] of entries(ctx.store.opts)) if (opt.venId === ven.venId) ctx.store.opts.delete(key);
  for (const [key, d] of entries(ctx.store.deliveries)) if (d.venId === ven.venId) ctx.store.deliveries.delete(key);
  dropReportState(ctx, ven.venId);
  ctx.log.info({ venId: ven.venId, registrationId: ven.registrationId, initiatedBy }, 'VEN registration cancelled');
  try {
    await ctx.handlers.get('onCancelPartyRegistration')?.({ venId: ven.venId, registrationId: ven.registrationId, initiatedBy });
  } catch (err) {
    ctx.log.error({ err, venId: ven.venId }, 'onCancelPartyRegistration handler failed');
  }
}

function entries<T>(c: { keys(): IterableIterator<string>; get(k: string): T | undefined }): [string, T][] {
  return [...c.keys()].map((k) => [k, c.get(k)!] as [string, T]);
}

/** A refused registration: counted per name, and one warning line while the per-minute budget lasts. */
export function noteRefusedRegistration(ctx: VtnContext, who: { venName?: string | undefined; venId?: string | undefined }, code: number, reason: string): void {
  const entry = ctx.refusals.note(who, code, reason);
  const line = ctx.refusals.lines.take();
  if (!line) return;
  ctx.log.warn({
    venName: entry.name, ...(who.venId ? { venId: clipText(who.venId) } : {}), code, reason: entry.lastReason, refusals: entry.count,
    ...(line.suppressed ? { suppressed: line.suppressed } : {}),
  }, line.suppressed ? `registration refused (${line.suppressed} similar lines suppressed)` : 'registration refused');
}
