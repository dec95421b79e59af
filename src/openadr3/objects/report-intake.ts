// What happens to a VEN's report besides storing it: its values reach the telemetry store (the one 2.0b reports
// fill) and the onTelemetry hook (closed-loop rules), its OPERATING_STATE says opt-in/out. Bounded like 2.0b.
import { MAX_ABS_NUMBER } from '../../oadr/decode-limits.js';
import type { ReportValue } from '../../telemetry/report-value.js';
import { seriesOverCap } from '../../telemetry/series-cap.js';
import type { Vtn } from '../../vtn/vtn.js';
import { badRequest, conflict } from '../http/problem.js';
import { optOfReport, recordReportOpt } from './report-opt.js';
import type { ReportObject } from './report-records.js';

/** Refuses values the telemetry store must not take: out-of-range numbers, more series than limits.seriesPerVen. */
export async function checkReportValues(vtn: Vtn, venId: string, values: readonly ReportValue[]): Promise<void> {
  const huge = values.find((v) => typeof v.value === 'number' && !(Math.abs(v.value) <= MAX_ABS_NUMBER));
  if (huge) throw badRequest(`resource "${huge.resourceId}" payload ${huge.rId} has the value ${String(huge.value)}, outside ±1e300; nothing was stored`);
  const cap = vtn.ctx.settings.limits.seriesPerVen;
  const over = await seriesOverCap(vtn.ctx.telemetry, venId, values, cap);
  if (over) {
    throw conflict(`this report would open ${over.fresh} new telemetry series beside ${over.held}; the VTN keeps at most ${cap} per VEN (limits.seriesPerVen): report fewer resources or payload types`);
  }
}

/** After the report is stored: values to the telemetry store, then rules, then the opt it expresses. */
export async function takeInReport(vtn: Vtn, venId: string, report: ReportObject, values: ReportValue[]): Promise<void> {
  const ctx = vtn.ctx;
  if (values.length) await ctx.telemetry.append(values);
  ctx.log.info({ venId, reportID: report.id, values: values.length, via: 'openadr3' }, 'report values received');
  if (values.length) {
    try {
      await ctx.handlers.get('onTelemetry')?.(values, { venId, reportRequestId: report.id, reportName: report.reportName ?? 'OPENADR3_REPORT' });
    } catch (err) {
      ctx.log.error({ err, venId, where: 'onTelemetry' }, 'report listener failed');
    }
  }
  const opt = optOfReport(report);
  if (opt) await recordReportOpt(vtn, venId, report.eventID, opt);
}
