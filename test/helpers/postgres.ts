// A PostgreSQL database of its own for each test file, created on the server named by VTN_TEST_DATABASE_URL and
// dropped after the file. Without that URL the suite fails under CI (it must run there) and skips loudly elsewhere.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { withClient } from '../../src/store/postgres/pg-connection.js';

export const TEST_DATABASE_URL = process.env.VTN_TEST_DATABASE_URL || undefined;
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const MISSING = 'VTN_TEST_DATABASE_URL is not set: the PostgreSQL store tests need a server (.ci/start-postgres starts one and prints the URL)';

export interface TestDatabase {
  /** The URL of this file's database (valid inside tests and hooks). */
  readonly url: string;
  /** Empties every VTN table (the schema stays): for a clean state per test. */
  reset(): Promise<void>;
  /** Runs SQL as the test role on this file's database. */
  sql<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params?: unknown[]): Promise<R[]>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const onServer = <T>(fn: (client: pg.Client) => Promise<T>, url = TEST_DATABASE_URL!): Promise<T> => withClient(url, fn);

/** Registers the file's create/drop hooks and returns its database. */
function testDatabase(): TestDatabase {
  const name = `vtn_t_${randomBytes(6).toString('hex')}`;
  const url = withDatabase(TEST_DATABASE_URL!, name);
  beforeAll(() => onServer((c) => c.query(`CREATE DATABASE ${name}`)));
  // FORCE: a store a failed test left open must not keep the database alive.
  // An autovacuum worker on the database makes FORCE fail for a non-superuser: try again once it is gone, then leave it.
  afterAll(async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        return;
      } catch (err) {
        if (attempt >= 5) { console.warn(`test database ${name} left behind: ${(err as Error).message}`); return; }
        await new Promise((done) => setTimeout(done, 200 * attempt));
      }
    }
  });
  return {
    url,
    reset: () => onServer(async (c) => {
      const { rows } = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'vtn\\_%' AND tablename <> 'vtn_migrations'`);
      if (rows.length) await c.query(`TRUNCATE ${rows.map((r) => r.t).join(', ')}`);
    }, url),
    sql: (text, params) => onServer(async (c) => (await c.query(text, params)).rows, url),
  };
}

/**
 * `describe(name)` with a fresh database for the file when VTN_TEST_DATABASE_URL is set; otherwise a failing test
 * under CI=true, and locally a warning and describe.skip.
 */
export function describePostgres(name: string, fn: (db: TestDatabase) => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, () => fn(testDatabase()));
    return;
  }
  if (inCi) {
    describe(name, () => it('needs PostgreSQL under CI', () => { throw new Error(MISSING); }));
    return;
  }
  console.warn(`SKIPPED "${name}": ${MISSING}`);
  describe.skip(name, () => fn({ url: '', reset: async () => undefined, sql: async () => [] }));
}
