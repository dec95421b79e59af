// Reports the VTN asks for later (oadrCreateReport on poll) and cancels (oadrCancelReport on poll or
// piggy-backed in oadrUpdatedReport, whichever reaches the VEN first).
import { VtnError } from '../../errors.js';
import type { OadrCancelReport, OadrMessage } from '../../oadr/model.js';
import type { PendingItem } from '../../store/records.js';
import type { Work } from '../context.js';
import { addPending, takePending } from '../ven-state.js';
import { buildHistoryRequest, buildOneShotRequest, buildPeriodicRequest } from './build-requests.js';
import type { IntervalSpec, ReportCallback } from './handler-types.js';
import type { ReportOffer } from './offers.js';
import { offerRecords, requestOf, subscriptions, updateSubscription } from './report-records.js';
import { noteSent } from './report-fallback.js';

export interface RequestReportOptions {
  venId: string;
  /** Which offered report: by reportSpecifierID, or by name (TELEMETRY_USAGE, HISTORY_USAGE …). */
  reportSpecifierId?: string;
  reportName?: string;
  /** Data points to include; default every rID of that report. */
  rIds?: string[];
  /** oneShot: current values once; periodic: telemetry from `start` for `duration`; history: a past window. */
  kind: 'oneShot' | 'periodic' | 'history';
  samplingInterval?: IntervalSpec;
  reportingInterval?: IntervalSpec;
  granularity?: IntervalSpec;
  start?: Date | string;
  duration?: IntervalSpec;
  callback?: ReportCallback;
}

export async function requestReport(ctx: Work, o: RequestReportOptions): Promise<{ reportRequestId: string }> {
  const offers = await pickOffers(ctx, o);
  const subs = subscriptions(ctx);
  // Ids come from newId (UUIDs): taken only by an operator-chosen id, and create() below refuses a clash anyway.
  const base = { offers, now: ctx.now(), newId: ctx.newId, ...(o.callback ? { callback: o.callback } : {}) };
  const start = o.start === undefined ? undefined : new Date(o.start);
  const plan = o.kind === 'oneShot'
    ? buildOneShotRequest(base)
    : o.kind === 'periodic'
      ? buildPeriodicRequest({ ...base, samplingInterval: o.samplingInterval ?? offers[0]!.minSamplingMs ?? 60_000, ...(o.reportingInterval !== undefined ? { reportingInterval: o.reportingInterval } : {}), ...(start ? { start } : {}), ...(o.duration !== undefined ? { duration: o.duration } : {}) })
      : buildHistoryRequest({ ...base, start: requireStart(start), duration: o.duration ?? missing('duration'), ...(o.granularity !== undefined ? { granularity: o.granularity } : {}) });
  subs.create(plan.subscription.reportRequestId, plan.subscription);
  ctx.u.afterCommit(() => ctx.reportCallbacks.set(plan.subscription.reportRequestId, plan.callbacks));
  await addPending(ctx, o.venId, { kind: 'createReport', reportRequestIds: [plan.subscription.reportRequestId] });
  ctx.log.info({ venId: o.venId, reportRequestId: plan.subscription.reportRequestId, kind: o.kind, report: plan.subscription.reportName, notes: plan.notes }, 'report requested');
  return { reportRequestId: plan.subscription.reportRequestId };
}

export async function cancelReport(ctx: Work, reportRequestId: string, reportToFollow = false): Promise<void> {
  const sub = await subscriptions(ctx).get(reportRequestId);
  if (!sub) throw new VtnError('E_REPORT_REQUEST', `No report request ${reportRequestId}.`, 'List them with vtn.listReportSubscriptions().');
  if (sub.state === 'cancelled') return;
  await addPending(ctx, sub.venId, { kind: 'cancelReport', reportRequestIds: [reportRequestId], reportToFollow });
  ctx.log.info({ venId: sub.venId, reportRequestId, reportToFollow }, 'report cancellation queued');
}

async function pickOffers(ctx: Work, o: RequestReportOptions): Promise<ReportOffer[]> {
  if (!(await ctx.u.vens.has(o.venId))) throw new VtnError('E_VEN_UNKNOWN', `No registered VEN with venId ${o.venId}.`, 'List VENs with vtn.listVens().');
  const all = (await offerRecords(ctx).get(o.venId))?.offers ?? [];
  const wanted = o.reportName?.replace(/^METADATA_/, '');
  const ofReport = all.filter((x) => (o.reportSpecifierId ? x.reportSpecifierId === o.reportSpecifierId : x.reportName.replace(/^METADATA_/, '') === wanted));
  const chosen = o.rIds ? ofReport.filter((x) => o.rIds!.includes(x.rId)) : ofReport;
  if (!chosen.length) {
    const offered = [...new Set(all.map((x) => `${x.reportSpecifierId} (${x.reportName})`))].join(', ') || 'none';
    throw new VtnError('E_REPORT_REQUEST', `VEN ${o.venId} offers no matching report data points.`, `It offers: ${offered}.`);
  }
  // One request covers one report: use the report of the first match.
  return chosen.filter((x) => x.reportSpecifierId === chosen[0]!.reportSpecifierId);
}

const requireStart = (d: Date | undefined): Date => d ?? missing('start');
function missing(field: string): never {
  throw new VtnError('E_REPORT_REQUEST', `A history report request needs ${field}.`, 'Give start and duration of the window to report.');
}

/** Poll renderers for the two queued report messages. */
export async function renderCreateReport(ctx: Work, venId: string, item: PendingItem): Promise<OadrMessage | undefined> {
  if (item.kind !== 'createReport') return undefined;
  const subs = await subscriptions(ctx).getMany(item.reportRequestIds);
  // A re-send carries only what is still unacknowledged; a first send anything not cancelled.
  const chosen = item.reportRequestIds.flatMap((id) => {
    const sub = subs.get(id);
    return sub && sub.venId === venId && (item.retry === undefined ? sub.state !== 'cancelled' : sub.state === 'requested') ? [sub] : [];
  });
  if (!chosen.length) return undefined;
  for (const sub of await noteSent(ctx, venId, chosen, 'createReport', item.retry ?? 0)) subscriptions(ctx).put(sub.reportRequestId, sub);
  if (item.retry !== undefined) ctx.log.info({ venId, reportRequestIds: chosen.map((s) => s.reportRequestId), retry: item.retry }, 'report requests nobody acknowledged sent again as oadrCreateReport');
  return { type: 'oadrCreateReport', requestId: ctx.newId(), reportRequests: chosen.map(requestOf), venId };
}

export async function renderCancelReport(ctx: Work, venId: string, item: PendingItem): Promise<OadrMessage | undefined> {
  if (item.kind !== 'cancelReport') return undefined;
  await markCancelled(ctx, item.reportRequestIds);
  return { type: 'oadrCancelReport', requestId: ctx.newId(), reportRequestIds: item.reportRequestIds, reportToFollow: item.reportToFollow, venId };
}

/** A queued cancel rides along in oadrUpdatedReport when the VEN reports before it polls. */
export async function takePiggybackCancel(ctx: Work, venId: string): Promise<OadrCancelReport | undefined> {
  const item = await takePending(ctx, venId, (i) => i.kind === 'cancelReport');
  if (!item || item.kind !== 'cancelReport') return undefined;
  await markCancelled(ctx, item.reportRequestIds);
  return { type: 'oadrCancelReport', requestId: ctx.newId(), reportRequestIds: item.reportRequestIds, reportToFollow: item.reportToFollow, venId };
}

async function markCancelled(ctx: Work, ids: readonly string[]): Promise<void> {
  const at = ctx.now().toISOString();
  for (const id of ids) {
    await updateSubscription(ctx, id, { state: 'cancelled', cancelledAt: at });
    ctx.u.afterCommit(() => ctx.reportCallbacks.delete(id));
  }
}
