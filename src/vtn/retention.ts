// Retention: ended events leave the live set (their summary goes to the archive), archive entries, replay nonces,
// cancelled opts and finished report requests expire, so a year of operation stays the size of a few weeks.
import type { EventRecord } from '../store/records.js';
import { deliveryKey, optKey } from '../store/store.js';
import { inUnit, type VtnContext } from './context.js';
import { archiveOf, EVENT_ARCHIVE, type ArchivedEvent } from './event-archive.js';
import { eventEndIso } from '../store/collection-specs.js';
import { REPLAY_NONCES, type ReplayPair } from './identity-gate.js';
import { REPORT_SUBSCRIPTIONS, type ReportSubscription } from './reports/report-subscription.js';

/** Records handled per unit: one event (with all its deliveries), or this many small records. */
const BATCH = 500;

export interface SweepCounts {
  archived: number;
  archiveExpired: number;
  nonces: number;
  opts: number;
  subscriptions: number;
}

/** One pass; the caller runs it on the instance holding the 'retention' lock. `onRemoved` hears of each archived event after its commit. */
export async function sweep(ctx: VtnContext, onRemoved?: (event: EventRecord) => void): Promise<SweepCounts> {
  const now = ctx.now();
  const counts: SweepCounts = { archived: 0, archiveExpired: 0, nonces: 0, opts: 0, subscriptions: 0 };
  const liveCutoff = new Date(now.getTime() - ctx.settings.retention.liveMs).toISOString();
  for (;;) {
    const ended = await inUnit(ctx, 'retention', async (w) => w.u.events.range('endsAt', { to: liveCutoff, limit: 20 }));
    if (ended.length === 0) break;
    for (const e of ended) if (await archiveEvent(ctx, e.eventId, liveCutoff, onRemoved)) counts.archived += 1;
    if (ended.length < 20) break;
  }
  const archiveCutoff = new Date(now.getTime() - ctx.settings.retention.archiveMs).toISOString();
  counts.archiveExpired = await dropBy<ArchivedEvent>(ctx, EVENT_ARCHIVE, 'archivedAt', archiveCutoff, (a) => a.eventId);
  counts.nonces = await dropBy<ReplayPair>(ctx, REPLAY_NONCES, 'expiresAt', now.toISOString(), (n) => n.key);
  counts.opts = await dropCancelledOpts(ctx, liveCutoff);
  counts.subscriptions = await dropFinishedSubscriptions(ctx, liveCutoff);
  if (Object.values(counts).some((n) => n > 0)) ctx.log.info({ ...counts }, 'retention: expired records removed');
  return counts;
}

async function archiveEvent(ctx: VtnContext, eventId: string, cutoff: string, onRemoved?: (event: EventRecord) => void): Promise<boolean> {
  return inUnit(ctx, 'retention', async (w) => {
    const rec = await w.u.events.get(eventId);
    const end = rec ? eventEndIso(rec) : undefined;
    if (!rec || !end || end >= cutoff) return false;
    const deliveries = await w.u.deliveries.find('eventId', eventId);
    w.u.collection<ArchivedEvent>(EVENT_ARCHIVE).put(eventId, archiveOf(rec, deliveries, end, w.now()));
    for (const d of deliveries) w.u.deliveries.delete(deliveryKey(d.eventId, d.venId));
    for (const o of await w.u.opts.find('eventId', eventId)) w.u.opts.delete(optKey(o.venId, o.optId));
    w.u.events.delete(eventId);
    if (onRemoved) w.u.afterCommit(() => onRemoved(rec));
    return true;
  });
}

async function dropBy<T>(ctx: VtnContext, collection: string, index: string, before: string, keyOf: (r: T) => string): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inUnit(ctx, 'retention', async (w) => {
      const repo = w.u.collection<T>(collection);
      const old = await repo.range(index, { to: before, limit: BATCH });
      for (const r of old) repo.delete(keyOf(r));
      return old.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}

// Cancelled opts and finished report requests have no index by age: they are few, read per page of the collection.
async function dropCancelledOpts(ctx: VtnContext, before: string): Promise<number> {
  return dropWhere(ctx, 'opts', (o: { cancelledAt?: string; venId: string; optId: string }) => (o.cancelledAt !== undefined && o.cancelledAt < before ? optKey(o.venId, o.optId) : undefined));
}

async function dropFinishedSubscriptions(ctx: VtnContext, before: string): Promise<number> {
  return dropWhere(ctx, REPORT_SUBSCRIPTIONS, (s: ReportSubscription) => (s.state === 'cancelled' && s.cancelledAt !== undefined && s.cancelledAt < before ? s.reportRequestId : undefined));
}

async function dropWhere<T>(ctx: VtnContext, collection: string, expiredKey: (r: T) => string | undefined): Promise<number> {
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const page = await inUnit(ctx, 'retention', async (w) => {
      const repo = w.u.collection<T>(collection);
      const rows = await repo.list({ ...(after !== undefined ? { after } : {}), limit: BATCH });
      const expired = rows.map((r) => expiredKey(r.value)).filter((k): k is string => k !== undefined);
      for (const key of expired) repo.delete(key);
      return { rows: rows.length, last: rows.at(-1)?.key, expired: expired.length };
    });
    total += page.expired;
    if (page.rows < BATCH) return total;
    after = page.last;
  }
}
