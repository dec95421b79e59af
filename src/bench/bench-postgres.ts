// The PostgreSQL server the benchmark runs on: VTN_BENCH_DATABASE_URL (or VTN_TEST_DATABASE_URL) when given, else a
// throw-away cluster. Each state gets a database of its own on it, dropped at the end, so runs never mix.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactUrl, withClient } from '../store/postgres/pg-connection.js';
import { startCluster, type Cluster } from './pg-cluster.js';

export class BenchPostgres {
  readonly #serverUrl: string;
  readonly #cluster: Cluster | undefined;
  readonly #created: string[] = [];

  private constructor(serverUrl: string, cluster: Cluster | undefined) {
    this.#serverUrl = serverUrl;
    this.#cluster = cluster;
  }

  static async open(log: (line: string) => void): Promise<BenchPostgres> {
    const given = process.env.VTN_BENCH_DATABASE_URL || process.env.VTN_TEST_DATABASE_URL;
    if (given) {
      log(`PostgreSQL: using the server of ${redactUrl(given)} (a database per state is created there and dropped)`);
      const dropped = await dropLeftovers(given);
      if (dropped.length) log(`PostgreSQL: dropped ${dropped.length} database(s) an interrupted bench left behind: ${dropped.join(', ')}`);
      return new BenchPostgres(given, undefined);
    }
    const cluster = await startCluster(log);
    return new BenchPostgres(cluster.url, cluster);
  }

  /** A new, empty database; returns its URL. */
  async database(purpose: string): Promise<string> {
    const name = `vtn_bench_${purpose}_${Math.floor(Date.now() / 1000).toString(36)}_${randomBytes(4).toString('hex')}`;
    await this.#onServer((c) => c.query(`CREATE DATABASE ${name}`));
    this.#created.push(name);
    const url = new URL(this.#serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Runs one statement on a database made by database(). */
  async sql<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
    return this.#onServer(async (c) => (await c.query<R>(text)).rows, url);
  }

  /** Bytes of the VTN's tables with their indexes and TOAST (what the state costs on disk). */
  async stateBytes(url: string): Promise<number> {
    const rows = await this.sql<{ bytes: string | null }>(url, `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'vtn\\_%'`);
    return Number(rows[0]?.bytes ?? 0);
  }

  /** Rows in the record and index tables (for "rows per fan-out"). */
  async rowCounts(url: string): Promise<{ records: number; index: number }> {
    const rows = await this.sql<{ records: string; index: string }>(url, 'SELECT (SELECT count(*) FROM vtn_records)::text AS records, (SELECT count(*) FROM vtn_index)::text AS index');
    return { records: Number(rows[0]!.records), index: Number(rows[0]!.index) };
  }

  /** Drops the databases made here and stops a throw-away cluster. */
  async close(): Promise<void> {
    try {
      for (const name of this.#created.splice(0)) await this.#onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    } finally {
      this.#cluster?.stop();
    }
  }

  #onServer<T>(fn: (c: pg.Client) => Promise<T>, url = this.#serverUrl): Promise<T> {
    return withClient(url, fn);
  }
}

/** A bench database older than this with nobody connected is a leftover (a bench runs minutes, not hours). */
export const LEFTOVER_AGE_MS = 6 * 3600_000;

/**
 * The bench databases an interrupted run left (each holds a seeded fleet and slows the server's later runs): older
 * than maxAgeMs by the creation time in their name, or named before names had one, and with no session on them.
 */
export function leftoverDatabases(found: readonly { name: string; sessions: number }[], nowMs: number, maxAgeMs = LEFTOVER_AGE_MS): string[] {
  return found.filter(({ name, sessions }) => {
    if (sessions > 0) return false;
    const stamped = /^vtn_bench_[a-z0-9]+_([0-9a-z]+)_[0-9a-f]{8}$/.exec(name);
    if (stamped) return nowMs - parseInt(stamped[1]!, 36) * 1000 > maxAgeMs;
    return /^vtn_bench_[a-z0-9]+_[0-9a-f]{8}$/.test(name);
  }).map((f) => f.name);
}

async function dropLeftovers(serverUrl: string): Promise<string[]> {
  return withClient(serverUrl, async (c) => {
    const found = (await c.query<{ name: string; sessions: string }>(`SELECT d.datname AS name,
        (SELECT count(*) FROM pg_stat_activity a WHERE a.datname = d.datname)::text AS sessions
      FROM pg_database d WHERE d.datname LIKE 'vtn\\_bench\\_%'`)).rows;
    const names = leftoverDatabases(found.map((f) => ({ name: f.name, sessions: Number(f.sessions) })), Date.now());
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    return names;
  });
}
