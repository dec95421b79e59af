// The read side the local telemetry stores share: queries answered from the in-memory series index.
import type { ReportValue } from './report-value.js';
import type { SeriesIndex } from './series-index.js';
import type { AggregateQuery, TelemetryQuery, TotalsQuery, TotalsResult } from './telemetry-store.js';

export abstract class IndexedTelemetryStore {
  /** The index holding every retained value (a file store swaps it when it reloads). */
  protected abstract get index(): SeriesIndex;

  async query(q: TelemetryQuery): Promise<ReportValue[]> {
    return this.index.query(q);
  }

  async latest(venId: string, resourceId?: string, measurement?: string): Promise<ReportValue | undefined> {
    return this.index.latest(venId, resourceId, measurement);
  }

  async aggregate(q: AggregateQuery): Promise<number | undefined> {
    return this.index.aggregate(q);
  }

  async totals(q: TotalsQuery): Promise<TotalsResult> {
    return this.index.totals(q);
  }

  /** A copy: the caller reads it after an await, while appends may change the index. */
  async seriesOf(venId: string): Promise<ReadonlySet<string>> {
    return new Set(this.index.seriesOf(venId));
  }

  /** Exact: the index holds every series. */
  holdsSeries(venId: string, keys: Iterable<string>): boolean {
    const held = this.index.seriesOf(venId);
    for (const k of keys) if (!held.has(k)) return false;
    return true;
  }

  /** Count retention is applied at append; age retention here and by the stores' own schedule. */
  async prune(): Promise<void> {
    this.index.pruneByAge();
  }
}
