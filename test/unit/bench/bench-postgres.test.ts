// The bench's PostgreSQL: a database per state on the given server (dropped at close), its size and rows, and the
// throw-away cluster the bench starts when no URL is given (loopback, temporary folder, removed at stop).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { BenchPostgres, LEFTOVER_AGE_MS, leftoverDatabases } from '../../../src/bench/bench-postgres.js';
import { withClient } from '../../../src/store/postgres/pg-connection.js';
import { newState, stateBytes } from '../../../src/bench/bench-state.js';
import { startCluster } from '../../../src/bench/pg-cluster.js';
import { seedState } from '../../../src/bench/seed-state.js';
import { describePostgres, TEST_DATABASE_URL } from '../../helpers/postgres.js';

const work = mkdtempSync(join(tmpdir(), 'bench-postgres-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const onServer = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(TEST_DATABASE_URL!, fn);

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  return withClient(serverUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

describePostgres('BenchPostgres on the test server', () => {
  it('seeds a state in a database of its own, weighs it, and drops it at close', async () => {
    const bench = await BenchPostgres.open(() => undefined);
    const state = await newState('postgres', join(work, 'pg'), bench, 'test');
    const name = new URL(state.store!.url!).pathname.slice(1);
    expect(name).toMatch(/^vtn_bench_test_[0-9a-z]+_[0-9a-f]{8}$/);
    await seedState({ state, vens: 30, events: 3, now: new Date('2026-06-01T00:00:00Z') });
    // 30 VENs, 3 events, 30 deliveries (one per VEN) and the meta records the store keeps.
    expect((await bench.rowCounts(state.store!.url!)).records).toBeGreaterThanOrEqual(63);
    expect(await stateBytes(state, bench)).toBeGreaterThan(0);
    expect(await databaseExists(TEST_DATABASE_URL!, name)).toBe(true);
    await bench.close();
    expect(await databaseExists(TEST_DATABASE_URL!, name)).toBe(false);
  });

  it('drops at open the databases an interrupted bench left, and none that is recent or in use', async () => {
    const old = `vtn_bench_test_${Math.floor((Date.now() - LEFTOVER_AGE_MS - 60_000) / 1000).toString(36)}_0000abcd`;
    const recent = `vtn_bench_test_${Math.floor(Date.now() / 1000).toString(36)}_0000abce`;
    for (const name of [old, recent]) await onServer((c) => c.query(`CREATE DATABASE ${name}`));
    try {
      const lines: string[] = [];
      const bench = await BenchPostgres.open((l) => lines.push(l));
      await bench.close();
      expect(await databaseExists(TEST_DATABASE_URL!, old)).toBe(false);
      expect(await databaseExists(TEST_DATABASE_URL!, recent)).toBe(true);
      expect(lines.join('\n')).toContain(`an interrupted bench left behind: ${old}`);
    } finally {
      for (const name of [old, recent]) await onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});

it('tells a leftover bench database by the age in its name and the sessions on it', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  const at = (ms: number) => Math.floor(ms / 1000).toString(36);
  expect(leftoverDatabases([
    { name: `vtn_bench_push_${at(now - 7 * 3600_000)}_0123abcd`, sessions: 0 }, // old, idle: left by a killed run
    { name: `vtn_bench_push_${at(now - 7 * 3600_000)}_0123abce`, sessions: 2 }, // old but in use
    { name: `vtn_bench_load_${at(now - 600_000)}_0123abcf`, sessions: 0 }, // another bench's, seeding right now
    { name: 'vtn_bench_year_0123abc0', sessions: 0 }, // named before names carried a time
    { name: 'vtn_bench_mine', sessions: 0 }, // not a name the bench makes
  ], now)).toEqual([`vtn_bench_push_${at(now - 7 * 3600_000)}_0123abcd`, 'vtn_bench_year_0123abc0']);
});

const installed = existsSync('/usr/lib/postgresql');
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
if (!installed && !inCi) console.warn('SKIPPED "a throw-away cluster": no PostgreSQL server installed under /usr/lib/postgresql');
it.skipIf(!installed && !inCi)('a throw-away cluster listens on 127.0.0.1 with a password and is removed at stop', async () => {
  const lines: string[] = [];
  const cluster = await startCluster((l) => lines.push(l));
  const dir = /initdb (\S+)\/data/.exec(lines[0]!)?.[1];
  try {
    const url = new URL(cluster.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.password).toMatch(/^[0-9a-f]{24}$/);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    await client.end();
    const wrong = new URL(cluster.url);
    wrong.password = 'wrong';
    await expect(new pg.Client({ connectionString: wrong.toString() }).connect()).rejects.toThrow(/password authentication failed/);
  } finally {
    cluster.stop();
  }
  expect(dir && existsSync(dir)).toBe(false);
  expect(lines.at(-1)).toMatch(/stopped, .* removed/);
}, 60_000);
