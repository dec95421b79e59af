// In-memory index of retained values per (venId, resourceId, measurement), each series sorted by time.
import { aggregateValues, checkAggregateFn } from './aggregate-values.js';
import { checkQuery } from './check-query.js';
import type { ReportValue } from './report-value.js';
import type { AggregateQuery, TelemetryQuery, TotalsQuery, TotalsResult } from './telemetry-store.js';
import { checkTotalsQuery, TotalsAccumulator } from './totals.js';

/** A held value with its time in ms and, for the file store, the segment it was written to. */
export interface IndexEntry {
  t: number;
  value: ReportValue;
  segment?: string;
}

interface Series {
  venId: string;
  resourceId?: string;
  measurement?: string;
  entries: IndexEntry[];
}

export interface SeriesIndexOptions {
  maxAgeMs: number;
  maxPerSeries: number;
  now: () => Date;
  /** Told about every entry dropped by retention (the file store counts live values per segment). */
  onEvict?: (entry: IndexEntry) => void;
}

/** First index whose time is >= t (or > t when `after`). */
function bound(entries: readonly IndexEntry[], t: number, after = false): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const et = (entries[mid] as IndexEntry).t;
    if (et < t || (after && et === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The key of the series a value belongs to. */
export const seriesKey = (venId: string, resourceId?: string, measurement?: string): string => `${venId}\u0000${resourceId ?? ''}\u0000${measurement ?? ''}`;

export class SeriesIndex {
  readonly #series = new Map<string, Series>();
  // Series keys per VEN, so a per-VEN cap is checked without scanning every series.
  readonly #byVen = new Map<string, Set<string>>();
  readonly #opts: SeriesIndexOptions;
  #count = 0;

  constructor(opts: SeriesIndexOptions) {
    this.#opts = opts;
  }

  get seriesCount(): number {
    return this.#series.size;
  }

  get valueCount(): number {
    return this.#count;
  }

  cutoffMs(): number {
    return this.#opts.now().getTime() - this.#opts.maxAgeMs;
  }

  /** Hold a value unless it is already past retention; returns whether it is held. A batch passes one cutoff. */
  add(value: ReportValue, segment?: string, cutoff = this.cutoffMs()): boolean {
    const t = value.time.getTime();
    if (!Number.isFinite(t) || t < cutoff) return false;
    const key = seriesKey(value.venId, value.resourceId, value.measurement);
    let series = this.#series.get(key);
    if (!series) {
      series = { venId: value.venId, resourceId: value.resourceId, measurement: value.measurement, entries: [] };
      this.#series.set(key, series);
      const mine = this.#byVen.get(value.venId);
      if (mine) mine.add(key);
      else this.#byVen.set(value.venId, new Set([key]));
    }
    const entry: IndexEntry = segment === undefined ? { t, value } : { t, value, segment };
    const last = series.entries[series.entries.length - 1];
    // Telemetry mostly arrives in time order; history reports may not.
    if (!last || last.t <= t) series.entries.push(entry);
    else series.entries.splice(bound(series.entries, t, true), 0, entry);
    this.#count += 1;
    if (series.entries.length > this.#opts.maxPerSeries) {
      this.#evict(series, series.entries.length - this.#opts.maxPerSeries);
    }
    return true;
  }

  /** Drop every value older than the age cutoff. */
  pruneByAge(): void {
    const cutoff = this.cutoffMs();
    for (const [key, series] of this.#series) {
      this.#evict(series, bound(series.entries, cutoff));
      if (series.entries.length === 0) this.#dropSeries(key, series.venId);
    }
  }

  /** Keys of the series held for one VEN. */
  seriesOf(venId: string): ReadonlySet<string> {
    return this.#byVen.get(venId) ?? new Set();
  }

  #dropSeries(key: string, venId: string): void {
    this.#series.delete(key);
    const mine = this.#byVen.get(venId);
    mine?.delete(key);
    if (mine?.size === 0) this.#byVen.delete(venId);
  }

  #evict(series: Series, n: number): void {
    if (n <= 0) return;
    const dropped = series.entries.splice(0, n);
    this.#count -= dropped.length;
    if (this.#opts.onEvict) for (const e of dropped) this.#opts.onEvict(e);
  }

  /** Matching entries, unordered across series. */
  #collect(q: TelemetryQuery): IndexEntry[] {
    checkQuery(q);
    const from = Math.max(q.from?.getTime() ?? Number.NEGATIVE_INFINITY, this.cutoffMs());
    const to = q.to?.getTime() ?? Number.POSITIVE_INFINITY;
    const hits: IndexEntry[] = [];
    for (const s of this.#series.values()) {
      if (q.venId !== undefined && s.venId !== q.venId) continue;
      if (q.resourceId !== undefined && s.resourceId !== q.resourceId) continue;
      if (q.measurement !== undefined && s.measurement !== q.measurement) continue;
      const end = to === Number.POSITIVE_INFINITY ? s.entries.length : bound(s.entries, to);
      for (let i = bound(s.entries, from); i < end; i += 1) {
        const e = s.entries[i] as IndexEntry;
        if (q.rId === undefined || e.value.rId === q.rId) hits.push(e);
      }
    }
    return hits;
  }

  query(q: TelemetryQuery): ReportValue[] {
    const hits = this.#collect(q).sort((a, b) => a.t - b.t);
    const kept = q.limit !== undefined && hits.length > q.limit ? hits.slice(hits.length - q.limit) : hits;
    return kept.map((e) => e.value);
  }

  latest(venId: string, resourceId?: string, measurement?: string): ReportValue | undefined {
    let best: IndexEntry | undefined;
    for (const s of this.#series.values()) {
      if (s.venId !== venId) continue;
      if (resourceId !== undefined && s.resourceId !== resourceId) continue;
      if (measurement !== undefined && s.measurement !== measurement) continue;
      const last = s.entries[s.entries.length - 1];
      if (last && last.t >= this.cutoffMs() && (!best || last.t > best.t)) best = last;
    }
    return best?.value;
  }

  totals(q: TotalsQuery): TotalsResult {
    const acc = new TotalsAccumulator(q, checkTotalsQuery(q));
    const from = Math.max(q.from.getTime(), this.cutoffMs());
    const to = q.to.getTime();
    // A group's series are found through its VENs; the fleet walks every series once.
    const keys = q.venIds ? [...new Set(q.venIds)].flatMap((id) => [...this.seriesOf(id)]) : [...this.#series.keys()];
    for (const key of keys) {
      const s = this.#series.get(key);
      if (!s || (q.resourceId !== undefined && s.resourceId !== q.resourceId) || (q.measurement !== undefined && s.measurement !== q.measurement)) continue;
      const entries = s.entries.slice(bound(s.entries, from), bound(s.entries, to));
      acc.addSeries(entries.filter((e) => q.rId === undefined || e.value.rId === q.rId).map((e) => e.value));
    }
    return acc.result();
  }

  aggregate(q: AggregateQuery): number | undefined {
    const { fn, ...filter } = q;
    checkAggregateFn(fn);
    // Order only matters when a limit picks the most recent values.
    const values = filter.limit === undefined ? this.#collect(filter).map((e) => e.value) : this.query(filter);
    return aggregateValues(values, fn);
  }
}
