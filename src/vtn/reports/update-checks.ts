// Why an oadrUpdateReport is refused as a whole, checked before any of its values or offers is stored.
// rIDs that were not requested are no reason: they are flagged and kept (requirements §5).
import { clipText } from '../../clip-text.js';
import { MAX_ABS_NUMBER } from '../../oadr/decode-limits.js';
import type { ReportValue } from '../../telemetry/report-value.js';
import { seriesOverCap } from '../../telemetry/series-cap.js';
import type { VtnContext } from '../context.js';
import type { ReportCheck } from './ingest.js';

export interface Refusal {
  code: number;
  reason: string;
}

export async function refusalOf(ctx: VtnContext, venId: string, checks: readonly ReportCheck[], values: readonly ReportValue[], offers: number): Promise<Refusal | undefined> {
  const unknown = checks.filter((c) => c.unknownRequest && !c.metadata).map((c) => c.reportRequestId);
  if (unknown.length) return { code: 452, reason: `unknown reportRequestID ${clipText(unknown.join(', '), 256)}; nothing of this update was stored` };
  const bad = values.find((v) => typeof v.value === 'number' && !(Math.abs(v.value) <= MAX_ABS_NUMBER));
  if (bad) return { code: 454, reason: `rID ${bad.rId} has the value ${String(bad.value)}, outside ±1e300; nothing of this update was stored` };
  const limits = ctx.settings.limits;
  if (offers > limits.offersPerVen) {
    return { code: 454, reason: `the metadata describes ${offers} data points; this VTN takes at most ${limits.offersPerVen} per VEN (limits.offersPerVen)` };
  }
  const over = await seriesOverCap(ctx.telemetry, venId, values, limits.seriesPerVen);
  if (over) {
    return { code: 469, reason: `these values would open ${over.fresh} new telemetry series beside ${over.held}; the VTN keeps at most ${limits.seriesPerVen} per VEN (limits.seriesPerVen)` };
  }
  return undefined;
}
