// Typed access to the report collections: what each VEN offers, and what the VTN asked it to report.
import type { OadrReport, ReportRequest } from '../../oadr/model.js';
import type { Repository } from '../../store/store.js';
import type { Work } from '../context.js';
import { flattenOffers, type ReportOffer } from './offers.js';
import { REPORT_SUBSCRIPTIONS, type ReportSubscription } from './report-subscription.js';

/** A VEN's latest METADATA registration, flattened. Keyed by venId. */
export interface OfferRecord {
  venId: string;
  registeredAt: string;
  offers: ReportOffer[];
}

export const REPORT_OFFERS = 'reportOffers';

export function subscriptions(w: Work): Repository<ReportSubscription> {
  return w.u.collection<ReportSubscription>(REPORT_SUBSCRIPTIONS);
}

export function offerRecords(w: Work): Repository<OfferRecord> {
  return w.u.collection<OfferRecord>(REPORT_OFFERS);
}

/** The data points of a VEN's METADATA reports (what saveOffers stores). */
export function offersIn(venId: string, reports: readonly OadrReport[]): ReportOffer[] {
  return flattenOffers(venId, reports.filter((r) => r.reportName.startsWith('METADATA_') || r.descriptions.length > 0));
}

/** Replaces what the VEN offered before (one record per VEN). */
export function saveOffers(ctx: Work, venId: string, offers: ReportOffer[]): void {
  offerRecords(ctx).put(venId, { venId, registeredAt: ctx.now().toISOString(), offers });
}

export function subscriptionsOf(w: Work, venId: string): Promise<ReportSubscription[]> {
  return subscriptions(w).find('venId', venId);
}

/** Operator requests still running outlive a new report registration; everything else it supersedes. */
export const outlivesReRegistration = (s: ReportSubscription): boolean => s.state !== 'cancelled' && (s.kind === 'oneShot' || s.kind === 'history');

/** Deletes the VEN's subscriptions that `drop` picks (all by default) with their callbacks. */
export async function dropSubscriptions(w: Work, venId: string, drop: (s: ReportSubscription) => boolean = () => true): Promise<void> {
  const subs = subscriptions(w);
  for (const s of await subscriptionsOf(w, venId)) {
    if (!drop(s)) continue;
    subs.delete(s.reportRequestId);
    w.u.afterCommit(() => w.reportCallbacks.delete(s.reportRequestId));
  }
}

/** A VEN that leaves takes its offers and subscriptions with it. */
export async function dropReportState(w: Work, venId: string): Promise<void> {
  await dropSubscriptions(w, venId);
  offerRecords(w).delete(venId);
}

/** Distinct (resource, measurement) pairs the subscriptions label values with: the telemetry series they fill. */
export function seriesCount(subs: readonly ReportSubscription[]): number {
  return new Set(subs.flatMap((s) => s.rIds.map((p) => `${p.resourceId ?? ''}\u0000${p.measurement ?? ''}`))).size;
}

/** The wire request a subscription stands for (rebuilt when a queued oadrCreateReport goes out). */
export function requestOf(sub: ReportSubscription): ReportRequest {
  return {
    reportRequestId: sub.reportRequestId,
    reportSpecifier: {
      reportSpecifierId: sub.reportSpecifierId,
      granularity: sub.granularityMs,
      reportBackDuration: sub.reportBackMs,
      ...(sub.interval ? { reportInterval: { dtstart: new Date(sub.interval.dtstart), duration: sub.interval.durationMs } } : {}),
      specifierPayloads: sub.rIds.map((p) => ({ rId: p.rId, readingType: p.readingType ?? 'Direct Read' })),
    },
  };
}

export async function updateSubscription(w: Work, reportRequestId: string, change: Partial<ReportSubscription>): Promise<ReportSubscription | undefined> {
  const subs = subscriptions(w);
  const sub = await subs.get(reportRequestId);
  if (!sub) return undefined;
  const next = { ...sub, ...change };
  subs.put(reportRequestId, next);
  return next;
}
