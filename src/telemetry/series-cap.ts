// The per-VEN series cap (limits.seriesPerVen) for 2.0b updates and 3.1 reports alike: values may open new series
// only within the cap, and values for series the VEN already holds are never refused by it. The store is read
// only when it cannot tell, without reading, that every series of the values is held.
import type { ReportValue } from './report-value.js';
import { seriesKey } from './series-index.js';
import type { TelemetryStore } from './telemetry-store.js';

export interface SeriesOverCap {
  /** Series these values would open. */
  fresh: number;
  /** Series the VEN holds. */
  held: number;
}

/** What would go over `cap` if these values were stored, or undefined when they fit. */
export async function seriesOverCap(store: TelemetryStore, venId: string, values: readonly ReportValue[], cap: number): Promise<SeriesOverCap | undefined> {
  const keys = new Set(values.map((v) => seriesKey(v.venId, v.resourceId, v.measurement)));
  if (keys.size === 0 || store.holdsSeries(venId, keys)) return undefined;
  const held = await store.seriesOf(venId);
  let fresh = 0;
  for (const k of keys) if (!held.has(k)) fresh += 1;
  return fresh > 0 && held.size + fresh > cap ? { fresh, held: held.size } : undefined;
}
