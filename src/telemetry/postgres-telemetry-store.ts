// Telemetry in PostgreSQL (table vtn_telemetry, created by the store's migrations): several VTN instances share it.
// Appends are group-committed multi-row INSERTs; retention runs on a timer, on one instance at a time.
import pg from 'pg';
import { VtnError } from '../errors.js';
import { migrate } from '../store/postgres/migrate.js';
import { clientConfig, isConnectionError, unavailable } from '../store/postgres/pg-connection.js';
import { checkAggregateFn } from './aggregate-values.js';
import { checkQuery } from './check-query.js';
import { checkValues } from './check-values.js';
import { GroupCommit } from './group-commit.js';
import { retryRace } from './postgres/retry-race.js';
import { pruneTelemetry } from './postgres/telemetry-retention.js';
import { fromRow, toColumns, type TelemetryRow } from './postgres/telemetry-rows.js';
import { aggregateSql, APPEND_SQL, latestSql, querySql } from './postgres/telemetry-sql.js';
import { totalsSql, type TotalsRow } from './postgres/totals-sql.js';
import type { ReportValue } from './report-value.js';
import { seriesKey } from './series-index.js';
import { checkTotalsQuery } from './totals.js';
import {
  DEFAULT_MAX_AGE_MS, DEFAULT_MAX_PER_SERIES,
  type AggregateQuery, type RetentionOptions, type TelemetryQuery, type TelemetryStats, type TelemetryStore, type TotalsQuery, type TotalsResult,
} from './telemetry-store.js';

export interface PostgresTelemetryOptions extends RetentionOptions {
  /** The PostgreSQL store's open pool (`PostgresStore.pool`): shared, migrated already, left open by close(). */
  pool?: pg.Pool;
  /** Otherwise a database URL: the telemetry store opens a pool of its own and applies the migrations. */
  url?: string;
  /** Connections of an own pool. Default 4. */
  poolSize?: number;
  /** How often retention runs. Default 60 s. Between runs a series may hold more than maxPerSeries values. */
  retentionEveryMs?: number;
  /** Told about a failed retention run (the next run tries again). */
  onRetentionError?: (err: unknown) => void;
}

/** Values per INSERT: large enough to amortise the round trip, small enough to keep one statement short. */
const MAX_BATCH = 5_000;
/** Series this instance remembers storing (holdsSeries); beyond it the oldest remembered are forgotten. */
const MAX_KNOWN_SERIES = 100_000;
/** Held-until times are this much earlier than the age limit alone says: another instance's clock may run ahead. */
const CLOCK_MARGIN_MS = 60_000;

export class PostgresTelemetryStore implements TelemetryStore {
  readonly #opts: PostgresTelemetryOptions;
  readonly #maxAgeMs: number;
  readonly #maxPerSeries: number;
  readonly #now: () => Date;
  readonly #appends = new GroupCommit<ReportValue>({ write: (values) => this.#insert(values), maxItems: MAX_BATCH });
  #pool: pg.Pool | undefined;
  #ownsPool = false;
  #timer: NodeJS.Timeout | undefined;
  #pruning: Promise<unknown> | undefined;
  #statements = 0;
  /** seriesKey → until when it is certainly held: a value this instance stored at time t stays until t + maxAgeMs. */
  readonly #known = new Map<string, number>();

  constructor(opts: PostgresTelemetryOptions) {
    if (!opts.pool && !opts.url) throw new Error('PostgresTelemetryStore needs a pool or a url');
    this.#opts = opts;
    this.#maxAgeMs = opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#maxPerSeries = opts.maxPerSeries ?? DEFAULT_MAX_PER_SERIES;
    this.#now = opts.now ?? (() => new Date());
  }

  /** Uses the shared pool, or connects and applies pending migrations (a no-op when the store has applied them). */
  async open(): Promise<void> {
    if (this.#pool) return;
    this.#pool = this.#opts.pool ?? (await this.#ownPool(this.#opts.url!));
    this.#ownsPool = !this.#opts.pool;
    this.#timer = setInterval(() => void this.#scheduledPrune(), this.#opts.retentionEveryMs ?? 60_000);
    this.#timer.unref();
  }

  async #ownPool(url: string): Promise<pg.Pool> {
    const pool = new pg.Pool({ ...clientConfig(url), max: this.#opts.poolSize ?? 4 });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    try {
      await migrate(pool);
      return pool;
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err instanceof VtnError ? err : unavailable(url, err);
    }
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    if (!pool) return;
    clearInterval(this.#timer);
    await this.#appends.idle();
    await this.#pruning?.catch(() => undefined);
    this.#pool = undefined;
    if (this.#ownsPool) await pool.end();
  }

  #db(): pg.Pool {
    if (!this.#pool) throw new Error('PostgresTelemetryStore used before open() or after close()');
    return this.#pool;
  }

  /** A lost database is E_STORE_UNAVAILABLE, as for the PostgreSQL store; other errors pass unchanged. */
  #unavailable(err: unknown): unknown {
    if (!isConnectionError(err)) return err;
    const url = this.#opts.url ?? (this.#pool as { options?: { connectionString?: string } } | undefined)?.options?.connectionString ?? '';
    return unavailable(url, err);
  }

  /** Statements sent through #query (appends and reads; retention's not counted), since construction: a sizing figure. */
  get statements(): number {
    return this.#statements;
  }

  /** `name`: a fixed text on the hot path, prepared once per connection (parsed and planned once, not per call). */
  async #query<R extends pg.QueryResultRow>(text: string, values: unknown[] = [], name?: string): Promise<R[]> {
    this.#statements++;
    try {
      return (await this.#db().query<R>(name ? { name, text, values } : { text, values })).rows;
    } catch (err) {
      throw this.#unavailable(err);
    }
  }

  #cutoff(): Date {
    return new Date(this.#now().getTime() - this.#maxAgeMs);
  }

  /** Resolves once this call's values are committed, together with whatever other appends joined its batch. */
  async append(values: readonly ReportValue[]): Promise<void> {
    this.#db();
    if (values.length === 0) return;
    checkValues(values);
    await this.#appends.add(values);
  }

  async #insert(values: ReportValue[]): Promise<void> {
    const columns = toColumns(values);
    await retryRace(() => this.#query(APPEND_SQL, columns, 'vtn_telemetry_append'));
    this.#remember(values);
  }

  /**
   * Retention deletes a value only once it is older than maxAgeMs (count retention keeps each series' newest), so
   * a series holding a value of time t stays held until t + maxAgeMs on every instance sharing the retention
   * settings: no notice from them is needed.
   */
  #remember(values: readonly ReportValue[]): void {
    const now = this.#now().getTime();
    for (const v of values) {
      const until = v.time.getTime() + this.#maxAgeMs - CLOCK_MARGIN_MS;
      if (!(until > now)) continue;
      const key = seriesKey(v.venId, v.resourceId, v.measurement);
      const before = this.#known.get(key);
      if (before !== undefined && before >= until) continue;
      this.#known.delete(key); // re-inserted last: the least recently stored series are forgotten first
      this.#known.set(key, until);
    }
    for (const key of this.#known.keys()) {
      if (this.#known.size <= MAX_KNOWN_SERIES) break;
      this.#known.delete(key);
    }
  }

  async query(q: TelemetryQuery): Promise<ReportValue[]> {
    checkQuery(q);
    const sql = querySql(q, this.#cutoff());
    const rows = await this.#query<TelemetryRow>(sql.text, sql.values);
    if (sql.newestFirst) rows.reverse();
    return rows.map(fromRow);
  }

  async latest(venId: string, resourceId?: string, measurement?: string): Promise<ReportValue | undefined> {
    const sql = latestSql(venId, resourceId, measurement, this.#cutoff());
    const rows = await this.#query<TelemetryRow>(sql.text, sql.values);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async aggregate(q: AggregateQuery): Promise<number | undefined> {
    const { fn, ...filter } = q;
    checkAggregateFn(fn);
    checkQuery(filter);
    const sql = aggregateSql(filter, fn, this.#cutoff());
    const rows = await this.#query<{ x: number | null }>(sql.text, sql.values);
    return rows[0]?.x ?? undefined;
  }

  async totals(q: TotalsQuery): Promise<TotalsResult> {
    checkTotalsQuery(q);
    const sql = totalsSql(q, this.#cutoff());
    const rows = await this.#query<TotalsRow>(sql.text, sql.values);
    const first = rows[0];
    return {
      points: rows.map((r) => ({ time: new Date(q.from.getTime() + r.b * q.bucketMs), value: r.value, series: r.series })),
      ...(first?.unit != null ? { unit: first.unit } : {}),
      ...(first?.scale != null ? { scale: first.scale } : {}),
    };
  }

  async seriesOf(venId: string): Promise<ReadonlySet<string>> {
    const rows = await this.#query<{ resource_id: string; measurement: string }>(
      'SELECT resource_id, measurement FROM vtn_telemetry_series WHERE ven_id = $1 AND n > 0', [venId], 'vtn_telemetry_series_of');
    return new Set(rows.map((r) => seriesKey(venId, r.resource_id, r.measurement)));
  }

  /** From what this instance stored (see #remember); a series stored only by another instance reads as unknown. */
  holdsSeries(venId: string, keys: Iterable<string>): boolean {
    const now = this.#now().getTime();
    for (const key of keys) {
      const until = this.#known.get(key);
      if (until === undefined || until <= now || !key.startsWith(`${venId}\u0000`)) return false;
    }
    return true;
  }

  /** Waits for appends in flight, so what they stored is pruned too. */
  async prune(): Promise<void> {
    await this.#appends.idle();
    await this.#runPrune();
  }

  #runPrune(): Promise<unknown> {
    const run: Promise<unknown> = pruneTelemetry(this.#db(), { cutoff: this.#cutoff(), maxPerSeries: this.#maxPerSeries })
      .catch((err: unknown) => {
        throw this.#unavailable(err);
      })
      .finally(() => {
        if (this.#pruning === run) this.#pruning = undefined;
      });
    this.#pruning = run;
    return run;
  }

  /** The timer's run: skipped while another is going; a failure is reported, not thrown. */
  async #scheduledPrune(): Promise<void> {
    if (this.#pruning || !this.#pool) return;
    await this.#runPrune().catch((err: unknown) => this.#opts.onRetentionError?.(err));
  }

  async stats(): Promise<TelemetryStats> {
    const rows = await this.#query<TelemetryStats>(`
      SELECT count(*)::float8 AS series, coalesce(sum(n), 0)::float8 AS values,
        (pg_total_relation_size('vtn_telemetry') + pg_total_relation_size('vtn_telemetry_series'))::float8 AS "bytesOnDisk"
      FROM vtn_telemetry_series WHERE n > 0`);
    return rows[0]!;
  }
}
