// Flatten an oadrUpdateReport into labelled values and say how each report fits its subscription.
import type { OadrReport, ReportInterval, ReportPayload } from '../../oadr/model.js';
import type { ReportValue } from '../../telemetry/report-value.js';
import type { ReportSubscription, SubscribedPoint } from './report-subscription.js';

export type { ReportValue } from '../../telemetry/report-value.js';

/** Per report in the update: the facts the core needs to answer (452) and to flag mismatches. */
export interface ReportCheck {
  reportRequestId: string;
  reportSpecifierId: string;
  reportName: string;
  /** No subscription with this reportRequestID for this VEN: answer 452. */
  unknownRequest: boolean;
  /** The subscription exists but was cancelled (a last report may follow a cancel). */
  cancelled: boolean;
  /** A METADATA report (the VEN answering a metadata request): descriptions, no values. */
  metadata: boolean;
  /** rIDs the VEN sent that the request did not ask for (values kept, labelled by rID only). */
  unexpectedRIds: string[];
  /** Requested rIDs with no value in this report. */
  missingRIds: string[];
  values: ReportValue[];
}

export interface IngestResult {
  /** Values of known requests, ready for the telemetry store and callbacks. */
  values: ReportValue[];
  reports: ReportCheck[];
}

export type SubscriptionLookup = (reportRequestId: string) => ReportSubscription | undefined;

// Labels come from the subscription when there is one: values then share its strings instead of each holding
// slices of its message text (a slice keeps the whole request body alive for as long as the value is held).
function valueOf(venId: string, reportRequestId: string, interval: ReportInterval, p: ReportPayload, point?: SubscribedPoint): ReportValue {
  return {
    venId,
    reportRequestId,
    rId: point?.rId ?? p.rId,
    ...(point?.resourceId !== undefined && { resourceId: point.resourceId }),
    ...(point?.measurement !== undefined && { measurement: point.measurement }),
    ...((p.unit ?? point?.unit) !== undefined && { unit: p.unit ?? point?.unit }),
    // A payload that names its own unit (GreenButton readings, already scaled) does not take the offer's scale.
    ...(p.unit === undefined && point?.scale !== undefined && { scale: point.scale }),
    time: interval.dtstart,
    ...(interval.duration !== undefined && { durationMs: interval.duration }),
    // Status payloads stay objects: TELEMETRY_STATUS is not a float (requirements §5).
    value: p.value,
    ...(p.confidence !== undefined && { confidence: p.confidence }),
    ...(p.accuracy !== undefined && { accuracy: p.accuracy }),
    ...(p.dataQuality !== undefined && { dataQuality: p.dataQuality }),
  };
}

function checkReport(venId: string, report: OadrReport, lookup: SubscriptionLookup): ReportCheck {
  const found = lookup(report.reportRequestId);
  // Another VEN's request id is as unknown to this VEN as a made-up one.
  const sub = found && found.venId === venId ? found : undefined;
  const points = new Map((sub?.rIds ?? []).map((p) => [p.rId, p]));
  const values: ReportValue[] = [];
  const seen = new Set<string>();
  const unexpected = new Set<string>();
  for (const interval of report.intervals) {
    for (const payload of interval.payloads) {
      // A payload that names no rID (Green Button) belongs to the request's first rID.
      const rId = payload.rId === '' ? sub?.rIds[0]?.rId ?? '' : payload.rId;
      seen.add(rId);
      const point = points.get(rId);
      if (sub && !point) unexpected.add(rId);
      values.push(valueOf(sub?.venId ?? venId, sub?.reportRequestId ?? report.reportRequestId, interval, payload, point));
    }
  }
  const metadata = report.reportName.startsWith('METADATA_');
  return {
    reportRequestId: report.reportRequestId,
    reportSpecifierId: report.reportSpecifierId,
    reportName: report.reportName,
    unknownRequest: sub === undefined,
    cancelled: sub?.state === 'cancelled',
    metadata,
    unexpectedRIds: [...unexpected],
    missingRIds: sub && !metadata ? [...points.keys()].filter((rId) => !seen.has(rId)) : [],
    values,
  };
}

/** Every report of the update, in order; values of unknown requests stay in their check only. */
export function ingestUpdateReport(venId: string, reports: readonly OadrReport[], lookup: SubscriptionLookup): IngestResult {
  const checks = reports.map((r) => checkReport(venId, r, lookup));
  return { values: checks.filter((c) => !c.unknownRequest).flatMap((c) => c.values), reports: checks };
}

/** Values grouped by rID, for the per-rID callbacks chosen at subscription time. */
export function valuesByRId(values: readonly ReportValue[]): Map<string, ReportValue[]> {
  const out = new Map<string, ReportValue[]>();
  for (const v of values) {
    const list = out.get(v.rId);
    if (list) list.push(v);
    else out.set(v.rId, [v]);
  }
  return out;
}
