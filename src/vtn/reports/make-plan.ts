// Assemble one oadrReportRequest and its subscription record from the offers of one report.
import { VtnError } from '../../errors.js';
import type { ReportRequest } from '../../oadr/model.js';
import type { ReportCallback } from './handler-types.js';
import { dataReportName, type ReportOffer } from './offers.js';
import type { ReportSubscription, SubscribedPoint, SubscriptionKind } from './report-subscription.js';
import { allocateRequestId, type IdSource } from './request-id.js';

export interface BuildContext extends IdSource {
  now: Date;
}

/** One request for one report, what to persist, and the in-memory callbacks per rID. */
export interface RequestPlan {
  request: ReportRequest;
  subscription: ReportSubscription;
  callbacks: Map<string, ReportCallback>;
  /** Adjustments made (clamped granularity, harmonised intervals) for the log. */
  notes: string[];
}

export interface PlanSpec {
  offers: readonly ReportOffer[];
  kind: SubscriptionKind;
  granularityMs: number;
  reportBackMs: number;
  reportInterval?: { dtstart: Date; durationMs: number };
  callbacks: Map<string, ReportCallback>;
  notes: string[];
}

function pointOf(o: ReportOffer): SubscribedPoint {
  // Only defined labels: the record is stored as JSON and compared in tests.
  return {
    rId: o.rId,
    ...(o.resourceId !== undefined && { resourceId: o.resourceId }),
    ...(o.measurement !== undefined && { measurement: o.measurement }),
    ...(o.unit !== undefined && { unit: o.unit }),
    ...(o.scale !== undefined && { scale: o.scale }),
    readingType: o.readingType,
  };
}

/** All offers must be data points of the same VEN report. */
export function assertOneReport(offers: readonly ReportOffer[]): ReportOffer {
  const first = offers[0];
  if (!first) throw new VtnError('E_REPORT_REQUEST', 'a report request needs at least one rID', 'pick rIDs from the VEN\'s registered reports');
  const other = offers.find((o) => o.venId !== first.venId || o.reportSpecifierId !== first.reportSpecifierId);
  if (other) {
    throw new VtnError('E_REPORT_REQUEST',
      `rIDs from different reports in one request (${first.venId}/${first.reportSpecifierId} and ${other.venId}/${other.reportSpecifierId})`,
      'build one request per reportSpecifierID');
  }
  const twice = offers.find((o, i) => offers.findIndex((p) => p.rId === o.rId) !== i);
  if (twice) throw new VtnError('E_REPORT_REQUEST', `rID ${twice.rId} is listed twice in report ${first.reportSpecifierId}`, 'list each rID once');
  return first;
}

/** Assemble the wire request and its subscription record. */
export function makePlan(spec: PlanSpec, ctx: BuildContext, taken: Set<string>): RequestPlan {
  const first = assertOneReport(spec.offers);
  const reportRequestId = allocateRequestId(ctx, taken);
  const request: ReportRequest = {
    reportRequestId,
    reportSpecifier: {
      reportSpecifierId: first.reportSpecifierId,
      granularity: spec.granularityMs,
      reportBackDuration: spec.reportBackMs,
      ...(spec.reportInterval && { reportInterval: { dtstart: spec.reportInterval.dtstart, duration: spec.reportInterval.durationMs } }),
      specifierPayloads: spec.offers.map((o) => ({ rId: o.rId, readingType: o.readingType })),
    },
  };
  const subscription: ReportSubscription = {
    reportRequestId,
    venId: first.venId,
    reportSpecifierId: first.reportSpecifierId,
    reportName: dataReportName(first.reportName),
    rIds: spec.offers.map(pointOf),
    granularityMs: spec.granularityMs,
    reportBackMs: spec.reportBackMs,
    kind: spec.kind,
    ...(spec.reportInterval && {
      interval: { dtstart: spec.reportInterval.dtstart.toISOString(), durationMs: spec.reportInterval.durationMs },
    }),
    createdAt: ctx.now.toISOString(),
    state: 'requested',
  };
  return { request, subscription, callbacks: spec.callbacks, notes: spec.notes };
}
