// The telemetry value store contract: report values live here, never in the main state document.
import type { ReportValue } from './report-value.js';

export type { ReportValue } from './report-value.js';

/** Filters combine with AND; an absent filter matches everything. */
export interface TelemetryQuery {
  venId?: string;
  resourceId?: string;
  measurement?: string;
  rId?: string;
  /** Inclusive lower bound on value time. */
  from?: Date;
  /** Exclusive upper bound on value time. */
  to?: Date;
  /** Keep only the most recent `limit` matches (still returned oldest first). */
  limit?: number;
}

export type AggregateFn = 'sum' | 'avg' | 'min' | 'max' | 'count';

/** `count` counts every match; the others use numeric values only (status objects are skipped). */
export type AggregateQuery = TelemetryQuery & { fn: AggregateFn };

/** Totals over many series per time bucket (fleet, group or program plots): computed where the values are. */
export interface TotalsQuery {
  /** Only these VENs (a group or program); absent = every VEN. */
  venIds?: readonly string[];
  resourceId?: string;
  measurement?: string;
  rId?: string;
  /** Inclusive start of the first bucket. */
  from: Date;
  /** Exclusive end of the last bucket. */
  to: Date;
  /** Bucket width; (to − from) / bucketMs is at most MAX_TOTAL_BUCKETS. */
  bucketMs: number;
}

export interface TotalPoint {
  /** Start of the bucket. */
  time: Date;
  /** Each series' average of its numeric values in the bucket, added up: the fleet's draw, not the sum of samples. */
  value: number;
  /** Series that had a numeric value in the bucket. */
  series: number;
}

export interface TotalsResult {
  /** Buckets with at least one value, oldest first. */
  points: TotalPoint[];
  /** Unit and scale of a value seen (all series of one measurement share them). */
  unit?: string;
  scale?: string;
}

export interface TelemetryStats {
  /** Distinct (venId, resourceId, measurement) series held. */
  series: number;
  /** Values held; may include values past maxAgeMs until the next retention run (prune). */
  values: number;
  bytesOnDisk: number;
}

/** Every method is async: the PostgreSQL store answers over the network, the local ones at once. */
export interface TelemetryStore {
  /** Durable when it resolves: await it before replying oadrUpdatedReport. A bad value rejects the whole call, storing nothing. */
  append(values: readonly ReportValue[]): Promise<void>;
  /** Matching values ordered by time, oldest first; never values older than now − maxAgeMs. */
  query(q: TelemetryQuery): Promise<ReportValue[]>;
  /** The value with the latest time for the VEN (and resource/measurement when given). */
  latest(venId: string, resourceId?: string, measurement?: string): Promise<ReportValue | undefined>;
  /** undefined when nothing (numeric) matched. */
  aggregate(q: AggregateQuery): Promise<number | undefined>;
  /** Per-bucket totals across series; never returns the values themselves. */
  totals(q: TotalsQuery): Promise<TotalsResult>;
  /** Keys (seriesKey) of the series held for one VEN: the per-VEN series cap reads it. */
  seriesOf(venId: string): Promise<ReadonlySet<string>>;
  /**
   * True when the store knows without reading that the VEN holds every one of these series (seriesKey), so values
   * for them open none; false means "ask seriesOf". The per-VEN series cap asks this first on every update.
   */
  holdsSeries(venId: string, keys: Iterable<string>): boolean;
  /** Apply age and count retention now (every store also applies it by itself, at append or on a timer). */
  prune(): Promise<void>;
  open(): Promise<void>;
  close(): Promise<void>;
  stats(): Promise<TelemetryStats>;
}

export interface RetentionOptions {
  /** Drop values whose time is older than now − maxAgeMs. Default 7 days. */
  maxAgeMs?: number;
  /** Keep at most this many of the newest values per series. Default 100,000. */
  maxPerSeries?: number;
  now?: () => Date;
}

export const DEFAULT_MAX_AGE_MS = 7 * 86_400_000;
export const DEFAULT_MAX_PER_SERIES = 100_000;
