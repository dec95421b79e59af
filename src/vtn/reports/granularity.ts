// Fit a wanted sampling interval into the VEN's advertised [min, max] sampling period.
import type { ReportOffer } from './offers.js';

export interface ClampResult {
  granularityMs: number;
  /** Why the wanted value was changed; absent when it was kept. */
  note?: string;
}

const fmt = (ms: number): string => `${ms / 1000}s`;

/** The tightest bounds over several offers; a max of 0 or below the min counts as "no upper bound". */
export function samplingBounds(offers: readonly ReportOffer[]): { min: number; max: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const o of offers) {
    const lo = o.minSamplingMs !== undefined && o.minSamplingMs > 0 ? o.minSamplingMs : 0;
    min = Math.max(min, lo);
    if (o.maxSamplingMs !== undefined && o.maxSamplingMs > 0 && o.maxSamplingMs >= lo) max = Math.min(max, o.maxSamplingMs);
  }
  return { min, max };
}

/** Never below the VEN's min sampling period (requirement §5); above the max only when bounds conflict. */
export function clampGranularity(wantedMs: number, offers: readonly ReportOffer[]): ClampResult {
  const { min, max } = samplingBounds(offers);
  const where = offers.length === 1 ? `rID ${offers[0]?.rId}` : `rIDs ${offers.map((o) => o.rId).join(', ')}`;
  if (wantedMs < min) {
    return { granularityMs: min, note: `${where}: sampling ${fmt(wantedMs)} raised to the VEN's min sampling period ${fmt(min)}` };
  }
  if (wantedMs > max) {
    if (max < min) {
      return { granularityMs: min, note: `${where}: sampling periods conflict (min ${fmt(min)} > max ${fmt(max)}); using ${fmt(min)}` };
    }
    return { granularityMs: max, note: `${where}: sampling ${fmt(wantedMs)} lowered to the VEN's max sampling period ${fmt(max)}` };
  }
  return { granularityMs: wantedMs };
}
