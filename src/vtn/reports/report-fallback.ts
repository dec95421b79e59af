// Report requests that arrive: a request no oadrCreatedReport (or telemetry) acknowledges within
// fieldVens.reportFallbackAfter goes out again as oadrCreateReport on the VEN's next poll or push, a bounded number
// of times with doubling waits. Many field VENs ignore requests inside oadrRegisteredReport and act only on these.
import type { PendingItem } from '../../store/records.js';
import type { Work } from '../context.js';
import { fallbackWaitMs } from '../field-timers.js';
import { addPending } from '../ven-state.js';
import { subscriptions } from './report-records.js';
import type { ReportSubscription, RequestPath } from './report-subscription.js';

type CreateReportItem = Extract<PendingItem, { kind: 'createReport' }>;

/** The request is on its way by `via`: count it, and queue the next re-send while any are left. */
export async function noteSent(w: Work, venId: string, subs: readonly ReportSubscription[], via: RequestPath, retry = 0): Promise<ReportSubscription[]> {
  const at = w.now();
  const sent = subs.map((s) => ({ ...s, attempts: (s.attempts ?? 0) + 1, lastSentAt: at.toISOString(), lastSentVia: via }));
  const waiting = sent.filter((s) => s.state === 'requested').map((s) => s.reportRequestId);
  const next = retry + 1;
  if (waiting.length && next <= w.settings.field.reportFallbackAttempts) {
    const notBefore = new Date(at.getTime() + fallbackWaitMs(w.settings, await w.u.vens.get(venId), next)).toISOString();
    await addPending(w, venId, { kind: 'createReport', reportRequestIds: waiting, retry: next, notBefore });
  } else if (waiting.length && retry > 0) {
    w.log.warn({ venId, reportRequestIds: waiting, attempts: sent[0]?.attempts }, 'report requests sent again as oadrCreateReport without any acknowledgement; no more re-sends (see fieldVens.reportFallbackAttempts)');
  }
  return sent;
}

/** The VEN acknowledged these requests (oadrCreatedReport, or values for them): created, and no more re-sends. */
export async function acknowledge(w: Work, venId: string, ids: readonly string[], by: 'createdReport' | 'updateReport'): Promise<string[]> {
  const subs = subscriptions(w);
  const found = await subs.getMany(ids);
  const at = w.now().toISOString();
  const acked: string[] = [];
  for (const id of ids) {
    const sub = found.get(id);
    if (!sub || sub.venId !== venId || sub.state !== 'requested') continue;
    subs.put(id, { ...sub, state: 'created', acknowledgedVia: sub.lastSentVia ?? 'registeredReport', acknowledgedBy: by, acknowledgedAt: at });
    acked.push(id);
  }
  if (acked.length) await dropRetries(w, venId, new Set(acked));
  return acked;
}

/** No more re-sends of these requests (acknowledged, or replaced by a new report registration). */
export async function dropRetries(w: Work, venId: string, acked: ReadonlySet<string>): Promise<void> {
  const record = await w.u.pending.get(venId);
  if (!record?.items.some((i) => isRetry(i) && i.reportRequestIds.some((id) => acked.has(id)))) return;
  const items = record.items.flatMap((i): PendingItem[] => {
    if (!isRetry(i)) return [i];
    const left = i.reportRequestIds.filter((id) => !acked.has(id));
    return left.length ? [{ ...i, reportRequestIds: left }] : [];
  });
  if (items.length) w.u.pending.put(venId, { venId, items });
  else w.u.pending.delete(venId);
}

const isRetry = (i: PendingItem): i is CreateReportItem => i.kind === 'createReport' && i.retry !== undefined;
