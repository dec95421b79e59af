// Turn report decisions into oadrReportRequests plus the subscription records the core persists.
import { clampGranularity } from './granularity.js';
import type { ChosenPoint, ReportCallback } from './handler-types.js';
import { makePlan, type BuildContext, type RequestPlan } from './make-plan.js';

export type { BuildContext, RequestPlan } from './make-plan.js';
export type { ReportSubscription, SubscribedPoint } from './report-subscription.js';
export { buildHistoryRequest, buildOneShotRequest, buildPeriodicRequest } from './on-demand-requests.js';

function groupChosen(chosen: readonly ChosenPoint[]): ChosenPoint[][] {
  const groups = new Map<string, ChosenPoint[]>();
  for (const c of chosen) {
    const key = `${c.offer.venId}\u0000${c.offer.reportSpecifierId}`;
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}

/** One periodic, open-ended request per report for the oadrRegisteredReport answering a registration. */
export function buildRegistrationRequests(chosen: readonly ChosenPoint[], ctx: BuildContext): RequestPlan[] {
  const taken = new Set<string>();
  return groupChosen(chosen).map((group) => {
    const offers = group.map((c) => c.offer);
    const notes: string[] = [];
    const wanted = Math.max(...group.map((c) => c.samplingMs));
    if (group.some((c) => c.samplingMs !== wanted)) {
      notes.push(`report ${offers[0]?.reportSpecifierId}: one granularity per request, using the longest sampling interval wanted (${wanted / 1000}s)`);
    }
    const clamp = clampGranularity(wanted, offers);
    if (clamp.note) notes.push(clamp.note);
    const reporting = group.flatMap((c) => (c.reportingMs === undefined ? [] : [c.reportingMs]));
    let reportBackMs = reporting.length > 0 ? Math.max(...reporting) : clamp.granularityMs;
    if (reportBackMs < clamp.granularityMs) {
      notes.push(`report ${offers[0]?.reportSpecifierId}: reporting interval raised to the granularity ${clamp.granularityMs / 1000}s`);
      reportBackMs = clamp.granularityMs;
    }
    const callbacks = new Map<string, ReportCallback>();
    for (const c of group) if (c.callback) callbacks.set(c.offer.rId, c.callback);
    return makePlan({
      offers, kind: 'periodic', granularityMs: clamp.granularityMs, reportBackMs,
      reportInterval: { dtstart: ctx.now, durationMs: 0 }, callbacks, notes,
    }, ctx, taken);
  });
}
