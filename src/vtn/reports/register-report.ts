// A VEN's oadrRegisterReport: remember its offers, ask the report decision, answer with the chosen requests.
import type { OadrMessage, OadrRegisterReport } from '../../oadr/model.js';
import type { VtnContext } from '../context.js';
import { eiResponse, errorReply } from '../replies.js';
import { buildRegistrationRequests } from './build-requests.js';
import { decideCompact, decideFull } from './decide-reports.js';
import type { ChosenPoint, OnRegisterReport, OnRegisterReportFull } from './handler-types.js';
import { saveOffers, subscriptions, subscriptionsOf, updateSubscription } from './report-records.js';

export async function registerReport(ctx: VtnContext, msg: OadrRegisterReport): Promise<OadrMessage> {
  const venId = msg.venId!;
  const now = ctx.now();
  const offers = saveOffers(ctx, venId, msg.reports.filter((r) => r.reportName.startsWith('METADATA_') || r.descriptions.length > 0));
  // A new registration replaces what the VEN offered before: requests made against the old offers end.
  for (const old of subscriptionsOf(ctx, venId)) {
    if (old.state !== 'cancelled' && old.kind !== 'history' && old.kind !== 'oneShot') {
      updateSubscription(ctx, old.reportRequestId, { state: 'cancelled', cancelledAt: now.toISOString() });
      ctx.reportCallbacks.delete(old.reportRequestId);
    }
  }

  let chosen: ChosenPoint[];
  try {
    chosen = await decide(ctx, offers);
  } catch (err) {
    ctx.log.error({ err, venId }, 'report decision failed; no reports requested');
    return errorReply(msg.type, 469, 'the VTN could not decide which reports to request; it will ask later', { requestId: msg.requestId, venId, vtnId: ctx.settings.vtnId });
  }
  const subs = subscriptions(ctx);
  const plans = buildRegistrationRequests(chosen, { now, newId: ctx.newId, isIdTaken: (id) => subs.has(id) });
  for (const plan of plans) {
    subs.put(plan.subscription.reportRequestId, plan.subscription);
    ctx.reportCallbacks.set(plan.subscription.reportRequestId, plan.callbacks);
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
