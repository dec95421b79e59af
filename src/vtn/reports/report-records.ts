// Typed access to the report collections: what each VEN offers, and what the VTN asked it to report.
import type { OadrReport, ReportRequest } from '../../oadr/model.js';
import type { Collection } from '../../store/store.js';
import type { VtnContext } from '../context.js';
import { flattenOffers, type ReportOffer } from './offers.js';
import { REPORT_SUBSCRIPTIONS, type ReportSubscription } from './report-subscription.js';

/** A VEN's latest METADATA registration, flattened. Keyed by venId. */
export interface OfferRecord {
  venId: string;
  registeredAt: string;
  offers: ReportOffer[];
}

export const REPORT_OFFERS = 'reportOffers';

export function subscriptions(ctx: VtnContext): Collection<ReportSubscription> {
  return ctx.store.collection<ReportSubscription>(REPORT_SUBSCRIPTIONS);
}

export function offerRecords(ctx: VtnContext): Collection<OfferRecord> {
  return ctx.store.collection<OfferRecord>(REPORT_OFFERS);
}

export function saveOffers(ctx: VtnContext, venId: string, reports: readonly OadrReport[]): ReportOffer[] {
  const offers = flattenOffers(venId, reports);
  offerRecords(ctx).put(venId, { venId, registeredAt: ctx.now().toISOString(), offers });
  return offers;
}

export function subscriptionsOf(ctx: VtnContext, venId: string): ReportSubscription[] {
  return [...subscriptions(ctx).values()].filter((s) => s.venId === venId);
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

export function updateSubscription(ctx: VtnContext, reportRequestId: string, change: Partial<ReportSubscription>): ReportSubscription | undefined {
  const subs = subscriptions(ctx);
  const sub = subs.get(reportRequestId);
  if (!sub) return undefined;
  const next = { ...sub, ...change };
  subs.put(reportRequestId, next);
  return next;
}
