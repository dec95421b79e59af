// Per-bucket totals across series: each series' average within a bucket, added up over the series.
import { VtnError } from '../errors.js';
import type { ReportValue } from './report-value.js';
import type { TotalsQuery, TotalsResult } from './telemetry-store.js';

/** A plot needs no more; a wider request is refused rather than answered with a huge body. */
export const MAX_TOTAL_BUCKETS = 2000;

const validDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** Number of buckets of the query; throws E_TELEMETRY_QUERY with what to change. */
export function checkTotalsQuery(q: TotalsQuery): number {
  if (!validDate(q.from) || !validDate(q.to)) throw new VtnError('E_TELEMETRY_QUERY', 'totals need from and to as valid Dates', 'pass Date objects');
  if (!(Number.isFinite(q.bucketMs) && q.bucketMs >= 1000)) {
    throw new VtnError('E_TELEMETRY_QUERY', `totals bucketMs must be at least 1000, got ${String(q.bucketMs)}`);
  }
  const span = q.to.getTime() - q.from.getTime();
  if (span <= 0) throw new VtnError('E_TELEMETRY_QUERY', 'totals need from before to');
  const buckets = Math.ceil(span / q.bucketMs);
  if (buckets > MAX_TOTAL_BUCKETS) {
    throw new VtnError('E_TELEMETRY_QUERY', `totals over ${buckets} buckets`, `use a bucket of at least ${Math.ceil(span / MAX_TOTAL_BUCKETS)} ms or a shorter window (at most ${MAX_TOTAL_BUCKETS} buckets)`);
  }
  return buckets;
}

/** Adds series one at a time (their values in time order) and reads off the totals. */
export class TotalsAccumulator {
  readonly #from: number;
  readonly #bucketMs: number;
  readonly #sum: Float64Array;
  readonly #series: Uint32Array;
  #unit: string | undefined;
  #scale: string | undefined;
  #seen = false;

  constructor(q: TotalsQuery, buckets: number) {
    this.#from = q.from.getTime();
    this.#bucketMs = q.bucketMs;
    this.#sum = new Float64Array(buckets);
    this.#series = new Uint32Array(buckets);
  }

  /** One series' values within [from, to), oldest first. */
  addSeries(values: Iterable<ReportValue>): void {
    let bucket = -1;
    let sum = 0;
    let n = 0;
    const flush = () => {
      if (n === 0) return;
      this.#sum[bucket] = this.#sum[bucket]! + sum / n;
      this.#series[bucket] = this.#series[bucket]! + 1;
    };
    for (const v of values) {
      if (typeof v.value !== 'number') continue;
      if (!this.#seen) {
        this.#seen = true;
        this.#unit = v.unit;
        this.#scale = v.scale;
      }
      const b = Math.floor((v.time.getTime() - this.#from) / this.#bucketMs);
      if (b !== bucket) {
        flush();
        bucket = b;
        sum = 0;
        n = 0;
      }
      sum += v.value;
      n += 1;
    }
    flush();
  }

  result(): TotalsResult {
    const points = [];
    for (let b = 0; b < this.#sum.length; b += 1) {
      if (this.#series[b]! > 0) points.push({ time: new Date(this.#from + b * this.#bucketMs), value: this.#sum[b]!, series: this.#series[b]! });
    }
    return { points, ...(this.#unit !== undefined ? { unit: this.#unit } : {}), ...(this.#scale !== undefined ? { scale: this.#scale } : {}) };
  }
}
