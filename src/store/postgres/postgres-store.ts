// The Store on PostgreSQL, for several VTN instances on one database: units read through a pooled connection with
// a value cache, commit as one transaction with conditional writes, and tell the other instances via NOTIFY.
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { VtnError } from '../../errors.js';
import type { ChangeNotice } from '../store.js';
import { consoleStoreLogger, type StoreLogger } from '../store-logger.js';
import { UnitStore } from '../unit/unit-store.js';
import type { PendingWrite } from '../unit/row-source.js';
import { BY_VEN_INDEX, BY_VEN_KEY } from '../unit/ven-rows.js';
import { AdvisoryLocks } from './advisory-locks.js';
import { ChangeListener } from './change-listener.js';
import { migrate } from './migrate.js';
import { CHANNEL, encodeNotice } from './notice-channel.js';
import { NOTICE_AFTER_COMMIT, NoticeSender } from './notice-sender.js';
import { commitGroup, commitTransaction, type Committed, type GroupedUnit } from './pg-commit.js';
import { GroupRunner } from './group-runner.js';
import { clientConfig, isConnectionError, redactUrl, unavailable } from './pg-connection.js';
import { PgRowSource, type Query } from './pg-row-source.js';
import { ValueCache, type CacheStats } from './value-cache.js';
import { VenRowsCache, type VenRowsCacheStats } from './ven-rows-cache.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  logger?: StoreLogger;
  /** Pooled connections for units (default 10); the LISTEN and lock sessions come on top. */
  poolSize?: number;
  /** Parsed records kept by (collection, key, version) (default 10,000; 0 = off). */
  cacheEntries?: number;
  /**
   * ms a VEN's prefetched rows are reused by its next messages on this instance (default 10,000; 0 = off): kept
   * current by this instance's commits and the other instances' change notices, bounded by this for a lost notice.
   */
  venRowsCacheMs?: number;
  /** VENs whose rows are kept (default 20,000). */
  venRowsCacheEntries?: number;
  /** The clock of the VEN-rows bound (tests). */
  now?: () => number;
}

export interface PostgresStoreStats {
  /** Statements sent through the pool (reads, commits and change notices), since open. */
  queries: number;
  /** Of those, the change-notice statements sent after commits (notice-sender.ts). */
  notices: number;
  cache: CacheStats;
  venRows: VenRowsCacheStats;
}

export class PostgresStore extends UnitStore {
  readonly kind = 'postgres' as const;
  /** Names this instance in its change notices, so it skips its own. */
  readonly instanceId = randomUUID();
  readonly #url: string;
  readonly #logger: StoreLogger;
  readonly #poolSize: number;
  readonly #cache: ValueCache;
  readonly #venRows: VenRowsCache;
  #pool: pg.Pool | undefined;
  #source: PgRowSource | undefined;
  #listener: ChangeListener | undefined;
  #locks: AdvisoryLocks | undefined;
  #notices: NoticeSender | undefined;
  #opening: Promise<void> | undefined;
  #queries = 0;
  /** Small units reaching commit together go as one statement (group commit; see GROUP_* below). */
  readonly #groups = new GroupRunner<GroupedUnit, void>((units) => this.#commitGroup(units), {
    maxItems: GROUP_UNITS, maxInFlight: 1, weight: (u) => u.writes.length, maxWeight: GROUP_WRITES,
    keys: (u) => u.writes.map((w) => `${w.collection}\u0000${w.key}`), // disjoint within a group: commitGroup's fast path
  });

  constructor(options: PostgresStoreOptions) {
    super();
    if (typeof options?.url !== 'string' || options.url === '') {
      throw new VtnError('E_CONFIG', 'PostgresStore needs a url (postgres://user:password@host:port/database)', 'set store.url in the config or VTN_DATABASE_URL');
    }
    this.#url = options.url;
    this.#logger = options.logger ?? consoleStoreLogger;
    this.#poolSize = options.poolSize ?? 10;
    const venRowsCacheMs = options.venRowsCacheMs ?? 10_000;
    // With the VEN-rows cache on, a VEN's own records (not the events it shares) are held there, not here too.
    this.#cache = new ValueCache(options.cacheEntries ?? 10_000, venRowsCacheMs > 0 ? VEN_OWN_COLLECTIONS : new Set());
    this.#venRows = new VenRowsCache({ maxMs: venRowsCacheMs, maxEntries: options.venRowsCacheEntries ?? 20_000, ...(options.now ? { now: options.now } : {}) });
  }

  /** The open pool: other PostgreSQL-backed parts (the telemetry store) share it. Throws before open(). */
  get pool(): pg.Pool {
    if (!this.#pool) throw new Error('PostgresStore is not open');
    return this.#pool;
  }

  protected get source(): PgRowSource {
    if (!this.#source) throw new Error('PostgresStore is not open: call open() first');
    return this.#source;
  }

  isReady(): boolean {
    return this.#source !== undefined;
  }

  open(): Promise<void> {
    this.#opening ??= this.#connect().catch((err: unknown) => {
      this.#opening = undefined;
      throw err;
    });
    return this.#opening;
  }

  async flush(): Promise<void> {
    // Every commit is durable in PostgreSQL already.
  }

  async close(): Promise<void> {
    await this.#opening?.catch(() => undefined);
    this.#opening = undefined;
    this.#source = undefined;
    await this.#notices?.flush();
    const pool = this.#pool;
    this.#pool = undefined;
    await Promise.all([this.#listener?.stop(), this.#locks?.close()]);
    await pool?.end();
  }

  holdsLock(name: string): Promise<boolean> {
    return this.#locks && this.isReady() ? this.#locks.holds(name) : Promise.resolve(false);
  }

  stats(): PostgresStoreStats {
    return { queries: this.#queries, notices: this.#notices?.statements ?? 0, cache: this.#cache.stats(), venRows: this.#venRows.stats() };
  }

  /** Resolves when the change notices of the commits so far were sent. */
  noticesSent(): Promise<void> {
    return this.#notices?.flush() ?? Promise.resolve();
  }

  /** For tests of failover and reconnection: the server pids of the LISTEN and lock sessions. */
  async sessionPids(): Promise<{ listen: number | undefined; lock: number | undefined }> {
    return { listen: await this.#listener?.backendPid(), lock: await this.#locks?.backendPid() };
  }

  protected async commitWrites(writes: PendingWrite[], notice: ChangeNotice): Promise<void> {
    try {
      await this.#commitAndNotify(writes, notice);
    } catch (err) {
      // Lost a race (or failed): what this unit read of these VENs may be stale, so its re-run reads the database.
      this.#venRows.lost(writes, notice.venIds);
      throw err;
    }
  }

  async #commitAndNotify(writes: PendingWrite[], notice: ChangeNotice): Promise<void> {
    // Only hot collections (a fan-out's deliveries, presence): the notice follows the commit instead of holding
    // the notify lock through it (notice-sender.ts). Anything else keeps its notice inside the commit.
    const after = writes.every((w) => NOTICE_AFTER_COMMIT.has(w.collection));
    if (writes.length === 0 || after) {
      if (writes.length) await this.#commit(writes, undefined);
      this.#notices!.send(notice);
      return;
    }
    await this.#commit(writes, encodeNotice(this.instanceId, notice));
  }

  #commit(writes: PendingWrite[], payload: string | undefined): Promise<void> {
    return writes.length <= GROUPED_UNIT_WRITES ? this.#groups.submit({ writes, payload }) : this.#commitAlone(writes, payload);
  }

  /** One statement for the group; each unit's answer is its own (a unit that lost a race re-runs, the others committed). */
  async #commitGroup(units: GroupedUnit[]): Promise<(Error | undefined)[]> {
    const outs = await commitGroup(this.#querier(this.pool), units, CHANNEL);
    return outs.map((out) => (out instanceof Error ? out : this.#committed(out)));
  }

  /** What a commit left, into this instance's caches (in commit order). */
  #committed(committed: Committed[]): undefined {
    this.#venRows.apply(committed);
    for (const { write, version } of committed) {
      if (version === undefined) this.#cache.drop(write.collection, write.key);
      else this.#cache.set(write.collection, write.key, version, write.value, false);
    }
    return undefined;
  }

  async #commitAlone(writes: PendingWrite[], payload: string | undefined): Promise<void> {
    // A connection of our own, not pool.query: that one discards the connection on any error, a lost race included.
    const client = await this.pool.connect().catch((err: unknown) => { throw unavailable(this.#url, err); });
    let broken: Error | undefined;
    try {
      this.#committed(await commitTransaction(this.#querier(client), writes, { channel: CHANNEL, payload }));
    } catch (err) {
      // A connection that failed mid-statement is discarded, not handed to the next unit.
      if (err instanceof VtnError && err.code === 'E_STORE_UNAVAILABLE') broken = err;
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async #connect(): Promise<void> {
    const pool = new pg.Pool({ ...clientConfig(this.#url), max: this.#poolSize });
    // An idle pooled connection that dies is replaced on next use; without a listener the error would crash the process.
    pool.on('error', (err) => this.#logger.warn(`PostgreSQL connection lost (${redactUrl(this.#url)}): ${err.message}`));
    const listener = new ChangeListener(this.#url, this.instanceId, (n) => {
      this.#venRows.forget(n);
      this.emit(n);
    }, this.#logger);
    try {
      const { applied, schemaVersion } = await migrate(pool);
      await listener.start();
      this.#logger.info(`PostgreSQL store at ${redactUrl(this.#url)}: schema version ${schemaVersion}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);
    } catch (err) {
      await listener.stop();
      await pool.end().catch(() => undefined);
      throw err instanceof VtnError ? err : unavailable(this.#url, err);
    }
    this.#pool = pool;
    this.#listener = listener;
    this.#locks = new AdvisoryLocks(this.#url, this.#logger);
    this.#notices = new NoticeSender(this.#querier(pool), this.instanceId, this.#logger);
    this.#venRows.clear();
    this.#source = new PgRowSource(this.#querier(pool), this.#cache, this.#venRows);
  }

  /** Queries on `on` (the pool, or one connection for a transaction), counted: round trips are a sizing figure. */
  #querier(on: pg.Pool | pg.PoolClient): Query {
    return async <R>(sql: string, params: unknown[]) => {
      this.#queries++;
      try {
        return (await on.query({ name: statementName(sql), text: sql, values: params })).rows as R[];
      } catch (err) {
        // A stable code for "the database went away" (a refused statement keeps its own error).
        throw isConnectionError(err) ? unavailable(this.#url, err) : err;
      }
    };
  }
}

/**
 * Group commit: units of at most GROUPED_UNIT_WRITES writes that reach commit in the same event-loop turn, or
 * while the group before is in flight, are committed by one statement (at most GROUP_UNITS units, GROUP_WRITES
 * writes, no key in two of its units): one round trip, one transaction, one WAL flush for them all, each unit
 * judged alone (pg-commit.ts). One group in flight at a time: two groups could lock each other's rows (and two
 * in flight measured no faster on the push fan-out: the groups only got smaller).
 * GROUP_UNITS stays under the 64 subtransactions a PostgreSQL session tracks before other sessions' snapshots slow.
 * Bigger units commit alone on a connection of their own, as before.
 */
const GROUPED_UNIT_WRITES = 64;
const GROUP_UNITS = 32;
const GROUP_WRITES = 512;

/** A VEN's rows (ven-rows.ts) but the events many VENs share. */
const VEN_OWN_COLLECTIONS: ReadonlySet<string> = new Set<string>([...BY_VEN_KEY, ...BY_VEN_INDEX].filter((c) => c !== 'events'));

const names = new Map<string, string>();
/**
 * Every statement is a named prepared statement (per connection, by a hash of its text): PostgreSQL parses it once
 * per connection instead of on every call, and may keep its plan. Statement texts are a fixed set, so few names.
 */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) names.set(sql, (name = `vtn_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return name;
}
