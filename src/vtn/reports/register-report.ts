// A VEN's oadrRegisterReport: decide on its offers, check the caps, then replace its offers and subscriptions at once.
import type { OadrMessage, OadrRegisterReport } from '../../oadr/model.js';
import type { VtnContext, Work } from '../context.js';
import { eiResponse, errorReply } from '../replies.js';
import { dropRetries, noteSent } from './report-fallback.js';
import { buildRegistrationRequests } from './build-requests.js';
import { decideCompact, decideFull } from './decide-reports.js';
import type { ChosenPoint, OnRegisterReport, OnRegisterReportFull } from './handler-types.js';
import {
  dropSubscriptions, offersIn, outlivesReRegistration, saveOffers, seriesCount, subscriptions, subscriptionsOf,
} from './report-records.js';

export async function registerReport(ctx: Work, msg: OadrRegisterReport): Promise<OadrMessage> {
  const venId = msg.venId!;
  const now = ctx.now();
  const limits = ctx.settings.limits;
  const refuse = (code: number, reason: string) => errorReply(msg.type, code, reason, { requestId: msg.requestId, venId, vtnId: ctx.settings.vtnId });
  // 1. check everything; nothing is stored until all checks passed
  const offers = offersIn(venId, msg.reports);
  if (offers.length > limits.offersPerVen) {
    return refuse(454, `the registration describes ${offers.length} data points; this VTN takes at most ${limits.offersPerVen} per VEN (limits.offersPerVen): offer fewer rIDs`);
  }
  let chosen: ChosenPoint[];
  try {
    chosen = await decide(ctx, offers);
  } catch (err) {
    ctx.log.error({ err, venId }, 'report decision failed; no reports requested');
    return refuse(469, 'the VTN could not decide which reports to request; it will ask later');
  }
  const subs = subscriptions(ctx);
  // Ids come from newId (UUIDs); create() below refuses a clash with a stored request.
  const plans = buildRegistrationRequests(chosen, { now, newId: ctx.newId });
  const kept = (await subscriptionsOf(ctx, venId)).filter(outlivesReRegistration);
  if (kept.length + plans.length > limits.subscriptionsPerVen) {
    return refuse(469, `this registration would hold ${kept.length + plans.length} report requests for the VEN; the VTN keeps at most ${limits.subscriptionsPerVen} (limits.subscriptionsPerVen): offer fewer reports`);
  }
  const series = seriesCount([...kept, ...plans.map((p) => p.subscription)]);
  if (series > limits.seriesPerVen) {
    return refuse(469, `the requested reports would fill ${series} telemetry series; the VTN keeps at most ${limits.seriesPerVen} per VEN (limits.seriesPerVen): offer fewer resources or measurements`);
  }

  // 2. apply: the new registration replaces the old offers and the requests made against them
  // Their re-sends go with them: a VEN repeating oadrRegisterReport must not pile up queued oadrCreateReports.
  const superseded = (await subscriptionsOf(ctx, venId)).filter((s) => !outlivesReRegistration(s)).map((s) => s.reportRequestId);
  await dropSubscriptions(ctx, venId, (s) => !outlivesReRegistration(s));
  await dropRetries(ctx, venId, new Set(superseded));
  saveOffers(ctx, venId, offers);
  // Counted as sent in the oadrRegisteredReport; unacknowledged, they go out again as oadrCreateReport (report-fallback.ts).
  const sent = plans.length ? await noteSent(ctx, venId, plans.map((p) => p.subscription), 'registeredReport') : [];
  for (const [i, plan] of plans.entries()) {
    subs.create(plan.subscription.reportRequestId, sent[i]!);
    ctx.u.afterCommit(() => ctx.reportCallbacks.set(plan.subscription.reportRequestId, plan.callbacks));
    for (const note of plan.notes) ctx.log.warn({ venId, reportRequestId: plan.subscription.reportRequestId }, note);
  }
  ctx.log.info({
    venId, reportsOffered: new Set(offers.map((o) => o.reportSpecifierId)).size, pointsOffered: offers.length,
    requests: plans.map((p) => ({ reportRequestId: p.subscription.reportRequestId, report: p.subscription.reportName, rIds: p.subscription.rIds.length, granularityMs: p.subscription.granularityMs })),
  }, 'VEN reports registered');
  return {
    type: 'oadrRegisteredReport',
    response: eiResponse(200, msg.requestId, 'OK'),
    reportRequests: plans.map((p) => p.request),
    venId,
  };
}

async function decide(ctx: VtnContext, offers: Parameters<typeof decideCompact>[0]): Promise<ChosenPoint[]> {
  const full = ctx.handlers.get('onRegisterReportFull') as OnRegisterReportFull | undefined;
  if (full) return decideFull(offers, full);
  const compact = ctx.handlers.get('onRegisterReport') as OnRegisterReport | undefined;
  if (compact) return decideCompact(offers, compact);
  return [];
}
