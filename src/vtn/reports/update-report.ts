// oadrUpdateReport: check each report against its request, store the values durably, then tell listeners.
import type { OadrMessage, OadrUpdateReport, OadrUpdatedReport } from '../../oadr/model.js';
import type { Work } from '../context.js';
import { eiResponse } from '../replies.js';
import { ingestUpdateReport, type ReportCheck, type ReportValue } from './ingest.js';
import { offersIn, saveOffers, subscriptions } from './report-records.js';
import { refusalOf } from './update-checks.js';
import { clipText } from '../../clip-text.js';
import { takePiggybackCancel } from './request-report.js';
import { acknowledge } from './report-fallback.js';

export async function updateReport(ctx: Work, msg: OadrUpdateReport): Promise<OadrMessage> {
  const venId = msg.venId!;
  const known = await subscriptions(ctx).getMany([...new Set(msg.reports.map((r) => r.reportRequestId))]);
  const result = ingestUpdateReport(venId, msg.reports, (id) => known.get(id));
  const metadata = result.reports.filter((r) => r.metadata);
  const offers = metadata.length ? offersIn(venId, msg.reports.filter((r) => r.reportName.startsWith('METADATA_'))) : [];
  const values = result.values.filter((v) => !metadata.some((m) => m.reportRequestId === v.reportRequestId));
  // 1. refused as a whole, before anything is stored
  const refusal = await refusalOf(ctx, venId, result.reports, values, offers.length);
  if (refusal) {
    ctx.log.info({ venId, reports: result.reports.length, code: refusal.code, reason: refusal.reason }, 'report update refused; nothing stored');
    return { type: 'oadrUpdatedReport', response: eiResponse(refusal.code, msg.requestId, refusal.reason), venId };
  }
  // 2. durable before the reply: offers commit with the unit, values right after it (never twice for a re-run unit)
  if (metadata.length) saveOffers(ctx, venId, offers);
  const flags = mismatchNotes(result.reports);
  // Values for a request acknowledge it, whether or not an oadrCreatedReport ever came (its re-sends stop).
  const answered = [...known.values()].filter((s) => s.venId === venId && s.state === 'requested').map((s) => s.reportRequestId);
  if (answered.length) await acknowledge(ctx, venId, answered, 'updateReport');
  const cancel = await takePiggybackCancel(ctx, venId);
  ctx.u.afterCommit(async () => {
    if (values.length) await ctx.telemetry.append(values);
    ctx.log.info({ venId, reports: result.reports.length, values: values.length, flags }, 'report values received');
    if (flags.length) ctx.log.warn({ venId, flags }, 'report does not match its request');
    await notifyListeners(ctx, msg, values, (id) => known.get(id)?.reportName ?? '');
  });

  // 3. reply: missing rIDs are named
  const description = flags.length ? `accepted with mismatches: ${flags.join('; ')}` : 'OK';
  const reply: OadrUpdatedReport = { type: 'oadrUpdatedReport', response: eiResponse(200, msg.requestId, description), venId };
  if (cancel) reply.cancelReport = cancel;
  return reply;
}

// Per-subscription callbacks, then the generic hooks; a listener's failure is logged, never the VEN's problem.
async function notifyListeners(ctx: Work, msg: OadrUpdateReport, values: ReportValue[], reportNameOf: (id: string) => string): Promise<void> {
  const venId = msg.venId!;
  const onError = (err: unknown, where: string) => ctx.log.error({ err, venId, where }, 'report listener failed');
  await ctx.reportCallbacks.deliver(values, (err, id) => onError(err, `callback of ${id}`));
  const byRequest = new Map<string, ReportValue[]>();
  for (const v of values) {
    const list = byRequest.get(v.reportRequestId);
    if (list) list.push(v);
    else byRequest.set(v.reportRequestId, [v]); // no copy per value: a long history report stays linear
  }
  const onTelemetry = ctx.handlers.get('onTelemetry');
  for (const [reportRequestId, list] of byRequest) {
    try {
      await onTelemetry?.(list, { venId, reportRequestId, reportName: reportNameOf(reportRequestId) });
    } catch (err) {
      onError(err, 'onTelemetry');
    }
  }
  try {
    await (ctx.handlers.get('onUpdateReport') as ((m: OadrUpdateReport, venId: string) => unknown) | undefined)?.(msg, venId);
  } catch (err) {
    onError(err, 'onUpdateReport');
  }
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
