// oadrUpdateReport: check each report against its request, store the values durably, then tell listeners.
import type { OadrMessage, OadrUpdateReport, OadrUpdatedReport } from '../../oadr/model.js';
import type { VtnContext } from '../context.js';
import { eiResponse } from '../replies.js';
import { ingestUpdateReport, type ReportCheck } from './ingest.js';
import { offersIn, saveOffers, subscriptions } from './report-records.js';
import { refusalOf } from './update-checks.js';
import { clipText } from '../../clip-text.js';
import { takePiggybackCancel } from './request-report.js';

export async function updateReport(ctx: VtnContext, msg: OadrUpdateReport): Promise<OadrMessage> {
  const venId = msg.venId!;
  const subs = subscriptions(ctx);
  const result = ingestUpdateReport(venId, msg.reports, (id) => subs.get(id));
  const metadata = result.reports.filter((r) => r.metadata);
  const offers = metadata.length ? offersIn(venId, msg.reports.filter((r) => r.reportName.startsWith('METADATA_'))) : [];
  const values = result.values.filter((v) => !metadata.some((m) => m.reportRequestId === v.reportRequestId));
  // 1. refused as a whole, before anything is stored
  const refusal = refusalOf(ctx, venId, result.reports, values, offers.length);
  if (refusal) {
    ctx.log.info({ venId, reports: result.reports.length, code: refusal.code, reason: refusal.reason }, 'report update refused; nothing stored');
    return { type: 'oadrUpdatedReport', response: eiResponse(refusal.code, msg.requestId, refusal.reason), venId };
  }
  // 2. durable before the reply (the telemetry store writes synchronously)
  if (metadata.length) saveOffers(ctx, venId, offers);
  if (values.length) ctx.telemetry.append(values);
  const flags = mismatchNotes(result.reports);
  ctx.log.info({ venId, reports: result.reports.length, values: values.length, flags }, 'report values received');
  if (flags.length) ctx.log.warn({ venId, flags }, 'report does not match its request');

  // 3. listeners: per-subscription callbacks, then the generic hooks
  const onError = (err: unknown, where: string) => ctx.log.error({ err, venId, where }, 'report listener failed');
  await ctx.reportCallbacks.deliver(values, (err, id) => onError(err, `callback of ${id}`));
  const byRequest = new Map<string, typeof values>();
  for (const v of values) byRequest.set(v.reportRequestId, [...(byRequest.get(v.reportRequestId) ?? []), v]);
  const onTelemetry = ctx.handlers.get('onTelemetry');
  for (const [reportRequestId, list] of byRequest) {
    try {
      await onTelemetry?.(list, { venId, reportRequestId, reportName: subs.get(reportRequestId)?.reportName ?? '' });
    } catch (err) {
      onError(err, 'onTelemetry');
    }
  }
  try {
    await (ctx.handlers.get('onUpdateReport') as ((m: OadrUpdateReport, venId: string) => unknown) | undefined)?.(msg, venId);
  } catch (err) {
    onError(err, 'onUpdateReport');
  }

  // 4. reply: missing rIDs are named
  const description = flags.length ? `accepted with mismatches: ${flags.join('; ')}` : 'OK';
  const reply: OadrUpdatedReport = { type: 'oadrUpdatedReport', response: eiResponse(200, msg.requestId, description), venId };
  const cancel = takePiggybackCancel(ctx, venId);
  if (cancel) reply.cancelReport = cancel;
  return reply;
}

function mismatchNotes(checks: readonly ReportCheck[]): string[] {
  const notes: string[] = [];
  for (const c of checks) {
    if (c.unknownRequest || c.metadata) continue;
    if (c.unexpectedRIds.length) notes.push(`report ${c.reportRequestId} has rIDs that were not requested: ${clipText(c.unexpectedRIds.join(', '), 256)}`);
    if (c.missingRIds.length) notes.push(`report ${c.reportRequestId} lacks requested rIDs: ${c.missingRIds.join(', ')}`);
  }
  return notes;
}
