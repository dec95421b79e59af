// Telemetry held in memory only: for tests and for deployments that need no history across restarts.
import { checkValues } from './check-values.js';
import type { ReportValue } from './report-value.js';
import { IndexedTelemetryStore } from './indexed-telemetry-store.js';
import { SeriesIndex } from './series-index.js';
import {
  DEFAULT_MAX_AGE_MS, DEFAULT_MAX_PER_SERIES,
  type RetentionOptions, type TelemetryStats, type TelemetryStore,
} from './telemetry-store.js';

export class MemoryTelemetryStore extends IndexedTelemetryStore implements TelemetryStore {
  readonly #index: SeriesIndex;

  constructor(opts: RetentionOptions = {}) {
    super();
    this.#index = new SeriesIndex({
      maxAgeMs: opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
      maxPerSeries: opts.maxPerSeries ?? DEFAULT_MAX_PER_SERIES,
      now: opts.now ?? (() => new Date()),
    });
  }

  protected get index(): SeriesIndex {
    return this.#index;
  }

  async open(): Promise<void> {}

  async close(): Promise<void> {}

  async append(values: readonly ReportValue[]): Promise<void> {
    checkValues(values);
    const cutoff = this.#index.cutoffMs();
    for (const v of values) this.#index.add(v, undefined, cutoff);
    this.#index.pruneByAge();
  }

  async stats(): Promise<TelemetryStats> {
    return { series: this.#index.seriesCount, values: this.#index.valueCount, bytesOnDisk: 0 };
  }
}
