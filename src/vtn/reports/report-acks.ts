// The VEN's acknowledgements: oadrCreatedReport and oadrCanceledReport (pendingReports), oadrRegisteredReport.
import type { OadrCanceledReport, OadrCreatedReport, OadrMessage, OadrRegisteredReport } from '../../oadr/model.js';
import type { Work } from '../context.js';
import { eiResponse, okResponse } from '../replies.js';
import { subscriptions, subscriptionsOf, updateSubscription } from './report-records.js';
import { acknowledge } from './report-fallback.js';

/** pendingReports lists the requests the VEN is working on: those become `created`. Unknown ids → 452. */
export async function createdReport(ctx: Work, msg: OadrCreatedReport): Promise<OadrMessage> {
  const venId = msg.venId!;
  const found = await subscriptions(ctx).getMany(msg.pendingReports);
  const unknown = msg.pendingReports.filter((id) => found.get(id)?.venId !== venId);
  await acknowledge(ctx, venId, msg.pendingReports, 'createdReport');
  ctx.log.info({ venId, pending: msg.pendingReports, unknown, code: msg.response.responseCode }, 'VEN acknowledged report requests');
  try {
    await ctx.handlers.get('onCreatedReport')?.({ venId, pendingReports: msg.pendingReports });
  } catch (err) {
    ctx.log.error({ err, venId }, 'onCreatedReport handler failed');
  }
  return unknown.length
    ? { type: 'oadrResponse', response: eiResponse(452, msg.response.requestId, `unknown reportRequestID ${unknown.join(', ')}`), venId }
    : okResponse(msg.response.requestId, venId);
}

/** After a cancel, requests not in pendingReports are finished (a cancelled one may still send a last report). */
export async function canceledReport(ctx: Work, msg: OadrCanceledReport): Promise<OadrMessage> {
  const venId = msg.venId!;
  const pending = new Set(msg.pendingReports);
  const at = ctx.now().toISOString();
  for (const sub of await subscriptionsOf(ctx, venId)) {
    if (sub.state === 'cancelled' && !pending.has(sub.reportRequestId) && !sub.cancelledAt) await updateSubscription(ctx, sub.reportRequestId, { cancelledAt: at });
  }
  ctx.log.info({ venId, pending: msg.pendingReports, code: msg.response.responseCode }, 'VEN acknowledged report cancellation');
  return okResponse(msg.response.requestId, venId);
}

export function registeredReport(ctx: Work, msg: OadrRegisteredReport): OadrMessage {
  const venId = msg.venId;
  if (msg.reportRequests.length) {
    // The VTN registered no reports of its own, so a VEN cannot ask for any.
    ctx.log.warn({ venId, requests: msg.reportRequests.map((r) => r.reportRequestId) }, 'VEN requested VTN reports; the VTN offers none');
  }
  ctx.log.info({ venId, code: msg.response.responseCode }, 'VEN acknowledged the VTN report registration');
  return okResponse(msg.response.requestId, venId);
}
