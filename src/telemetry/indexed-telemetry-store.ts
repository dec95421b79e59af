// The read side every telemetry store shares: queries answered from the in-memory series index.
import type { ReportValue } from './report-value.js';
import type { SeriesIndex } from './series-index.js';
import type { AggregateQuery, TelemetryQuery } from './telemetry-store.js';

export abstract class IndexedTelemetryStore {
  /** The index holding every retained value (a file store swaps it when it reloads). */
  protected abstract get index(): SeriesIndex;

  query(q: TelemetryQuery): ReportValue[] {
    return this.index.query(q);
  }

  latest(venId: string, resourceId?: string, measurement?: string): ReportValue | undefined {
    return this.index.latest(venId, resourceId, measurement);
  }

  aggregate(q: AggregateQuery): number | undefined {
    return this.index.aggregate(q);
  }

  seriesOf(venId: string): ReadonlySet<string> {
    return this.index.seriesOf(venId);
  }
}
